import * as assert from 'node:assert/strict';
import type { Annotations } from '../../../src/core/model';
import { AnnotationHistory, Recorder } from '../../../src/core/actions';

const doc = (): Annotations => ({
  version: 1, topics: ['a'], speakers: [{ id: 's', name: 'S', aliases: [], kind: 'person' }], entities: [],
  quotes: [0, 10, 20].map((start, i) => ({ id: 'q' + (i + 1), kind: 'direct' as const, start, end: start + 5, text: 'abcde', origin: 'auto' as const, status: 'suggested' as const, speaker: 's', topics: ['t'] })),
});

describe('actions: recorded changes', () => {
  it('field changes and whole-item changes of the same item undo to the exact original', () => {
    const a = doc();
    const before = structuredClone(a);
    const r = new Recorder(a);
    r.set('quotes', 1, 'status', 'confirmed');
    r.set('quotes', 1, 'speaker', undefined);
    const q = r.touch('quotes', 'q2');
    assert.ok(q);
    q.topics?.push('u'); // a nested change after the field changes
    r.set('quotes', 2, 'status', 'rejected');
    r.topics(['a', 'b']);
    const edit = r.finish('mixed');
    assert.ok(edit);
    const after = structuredClone(a);
    const h = new AnnotationHistory();
    h.record(edit);
    h.undo(a);
    assert.deepEqual(a, before);
    h.redo(a);
    assert.deepEqual(a, after);
  });

  it('a field set back to its old value records nothing; copies do not share nested arrays', () => {
    const a = doc();
    const r = new Recorder(a);
    r.set('quotes', 0, 'status', 'confirmed');
    r.set('quotes', 0, 'status', 'suggested');
    assert.equal(r.finish('none'), undefined);
    const r2 = new Recorder(a);
    r2.touch('quotes', 'q1')?.topics?.push('x');
    const e = r2.finish('nested');
    assert.ok(e);
    a.quotes[0]?.topics?.push('y'); // a later change must not leak into the recorded copies
    const h = new AnnotationHistory();
    h.record(e);
    h.undo(a);
    assert.deepEqual(a.quotes[0]?.topics, ['t']);
    h.redo(a);
    assert.deepEqual(a.quotes[0]?.topics, ['t', 'x']);
  });

  it('keeps at most `limit` changes to undo', () => {
    const a = doc();
    const h = new AnnotationHistory(2);
    for (const s of ['confirmed', 'rejected', 'confirmed'] as const) {
      const r = new Recorder(a);
      r.set('quotes', 0, 'status', s);
      h.record(r.finish(s));
    }
    assert.ok(h.undo(a));
    assert.ok(h.undo(a));
    assert.equal(h.undo(a), undefined);
    assert.equal(a.quotes[0]?.status, 'confirmed', 'the oldest change was dropped, so the first state is not reached');
  });
});
