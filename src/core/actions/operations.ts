/**
 * The tagging commands as pure changes of an `Annotations` model. Each returns the recorded
 * `Edit` (undefined when nothing changed) or throws `ActionError` with one sentence for people.
 * Offsets are UTF-16 indices into the article text, as everywhere in memory.
 */
import type { Annotations, Entity, EntityType, Quote, QuoteKind, Speaker, Status } from '../model';
import { Recorder, type Edit } from './history';

export class ActionError extends Error {}

type Annotation = Quote | Entity;

/** Quotes and entities that are shown and can be acted on (not rejected, not orphaned). */
function live(a: { status: Status }): boolean {
  return a.status !== 'rejected' && a.status !== 'orphaned';
}

/**
 * The innermost live quote containing `offset` (end inclusive, so a cursor after the closing
 * mark counts). Lists are not in start order (merging puts the user's annotations first), so
 * every lookup here scans the whole list: 5,000 quotes take well under a millisecond.
 */
export function quoteAt(ann: Annotations, offset: number): Quote | undefined {
  let best: Quote | undefined;
  for (const q of ann.quotes) {
    if (live(q) && q.start <= offset && offset <= q.end && (!best || q.end - q.start < best.end - best.start)) best = q;
  }
  return best;
}

/** The innermost live entity containing `offset` (end inclusive). */
export function entityAt(ann: Annotations, offset: number): Entity | undefined {
  let best: Entity | undefined;
  for (const e of ann.entities) {
    if (live(e) && e.start <= offset && offset <= e.end && (!best || e.end - e.start < best.end - best.start)) best = e;
  }
  return best;
}

/** The annotation a cursor command acts on: an entity inside a quote wins (it is the smaller one). */
export function annotationAt(ann: Annotations, offset: number): Annotation | undefined {
  return entityAt(ann, offset) ?? quoteAt(ann, offset);
}

export function findAnnotation(ann: Annotations, id: string): Annotation | undefined {
  return ann.quotes.find((q) => q.id === id) ?? ann.entities.find((e) => e.id === id);
}

function kindOf(ann: Annotations, id: string): 'quotes' | 'entities' | undefined {
  if (ann.quotes.some((q) => q.id === id)) return 'quotes';
  if (ann.entities.some((e) => e.id === id)) return 'entities';
  return undefined;
}

export function speakerName(ann: Annotations, id: string | undefined): string | undefined {
  return id === undefined ? undefined : ann.speakers.find((s) => s.id === id)?.name;
}

/** A quote still needs a speaker decision: it has none, or only a suggested one. */
export function needsSpeaker(q: Quote): boolean {
  return live(q) && (q.speaker === undefined || q.status !== 'confirmed');
}

// ---------------------------------------------------------------------------------------------
// Navigation (no change of the model)

/** The nearest live quote starting after `offset` (wraps around to the first); `filter` narrows the choice. */
export function nextQuote(ann: Annotations, offset: number, filter: (q: Quote) => boolean = live): Quote | undefined {
  let after: Quote | undefined;
  let first: Quote | undefined;
  for (const q of ann.quotes) {
    if (!live(q) || !filter(q)) continue;
    if (q.start > offset && (!after || q.start < after.start)) after = q;
    if (!first || q.start < first.start) first = q;
  }
  return after ?? first;
}

/** The nearest live quote starting before `offset` (wraps around to the last). */
export function previousQuote(ann: Annotations, offset: number, filter: (q: Quote) => boolean = live): Quote | undefined {
  let before: Quote | undefined;
  let last: Quote | undefined;
  for (const q of ann.quotes) {
    if (!live(q) || !filter(q)) continue;
    if (q.start < offset && (!before || q.start > before.start)) before = q;
    if (!last || q.start > last.start) last = q;
  }
  return before ?? last;
}

// ---------------------------------------------------------------------------------------------
// Ids

/** A slug for a speaker id ("Wang Yi" -> "wang-yi"), unique among `taken`. */
export function speakerId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'speaker';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function freshId(items: readonly { id: string }[], prefix: string): string {
  let max = 0;
  for (const x of items) {
    if (x.id.startsWith(prefix)) {
      const n = Number(x.id.slice(prefix.length));
      if (Number.isInteger(n) && n > max) max = n;
    }
  }
  return prefix + (max + 1);
}

// ---------------------------------------------------------------------------------------------
// Speakers on quotes

/**
 * Sets the speaker of a quote and confirms it. `speaker` is an id of this article's speakers, or
 * a whole speaker (from the workspace registry, or new) that is added to the article first.
 */
export function tagSpeaker(ann: Annotations, quoteId: string, speaker: string | Speaker): Edit | undefined {
  const r = new Recorder(ann);
  let id: string;
  if (typeof speaker === 'string') {
    if (!ann.speakers.some((s) => s.id === speaker)) throw new ActionError(`There is no speaker "${speaker}" in this article.`);
    id = speaker;
  } else {
    const existing = ann.speakers.find((s) => s.id === speaker.id);
    if (!existing) r.add('speakers', structuredClone(speaker));
    id = speaker.id;
  }
  const q = r.touch('quotes', quoteId);
  if (!q) throw new ActionError(`The quote ${quoteId} no longer exists.`);
  if (q.speaker !== id) {
    q.speaker = id;
    q.rule = 'manual';
    delete q.confidence;
    delete q.source;
  }
  q.status = 'confirmed';
  return r.finish(`Tag speaker ${speakerName(ann, id) ?? id}`);
}

