/**
 * Benchmark of the analysis engine: throughput next to the `compromise` library on the same
 * text, re-analysis after one-character edits, cold load, peak memory, bundle size. Measures the
 * engine's esbuild bundle (what the extension and the CLI load). Prints figures; never fails on
 * time. Adds a throughput line on real articles when ../shared/data is there (skipped otherwise).
 */
import * as childProcess from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as url from 'node:url';
import { prng } from '../test/support/prng';


const SAMPLE = ` date 2021-05-18 Afghanistan believes all levers of influence should be used to induce Taliban to engage earnestly in peace

AT News

KABUL: Top Chinese diplomat assured the Afghan authorities of all-out support and expressed readiness to facilitate internal negotiations among various parties in Afghanistan, including creating necessary conditions for negotiations in China.

NSA Hamdullah Mohib had a telephonic conversation with China State Councilor and Foreign Minister Wang Yi, who offered China’s full support for peace and said China wants an independent, sovereign and unified Afghanistan, adding that a political settlement is the only viable solution.

“The NSA and Minister Wang Yi identified terrorism as a common threat that both sides should fight. Minister Wang Yi offered that China can increase its efforts, including regionally, in support of peace in Afghanistan,” Mohib’s office said in a statement.

Wang added that China is ready to continue to support Afghanistan on issues concerning its core interest.

Afghanistan adheres to the one-China policy and firmly supports China in safeguarding its own sovereignty and territorial integrity, Mohib said, adding that Afghanistan resolutely fights all forms of terrorism.
`;

const FIRST = ['Maria', 'John', 'Ahmad', 'Li', 'Sarah', 'David', 'Fatima', 'James', 'Elena', 'Omar', 'Laura', 'Peter'];
const LAST = ['Karimi', 'Smith', 'Chen', 'Novak', 'Haddad', 'Okafor', 'Johansson', 'Rossi', 'Tanaka', 'Moreau'];
const TITLES = ['President', 'Foreign Minister', 'Senator', 'Mayor', 'Dr.', 'Mr.', 'Ms.', 'Governor', 'spokesman'];
const PLACES = ['Kabul', 'Washington', 'Beijing', 'Paris', 'Nairobi', 'Lima', 'Berlin', 'Texas', 'Pakistan', 'Brazil'];
const ORGS = ['the United Nations', 'the Health Ministry', 'Reuters', 'the World Bank', 'NATO', 'the Supreme Court'];
const VERBS = ['said', 'added', 'stressed', 'noted', 'warned', 'told reporters'];
const CLAUSES = ['the talks would resume next week', 'the budget had been approved by the assembly',
  'security in the region had improved', 'more work was needed on the agreement', 'the vote was postponed until March',
  'the new policy would help small farmers', 'nobody had been hurt in the incident', 'prices were expected to fall'];

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** A varied synthetic news article of about `size` characters. */
export function syntheticArticle(r: () => number, size: number): string {
  const out: string[] = [];
  let n = 0;
  const day = 1 + Math.floor(r() * 28);
  out.push(` date 2021-0${1 + Math.floor(r() * 9)}-${String(day).padStart(2, '0')} ${pick(r, PLACES)} talks continue\n\nThe Daily Wire\n`);
  while (n < size) {
    const name = `${pick(r, FIRST)} ${pick(r, LAST)}`;
    const short = name.split(' ')[1];
    const place = pick(r, PLACES);
    const kind = Math.floor(r() * 7);
    let para: string;
    if (kind === 0) para = `“${cap(pick(r, CLAUSES))}. We will not stop,” ${pick(r, TITLES)} ${name} said in ${place} on Tuesday.`;
    else if (kind === 1) para = `${cap(pick(r, CLAUSES))}, ${short} ${pick(r, VERBS)}, adding that ${pick(r, CLAUSES)}.`;
    else if (kind === 2) para = `According to ${pick(r, ORGS)}, ${pick(r, CLAUSES)} in ${place}.`;
    else if (kind === 3) para = `${name} ${pick(r, VERBS)} that ${pick(r, CLAUSES)}. “It is ${pick(r, ['good', 'hard', 'late'])} news for ${place},” she said.`;
    else if (kind === 4) para = `On ${pick(r, ['Monday', 'May 3, 2021', 'Friday'])}, officials in ${place} met ${pick(r, ORGS)} to discuss ${pick(r, CLAUSES)} and trade 🚀 links.`;
    else if (kind === 5) para = `“${cap(pick(r, CLAUSES))}, and ${pick(r, CLAUSES)}.\n\n“${cap(pick(r, CLAUSES))},” said ${name}.`;
    else para = SAMPLE.split('\n\n')[3 + Math.floor(r() * 4)] ?? SAMPLE;
    out.push(para);
    n += para.length + 2;
  }
  return out.join('\n\n');
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function buildCorpus(bytes: number): string {
  const r = prng(42);
  const parts: string[] = [SAMPLE];
  let n = SAMPLE.length;
  while (n < bytes) {
    const a = syntheticArticle(r, 2000 + Math.floor(r() * 6000));
    parts.push(a);
    n += a.length + 2;
  }
  return parts.join('\n\n');
}

/** CPU seconds this process used since `from`, all its threads (on a shared machine, closer to the work done than wall time). */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
}

