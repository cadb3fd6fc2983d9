import * as assert from 'node:assert/strict';
import { warmUp } from '../../src/core/warmUp';

describe('warm-up (the engine and the sidecar reader compiled while idle)', () => {
  it('runs the engine, the writer and the reader over its article and gets the annotations back', () => {
    // the article has at least two people, a place, an organisation and a direct quote
    assert.ok(warmUp() >= 5, 'the annotations of the warm-up article survive the round trip');
  });
});
