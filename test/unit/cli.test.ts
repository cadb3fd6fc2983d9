/** The command-line tool, run as users run it: the built bundle dist/cli.js in a child process. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(root, 'dist', 'cli.js');
const SAMPLES = path.join(root, 'samples');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

interface Item {
  id: string;
  start: number;
  end: number;
  text: string;
  origin: string;
  status: string;
}

describe('CLI: article-annotator annotate', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (npm test builds it first)'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-cli-'));
    fs.cpSync(SAMPLES, path.join(dir, 'corpus'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sidecar = (name: string) => path.join(dir, 'corpus', name.replace(/\.[^.]+$/, '.annotations.yaml'));
  const article = (name: string) => path.join(dir, 'corpus', name);

  it('writes <stem>.annotations.yaml beside every article of a folder, offsets in code points', () => {
    const r = cli(['annotate', 'corpus'], dir);
    assert.equal(r.code, 0, r.stderr);
    for (const name of fs.readdirSync(path.join(dir, 'corpus')).filter((f) => f.endsWith('.txt'))) {
      const y = parse(fs.readFileSync(sidecar(name), 'utf8'));
      const text = fs.readFileSync(article(name), 'utf8');
      assert.equal(y.version, 1);
      assert.equal(y.source.file, name);
      assert.ok(y.quotes.length > 0, `${name} has quotes`);
      for (const a of [...y.entities, ...y.quotes] as Item[]) assert.equal(cpSlice(text, a.start, a.end), a.text, `${name} ${a.id}`);
    }
    assert.match(r.stderr, /3 of 3 articles annotated/);
  });

  it('keeps manual, confirmed and rejected annotations and comments when run again', () => {
    const name = 'afghanistan-china-2021-05-18.txt';
    assert.equal(cli(['annotate', article(name)], dir).code, 0);
    const first = parse(fs.readFileSync(sidecar(name), 'utf8'));
    const rejected = first.entities[1] as Item;
    let yaml = fs.readFileSync(sidecar(name), 'utf8');
    yaml = yaml.replace(new RegExp(`(\\{id: ${rejected.id}, [^\\n]*status: )suggested`), '$1rejected');
    yaml = yaml.replace(/^entities:\n/m, 'entities:\n  # checked by hand\n  - {id: m1, type: organization, start: 3, end: 7, text: date, origin: manual, status: confirmed}\n');
    fs.writeFileSync(sidecar(name), yaml);
    assert.equal(cli(['annotate', article(name)], dir).code, 0);
    const again = fs.readFileSync(sidecar(name), 'utf8');
    const y = parse(again);
    assert.match(again, /# checked by hand/);
    assert.ok(y.entities.some((e: Item) => e.id === 'm1' && e.origin === 'manual'));
    const r = y.entities.filter((e: Item) => e.start === rejected.start && e.end === rejected.end);
    assert.equal(r.length, 1, 'the rejected suggestion does not come back as a new one');
    assert.equal(r[0].status, 'rejected');
  });

  it('re-anchors the user’s annotations after the article was edited elsewhere', () => {
    const name = 'harbour-strike-2023-03-02.txt';
    assert.equal(cli(['annotate', article(name)], dir).code, 0);
    let yaml = fs.readFileSync(sidecar(name), 'utf8');
    const y0 = parse(yaml);
    const target = (y0.entities as Item[]).find((e) => e.text === 'Pieter Jansen');
    assert.ok(target);
    yaml = yaml.replace(new RegExp(`(\\{id: ${target.id}, [^\\n]*status: )suggested`), '$1confirmed');
    fs.writeFileSync(sidecar(name), yaml);
    const text = fs.readFileSync(article(name), 'utf8');
    const edited = text.replace('Harbour Gazette\n', 'Harbour Gazette\n\nUPDATED: this story has a new first paragraph.\n');
    fs.writeFileSync(article(name), edited);
    assert.equal(cli(['annotate', article(name)], dir).code, 0);
    const y = parse(fs.readFileSync(sidecar(name), 'utf8'));
    const moved = (y.entities as Item[]).find((e) => e.status === 'confirmed');
    assert.ok(moved);
    assert.equal(moved.text, 'Pieter Jansen');
    assert.equal(cpSlice(edited, moved.start, moved.end), 'Pieter Jansen');
    assert.ok(moved.start > target.start);
  });

  it('--stdout prints the YAML and writes nothing; --jobs gives the same result', () => {
    const one = cli(['annotate', '--stdout', 'corpus'], dir);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(fs.readdirSync(path.join(dir, 'corpus')).filter((f) => f.endsWith('.yaml')).length, 0);
    const docs = one.stdout.split(/^--- # /m).filter(Boolean);
    assert.equal(docs.length, 3);
    const two = cli(['annotate', '--stdout', '--jobs', '2', 'corpus'], dir);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
  });

  it('refuses binary and non-UTF-8 files by name, annotates the rest, exits 1', () => {
    fs.writeFileSync(article('photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2]));
    fs.writeFileSync(article('latin1.txt'), Buffer.from('Caf\xe9 owner said prices rose.', 'latin1'));
    const r = cli(['annotate', 'corpus'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /photo\.txt: .*binary/);
    assert.match(r.stderr, /latin1\.txt: .*not valid UTF-8/);
    assert.ok(!fs.existsSync(sidecar('photo.txt')));
    assert.ok(fs.existsSync(sidecar('harbour-strike-2023-03-02.txt')), 'the good files are still annotated');
  });

  it('handles an empty file, a BOM and CRLF line endings', () => {
    fs.writeFileSync(article('empty.txt'), '');
    const crlf = '\uFEFF date 2024-01-02 Test\r\n\r\nOutlet\r\n\r\n“We will rebuild,” said Mayor Anna Berg.\r\n';
    fs.writeFileSync(article('crlf.txt'), crlf);
    const r = cli(['annotate', article('empty.txt'), article('crlf.txt')], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parse(fs.readFileSync(sidecar('empty.txt'), 'utf8')).version, 1);
    const y = parse(fs.readFileSync(sidecar('crlf.txt'), 'utf8'));
    const text = crlf.slice(1); // offsets count from after the BOM
    assert.ok(y.quotes.length === 1);
    for (const a of [...y.entities, ...y.quotes] as Item[]) assert.equal(cpSlice(text, a.start, a.end), a.text);
  });

  it('leaves a sidecar it cannot parse unchanged and exits 1 naming the line', () => {
    const broken = 'version: 1\nentities:\n  - {id: e1, start: [\n';
    fs.writeFileSync(sidecar('glacier-study-2022-09-14.txt'), broken);
    const r = cli(['annotate', article('glacier-study-2022-09-14.txt')], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /glacier-study-2022-09-14\.annotations\.yaml line \d+, column \d+/);
    assert.equal(fs.readFileSync(sidecar('glacier-study-2022-09-14.txt'), 'utf8'), broken);
  });

  it('exits 2 on bad usage and 1 on a missing path', () => {
    assert.equal(cli([], dir).code, 2);
    assert.equal(cli(['annotate'], dir).code, 2);
    assert.equal(cli(['annotate', '--jobs', 'many', 'corpus'], dir).code, 2);
    assert.equal(cli(['annotate', '--colour', 'corpus'], dir).code, 2);
    assert.equal(cli(['frobnicate'], dir).code, 2);
    const r = cli(['annotate', 'no-such-folder'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no-such-folder: no such file or folder/);
    assert.equal(cli(['help'], dir).code, 0);
  });

  it('annotates a 50 MB article', function () {
    this.timeout(300_000);
    const unit = fs.readFileSync(path.join(SAMPLES, 'harbour-strike-2023-03-02.txt'), 'utf8');
    const body = unit.slice(unit.indexOf('ROTTERDAM'));
    const parts = [unit];
    let size = unit.length;
    while (size < 50 * 1024 * 1024) {
      parts.push(body);
      size += body.length;
    }
    fs.writeFileSync(article('huge.txt'), parts.join('\n'));
    const r = cli(['annotate', '--quiet', article('huge.txt')], dir);
    assert.equal(r.code, 0, r.stderr);
    const yaml = fs.readFileSync(sidecar('huge.txt'), 'utf8');
    assert.match(yaml, /^version: 1$/m);
    assert.ok(yaml.length > 1_000_000);
  });
});
