/**
 * Corpus benchmark: 10,000 articles with their sidecars, generated in a temp folder with the
 * seeded PRNG. Prints cold index time (target <= 5 s on 2 cores), update after one sidecar
 * changes (<= 50 ms), memory (<= 300 MB) and export of the 10,000 articles (<= 10 s).
 * Never fails on time. `ARTICLE_ANNOTATOR_BENCH_ARTICLES=N` changes the count.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { serialize, NodeFileSystem } from '../src/core/store';
import {
  CorpusIndex, corpusStats, indexSidecars, indexSidecarsParallel, exportParallel, quoteRows, reportData, reportHtml, toCsv, toJsonl, toW3cFromJson,
} from '../src/core/corpus';
import { emptyWorkspaceConfig } from '../src/core/workspace/types';
import { prng } from '../test/support/prng';
import { makeArticle } from '../test/support/corpusGen';

function gcNow(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const mb = (n: number) => (n / 1048576).toFixed(0) + ' MB';
const ms = (t: number) => t.toFixed(t < 10 ? 2 : 0) + ' ms';
/** CPU time of the whole process (all threads) since `from`, for comparing runs on a busy machine. */
const cpu = (from: NodeJS.CpuUsage) => { const c = process.cpuUsage(from); return ` (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s)`; };

export async function run(): Promise<void> {
  const count = Number(process.env.ARTICLE_ANNOTATOR_BENCH_ARTICLES ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-corpus-bench-'));
  try {
    const r = prng(7);
    let t = performance.now();
    let bytes = 0;
    const sidecars: string[] = [];
    for (let i = 0; i < count; i++) {
      const sub = path.join(dir, `batch-${Math.floor(i / 500)}`);
      if (i % 500 === 0) fs.mkdirSync(sub);
      const { text, ann } = makeArticle(r, i);
      const y = serialize(ann, text);
      bytes += y.length;
      fs.writeFileSync(path.join(sub, `story-${i}.txt`), text);
      const sc = path.join(sub, `story-${i}.annotations.yaml`);
      fs.writeFileSync(sc, y);
      sidecars.push(sc.split(path.sep).join('/'));
    }
    console.log(`corpus: generated ${count} articles and sidecars (${mb(bytes)} of YAML) in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed below)`);

    gcNow();
    const heap0 = process.memoryUsage().heapUsed;
    const nodeFs = new NodeFileSystem();
    let c0 = process.cpuUsage();
    t = performance.now();
    // what a cold start does: find the sidecars, read and parse them all, compute the aggregations
    const found: string[] = [];
    for (const d of await fsp.readdir(dir)) for (const f of await fsp.readdir(path.join(dir, d))) if (f.endsWith('.annotations.yaml')) found.push(path.join(dir, d, f).split(path.sep).join('/'));
    const index = new CorpusIndex(emptyWorkspaceConfig());
    const errors = await indexSidecarsParallel(index, found, path.join(__dirname, '..', 'src', 'core', 'corpus', 'indexWorker.js'));
    const stats = corpusStats(index);
    const cold = performance.now() - t;
    console.log(`corpus: cold index of ${index.size} sidecars, ${stats.quotes} quotes, ${stats.speakers.length} speakers, ${errors.length} errors (target <= 5 s): ${(cold / 1000).toFixed(2)} s${cpu(c0)}`);
    gcNow();
    const heap1 = process.memoryUsage();
    console.log(`corpus: memory of the index (target <= 300 MB): heap ${mb(heap1.heapUsed - heap0)} for the index, process RSS ${mb(heap1.rss)}`);

    // one sidecar changes: read it, replace its entry, recompute the aggregations
    const times: number[] = [];
    const target = sidecars[Math.floor(count / 2)]!;
    const original = fs.readFileSync(target, 'utf8');
    for (let i = 0; i < 30; i++) {
      const changed = i % 2 ? original : original.replace(/status: suggested/, 'status: confirmed').replace(/topics: \[/, 'topics: [climate, ');
      fs.writeFileSync(target, changed);
      const t0 = performance.now();
      await indexSidecars(index, nodeFs, [target]);
      corpusStats(index);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`corpus: update after one sidecar changes, read + re-index + aggregations (target <= 50 ms): median ${ms(times[15]!)}, max ${ms(times[29]!)} (n=30)`);

    t = performance.now();
    const html = reportHtml(reportData(index), { nonce: 'bench' });
    console.log(`corpus: HTML report (${mb(html.length)}): ${ms(performance.now() - t)}`);

    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    for (const f of ['csv', 'jsonl'] as const) {
      c0 = process.cpuUsage();
      t = performance.now();
      const rows = [...quoteRows(index)];
      const s = f === 'csv' ? toCsv(rows) : toJsonl(rows);
      fs.writeFileSync(path.join(out, 'x.' + f), s);
      console.log(`corpus: export ${count} articles as ${f.toUpperCase()} (${rows.length} rows, ${mb(s.length)}) (target <= 10 s): ${ms(performance.now() - t)}${cpu(c0)}`);
    }
    const script = path.join(__dirname, '..', 'src', 'core', 'corpus', 'indexWorker.js');
    c0 = process.cpuUsage();
    t = performance.now();
    const jobs = index.sorted().map((a) => ({ article: a.article, source: path.relative(out, a.article).split(path.sep).join('/') }));
    const w3c = await exportParallel('w3c', jobs, [], false, script);
    const items = w3c.flatMap((x) => x.items ?? []);
    fs.writeFileSync(path.join(out, 'x.jsonld'), toW3cFromJson(items));
    console.log(`corpus: export ${count} articles as W3C JSON-LD (${items.length} annotations, reads every article, worker threads) (target <= 10 s): ${ms(performance.now() - t)}${cpu(c0)}`);
    items.length = 0;
    c0 = process.cpuUsage();
    t = performance.now();
    const brat = await exportParallel('brat', jobs.map((j) => ({ article: j.article })), [], false, script);
    console.log(`corpus: export ${count} articles as brat standoff (reads every article, writes ${brat.filter((x) => !x.error).length} .ann, worker threads) (target <= 10 s): ${ms(performance.now() - t)}${cpu(c0)}`);
    console.log('corpus: timings on a shared 2-core machine are noisy; figures as measured.');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
