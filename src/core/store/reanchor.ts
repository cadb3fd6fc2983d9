/**
 * Re-anchoring after the article changed outside the editor (its sha256 differs from the
 * sidecar's `source.sha256`). Stored offsets are only hints; the stored `text` is the truth.
 *
 * With the stored context (`context: {before, after}`, written by the store since the context
 * field was added; see context.ts) every comparison is made with whitespace runs collapsed, so
 * CRLF <-> LF and re-wrapped lines do not matter:
 * 1. An occurrence of the annotation's text whose stored context matches on both sides is its
 *    place: where the previous annotation's shift puts it, else when it is the only such
 *    occurrence near the stored offset, then near where the shift of the placed neighbours puts
 *    it, then anywhere.
 * 2. Otherwise an occurrence with one whole side of its context is its place, when it is the
 *    only one and no other occurrence nearby shares much of its context.
 * 3. Otherwise an occurrence exactly where both placed neighbours' common shift puts it, or the
 *    one sharing clearly the most context (PARTIAL_MIN, PARTIAL_MARGIN).
 * 4. Otherwise it becomes `orphaned` (kept, never deleted), collapsed where its neighbours say.
 * Ambiguity (two equally good places) orphans rather than guesses.
 *
 * Annotations without a stored context (older sidecars, hand-written entries) use the earlier
 * method:
 * 1. Candidates for each annotation are the exact occurrences of its text nearest its stored
 *    offset (the stored offset itself when the text is still there).
 * 2. The candidate of every annotation is chosen together with its neighbours (a Viterbi pass
 *    over the annotations in order) so that as few "shift changes" as possible are needed: an
 *    insertion or a moved paragraph is one change, so a short repeated name follows the shift
 *    of its neighbours instead of jumping to another occurrence. A second pass adds the
 *    occurrences nearest to where the neighbours' shift puts it.
 * 3. Fuzzily: an annotation whose text no longer occurs exactly is matched with whitespace
 *    and line endings normalised (CRLF <-> LF, re-wrapped lines); its `text` becomes the text
 *    now there, which differs only in whitespace.
 * 4. Otherwise it becomes `orphaned` (never deleted), collapsed where its neighbours say it was.
 *
 * An annotation is never placed on text other than its own (up to whitespace).
 */
import type { Annotations, Entity, Quote, Span } from '../model';
import { CONTEXT_CHARS, storedContext, type AnchorContext } from './context';

export interface ReanchorReport {
  /** Still at their stored offsets. */
  unchanged: number;
  /** Moved to an exact occurrence of their text. */
  moved: number;
  /** Placed on their text with whitespace or line endings changed. */
  fuzzy: number;
  /** Could not be placed (now status 'orphaned'). */
  orphaned: Array<Entity | Quote>;
}

const K = 3;

/** Re-anchor every annotation of `ann` (in place) onto `text`. */
export function reanchor(ann: Annotations, text: string): ReanchorReport {
  const report: ReanchorReport = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: [] };
  const withContext: Array<Entity | Quote> = [];
  const without: Array<Entity | Quote> = [];
  for (const list of [ann.entities, ann.quotes] as Array<Array<Entity | Quote>>) {
    for (const a of list) {
      if (a.status === 'orphaned' || a.text.length === 0) continue;
      (storedContext.has(a) && /\S/.test(a.text) ? withContext : without).push(a);
    }
  }
  if (without.length > 0) byNeighbours(without, text, report);
  if (withContext.length > 0) byContext(withContext, text, report);
  for (const a of withContext) storedContext.delete(a); // stale from now on
  return report;
}

