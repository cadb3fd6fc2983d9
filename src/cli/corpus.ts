/** CLI subcommands over the corpus: `stats`, `export`, `import --from brat`. */
import { workspaceConfigFrom } from '../core/workspace/config';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  BratMismatchError, CorpusIndex, fromBrat, indexSidecarsParallel, isSidecarPath, exportParallel, mergeImported, type ExportJob, quoteRows,
  reportData, reportHtml, reportMarkdown, toCsv, toJsonl, toW3cFromJson, corpusStats,
} from '../core/corpus';
import { atomicWrite, loadSidecar, NodeFileSystem, saveSidecar, sidecarPathFor } from '../core/store';
import { parseHeader } from '../core/analysis/header';
import { decodeArticle } from '../core/textFile';
import { WORKSPACE_FILE, emptyWorkspaceConfig, type WorkspaceConfig } from '../core/workspace/types';
import { ARTICLE_EXTENSIONS } from './files';

export class CorpusUsageError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test']);
const nodeFs = new NodeFileSystem();
const posix = (p: string) => path.resolve(p).split(path.sep).join('/');
const err = (file: string, message: string) => {
  // core messages may already start with the file's name
  const base = path.basename(file) + ': ';
  process.stderr.write(`article-annotator: ${file}: ${message.startsWith(base) ? message.slice(base.length) : message}\n`);
};

/** Files whose name passes `want`, found in the given files and folders (sorted, no repeats). */
async function findFiles(paths: string[], want: (name: string) => boolean, mapFile: (p: string) => string | undefined): Promise<{ files: string[]; failed: number }> {
  const out: string[] = [];
  const seen = new Set<string>();
  let failed = 0;
  const add = (p: string) => {
    const abs = posix(p);
    if (!seen.has(abs)) { seen.add(abs); out.push(abs); }
  };
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p); }
      else if (e.isFile() && want(e.name)) add(p);
    }
  }
  for (const p of paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) await walk(p);
      else {
        const m = mapFile(p);
        if (m) add(m);
        else { err(p, 'is not a file this command reads.'); failed++; }
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      err(p, code === 'ENOENT' ? 'no such file or folder.' : `cannot be read (${code ?? String(e)}).`);
      failed++;
    }
  }
  return { files: out, failed };
}

const sidecarOf = (p: string) => (isSidecarPath(p) ? p : ARTICLE_EXTENSIONS.includes(path.extname(p).toLowerCase()) ? sidecarPathFor(posix(p)) : undefined);

