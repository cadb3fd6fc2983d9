import * as assert from 'node:assert/strict';
import type { Annotations, Entity } from '../../../src/core/model';
import { applyEdit } from '../../../src/core/store/edits';
import { rng, int } from './util';

function ent(id: string, text: string, word: string, status: Entity['status'] = 'confirmed'): Entity {
  const start = text.indexOf(word);
  return { id, type: 'person', start, end: start + word.length, text: word, origin: 'manual', status };
}
function doc(text: string, ...words: string[]): Annotations {
  return { version: 1, topics: [], speakers: [], quotes: [], entities: words.map((w, i) => ent('e' + i, text, w)) };
}
/** Apply a replacement to text and annotations; returns the new text. */
function edit(ann: Annotations, text: string, start: number, end: number, ins: string): string {
  const t = text.slice(0, start) + ins + text.slice(end);
  applyEdit(ann, { start, end, newLength: ins.length }, t);
  return t;
}

describe('store/edits', () => {
  it('shifts spans after an edit, leaves spans before it, grows on an edit inside', () => {
    let t = 'Wang Yi met Mohib in Kabul.';
    const a = doc(t, 'Wang Yi', 'Mohib', 'Kabul');
    t = edit(a, t, 12, 12, 'Hamdullah '); // insert before Mohib (at its start)
    assert.deepEqual(a.entities.map((e) => t.slice(e.start, e.end)), ['Wang Yi', 'Mohib', 'Kabul']);
    t = edit(a, t, 2, 2, 'X'); // inside Wang Yi
    assert.equal(a.entities[0].text, 'WaXng Yi');
    assert.equal(t.slice(a.entities[0].start, a.entities[0].end), 'WaXng Yi');
    t = edit(a, t, a.entities[2].end, a.entities[2].end, ' city'); // insertion at the end: not included
    assert.equal(t.slice(a.entities[2].start, a.entities[2].end), 'Kabul');
  });

  it('orphans a deleted span (keeping its status) and restores it on undo', () => {
    let t = 'Wang Yi met Mohib in Kabul.';
    const a = doc(t, 'Wang Yi', 'Mohib', 'Kabul');
    const before = t;
    t = edit(a, t, 8, 21, ''); // delete "met Mohib in "
    assert.equal(a.entities[1].status, 'orphaned');
    assert.equal(a.entities[1].previousStatus, 'confirmed');
    assert.equal(t.slice(a.entities[2].start, a.entities[2].end), 'Kabul');
    t = edit(a, t, 0, 0, 'Then '); // an edit elsewhere in between
    t = edit(a, t, 13, 13, 'met Mohib in '); // undo
    assert.equal(t, 'Then ' + before);
    assert.equal(a.entities[1].status, 'confirmed');
    assert.equal(a.entities[1].previousStatus, undefined);
    assert.equal(t.slice(a.entities[1].start, a.entities[1].end), 'Mohib');
  });

  it('keeps a span whose text is replaced by the same text', () => {
    let t = 'say Wang Yi now';
    const a = doc(t, 'Wang Yi');
    t = edit(a, t, 0, t.length, 'they say Wang Yi now');
    assert.equal(a.entities[0].status, 'confirmed');
    assert.equal(t.slice(a.entities[0].start, a.entities[0].end), 'Wang Yi');
  });

  it('moves quotes and their source and cue spans', () => {
    let t = '"Ready," Wang said.';
    const a: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [{ id: 'q1', kind: 'direct', start: 1, end: 6, text: 'Ready', source: { start: 9, end: 13, text: 'Wang' }, cue: { start: 14, end: 18, text: 'said' }, origin: 'auto', status: 'suggested' }] };
    t = edit(a, t, 0, 0, 'KABUL: ');
    const q = a.quotes[0];
    assert.equal(t.slice(q.start, q.end), 'Ready');
    assert.equal(t.slice(q.source!.start, q.source!.end), 'Wang');
    assert.equal(t.slice(q.cue!.start, q.cue!.end), 'said');
  });

  it('property: random edits keep every span on its text or orphaned; undo restores', () => {
    const r = rng(3);
    for (let k = 0; k < 300; k++) {
      let t = '';
      const words = ['Wang', 'Yi', 'said', 'Kabul', 'the', 'peace'];
      for (let i = 0; i < 40; i++) t += words[int(r, words.length)] + ' ';
      const a: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [] };
      for (let i = 0; i < 8; i++) {
        const s = int(r, t.length - 10);
        const e = s + 1 + int(r, 8);
        a.entities.push({ id: 'e' + i, type: 'x', start: s, end: e, text: t.slice(s, e), origin: 'auto', status: 'suggested' });
      }
      for (let step = 0; step < 20; step++) {
        const s = int(r, t.length);
        const e = Math.min(t.length, s + int(r, 6));
        const ins = r() < 0.5 ? '' : 'ab '.slice(0, int(r, 4));
        const old = t.slice(s, e);
        t = edit(a, t, s, e, ins);
        for (const x of a.entities) {
          if (x.status === 'orphaned') continue;
          assert.equal(t.slice(x.start, x.end), x.text);
        }
        if (r() < 0.3) t = edit(a, t, s, s + ins.length, old); // undo
      }
    }
  });

  it('shifts 20,000 annotations quickly', () => {
    const t = 'x'.repeat(1_000_000);
    const a: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [] };
    for (let i = 0; i < 20000; i++) a.entities.push({ id: 'e' + i, type: 'x', start: i * 50, end: i * 50 + 5, text: 'xxxxx', origin: 'auto', status: 'suggested' });
    applyEdit(a, { start: 10, end: 10, newLength: 1 }, t);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) applyEdit(a, { start: 10, end: 10, newLength: 1 }, t);
    assert.ok((performance.now() - t0) / 100 < 20);
  });
});
