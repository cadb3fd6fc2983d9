/** A property check shared by the analysis tests: incremental updates equal a full analysis. */
import * as assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../../../src/core/analysis';
import { prng } from '../../support/prng';

/** 300 random one- to three-character edits of `base` (inserting from `alphabet`); after each, `update` equals `analyze`. */
export function assertIncrementalEqualsFull(base: string, seed: number, alphabet = 'aZ ,.“”\n-’s'): void {
  const r = prng(seed);
  const inc = new IncrementalAnalyzer();
  let text = base;
  inc.analyze(text);
  for (let i = 0; i < 300; i++) {
    const pos = Math.floor(r() * (text.length + 1));
    const del = Math.min(text.length - pos, Math.floor(r() * 3));
    const ins = r() < 0.3 ? '' : alphabet[Math.floor(r() * alphabet.length)];
    text = text.slice(0, pos) + ins + text.slice(pos + del);
    const got = inc.update(text, { start: pos, end: pos + del, newLength: ins.length });
    assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(analyze(text))), `edit ${i} at ${pos}`);
  }
}
