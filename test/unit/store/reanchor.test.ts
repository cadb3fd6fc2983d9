import * as assert from 'node:assert/strict';
import type { Annotations } from '../../../src/core/model';
import { reanchor } from '../../../src/core/store/reanchor';
import { parse, serialize } from '../../../src/core/store/sidecar';
import { rng, int, pick } from './util';

const ws = (s: string) => s.replace(/\s+/g, ' ');

type Char = { c: string; id: number };
const VOCAB = ['Wang', 'Yi', 'said', 'China', 'is', 'ready', 'to', 'help', 'Mohib', 'the', 'talks', 'in', 'Kabul', 'peace', '“we', 'will”', 'he', 'added', 'é', '😀'];

/**
 * One random case: an article of 2-5 paragraphs (chars carry identities), 1-8 word-aligned
 * annotations, then 1-4 random edits (inserts, deletes, replacements, a paragraph moved,
 * CRLF -> LF, LF -> CRLF).
 */
function randomCase(r: () => number): { text0: string; ann: Annotations; chars: Char[] } {
  let chars: Char[] = [];
  let nid = 0;
  const paras = 2 + int(r, 4);
  for (let p = 0; p < paras; p++) {
    const n = 5 + int(r, 20);
    let para = '';
    for (let i = 0; i < n; i++) para += (i ? ' ' : '') + pick(r, VOCAB);
    para += p < paras - 1 ? (r() < 0.2 ? '\r\n\r\n' : '\n\n') : '\n';
    for (const c of para) chars.push({ c, id: nid++ });
  }
  const text0 = chars.map((x) => x.c).join('');
  const ann: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [] };
  // word-aligned spans of 1..4 words (quotes may cross lines)
  const wordStarts: number[] = [];
  for (let i = 0; i < text0.length; i++) if (/\S/.test(text0[i]) && (i === 0 || /\s/.test(text0[i - 1]))) wordStarts.push(i);
  const m = 1 + int(r, 8);
  for (let k = 0; k < m; k++) {
    const wi = int(r, wordStarts.length);
    const s = wordStarts[wi];
    const we = Math.min(wordStarts.length - 1, wi + int(r, 4));
    let e = wordStarts[we];
    while (e < text0.length && /\S/.test(text0[e])) e++;
    if (e <= s) continue;
    if (k % 3 === 2) ann.quotes.push({ id: 'q' + k, kind: 'direct', start: s, end: e, text: text0.slice(s, e), origin: 'auto', status: 'suggested' });
    else ann.entities.push({ id: 'e' + k, type: 'person', start: s, end: e, text: text0.slice(s, e), origin: 'manual', status: 'confirmed' });
  }
  const steps = 1 + int(r, 4);
  for (let st = 0; st < steps; st++) {
    const kind = int(r, 6);
    const at = int(r, chars.length + 1);
    if (kind === 0) { // insert words
      const ins = ' ' + pick(r, VOCAB) + (r() < 0.5 ? ' ' + pick(r, VOCAB) : '') + ' ';
      chars.splice(at, 0, ...[...ins].map((c) => ({ c, id: -1 })));
    } else if (kind === 1) { // delete
      chars.splice(at, int(r, 25));
    } else if (kind === 2) { // replace
      chars.splice(at, int(r, 10), ...[...pick(r, VOCAB)].map((c) => ({ c, id: -1 })));
    } else if (kind === 3) { // move a paragraph
      const txt = chars.map((x) => x.c).join('');
      const starts = [0];
      for (let i = txt.indexOf('\n\n'); i >= 0; i = txt.indexOf('\n\n', i + 1)) starts.push(i + 2);
      if (starts.length > 1) {
        const pi = int(r, starts.length - 1);
        const block = chars.splice(starts[pi], starts[pi + 1] - starts[pi]);
        const rest = chars.map((x) => x.c).join('');
        const targets = [0];
        for (let i = rest.indexOf('\n\n'); i >= 0; i = rest.indexOf('\n\n', i + 1)) targets.push(i + 2);
        chars.splice(pick(r, targets), 0, ...block);
      }
    } else if (kind === 4) { // CRLF -> LF
      chars = chars.filter((x, i) => !(x.c === '\r' && chars[i + 1]?.c === '\n'));
    } else { // LF -> CRLF
      const out: Char[] = [];
      chars.forEach((x, i) => { if (x.c === '\n' && chars[i - 1]?.c !== '\r') out.push({ c: '\r', id: -1 }); out.push(x); });
      chars = out;
    }
  }
  return { text0, ann, chars };
}