/** The earlier method, for annotations without a stored context. */
function byNeighbours(items: Array<Entity | Quote>, text: string, report: ReanchorReport): void {
  items.sort((a, b) => a.start - b.start || a.end - b.end);
  const n = items.length;
  const hint = items.map((a) => Math.min(Math.max(a.start, 0), text.length));
  const cands: number[][] = items.map((a, i) => nearest(text, a.text, hint[i]));

  let chosen = viterbi(hint, cands);
  // second pass: occurrences near where the neighbours' shift puts each annotation
  for (let i = 0; i < n; i++) {
    const extra = new Set(cands[i]);
    for (const j of [prevChosen(chosen, i), nextChosen(chosen, i)]) {
      if (j < 0) continue;
      const center = hint[i] + (chosen[j] - hint[j]);
      for (const p of nearest(text, items[i].text, center)) extra.add(p);
    }
    cands[i] = [...extra];
  }
  chosen = viterbi(hint, cands);

  let norm: NormText | undefined;
  for (let i = 0; i < n; i++) {
    const a = items[i];
    const oldStart = a.start;
    const delta = shiftNear(chosen, hint, i);
    if (chosen[i] >= 0) {
      const p = chosen[i];
      if (p === oldStart) report.unchanged++; else report.moved++;
      a.start = p; a.end = p + a.text.length;
    } else {
      norm ??= normalise(text);
      const m = fuzzyFind(norm, text, a.text, hint[i] + delta);
      if (m) {
        a.start = m.start; a.end = m.end; a.text = text.slice(m.start, m.end);
        report.fuzzy++;
      } else {
        orphanAt(a, Math.min(Math.max(hint[i] + delta, 0), text.length), report);
      }
    }
    placeSubs(a, text, oldStart);
  }
}

interface Probe {
  a: Entity | Quote;
  /** Text, context before and after, whitespace runs collapsed to one space. */
  t: string;
  before: string;
  after: string;
  /** The stored context reached the start / end of the article. */
  atStart: boolean;
  atEnd: boolean;
  /** Stored start in collapsed coordinates. */
  hint: number;
  /** Chosen place in collapsed coordinates, or -1. */
  at: number;
}

const MAX_GLOBAL = 8;
/** Occurrences looked at anywhere in the text for a partial context match. */
const MAX_PARTIAL = 64;
/** A partial match must share this many context characters and beat the next best by PARTIAL_MARGIN. */
const PARTIAL_MIN = 16;
const PARTIAL_MARGIN = 10;
/** A nearby occurrence sharing this much context makes a one-sided or partial match ambiguous. */
const CROWD_MIN = 8;

