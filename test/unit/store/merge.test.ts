import * as assert from 'node:assert/strict';
import type { Analysis, Annotations, Entity } from '../../../src/core/model';
import { mergeAnalysis, merge3 } from '../../../src/core/store/merge';

const e = (id: string, start: number, over: Partial<Entity> = {}): Entity => ({ id, type: 'person', start, end: start + 3, text: 'abc', origin: 'auto', status: 'suggested', ...over });
const doc = (entities: Entity[]): Annotations => ({ version: 1, topics: [], speakers: [], quotes: [], entities });

describe('store/merge', () => {
  it('mergeAnalysis keeps manual, confirmed, rejected; refreshes suggestions; rejected does not come back', () => {
    const existing: Annotations = {
      ...doc([e('e1', 0, { status: 'confirmed', speaker: 'wang' }), e('e2', 10, { status: 'rejected' }), e('e3', 20), e('e4', 30, { origin: 'manual' }), e('e5', 40)]),
      speakers: [{ id: 'wang', name: 'Wang Yi', aliases: ['Wang'], kind: 'person' }, { id: 'old', name: 'Old', aliases: [], kind: 'person' }],
    };
    const fresh: Analysis = { article: { title: 'T' }, speakers: [{ id: 'mohib', name: 'Mohib', aliases: [], kind: 'person' }], quotes: [],
      entities: [e('e1', 0), e('e2', 10), e('e3', 20), e('e9', 50), e('e1', 60)] };
    const m = mergeAnalysis(existing, fresh);
    const byStart = new Map(m.entities.map((x) => [x.start, x]));
    assert.equal(byStart.get(0)!.status, 'confirmed');
    assert.equal(byStart.get(10)!.status, 'rejected');
    assert.equal(m.entities.filter((x) => x.start === 10).length, 1);
    assert.equal(byStart.get(20)!.id, 'e3'); // same span: old id kept
    assert.ok(byStart.get(30));
    assert.equal(byStart.get(40), undefined); // stale suggestion gone
    assert.ok(byStart.get(50));
    assert.notEqual(byStart.get(60)!.id, 'e1'); // id collision renamed
    assert.equal(new Set(m.entities.map((x) => x.id)).size, m.entities.length);
    assert.deepEqual(m.speakers.map((s) => s.id).sort(), ['mohib', 'wang']);
    assert.equal(m.article?.title, 'T');
  });

  it('merge3 takes non-conflicting changes from both sides', () => {
    const base = doc([e('e1', 0), e('e2', 10), e('e3', 20)]);
    const ours = doc([e('e1', 0, { status: 'confirmed' }), e('e2', 10), e('e3', 20), e('e4', 30, { origin: 'manual' })]);
    const theirs = doc([e('e1', 0, { speaker: 'wang' }), e('e3', 20), e('e5', 40, { origin: 'manual' })]);
    const { merged, conflicts } = merge3(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.entities.map((x) => x.id).sort(), ['e1', 'e3', 'e4', 'e5']);
    const e1 = merged.entities.find((x) => x.id === 'e1')!;
    assert.equal(e1.status, 'confirmed');
    assert.equal(e1.speaker, 'wang');
  });

  it('merge3 reports conflicts for the UI', () => {
    const base = doc([e('e1', 0), e('e2', 10)]);
    const ours = doc([e('e1', 0, { status: 'confirmed' }), e('e2', 10, { type: 'place' }), e('e7', 50, { origin: 'manual' })]);
    const theirs = doc([e('e1', 0, { status: 'rejected' }), e('e7', 60, { origin: 'manual' })]);
    const { merged, conflicts } = merge3(base, ours, theirs);
    const c1 = conflicts.find((c) => c.id === 'e1')!;
    assert.deepEqual(c1.fields, ['status']);
    assert.match(c1.message, /status/);
    assert.ok(conflicts.find((c) => c.id === 'e2' && /deleted on disk/.test(c.message)));
    assert.equal(merged.entities.find((x) => x.id === 'e1')!.status, 'confirmed');
    // both added "e7" at different spans: both kept
    assert.equal(merged.entities.filter((x) => x.start === 50 || x.start === 60).length, 2);
  });
});
