/**
 * Merging annotations: (a) a fresh engine run into what the user has, (b) a three-way merge
 * when the sidecar changed on disk while the editor held unsaved annotation changes.
 */
import type { Analysis, Annotations, Entity, Quote, Span, Speaker } from '../model';

/** An annotation the user has a stake in: manual, or confirmed / rejected (also while orphaned). */
export function isUserOwned(a: Entity | Quote): boolean {
  if (a.origin === 'manual') return true;
  const s = a.status === 'orphaned' ? a.previousStatus ?? 'suggested' : a.status;
  return s === 'confirmed' || s === 'rejected';
}

/**
 * Keep every manual, confirmed or rejected annotation (orphaned ones included when they were
 * one of those); replace the unconfirmed suggestions with `fresh`. A fresh suggestion at the
 * span of a kept annotation of the same list is dropped (a rejected suggestion does not come
 * back). A fresh suggestion at the span of an old suggestion keeps the old id (small diffs).
 * Speakers: those referenced by kept annotations stay as they are; the fresh ones are added.
 * Offsets of `existing` and `fresh` must refer to the same text. An old suggestion that would
 * only be copied unchanged is reused as it is (the result shares it with `existing`); nothing in
 * the result is shared with `fresh` (the engine rewrites its objects on its next update).
 */