/** The nearest workspace file above the first path. */
async function workspaceConfig(explicit: string | undefined, paths: string[]): Promise<WorkspaceConfig> {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  else {
    let dir = path.resolve(paths[0] ?? '.');
    try { if (!(await fs.stat(dir)).isDirectory()) dir = path.dirname(dir); } catch { dir = path.dirname(dir); }
    for (;;) {
      candidates.push(path.join(dir, WORKSPACE_FILE));
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const c of candidates) {
    try {
      return workspaceConfigFrom(await fs.readFile(c, 'utf8'));
    } catch (e) {
      if (explicit) throw new CorpusUsageError(`the workspace file ${explicit} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
    }
  }
  return emptyWorkspaceConfig();
}

interface Common {
  paths: string[];
  out?: string;
  format?: string;
  from?: string;
  workspace?: string;
}

function parseArgs(cmd: string, args: string[], flags: Array<'format' | 'out' | 'from' | 'workspace'>): Common {
  const o: Common = { paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      const v = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new CorpusUsageError(`${name} needs a value.`);
      return v;
    };
    if ((name === '--format' || name === '-f') && flags.includes('format')) o.format = value();
    else if ((name === '--out' || name === '-o') && flags.includes('out')) o.out = value();
    else if (name === '--from' && flags.includes('from')) o.from = value();
    else if (name === '--workspace' && flags.includes('workspace')) o.workspace = value();
    else if (a === '--') { o.paths.push(...args.slice(i + 1)); break; }
    else if (a.startsWith('-') && a !== '-') throw new CorpusUsageError(`unknown option "${a}" for ${cmd}.`);
    else o.paths.push(a);
  }
  if (o.paths.length === 0) throw new CorpusUsageError(`${cmd} needs at least one file or folder.`);
  return o;
}

async function buildIndex(o: Common): Promise<{ index: CorpusIndex; failed: number }> {
  const { files, failed } = await findFiles(o.paths, isSidecarPath, sidecarOf);
  const index = new CorpusIndex(await workspaceConfig(o.workspace, o.paths));
  // worker threads run this same script (dist/cli.js), see src/cli.ts
  const errors = await indexSidecarsParallel(index, files, require.main?.filename ?? process.argv[1]!);
  for (const e of errors) err(e.sidecar, e.message);
  return { index, failed: failed + errors.length };
}

const relName = (p: string) => {
  const r = path.relative(process.cwd(), p).split(path.sep).join('/');
  return r.startsWith('..') || path.isAbsolute(r) ? p : r;
};

async function writeOut(out: string | undefined, text: string): Promise<void> {
  if (out === undefined || out === '-') { process.stdout.write(text); return; }
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await atomicWrite(nodeFs, posix(out), new TextEncoder().encode(text));
}

export async function stats(args: string[]): Promise<number> {
  const o = parseArgs('stats', args, ['format', 'out', 'workspace']);
  const format = o.format ?? (o.out?.endsWith('.html') ? 'html' : o.out?.endsWith('.json') ? 'json' : 'md');
  if (!['md', 'markdown', 'html', 'json'].includes(format)) throw new CorpusUsageError(`stats --format takes md, html or json, not "${format}".`);
  const { index, failed } = await buildIndex(o);
  const data = reportData(index, relName);
  const text = format === 'html' ? reportHtml(data, { nonce: randomBytes(16).toString('base64') })
    : format === 'json' ? JSON.stringify(corpusStats(index), null, 2) + '\n'
    : reportMarkdown(data);
  await writeOut(o.out, text);
  return failed > 0 ? 1 : 0;
}

export async function exportCorpus(args: string[]): Promise<number> {
  const o = parseArgs('export', args, ['format', 'out', 'workspace']);
  if (!o.format) throw new CorpusUsageError('export needs --format csv, jsonl, brat or w3c.');
  if (!['csv', 'jsonl', 'brat', 'w3c'].includes(o.format)) throw new CorpusUsageError(`export --format takes csv, jsonl, brat or w3c, not "${o.format}".`);
  const { index, failed } = await buildIndex(o);
  let failures = failed;
  if (o.format === 'csv' || o.format === 'jsonl') {
    const attrs = index.workspace.speakerAttributes.map((a) => a.id);
    const rows = [...quoteRows(index, relName)];
    for (const r of rows) for (const k of Object.keys(r.attributes)) if (!attrs.includes(k)) attrs.push(k);
    await writeOut(o.out, o.format === 'csv' ? toCsv(rows, attrs) : toJsonl(rows));
    return failures > 0 ? 1 : 0;
  }
  const arts = index.sorted();
  // worker threads run this same script (dist/cli.js), see src/cli.ts
  const script = require.main?.filename ?? process.argv[1];
  const known = index.workspace.speakers;
  if (o.format === 'w3c') {
    const base = o.out && o.out !== '-' ? path.dirname(path.resolve(o.out)) : process.cwd();
    const jobs = arts.map((x) => ({ article: x.article, source: path.relative(base, x.article).split(path.sep).join('/') }));
    const results = await exportParallel('w3c', jobs, known, false, script);
    const items: string[] = [];
    results.forEach((r, i) => {
      if (r.error) { err(jobs[i]!.article, r.error); failures++; }
      for (const it of r.items ?? []) items.push(it);
    });
    await writeOut(o.out, toW3cFromJson(items));
    return failures > 0 ? 1 : 0;
  }
  // brat: `.ann` beside each `.txt`, or a copy of text + .ann under -o DIR
  if (o.out === '-') throw new CorpusUsageError('export --format brat writes files; give -o a folder or leave it out.');
  const jobs: ExportJob[] = [];
  for (const { article: a } of arts) {
    const stem = a.replace(/\.[^./]+$/, '');
    if (o.out === undefined) {
      if (!a.toLowerCase().endsWith('.txt')) { err(a, 'brat needs a .txt file beside the .ann; use -o FOLDER to write a copy of the text with it.'); failures++; continue; }
      jobs.push({ article: a, stem });
    } else {
      const rel = relName(stem);
      jobs.push({ article: a, stem: posix(path.resolve(o.out, path.isAbsolute(rel) ? path.basename(rel) : rel)) });
    }
  }
  // exported files are plain writes (they can be made again); sidecars are the ones written atomically
  const results = await exportParallel('brat', jobs, known, o.out !== undefined, script);
  let written = 0;
  results.forEach((r, i) => {
    if (r.error) { err(jobs[i]!.article, r.error); failures++; return; }
    if (r.warning) err(jobs[i]!.article, 'warning: ' + r.warning);
    written++;
  });
  process.stderr.write(`${written} article(s) exported as brat standoff${failures ? `, ${failures} failed` : ''}.\n`);
  return failures > 0 ? 1 : 0;
}

export async function importCorpus(args: string[]): Promise<number> {
  const o = parseArgs('import', args, ['from']);
  if (o.from !== 'brat') throw new CorpusUsageError(o.from ? `import --from takes brat, not "${o.from}".` : 'import needs --from brat.');
  const { files, failed } = await findFiles(o.paths, (n) => n.endsWith('.ann'), (p) => (p.endsWith('.ann') ? posix(p) : p.endsWith('.txt') ? posix(p.slice(0, -4) + '.ann') : undefined));
  let failures = failed;
  for (const annPath of files) {
    const txt = annPath.slice(0, -4) + '.txt';
    try {
      let annText: string;
      try { annText = await fs.readFile(annPath, 'utf8'); } catch { err(annPath, 'no such file.'); failures++; continue; }
      let text: string;
      try { text = decodeArticle(await fs.readFile(txt), path.basename(txt)).text; } catch (e) {
        err(annPath, (e as NodeJS.ErrnoException).code === 'ENOENT' ? `its text ${path.basename(txt)} is missing; brat keeps the text in a .txt beside the .ann.` : (e as Error).message);
        failures++;
        continue;
      }
      const imported = fromBrat(annText, text);
      for (const w of imported.warnings) err(annPath, 'warning: ' + w);
      const loaded = await loadSidecar(nodeFs, txt, text);
      if (!loaded.parsed.ok) {
        const d = loaded.parsed.diagnostics.find((x) => x.severity === 'error');
        err(annPath, `${path.basename(loaded.path)} line ${d?.line ?? 1}: ${d?.message ?? 'does not parse.'} It was left unchanged.`);
        failures++;
        continue;
      }
      const merged = mergeImported(loaded.parsed.annotations, imported.annotations);
      if (!merged.annotations.article || Object.keys(merged.annotations.article).length === 0) {
        const meta = parseHeader(text).article;
        if (Object.keys(meta).length) merged.annotations.article = meta;
      }
      await saveSidecar(nodeFs, txt, merged.annotations, text, { previous: loaded.parsed, expectedDiskText: loaded.diskText ?? null });
      process.stderr.write(`${relName(txt)}: ${merged.added} annotation(s) added, ${merged.updated} updated.\n`);
    } catch (e) {
      err(annPath, e instanceof BratMismatchError ? e.message : (e as Error).message);
      failures++;
    }
  }
  return failures > 0 ? 1 : 0;
}
