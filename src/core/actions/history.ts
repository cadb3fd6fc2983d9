/**
 * Recorded annotation changes with undo and redo.
 *
 * A command changes a few items of a large `Annotations` (20,000 items): cloning the whole model
 * per change would cost tens of milliseconds and megabytes, so a change records only the items it
 * touched, by id, as they were before and after (`Change`). Undo writes the "before" copies back,
 * redo the "after" copies. Items are found by id, not by object identity, because the session
 * replaces its `Annotations` object when fresh suggestions are merged in.
 */
import type { Annotations, Entity, Quote, Speaker } from '../model';

export type ItemKind = 'quotes' | 'entities' | 'speakers';
type Item = Quote | Entity | Speaker;

/** One item before and after (absent: did not exist), or the article topics before and after. */
export type Change =
  | { kind: ItemKind; id: string; before?: Item; after?: Item; index: number }
  /** Only some fields of an item changed (bulk changes: no copy of the item); undefined = absent. */
  | { kind: ItemKind; id: string; index: number; fields: Record<string, [unknown, unknown]> }
  | { kind: 'topics'; before: string[]; after: string[] };

/** What one command did, for undo/redo and for the message shown afterwards. */
export interface Edit {
  /** A short description ("Tag speaker Wang Yi"). */
  label: string;
  changes: Change[];
}

/**
 * A copy of one item, deep enough for the model's shapes (flat fields plus spans, string lists
 * and attribute records one level down): far cheaper than `structuredClone` for bulk changes.
 */
function copy<T>(x: T): T {
  const out: Record<string, unknown> = { ...(x as Record<string, unknown>) };
  for (const k in out) {
    const v = out[k];
    if (v !== null && typeof v === 'object') out[k] = Array.isArray(v) ? [...v] : { ...(v as object) };
  }
  return out as T;
}

/** Equal as copies made by `copy` are (one nested level). */
function sameItem(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) return false;
  for (const k of ka) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (!sameItem(x, y)) return false;
  }
  return true;
}

function list(ann: Annotations, kind: ItemKind): Item[] {
  return ann[kind] as Item[];
}

function indexOfId(items: readonly { id: string }[], id: string, hint: number): number {
  if (items[hint]?.id === id) return hint;
  return items.findIndex((x) => x.id === id);
}

/**
 * Builds one `Edit` while a command changes `ann` in place: call `touch` before changing an item,
 * `add` / `remove` for whole items, `topics` for the article topics; `finish` takes the after-copies.
 */
export class Recorder {
  private readonly touched = new Map<string, { kind: ItemKind; id: string; before?: Item; index: number }>();
  private topicsBefore: string[] | undefined;
  private readonly fieldChanges = new Map<string, { kind: ItemKind; id: string; index: number; fields: Record<string, [unknown, unknown]> }>();

  constructor(private readonly ann: Annotations) {}

  /**
   * Sets one field of the item at index `i` (undefined deletes it), recording only that field:
   * the cheap path for changes of thousands of items (confirm all, a speaker's quotes following).
   */
  set<K extends ItemKind>(kind: K, i: number, field: string, value: unknown): void {
    const item = list(this.ann, kind)[i] as unknown as Record<string, unknown>;
    const key = kind + '\0' + (item.id as string);
    if (!this.touched.has(key)) {
      let fc = this.fieldChanges.get(key);
      if (!fc) this.fieldChanges.set(key, (fc = { kind, id: item.id as string, index: i, fields: {} }));
      const f = fc.fields[field];
      if (f) f[1] = value;
      else fc.fields[field] = [item[field], value];
    }
    if (value === undefined) delete item[field];
    else item[field] = value;
  }

  /** The item as it was before this recorder changed fields of it. */
  private original(key: string, item: Item): Item {
    const c = copy(item) as unknown as Record<string, unknown>;
    const fc = this.fieldChanges.get(key);
    if (!fc) return c as unknown as Item;
    this.fieldChanges.delete(key);
    for (const [f, [before]] of Object.entries(fc.fields)) {
      if (before === undefined) delete c[f];
      else c[f] = before;
    }
    return c as unknown as Item;
  }