export function mergeAnalysis(existing: Annotations, fresh: Analysis): Annotations {
  // the user's annotations first: they decide which old speakers stay
  const ent = splitExisting(existing.entities);
  const quo = splitExisting(existing.quotes);
  const kept = new Set<string>();
  for (const part of [ent, quo]) for (const a of part.out) if (a.speaker) kept.add(a.speaker);
  const speakers: Speaker[] = [];
  const ids = new Set<string>();
  for (const s of existing.speakers) if (kept.has(s.id)) { speakers.push(s); ids.add(s.id); }
  for (const s of fresh.speakers) if (!ids.has(s.id)) { speakers.push(s); ids.add(s.id); }
  // every referenced speaker must exist: keep an old one when a fresh suggestion still uses it
  const speakerOf = <T extends Entity | Quote>(a: T): T => {
    if (!a.speaker || ids.has(a.speaker)) return a;
    const old = existing.speakers.find((s) => s.id === a.speaker);
    if (old) { speakers.push(old); ids.add(old.id); return a; }
    const c = { ...a }; // a reused object may be shared with `existing`: change a copy
    delete c.speaker;
    return c;
  };
  const entities = takeFresh(ent, fresh.entities, 'e', speakerOf);
  const quotes = takeFresh(quo, fresh.quotes, 'q', speakerOf);
  const article = { ...existing.article, ...stripUndefined(fresh.article) };
  const out: Annotations = { version: 1, topics: [...existing.topics], speakers, entities, quotes };
  if (existing.source) out.source = existing.source;
  if (Object.keys(article).length > 0) out.article = article;
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

const spanKey = (a: { start: number; end: number }) => a.start + ':' + a.end;

/**
 * Items by span, without building a string per item: keyed by start, then matched on end (and
 * kind). Most starts hold one item, so the value is the item itself or, rarely, a list.
 */
class SpanIndex<T extends { start: number; end: number }> {
  private readonly m = new Map<number, T | T[]>();
  get size(): number {
    return this.m.size;
  }
  add(a: T): void {
    const v = this.m.get(a.start);
    if (v === undefined) this.m.set(a.start, a);
    else if (Array.isArray(v)) v.push(a);
    else this.m.set(a.start, [v, a]);
  }
  /** The last item added at [start, end) that `ok` accepts. */
  find(start: number, end: number, ok: (a: T) => boolean): T | undefined {
    const v = this.m.get(start);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return v.end === end && ok(v) ? v : undefined;
    for (let i = v.length - 1; i >= 0; i--) if (v[i].end === end && ok(v[i])) return v[i];
    return undefined;
  }
}

const always = () => true;

/** Whether span a sorts strictly before span b (by start, then end). */
const before = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.start || (a.start === b.start && a.end < b.end);

/**
 * Keeps the user's annotations, then takes `fresh` in order (see mergeAnalysis). Linear, and
 * without a map per item in the usual case: the old suggestions and the fresh ones are both in
 * text order, so the old one at a fresh span is found by walking both lists (an index is built
 * only when a list is out of order).
 */
interface Split<T> {
  /** The user's annotations, in their order (the start of the merged list). */
  out: T[];
  used: Set<string>;
  userSpans: SpanIndex<{ start: number; end: number }>;
  /** The old suggestions that still have their text, in their order. */
  old: T[];
  oldSorted: boolean;
}

function splitExisting<T extends Entity | Quote>(existing: readonly T[]): Split<T> {
  const sp: Split<T> = { out: [], used: new Set(), userSpans: new SpanIndex(), old: [], oldSorted: true };
  const old = sp.old;
  for (const a of existing) {
    if (isUserOwned(a)) { sp.out.push(a); sp.used.add(a.id); sp.userSpans.add(a); }
    else if (a.status !== 'orphaned') {
      if (old.length > 0 && !before(old[old.length - 1], a)) sp.oldSorted = false;
      old.push(a);
    }
  }
  return sp;
}

/**
 * Keeps the user's annotations, then takes `fresh` in order (see mergeAnalysis). Linear, and
 * without a map per item in the usual case: the old suggestions and the fresh ones are both in
 * text order, so the old one at a fresh span is found by walking both lists (an index is built
 * only when a list is out of order). `fix` sees every annotation of the result once, in order.
 */
function takeFresh<T extends Entity | Quote>(sp: Split<T>, fresh: readonly T[], prefix: string, fix: (a: T) => T): T[] {
  const { out, used, userSpans, old } = sp;
  const kept = out.length;
  for (let i = 0; i < kept; i++) out[i] = fix(out[i]);
  // with `old` strictly sorted each span is there once; otherwise the last one at a span counts
  let oldIndex: SpanIndex<T> | undefined;
  if (!sp.oldSorted) { oldIndex = new SpanIndex<T>(); for (const a of old) oldIndex.add(a); }
  let j = 0;
  const oldAt = (f: T, kind: string): T | undefined => {
    if (oldIndex) return oldIndex.find(f.start, f.end, (a) => kindOf(a) === kind);
    if (j > 0 && !before(old[j - 1], f)) {
      // behind the cursor (fresh out of order): binary search
      let lo = 0, hi = old.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (before(old[mid], f)) lo = mid + 1; else hi = mid; }
      j = lo;
    }
    while (j < old.length && before(old[j], f)) j++;
    const o = old[j];
    return o !== undefined && o.start === f.start && o.end === f.end && kindOf(o) === kind ? o : undefined;
  };
  // fresh spans taken so far: while `fresh` is strictly sorted a span cannot repeat
  let freshIndex: SpanIndex<{ start: number; end: number }> | undefined;
  let last: T | undefined;
  let next = 1;
  const freshId = (want: string) => {
    if (!used.has(want)) return want;
    while (used.has(prefix + next)) next++;
    return prefix + next;
  };
  const anyUser = userSpans.size > 0;
  // First the fresh suggestions that find their old one claim its id (so that a new suggestion
  // never takes the id of an old one further on: one new entity does not renumber the rest),
  // then the others get an id in order.
  const claimed: (string | undefined)[] = [];
  const accepted: T[] = [];
  const olds: (T | undefined)[] = [];
  for (const f of fresh) {
    if (anyUser && userSpans.find(f.start, f.end, always)) continue;
    if (!freshIndex && last !== undefined && !before(last, f)) {
      freshIndex = new SpanIndex();
      for (const a of accepted) freshIndex.add(a);
    }
    if (freshIndex) {
      if (freshIndex.find(f.start, f.end, always)) continue;
      freshIndex.add(f);
    }
    last = f;
    const o = oldAt(f, kindOf(f));
    accepted.push(f);
    olds.push(o);
    if (o && !used.has(o.id)) { used.add(o.id); claimed.push(o.id); } else claimed.push(undefined);
  }
  for (let k = 0; k < accepted.length; k++) {
    const f = accepted[k];
    let id = claimed[k];
    if (id === undefined) { id = freshId(f.id); used.add(id); }
    const o = olds[k];
    // the old object when nothing but its id would change (no allocation while typing)
    out.push(o && o.id === id && sameSuggestion(o, f) ? o : copySuggestion(f, id));
  }
  for (let i = kept; i < out.length; i++) out[i] = fix(out[i]);
  return out;
}

