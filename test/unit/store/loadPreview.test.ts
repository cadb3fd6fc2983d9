import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, IncrementalAnalyzer } from '../../../src/core/analysis';
import { ArticleSession } from '../../../src/core/session';
import type { FileSystem } from '../../../src/core/store';
import { int, pick, rng } from './util';

/** Plain data (undefined fields dropped), for deepEqual. */
const plain = (a: unknown): unknown => JSON.parse(JSON.stringify(a));

const samples = path.join(__dirname, '..', '..', '..', '..', 'samples');

/** The samples' paragraphs repeated under one header (about `size` characters). */
function bigText(size: number): string {
  const paras = fs.readdirSync(samples).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => fs.readFileSync(path.join(samples, f), 'utf8').split(/\n\s*\n/).slice(2)).map((p) => p.trim()).filter(Boolean);
  let text = ' date 2021-05-18 A long article\n\nTest News\n\n';
  for (let i = 0; text.length < size; i++) text += paras[i % paras.length] + '\n\n';
  return text;
}

/** An in-memory file system (a sidecar can be put in it). */
function memFs(files: Record<string, string> = {}): FileSystem {
  const m = new Map<string, Uint8Array>(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]));
  return {
    stat: async (p) => (m.has(p) ? { mtime: 1, size: m.get(p)!.length } : undefined),
    readFile: async (p) => {
      const v = m.get(p);
      if (!v) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return v;
    },
    writeFile: async (p, d) => void m.set(p, d),
    rename: async (a, b) => { m.set(b, m.get(a)!); m.delete(a); },
    delete: async (p) => void m.delete(p),
    readDirectory: async () => [...m.keys()].map((k) => k.slice(k.lastIndexOf('/') + 1)),
  } as FileSystem;
}

