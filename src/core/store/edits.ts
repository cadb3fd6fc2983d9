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

/**
 * The text after a change, as far as moving spans needs it: the parts of it that touched spans
 * cover (a string, or an `EditedText` that never builds the whole text).
 */
export interface TextView {
  slice(start: number, end: number): string;
}

/** Apply one change to every span of `ann`; `newText` is the whole text after the change. */
export function applyEdit(ann: Annotations, change: TextChange, newText: TextView): EditResult {
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

function shiftAnnotation(a: Entity | Quote, s: number, e: number, len: number, d: number, newText: TextView): Outcome {
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
export function shiftSpan(a: Span, s: number, e: number, len: number, d: number, newText: TextView): Outcome {
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
function findNear(newText: TextView, needle: string, from: number, to: number, want: number): number {
  if (needle.length === 0 || to - from < needle.length) return -1;
  const text = newText.slice(from, to); // offsets below are relative to `from`
  const w = want - from;
  if (w >= 0 && w + needle.length <= text.length && text.startsWith(needle, w)) return want;
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - w) < Math.abs(best - w)) best = i;
    if (i > w) break;
  }
  return best < 0 ? -1 : best + from;
}

/**
 * A text being edited, kept as pieces of the text it started from and of the inserted strings:
 * an edit costs no copy of the whole text (a 1 MB article is copied once, by `toString`, however
 * many keystrokes came before). `slice` reads parts of the current text.
 */
export class EditedText implements TextView {
  /** The current text: pieces [from, to) of their strings, in order. */
  private readonly pieces: { s: string; from: number; to: number }[];
  length: number;

  constructor(text: string) {
    this.pieces = [{ s: text, from: 0, to: text.length }];
    this.length = text.length;
  }

  /** How many pieces the text is made of. */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /** Replaces [start, end) of the current text with `text`. */
  apply(start: number, end: number, text: string): void {
    const ps = this.pieces;
    const out: { s: string; from: number; to: number }[] = [];
    let at = 0; // offset of the current piece in the text
    let i = 0;
    // the pieces before `start` (the one containing it cut there)
    for (; i < ps.length; i++) {
      const p = ps[i]!;
      const n = p.to - p.from;
      if (at + n > start) break;
      at += n;
    }
    const head = ps.slice(0, i);
    if (i < ps.length && start > at) head.push({ s: ps[i]!.s, from: ps[i]!.from, to: ps[i]!.from + (start - at) });
    if (text.length > 0) out.push({ s: text, from: 0, to: text.length });
    // skip to `end` (the piece containing it cut there)
    for (; i < ps.length; i++) {
      const p = ps[i]!;
      const n = p.to - p.from;
      if (at + n > end) {
        if (end > at) out.push({ s: p.s, from: p.from + (end - at), to: p.to });
        else out.push(p);
        i++;
        break;
      }
      at += n;
    }
    this.pieces.splice(0, this.pieces.length, ...head, ...out, ...ps.slice(i));
    this.length += text.length - (end - start);
  }

  slice(start: number, end: number): string {
    let out = '';
    let at = 0;
    for (const p of this.pieces) {
      const n = p.to - p.from;
      if (at >= end) break;
      if (at + n > start) out += p.s.slice(p.from + Math.max(0, start - at), p.from + Math.min(n, end - at));
      at += n;
    }
    return out;
  }

  toString(): string {
    if (this.pieces.length === 1) {
      const p = this.pieces[0]!;
      return p.s.slice(p.from, p.to);
    }
    return this.pieces.map((p) => p.s.slice(p.from, p.to)).join('');
  }
}