/** Confirms the quote's suggested speaker. */
export function acceptSuggestedSpeaker(ann: Annotations, quoteId: string): Edit | undefined {
  const q = ann.quotes.find((x) => x.id === quoteId);
  if (!q) throw new ActionError(`The quote ${quoteId} no longer exists.`);
  if (q.speaker === undefined) throw new ActionError('This quote has no suggested speaker: tag one with "Tag Speaker".');
  const edit = confirm(ann, quoteId);
  if (edit) edit.label = `Accept speaker ${speakerName(ann, q.speaker) ?? q.speaker}`;
  return edit;
}

/** Removes the quote's speaker; the quote stays (confirmed, speaker unknown). */
export function clearSpeaker(ann: Annotations, quoteId: string): Edit | undefined {
  const r = new Recorder(ann);
  const q = r.touch('quotes', quoteId);
  if (!q) throw new ActionError(`The quote ${quoteId} no longer exists.`);
  delete q.speaker;
  delete q.source;
  delete q.rule;
  delete q.confidence;
  q.status = 'confirmed';
  return r.finish('Clear speaker');
}

// ---------------------------------------------------------------------------------------------
// New annotations

function checkSpan(text: string, start: number, end: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end)) {
    throw new ActionError('Select the text to annotate first.');
  }
}

/** Trims white space off a selection. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end };
}

export function markQuote(ann: Annotations, text: string, start: number, end: number, kind: QuoteKind): Edit | undefined {
  ({ start, end } = trimSpan(text, start, end));
  checkSpan(text, start, end);
  const same = ann.quotes.find((q) => q.start === start && q.end === end);
  const r = new Recorder(ann);
  if (same) {
    // A quote at exactly this span (perhaps a rejected suggestion): make it the user's.
    const q = r.touch('quotes', same.id) as Quote;
    q.kind = kind;
    q.status = 'confirmed';
    delete q.previousStatus;
    return r.finish(`Mark ${kind} quote`);
  }
  const q: Quote = { id: freshId(ann.quotes, 'q'), kind, start, end, text: text.slice(start, end), origin: 'manual', status: 'confirmed' };
  r.add('quotes', q);
  return r.finish(`Mark ${kind} quote`);
}

export function markEntity(ann: Annotations, text: string, start: number, end: number, type: EntityType): Edit | undefined {
  ({ start, end } = trimSpan(text, start, end));
  checkSpan(text, start, end);
  if (!type.trim()) throw new ActionError('An entity type cannot be empty.');
  const same = ann.entities.find((e) => e.start === start && e.end === end);
  const r = new Recorder(ann);
  if (same) {
    const e = r.touch('entities', same.id) as Entity;
    e.type = type;
    e.status = 'confirmed';
    delete e.previousStatus;
    return r.finish(`Mark ${type}`);
  }
  const e: Entity = { id: freshId(ann.entities, 'e'), type, start, end, text: text.slice(start, end), origin: 'manual', status: 'confirmed' };
  r.add('entities', e);
  return r.finish(`Mark ${type}`);
}

// ---------------------------------------------------------------------------------------------
// Suggestions

function setStatus(ann: Annotations, id: string, status: Status, label: string): Edit | undefined {
  const kind = kindOf(ann, id);
  if (!kind) throw new ActionError(`The annotation ${id} no longer exists.`);
  const r = new Recorder(ann);
  const a = r.touch(kind, id) as Annotation;
  a.status = status;
  return r.finish(label);
}

export function confirm(ann: Annotations, id: string): Edit | undefined {
  return setStatus(ann, id, 'confirmed', 'Confirm suggestion');
}

export function reject(ann: Annotations, id: string): Edit | undefined {
  return setStatus(ann, id, 'rejected', 'Reject suggestion');
}

/**
 * Confirms every suggested quote whose confidence is at least `min` (0..1). Entities carry no
 * confidence: they are confirmed too only when `includeEntities` is set.
 */
export function confirmAll(ann: Annotations, min: number, includeEntities = false): Edit | undefined {
  if (!(min >= 0 && min <= 1)) throw new ActionError('The confidence must be a number from 0 to 1.');
  const r = new Recorder(ann);
  ann.quotes.forEach((q, i) => {
    if (q.status === 'suggested' && (q.confidence ?? 0) >= min) r.set('quotes', i, 'status', 'confirmed');
  });
  if (includeEntities) {
    ann.entities.forEach((e, i) => {
      if (e.status === 'suggested') r.set('entities', i, 'status', 'confirmed');
    });
  }
  return r.finish(`Confirm all suggestions at or above ${min}`);
}

