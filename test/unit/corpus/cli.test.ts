/** The corpus subcommands of the CLI, run as users run them: dist/cli.js in a child process. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { serialize } from '../../../src/core/store';
import { makeArticle } from '../../support/corpusGen';
import { prng } from '../../support/prng';
import { corpus, yamlOf } from './fixtures';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(root, 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: stats, export, import', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm test builds it first)'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-corpus-'));
    const c = path.join(dir, 'corpus');
    fs.mkdirSync(c);
    for (const d of corpus()) {
      fs.writeFileSync(path.join(c, d.name), d.text);
      fs.writeFileSync(path.join(c, d.name.replace('.txt', '.annotations.yaml')), yamlOf(d));
    }
    fs.writeFileSync(path.join(dir, '.article-annotator.yaml'), 'version: 1\nspeakerAttributes:\n  - id: gender\n    label: Gender\nspeakers:\n  - {id: tom-berg, name: Tom Berg, kind: person, attributes: {gender: non-binary}}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stats prints the Markdown report, using the workspace file above the folder', () => {
    const r = cli(['stats', 'corpus'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 articles, 5 quotes, 2 speakers/);
    assert.match(r.stdout, /## Speaker attribute: Gender/);
    assert.match(r.stdout, /\| non-binary \| 1 \|/);
  });

  it('stats -o report.html writes the HTML report; --format json prints the figures', () => {
    assert.equal(cli(['stats', 'corpus', '-o', 'out/report.html'], dir).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8'), /^<!DOCTYPE html>[\s\S]*Content-Security-Policy/);
    const j = JSON.parse(cli(['stats', '--format', 'json', 'corpus'], dir).stdout);
    assert.equal(j.quotes, 5);
  });

  it('export --format csv|jsonl|w3c writes one file, rows per quote', () => {
    for (const f of ['csv', 'jsonl', 'w3c']) {
      const r = cli(['export', '--format', f, 'corpus', '-o', `out/x.${f}`], dir);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'out/x.csv'), 'utf8').trim().split('\r\n').length, 6);
    const jl = fs.readFileSync(path.join(dir, 'out/x.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(jl.length, 5);
    assert.equal(jl[0].article, 'corpus/a.txt');
    const w = JSON.parse(fs.readFileSync(path.join(dir, 'out/x.w3c'), 'utf8'));
    assert.equal(w.type, 'AnnotationCollection');
    assert.equal(w.first.items[0].target.source, '../corpus/a.txt', 'sources are relative to the export file');
  });

  it('export --format brat then import --from brat into a fresh folder gives back the annotations', () => {
    assert.equal(cli(['export', '--format', 'brat', 'corpus', '-o', 'brat'], dir).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'brat/corpus/a.ann')));
    assert.ok(fs.existsSync(path.join(dir, 'brat/corpus/a.txt')));
    const r = cli(['import', '--from', 'brat', 'brat'], dir);
    assert.equal(r.code, 0, r.stderr);
    for (const n of ['a', 'b']) {
      const orig = parse(fs.readFileSync(path.join(dir, 'corpus', n + '.annotations.yaml'), 'utf8'));
      const back = parse(fs.readFileSync(path.join(dir, 'brat/corpus', n + '.annotations.yaml'), 'utf8'));
      assert.deepEqual(back.quotes, orig.quotes, n);
      assert.deepEqual(back.entities, orig.entities, n);
    }
    // importing again adds nothing
    assert.match(cli(['import', '--from', 'brat', 'brat'], dir).stderr, /a\.txt: 0 annotation\(s\) added/);
  });

  it('exit codes: 2 for bad usage, 1 when a file fails (with its reason), the rest still done', () => {
    assert.equal(cli(['export', 'corpus'], dir).code, 2);
    assert.equal(cli(['export', '--format', 'xml', 'corpus'], dir).code, 2);
    assert.equal(cli(['import', 'corpus'], dir).code, 2);
    assert.equal(cli(['stats'], dir).code, 2);
    fs.writeFileSync(path.join(dir, 'corpus', 'broken.annotations.yaml'), 'version: 1\nquotes: [\n');
    const r = cli(['stats', 'corpus', 'missing-folder'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /broken\.annotations\.yaml line \d+/);
    assert.match(r.stderr, /missing-folder: no such file or folder/);
    assert.match(r.stdout, /3 articles, 5 quotes/);
    fs.writeFileSync(path.join(dir, 'corpus', 'a.ann'), 'T1\tPerson 0 4\tNope\n');
    const i = cli(['import', '--from', 'brat', 'corpus/a.ann'], dir);
    assert.equal(i.code, 1);
    assert.match(i.stderr, /does not fit the text/);
    assert.equal(fs.readFileSync(path.join(dir, 'corpus', 'a.annotations.yaml'), 'utf8'), yamlOf(corpus()[0]!), 'the sidecar is untouched');
  });

  it('a large corpus (450 articles, read and exported by worker threads) gives the right figures and files', () => {
    const big = path.join(dir, 'big');
    fs.mkdirSync(big);
    const r = prng(5);
    let quotes = 0, annotations = 0;
    for (let i = 0; i < 450; i++) {
      const { text, ann } = makeArticle(r, i);
      quotes += ann.quotes.length;
      annotations += ann.quotes.length + ann.entities.length;
      fs.writeFileSync(path.join(big, `story-${i}.txt`), text);
      fs.writeFileSync(path.join(big, `story-${i}.annotations.yaml`), serialize(ann, text));
    }
    const j = cli(['stats', '--format', 'json', 'big'], dir);
    assert.equal(j.code, 0, j.stderr);
    const st = JSON.parse(j.stdout);
    assert.equal(st.articles, 450);
    assert.equal(st.quotes, quotes);
    assert.equal(cli(['export', '--format', 'w3c', 'big', '-o', 'big.jsonld'], dir).code, 0);
    const w = JSON.parse(fs.readFileSync(path.join(dir, 'big.jsonld'), 'utf8'));
    assert.equal(w.total, annotations);
    assert.equal(w.first.items[0].target.source, 'big/story-0.txt', 'articles in path order');
    const b = cli(['export', '--format', 'brat', 'big', '-o', 'bratbig'], dir);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stderr, /450 article\(s\) exported/);
    assert.equal(fs.readdirSync(path.join(dir, 'bratbig', 'big')).filter((f) => f.endsWith('.ann')).length, 450);
  });
});