describe('store/reanchor', () => {
  it('keeps annotations in place, follows an insertion, orphans deleted text', () => {
    const old = 'Wang Yi said Wang Yi is ready. Mohib said so.';
    const a: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [
      { id: 'e1', type: 'person', start: 13, end: 20, text: 'Wang Yi', origin: 'auto', status: 'suggested' },
      { id: 'e2', type: 'person', start: 31, end: 36, text: 'Mohib', origin: 'manual', status: 'confirmed' },
      { id: 'e3', type: 'x', start: 24, end: 29, text: 'ready', origin: 'manual', status: 'confirmed' },
    ] };
    const text = 'KABUL: ' + old.replace('Mohib said so.', 'Nobody did.');
    const r = reanchor(a, text);
    assert.equal(a.entities[0].start, 20); // the second "Wang Yi", shifted by 7 like its neighbour
    assert.equal(a.entities[2].start, 31);
    assert.equal(a.entities[1].status, 'orphaned');
    assert.equal(a.entities[1].previousStatus, 'confirmed');
    assert.equal(r.orphaned.length, 1);
  });

  it('re-anchors across CRLF -> LF (fuzzy on whitespace)', () => {
    const old = 'He said:\r\n"We are\r\nready."\r\n';
    const q = { id: 'q1', kind: 'direct' as const, start: 11, end: 25, text: 'We are\r\nready.', origin: 'auto' as const, status: 'suggested' as const };
    assert.equal(old.slice(11, 25), q.text);
    const a: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [q] };
    const text = old.replace(/\r\n/g, '\n');
    const r = reanchor(a, text);
    assert.equal(r.fuzzy, 1);
    assert.equal(a.quotes[0].text, 'We are\nready.');
    assert.equal(text.slice(a.quotes[0].start, a.quotes[0].end), 'We are\nready.');
  });

  it('property: 10,000 random edit sequences through the sidecar (stored context): zero misplaced', function () {
    this.timeout(120000);
    const r = rng(2024);
    let total = 0, placed = 0, orphaned = 0, intactOrphaned = 0, intact = 0;
    const misplaced: string[] = [];
    for (let seq = 0; seq < 10000; seq++) {
      const { text0, ann, chars } = randomCase(r);
      const text = chars.map((x) => x.c).join('');
      // characters are code points (😀 is two UTF-16 units); ids are code-point indices of text0
      const u16 = (cs: Char[]) => { const off: number[] = []; let n = 0; for (const x of cs) { off.push(n); n += x.c.length; } off.push(n); return off; };
      const chars0 = [...text0].map((c, id) => ({ c, id }));
      const off0 = u16(chars0), off = u16(chars);
      const idx0 = new Map<number, number>(); off0.forEach((o, i) => idx0.set(o, i)); // UTF-16 offset -> char index (text0)
      const idx = new Map<number, number>(); off.forEach((o, i) => idx.set(o, i));
      const newIndex = new Map<number, number>(); chars.forEach((x, i) => { if (x.id >= 0) newIndex.set(x.id, i); });
      /** Identity of the nearest non-space character from index `i` on (dir 1) or back (-1); -2 past the ends. */
      const idAt = (cs: Char[], i: number, dir: 1 | -1): number => {
        while (i >= 0 && i < cs.length && /\s/.test(cs[i].c)) i += dir;
        return i < 0 || i >= cs.length ? -2 : cs[i].id;
      };
      // the real path: written with its context for text0, read back for the edited text
      const parsed = parse(serialize(ann, text0), text);
      assert.equal(parsed.ok, true);
      assert.equal(parsed.stale, text !== text0);
      if (parsed.stale) reanchor(parsed.annotations, text);
      const orig = new Map([...ann.entities, ...ann.quotes].map((x) => [x.id, x]));
      for (const a of [...parsed.annotations.entities, ...parsed.annotations.quotes]) {
        total++;
        const o = orig.get(a.id)!;
        const i0 = idx0.get(o.start)!, i1 = idx0.get(o.end)!;
        // intact: every non-space character of the span survived, in order, with the same
        // spacing (only whitespace between, adjacent ones still adjacent)
        const core: number[] = [];
        for (let id = i0; id < i1; id++) if (/\S/.test(chars0[id].c)) core.push(id);
        const pos = core.map((id) => newIndex.get(id));
        let isIntact = pos.every((p) => p !== undefined);
        for (let j = 1; isIntact && j < pos.length; j++) {
          const p0 = pos[j - 1]!, p1 = pos[j]!;
          if (p1 <= p0 || chars.slice(p0 + 1, p1).some((x) => /\S/.test(x.c)) || (p1 - p0 === 1) !== (core[j] - core[j - 1] === 1)) isIntact = false;
        }
        if (isIntact) intact++;
        if (a.status === 'orphaned') { orphaned++; if (isIntact) intactOrphaned++; continue; }
        placed++;
        const now = text.slice(a.start, a.end);
        const lead = now.length - now.trimStart().length;
        const s1 = idx.get(a.start), e1 = idx.get(a.end);
        const ok = now === a.text && ws(now) === ws(o.text) && s1 !== undefined && e1 !== undefined && (isIntact
          // intact: exactly its own characters
          ? idx.get(a.start + lead) === pos[0]
          // its text was edited away: only acceptable beside one of its own old neighbours
          // (the nearest non-space character before or after it, or the start or end)
          : idAt(chars, s1 - 1, -1) === idAt(chars0, i0 - 1, -1) || idAt(chars, e1, 1) === idAt(chars0, i1, 1));
        if (!ok && process.env.DEBUG_SEQ === String(seq)) console.log(JSON.stringify({ text0, text, o, a, ctx: serialize(ann, text0) }, null, 1));
        if (!ok) misplaced.push(`seq ${seq}: ${JSON.stringify(o.text)} at ${o.start} -> ${JSON.stringify(now)} at ${a.start} (${isIntact ? 'intact' : 'edited'})`);
      }
    }
    const pct = (n: number) => (100 * n / total).toFixed(2) + '%';
    console.log(`      reanchor with context: ${total} annotations, ${placed} placed, misplaced ${misplaced.length} (${pct(misplaced.length)}), orphaned ${orphaned} (${pct(orphaned)}; ${intactOrphaned} of them still intact in the text = ${pct(intactOrphaned)})`);
    assert.ok(total > 40000);
    assert.deepEqual(misplaced.slice(0, 10), []);
  });

  it('property, older sidecars without context: 10,000 random edit sequences, never on other text', function () {
    this.timeout(60000);
    const r = rng(2024);
    let placed = 0, exactOcc = 0, wrongOcc = 0, orphaned = 0, lost = 0;
    for (let seq = 0; seq < 10000; seq++) {
      const { ann, chars } = randomCase(r);
      const text = chars.map((x) => x.c).join('');
      const posOf = new Map<number, number>();
      chars.forEach((x, i) => { if (x.id >= 0) posOf.set(x.id, i); });
      const all = [...ann.entities, ...ann.quotes];
      const truth = new Map(all.map((a) => [a, a.start]));
      const stored = new Map(all.map((a) => [a, a.text]));
      reanchor(ann, text);
      for (const a of all) {
        if (a.status === 'orphaned') { orphaned++; continue; }
        placed++;
        const own = stored.get(a)!;
        const now = text.slice(a.start, a.end);
        assert.ok(now === own || (ws(now) === ws(own) && now === a.text), `seq ${seq}: misplaced ${JSON.stringify(own)} on ${JSON.stringify(now)}`);
        // was it the very occurrence the text went to?
        const s0 = truth.get(a)!;
        const p = posOf.get(s0);
        if (p === a.start) exactOcc++; else wrongOcc++;
      }
      // an annotation whose characters all survived contiguously must not be orphaned
      for (const a of all) {
        if (a.status !== 'orphaned') continue;
        const s0 = truth.get(a)!;
        const txt = stored.get(a)!;
        const p = posOf.get(s0);
        if (p !== undefined && text.startsWith(txt, p)) lost++;
      }
    }
    console.log(`      reanchor: ${placed} placed (${exactOcc} at their own occurrence, ${wrongOcc} on the same text elsewhere), ${orphaned} orphaned (${lost} of them still present intact)`);
    assert.ok(placed > 10000);
    // Known gap: without stored context a repeated short text can land on another occurrence of
    // the same text (never on different text). Guard against regressions only.
    assert.ok(wrongOcc / placed < 0.15, `wrong occurrence rate ${wrongOcc / placed}`);
  });
});