/**
 * The string as one flat buffer. An editor hands the analyzer a flat string (VS Code's
 * `getText()`); a string built with `+` is a rope that V8 flattens at its first search (about
 * 2-3 ms for 1 MB), which would be timed as analysis. Converting to a number reads every
 * character, so V8 flattens it here, outside the timed section.
 */
function flatten(s: string): string {
  void Number(s);
  return s;
}

function mb(chars: number): number {
  return chars / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}

async function bundleEngine(): Promise<string> {
  const esbuild = await import('esbuild');
  const root = path.resolve(__dirname, '../..');
  const outfile = path.join(os.tmpdir(), `article-annotator-engine-${process.pid}.js`);
  // the same build-time data step as the extension and CLI bundles (scripts/build.mjs)
  const { engineDataPlugin } = await import(url.pathToFileURL(path.join(root, 'scripts/esbuild-data.mjs')).href) as
    { engineDataPlugin: import('esbuild').Plugin };
  await esbuild.build({
    plugins: [engineDataPlugin],
    absWorkingDir: root,
    entryPoints: ['src/core/analysis/index.ts'],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, outfile, logLevel: 'warning',
  });
  return outfile;
}

function runChild(script: string, nodeFlags: string[] = []): string {
  return childProcess.execFileSync(process.execPath, [...nodeFlags, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/**
 * Throughput on ONE thread: a fresh node with V8's `--single-threaded` (garbage collection and
 * compilation on the main thread, no helper threads), so CPU time = wall time = the work of one
 * core. In the main process, the CPU time also counts V8's parallel GC and background compiler
 * threads (which is why it can exceed the wall time). Same warm-up and best-of-3 as above.
 */
function oneThreadRate(bundle: string, text: string): { wall: number; cpu: number } {
  const file = path.join(os.tmpdir(), `article-annotator-one-thread-${process.pid}.txt`);
  fs.writeFileSync(file, text);
  try {
    const out = runChild(`const fs=require('fs');const m=require(${JSON.stringify(bundle)});const t=fs.readFileSync(${JSON.stringify(file)},'utf8');` +
      `void Number(t);m.analyze(t.slice(0,200000));let w=Infinity,c=Infinity;` +
      `for(let i=0;i<3;i++){const t0=performance.now(),c0=process.cpuUsage();m.analyze(t);const u=process.cpuUsage(c0);` +
      `w=Math.min(w,(performance.now()-t0)/1000);c=Math.min(c,(u.user+u.system)/1e6);}console.log(w+' '+c);`, ['--single-threaded']);
    const [wall, cpu] = out.trim().split(' ').map(Number);
    return { wall, cpu };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Article texts of ../shared/data (PolNeAR dev, GUM news), or null when the data is absent. */
function realArticles(): { texts: string[]; dir: string } | null {
  const dir = process.env.ARTICLE_ANNOTATOR_DATA ?? path.resolve(__dirname, '../../../shared/data');
  const texts: string[] = [];
  for (const f of ['polnear_dev.json', 'gum_news.json']) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) return null;
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { docs?: { text?: unknown }[] };
    for (const d of data.docs ?? []) if (typeof d.text === 'string') texts.push(d.text);
  }
  return texts.length ? { texts, dir } : null;
}

/** Fresh processes started per cold-load figure (the machine is shared: medians of many). */
const COLD_RUNS = 15;

/**
 * Cold load of the engine: in a fresh node, the time to load the bundle, then to analyse a small
 * article (the first analysis also compiles most of the engine: V8 compiles a function on its
 * first call). Two ways, interleaved so both see the same machine load: a plain `require`, and
 * the same bundle compiled with a V8 code cache made by one earlier start (what VS Code's
 * extension host keeps for extension code, or what a caching loader of the CLI would do).
 */
function coldLoad(bundle: string): void {
  const cacheFile = `${bundle}.v8cache`;
  const measure = (load: string): string =>
    `const c0=process.cpuUsage();const t0=performance.now();${load};const t1=performance.now();` +
    `m.analyze(${JSON.stringify(SAMPLE)});const t2=performance.now();const c=process.cpuUsage(c0);` +
    `console.log((t1-t0).toFixed(2)+' '+(t2-t1).toFixed(2)+' '+((c.user+c.system)/1000).toFixed(2));`;
  const viaScript = (cached: boolean): string =>
    `const fs=require('fs'),vm=require('vm'),M=require('module'),B=${JSON.stringify(bundle)};` +
    `const s=new vm.Script(M.wrap(fs.readFileSync(B,'utf8')),{filename:B${cached ? `,cachedData:fs.readFileSync(${JSON.stringify(cacheFile)})` : ''}});` +
    `${cached ? `if(s.cachedDataRejected)throw new Error('code cache rejected');` : ''}` +
    `const mod={exports:{}};s.runInThisContext().call(mod.exports,mod.exports,require,mod,B,require('path').dirname(B));const m=mod.exports`;
  try {
    // the cache, made the way a loader would: after the first analysis, so it holds the functions it compiled
    runChild(`${viaScript(false)};m.analyze(${JSON.stringify(SAMPLE)});fs.writeFileSync(${JSON.stringify(cacheFile)},s.createCachedData());`);
    const kinds = [
      { name: 'require', script: measure(`const m=require(${JSON.stringify(bundle)})`), req: [] as number[], first: [] as number[], cpu: [] as number[] },
      { name: 'with a V8 code cache', script: measure(viaScript(true)), req: [] as number[], first: [] as number[], cpu: [] as number[] },
    ];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const k of kinds) {
        const [req, first, cpu] = runChild(k.script).trim().split(' ').map(Number);
        k.req.push(req); k.first.push(first); k.cpu.push(cpu);
      }
    }
    const [plain, cached] = kinds;
    const req = median(plain.req), first = median(plain.first);
    console.log(`cold load in a fresh node: require ${req.toFixed(1)} ms + first analyze of a small article ${first.toFixed(1)} ms = ${(req + first).toFixed(1)} ms ` +
      `(CPU time ${median(plain.cpu).toFixed(1)} ms; medians of ${COLD_RUNS} fresh processes)`);
    const creq = median(cached.req), cfirst = median(cached.first);
    console.log(`cold load with a V8 code cache of the bundle (${(fs.statSync(cacheFile).size / 1024).toFixed(0)} KB, made by one earlier start): ` +
      `load ${creq.toFixed(1)} ms + first analyze ${cfirst.toFixed(1)} ms = ${(creq + cfirst).toFixed(1)} ms ` +
      `(CPU time ${median(cached.cpu).toFixed(1)} ms; medians of ${COLD_RUNS} fresh processes, interleaved with the above)`);
  } finally {
    fs.rmSync(cacheFile, { force: true });
  }
}

type Engine = typeof import('../src/core/analysis');

/** Full analysis of `text`, best of `reps` runs (the machine is shared: the best run is the least disturbed). */
function timeAnalysis(engine: Engine, text: string, reps: number): { wall: number; cpu: number; entities: number; quotes: number; speakers: number } {
  let wall = Infinity, cpu = Infinity, entities = 0, quotes = 0, speakers = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const a = engine.analyze(text);
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    cpu = Math.min(cpu, cpuSeconds(c0));
    entities = a.entities.length; quotes = a.quotes.length; speakers = a.speakers.length;
  }
  return { wall, cpu, entities, quotes, speakers };
}