/**
 * `mergeAnalysis` for the usual state of an open article, in one pass with almost no allocation
 * (the suggestion refresh after each keystroke): `existing` as a merge left it and edits moved it,
 * i.e. the user's annotations first, then the suggestions strictly in text order, all ids distinct.
 * Returns exactly what `mergeAnalysis(existing, fresh)` returns, or undefined when `existing` or
 * `fresh` is not in that shape (then call `mergeAnalysis`). `unchanged` tells whether every
 * annotation came through as the same object and nothing was added or dropped.
 */
export function mergeSorted(existing: Annotations, fresh: Analysis): { merged: Annotations; unchanged: boolean } | undefined {
  const ent = sortedList(existing.entities, fresh.entities, 'e');
  if (!ent) return undefined;
  const quo = sortedList(existing.quotes, fresh.quotes, 'q');
  if (!quo) return undefined;
  // speakers, and the speaker fix, as mergeAnalysis does them (in the same order)
  const kept = new Set<string>();
  for (const part of [ent, quo]) for (let i = 0; i < part.users; i++) { const sp = part.out[i].speaker; if (sp) kept.add(sp); }
  const speakers: Speaker[] = [];
  const ids = new Set<string>();
  for (const s of existing.speakers) if (kept.has(s.id)) { speakers.push(s); ids.add(s.id); }
  for (const s of fresh.speakers) if (!ids.has(s.id)) { speakers.push(s); ids.add(s.id); }
  let unchanged = ent.unchanged && quo.unchanged;
  for (const part of [ent, quo] as { out: Array<Entity | Quote> }[]) {
    const out = part.out;
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      const sp = a.speaker;
      if (!sp || ids.has(sp)) continue;
      const old = existing.speakers.find((s) => s.id === sp);
      if (old) { speakers.push(old); ids.add(old.id); continue; }
      const c = { ...a };
      delete c.speaker;
      out[i] = c;
      unchanged = false;
    }
  }
  const article = { ...existing.article, ...stripUndefined(fresh.article) };
  const merged: Annotations = { version: 1, topics: [...existing.topics], speakers, entities: ent.out, quotes: quo.out };
  if (existing.source) merged.source = existing.source;
  if (Object.keys(article).length > 0) merged.article = article;
  return { merged, unchanged };
}

function sortedList<T extends Entity | Quote>(ex: readonly T[], fr: readonly T[], prefix: string): { out: T[]; users: number; unchanged: boolean } | undefined {
  const { users, userSpans } = userPrefix(ex);
  const r: RangeMerge<T> = { out: ex.slice(0, users), unchanged: true };
  if (!mergeRange(ex, users, ex.length, fr, 0, fr.length, userSpans, r)) return undefined;
  if (r.pending) {
    const used = new Set<string>();
    let p = 0;
    for (let i = 0; i < r.out.length; i++) if (i === r.pending[p]) p++; else used.add(r.out[i].id);
    giveIds(r.out, r.pending, prefix, (id) => used.has(id), (id) => used.add(id));
  }
  return { out: r.out, users, unchanged: r.unchanged };
}

function userPrefix<T extends Entity | Quote>(ex: readonly T[]): { users: number; userSpans: SpanIndex<T> | undefined } {
  let users = 0;
  while (users < ex.length && isUserOwned(ex[users])) users++;
  let userSpans: SpanIndex<T> | undefined;
  if (users > 0) { userSpans = new SpanIndex<T>(); for (let i = 0; i < users; i++) userSpans.add(ex[i]); }
  return { users, userSpans };
}

/** Ids for the new suggestions at `pending` (positions in `out`, in order), as mergeAnalysis gives them. */
function giveIds<T extends Entity | Quote>(out: T[], pending: readonly number[], prefix: string, used: (id: string) => boolean, use: (id: string) => void): void {
  let next = 1;
  for (const i of pending) {
    const f = out[i];
    let id = f.id;
    if (used(id)) { while (used(prefix + next)) next++; id = prefix + next; }
    use(id);
    out[i] = copySuggestion(f, id);
  }
}

interface RangeMerge<T> {
  out: T[];
  /** Positions in `out` of new suggestions (the engine's objects until they get their id). */
  pending?: number[];
  /** Ids of the old suggestions dropped. */
  dropped?: string[];
  unchanged: boolean;
}