function byContext(items: Array<Entity | Quote>, text: string, report: ReanchorReport): void {
  const norm = normalise(text);
  const S = norm.s;
  const toNorm = (u16: number): number => {
    let lo = 0, hi = norm.map.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (norm.map[mid] < u16) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const probes: Probe[] = items.map((a) => {
    const c = storedContext.get(a) as AnchorContext;
    const t = collapse(a.text);
    let before = collapse(c.before);
    let after = collapse(c.after);
    if (t.startsWith(' ') && before.endsWith(' ')) before = before.slice(0, -1);
    if (t.endsWith(' ') && after.startsWith(' ')) after = after.slice(1);
    return {
      a, t, before, after,
      atStart: c.before.length < CONTEXT_CHARS - 1, atEnd: c.after.length < CONTEXT_CHARS - 1,
      hint: toNorm(Math.min(Math.max(a.start, 0), text.length)), at: -1,
    };
  });
  probes.sort((x, y) => x.hint - y.hint || x.a.end - y.a.end);

  const fullBefore = (p: Probe, at: number): boolean => {
    const b = p.before;
    if (at < b.length || (p.atStart && at !== b.length)) return false;
    return S.startsWith(b, at - b.length);
  };
  const fullAfter = (p: Probe, at: number): boolean => {
    const e = at + p.t.length;
    if (p.atEnd && e + p.after.length !== S.length) return false;
    return S.startsWith(p.after, e);
  };
  const neighbours = (i: number): { prev?: number; next?: number } => {
    let prev: number | undefined, next: number | undefined;
    for (let j = i - 1; j >= 0; j--) if (probes[j].at >= 0) { prev = probes[j].at - probes[j].hint; break; }
    for (let j = i + 1; j < probes.length; j++) if (probes[j].at >= 0) { next = probes[j].at - probes[j].hint; break; }
    return { prev, next };
  };
  const only = (xs: number[]): number => (xs.length === 1 ? xs[0] : -1);
  const global = (needle: string, offset: number, into: Set<number>, max = MAX_GLOBAL) => {
    let k = 0;
    for (let i = S.indexOf(needle); i >= 0 && k < max; i = S.indexOf(needle, i + 1), k++) into.add(i + offset);
  };
  /**
   * Another occurrence of the text within the context's reach of `at` (a word repeated beside
   * it): with only part of the context to go by, either could be the one.
   */
  const crowded = (p: Probe, at: number): boolean => {
    const from = Math.max(0, at - p.before.length - p.t.length);
    const w = S.slice(from, at + 2 * p.t.length + p.after.length);
    for (let i = w.indexOf(p.t); i >= 0; i = w.indexOf(p.t, i + 1)) if (from + i !== at && partial(p, from + i) >= CROWD_MIN) return true;
    return false;
  };
  /** How many characters of the context match on both sides together. */
  const partial = (p: Probe, at: number): number => {
    let l = 0;
    while (l < p.before.length && at - 1 - l >= 0 && S.charCodeAt(at - 1 - l) === p.before.charCodeAt(p.before.length - 1 - l)) l++;
    const e = at + p.t.length;
    let r = 0;
    while (r < p.after.length && e + r < S.length && S.charCodeAt(e + r) === p.after.charCodeAt(r)) r++;
    return l + r;
  };

  // 1. near the stored offset, both sides of the context
  let delta = 0;
  for (const p of probes) {
    // usually it moved as the one before it did: check that place first
    const guess = p.hint + delta;
    if (S.startsWith(p.t, guess) && fullBefore(p, guess) && fullAfter(p, guess)) p.at = guess;
    else p.at = only(nearest(S, p.t, p.hint).filter((c) => fullBefore(p, c) && fullAfter(p, c)));
    if (p.at >= 0) delta = p.at - p.hint;
  }
  // 2. near the neighbours' shift and anywhere; then one side; then the neighbours' shift alone
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < probes.length; i++) {
      const p = probes[i];
      if (p.at >= 0) continue;
      const { prev, next } = neighbours(i);
      const centers = new Set<number>([p.hint]);
      if (prev !== undefined) centers.add(p.hint + prev);
      if (next !== undefined) centers.add(p.hint + next);
      const cands = new Set<number>();
      for (const c of centers) for (const x of nearest(S, p.t, c)) cands.add(x);
      let list = [...cands].filter((c) => S.startsWith(p.t, c));
      let both = list.filter((c) => fullBefore(p, c) && fullAfter(p, c));
      if (both.length === 0 || round === 1) {
        // not near where it was or where its neighbours went: anywhere (a moved paragraph)
        global(p.before + p.t + p.after, p.before.length, cands);
        if (round === 1) {
          if (p.before.length > 0) global(p.before + p.t, p.before.length, cands);
          if (p.after.length > 0) global(p.t + p.after, 0, cands);
        }
        list = [...cands].filter((c) => S.startsWith(p.t, c));
        both = list.filter((c) => fullBefore(p, c) && fullAfter(p, c));
      }
      // where the neighbours' shift puts it (the stored offset when no neighbour is placed)
      const shifted = new Set<number>();
      if (prev !== undefined) shifted.add(p.hint + prev);
      if (next !== undefined) shifted.add(p.hint + next);
      if (shifted.size === 0) shifted.add(p.hint);
      const atCenter = (xs: number[]) => xs.filter((c) => shifted.has(c));
      if (both.length > 0) { p.at = both.length === 1 ? both[0] : only(atCenter(both)); continue; }
      if (round === 0) continue;
      const one = list.filter((c) => ((p.before.length > 0 || p.atStart) && fullBefore(p, c)) || ((p.after.length > 0 || p.atEnd) && fullAfter(p, c)));
      // two places each with one side of the context (say, a repeated word inserted beside it)
      // are a real ambiguity: orphan rather than guess
      if (one.length > 0) { p.at = one.length === 1 && !crowded(p, one[0]) ? one[0] : -1; continue; }
      if (prev !== undefined && prev === next && S.startsWith(p.t, p.hint + prev)) { p.at = p.hint + prev; continue; }
      // edits on both sides: the occurrence sharing clearly the most context, if one does
      const all = new Set<number>(list);
      global(p.t, 0, all, MAX_PARTIAL);
      let best = -1, bestScore = -1, second = -1;
      for (const c of all) {
        const sc = partial(p, c);
        if (sc > bestScore) { second = bestScore; bestScore = sc; best = c; } else if (sc > second) second = sc;
      }
      if (bestScore >= PARTIAL_MIN && bestScore - second >= PARTIAL_MARGIN && !crowded(p, best)) p.at = best;
    }
  }

  for (let i = 0; i < probes.length; i++) {
    const p = probes[i];
    const a = p.a;
    const oldStart = a.start;
    if (p.at >= 0) {
      const start = norm.map[p.at];
      const endN = p.at + p.t.length;
      const end = p.t.endsWith(' ') ? (endN < norm.map.length ? norm.map[endN] : text.length) : norm.map[endN - 1] + 1;
      const now = text.slice(start, end);
      if (now === a.text) { if (start === oldStart) report.unchanged++; else report.moved++; }
      else { a.text = now; report.fuzzy++; }
      a.start = start; a.end = end;
    } else {
      const { prev, next } = neighbours(i);
      const n = Math.min(Math.max(p.hint + (prev ?? next ?? 0), 0), norm.map.length);
      orphanAt(a, n < norm.map.length ? norm.map[n] : text.length, report);
    }
    placeSubs(a, text, oldStart);
  }
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** Re-anchor a quote's source or cue span by the quote's shift; collapse it when lost. */
/** The annotation could not be placed: kept, orphaned at `at` (its status remembered). */
function orphanAt(a: Entity | Quote, at: number, report: ReanchorReport): void {
  a.previousStatus = a.status;
  a.status = 'orphaned';
  a.start = a.end = at;
  report.orphaned.push(a);
}

