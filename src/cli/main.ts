import { Worker } from 'node:worker_threads';
import { annotateFile, type FileResult } from './annotateFile';
import { discover } from './files';
import { CorpusUsageError, exportCorpus, importCorpus, stats } from './corpus';

const USAGE = `Usage: article-annotator <command> [options] PATH...

Commands:
  annotate PATH...   analyse articles (files, or folders searched for *.txt, *.article, *.md)
                     and write <stem>.annotations.yaml beside each; manual, confirmed and
                     rejected annotations are kept, unconfirmed suggestions refreshed
  stats PATH...      corpus report over the sidecars found (Markdown; --format html|json, -o FILE)
  export --format csv|jsonl|brat|w3c PATH... [-o OUT]
                     one row per quote (csv, jsonl), brat standoff (.ann beside each .txt, or a
                     copy of text and .ann under -o FOLDER), W3C Web Annotation JSON-LD (w3c)
  import --from brat PATH...
                     read brat .ann files (with their .txt) into the sidecars; nothing there is removed
                     stats and export read the nearest .article-annotator.yaml above the first
                     PATH (or --workspace FILE) for known speakers and attributes
  help               show this help

Options for annotate:
  --stdout           print the annotations (YAML documents) instead of writing files
  --jobs N           analyse with N worker threads (default: 1)
  --quiet            no progress line

Exit status: 0 all went well, 1 some files failed (each is named with its reason), 2 bad usage.
`;

export class UsageError extends Error {}

interface AnnotateOptions {
  stdout: boolean;
  jobs: number;
  quiet: boolean;
  paths: string[];
}

function parseAnnotateArgs(args: string[]): AnnotateOptions {
  const opts: AnnotateOptions = { stdout: false, jobs: 1, quiet: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--stdout') opts.stdout = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--jobs' || a === '-j' || a.startsWith('--jobs=')) {
      const v = a.startsWith('--jobs=') ? a.slice(7) : args[++i];
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256, not "${v ?? ''}".`);
      opts.jobs = n;
    } else if (a === '--') opts.paths.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}".`);
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) throw new UsageError('annotate needs at least one file or folder.');
  return opts;
}

/** Runs files through `annotateFile`, in this thread or in worker threads, keeping input order for output. */
async function runAll(files: string[], opts: AnnotateOptions, onDone: (i: number, r: FileResult) => void): Promise<void> {
  const jobs = Math.min(opts.jobs, files.length);
  if (jobs <= 1) {
    for (let i = 0; i < files.length; i++) onDone(i, await annotateFile(files[i] as string, { stdout: opts.stdout }));
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(__filename, { workerData: { articleAnnotatorWorker: true } });
        const feed = () => {
          if (next >= files.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const i = next++;
          worker.once('message', (r: FileResult) => {
            onDone(i, r);
            feed();
          });
          worker.postMessage({ file: files[i], stdout: opts.stdout });
        };
        worker.once('error', reject);
        worker.once('online', feed);
      }),
    ),
  );
}

async function annotate(args: string[]): Promise<number> {
  const opts = parseAnnotateArgs(args);
  const { files, missing } = await discover(opts.paths);
  for (const m of missing) process.stderr.write(`article-annotator: ${m.path}: ${m.reason}\n`);
  if (files.length === 0 && missing.length === 0) process.stderr.write('article-annotator: no articles found (*.txt, *.article, *.md).\n');
  const progress = !opts.quiet && files.length > 1;
  const tty = process.stderr.isTTY;
  let done = 0;
  let failed = missing.length;
  let lastLine = 0;
  const pending = new Map<number, FileResult>();
  let printed = 0;
  const started = Date.now();
  await runAll(files, opts, (i, r) => {
    done++;
    if (!r.ok) {
      failed++;
      if (tty && progress) process.stderr.write('\r\x1b[K');
      process.stderr.write(`article-annotator: ${r.file}: ${r.error}\n`);
    }
    for (const w of r.warnings ?? []) process.stderr.write(`article-annotator: ${r.file}: warning: ${w}\n`);
    if (opts.stdout) {
      pending.set(i, r);
      while (pending.has(printed)) {
        const p = pending.get(printed) as FileResult;
        pending.delete(printed++);
        if (p.ok && p.yaml !== undefined) process.stdout.write(`--- # ${p.file}\n${p.yaml}`);
      }
    }
    if (progress) {
      const now = Date.now();
      if (tty) process.stderr.write(`\r\x1b[K[${done}/${files.length}] ${r.file}`);
      else if (now - lastLine > 2000 || done === files.length) {
        process.stderr.write(`[${done}/${files.length}] annotated\n`);
        lastLine = now;
      }
    }
  });
  if (progress) {
    if (tty) process.stderr.write('\r\x1b[K');
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${files.length - (failed - missing.length)} of ${files.length} articles annotated in ${secs} s${failed ? `, ${failed} failed` : ''}.\n`);
  }
  return failed > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        process.stderr.write(USAGE);
        return 2;
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
      case 'annotate':
        return await annotate(rest);
      case 'stats':
        return await stats(rest);
      case 'export':
        return await exportCorpus(rest);
      case 'import':
        return await importCorpus(rest);
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof CorpusUsageError) {
      process.stderr.write(`article-annotator: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