export async function run(): Promise<void> {
  console.log('engine benchmark (one core, Node ' + process.version + ')');
  // The engine as it ships: the extension and the CLI load an esbuild bundle of it (built here with
  // the same data step), so that bundle is what every figure below measures.
  const bundle = await bundleEngine();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const engine = require(bundle) as Engine;
    // ---- throughput
    const corpus = flatten(buildCorpus(5.2e6));
    engine.analyze(corpus.slice(0, 200000)); // warm up
    const full = timeAnalysis(engine, corpus, 3);
    const engineMBs = mb(corpus.length) / full.wall;
    console.log(`full analysis (synthetic news text): ${mb(corpus.length).toFixed(2)} MB in ${(full.wall * 1000).toFixed(0)} ms = ${engineMBs.toFixed(1)} MB/s ` +
      `(CPU time ${(full.cpu * 1000).toFixed(0)} ms = ${(mb(corpus.length) / full.cpu).toFixed(1)} MB/s; best of 3) ` +
      `(${full.entities} entities, ${full.quotes} quotes, ${full.speakers} speakers)`);
    const one = oneThreadRate(bundle, corpus);
    console.log(`full analysis (synthetic) on one thread (fresh node --single-threaded: GC and compiler on the main thread): ` +
      `${(mb(corpus.length) / one.wall).toFixed(1)} MB/s wall, ${(mb(corpus.length) / one.cpu).toFixed(1)} MB/s CPU (best of 3)`);
    const real = realArticles();
    if (real) {
      // real articles, repeated up to the same size (the synthetic text is denser in quotes and names)
      const parts: string[] = [];
      let n = 0;
      while (n < 5.2e6) for (const t of real.texts) { parts.push(t); n += t.length + 2; }
      const realCorpus = flatten(parts.join('\n\n'));
      const distinct = real.texts.reduce((x, t) => x + t.length, 0);
      const r = timeAnalysis(engine, realCorpus, 3);
      console.log(`full analysis (real articles: ${real.texts.length} news articles of ../shared/data, ${(distinct / 1000).toFixed(0)} KB, repeated): ` +
        `${mb(realCorpus.length).toFixed(2)} MB in ${(r.wall * 1000).toFixed(0)} ms = ${(mb(realCorpus.length) / r.wall).toFixed(1)} MB/s ` +
        `(CPU time ${(r.cpu * 1000).toFixed(0)} ms = ${(mb(realCorpus.length) / r.cpu).toFixed(1)} MB/s; best of 3)`);
      // a fingerprint of the engine's output on these articles: a speed change must leave it as it was
      const sha = crypto.createHash('sha256');
      for (const t of real.texts) sha.update(JSON.stringify(engine.analyze(t)));
      console.log(`output fingerprint (SHA-256 of the analyses of the ${real.texts.length} real articles): ${sha.digest('hex').slice(0, 16)}`);
      const oneReal = oneThreadRate(bundle, realCorpus);
      console.log(`full analysis (real articles) on one thread (--single-threaded): ` +
        `${(mb(realCorpus.length) / oneReal.wall).toFixed(1)} MB/s wall, ${(mb(realCorpus.length) / oneReal.cpu).toFixed(1)} MB/s CPU (best of 3)`);
    } else {
      console.log('full analysis (real articles): no ../shared/data (set ARTICLE_ANNOTATOR_DATA); skipped.');
    }
    // the same subset for both, both warm (each has analysed other text first), so the ratio compares like with like
    const subset = corpus.slice(0, 300000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nlp = require('compromise') as (text: string) => {
      people(): { out(f: string): unknown }; places(): { out(f: string): unknown };
      organizations(): { out(f: string): unknown }; quotations(): { out(f: string): unknown };
    };
    const compromiseRun = (text: string): void => {
      const doc = nlp(text);
      doc.people().out('array');
      doc.places().out('array');
      doc.organizations().out('array');
      doc.quotations().out('array');
    };
    // the engine first: compromise's document graph left in the heap would slow the engine's collections
    const sub = timeAnalysis(engine, subset, 5);
    compromiseRun(corpus.slice(400000, 460000)); // warm up on other text
    const cmpWall: number[] = [], cmpCpu: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      compromiseRun(subset);
      cmpWall.push((performance.now() - t0) / 1000);
      cmpCpu.push(cpuSeconds(c0));
    }
    const compromiseMBs = mb(subset.length) / Math.min(...cmpWall);
    const compromiseCpu = mb(subset.length) / Math.min(...cmpCpu);
    const engineSubset = mb(subset.length) / sub.wall;
    const engineSubsetCpu = mb(subset.length) / sub.cpu;
    console.log(`compromise (people, places, organizations, quotations) on ${(subset.length / 1000).toFixed(0)} KB: ${compromiseMBs.toFixed(3)} MB/s; ` +
      `engine on the same ${(subset.length / 1000).toFixed(0)} KB: ${engineSubset.toFixed(1)} MB/s; ratio ${(engineSubset / compromiseMBs).toFixed(0)}x ` +
      `(full-corpus engine rate vs compromise: ${(engineMBs / compromiseMBs).toFixed(0)}x); ` +
      `by CPU time: compromise ${compromiseCpu.toFixed(3)} MB/s, engine ${engineSubsetCpu.toFixed(1)} MB/s, ratio ${(engineSubsetCpu / compromiseCpu).toFixed(0)}x ` +
      `(both warm, best of 2 / best of 5 runs)`);

    // ---- incremental edits in a 1 MB article
    const r = prng(7);
    const article = syntheticArticle(r, 1e6);
    const inc = new engine.IncrementalAnalyzer();
    inc.analyze(article);
    let text = article;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const letters = 'abcdefghij ,.“”';
    for (let i = 0; i < 300; i++) {
      const pos = Math.floor(r() * text.length);
      const del = r() < 0.3 ? 1 : 0;
      const ins = del && r() < 0.5 ? '' : letters[Math.floor(r() * letters.length)];
      const next = flatten(text.slice(0, pos) + ins + text.slice(pos + del));
      const s = performance.now();
      const cs = process.cpuUsage();
      inc.update(next, { start: pos, end: pos + del, newLength: ins.length });
      times.push(performance.now() - s);
      cpuTimes.push(cpuSeconds(cs) * 1000);
      text = next;
    }
    console.log(`re-analysis after a one-character edit in a ${(article.length / 1e6).toFixed(2)} MB article: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms (300 edits, new text flattened before timing); ` +
      `CPU time median ${median(cpuTimes).toFixed(2)} ms, p95 ${p95(cpuTimes).toFixed(2)} ms`);

    // ---- cold load, bundle size, memory
    const size = fs.statSync(bundle).size;
    console.log(`engine bundle (esbuild, minified, with its name lists): ${(size / 1024).toFixed(0)} KB`);
    coldLoad(bundle);
    const memFile = path.join(os.tmpdir(), `article-annotator-mem-${process.pid}.txt`);
    const big = buildCorpus(20e6);
    fs.writeFileSync(memFile, big);
    try {
      const mem = runChild(`const fs=require('fs');const m=require(${JSON.stringify(bundle)});const t=fs.readFileSync(${JSON.stringify(memFile)},'utf8');` +
        `global.gc&&gc();const base=process.memoryUsage();let peakRss=base.rss,peakHeap=base.heapUsed;` +
        `const iv=setInterval(()=>{},1000);const hook=()=>{const u=process.memoryUsage();if(u.rss>peakRss)peakRss=u.rss;if(u.heapUsed>peakHeap)peakHeap=u.heapUsed;};` +
        `const a=m.analyze(t);hook();clearInterval(iv);` +
        `console.log([t.length,base.rss,peakRss,base.heapUsed,peakHeap,a.entities.length].join(' '));`);
      const [len, baseRss, peakRss, baseHeap, peakHeap] = mem.trim().split(' ').map(Number);
      const textBytes = len * 2; // a JS string of this text holds 2 bytes per character
      console.log(`peak memory analysing ${(len / 1e6).toFixed(1)} MB of text (${(textBytes / 1e6).toFixed(0)} MB as a UTF-16 string): ` +
        `RSS +${((peakRss - baseRss) / 1e6).toFixed(0)} MB = ${((peakRss - baseRss) / textBytes).toFixed(1)}x, ` +
        `heap +${((peakHeap - baseHeap) / 1e6).toFixed(0)} MB = ${((peakHeap - baseHeap) / textBytes).toFixed(1)}x the text ` +
        `(${((peakRss - baseRss) / len).toFixed(1)}x / ${((peakHeap - baseHeap) / len).toFixed(1)}x per character)`);
    } finally {
      fs.rmSync(memFile, { force: true });
    }
  } finally {
    fs.rmSync(bundle, { force: true });
  }
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