  /** Returns the live item (to change in place) after remembering how it was. */
  touch<K extends ItemKind>(kind: K, id: string): Annotations[K][number] | undefined {
    const items = list(this.ann, kind);
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) return undefined;
    const key = kind + '\0' + id;
    if (!this.touched.has(key)) this.touched.set(key, { kind, id, before: this.original(key, items[i] as Item), index: i });
    return items[i] as Annotations[K][number];
  }

  /** Same as `touch` when the index is already known (loops over all items stay linear). */
  touchAt<K extends ItemKind>(kind: K, i: number): Annotations[K][number] {
    const items = list(this.ann, kind);
    const item = items[i] as Item;
    const key = kind + '\0' + item.id;
    if (!this.touched.has(key)) this.touched.set(key, { kind, id: item.id, before: this.original(key, item), index: i });
    return item as Annotations[K][number];
  }

  /** Adds an item (before the first one starting after it, when the list is in start order). */
  add<K extends ItemKind>(kind: K, item: Annotations[K][number]): void {
    const items = list(this.ann, kind);
    const i = insertionIndex(items, item);
    items.splice(i, 0, item);
    this.touched.set(kind + '\0' + item.id, { kind, id: item.id, before: undefined, index: i });
  }

  remove(kind: ItemKind, id: string): boolean {
    const items = list(this.ann, kind);
    const i = items.findIndex((x) => x.id === id);
    if (i < 0) return false;
    const key = kind + '\0' + id;
    if (!this.touched.has(key)) this.touched.set(key, { kind, id, before: this.original(key, items[i] as Item), index: i });
    items.splice(i, 1);
    return true;
  }

  topics(next: string[]): void {
    this.topicsBefore ??= [...this.ann.topics];
    this.ann.topics = next;
  }

  /** The recorded edit, or undefined when nothing changed. */
  finish(label: string): Edit | undefined {
    const changes: Change[] = [];
    for (const t of this.touched.values()) {
      const items = list(this.ann, t.kind);
      const i = indexOfId(items, t.id, t.index);
      const after = i >= 0 ? copy(items[i]) : undefined;
      if (t.before === undefined && after === undefined) continue;
      if (t.before !== undefined && after !== undefined && sameItem(t.before, after)) continue;
      changes.push({ kind: t.kind, id: t.id, before: t.before, after, index: i >= 0 ? i : t.index });
    }
    for (const fc of this.fieldChanges.values()) {
      const fields: Record<string, [unknown, unknown]> = {};
      let any = false;
      for (const [f, v] of Object.entries(fc.fields)) if (v[0] !== v[1]) (fields[f] = v), (any = true);
      if (any) changes.push({ kind: fc.kind, id: fc.id, index: fc.index, fields });
    }
    if (this.topicsBefore && JSON.stringify(this.topicsBefore) !== JSON.stringify(this.ann.topics)) {
      changes.push({ kind: 'topics', before: this.topicsBefore, after: [...this.ann.topics] });
    }
    return changes.length ? { label, changes } : undefined;
  }
}

function insertionIndex(items: readonly Item[], item: Item): number {
  if (!('start' in item)) return items.length;
  // binary search by start (in a list that is not in start order any place is as good)
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = items[mid] as Quote | Entity;
    if (m.start <= item.start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts each item of `changes` into the state `side` ('before' undoes, 'after' redoes). */
export function applyChanges(ann: Annotations, changes: readonly Change[], side: 'before' | 'after'): void {
  const ordered = side === 'before' ? [...changes].reverse() : changes;
  for (const c of ordered) {
    if (c.kind === 'topics') {
      ann.topics = [...c[side]];
      continue;
    }
    const items = list(ann, c.kind);
    const i = indexOfId(items, c.id, c.index);
    if ('fields' in c) {
      const item = items[i] as unknown as Record<string, unknown> | undefined;
      if (!item) continue;
      for (const [f, v] of Object.entries(c.fields)) {
        const value = v[side === 'before' ? 0 : 1];
        if (value === undefined) delete item[f];
        else item[f] = value;
      }
      continue;
    }
    const want = c[side];
    if (want === undefined) {
      if (i >= 0) items.splice(i, 1);
    } else if (i >= 0) {
      items[i] = copy(want);
    } else if ('start' in want) {
      items.splice(insertionIndex(items, want), 0, copy(want));
    } else {
      items.splice(Math.min(c.index, items.length), 0, copy(want));
    }
  }
}

/** Undo and redo stacks of one article's annotation changes. */
export class AnnotationHistory {
  private readonly done: Edit[] = [];
  private readonly undone: Edit[] = [];

  constructor(private readonly limit = 500) {}

  record(edit: Edit | undefined): void {
    if (!edit) return;
    this.done.push(edit);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Undoes the last change; returns it, or undefined when there is nothing to undo. */
  undo(ann: Annotations): Edit | undefined {
    const e = this.done.pop();
    if (!e) return undefined;
    applyChanges(ann, e.changes, 'before');
    this.undone.push(e);
    return e;
  }

  redo(ann: Annotations): Edit | undefined {
    const e = this.undone.pop();
    if (!e) return undefined;
    applyChanges(ann, e.changes, 'after');
    this.done.push(e);
    return e;
  }
}
