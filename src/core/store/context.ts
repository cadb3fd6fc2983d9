/**
 * The text around an annotation, stored in the sidecar as `context: {before, after}` (schema v1
 * addition, optional on read) so that re-anchoring after an outside edit can tell one
 * occurrence of a repeated text from another.
 *
 * The store writes it from the current article text on every save; it is not part of the
 * in-memory model (it would go stale with every keystroke). `parse` attaches what it read to
 * the annotation objects it returns through `storedContext`, and `reanchor` reads it there.
 */
import type { Span } from '../model';

export interface AnchorContext {
  /** Up to CONTEXT_CHARS UTF-16 units just before the annotation. */
  before: string;
  /** Up to CONTEXT_CHARS UTF-16 units just after it. */
  after: string;
}

/** How much text on each side is stored (never splitting a surrogate pair). */
export const CONTEXT_CHARS = 24;

/**
 * Context read from the sidecar, by annotation object (see the module comment): a WeakMap, with
 * one difference in cost. A load hands over the contexts of all its annotations at once
 * (`attach`), kept beside the model it returned, and they enter the map only when the store is
 * first asked anything: adding 20,000 objects to a WeakMap costs a load about a tenth of its
 * time (and the garbage collector more), and most loads never ask (the article did not change,
 * so nothing is re-anchored).
 */
class ContextStore {
  private readonly map = new WeakMap<Span, AnchorContext>();
  /** Contexts attached and not yet in `map`; each lives as long as the model it came with. */
  private pending: Array<WeakRef<ContextBatch>> = [];

  get(a: Span): AnchorContext | undefined { this.settle(); return this.map.get(a); }
  has(a: Span): boolean { this.settle(); return this.map.has(a); }
  delete(a: Span): boolean { this.settle(); return this.map.delete(a); }
  set(a: Span, c: AnchorContext): this { this.settle(); this.map.set(a, c); return this; }

  /**
   * `items[i]` has the context `contexts[i]`, as if set one by one. The batch is kept alive by
   * `owner` (the model that holds the items, through a hidden property) and is dropped with it.
   */
  attach(owner: object, items: Span[], contexts: AnchorContext[]): void {
    if (items.length === 0) return;
    const batch: ContextBatch = { items, contexts };
    Object.defineProperty(owner, BATCH, { value: batch, enumerable: false, configurable: true, writable: true });
    // Bounded: many loads in a row (the corpus index reads thousands of sidecars) move the older
    // batches into the map, instead of a list that grows (a WeakRef's target stays alive until
    // the current job ends, so a loop of loads kept every batch and rescanned the list each time).
    if (this.pending.length >= MAX_PENDING) this.settle();
    this.pending.push(new WeakRef(batch));
  }

  /** Moves the attached contexts into the map, in the order they were attached. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const r of pending) {
      const b = r.deref();
      if (b === undefined) continue;
      for (let i = 0; i < b.items.length; i++) this.map.set(b.items[i], b.contexts[i]);
    }
  }
}

interface ContextBatch {
  items: Span[];
  contexts: AnchorContext[];
}

const BATCH = Symbol('storedContextBatch');
const MAX_PENDING = 16;

export const storedContext = new ContextStore();

/** The context of text[start, end). */
export function contextAt(text: string, start: number, end: number): AnchorContext {
  return { before: text.slice(contextStart(text, start), start), after: text.slice(end, contextEnd(text, end)) };
}

/** Where the context before `start` begins (CONTEXT_CHARS back, never inside a surrogate pair). */
function contextStart(text: string, start: number): number {
  const b = start - CONTEXT_CHARS;
  if (b <= 0) return 0;
  return isLow(text.charCodeAt(b)) ? b + 1 : b;
}

/** Where the context after `end` ends. */
function contextEnd(text: string, end: number): number {
  const a = end + CONTEXT_CHARS;
  if (a >= text.length) return text.length;
  return isLow(text.charCodeAt(a)) ? a - 1 : a;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * True when contextAt(text, start, end) would be exactly `c`, without building it (the writer
 * checks its cached blocks with this on every save).
 */
export function sameContextAt(text: string, start: number, end: number, c: AnchorContext): boolean {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return false;
  const b = contextStart(text, start), a = contextEnd(text, end);
  // two slices and compares: faster in V8 than startsWith at a position
  return start - b === c.before.length && a - end === c.after.length && text.slice(b, start) === c.before && text.slice(end, a) === c.after;
}
