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

  constructor(text: string) {
    this.utf16Length = text.length;
    const found: number[] = [];
    // Fast scan: a regex test is much faster than a charCode loop on long ASCII-ish text.
    if (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
      const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
      for (let m = re.exec(text); m; m = re.exec(text)) found.push(m.index);
    }
    this.pairs = Int32Array.from(found);
    this.codePointLength = text.length - found.length;
  }

  /**
   * The map of `text`, reusing the last one built when the text is the same (a save, and the
   * load or save after it, convert offsets of the same article text).
   */
  static of(text: string): OffsetMap {
    if (lastText !== text || lastMap === undefined) {
      lastMap = new OffsetMap(text);
      lastText = text;
    }
    return lastMap;
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
