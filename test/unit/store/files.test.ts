import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Annotations } from '../../../src/core/model';
import { NodeFileSystem, atomicWrite, loadSidecar, saveSidecar, StoreError, SidecarChangedError, STALE_TMP_MS, type FileSystem } from '../../../src/core/store/files';
import { rng } from './util';

const fs = new NodeFileSystem();
let dir: string;

const enc = (s: string) => new TextEncoder().encode(s);

/** A FileSystem failing with `code` on writes. */
function failing(code: string): FileSystem {
  return {
    ...fs,
    readFile: (p) => fs.readFile(p), stat: (p) => fs.stat(p), rename: (a, b) => fs.rename(a, b), delete: (p) => fs.delete(p),
    writeFile: async (p) => { nodeFs.writeFileSync(p, 'partial'); throw Object.assign(new Error(`${code}: failed`), { code }); },
  };
}

describe('store/files', () => {
  beforeEach(() => { dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'store-')).replace(/\\/g, '/'); });
  afterEach(() => { nodeFs.rmSync(dir, { recursive: true, force: true }); });
  it('atomicWrite replaces the file and leaves no temporary file', async () => {
    const p = dir + '/a.annotations.yaml';
    await atomicWrite(fs, p, enc('one'));
    await atomicWrite(fs, p, enc('two'));
    assert.equal(nodeFs.readFileSync(p, 'utf8'), 'two');
    assert.deepEqual(nodeFs.readdirSync(dir), ['a.annotations.yaml']);
  });

  for (const [code, re, c] of [['ENOSPC', /disk is full/, 'diskFull'], ['EACCES', /permission denied/, 'permission'], ['EROFS', /read-only/, 'readOnly']] as const) {
    it(`${code}: one clear sentence, old file untouched, temporary file removed`, async () => {
      const p = dir + '/a.annotations.yaml';
      nodeFs.writeFileSync(p, 'old');
      await assert.rejects(atomicWrite(failing(code), p, enc('new')), (e: unknown) => {
        assert.ok(e instanceof StoreError);
        assert.equal(e.code, c);
        assert.match(e.message, re);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
      assert.equal(nodeFs.readFileSync(p, 'utf8'), 'old');
      assert.deepEqual(nodeFs.readdirSync(dir), ['a.annotations.yaml']);
    });
  }

  it('a process killed mid-save leaves the complete old or new file', async function () {
    this.timeout(60000);
    const p = dir + '/k.annotations.yaml';
    const size = 4 * 1024 * 1024;
    nodeFs.writeFileSync(p, Buffer.alloc(size, 65));
    const r = rng(5);
    const child = path.join(__dirname, 'saver-child.js');
    let strayCount = 0;
    for (let i = 0; i < 20; i++) {
      const cp = fork(child, [p, String(size)], { stdio: 'ignore' });
      await new Promise<void>((res) => cp.once('message', () => res()));
      await new Promise((res) => setTimeout(res, 5 + r() * 60));
      cp.kill('SIGKILL');
      await new Promise((res) => cp.once('exit', res));
      const data = nodeFs.readFileSync(p);
      assert.equal(data.length, size, `iteration ${i}: truncated to ${data.length}`);
      assert.ok(data.every((b) => b === data[0]) && (data[0] === 65 || data[0] === 66), `iteration ${i}: mixed content`);
      // what the killed save left: at most its own temporary file, aged so the next load removes it
      const strays = nodeFs.readdirSync(dir).filter((f) => f !== 'k.annotations.yaml');
      assert.ok(strays.every((f) => /^\.k\.annotations\.yaml\.[0-9a-f]{12}\.tmp$/.test(f)), strays.join(', '));
      strayCount += strays.length;
      const old = new Date(Date.now() - STALE_TMP_MS - 1000);
      for (const f of strays) nodeFs.utimesSync(dir + '/' + f, old, old);
      await loadSidecar(fs, dir + '/k.txt', '');
      assert.deepEqual(nodeFs.readdirSync(dir), ['k.annotations.yaml'], `iteration ${i}: the stale temporary file is removed`);
    }
    console.log(`      ${strayCount} of 20 killed saves left a temporary file; each was removed by the next load`);
  });

  it('the next load or save removes a killed save\'s temporary file, not a young one or another name', async () => {
    const article = dir + '/story.txt';
    const side = dir + '/story.annotations.yaml';
    await saveSidecar(fs, article, ann, text);
    const stale = '.story.annotations.yaml.0123456789ab.tmp';
    const young = '.story.annotations.yaml.ba9876543210.tmp';
    const others = ['.story.annotations.yaml.xyz.tmp', '.other.annotations.yaml.0123456789ab.tmp', 'notes.tmp'];
    for (const f of [stale, young, ...others]) nodeFs.writeFileSync(dir + '/' + f, 'version: 1\nentities: [');
    const old = new Date(Date.now() - STALE_TMP_MS - 1000);
    for (const f of [stale, ...others]) nodeFs.utimesSync(dir + '/' + f, old, old);
    const loaded = await loadSidecar(fs, article, text);
    assert.equal(loaded.parsed.ok, true);
    assert.deepEqual(nodeFs.readdirSync(dir).sort(), [young, ...others, 'story.annotations.yaml'].sort());
    // a save cleans too, once the young one has aged
    nodeFs.utimesSync(dir + '/' + young, old, old);
    loaded.parsed.annotations.entities[0].status = 'rejected';
    await saveSidecar(fs, article, loaded.parsed.annotations, text, { previous: loaded.parsed, expectedDiskText: loaded.diskText });
    assert.deepEqual(nodeFs.readdirSync(dir).sort(), [...others, 'story.annotations.yaml'].sort());
    assert.match(nodeFs.readFileSync(side, 'utf8'), /status: rejected/);
  });

  const text = 'Wang Yi said China is ready.';
  const ann: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [{ id: 'e1', type: 'person', start: 0, end: 7, text: 'Wang Yi', origin: 'manual', status: 'confirmed' }] };

  it('saveSidecar / loadSidecar round trip; a comment added on disk survives', async () => {
    const article = dir + '/story.txt';
    const written = await saveSidecar(fs, article, ann, text);
    const side = dir + '/story.annotations.yaml';
    assert.equal(nodeFs.readFileSync(side, 'utf8'), written);
    nodeFs.writeFileSync(side, '# mine\n' + written);
    const loaded = await loadSidecar(fs, article, text);
    assert.equal(loaded.parsed.ok, true);
    assert.deepEqual(loaded.parsed.annotations.entities, ann.entities);
    loaded.parsed.annotations.entities[0].status = 'rejected';
    await saveSidecar(fs, article, loaded.parsed.annotations, text, { previous: loaded.parsed, expectedDiskText: loaded.diskText });
    const now = nodeFs.readFileSync(side, 'utf8');
    assert.ok(now.startsWith('# mine\n') && now.includes('status: rejected'));
  });

  it('refuses to overwrite a sidecar that does not parse, naming the line', async () => {
    const article = dir + '/story.txt';
    const side = dir + '/story.annotations.yaml';
    const bad = 'version: 1\nentities:\n  - {id: e1, start: [oops\n';
    nodeFs.writeFileSync(side, bad);
    const loaded = await loadSidecar(fs, article, text);
    assert.equal(loaded.parsed.ok, false);
    await assert.rejects(saveSidecar(fs, article, ann, text), (e: unknown) => e instanceof StoreError && e.code === 'invalidSidecar' && /line \d+, column \d+/.test(e.message));
    assert.equal(nodeFs.readFileSync(side, 'utf8'), bad);
  });

  it('a 100 MB sidecar on disk is refused at once and never overwritten', async function () {
    this.timeout(30000);
    const article = dir + '/story.txt';
    const side = dir + '/story.annotations.yaml';
    const big = Buffer.alloc(100 * 1024 * 1024, 0x61);
    big.write('version: 1\n#');
    nodeFs.writeFileSync(side, big);
    const loaded = await loadSidecar(fs, article, text);
    assert.equal(loaded.parsed.ok, false);
    assert.match(loaded.parsed.diagnostics[0].message, /MB/);
    await assert.rejects(saveSidecar(fs, article, ann, text), (e: unknown) => e instanceof StoreError && e.code === 'invalidSidecar');
    assert.equal(nodeFs.statSync(side).size, big.length);
  });

  it('refuses a silent overwrite when the sidecar changed on disk', async () => {
    const article = dir + '/story.txt';
    const loaded = await loadSidecar(fs, article, text);
    await saveSidecar(fs, article, ann, text, { expectedDiskText: null });
    await assert.rejects(saveSidecar(fs, article, ann, text, { previous: loaded.parsed, expectedDiskText: null }), (e: unknown) => e instanceof SidecarChangedError && e.diskParsed?.ok === true);
  });

  it('re-anchors when the article changed', async () => {
    const article = dir + '/story.txt';
    await saveSidecar(fs, article, ann, text);
    const loaded = await loadSidecar(fs, article, 'KABUL: ' + text);
    assert.equal(loaded.parsed.stale, true);
    assert.equal(loaded.reanchored?.moved, 1);
    assert.equal(loaded.parsed.annotations.entities[0].start, 7);
  });
});
