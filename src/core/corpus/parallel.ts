/**
 * Cold indexing with worker threads: each worker reads and parses a share of the sidecars and
 * posts the entries back in batches; the calling thread only inserts them. Used by the CLI and
 * the benchmark (Node only; the editor indexes in the background on its own thread instead).
 *
 * The worker side is `runCorpusWorker`, started when a script is loaded with
 * `workerData.articleAnnotatorCorpusWorker` (the CLI bundle dispatches on it; so does this
 * module when loaded directly as a worker).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readCorpusArticle, type CorpusArticle, type CorpusError, type CorpusIndex } from './corpusIndex';
import { decodeUtf8, indexSidecars } from './loader';
import { NodeFileSystem } from '../store/files';

interface Batch { done: boolean; items: Array<CorpusArticle | CorpusError> }

export function isCorpusWorker(): boolean {
  return !isMainThread && !!(workerData as { articleAnnotatorCorpusWorker?: boolean } | undefined)?.articleAnnotatorCorpusWorker;
}

/** The worker: reads the paths it was given, posts entries 250 at a time. */
export function runCorpusWorker(): void {
  const paths = (workerData as { paths: string[] }).paths;
  let items: Batch['items'] = [];
  for (const p of paths) {
    try {
      items.push(readCorpusArticle(p, decodeUtf8(readFileSync(p))));
    } catch (e) {
      items.push({ sidecar: p, message: `${p.slice(p.lastIndexOf('/') + 1)} could not be read: ${(e as Error).message}` });
    }
    if (items.length >= 250) { parentPort?.postMessage({ done: false, items } satisfies Batch); items = []; }
  }
  parentPort?.postMessage({ done: true, items } satisfies Batch);
}

/**
 * Indexes `paths` with up to `workers` threads running `script` (a file that calls
 * `runCorpusWorker` when `isCorpusWorker()`). Small sets, or a failure to start workers, fall
 * back to reading on this thread.
 */
export async function indexSidecarsParallel(index: CorpusIndex, paths: readonly string[], script: string, workers = Math.min(4, availableParallelism())): Promise<CorpusError[]> {
  if (workers < 2 || paths.length < 400) return indexSidecars(index, new NodeFileSystem(), paths);
  const errors: CorpusError[] = [];
  const shares: string[][] = Array.from({ length: workers }, () => []);
  paths.forEach((p, i) => shares[i % workers]!.push(p));
  try {
    await Promise.all(shares.map((share) => new Promise<void>((resolve, reject) => {
      const w = new Worker(script, { workerData: { articleAnnotatorCorpusWorker: true, paths: share } });
      w.on('message', (b: Batch) => {
        for (const it of b.items) {
          if ('message' in it) { errors.push(it); index.fail(it); }
          else index.set(it);
        }
        if (b.done) void w.terminate().then(() => resolve());
      });
      w.once('error', reject);
    })));
  } catch {
    return indexSidecars(index, new NodeFileSystem(), paths);
  }
  return errors;
}