/**
 * Merges the old suggestions ex[j0, j1) with the fresh ones fr[k0, k1) (both strictly in text
 * order) onto `r.out`, as mergeAnalysis would; false when they are not in that shape.
 */
function mergeRange<T extends Entity | Quote>(ex: readonly T[], j0: number, j1: number, fr: readonly T[], k0: number, k1: number,
  userSpans: SpanIndex<T> | undefined, r: RangeMerge<T>): boolean {
  const out = r.out;
  let j = j0;
  let lastOld: T | undefined;
  let lastFresh: T | undefined;
  const drop = (o: T) => { r.unchanged = false; (r.dropped ??= []).push(o.id); };
  // the next old suggestion not before `f` (old ones before it are dropped); false: not in shape
  const advance = (f: T | undefined): boolean => {
    for (; j < j1; j++) {
      const o = ex[j];
      if (isUserOwned(o)) return false;
      if (o.status === 'orphaned') { drop(o); continue; }
      if (lastOld !== undefined && !before(lastOld, o)) return false;
      if (f !== undefined && !before(o, f)) return true;
      lastOld = o;
      drop(o); // no fresh suggestion at its span
    }
    return true;
  };
  for (let k = k0; k < k1; k++) {
    const f = fr[k];
    if (lastFresh !== undefined && !before(lastFresh, f)) return false;
    lastFresh = f;
    if (userSpans && userSpans.find(f.start, f.end, always)) continue;
    if (!advance(f)) return false;
    const o = j < j1 ? ex[j] : undefined;
    if (o !== undefined && o.start === f.start && o.end === f.end) {
      lastOld = o;
      j++;
      if (kindOf(o) === kindOf(f)) {
        if (sameFields(o, f)) out.push(o);
        else { out.push(copySuggestion(f, o.id)); r.unchanged = false; }
        continue;
      }
      drop(o);
    }
    r.unchanged = false;
    (r.pending ??= []).push(out.length);
    out.push(f); // its id is given afterwards
  }
  return advance(undefined);
}

/** The first index in [lo, hi) whose item starts at or after `offset` (items in text order). */
function firstFrom(list: readonly { start: number }[], lo: number, hi: number, offset: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The suggestion refresh after edits that the engine re-analysed within `region` (offsets of the
 * current text; see IncrementalAnalyzer.lastChanged): only the suggestions starting there are
 * merged, the others are the same objects as before. Preconditions as for mergeSorted, plus: the
 * engine's speakers are the ones of the last merge (then nothing outside the region changed but
 * offsets, which the edits moved alike), and `ids` holds the ids of each list of `existing`; they
 * are updated. Returns exactly what mergeAnalysis returns (`unchanged`: every annotation is the
 * same object as before), or undefined when a check fails (then use mergeSorted or mergeAnalysis;
 * `ids` is left as it was).
 */
export function mergeRegion(existing: Annotations, fresh: Analysis, region: { from: number; to: number }, ids: { entities: Set<string>; quotes: Set<string> }): { merged: Annotations; unchanged: boolean } | undefined {
  const ent = regionList(existing.entities, fresh.entities, 'e', region, ids.entities);
  if (!ent) return undefined;
  const quo = regionList(existing.quotes, fresh.quotes, 'q', region, ids.quotes);
  if (!quo) return undefined;
  const kept = new Set<string>();
  for (const part of [ent, quo]) for (let i = 0; i < part.users; i++) { const sp = part.out[i].speaker; if (sp) kept.add(sp); }
  const speakers: Speaker[] = [];
  const sids = new Set<string>();
  for (const s of existing.speakers) if (kept.has(s.id)) { speakers.push(s); sids.add(s.id); }
  for (const s of fresh.speakers) if (!sids.has(s.id)) { speakers.push(s); sids.add(s.id); }
  let unchanged = ent.unchanged && quo.unchanged;
  // the speaker fix of mergeAnalysis, on what may need it: the user's annotations and the region
  // (outside it every suggestion is unchanged and names one of the same fresh speakers)
  for (const part of [ent, quo] as { out: Array<Entity | Quote>; users: number; from: number; to: number }[]) {
    const out = part.out;
    const fix = (i: number) => {
      const a = out[i];
      const sp = a.speaker;
      if (!sp || sids.has(sp)) return;
      const old = existing.speakers.find((s) => s.id === sp);
      if (old) { speakers.push(old); sids.add(old.id); return; }
      const c = { ...a };
      delete c.speaker;
      out[i] = c;
      unchanged = false;
    };
    for (let i = 0; i < part.users; i++) fix(i);
    for (let i = part.from; i < part.to; i++) fix(i);
  }
  for (const part of [ent, quo]) part.commit();
  const article = { ...existing.article, ...stripUndefined(fresh.article) };
  const merged: Annotations = { version: 1, topics: [...existing.topics], speakers, entities: ent.out, quotes: quo.out };
  if (existing.source) merged.source = existing.source;
  if (Object.keys(article).length > 0) merged.article = article;
  return { merged, unchanged };
}