/** A quote's source and cue follow the quote's move (or are looked up again when it is orphaned). */
function placeSubs(a: Entity | Quote, text: string, oldStart: number): void {
  if (!('kind' in a)) return;
  const d = a.status === 'orphaned' ? undefined : a.start - oldStart;
  if (a.source) placeSub(a.source, text, d);
  if (a.cue) placeSub(a.cue, text, d);
}

function placeSub(s: Span, text: string, d: number | undefined): void {
  if (s.text.length === 0) return;
  if (d !== undefined) {
    const want = s.start + d;
    if (text.startsWith(s.text, want)) { s.start = want; s.end = want + s.text.length; return; }
    let best = -1;
    for (const p of nearest(text, s.text, want)) if (Math.abs(p - want) <= 2000 && (best < 0 || Math.abs(p - want) < Math.abs(best - want))) best = p;
    if (best >= 0) { s.start = best; s.end = best + s.text.length; return; }
  }
  const at = Math.min(Math.max(s.start + (d ?? 0), 0), text.length);
  s.start = s.end = at;
}

/** How far from its expected place an occurrence is looked for by `nearest` (the context searches look everywhere). */
const WINDOW = 4096;

/**
 * Up to K occurrences of `t` at or after `center` and K before it, within WINDOW of it: a
 * search that does not find enough never runs through the whole article (which made
 * re-anchoring 20,000 annotations of a 1 MB article take tens of seconds).
 */
function nearest(text: string, t: string, center: number): number[] {
  const out: number[] = [];
  const c = Math.min(Math.max(center, 0), text.length);
  const lo = Math.max(0, c - WINDOW);
  const w = text.slice(lo, Math.min(text.length, c + WINDOW + t.length));
  const cc = c - lo;
  let p = w.indexOf(t, cc);
  for (let k = 0; k < K && p >= 0; k++) { out.push(lo + p); p = w.indexOf(t, p + 1); }
  if (cc > 0) {
    let q = w.lastIndexOf(t, cc - 1);
    for (let k = 0; k < K && q >= 0; k++) { out.push(lo + q); q = q > 0 ? w.lastIndexOf(t, q - 1) : -1; }
  }
  return out;
}

