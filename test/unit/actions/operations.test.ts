import * as assert from 'node:assert/strict';
import type { Annotations, Entity, Quote } from '../../../src/core/model';
import {
  AnnotationHistory,
  ActionError,
  acceptSuggestedSpeaker,
  annotationAt,
  clearSpeaker,
  confirm,
  confirmAll,
  markEntity,
  markQuote,
  mergeSpeakers,
  needsSpeaker,
  nextQuote,
  previousQuote,
  quoteAt,
  reject,
  remove,
  renameSpeaker,
  setArticleTopics,
  setPassageTopics,
  setSpeakerAttributes,
  speakerChoices,
  speakerId,
  tagSpeaker,
} from '../../../src/core/actions';
import { mergeAnalysis } from '../../../src/core/store/merge';
import { rng, int } from '../store/util';

const TEXT = '“We are ready,” Wang Yi said. Mohib said peace matters. Atmar thanked China.';
const span = (s: string, from = 0) => {
  const start = TEXT.indexOf(s, from);
  assert.ok(start >= 0, s);
  return { start, end: start + s.length, text: s };
};

function fixture(): Annotations {
  const q1: Quote = {
    id: 'q1', kind: 'direct', ...span('“We are ready,”'), speaker: 'wang-yi', source: span('Wang Yi'), cue: span('said'),
    rule: 'after-quote', confidence: 0.97, origin: 'auto', status: 'suggested',
  };
  const q2: Quote = { id: 'q2', kind: 'indirect', ...span('peace matters'), speaker: 'mohib', confidence: 0.6, origin: 'auto', status: 'suggested' };
  const e1: Entity = { id: 'e1', type: 'person', ...span('Wang Yi'), origin: 'auto', status: 'suggested', speaker: 'wang-yi' };
  const e2: Entity = { id: 'e2', type: 'person', ...span('Mohib'), origin: 'auto', status: 'suggested', speaker: 'mohib' };
  return {
    version: 1, topics: [],
    speakers: [
      { id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang'], kind: 'person' },
      { id: 'mohib', name: 'Hamdullah Mohib', aliases: ['Mohib'], kind: 'person' },
    ],
    entities: [e1, e2], quotes: [q1, q2],
  };
}

/** Undo gives back exactly the model before; redo exactly the model after. */
function roundTrip(ann: Annotations, act: (a: Annotations) => ReturnType<typeof confirm>): Annotations {
  const before = structuredClone(ann);
  const h = new AnnotationHistory();
  h.record(act(ann));
  const after = structuredClone(ann);
  assert.notDeepEqual(after, before, 'the action changed something');
  assert.ok(h.undo(ann));
  assert.deepEqual(ann, before);
  assert.ok(h.redo(ann));
  assert.deepEqual(ann, after);
  return ann;
}

describe('actions: annotation operations', () => {
  it('finds the quote and the annotation at a cursor (end inclusive, entity before quote)', () => {
    const a = fixture();
    assert.equal(quoteAt(a, 0)?.id, 'q1');
    assert.equal(quoteAt(a, span('“We are ready,”').end)?.id, 'q1');
    assert.equal(quoteAt(a, span('Atmar').start), undefined);
    assert.equal(annotationAt(a, span('Wang Yi').start + 1)?.id, 'e1');
    assert.equal(annotationAt(a, span('peace').start)?.id, 'q2');
  });

  it('tags a speaker from the article and confirms the quote; undo/redo restore both states', () => {
    const a = roundTrip(fixture(), (x) => tagSpeaker(x, 'q2', 'wang-yi'));
    const q2 = a.quotes[1] as Quote;
    assert.equal(q2.speaker, 'wang-yi');
    assert.equal(q2.status, 'confirmed');
    assert.equal(q2.rule, 'manual');
    assert.equal(q2.confidence, undefined);
  });

  it('tags a new or registry speaker (added to the article) and undo removes it again', () => {
    const a = roundTrip(fixture(), (x) => tagSpeaker(x, 'q2', { id: 'atmar', name: 'Atmar', aliases: [], kind: 'person', attributes: { gender: 'male' } }));
    assert.equal(a.quotes[1]?.speaker, 'atmar');
    assert.deepEqual(a.speakers.map((s) => s.id), ['wang-yi', 'mohib', 'atmar']);
  });

  it('accepting the suggested speaker confirms it without changing why it was chosen', () => {
    const a = roundTrip(fixture(), (x) => acceptSuggestedSpeaker(x, 'q1'));
    assert.equal(a.quotes[0]?.status, 'confirmed');
    assert.equal(a.quotes[0]?.rule, 'after-quote');
    assert.equal(a.quotes[0]?.confidence, 0.97);
    const b = fixture();
    clearSpeaker(b, 'q2');
    assert.throws(() => acceptSuggestedSpeaker(b, 'q2'), ActionError);
  });

  it('clears a speaker and keeps the quote', () => {
    const a = roundTrip(fixture(), (x) => clearSpeaker(x, 'q1'));
    assert.equal(a.quotes[0]?.speaker, undefined);
    assert.equal(a.quotes[0]?.source, undefined);
    assert.equal(a.quotes[0]?.status, 'confirmed');
  });

  it('marks a quote and an entity from a selection (white space trimmed, kept in start order)', () => {
    const s = span('Atmar thanked China');
    const a = roundTrip(fixture(), (x) => markQuote(x, TEXT, s.start - 1, s.end, 'indirect'));
    const q = a.quotes[2] as Quote;
    assert.deepEqual([q.id, q.text, q.kind, q.origin, q.status], ['q3', 'Atmar thanked China', 'indirect', 'manual', 'confirmed']);
    const c = span('China', span('Atmar').start);
    const b = roundTrip(fixture(), (x) => markEntity(x, TEXT, c.start, c.end, 'weapon'));
    assert.deepEqual(b.entities.map((e) => e.text), ['Wang Yi', 'Mohib', 'China']);
    assert.equal(b.entities[2]?.type, 'weapon');
    assert.throws(() => markQuote(fixture(), TEXT, 5, 5, 'direct'), /Select the text/);
  });

  it('marking the span of a rejected suggestion takes it over instead of adding a duplicate', () => {
    const a = fixture();
    reject(a, 'q2');
    const s = span('peace matters');
    markQuote(a, TEXT, s.start, s.end, 'direct');
    assert.equal(a.quotes.length, 2);
    assert.deepEqual([a.quotes[1]?.status, a.quotes[1]?.kind], ['confirmed', 'direct']);
  });

  it('confirms and rejects at an id; unknown ids are a clear error', () => {
    roundTrip(fixture(), (x) => confirm(x, 'e1'));
    const a = roundTrip(fixture(), (x) => reject(x, 'q1'));
    assert.equal(a.quotes[0]?.status, 'rejected');
    assert.throws(() => confirm(fixture(), 'nope'), /no longer exists/);
  });

  it('confirms all suggestions at or above a confidence, and only those', () => {
    const a = roundTrip(fixture(), (x) => confirmAll(x, 0.9));
    assert.deepEqual(a.quotes.map((q) => q.status), ['confirmed', 'suggested']);
    assert.deepEqual(a.entities.map((e) => e.status), ['suggested', 'suggested']);
    const b = fixture();
    confirmAll(b, 0.5, true);
    assert.deepEqual([...b.quotes, ...b.entities].map((x) => x.status), ['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    assert.equal(confirmAll(fixture(), 0.99), undefined, 'nothing above 0.99: no edit recorded');
    assert.throws(() => confirmAll(fixture(), 2), /from 0 to 1/);
  });

  it('removes a manual annotation and rejects a suggestion (so the engine does not bring it back)', () => {
    const a = fixture();
    const s = span('Atmar');
    const h = new AnnotationHistory();
    h.record(markEntity(a, TEXT, s.start, s.end, 'person'));
    const id = a.entities.find((e) => e.text === 'Atmar')?.id as string;
    roundTrip(a, (x) => remove(x, id));
    assert.equal(a.entities.some((e) => e.id === id), false);
    const b = roundTrip(fixture(), (x) => remove(x, 'e1'));
    assert.equal(b.entities[0]?.status, 'rejected');
  });

  it('sets article topics (trimmed, no duplicates) and passage topics of a quote', () => {
    const a = roundTrip(fixture(), (x) => setArticleTopics(x, ['security', ' diplomacy ', 'security', '']));
    assert.deepEqual(a.topics, ['security', 'diplomacy']);
    const b = roundTrip(fixture(), (x) => setPassageTopics(x, 'q2', ['peace-process']));
    assert.deepEqual(b.quotes[1]?.topics, ['peace-process']);
    setPassageTopics(b, 'q2', []);
    assert.equal(b.quotes[1]?.topics, undefined);
  });

  it('renames a speaker: the old name becomes an alias, the id stays, its quotes are confirmed', () => {
    const a = roundTrip(fixture(), (x) => renameSpeaker(x, 'wang-yi', 'Wang Yi (FM)'));
    assert.deepEqual(a.speakers[0], { id: 'wang-yi', name: 'Wang Yi (FM)', aliases: ['Wang', 'Wang Yi'], kind: 'person' });
    assert.equal(a.quotes[0]?.status, 'confirmed');
    assert.throws(() => renameSpeaker(fixture(), 'wang-yi', '  '), /cannot be empty/);
  });

  it('merges speakers: aliases combined, every quote and mention follows, the other speaker is gone', () => {
    const a = roundTrip(fixture(), (x) => mergeSpeakers(x, 'mohib', 'wang-yi'));
    assert.deepEqual(a.speakers.map((s) => s.id), ['wang-yi']);
    assert.deepEqual(a.speakers[0]?.aliases, ['Wang', 'Hamdullah Mohib', 'Mohib']);
    assert.deepEqual(a.quotes.map((q) => q.speaker), ['wang-yi', 'wang-yi']);
    assert.deepEqual(a.entities.map((e) => e.speaker), ['wang-yi', 'wang-yi']);
    assert.throws(() => mergeSpeakers(fixture(), 'mohib', 'mohib'), /two different/);
  });

  it('edits speaker attributes; role goes to the model field; an empty value removes one', () => {
    const a = roundTrip(fixture(), (x) => setSpeakerAttributes(x, 'mohib', { role: 'NSA', gender: 'male', affiliation: 'Government of Afghanistan' }));
    assert.equal(a.speakers[1]?.role, 'NSA');
    assert.deepEqual(a.speakers[1]?.attributes, { gender: 'male', affiliation: 'Government of Afghanistan' });
    setSpeakerAttributes(a, 'mohib', { gender: '' });
    assert.deepEqual(a.speakers[1]?.attributes, { affiliation: 'Government of Afghanistan' });
  });

  it('a confirmed change survives the engine refreshing its suggestions (user-owned items are kept)', () => {
    const a = fixture();
    tagSpeaker(a, 'q2', 'wang-yi');
    const fresh = fixture();
    const merged = mergeAnalysis(a, { article: {}, speakers: fresh.speakers, entities: fresh.entities, quotes: fresh.quotes });
    assert.equal(merged.quotes.find((q) => q.start === a.quotes[1]?.start)?.speaker, 'wang-yi');
  });

  it('undo works by id after the session replaced the model object (a refresh)', () => {
    const a = fixture();
    const h = new AnnotationHistory();
    h.record(tagSpeaker(a, 'q2', 'wang-yi'));
    const replaced = structuredClone(a);
    h.undo(replaced);
    assert.equal(replaced.quotes[1]?.speaker, 'mohib');
    assert.equal(replaced.quotes[1]?.status, 'suggested');
    assert.equal(h.canUndo, false);
    assert.equal(h.canRedo, true);
    h.record(confirm(replaced, 'q1'));
    assert.equal(h.canRedo, false, 'a new change clears the redo stack');
  });

  it('random sequences of actions undo back to the start and redo to the end', () => {
    const r = rng(7);
    for (let round = 0; round < 30; round++) {
      const a = fixture();
      const h = new AnnotationHistory();
      const states = [structuredClone(a)];
      for (let i = 0; i < 12; i++) {
        const ids = [...a.quotes, ...a.entities].map((x) => x.id);
        const id = ids[int(r, ids.length)] as string;
        const qid = a.quotes[int(r, a.quotes.length)]?.id as string;
        const from = int(r, TEXT.length - 6);
        const ops = [
          () => confirm(a, id), () => reject(a, id), () => remove(a, id), () => tagSpeaker(a, qid, 'wang-yi'),
          () => clearSpeaker(a, qid), () => markQuote(a, TEXT, from, from + 5, 'direct'), () => markEntity(a, TEXT, from, from + 3, 'place'),
          () => setArticleTopics(a, ['t' + i]), () => setPassageTopics(a, qid, ['p' + i]), () => confirmAll(a, r()),
        ];
        try {
          const e = (ops[int(r, ops.length)] as () => ReturnType<typeof confirm>)();
          if (e) { h.record(e); states.push(structuredClone(a)); }
        } catch (err) {
          assert.ok(err instanceof ActionError, String(err));
        }
      }
      for (let i = states.length - 2; i >= 0; i--) { h.undo(a); assert.deepEqual(a, states[i]); }
      for (let i = 1; i < states.length; i++) { h.redo(a); assert.deepEqual(a, states[i]); }
    }
  });

  it('moves to the next / previous quote (wrapping) and to the next one that needs a speaker', () => {
    const a = fixture();
    assert.equal(nextQuote(a, 0)?.id, 'q2');
    assert.equal(nextQuote(a, TEXT.length)?.id, 'q1', 'wraps');
    assert.equal(previousQuote(a, TEXT.length)?.id, 'q2');
    assert.equal(previousQuote(a, 0)?.id, 'q2', 'wraps');
    acceptSuggestedSpeaker(a, 'q2');
    assert.equal(nextQuote(a, 0, needsSpeaker)?.id, 'q1');
    acceptSuggestedSpeaker(a, 'q1');
    assert.equal(nextQuote(a, 0, needsSpeaker), undefined);
  });

  it('navigation and lookups do not depend on the list order (merging puts the user\'s annotations first)', () => {
    const a = fixture();
    const s = span('Atmar thanked China');
    markQuote(a, TEXT, s.start, s.end, 'indirect');
    a.quotes.reverse(); // q3, q2, q1
    assert.equal(nextQuote(a, 0)?.id, 'q2');
    assert.equal(nextQuote(a, span('peace').start)?.id, 'q3');
    assert.equal(previousQuote(a, TEXT.length)?.id, 'q3');
    assert.equal(previousQuote(a, span('Atmar').start)?.id, 'q2');
    assert.equal(nextQuote(a, TEXT.length)?.id, 'q1', 'wraps to the first by position');
    assert.equal(quoteAt(a, span('peace').start + 2)?.id, 'q2');
  });

  it('makes unique speaker ids from names', () => {
    assert.equal(speakerId('Wang Yi', new Set()), 'wang-yi');
    assert.equal(speakerId('Wang Yi', new Set(['wang-yi'])), 'wang-yi-2');
    assert.equal(speakerId('Zoë Ångström', new Set()), 'zoe-angstrom');
    assert.equal(speakerId('“!”', new Set()), 'speaker');
  });

  it('orders the speaker pick: suggested (with why), article, workspace, new', () => {
    const a = fixture();
    const known = [
      { id: 'atmar', name: 'Mohammad Haneef Atmar', aliases: ['Atmar'], kind: 'person' as const },
      { id: 'wang-yi', name: 'Wang Yi', aliases: [], kind: 'person' as const },
      { id: 'abe', name: 'Abe', aliases: [], kind: 'person' as const },
    ];
    const c = speakerChoices(a, a.quotes[0], known);
    assert.deepEqual(c.map((x) => (x.kind === 'new' ? 'new' : `${x.kind}:${x.speaker.id}`)), ['suggested:wang-yi', 'article:mohib', 'workspace:abe', 'workspace:atmar', 'new']);
    const first = c[0];
    assert.ok(first && first.kind === 'suggested');
    assert.equal(first.why, '"said" after the quote, names "Wang Yi", 0.97');
  });
});