function regionList<T extends Entity | Quote>(ex: readonly T[], fr: readonly T[], prefix: string, region: { from: number; to: number }, ids: Set<string>):
  { out: T[]; users: number; from: number; to: number; unchanged: boolean; commit: () => void } | undefined {
  const { users, userSpans } = userPrefix(ex);
  const n = ex.length;
  const lo = firstFrom(ex, users, n, region.from);
  const hi = firstFrom(ex, lo, n, region.to);
  const flo = firstFrom(fr, 0, fr.length, region.from);
  const fhi = firstFrom(fr, flo, fr.length, region.to);
  // outside the region the fresh suggestions and the old ones pair up one to one, in order,
  // but for the fresh ones at the span of a user's annotation (never taken)
  let skipBefore = 0, skipAfter = 0;
  for (let i = 0; i < users; i++) {
    const u = ex[i];
    const k = firstFrom(fr, 0, fr.length, u.start);
    for (let m = k; m < fr.length && fr[m].start === u.start; m++) {
      if (fr[m].end !== u.end) continue;
      if (m < flo) skipBefore++; else if (m >= fhi) skipAfter++;
      break;
    }
  }
  if (flo - skipBefore !== lo - users || fr.length - fhi - skipAfter !== n - hi) return undefined;
  // cheap checks at the edges of the region: the neighbours still pair up
  const taken = (k: number, step: number) => {
    while (k >= 0 && k < fr.length && userSpans?.find(fr[k].start, fr[k].end, always)) k += step;
    return fr[k];
  };
  const pairs = (o: T | undefined, f: T | undefined) => o !== undefined && f !== undefined && o.start === f.start && o.end === f.end && kindOf(o) === kindOf(f);
  if (lo > users && !pairs(ex[lo - 1], taken(flo - 1, -1))) return undefined;
  if (hi < n && !pairs(ex[hi], taken(fhi, 1))) return undefined;
  if (n > hi + 1 && !pairs(ex[n - 1], taken(fr.length - 1, -1))) return undefined;
  const r: RangeMerge<T> = { out: ex.slice(0, lo), unchanged: true };
  if (!mergeRange(ex, lo, hi, fr, flo, fhi, userSpans, r)) return undefined;
  const to = r.out.length;
  for (let i = hi; i < n; i++) r.out.push(ex[i]);
  const dropped = new Set(r.dropped);
  const added: string[] = [];
  if (r.pending) giveIds(r.out, r.pending, prefix, (id) => (ids.has(id) && !dropped.has(id)) || added.includes(id), (id) => added.push(id));
  return {
    out: r.out, users, from: lo, to, unchanged: r.unchanged,
    commit: () => {
      for (const id of dropped) ids.delete(id);
      for (const id of added) ids.add(id);
    },
  };
}

/** The fields of the model's entities and quotes besides id (what `sameSuggestion` compares, spelled out: fast). */
export const SUGGESTION_FIELDS = ['start', 'end', 'text', 'type', 'kind', 'origin', 'status', 'role', 'speaker', 'previousStatus', 'source', 'cue', 'rule', 'confidence', 'topics'] as const;

/** `sameSuggestion(old, f)` for objects that have no fields besides SUGGESTION_FIELDS and id. */
function sameFields(old: Entity | Quote, f: Entity | Quote): boolean {
  if (old.start !== f.start || old.end !== f.end || old.text !== f.text || old.origin !== f.origin || old.status !== f.status
    || old.speaker !== f.speaker || old.previousStatus !== f.previousStatus) return false;
  if ('type' in f) {
    const o = old as Entity;
    return o.type === f.type && o.role === f.role && !('kind' in o);
  }
  const o = old as Quote;
  return o.kind === f.kind && o.rule === f.rule && o.confidence === f.confidence && !('type' in o)
    && sameSpan(o.source, f.source) && sameSpan(o.cue, f.cue) && sameTopics(o.topics, f.topics);
}

