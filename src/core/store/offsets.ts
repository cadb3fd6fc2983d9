/**
 * Conversion between in-memory UTF-16 offsets and the sidecar's Unicode code-point offsets.
 *
 * A code point above U+FFFF takes two UTF-16 units (a surrogate pair) but counts as one code
 * point. When the text has no surrogate pair (the usual case) both offsets are equal and the
 * conversion is the identity. Otherwise we keep the sorted UTF-16 positions of the pairs and
 * search them. A lone surrogate counts as one unit and one code point.
 *
 * The store converts offsets of lists sorted by position, so each conversion starts from where
 * the previous one ended (a few steps) and binary-searches only on a long jump.
 */
export class OffsetMap {
  /** UTF-16 index of the high surrogate of each pair, ascending. Empty on the fast path. */
  private readonly pairs: Int32Array;
  readonly utf16Length: number;
  readonly codePointLength: number;
  /** Where the last conversion ended: a number of pairs (see toCodePoint / toUtf16). */
  private hint = 0;

  /** `pairs`: the pairs of `text` when already known (see OffsetMap.of). */
  constructor(text: string, pairs?: Int32Array) {
    this.utf16Length = text.length;
    if (pairs === undefined) {
      const found: number[] = [];
      // Fast scan: a regex test is much faster than a charCode loop on long ASCII-ish text.
      if (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
        const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
        for (let m = re.exec(text); m; m = re.exec(text)) found.push(m.index);
      }
      pairs = Int32Array.from(found);
    }
    this.pairs = pairs;
    this.codePointLength = text.length - pairs.length;
  }

  /**
   * The map of `text`, reusing the last one built when the text is the same (a save, and the
   * load or save after it, convert offsets of the same article text). When the text differs
   * from the last one only in a small middle part (an edit), the pairs before and after it are
   * taken over (shifted) and only that part is scanned.
   */
  static of(text: string): OffsetMap {
    if (lastText !== text || lastMap === undefined) {
      lastMap = lastText !== undefined && lastMap !== undefined ? lastMap.after(lastText, text) : new OffsetMap(text);
      lastText = text;
    }
    return lastMap;
  }

  /** The map of `text`, which was `old` (this map's text) before an edit. */
  private after(old: string, text: string): OffsetMap {
    const { prefix, suffix } = textDiff(old, text);
    const midEnd = text.length - suffix;
    if (midEnd - prefix > INCREMENTAL_MAX) return new OffsetMap(text);
    const p = this.pairs;
    const delta = text.length - old.length;
    const out: number[] = [];
    // pairs wholly in the common prefix, then those that start in the changed part or straddle
    // one of its ends (scanned), then those wholly in the common suffix (shifted)
    let k = 0;
    while (k < p.length && p[k] + 1 < prefix) out.push(p[k++]);
    for (let i = Math.max(0, prefix - 1); i < midEnd && i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { out.push(i); i++; }
      }
    }
    const oldSuffix = old.length - suffix;
    while (k < p.length && p[k] < oldSuffix) k++;
    // a pair found by the scan may end inside the suffix: the next one starts after it
    const last = out.length > 0 ? out[out.length - 1] : -2;
    for (; k < p.length; k++) if (p[k] + delta > last + 1) out.push(p[k] + delta);
    return new OffsetMap(text, Int32Array.from(out));
  }

  /** True when offsets are the same in both units. */
  get identity(): boolean {
    return this.pairs.length === 0;
  }

  /** UTF-16 offset -> code-point offset. An offset inside a pair counts the pair as before it. */
  toCodePoint(u16: number): number {
    const p = this.pairs;
    const n = p.length;
    if (n === 0 || u16 <= p[0]) return u16;
    // the number of pairs starting strictly before u16: first from the hint, a few steps
    let h = this.hint;
    for (let steps = 0; steps < 16 && h < n && p[h] < u16; steps++) h++;
    for (let steps = 0; steps < 16 && h > 0 && !(p[h - 1] < u16); steps++) h--;
    if ((h === n || !(p[h] < u16)) && (h === 0 || p[h - 1] < u16)) {
      this.hint = h;
      return u16 - h;
    }
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] < u16) lo = mid + 1; else hi = mid;
    }
    this.hint = lo;
    return u16 - lo;
  }

  /** Code-point offset -> UTF-16 offset. */
  toUtf16(cp: number): number {
    const p = this.pairs;
    const n = p.length;
    if (n === 0 || cp <= p[0]) return cp;
    // pair i starts at code point p[i] - i (ascending); count pairs whose code point start < cp
    let h = this.hint;
    for (let steps = 0; steps < 16 && h < n && p[h] - h < cp; steps++) h++;
    for (let steps = 0; steps < 16 && h > 0 && !(p[h - 1] - (h - 1) < cp); steps++) h--;
    if ((h === n || !(p[h] - h < cp)) && (h === 0 || p[h - 1] - (h - 1) < cp)) {
      this.hint = h;
      return cp + h;
    }
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] - mid < cp) lo = mid + 1; else hi = mid;
    }
    this.hint = lo;
    return cp + lo;
  }
}

let lastText: string | undefined;
let lastMap: OffsetMap | undefined;
/** Above this many changed UTF-16 units OffsetMap.of scans the whole text again. */
const INCREMENTAL_MAX = 1 << 16;

/**
 * How `text` differs from `old`: the lengths of their common prefix and common suffix (which
 * do not overlap: prefix + suffix <= both lengths). The last answer is kept (the writer and
 * OffsetMap.of ask about the same two texts).
 */
export function textDiff(old: string, text: string): { prefix: number; suffix: number } {
  if (diffOld === old && diffNew === text) return lastDiff;
  const limit = Math.min(old.length, text.length);
  const prefix = commonRun(old, text, limit, false);
  const suffix = commonRun(old, text, limit - prefix, true);
  diffOld = old; diffNew = text; lastDiff = { prefix, suffix };
  return lastDiff;
}

let diffOld: string | undefined;
let diffNew: string | undefined;
let lastDiff = { prefix: 0, suffix: 0 };

/**
 * The length of the common prefix (or, `fromEnd`, suffix) of `a` and `b`, at most `limit`:
 * compared a chunk at a time (slices compared as strings: a memory compare), the chunk
 * doubling while equal and halving to find the first difference.
 */
function commonRun(a: string, b: string, limit: number, fromEnd: boolean): number {
  const la = a.length, lb = b.length;
  const same = (from: number, n: number) => (fromEnd
    ? a.slice(la - from - n, la - from) === b.slice(lb - from - n, lb - from)
    : a.slice(from, from + n) === b.slice(from, from + n));
  let done = 0;
  let step = 64;
  let grow = true;
  while (done < limit) {
    const n = Math.min(step, limit - done);
    if (same(done, n)) { done += n; if (grow && step < 1 << 20) step *= 2; continue; }
    if (n <= 16) break;
    // the difference is in the next n units: halve from now on
    grow = false;
    step = n >> 1;
  }
  // the first difference is within the next 16 units
  const end = Math.min(limit, done + 16);
  while (done < end && (fromEnd ? a.charCodeAt(la - 1 - done) === b.charCodeAt(lb - 1 - done) : a.charCodeAt(done) === b.charCodeAt(done))) done++;
  return done;
}
