import * as assert from 'node:assert/strict';
import type { Annotations } from '../../../src/core/model';
import { reanchor } from '../../../src/core/store/reanchor';
import { rng, int, pick } from './util';

const ws = (s: string) => s.replace(/\s+/g, ' ');

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

  it('property: 10,000 random edit sequences, zero misplaced', function () {
    this.timeout(60000);
    const r = rng(2024);
    const vocab = ['Wang', 'Yi', 'said', 'China', 'is', 'ready', 'to', 'help', 'Mohib', 'the', 'talks', 'in', 'Kabul', 'peace', '“we', 'will”', 'he', 'added', 'é', '😀'];
    let placed = 0, exactOcc = 0, wrongOcc = 0, orphaned = 0, lost = 0;
    for (let seq = 0; seq < 10000; seq++) {
      // article as chars with identities
      let chars: Array<{ c: string; id: number }> = [];
      let nid = 0;
      const paras = 2 + int(r, 4);
      for (let p = 0; p < paras; p++) {
        const n = 5 + int(r, 20);
        let para = '';
        for (let i = 0; i < n; i++) para += (i ? ' ' : '') + pick(r, vocab);
        para += p < paras - 1 ? (r() < 0.2 ? '\r\n\r\n' : '\n\n') : '\n';
        for (const c of para) chars.push({ c, id: nid++ });
      }
      const text0 = chars.map((x) => x.c).join('');
      const ann: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [] };
      const spans: Array<[number, number]> = [];
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
        spans.push([s, e]);
        if (k % 3 === 2) ann.quotes.push({ id: 'q' + k, kind: 'direct', start: s, end: e, text: text0.slice(s, e), origin: 'auto', status: 'suggested' });
        else ann.entities.push({ id: 'e' + k, type: 'person', start: s, end: e, text: text0.slice(s, e), origin: 'manual', status: 'confirmed' });
      }
      // random edits
      const steps = 1 + int(r, 4);
      for (let st = 0; st < steps; st++) {
        const kind = int(r, 6);
        const at = int(r, chars.length + 1);
        if (kind === 0) { // insert words
          const ins = ' ' + pick(r, vocab) + (r() < 0.5 ? ' ' + pick(r, vocab) : '') + ' ';
          chars.splice(at, 0, ...[...ins].map((c) => ({ c, id: -1 })));
        } else if (kind === 1) { // delete
          chars.splice(at, int(r, 25));
        } else if (kind === 2) { // replace
          chars.splice(at, int(r, 10), ...[...pick(r, vocab)].map((c) => ({ c, id: -1 })));
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
          const out: typeof chars = [];
          chars.forEach((x, i) => { if (x.c === '\n' && chars[i - 1]?.c !== '\r') out.push({ c: '\r', id: -1 }); out.push(x); });
          chars = out;
        }
      }
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
