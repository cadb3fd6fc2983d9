/**
 * The writer keeps each annotation's written block between saves (sidecar.ts, "Per-annotation
 * blocks"). These tests check that the text it writes stays byte-identical to the writer before
 * that cache (a frozen copy in legacyWriter.ts) on a large generated model, and stays so through
 * a long run of edits of the article and changes of the annotations, in place or not.
 */
import * as assert from 'node:assert/strict';
import type { Annotations, Entity, Quote, Status } from '../../../src/core/model';
import { parse, serialize } from '../../../src/core/store/sidecar';
import { applyEdit } from '../../../src/core/store/edits';
import { legacySerialize } from './legacyWriter';
import { rng, pick, int } from './util';

/** Awkward pieces for strings: quotes, colons, '#', unicode, newlines, leading spaces, YAML words. */
const BITS = ['Wang', ' ', 'Yi', ',', ': ', ':', ' #', '#', '"', "'", '\\', '\n', '\t', 'é', '😀', '’', '“', 'yes', 'null', '1', '0x1', '- ', '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '%', '@', '`', '\u2028', '\ufeff', '~', '1e3', '.5'];

function article(r: () => number, n: number): string {
  let t = '';
  while (t.length < n) t += pick(r, ['Wang Yi said ', 'the minister ', '“support” ', 'é ', '😀 ', 'Kabul. ', '\n\n', ' ']);
  return t;
}

/** Never inside a surrogate pair. */
const fix = (t: string, n: number) => (n > 0 && n < t.length && /[\udc00-\udfff]/.test(t.charAt(n)) ? n - 1 : n);

function randomModel(r: () => number, text: string, entities: number, quotes: number): Annotations {
  const rs = (max = 5) => { let s = ''; const n = int(r, max + 1); for (let i = 0; i < n; i++) s += pick(r, BITS); return s; };
  const ann: Annotations = { version: 1, source: { file: 'story.txt', sha256: '' }, topics: ['politics', 'a: b'], speakers: [{ id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang'], kind: 'person' }], entities: [], quotes: [] };
  const statuses: Status[] = ['suggested', 'confirmed', 'rejected', 'orphaned'];
  for (let i = 0; i < entities; i++) {
    const start = fix(text, int(r, text.length - 20));
    const end = fix(text, start + int(r, 15));
    const e: Entity = { id: pick(r, ['e', 'x', 'n', 'yes', 'e-', '']) + i, type: r() < 0.8 ? 'person' : rs(3) || 'org', start, end, text: r() < 0.9 ? text.slice(start, end) : rs(), origin: pick(r, ['auto', 'manual'] as const), status: pick(r, statuses) };
    if (r() < 0.2) e.role = rs(3);
    if (r() < 0.3) e.speaker = 'wang-yi';
    if (e.status === 'orphaned') e.previousStatus = 'confirmed';
    ann.entities.push(e);
  }
  for (let i = 0; i < quotes; i++) {
    const start = fix(text, int(r, text.length - 200));
    const end = fix(text, start + int(r, 150));
    const q: Quote = { id: 'q' + i, kind: pick(r, ['direct', 'indirect'] as const), start, end, text: r() < 0.9 ? text.slice(start, end) : rs(8), origin: pick(r, ['auto', 'manual'] as const), status: pick(r, statuses) };
    if (r() < 0.7) q.speaker = 'wang-yi';
    if (r() < 0.7) { const s = fix(text, Math.min(end + 1, text.length)); const t = fix(text, Math.min(s + 5, text.length)); q.source = { start: s, end: t, text: text.slice(s, t) }; }
    if (r() < 0.5) { const s = fix(text, Math.min(end + 6, text.length)); q.cue = { start: s, end: s, text: r() < 0.5 ? '' : rs(2) }; }
    if (r() < 0.6) q.rule = pick(r, ['after-quote', 'before-quote', rs(2)]);
    if (r() < 0.6) q.confidence = pick(r, [0.97, 1, 0, r()]);
    if (r() < 0.2) q.topics = [rs(2), 'economy'];
    if (q.status === 'orphaned') q.previousStatus = 'suggested';
    ann.quotes.push(q);
  }
  return ann;
}

/**
 * One random change (`what` from 0 to 11) of the article or of the annotations, in place or not,
 * as the extension makes them; returns the article text after it.
 */
function change(r: () => number, ann: Annotations, text: string, what: number, step: number): string {
  if (what < 5) {
    // an edit of the article: annotations move with it (some near it change their context)
    const s = fix(text, int(r, text.length));
    const e = fix(text, Math.min(text.length, s + (r() < 0.5 ? 0 : int(r, 30))));
    const ins = r() < 0.3 ? '' : pick(r, ['x', '😀', ' said ', '\n\n', 'é“']);
    const next = text.slice(0, s) + ins + text.slice(e);
    applyEdit(ann, { start: s, end: e, newLength: ins.length }, next);
    text = next;
  } else if (what === 5) {
    const e = pick(r, ann.entities);
    if (e) { e.status = pick(r, ['suggested', 'confirmed', 'rejected'] as const); delete e.previousStatus; }
  } else if (what === 6) {
    const q = pick(r, ann.quotes);
    if (q) { if (q.speaker) delete q.speaker; else q.speaker = 'wang-yi'; }
  } else if (what === 7) {
    const q = pick(r, ann.quotes);
    if (q) (q.topics ??= []).push(pick(r, BITS)); // changed in place
  } else if (what === 8) {
    const q = pick(r, ann.quotes);
    if (q?.source) { q.source.text = q.source.text + pick(r, BITS); q.confidence = r(); }
    else if (q) delete q.cue;
  } else if (what === 9) {
    // an annotation replaced by a copy, another removed, a new one added
    const i = int(r, ann.entities.length);
    if (ann.entities.length > 0) ann.entities[i] = { ...ann.entities[i], type: 'organization' };
    ann.quotes.splice(int(r, ann.quotes.length), 1);
    const s = fix(text, int(r, text.length - 10));
    const e = fix(text, s + 4);
    ann.entities.push({ id: 'new' + step, type: 'person', start: s, end: e, text: text.slice(s, e), origin: 'manual', status: 'confirmed' });
  } else if (what === 10) {
    const e = pick(r, ann.entities);
    if (e) { e.text = e.text + pick(r, BITS); e.role = pick(r, BITS); }
  } else {
    // the same text as a new string (as an editor hands it over)
    text = (' ' + text).slice(1);
  }
  return text;
}

describe('store/writer keeps the written text stable', () => {
  it('writes a large generated model byte-identically to the writer before the block cache', function () {
    this.timeout(60000);
    const r = rng(21);
    const text = article(r, 200_000);
    const ann = randomModel(r, text, 3000, 1000);
    const before = legacySerialize(ann, text);
    assert.equal(serialize(ann, text), before);
    // a second save reuses every block: still the same text
    assert.equal(serialize(ann, text), before);
    // read back, with comments and unknown keys a person added on some items
    const withNotes = before
      .replace(/(\n {2}- \{id: [^,]*3, )/g, '\n  # checked$1')
      .replace(/(\n {2}- id: q1\d\n)/g, '\n  # a note$1')
      .replace(/(\n {4}kind: indirect)\n/, '$1   # reported\n');
    assert.notEqual(withNotes, before);
    const p = parse(withNotes, text);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics.slice(0, 3)));
    assert.equal(serialize(p.annotations, text, p), withNotes);
    assert.equal(serialize(p.annotations, text, p), legacySerialize(p.annotations, text, p));
    // an unknown key inside a block (written after the known ones)
    const withKey = withNotes.replace(/(\n {4}kind: direct)\n/, '$1\n    extra: [1, 2]\n');
    const k = parse(withKey, text);
    assert.equal(k.ok, true);
    assert.equal(k.extras.items.quotes.size > 0, true);
    assert.equal(serialize(k.annotations, text, k), legacySerialize(k.annotations, text, k));
    assert.match(serialize(k.annotations, text, k), /\n {4}extra: \[1, 2\]\n/);
  });

  it('stays identical through 300 edits of the article and changes of the annotations', function () {
    this.timeout(120000);
    const r = rng(8);
    let text = article(r, 30_000);
    const p = parse(serialize(randomModel(r, text, 600, 200), text), text);
    assert.equal(p.ok, true);
    const ann = p.annotations;
    let checked = 0;
    for (let step = 0; step < 300; step++) {
      const what = int(r, 12);
      text = change(r, ann, text, what, step);
      if (step % 3 === 0 || what === 0) {
        assert.equal(serialize(ann, text, p), legacySerialize(ann, text, p), `step ${step}`);
        checked++;
      }
    }
    assert.ok(checked >= 100);
  });

  it('the first save after a read keeps each unchanged item as read and writes the changed ones anew', function () {
    this.timeout(120000);
    const r = rng(5);
    for (let round = 0; round < 80; round++) {
      let text = article(r, 12_000);
      const written = serialize(randomModel(r, text, 120, 40), text);
      const p = parse(written, text);
      assert.equal(p.ok, true);
      // nothing changed: the very text read; else what the writer writes for the changed model
      const changes = round % 4 === 0 ? 0 : 1 + int(r, 4);
      for (let c = 0; c < changes; c++) text = change(r, p.annotations, text, int(r, 12), c);
      const first = serialize(p.annotations, text, p);
      assert.equal(first, legacySerialize(p.annotations, text, p), `round ${round}`);
      if (changes === 0) assert.equal(first, written);
      assert.equal(serialize(p.annotations, text, p), first);
    }
  });

  it('keeps an unchanged item in a layout of its own until it changes', () => {
    const text = 'Wang Yi said the talks went well. The minister agreed.';
    const ann: Annotations = {
      version: 1, topics: [], speakers: [], entities: [{ id: 'e1', type: 'person', start: 0, end: 7, text: 'Wang Yi', origin: 'auto', status: 'suggested' }],
      quotes: [{ id: 'q1', kind: 'indirect', start: 13, end: 33, text: 'the talks went well.', origin: 'auto', status: 'suggested', confidence: 0.5 }],
    };
    // a person wrote 0.50 and quoted a plain value: read as 0.5 and "Wang Yi"
    const written = serialize(ann, text).replace('confidence: 0.5\n', 'confidence: 0.50\n').replace('text: Wang Yi,', 'text: "Wang Yi",');
    assert.match(written, /confidence: 0\.50\n/);
    const p = parse(written, text);
    assert.equal(p.ok, true);
    assert.equal(serialize(p.annotations, text, p), written); // as written: a save changes nothing a person wrote
    p.annotations.quotes[0].status = 'confirmed';
    const after = serialize(p.annotations, text, p);
    assert.match(after, /confidence: 0\.5\n {4}origin: auto\n {4}status: confirmed\n/); // the changed item in the writer's layout
    assert.match(after, /text: "Wang Yi",/); // the unchanged one still as written
  });

  it('writes the new context of an annotation moved onto the same words elsewhere in an unchanged text', () => {
    const text = 'Wang Yi said the talks went well. Later Wang Yi left for Kabul in the morning.';
    const ann: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [{ id: 'e1', type: 'person', start: 0, end: 7, text: 'Wang Yi', origin: 'auto', status: 'suggested' }] };
    const p = parse(serialize(ann, text), text);
    assert.equal(p.ok, true);
    const e = p.annotations.entities[0];
    serialize(p.annotations, text, p); // its context checked for this text
    e.start = 40; e.end = 47; // the same words further on (as re-anchoring may place it)
    const moved = serialize(p.annotations, text, p);
    assert.equal(moved, legacySerialize(p.annotations, text, p));
    assert.match(moved, /start: 40, end: 47, .*context: \{before: " talks went well\. Later ", after: " left for Kabul in the m"\}/);
  });
});
