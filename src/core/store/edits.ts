/**
 * Moving annotations with the text as the user types (UTF-16 offsets, like VS Code's
 * TextDocumentContentChangeEvent: `rangeOffset`, `rangeLength`, `text.length`).
 *
 * - An edit before a span shifts it; an edit after it (or an insertion at its end) leaves it.
 * - An edit inside a span, or overlapping one of its ends, resizes it to cover what is there now.
 * - A span whose whole text is deleted becomes `orphaned` (kept; `previousStatus` remembers the
 *   status) and collapses to the place of the deletion; if a later edit puts the same text
 *   back there (undo), it is restored in place with its status.
 *
 * Data layout: the model's arrays are updated in place with one pass and no allocation for the
 * spans an edit does not touch; 20,000 annotations shift in well under a millisecond
 * (bench/store.ts).
 */
import type { Annotations, Entity, Quote, Span } from '../model';

export interface TextChange {
  /** UTF-16 offset of the replaced range in the old text. */
  start: number;
  /** End (exclusive) of the replaced range in the old text. */
  end: number;
  /** Length of the inserted text. */
  newLength: number;
}

export interface EditResult {
  orphaned: Array<Entity | Quote>;
  restored: Array<Entity | Quote>;
  /** Annotations whose span changed size (their `text` was updated). */
  resized: Array<Entity | Quote>;
}

/**
 * Where an orphaned span's text was relative to its collapse point, so that an undo restores
 * it at exactly that place. Kept out of the model (and the file) on purpose; a span orphaned
 * in an earlier session is restored at the nearest occurrence instead.
 */
const orphanOffsets = new WeakMap<Span, number>();

const enum Outcome { Same, Moved, Resized, Orphaned, Restored }

/** Apply one change to every span of `ann`; `newText` is the whole text after the change. */
export function applyEdit(ann: Annotations, change: TextChange, newText: string): EditResult {
  const res: EditResult = { orphaned: [], restored: [], resized: [] };
  const { start: s, end: e, newLength: len } = change;
  if (s === e && len === 0) return res;
  const d = len - (e - s);
  const list = ann.entities;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    // fast path: the edit is entirely after the span
    if (s >= a.end && (s > a.end || a.end > a.start)) continue;
    if (e < a.start || (e === a.start && a.end > a.start)) { a.start += d; a.end += d; continue; }
    record(res, a, shiftAnnotation(a, s, e, len, d, newText));
  }
  const quotes = ann.quotes;
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    const src = q.source;
    if (src !== undefined && !(s >= src.end && (s > src.end || src.end > src.start))) {
      if (e < src.start || (e === src.start && src.end > src.start)) { src.start += d; src.end += d; } else shiftSpan(src, s, e, len, d, newText);
    }
    const cue = q.cue;
    if (cue !== undefined && !(s >= cue.end && (s > cue.end || cue.end > cue.start))) {
      if (e < cue.start || (e === cue.start && cue.end > cue.start)) { cue.start += d; cue.end += d; } else shiftSpan(cue, s, e, len, d, newText);
    }
    if (s >= q.end && (s > q.end || q.end > q.start)) continue;
    if (e < q.start || (e === q.start && q.end > q.start)) { q.start += d; q.end += d; continue; }
    record(res, q, shiftAnnotation(q, s, e, len, d, newText));
  }
  return res;
}

function record(res: EditResult, a: Entity | Quote, o: Outcome): void {
  if (o === Outcome.Orphaned) res.orphaned.push(a);
  else if (o === Outcome.Restored) res.restored.push(a);
  else if (o === Outcome.Resized) res.resized.push(a);
}

function shiftAnnotation(a: Entity | Quote, s: number, e: number, len: number, d: number, newText: string): Outcome {
  const wasOrphan = a.status === 'orphaned';
  const o = shiftSpan(a, s, e, len, d, newText);
  if (o === Outcome.Orphaned && !wasOrphan) {
    a.previousStatus = a.status;
    a.status = 'orphaned';
  } else if (o === Outcome.Restored && wasOrphan) {
    a.status = a.previousStatus ?? 'suggested';
    delete a.previousStatus;
  } else if (o === Outcome.Restored) {
    return Outcome.Moved;
  } else if (wasOrphan && o === Outcome.Orphaned) {
    return Outcome.Same;
  }
  return o;
}

/**
 * Shift one span. A collapsed span (start === end with non-empty text) is an orphan waiting
 * for its text to come back.
 */
export function shiftSpan(a: Span, s: number, e: number, len: number, d: number, newText: string): Outcome {
  const collapsed = a.start === a.end && a.text.length > 0;
  if (collapsed) {
    const p = a.start;
    if (p < s) return Outcome.Same;
    if (p > e) { a.start += d; a.end += d; return Outcome.Moved; }
    // the edit touches the collapse point: is the text back?
    const rel = orphanOffsets.get(a) ?? 0;
    const want = (s === p ? p : s) + rel;
    const at = findNear(newText, a.text, s, s + len, want);
    if (at >= 0) {
      a.start = at; a.end = at + a.text.length;
      orphanOffsets.delete(a);
      return Outcome.Restored;
    }
    if (p > s) orphanOffsets.set(a, rel + (p - s));
    a.start = a.end = s;
    return Outcome.Same;
  }
  const { start: a0, end: b0 } = a;
  if (e <= a0 && !(e === a0 && s === e && a0 === b0)) { a.start += d; a.end += d; return Outcome.Moved; }
  if (s >= b0) return Outcome.Same;
  if (s <= a0 && e >= b0) {
    // the whole span was replaced: keep it if its very text is in the replacement
    const at = findNear(newText, a.text, s, s + len, s + (a0 - s));
    if (at >= 0) { a.start = at; a.end = at + a.text.length; return at === a0 ? Outcome.Same : Outcome.Moved; }
    orphanOffsets.set(a, a0 - s);
    a.start = a.end = s;
    return Outcome.Orphaned;
  }
  // partial overlap or inside: resize to cover what is there now
  const ns = s < a0 ? s : a0;
  const ne = e > b0 ? s + len : b0 + d;
  a.start = ns; a.end = ne;
  a.text = newText.slice(ns, ne);
  return Outcome.Resized;
}

/** Index of `needle` inside newText[from, to) nearest to `want`, or -1. */
function findNear(text: string, needle: string, from: number, to: number, want: number): number {
  if (needle.length === 0 || to - from < needle.length) return -1;
  if (want >= from && want + needle.length <= to && text.startsWith(needle, want)) return want;
  let best = -1;
  for (let i = text.indexOf(needle, from); i >= 0 && i + needle.length <= to; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - want) < Math.abs(best - want)) best = i;
    if (i > want) break;
  }
  return best;
}
