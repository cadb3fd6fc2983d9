/**
 * Cold indexing with worker threads: each worker reads and parses a share of the sidecars and
 * posts the entries back in batches; the calling thread only inserts them. Used by the CLI and
 * the benchmark (Node only; the editor indexes in the background on its own thread instead).
 *
 * The worker side is `runCorpusWorker`, started when a script is loaded with
 * `workerData.articleAnnotatorCorpusWorker` (the CLI bundle dispatches on it; so does this
 * module when loaded directly as a worker).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Speaker } from '../model';
import { readCorpusArticle, resolveSpeaker, type CorpusArticle, type CorpusError, type CorpusIndex } from './corpusIndex';
import { decodeUtf8, forEachArticle, indexSidecars, type LoadedArticle } from './loader';
import { toBrat } from './brat';
import { w3cAnnotations } from './w3c';
import { NodeFileSystem } from '../store/files';

interface Batch { done: boolean; items: Array<CorpusArticle | CorpusError> }

export function isCorpusWorker(): boolean {
  return !isMainThread && !!(workerData as { articleAnnotatorCorpusWorker?: boolean } | undefined)?.articleAnnotatorCorpusWorker;
}

/** The worker: indexes (or exports, see `exportParallel`) the share it was given. */
export function runCorpusWorker(): void {
  const data = workerData as { task?: 'export'; paths: string[] } & ExportShare;
  if (data.task === 'export') {
    void runExportWorker(data);
    return;
  }
  const paths = data.paths;
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

// ---------------------------------------------------------------------------------------------
// Exports that read every article again (brat, W3C)

export interface ExportJob {
  /** The article file (its sidecar is beside it). */
  article: string;
  /** brat: where to write, without extension (`.ann`, plus `.txt` when `copyText`). */
  stem?: string;
  /** W3C: the article's IRI in the export. */
  source?: string;
}

export interface ExportResult {
  error?: string;
  warning?: string;
  /** W3C: the annotations, serialized. */
  items?: string[];
}

interface ExportShare {
  format: 'brat' | 'w3c';
  jobs: ExportJob[];
  /** Indices of `jobs` in the whole export. */
  at: number[];
  known: Speaker[];
  copyText: boolean;
}

async function exportOne(job: ExportJob, l: LoadedArticle | { error: string }, s: Pick<ExportShare, 'format' | 'copyText'>, known: Map<string, Speaker>): Promise<ExportResult> {
  if ('error' in l) return { error: l.error };
  if (s.format === 'w3c') {
    const local = new Map(l.annotations.speakers.map((x) => [x.id, x]));
    const w = w3cAnnotations({ source: job.source ?? job.article, text: l.text, annotations: l.annotations, speakerName: (id) => resolveSpeaker(id, local.get(id), known).name });
    return { items: w.items.map((x) => JSON.stringify(x)) };
  }
  const { ann, skipped } = toBrat(l.annotations, l.text);
  const stem = job.stem ?? job.article.replace(/\.[^./]+$/, '');
  try {
    if (s.copyText) {
      await mkdir(stem.slice(0, Math.max(stem.lastIndexOf('/'), 1)), { recursive: true });
      await writeFile(stem + '.txt', l.text);
    }
    // small files: a synchronous write skips the thread pool round trip (measured faster here)
    writeFileSync(stem + '.ann', ann);
  } catch (e) {
    return { error: `${stem}.ann could not be written: ${(e as Error).message}` };
  }
  return skipped ? { warning: `${skipped} orphaned annotation(s) left out.` } : {};
}

async function runExportWorker(s: ExportShare): Promise<void> {
  const known = new Map(s.known.map((x) => [x.id, x]));
  let batch: Array<[number, ExportResult]> = [];
  let i = 0;
  await forEachArticle(new NodeFileSystem(), s.jobs.map((j) => j.article), async (_p, l) => {
    const k = i++;
    batch.push([s.at[k]!, await exportOne(s.jobs[k]!, l, s, known)]);
    if (batch.length >= 100) { parentPort?.postMessage({ done: false, results: batch }); batch = []; }
  });
  parentPort?.postMessage({ done: true, results: batch });
}

/**
 * brat or W3C export of `jobs` with up to `workers` threads running `script` (as for
 * `indexSidecarsParallel`); one result per job, in job order. brat files are written by the
 * workers; W3C annotations come back serialized for `toW3cFromJson`.
 */
export async function exportParallel(format: 'brat' | 'w3c', jobs: ExportJob[], known: Speaker[], copyText: boolean, script: string | undefined, workers = Math.min(4, availableParallelism())): Promise<ExportResult[]> {
  const results: ExportResult[] = new Array(jobs.length);
  const single = async () => {
    const map = new Map(known.map((x) => [x.id, x]));
    let i = 0;
    await forEachArticle(new NodeFileSystem(), jobs.map((j) => j.article), async (_p, l) => {
      const k = i++;
      results[k] = await exportOne(jobs[k]!, l, { format, copyText }, map);
    });
    return results;
  };
  if (!script || workers < 2 || jobs.length < 200) return single();
  const n = workers;
  const shares = Array.from({ length: n }, (_, w) => {
    const from = Math.floor((w * jobs.length) / n), to = Math.floor(((w + 1) * jobs.length) / n);
    return { format, jobs: jobs.slice(from, to), at: Array.from({ length: to - from }, (_x, i) => from + i), known, copyText } satisfies ExportShare;
  });
  try {
    await Promise.all(shares.map((share) => new Promise<void>((resolve, reject) => {
      const w = new Worker(script, { workerData: { articleAnnotatorCorpusWorker: true, task: 'export', ...share } });
      w.on('message', (m: { done: boolean; results: Array<[number, ExportResult]> }) => {
        for (const [k, r] of m.results) results[k] = r;
        if (m.done) void w.terminate().then(() => resolve());
      });
      w.once('error', reject);
    })));
  } catch {
    return single();
  }
  return results;
}
