import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { annotateFile } from './cli/annotateFile';
import { main } from './cli/main';
import { isCorpusWorker, runCorpusWorker } from './core/corpus/parallel';

if (isCorpusWorker()) {
  // A worker of the corpus commands (stats, export): indexes or exports its share of the files.
  runCorpusWorker();
} else if (!isMainThread && (workerData as { articleAnnotatorWorker?: boolean } | undefined)?.articleAnnotatorWorker) {
  // A worker of `annotate --jobs N`: one file per message.
  parentPort?.on('message', (m: { file: string; stdout: boolean }) => {
    void annotateFile(m.file, { stdout: m.stdout }).then((r) => parentPort?.postMessage(r));
  });
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`article-annotator: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