function sameTopics(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const x = a ?? [], y = b ?? [];
  if (x.length !== y.length || (x.length === 0 && (a === undefined) !== (b === undefined))) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** A copy of an engine suggestion that shares no object with the engine (it reuses its own). */
function copySuggestion<T extends Entity | Quote>(f: T, id: string): T {
  const c = { ...f, id };
  if ('kind' in c) {
    if (c.source) c.source = { ...c.source };
    if (c.cue) c.cue = { ...c.cue };
    if (c.topics) c.topics = [...c.topics];
  }
  return c;
}

function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.start === b.start && a.end === b.end && a.text === b.text);
}

/** Whether `old` equals `{ ...f, id: old.id }` as data (fields set to undefined count as absent). */
function sameSuggestion(old: Entity | Quote, f: Entity | Quote): boolean {
  const o = old as unknown as Record<string, unknown>;
  const n = f as unknown as Record<string, unknown>;
  let count = 0;
  for (const k in n) {
    const v = n[k];
    if (v === undefined || k === 'id') continue;
    count++;
    const w = o[k];
    if (v === w) continue;
    if (typeof v !== 'object' || typeof w !== 'object' || v === null || w === null) return false;
    if (k === 'source' || k === 'cue') {
      if (!sameSpan(v as Span, w as Span)) return false;
    } else if (!same(v, w)) return false;
  }
  for (const k in o) if (k !== 'id' && o[k] !== undefined) count--;
  return count === 0;
}

function kindOf(a: Entity | Quote): string {
  return 'type' in a ? a.type : a.kind;
}

// ---------------------------------------------------------------------------------------------
// Three-way merge

export type ConflictKind = 'entity' | 'quote' | 'speaker' | 'topics' | 'article' | 'source';

/** One conflict for the UI: both sides changed the same thing differently. */
export interface MergeConflict {
  kind: ConflictKind;
  /** Item id (entities, quotes, speakers); absent for the top-level fields. */
  id?: string;
  /** The fields both sides changed differently (empty when one side deleted the item). */
  fields: string[];
  base?: unknown;
  ours?: unknown;
  theirs?: unknown;
  /** One sentence for people. */
  message: string;
}

export interface MergeResult {
  /** The merge; each conflict is resolved as in `ours` until the user chooses otherwise. */
  merged: Annotations;
  conflicts: MergeConflict[];
}

/**
 * Three-way merge of annotations by id, field by field: a change on one side is taken; the same
 * change on both is taken once; different changes to one field are a conflict (ours kept).
 * Items added on both sides with the same id but different content, or deleted on one side and
 * changed on the other, are conflicts too. Items added on both sides at the same span with the
 * same content under different ids are kept once. All three must use the same offsets.
 */
export function merge3(base: Annotations, ours: Annotations, theirs: Annotations): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged: Annotations = {
    version: 1,
    topics: mergeValue('topics', base.topics, ours.topics, theirs.topics, conflicts) as string[],
    speakers: mergeItems('speaker', base.speakers, ours.speakers, theirs.speakers, conflicts),
    entities: mergeItems('entity', base.entities, ours.entities, theirs.entities, conflicts),
    quotes: mergeItems('quote', base.quotes, ours.quotes, theirs.quotes, conflicts),
  };
  const source = mergeValue('source', base.source, ours.source, theirs.source, conflicts);
  if (source !== undefined) merged.source = source as Annotations['source'];
  const article = mergeValue('article', base.article, ours.article, theirs.article, conflicts);
  if (article !== undefined) merged.article = article as Annotations['article'];
  return { merged, conflicts };
}

