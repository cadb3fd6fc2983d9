/**
 * Conversion between in-memory UTF-16 offsets and the sidecar's Unicode code-point offsets.
 *
 * A code point above U+FFFF takes two UTF-16 units (a surrogate pair) but counts as one code
 * point. When the text has no surrogate pair (the usual case) both offsets are equal and the
 * conversion is the identity. Otherwise we keep the sorted UTF-16 positions of the pairs and
 * binary-search them. A lone surrogate counts as one unit and one code point.
 */
export class OffsetMap {
  /** UTF-16 index of the high surrogate of each pair, ascending. Empty on the fast path. */
  private readonly pairs: Int32Array;
  readonly utf16Length: number;
  readonly codePointLength: number;

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

  /** True when offsets are the same in both units. */
  get identity(): boolean {
    return this.pairs.length === 0;
  }

  /** UTF-16 offset -> code-point offset. An offset inside a pair counts the pair as before it. */
  toCodePoint(u16: number): number {
    const p = this.pairs;
    if (p.length === 0 || u16 <= p[0]) return u16;
    // number of pairs starting strictly before u16
    let lo = 0, hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] < u16) lo = mid + 1; else hi = mid;
    }
    return u16 - lo;
  }

  /** Code-point offset -> UTF-16 offset. */
  toUtf16(cp: number): number {
    const p = this.pairs;
    if (p.length === 0 || cp <= p[0]) return cp;
    // pair i starts at code point p[i] - i; count pairs whose code point start < cp
    let lo = 0, hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] - mid < cp) lo = mid + 1; else hi = mid;
    }
    return cp + lo;
  }
}