describe('store/load in slices and the preview', () => {
  it('IncrementalAnalyzer.analyzeInSlices gives what analyze gives, pausing between slices, and updates the same way after', async function () {
    this.timeout(60_000);
    const text = bigText(60_000);
    let pauses = 0;
    const a = new IncrementalAnalyzer();
    const sliced = await a.analyzeInSlices(text, async () => { pauses++; await new Promise((r) => setImmediate(r)); }, 0);
    assert.ok(pauses > 100, `paused ${pauses} times`);
    assert.deepEqual(plain(sliced), plain(analyze(text)));
    assert.equal(a.lastChanged, undefined, 'everything is new after a full run');
    const at = text.indexOf(' said', 5000);
    const next = text.slice(0, at) + ' Mohib' + text.slice(at);
    assert.deepEqual(plain(a.update(next, { start: at, end: at, newLength: 6 })), plain(analyze(next)));
    const ch = a.lastChanged as { from: number; to: number } | undefined;
    assert.ok(ch && ch.from <= at && at + 6 <= ch.to, `the update re-analysed around the edit: ${JSON.stringify(ch)}`);
  });

  it('IncrementalAnalyzer.lastChanged: outside it, an update changed nothing but offsets and ids (same speakers)', function () {
    this.timeout(60_000);
    const r = rng(7);
    let text = bigText(40_000);
    const a = new IncrementalAnalyzer();
    let prev = a.analyze(text);
    let checked = 0;
    const key = (x: { start: number; end: number; text: string; speaker?: string }, d: number) => `${x.start + d}:${x.end + d}:${x.text}:${x.speaker ?? ''}`;
    for (let step = 0; step < 60; step++) {
      const start = int(r, text.length);
      const ins = pick(r, ['x', ' ', 'Wang Yi', '\n\n', ' said', '“', 'He said.']);
      const next = text.slice(0, start) + ins + text.slice(start);
      const before = { ents: prev.entities.map((e) => ({ ...e })), quotes: prev.quotes.map((q) => ({ ...q })), speakers: prev.speakers.map((s) => s.id + s.name).join() };
      const fresh = a.update(next, { start, end: start, newLength: ins.length });
      const ch = a.lastChanged;
      if (ch && fresh.speakers.map((s) => s.id + s.name).join() === before.speakers) {
        // the old annotations outside the range, moved by the edit, are exactly the new ones there
        const outside = (x: { start: number }) => x.start < ch.from || x.start >= ch.to;
        const shift = (x: { start: number }) => (x.start >= start ? ins.length : 0);
        const was = [...before.ents, ...before.quotes].filter((x) => outside({ start: x.start + shift(x) })).map((x) => key(x, shift(x)));
        const now = [...fresh.entities, ...fresh.quotes].filter(outside).map((x) => key(x, 0));
        assert.deepEqual(now.sort(), was.sort(), `step ${step}`);
        checked++;
      }
      text = next;
      prev = fresh;
    }
    assert.ok(checked > 30, `checked ${checked} updates`);
  });

  it('a session loaded in slices has the annotations of one loaded at once', async function () {
    this.timeout(60_000);
    const text = bigText(50_000);
    const once = new ArticleSession(memFs(), '/w/a.txt', text);
    await once.load();
    const sliced = new ArticleSession(memFs(), '/w/a.txt', text);
    await sliced.load({ pause: () => new Promise((r) => setImmediate(r)) });
    assert.deepEqual(plain(sliced.annotations), plain(once.annotations));
    assert.equal(sliced.preview(0, 100), undefined, 'no preview once loaded');
  });

  it('the preview while loading: the visible paragraphs analysed, each annotation on its own text; the sidecar once read', async function () {
    this.timeout(60_000);
    const text = bigText(120_000);
    const s = new ArticleSession(memFs(), '/w/b.txt', text);
    let previewed: ReturnType<ArticleSession['preview']>;
    const from = text.indexOf('\n\n', 60_000) + 2;
    let pausesBefore = 0;
    await s.load({
      pause: async () => {
        if (!previewed) { pausesBefore++; previewed = s.preview(from, from + 3000); }
        await new Promise((r) => setImmediate(r));
      },
    });
    assert.ok(previewed && pausesBefore > 0);
    const all = [...previewed.entities, ...previewed.quotes];
    assert.ok(all.length > 10, `${all.length} annotations in the preview`);
    for (const a of all) {
      assert.equal(text.slice(a.start, a.end), a.text, `${a.id} sits on its own text`);
      assert.ok(a.start < 20_000 || (a.start >= text.lastIndexOf('\n\n', from) && a.start < from + 6000), `${a.id} at ${a.start} is near the window`);
    }
    // most of it is what the full run finds (a name further up can resolve differently)
    const full = new Set([...s.annotations.entities, ...s.annotations.quotes].map((a) => `${a.start}:${a.end}`));
    const same = all.filter((a) => full.has(`${a.start}:${a.end}`)).length;
    assert.ok(same >= all.length * 0.9, `${same} of ${all.length} preview spans are in the full result`);

    // with a sidecar, the preview is its annotations once it is read: the engine pauses first
    // after its first slice, before the read (started with it) has had a turn, so the preview is
    // taken after the pause's turn; a longer text, so that the engine pauses even on a fast machine
    const files = memFs();
    const longer = bigText(400_000);
    const withSidecar = new ArticleSession(files, '/w/c.txt', longer);
    await withSidecar.load();
    withSidecar.annotations.entities[0]!.status = 'confirmed';
    withSidecar.changed();
    await withSidecar.save();
    const again = new ArticleSession(files, '/w/c.txt', longer);
    let stored: ReturnType<ArticleSession['preview']>;
    await again.load({ pause: async () => { await new Promise((r) => setImmediate(r)); stored = again.preview(0, 100); } });
    assert.ok(stored, 'a preview while loading');
    assert.equal(stored.entities.find((e) => e.status === 'confirmed')?.text, withSidecar.annotations.entities[0]!.text, 'the confirmed entity of the sidecar');
  });
});