/**
 * Choose one candidate per annotation (or none when it has none) minimising the number of
 * changes of shift between consecutive annotations; ties go to the smaller change.
 */
function viterbi(hint: number[], cands: number[][]): number[] {
  const n = hint.length;
  const chosen = new Array<number>(n).fill(-1);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (cands[i].length > 0) idx.push(i);
  if (idx.length === 0) return chosen;
  const back: Int32Array[] = [];
  let prevCost = cands[idx[0]].map((p) => (p === hint[idx[0]] ? 0 : 1 + 1e-9 * Math.abs(p - hint[idx[0]])));
  back.push(new Int32Array(cands[idx[0]].length).fill(-1));
  for (let t = 1; t < idx.length; t++) {
    const i = idx[t], j = idx[t - 1];
    const ci = cands[i], cj = cands[j];
    const cost: number[] = new Array(ci.length);
    const bk = new Int32Array(ci.length);
    for (let a = 0; a < ci.length; a++) {
      const da = ci[a] - hint[i];
      let best = Infinity, arg = 0;
      for (let b = 0; b < cj.length; b++) {
        const db = cj[b] - hint[j];
        const c = prevCost[b] + (da === db ? 0 : 1 + 1e-9 * Math.abs(da - db));
        if (c < best) { best = c; arg = b; }
      }
      cost[a] = best; bk[a] = arg;
    }
    prevCost = cost;
    back.push(bk);
  }
  let a = 0;
  for (let k = 1; k < prevCost.length; k++) if (prevCost[k] < prevCost[a]) a = k;
  for (let t = idx.length - 1; t >= 0; t--) {
    chosen[idx[t]] = cands[idx[t]][a];
    a = back[t][a];
  }
  return chosen;
}

function prevChosen(chosen: number[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (chosen[j] >= 0) return j;
  return -1;
}
function nextChosen(chosen: number[], i: number): number {
  for (let j = i + 1; j < chosen.length; j++) if (chosen[j] >= 0) return j;
  return -1;
}
function shiftNear(chosen: number[], hint: number[], i: number): number {
  if (chosen[i] >= 0) return chosen[i] - hint[i];
  const j = prevChosen(chosen, i);
  if (j >= 0) return chosen[j] - hint[j];
  const k = nextChosen(chosen, i);
  return k >= 0 ? chosen[k] - hint[k] : 0;
}

interface NormText {
  /** The text with every run of whitespace replaced by one space. */
  s: string;
  /** Original index of each character of `s`. */
  map: Int32Array;
}

function normalise(text: string): NormText {
  const map = new Int32Array(text.length);
  let s = '';
  let n = 0;
  let from = 0;
  const re = /\s+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    s += text.slice(from, m.index) + ' ';
    for (let i = from; i < m.index; i++) map[n++] = i;
    map[n++] = m.index;
    from = m.index + m[0].length;
  }
  s += text.slice(from);
  for (let i = from; i < text.length; i++) map[n++] = i;
  return { s, map: map.subarray(0, n) };
}

function fuzzyFind(norm: NormText, text: string, t: string, expected: number): { start: number; end: number } | undefined {
  const nt = t.replace(/\s+/g, ' ');
  if (nt.trim().length === 0) return undefined;
  // expected position in normalised coordinates
  let lo = 0, hi = norm.map.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (norm.map[mid] < expected) lo = mid + 1; else hi = mid; }
  let best = -1;
  for (const p of nearest(norm.s, nt, lo)) if (best < 0 || Math.abs(p - lo) < Math.abs(best - lo)) best = p;
  if (best < 0) return undefined;
  const start = norm.map[best];
  const endN = best + nt.length;
  const end = endN < norm.map.length ? norm.map[endN] : text.length;
  // a trailing normalised space stands for a whole run; without one, stop at the last char
  const realEnd = nt.endsWith(' ') ? end : norm.map[endN - 1] + 1;
  return { start, end: realEnd };
}
