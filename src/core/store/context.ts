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

/** Context read from the sidecar, by annotation object (see the module comment). */
export const storedContext = new WeakMap<Span, AnchorContext>();

/** The context of text[start, end). */
export function contextAt(text: string, start: number, end: number): AnchorContext {
  let b = start - CONTEXT_CHARS;
  if (b <= 0) b = 0;
  else if (isLow(text.charCodeAt(b))) b++;
  let a = end + CONTEXT_CHARS;
  if (a >= text.length) a = text.length;
  else if (isLow(text.charCodeAt(a))) a--;
  return { before: text.slice(b, start), after: text.slice(end, a) };
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
  let b = start - CONTEXT_CHARS;
  if (b <= 0) b = 0;
  else if (isLow(text.charCodeAt(b))) b++;
  let a = end + CONTEXT_CHARS;
  if (a >= text.length) a = text.length;
  else if (isLow(text.charCodeAt(a))) a--;
  // two slices and compares: faster in V8 than startsWith at a position
  return start - b === c.before.length && a - end === c.after.length && text.slice(b, start) === c.before && text.slice(end, a) === c.after;
}
