/** The corpus: index of all sidecars, aggregations, report, exports and brat import. Never imports vscode. */
export * from './corpusIndex';
export * from './stats';
export * from './tabular';
export * from './brat';
export * from './w3c';
export * from './report';
export * from './loader';
export { indexSidecarsParallel, exportParallel, isCorpusWorker, runCorpusWorker, type ExportJob, type ExportResult } from './parallel';