/** Deterministic equality for plain data (key order ignored). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function mergeValue(kind: ConflictKind, b: unknown, o: unknown, t: unknown, conflicts: MergeConflict[]): unknown {
  if (same(o, t)) return o;
  if (same(b, o)) return t;
  if (same(b, t)) return o;
  conflicts.push({ kind, fields: [kind], base: b, ours: o, theirs: t, message: `Both versions changed "${kind}" differently; kept this editor's version.` });
  return o;
}

function mergeItems<T extends { id: string }>(kind: ConflictKind, base: readonly T[], ours: readonly T[], theirs: readonly T[], conflicts: MergeConflict[]): T[] {
  const B = new Map(base.map((x) => [x.id, x]));
  const O = new Map(ours.map((x) => [x.id, x]));
  const T = new Map(theirs.map((x) => [x.id, x]));
  const out: T[] = [];
  const ids = new Set<string>([...O.keys(), ...T.keys(), ...B.keys()]);
  const label = (id: string) => `${kind} "${id}"`;
  for (const id of ids) {
    const b = B.get(id), o = O.get(id), t = T.get(id);
    if (o && t) {
      if (same(o, t)) { out.push(o); continue; }
      if (!b) {
        // added on both sides under one id
        if (isSpan(o) && isSpan(t) && spanKey(o) !== spanKey(t)) {
          out.push(o);
          out.push({ ...t, id: uniqueId(id, ids, out) });
        } else {
          out.push(o);
          conflicts.push({ kind, id, fields: diffFields(o, t), ours: o, theirs: t, message: `Both versions added ${label(id)} differently; kept this editor's version.` });
        }
        continue;
      }
      const { value, fields } = mergeFields(b, o, t);
      out.push(value);
      if (fields.length > 0) conflicts.push({ kind, id, fields, base: b, ours: o, theirs: t, message: `Both versions changed ${fields.join(', ')} of ${label(id)}; kept this editor's version.` });
    } else if (o || t) {
      const only = (o ?? t)!;
      if (!b) { out.push(only); continue; } // added on one side
      if (same(b, only)) continue; // deleted on the other side, unchanged here
      out.push(only);
      conflicts.push({ kind, id, fields: [], base: b, ours: o, theirs: t, message: o ? `${capital(label(id))} was deleted on disk but changed here; kept it.` : `${capital(label(id))} was deleted here but changed on disk; kept it.` });
    }
  }
  if (kind === 'entity' || kind === 'quote') dedupeAdded(out, B);
  return out;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isSpan(x: unknown): x is { start: number; end: number; id: string } {
  return typeof (x as { start?: unknown }).start === 'number';
}

function uniqueId(id: string, ids: Set<string>, out: Array<{ id: string }>): string {
  let n = 2;
  const taken = (c: string) => ids.has(c) || out.some((x) => x.id === c);
  while (taken(`${id}-${n}`)) n++;
  const r = `${id}-${n}`;
  ids.add(r);
  return r;
}

/** Two additions of the same annotation under different ids: keep one. */
function dedupeAdded<T extends { id: string }>(out: T[], base: Map<string, T>): void {
  const seen = new Map<string, T>();
  for (let i = 0; i < out.length; i++) {
    const x = out[i];
    if (base.has(x.id) || !isSpan(x)) continue;
    const { id: _id, ...rest } = x as T & Record<string, unknown>;
    void _id;
    const k = JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
    if (seen.has(k)) { out.splice(i, 1); i--; } else seen.set(k, x);
  }
}

function diffFields(o: object, t: object): string[] {
  const keys = new Set([...Object.keys(o), ...Object.keys(t)]);
  return [...keys].filter((k) => !same((o as Record<string, unknown>)[k], (t as Record<string, unknown>)[k]));
}

function mergeFields<T extends object>(b: T, o: T, t: T): { value: T; fields: string[] } {
  const keys = new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)]);
  const value: Record<string, unknown> = {};
  const fields: string[] = [];
  const R = (x: T) => x as Record<string, unknown>;
  for (const k of keys) {
    const bv = R(b)[k], ov = R(o)[k], tv = R(t)[k];
    let v: unknown;
    if (same(ov, tv)) v = ov;
    else if (same(bv, ov)) v = tv;
    else if (same(bv, tv)) v = ov;
    else { v = ov; fields.push(k); }
    if (v !== undefined) value[k] = v;
  }
  // a span is one field: start/end/text must come from one side
  const spanFields = ['start', 'end', 'text'];
  if (spanFields.some((k) => k in value)) {
    const from = same(R(b).start, R(o).start) && same(R(b).end, R(o).end) && same(R(b).text, R(o).text) ? t : o;
    for (const k of spanFields) if (R(from)[k] !== undefined) value[k] = R(from)[k];
  }
  return { value: value as T, fields };
}
