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
    // SEED=n runs another set of sequences (the ambiguous cases it may show are reported by id)
    const r = rng(Number(process.env.SEED ?? 2024));
    const tally = new Tally();
    for (let seq = 0; seq < 10000; seq++) {
      const { text0, ann, chars } = randomCase(r);
      const text = chars.map((x) => x.c).join('');
      // the real path: written with its context for text0, read back for the edited text
      const parsed = parse(serialize(ann, text0), text);
      assert.equal(parsed.ok, true);
      assert.equal(parsed.stale, text !== text0);
      if (parsed.stale) reanchor(parsed.annotations, text);
      tally.judge(seq, text0, ann, chars, parsed.annotations);
    }
    console.log('      with stored context: ' + tally.summary());
    assert.ok(tally.total > 40000);
    assert.deepEqual(tally.misplaced.slice(0, 10), []);
    assert.ok(tally.intactOrphaned / tally.total < 0.05, 'few annotations still intact in the text are orphaned');
  });

  it('property, older sidecars without context: 10,000 random edit sequences, never on other text', function () {
    this.timeout(60000);
    const r = rng(2024);
    const tally = new Tally();
    for (let seq = 0; seq < 10000; seq++) {
      const { text0, ann, chars } = randomCase(r);
      const text = chars.map((x) => x.c).join('');
      const moved: Annotations = JSON.parse(JSON.stringify(ann));
      reanchor(moved, text);
      tally.judge(seq, text0, ann, chars, moved);
    }
    console.log('      without context (older sidecars): ' + tally.summary());
    assert.ok(tally.total > 40000);
    assert.equal(tally.otherText, 0, 'never on different text');
    // Known limit: without stored context a repeated text can land on another occurrence of the
    // same text. Guard against regressions only.
    assert.ok(tally.misplaced.length / tally.total < 0.05, `misplaced rate ${tally.misplaced.length / tally.total}`);
  });
});

/**
 * Judges re-anchored annotations against the characters' identities. An annotation is intact
 * when every non-space character of its span survived, in order, with the same spacing. Placed
 * correctly: an intact one exactly on its own characters; an edited one beside one of its own
 * old neighbours (the nearest non-space character before or after it, or an end of the text).
 * Anything else placed is misplaced; orphaned is always allowed (and counted).
 */
class Tally {
  total = 0;
  placed = 0;
  orphaned = 0;
  intactOrphaned = 0;
  otherText = 0;
  readonly misplaced: string[] = [];

  judge(seq: number, text0: string, before: Annotations, chars: Char[], after: Annotations): void {
    const text = chars.map((x) => x.c).join('');
    // characters are code points (😀 is two UTF-16 units); ids are code-point indices of text0
    const chars0 = [...text0].map((c, id) => ({ c, id }));
    const index = (cs: Char[]) => { const m = new Map<number, number>(); let n = 0; cs.forEach((x, i) => { m.set(n, i); n += x.c.length; }); m.set(n, cs.length); return m; };
    const idx0 = index(chars0), idx = index(chars); // UTF-16 offset -> char index
    const newIndex = new Map<number, number>();
    chars.forEach((x, i) => { if (x.id >= 0) newIndex.set(x.id, i); });
    const idAt = (cs: Char[], i: number, dir: 1 | -1): number => {
      while (i >= 0 && i < cs.length && /\s/.test(cs[i].c)) i += dir;
      return i < 0 || i >= cs.length ? -2 : cs[i].id;
    };
    const orig = new Map([...before.entities, ...before.quotes].map((x) => [x.id, x]));
    for (const a of [...after.entities, ...after.quotes]) {
      this.total++;
      const o = orig.get(a.id)!;
      const i0 = idx0.get(o.start)!, i1 = idx0.get(o.end)!;
      const core: number[] = [];
      for (let id = i0; id < i1; id++) if (/\S/.test(chars0[id].c)) core.push(id);
      const pos = core.map((id) => newIndex.get(id));
      let intact = pos.every((p) => p !== undefined);
      for (let j = 1; intact && j < pos.length; j++) {
        const p0 = pos[j - 1]!, p1 = pos[j]!;
        if (p1 <= p0 || chars.slice(p0 + 1, p1).some((x) => /\S/.test(x.c)) || (p1 - p0 === 1) !== (core[j] - core[j - 1] === 1)) intact = false;
      }
      if (a.status === 'orphaned') { this.orphaned++; if (intact) this.intactOrphaned++; continue; }
      this.placed++;
      const now = text.slice(a.start, a.end);
      if (now !== a.text || ws(now) !== ws(o.text)) this.otherText++;
      const lead = now.length - now.trimStart().length;
      const s1 = idx.get(a.start), e1 = idx.get(a.end);
      const ok = now === a.text && ws(now) === ws(o.text) && s1 !== undefined && e1 !== undefined && (intact
        ? idx.get(a.start + lead) === pos[0]
        : idAt(chars, s1 - 1, -1) === idAt(chars0, i0 - 1, -1) || idAt(chars, e1, 1) === idAt(chars0, i1, 1));
      if (!ok) this.misplaced.push(`seq ${seq}: ${JSON.stringify(o.text)} at ${o.start} -> ${JSON.stringify(now)} at ${a.start} (${intact ? 'intact' : 'edited'})`);
    }
  }

  summary(): string {
    const pct = (n: number) => (100 * n / this.total).toFixed(2) + '%';
    return `${this.total} annotations, ${this.placed} placed, misplaced ${this.misplaced.length} (${pct(this.misplaced.length)}), ` +
      `orphaned ${this.orphaned} (${pct(this.orphaned)}; still intact in the text: ${this.intactOrphaned} = ${pct(this.intactOrphaned)})`;
  }
}
