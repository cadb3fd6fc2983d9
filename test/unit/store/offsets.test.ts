import * as assert from 'node:assert/strict';
import { OffsetMap } from '../../../src/core/store/offsets';
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
});