/** Removes a manual annotation; a suggestion is rejected instead (so the engine does not bring it back). */
export function remove(ann: Annotations, id: string): Edit | undefined {
  const kind = kindOf(ann, id);
  if (!kind) throw new ActionError(`The annotation ${id} no longer exists.`);
  const r = new Recorder(ann);
  const a = (kind === 'quotes' ? ann.quotes : ann.entities).find((x) => x.id === id) as Annotation;
  if (a.origin === 'manual') r.remove(kind, id);
  else (r.touch(kind, id) as Annotation).status = 'rejected';
  return r.finish('Remove annotation');
}

// ---------------------------------------------------------------------------------------------
// Topics

function cleanTopics(topics: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of topics) {
    const v = t.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

export function setArticleTopics(ann: Annotations, topics: readonly string[]): Edit | undefined {
  const r = new Recorder(ann);
  r.topics(cleanTopics(topics));
  return r.finish('Tag topics');
}

/** Sets the passage topics of a quote (an empty list removes them). */
export function setPassageTopics(ann: Annotations, quoteId: string, topics: readonly string[]): Edit | undefined {
  const r = new Recorder(ann);
  const q = r.touch('quotes', quoteId);
  if (!q) throw new ActionError(`The quote ${quoteId} no longer exists.`);
  const t = cleanTopics(topics);
  if (t.length) q.topics = t;
  else delete q.topics;
  if (q.status === 'suggested') q.status = 'confirmed';
  return r.finish('Tag passage topic');
}

// ---------------------------------------------------------------------------------------------
// Speakers

export function renameSpeaker(ann: Annotations, id: string, name: string): Edit | undefined {
  const v = name.trim();
  if (!v) throw new ActionError('A speaker name cannot be empty.');
  const r = new Recorder(ann);
  const s = r.touch('speakers', id);
  if (!s) throw new ActionError(`There is no speaker "${id}" in this article.`);
  if (s.name === v) return undefined;
  const aliases = s.aliases.filter((a) => a !== v);
  if (!aliases.includes(s.name)) aliases.push(s.name);
  s.aliases = aliases;
  s.name = v;
  confirmReferences(ann, r, new Set([id]), id);
  return r.finish(`Rename speaker to ${v}`);
}

/** Confirms (and points at `to`) every quote and entity of the speakers in `from`: the user decided. */
function confirmReferences(ann: Annotations, r: Recorder, from: ReadonlySet<string>, to: string): void {
  ann.quotes.forEach((q, i) => {
    if (q.speaker !== undefined && from.has(q.speaker)) {
      if (q.speaker !== to) r.set('quotes', i, 'speaker', to);
      if (q.status === 'suggested') r.set('quotes', i, 'status', 'confirmed');
    }
  });
  ann.entities.forEach((e, i) => {
    if (e.speaker !== undefined && from.has(e.speaker)) {
      if (e.speaker !== to) r.set('entities', i, 'speaker', to);
      if (e.status === 'suggested') r.set('entities', i, 'status', 'confirmed');
    }
  });
}

/** Merges speaker `fromId` into `intoId`: names and aliases combined, every quote and mention follows. */
export function mergeSpeakers(ann: Annotations, fromId: string, intoId: string): Edit | undefined {
  if (fromId === intoId) throw new ActionError('Pick two different speakers to merge.');
  const from = ann.speakers.find((s) => s.id === fromId);
  if (!from) throw new ActionError(`There is no speaker "${fromId}" in this article.`);
  const r = new Recorder(ann);
  const into = r.touch('speakers', intoId);
  if (!into) throw new ActionError(`There is no speaker "${intoId}" in this article.`);
  const aliases = [...into.aliases];
  for (const a of [from.name, ...from.aliases]) if (a !== into.name && !aliases.includes(a)) aliases.push(a);
  into.aliases = aliases;
  if (!into.role && from.role) into.role = from.role;
  if (from.attributes) into.attributes = { ...from.attributes, ...into.attributes };
  confirmReferences(ann, r, new Set([fromId, intoId]), intoId);
  r.remove('speakers', fromId);
  return r.finish(`Merge ${from.name} into ${into.name}`);
}

/** Sets a speaker's attributes (an empty value removes that attribute); `role` is the model's own field. */
export function setSpeakerAttributes(ann: Annotations, id: string, attributes: Record<string, string>): Edit | undefined {
  const r = new Recorder(ann);
  const s = r.touch('speakers', id);
  if (!s) throw new ActionError(`There is no speaker "${id}" in this article.`);
  const next: Record<string, string> = { ...s.attributes };
  for (const [k, v] of Object.entries(attributes)) {
    const val = v.trim();
    if (k === 'role') {
      if (val) s.role = val;
      else delete s.role;
      continue;
    }
    if (val) next[k] = val;
    else delete next[k];
  }
  if (Object.keys(next).length) s.attributes = next;
  else delete s.attributes;
  confirmReferences(ann, r, new Set([id]), id);
  return r.finish(`Edit attributes of ${s.name}`);
}
