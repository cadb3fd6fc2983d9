/** Worker-thread entry for `indexSidecarsParallel` when running from out/ (tests, bench). */
import { isCorpusWorker, runCorpusWorker } from './parallel';

if (isCorpusWorker()) runCorpusWorker();
