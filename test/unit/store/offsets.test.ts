import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { OffsetMap, textDiff } from '../../../src/core/store/offsets';
import { articleSha256 } from '../../../src/core/store/hash';
import { rng, pick, int } from './util';

describe('store/offsets', () => {
  it('is the identity without astral characters', () => {
    const m = new OffsetMap('héllo “world”');
    assert.equal(m.identity, true);
    assert.equal(m.toCodePoint(5), 5);
    assert.equal(m.toUtf16(5), 5);
  });
  it('counts a surrogate pair as one code point', () => {
    const t = 'a😀b😀c';
    const m = new OffsetMap(t);
    assert.equal(m.codePointLength, [...t].length);
    assert.equal(m.toCodePoint(3), 2); // before 'b'
    assert.equal(m.toUtf16(2), 3);
    assert.equal(m.toUtf16(5), t.length);
  });
  it('round-trips random texts (matches Array.from)', () => {
    const r = rng(7);
    for (let k = 0; k < 200; k++) {
      let t = '';
      for (let i = 0; i < 50; i++) t += pick(r, ['a', 'é', '😀', '𝄞', ' ', '\n', '\ud800']);
      const m = new OffsetMap(t);
      const cps = Array.from(t);
      let u = 0;
      for (let cp = 0; cp <= cps.length; cp++) {
        assert.equal(m.toUtf16(cp), u);
        assert.equal(m.toCodePoint(u), cp);
        if (cp < cps.length) u += cps[cp].length;
      }
      const x = int(r, t.length + 1);
      assert.ok(m.toUtf16(m.toCodePoint(x)) <= x);
    }
  });
  it('converts in any order exactly as a plain binary search does (the hint is only a shortcut)', () => {
    const r = rng(9);
    let t = '';
    for (let i = 0; i < 5000; i++) t += pick(r, ['a', 'bc', '😀', '𝄞', ' ', '\ud800']);
    const m = new OffsetMap(t);
    const pairs: number[] = [];
    for (let i = 0; i + 1 < t.length; i++) if (/[\ud800-\udbff]/.test(t[i]) && /[\udc00-\udfff]/.test(t[i + 1])) { pairs.push(i); i++; }
    const count = (f: (p: number, i: number) => boolean) => { let lo = 0, hi = pairs.length; while (lo < hi) { const mid = (lo + hi) >>> 1; if (f(pairs[mid], mid)) lo = mid + 1; else hi = mid; } return lo; };
    const refCp = (u: number) => (pairs.length === 0 || u <= pairs[0] ? u : u - count((p) => p < u));
    const refU16 = (c: number) => (pairs.length === 0 || c <= pairs[0] ? c : c + count((p, i) => p - i < c));
    const queries: number[] = [];
    let x = 0;
    for (let i = 0; i < 20000; i++) {
      // mostly small steps both ways (sorted lists), some long jumps and odd values
      const k = r();
      if (k < 0.7) x = Math.max(0, Math.min(t.length, x + int(r, 40) - 10));
      else if (k < 0.95) x = int(r, t.length + 1);
      else x = pick(r, [-5, t.length + 7, 0.5, NaN, 1e9]);
      queries.push(x);
    }
    for (const q of queries) {
      assert.ok(Object.is(m.toCodePoint(q), refCp(q)), `toCodePoint(${q})`);
      assert.ok(Object.is(m.toUtf16(q), refU16(q)), `toUtf16(${q})`);
    }
  });
  it('OffsetMap.of reuses the map of the same text', () => {
    const a = OffsetMap.of('a😀b');
    assert.equal(OffsetMap.of('a😀b'), a);
    assert.notEqual(OffsetMap.of('a😀c'), a);
    assert.equal(OffsetMap.of('a😀c').toCodePoint(3), 2);
  });
  it('textDiff finds the common prefix and suffix (never overlapping)', () => {
    const r = rng(21);
    const bits = ['a', 'b', '😀', '\ud800', '\udc00', 'é', ' '];
    for (let k = 0; k < 300; k++) {
      let a = '';
      const n = int(r, k < 100 ? 40 : 5000);
      for (let i = 0; i < n; i++) a += pick(r, bits);
      const s = int(r, a.length + 1), e = Math.min(a.length, s + int(r, 30));
      let ins = '';
      for (let i = int(r, 4); i > 0; i--) ins += pick(r, bits);
      const b = a.slice(0, s) + ins + a.slice(e);
      const d = textDiff(a, b);
      let p = 0;
      while (p < a.length && p < b.length && a[p] === b[p]) p++;
      let q = 0;
      while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
      assert.deepEqual(d, { prefix: p, suffix: q }, `case ${k}`);
    }
  });
  it('OffsetMap.of after an edit converts exactly as a map built from scratch', () => {
    const r = rng(22);
    const bits = ['a', '😀', '\ud83d', '\ude00', 'é', '\n'];
    let t = '';
    for (let i = 0; i < 3000; i++) t += pick(r, bits);
    OffsetMap.of(t);
    for (let k = 0; k < 200; k++) {
      const s = int(r, t.length + 1), e = Math.min(t.length, s + int(r, 6));
      let ins = '';
      for (let i = int(r, 4); i > 0; i--) ins += pick(r, bits);
      t = t.slice(0, s) + ins + t.slice(e);
      const m = OffsetMap.of(t);
      const fresh = new OffsetMap(t);
      assert.equal(m.codePointLength, fresh.codePointLength, `edit ${k}`);
      for (let u = 0; u <= t.length; u++) assert.equal(m.toCodePoint(u), fresh.toCodePoint(u), `edit ${k} at ${u}`);
    }
  });
});

describe('store/hash', () => {
  it('articleSha256 reuses the last hash only for the same text', () => {
    const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
    for (const t of ['a', 'b', 'b', 'é😀', 'a', ('x' + 'b').slice(1)]) assert.equal(articleSha256(t), sha(t));
  });
});
