/**
 * A small, fast YAML reader and writer for the layout the store writes (block mappings and
 * sequences, one-line flow collections, one-line scalars, comments). The general `yaml`
 * library reads about 1 MB/s, too slow for a 20,000-annotation sidecar; this reader handles
 * that layout at tens of MB/s and *bails out* (returns a reason) on anything it is not sure
 * about, so that the caller can fall back to the `yaml` library. It never guesses: what it
 * accepts, it reads exactly as the YAML 1.2 core schema would.
 */

// ---------------------------------------------------------------------------------------------
// Writing scalars

const AMBIGUOUS_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?|<<|=)$/;
/** Plain scalars that the YAML 1.2 core schema (the reader's) does not read as strings. */
const CORE_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const UNSAFE_FIRST = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** True when `s` can be written as a plain scalar and read back as the same string. */
export function isPlainSafe(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 200) return false;
  const last = s.charCodeAt(n - 1);
  if (last === 32 || last === 9 || last === 58) return false;
  if (UNSAFE_FIRST.test(s)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue; // a-z
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d ||
      c === 0x23 || c === 0x22 || c === 0x5c || c === 0x2028 || c === 0x2029 || c === 0xfeff) return false;
    if (c === 58 && s.charCodeAt(i + 1) === 32) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c >= 0xdc00 || i + 1 >= n) return false;
      const d = s.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
    }
  }
  if (s.length === 10 && /^\d{4}-\d\d-\d\d$/.test(s)) return true; // a string in YAML 1.2, as in the schema example
  return !mayBeAmbiguous(s) || !AMBIGUOUS_PLAIN.test(s);
}

/** Cheap pre-check: only these first characters can start a non-string plain scalar. */
function mayBeAmbiguous(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 60 || c === 61) return true;
  if (s.length > 5) return false;
  const l = c | 0x20; // lower case of a letter
  return l === 0x6e || l === 0x74 || l === 0x66 || l === 0x79 || l === 0x6f; // n t f y o
}

/** A double-quoted scalar on one line. */
export function quote(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      switch (c) {
        case 0x22: esc = '\\"'; break;
        case 0x5c: esc = '\\\\'; break;
        case 0x0a: esc = '\\n'; break;
        case 0x0d: esc = '\\r'; break;
        case 0x09: esc = '\\t'; break;
        case 0x00: esc = '\\0'; break;
        default: esc = '\\u' + c.toString(16).padStart(4, '0');
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) { i++; continue; }
      esc = '\\u' + c.toString(16);
    }
    if (esc !== undefined) {
      out += s.slice(from, i) + esc;
      from = i + 1;
    }
  }
  return out + s.slice(from) + '"';
}

export function scalar(s: string): string {
  return isPlainSafe(s) ? s : quote(s);
}

/** Keys: plain when simple, else quoted. */
export function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) && !AMBIGUOUS_PLAIN.test(k) ? k : quote(k);
}

export function num(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return String(n);
}

/** Any JSON-like value as one-line flow YAML (used for unknown keys and small collections). */
export function flow(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return scalar(v);
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (depth > 64) return 'null';
  if (Array.isArray(v)) return '[' + v.map((x) => flow(x, depth + 1)).join(', ') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) parts.push(key(k) + ': ' + flow(x, depth + 1));
    return '{' + parts.join(', ') + '}';
  }
  return quote(String(v));
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A comment attached to a place in the file; `text` is what followed the '#'. */
export interface Trivia {
  /** Whole-line comments just before this line (text after '#'). */
  before?: string[];
  /** A blank line came before (and before its comments). */
  blank?: boolean;
  /** The comment at the end of the line. */
  after?: string;
  /** The spaces before that comment's '#', when not one. */
  pad?: string;
}

/** Where a node of the parsed tree came from (offset into the source) and its comments. */
export interface NodeInfo {
  offset: number;
  /** For block maps: trivia per key. For a sequence item: see `items`. */
  keys?: Map<string, Trivia>;
  /** Trivia of this node's own line (sequence items and top-level values). */
  trivia?: Trivia;
  /** Written as a flow collection. */
  flow?: boolean;
  /**
   * For sequences: the source offset of each item, by index. Items read by the entity fast
   * path (`fastFlowItem`) have no NodeInfo of their own: they are flow mappings without
   * comments, and this is where their offset is kept.
   */
  items?: number[];
  /**
   * For sequences: true at the index of each item read by the quote fast path
   * (`fastBlockItem`): a block mapping without comments, which has no NodeInfo either.
   */
  blockItems?: boolean[];
  /**
   * For sequences: where each item read by a fast path in the writer's layout lies in the
   * source, SEED_STRIDE numbers per item index: the start of its first line, the end of its last
   * line with the newline, then the start and end of each offset's digits in the order written
   * (-1 past the last; all -1 for other items). A save copies such an item's text while nothing
   * in it changed (sidecar.ts, SeedList).
   */
  seeds?: Int32Array;
}

/** Numbers per item in NodeInfo.seeds: the item's range and up to six offsets' digits. */
export const SEED_STRIDE = 14;

export interface FastResult {
  value: unknown;
  /** Info for every map and sequence object in `value` that has anything to tell. */
  info: Map<object, NodeInfo>;
  /** Comments after the last content line. */
  tail?: Trivia;
  hasComments: boolean;
}

/**
 * Milliseconds of CPU time used by this process. Time limits count work done, not time spent
 * waiting for a busy machine: a valid sidecar is never refused because other programs were
 * running.
 */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export class Bail {
  constructor(readonly reason: string, readonly offset: number, readonly fatal = false) {}
}

const MAX_DEPTH = 40;
const INDICATOR_FIRST = new Uint8Array(128);
for (const ch of '?:,[]{}#&*!|>\'"%@`') INDICATOR_FIRST[ch.charCodeAt(0)] = 1;
const FLOW_CHARS = /[,[\]{}]/;
const KEY_FIRST = new Uint8Array(128);
const KEY_REST = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_]/.test(ch)) KEY_FIRST[c] = KEY_REST[c] = 1;
  else if (/[.\-/]/.test(ch)) KEY_REST[c] = 1;
}
/** Keys already checked against AMBIGUOUS_PLAIN (a file repeats the same few keys). */
const keyOk = new Map<string, boolean>();
function plainKeyOk(k: string): boolean {
  if (!mayBeAmbiguous(k)) return true;
  let ok = keyOk.get(k);
  if (ok === undefined) {
    ok = !AMBIGUOUS_PLAIN.test(k);
    if (keyOk.size < 4096) keyOk.set(k, ok);
  }
  return ok;
}

/** End of a plain key at `p` followed by ":" and a space or the line end (offset of the ":"), else -1. */
function simpleKeyEnd(src: string, p: number, end: number): number {
  const c = src.charCodeAt(p);
  if (c >= 128 || KEY_FIRST[c] !== 1) return -1;
  let j = p + 1;
  while (j < end) { const d = src.charCodeAt(j); if (d >= 128 || KEY_REST[d] !== 1) break; j++; }
  if (src.charCodeAt(j) !== 58) return -1;
  const n = src.charCodeAt(j + 1);
  return j + 1 === end || n === 32 ? j : -1;
}

/** The value of src[p, q) when it is a short run of decimal digits, else -1. */
export function digits(src: string, p: number, q: number): number {
  if (q === p) return -1;
  let n = 0;
  for (let i = p; i < q; i++) {
    const d = src.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
const PLAIN_KEY = /([A-Za-z0-9_][A-Za-z0-9_.\-/]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')[ \t]*:(?=[ \t\r\n]|$)/y;

/**
 * Read `src` in the store's layout. Throws `Bail` when the text needs the general parser (or,
 * with `fatal`, when it is certainly invalid, e.g. nested too deep). `deadline` is a
 * cpuNow() value after which it gives up. `seeds`: note where the items lie for the writer
 * (NodeInfo.seeds).
 */
export function fastRead(src: string, deadline = Infinity, seeds = true): FastResult {
  const info = new Map<object, NodeInfo>();
  let hasComments = false;
  // the content lines as parallel arrays (no object per line): column of the first content
  // character (may be advanced for a compact `- key: v`), offset of that character, offset of
  // the line end (before \r?\n), and the comments and blank lines before it; sized from the
  // length (a written line is rarely shorter than 32 characters) and doubled when that is short
  let cap = (src.length >> 5) + 64;
  let LI = new Int32Array(cap);
  let LS = new Int32Array(cap);
  let LE = new Int32Array(cap);
  const LT: Array<Trivia | undefined> = [];
  let nLines = 0;
  let pending: Trivia | undefined;
  let pos = 0;
  if (src.charCodeAt(0) === 0xfeff) pos = 1;
  let count = 0;
  // an item is kept as written only in a file of \n line ends (the writer writes those)
  let sawCR = false;
  while (pos < src.length) {
    if ((++count & 4095) === 0 && cpuNow() > deadline) throw new Bail('the file took too long to read', pos, true);
    let nl = src.indexOf('\n', pos);
    if (nl < 0) nl = src.length;
    let end = nl;
    if (end > pos && src.charCodeAt(end - 1) === 13) { end--; sawCR = true; }
    let i = pos;
    while (i < end && src.charCodeAt(i) === 32) i++;
    if (i < end && src.charCodeAt(i) === 9) throw new Bail('tab in indentation', i);
    if (i === end) {
      (pending ??= {}).blank = true;
    } else if (src.charCodeAt(i) === 35 /* # */) {
      hasComments = true;
      ((pending ??= {}).before ??= []).push(src.slice(i + 1, end));
    } else {
      const c = src.charCodeAt(i);
      if (i === pos && (src.startsWith('---', i) || src.startsWith('...', i) || c === 37 /* % */)) {
        throw new Bail('document markers or directives', i);
      }
      if (nLines === cap) {
        cap *= 2;
        const li2 = new Int32Array(cap), ls2 = new Int32Array(cap), le2 = new Int32Array(cap);
        li2.set(LI); ls2.set(LS); le2.set(LE);
        LI = li2; LS = ls2; LE = le2;
      }
      LI[nLines] = i - pos; LS[nLines] = i; LE[nLines] = end; LT.push(pending);
      nLines++;
      pending = undefined;
    }
    pos = nl + 1;
  }
  let li = 0;

  const node = (minIndent: number, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Bail(`nesting deeper than ${MAX_DEPTH} levels`, LS[li], true);
    const ln = li;
    if (LI[ln] < minIndent) throw new Bail('expected an indented value', LS[ln]);
    if (isSeqEntry(src, LS[ln], LE[ln])) return seq(LI[ln], depth);
    return map(LI[ln], depth);
  };

  /** The digits of the offsets the last fast item read (start, end pairs; see NodeInfo.seeds). */
  const numAt = new Int32Array(SEED_STRIDE - 2);
  let numCount = 0;
  const noteNum = (from: number, to: number): void => {
    if (numCount < numAt.length) { numAt[numCount++] = from; numAt[numCount++] = to; }
  };
  /**
   * Item `k` of a sequence was read by a fast path from lines first..last, its value at `p`.
   * Its text can be kept as the writer would write it only in the writer's layout: "  - " at the
   * start of the line, and each line ending in \n.
   */
  const seed = (inf: NodeInfo, k: number, first: number, last: number, p: number): void => {
    if (!seeds || sawCR || LI[first] !== 2 || p !== LS[first] + 2 || src.charCodeAt(LE[last]) !== 10) return;
    let out = inf.seeds;
    const at = k * SEED_STRIDE;
    if (out === undefined || out.length < at + SEED_STRIDE) {
      // sized for an item per 200 characters left (entity lines are about that long), doubled when short
      const grown = new Int32Array(Math.max(at + SEED_STRIDE, (out?.length ?? 0) * 2, ((src.length - p) / 200 | 0) * SEED_STRIDE)).fill(-1);
      if (out !== undefined) grown.set(out);
      inf.seeds = out = grown;
    }
    out[at] = LS[first] - 2;
    out[at + 1] = LE[last] + 1;
    for (let x = 0; x < numCount; x++) out[at + 2 + x] = numAt[x];
  };

  const seq = (indent: number, depth: number): unknown[] => {
    const out: unknown[] = [];
    const offsets: number[] = [];
    const inf: NodeInfo = { offset: LS[li], items: offsets };
    info.set(out, inf);
    while (li < nLines) {
      const ln = li;
      if (LI[ln] !== indent || !isSeqEntry(src, LS[ln], LE[ln])) {
        if (LI[ln] > indent) throw new Bail('unexpected indentation', LS[ln]);
        break;
      }
      let p = LS[ln] + 1;
      while (p < LE[ln] && src.charCodeAt(p) === 32) p++;
      if (p < LE[ln] && src.charCodeAt(p) === 9) throw new Bail('tab after "-"', p);
      const itemTrivia = LT[ln];
      offsets.push(p);
      if (itemTrivia === undefined && src.charCodeAt(p) === 123 && depth < MAX_DEPTH - 2) {
        numCount = 0;
        const o = fastFlowItem(p, LE[ln]);
        if (o !== undefined) { seed(inf, out.length, ln, ln, p); out.push(o); li++; continue; }
      }
      if (itemTrivia === undefined && hasAt(src, p, 'id: ') && depth < MAX_DEPTH - 2) {
        numCount = 0;
        const o = fastBlockItem(p, p - (LS[ln] - LI[ln]), depth + 1);
        if (o !== undefined) { (inf.blockItems ??= [])[out.length] = true; seed(inf, out.length, ln, li - 1, p); out.push(o); continue; }
      }
      if (p === LE[ln] || src.charCodeAt(p) === 35) {
        // "-" alone (maybe with a comment): the value is on the next lines
        if (p < LE[ln] || itemTrivia) throw new Bail('a comment around a "-" with its value on the next line', p);
        li++;
        if (li >= nLines || LI[li] <= indent) { out.push(null); continue; }
        out.push(node(indent + 1, depth + 1));
        continue;
      }
      if (isSeqEntry(src, p, LE[ln])) throw new Bail('nested compact sequence', p);
      PLAIN_KEY.lastIndex = p;
      if (PLAIN_KEY.test(src)) {
        // compact mapping: "- key: value" continues on lines indented to the key's column
        LI[ln] = p - (LS[ln] - LI[ln]);
        LS[ln] = p;
        LT[ln] = undefined;
        const m = map(LI[ln], depth + 1);
        const mi = info.get(m)!;
        mi.offset = LS[ln];
        if (itemTrivia) mi.trivia = itemTrivia;
        out.push(m);
        continue;
      }
      const value = inline(p, LE[ln], depth + 1);
      const comment = inlComment, pad = inlPad, isFlow = inlFlow;
      if (isFlow || itemTrivia || comment !== undefined) {
        const o = value as object;
        if (value !== null && typeof value === 'object') {
          const vi = info.get(o) ?? { offset: p };
          vi.flow = isFlow;
          if (itemTrivia || comment !== undefined) vi.trivia = withAfter(itemTrivia, comment, pad);
          info.set(o, vi);
        } else if (itemTrivia || comment !== undefined) {
          throw new Bail('comment on a scalar sequence item', p);
        }
      }
      out.push(value);
      li++;
    }
    return out;
  };

  const map = (indent: number, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    let keys: Map<string, Trivia> | undefined;
    const inf: NodeInfo = { offset: LS[li] };
    info.set(out, inf);
    while (li < nLines) {
      const ln = li;
      if (LI[ln] !== indent) {
        if (LI[ln] > indent) throw new Bail('unexpected indentation', LS[ln]);
        break;
      }
      if (isSeqEntry(src, LS[ln], LE[ln])) break; // a sequence at the parent's level
      let k: string;
      let keyEnd: number;
      const simple = simpleKeyEnd(src, LS[ln], LE[ln]);
      if (simple >= 0) {
        k = src.slice(LS[ln], simple);
        if (!plainKeyOk(k)) throw new Bail('a key that is not a plain string', LS[ln]);
        keyEnd = simple + 1;
      } else {
        PLAIN_KEY.lastIndex = LS[ln];
        const m = PLAIN_KEY.exec(src);
        if (!m) throw new Bail('not a "key: value" line', LS[ln]);
        k = readKey(m[1], LS[ln]);
        keyEnd = LS[ln] + m[0].length;
      }
      if (Object.prototype.hasOwnProperty.call(out, k)) throw new Bail(`duplicate key "${k}"`, LS[ln]);
      let p = keyEnd;
      while (p < LE[ln] && src.charCodeAt(p) === 32) p++;
      const t: Trivia | undefined = LT[ln] ? { ...LT[ln] } : undefined;
      if (p === LE[ln] || src.charCodeAt(p) === 35) {
        let after: string | undefined;
        if (p < LE[ln]) after = src.slice(p + 1, LE[ln]);
        const pad = p < LE[ln] && p - keyEnd !== 1 ? src.slice(keyEnd, p) : undefined;
        li++;
        let v: unknown = null;
        // a block value follows: more indented, or a sequence at the same indent
        if (li < nLines && (LI[li] > indent || (LI[li] === indent && isSeqEntry(src, LS[li], LE[li])))) {
          v = node(indent, depth + 1);
        }
        if (t || after !== undefined) (keys ??= new Map()).set(k, withAfter(t, after, pad));
        defineKey(out, k, v);
        continue;
      }
      if (src.charCodeAt(p) === 9) throw new Bail('tab after ":"', p);
      const value = inline(p, LE[ln], depth + 1);
      const comment = inlComment, pad = inlPad;
      if (t || comment !== undefined) (keys ??= new Map()).set(k, withAfter(t, comment, pad));
      defineKey(out, k, value);
      li++;
    }
    if (keys !== undefined) inf.keys = keys;
    return out;
  };

  const readKey = (raw: string, at: number): string => {
    const c = raw.charCodeAt(0);
    if (c === 34) return readDouble(raw, 0, raw.length, at);
    if (c === 39) return raw.slice(1, -1).replace(/''/g, "'");
    if (AMBIGUOUS_PLAIN.test(raw)) throw new Bail('a key that is not a plain string', at);
    return raw;
  };

  /** Where the last readDouble, readSingle or flowValue stopped (saves a result object per value). */
  let rNext = 0;
  const readDouble = (s: string, p: number, end: number, at: number): string => {
    let out = '';
    let i = p + 1;
    let from = i;
    for (; i < end; i++) {
      i = nextStop(DOUBLE_STOP, s, i, end); // the next '"' or '\\'
      if (i >= end) break;
      const c = s.charCodeAt(i);
      if (c === 34) {
        out += s.slice(from, i);
        rNext = i + 1;
        return out;
      }
      if (c === 92) {
        out += s.slice(from, i);
        const e = s[i + 1];
        let adv = 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': case '\t': out += '\t'; break;
          case 'r': out += '\r'; break;
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case '0': out += '\0'; break;
          case ' ': out += ' '; break;
          case 'a': out += '\x07'; break;
          case 'b': out += '\b'; break;
          case 'e': out += '\x1b'; break;
          case 'f': out += '\f'; break;
          case 'v': out += '\v'; break;
          case 'N': out += '\x85'; break;
          case '_': out += '\xa0'; break;
          case 'L': out += '\u2028'; break;
          case 'P': out += '\u2029'; break;
          case 'x': case 'u': case 'U': {
            const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = s.slice(i + 2, i + 2 + n);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Bail('bad escape', at);
            out += String.fromCodePoint(parseInt(hex, 16));
            adv = 2 + n;
            break;
          }
          default: throw new Bail('bad escape or a multi-line string', at);
        }
        i += adv - 1;
        from = i + 1;
      }
    }
    throw new Bail('a quoted string that continues on the next line', at);
  };

  /** A value on the rest of a line: scalar or flow collection, then an optional comment. */
  /** The comment (and its padding) and flow flag of the last inline() value. */
  let inlComment: string | undefined;
  let inlPad: string | undefined;
  let inlFlow = false;
  /** A value on the rest of a line: scalar or flow collection, then an optional comment. */
  const inline = (p: number, end: number, depth: number): unknown => {
    const c = src.charCodeAt(p);
    let value: unknown;
    let next: number;
    inlComment = inlPad = undefined;
    inlFlow = false;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      value = flowValue(p, end, depth); next = rNext; inlFlow = true;
    } else if (c === 34) {
      value = readDouble(src, p, end, p); next = rNext;
    } else if (c === 39) {
      value = readSingle(p, end); next = rNext;
    } else {
      // plain scalar up to " #" or end of line
      let e = end;
      for (let j = p; j + 1 < end; j++) if (src.charCodeAt(j) === 32 && src.charCodeAt(j + 1) === 35) { e = j; break; }
      let q = e;
      while (q > p && (src.charCodeAt(q - 1) === 32)) q--;
      const n = q - p <= 15 ? digits(src, p, q) : -1;
      value = n >= 0 ? n : plain(src.slice(p, q), p, false);
      if (e < end) { inlComment = src.slice(e + 2, end); inlPad = src.slice(q, e + 1); }
      return value;
    }
    const vEnd = next;
    while (next < end && src.charCodeAt(next) === 32) next++;
    if (next === end) return value;
    if (src.charCodeAt(next) === 35 && src.charCodeAt(next - 1) === 32) { inlComment = src.slice(next + 1, end); inlPad = src.slice(vEnd, next); return value; }
    throw new Bail('unexpected text after a value', next);
  };

  const readSingle = (p: number, end: number): string => {
    let i = p + 1;
    let out = '';
    for (;;) {
      const q0 = src.slice(i, end).indexOf("'");
      const q = q0 < 0 ? -1 : i + q0;
      if (q < 0) throw new Bail('a quoted string that continues on the next line', p);
      out += src.slice(i, q);
      if (src.charCodeAt(q + 1) === 39) { out += "'"; i = q + 2; continue; }
      rNext = q + 1;
      return out;
    }
  };

  /**
   * `clean`: the caller saw no ':' or tab in `raw` (and, in a flow collection, none of
   * ',[]{}'), so the ambiguity checks below cannot fail and are skipped.
   */
  const plain = (raw: string, at: number, inFlow: boolean, clean = false): unknown => {
    if (raw.length === 0) return null;
    if (INDICATOR_FIRST[raw.charCodeAt(0)] === 1 || (raw.charCodeAt(0) === 45 && (raw.length === 1 || raw.charCodeAt(1) === 32))) {
      throw new Bail('a value starting with an indicator', at);
    }
    if (!clean && (raw.charCodeAt(raw.length - 1) === 58 || raw.includes(': ') || raw.includes('\t') || (inFlow && FLOW_CHARS.test(raw)))) {
      throw new Bail('an ambiguous plain value', at);
    }
    if (raw.length <= 40 && mayBeAmbiguous(raw) && CORE_NON_STRING.test(raw)) {
      if (/^[-+]?[0-9]+$/.test(raw)) return Number(raw);
      if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(raw)) return Number(raw);
      throw new Bail('a value the general parser must resolve', at);
    }
    return raw;
  };

  /**
   * The entity line the writer produces, `{id: e1, type: person, start: 245, end: 252, text: ...,
   * origin: auto, status: suggested, context: {before: ..., after: ...}}` (optional keys in
   * their written order), read straight into a plain object: no intermediate results, no
   * NodeInfo, no key strings. Values are read by the same rules as `flowValue` (`plain`,
   * `readDouble`), so the result is identical. Anything else (another key or order, a comment,
   * a nested collection, single quotes) returns undefined and the caller reads the line with
   * the general reader.
   */
  const fastFlowItem = (p: number, end: number): Record<string, unknown> | undefined => {
    // the values, by key slot (see FAST_NAMES); the object is built once at the end, in the
    // written key order, with the keys present (a value read is never undefined)
    let id: unknown, type: unknown, start: unknown, endV: unknown, text: unknown, role: unknown, speaker: unknown;
    let origin: unknown, status: unknown, prev: unknown, context: unknown;
    let i = p + 1;
    let k = 0;
    for (;;) {
      // the next expected key (optional ones may be skipped): its first character, then the rest
      const c0 = src.charCodeAt(i);
      let slot = -1;
      while (k < FAST_KEYS.length) {
        const s = k++;
        if (c0 === FAST_FIRST[s] && hasAt(src, i, FAST_KEYS[s])) { slot = s; break; }
        if (FAST_REQUIRED[s]) return undefined;
      }
      if (slot < 0) return undefined;
      i += FAST_KEYS[slot].length;
      if (slot === CONTEXT_SLOT) {
        if (src.charCodeAt(i) !== 123 || !hasAt(src, i + 1, 'before: ')) return undefined;
        const b = fastScalar(i + 9, end);
        if (b === undefined || !hasAt(src, fastNext, ', after: ')) return undefined;
        const a = fastScalar(fastNext + 9, end);
        if (a === undefined || src.charCodeAt(fastNext) !== 125) return undefined;
        context = { before: b, after: a };
        i = fastNext + 1;
      } else {
        const v = fastScalar(i, end, slot);
        if (v === undefined) return undefined;
        if ((slot === 2 || slot === 3) && typeof v === 'number') noteNum(i, fastNext);
        switch (slot) {
          case 0: id = v; break;
          case 1: type = v; break;
          case 2: start = v; break;
          case 3: endV = v; break;
          case 4: text = v; break;
          case 5: role = v; break;
          case 6: speaker = v; break;
          case 7: origin = v; break;
          case 8: status = v; break;
          default: prev = v;
        }
        i = fastNext;
      }
      const d = src.charCodeAt(i);
      if (d === 44 && src.charCodeAt(i + 1) === 32) { i += 2; continue; }
      if (d !== 125) return undefined;
      i++;
      while (i < end && src.charCodeAt(i) === 32) i++;
      if (i !== end) return undefined;
      // the usual line as one literal (its keys in place: no property store added per key)
      if (role === undefined && speaker === undefined && prev === undefined && origin !== undefined && status !== undefined && context !== undefined) {
        return { id, type, start, end: endV, text, origin, status, context };
      }
      const o: Record<string, unknown> = { id, type, start, end: endV, text };
      if (role !== undefined) o.role = role;
      if (speaker !== undefined) o.speaker = speaker;
      if (origin !== undefined) o.origin = origin;
      if (status !== undefined) o.status = status;
      if (prev !== undefined) o.previousStatus = prev;
      if (context !== undefined) o.context = context;
      return o;
    }
  };
  /** Where fastScalar stopped (the ',' or '}' after the value). */
  let fastNext = 0;
  /** One scalar in a flow mapping, read as flowValue reads it; undefined: not the simple case. */
  const fastScalar = (i: number, end: number, slot = -1): unknown => {
    const c = src.charCodeAt(i);
    if (c === 34) {
      const v = readDouble(src, i, end, i);
      fastNext = rNext;
      const d = src.charCodeAt(fastNext);
      return d === 44 || d === 125 ? v : undefined;
    }
    if (c === 123 || c === 91 || c === 39 || c === 32) return undefined;
    let j = i;
    let n = 0;
    // leading digits (an offset is only these); a number when nothing else follows
    while (j < end) { const d = src.charCodeAt(j) - 48; if (d < 0 || d > 9) break; n = n * 10 + d; j++; }
    const digitsEnd = j;
    let odd = false;
    // the rest up to ',', ']' or '}' (see SCAN)
    while (j < end) {
      j = nextStop(FLOW_STOP, src, j, end);
      if (j >= end) break;
      const k = SCAN[src.charCodeAt(j)];
      if (k === 1) break;
      if (k === 2) return undefined;
      odd = true;
      j++;
    }
    const isNum = j === digitsEnd && j - i <= 15;
    if (j === end || src.charCodeAt(j) === 93) return undefined;
    fastNext = j;
    if (isNum && j > i) return n;
    let q = j;
    while (q > i && src.charCodeAt(q - 1) === 32) q--;
    if (slot >= 0) {
      const r = recentPlain(slot, i, q);
      if (r !== undefined) return r;
    }
    const v = plain(src.slice(i, q), i, true, !odd);
    if (slot >= 0 && typeof v === 'string') recent[slot] = v;
    return v === null ? undefined : v;
  };
  /**
   * The plain string last read for a key (`slot`) when src[i, q) is the same text: `plain` gave
   * it for these very characters. Keys such as type, origin and status repeat a few values on
   * every line, and one shared string for each saves the slicing, the checks and the memory.
   */
  const recent: Array<string | undefined> = [];
  const recentPlain = (slot: number, i: number, q: number): string | undefined => {
    const r = recent[slot];
    if (r === undefined || r.length !== q - i) return undefined;
    for (let x = 0; x < r.length; x++) if (src.charCodeAt(i + x) !== r.charCodeAt(x)) return undefined;
    return r;
  };

  /**
   * The quote block the writer produces, `- id: q1` then one `key: value` line per key at the
   * column of `id` (optional keys in their written order; see BLOCK_NAMES), read straight into
   * a plain object: no NodeInfo, no key strings, no per-line results. Values are read by the
   * same rules as the general reader (`plain`, `digits`, `readDouble`; the flow values
   * `source`, `cue` and `context` as `fastFlowItem` reads them, `topics` by `flowValue`), so
   * the result is identical. Anything else (a comment or blank line inside, another key or
   * order, extra spaces, single quotes, a value on the next line) returns undefined with `li`
   * unchanged, and the caller reads the block with the general reader. On success `li` is the
   * line after the block.
   */
  const fastBlockItem = (p: number, col: number, depth: number): Record<string, unknown> | undefined => {
    // the values by key slot (see BLOCK_NAMES); the object is built once at the end
    const bv = blockValues;
    bv.fill(undefined);
    let j = li;
    let at = p;
    let end = LE[j];
    let k = 0;
    for (;;) {
      let name: string | undefined;
      const c0 = src.charCodeAt(at);
      while (k < BLOCK_KEYS.length) {
        const s = k++;
        if (c0 === BLOCK_FIRST[s] && hasAt(src, at, BLOCK_KEYS[s])) { name = BLOCK_NAMES[s]; break; }
        if (BLOCK_REQUIRED[s]) return undefined;
      }
      if (name === undefined) return undefined;
      const i = at + name.length + 2;
      if (i >= end) return undefined;
      const c = src.charCodeAt(i);
      let v: unknown;
      if (name === 'source' || name === 'cue') {
        if (c !== 123 || !hasAt(src, i + 1, 'start: ')) return undefined;
        const s0 = fastScalar(i + 8, end);
        if (s0 === undefined || !hasAt(src, fastNext, ', end: ')) return undefined;
        if (typeof s0 === 'number') noteNum(i + 8, fastNext);
        const e0At = fastNext + 7;
        const e0 = fastScalar(e0At, end);
        if (e0 === undefined || !hasAt(src, fastNext, ', text: ')) return undefined;
        if (typeof e0 === 'number') noteNum(e0At, fastNext);
        const t0 = fastScalar(fastNext + 8, end);
        if (t0 === undefined || src.charCodeAt(fastNext) !== 125 || fastNext + 1 !== end) return undefined;
        v = { start: s0, end: e0, text: t0 };
      } else if (name === 'context') {
        if (c !== 123 || !hasAt(src, i + 1, 'before: ')) return undefined;
        const b = fastScalar(i + 9, end);
        if (b === undefined || !hasAt(src, fastNext, ', after: ')) return undefined;
        const a = fastScalar(fastNext + 9, end);
        if (a === undefined || src.charCodeAt(fastNext) !== 125 || fastNext + 1 !== end) return undefined;
        v = { before: b, after: a };
      } else if (c === 91 /* [ */) {
        if (name !== 'topics') return undefined;
        v = flowValue(i, end, depth + 1);
        if (rNext !== end) return undefined;
      } else if (c === 34 /* " */) {
        v = readDouble(src, i, end, i);
        if (rNext !== end) return undefined;
      } else {
        // a plain scalar filling the rest of the line, as inline() reads it: no comment, no
        // trailing space, no indicator first
        if (c === 123 || c === 39 || c === 32 || c === 9 || c === 35) return undefined;
        if (src.charCodeAt(end - 1) === 32) return undefined;
        let odd = c === 58;
        for (let q = i + 1; q < end; q++) {
          q = nextStop(PLAIN_STOP, src, q, end);
          if (q >= end) break;
          if (src.charCodeAt(q) === 35) { if (src.charCodeAt(q - 1) === 32) return undefined; }
          else odd = true;
        }
        const n = end - i <= 15 ? digits(src, i, end) : -1;
        if (n >= 0) {
          v = n;
          if (k === 3 || k === 4) noteNum(i, end); // start, end
        } else {
          // slots after fastFlowItem's (see recentPlain): read outside a flow collection
          const slot = FAST_NAMES.length + k - 1;
          v = recentPlain(slot, i, end);
          if (v === undefined) {
            v = plain(src.slice(i, end), i, false, !odd);
            if (typeof v === 'string') recent[slot] = v;
          }
        }
      }
      bv[k - 1] = v;
      j++;
      if (j >= nLines) break;
      const next = j;
      if (LI[next] < col) break;
      if (LI[next] > col || LT[next] !== undefined) return undefined;
      at = LS[next];
      end = LE[next];
    }
    while (k < BLOCK_KEYS.length) if (BLOCK_REQUIRED[k++]) return undefined;
    li = j;
    // in the written key order, with the keys present (a value read is never undefined)
    if (bv[5] !== undefined && bv[6] !== undefined && bv[7] !== undefined && bv[8] !== undefined && bv[9] !== undefined &&
      bv[10] === undefined && bv[13] === undefined && bv[14] !== undefined) {
      // the usual block as one literal (its keys in place: no property store added per key)
      const full = { id: bv[0], kind: bv[1], start: bv[2], end: bv[3], text: bv[4], speaker: bv[5], source: bv[6], cue: bv[7], rule: bv[8], confidence: bv[9], origin: bv[11], status: bv[12], context: bv[14] };
      bv.fill(undefined);
      return full;
    }
    const o: Record<string, unknown> = { id: bv[0], kind: bv[1], start: bv[2], end: bv[3], text: bv[4] };
    if (bv[5] !== undefined) o.speaker = bv[5];
    if (bv[6] !== undefined) o.source = bv[6];
    if (bv[7] !== undefined) o.cue = bv[7];
    if (bv[8] !== undefined) o.rule = bv[8];
    if (bv[9] !== undefined) o.confidence = bv[9];
    if (bv[10] !== undefined) o.topics = bv[10];
    o.origin = bv[11];
    o.status = bv[12];
    if (bv[13] !== undefined) o.previousStatus = bv[13];
    if (bv[14] !== undefined) o.context = bv[14];
    bv.fill(undefined);
    return o;
  };
  const blockValues: unknown[] = new Array<unknown>(BLOCK_NAMES.length).fill(undefined);

  const flowValue = (p: number, end: number, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Bail(`nesting deeper than ${MAX_DEPTH} levels`, p, true);
    const isMap = src.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const arr: unknown[] | undefined = isMap ? undefined : [];
    const obj: Record<string, unknown> | undefined = isMap ? {} : undefined;
    let i = p + 1;
    while (i < end && src.charCodeAt(i) === 32) i++;
    if (src.charCodeAt(i) === close) { rNext = i + 1; return isMap ? obj : arr; }
    for (;;) {
      while (i < end && src.charCodeAt(i) === 32) i++;
      if (i >= end) throw new Bail('a flow collection that continues on the next line', p);
      let k: string | undefined;
      if (isMap) {
        const c = src.charCodeAt(i);
        let kEnd: number;
        if (c === 34) { k = readDouble(src, i, end, i); kEnd = rNext; }
        else if (c === 39) { k = readSingle(i, end); kEnd = rNext; }
        else {
          let j = i;
          if (c < 128 && KEY_FIRST[c] === 1) { j++; while (j < end) { const d = src.charCodeAt(j); if (d >= 128 || KEY_REST[d] !== 1) break; j++; } }
          if (j === i) throw new Bail('an unusual key in a flow mapping', i);
          k = src.slice(i, j);
          if (!plainKeyOk(k)) throw new Bail('a key that is not a plain string', i);
          kEnd = j;
        }
        if (src.charCodeAt(kEnd) !== 58 || (src.charCodeAt(kEnd + 1) !== 32 && src.charCodeAt(kEnd + 1) !== 34 && c !== 34 && c !== 39)) {
          throw new Bail('a flow mapping entry without ": "', kEnd);
        }
        if (Object.prototype.hasOwnProperty.call(obj!, k)) throw new Bail(`duplicate key "${k}"`, i);
        i = kEnd + 1;
        while (i < end && src.charCodeAt(i) === 32) i++;
      }
      let v: unknown;
      const c = src.charCodeAt(i);
      if (c === 123 || c === 91) { v = flowValue(i, end, depth + 1); i = rNext; }
      else if (c === 34) { v = readDouble(src, i, end, i); i = rNext; }
      else if (c === 39) { v = readSingle(i, end); i = rNext; }
      else {
        let j = i;
        while (j < end) {
          const d = src.charCodeAt(j);
          if (d === 44 || d === 93 || d === 125) break;
          if (d === 35 && src.charCodeAt(j - 1) === 32) throw new Bail('a comment inside a flow collection', j);
          j++;
        }
        let q = j;
        while (q > i && src.charCodeAt(q - 1) === 32) q--;
        const n = q - i <= 15 ? digits(src, i, q) : -1;
        if (n >= 0) v = n;
        else {
          v = plain(src.slice(i, q), i, true);
          if (v === null) throw new Bail('an empty value in a flow collection', i);
        }
        i = j;
      }
      if (isMap) defineKey(obj!, k!, v); else arr!.push(v);
      while (i < end && src.charCodeAt(i) === 32) i++;
      const d = src.charCodeAt(i);
      if (d === 44) { i++; while (i < end && src.charCodeAt(i) === 32) i++; if (src.charCodeAt(i) === close) throw new Bail('a trailing comma', i); continue; }
      if (d === close) { rNext = i + 1; return isMap ? obj : arr; }
      throw new Bail('an unexpected character in a flow collection', i);
    }
  };

  let value: unknown = null;
  if (nLines > 0) {
    if (LI[0] !== 0) throw new Bail('the document does not start at column 1', LS[0]);
    value = node(0, 0);
    if (li < nLines) throw new Bail('text after the end of the document', LS[li]);
  }
  return { value, info, tail: pending, hasComments };
}

/** The entity keys in the order the writer writes them (see fastFlowItem), with ': '. */
const FAST_NAMES = ['id', 'type', 'start', 'end', 'text', 'role', 'speaker', 'origin', 'status', 'previousStatus', 'context'];
const FAST_KEYS = FAST_NAMES.map((k) => k + ': ');
const FAST_REQUIRED = FAST_NAMES.map((k) => ['id', 'type', 'start', 'end', 'text'].includes(k));
const FAST_FIRST = FAST_NAMES.map((k) => k.charCodeAt(0));
const CONTEXT_SLOT = FAST_NAMES.indexOf('context');

/** The quote keys in the order the writer writes them (see fastBlockItem), with ': '. */
const BLOCK_NAMES = ['id', 'kind', 'start', 'end', 'text', 'speaker', 'source', 'cue', 'rule', 'confidence', 'topics', 'origin', 'status', 'previousStatus', 'context'];
const BLOCK_KEYS = BLOCK_NAMES.map((k) => k + ': ');
const BLOCK_REQUIRED = BLOCK_NAMES.map((k) => ['id', 'kind', 'start', 'end', 'text', 'origin', 'status'].includes(k));
const BLOCK_FIRST = BLOCK_NAMES.map((k) => k.charCodeAt(0));
// fastBlockItem builds its object from these slots by number
if (BLOCK_NAMES.join() !== 'id,kind,start,end,text,speaker,source,cue,rule,confidence,topics,origin,status,previousStatus,context') throw new Error('BLOCK_NAMES changed');

/** What ends a run of plain characters inside a double-quoted string (see readDouble). */
const DOUBLE_STOP = /["\\\n]/g;
/** The characters of SCAN, and a line end (see fastScalar). */
const FLOW_STOP = /[\t#,:[\]{}\n]/g;
/** What matters in a plain value filling a line (see fastBlockItem). */
const PLAIN_STOP = /[\t#:\n]/g;

/**
 * Where the first character of `stop` (a /g regex) at or after `from` lies in `s`, or `end` when
 * there is none before `end`: found by the regex engine, native code from its first runs, where a
 * loop over the characters runs in the interpreter until V8 optimizes it.
 */
function nextStop(stop: RegExp, s: string, from: number, end: number): number {
  stop.lastIndex = from;
  if (!stop.test(s)) return end;
  return Math.min(stop.lastIndex - 1, end);
}

/** fastScalar's classes of ASCII characters: 1 ends the value (`,` `]` `}`), 2 a comment may start (`#`), 3 needs plain()'s checks (tab `:` `[` `{`). */
const SCAN = new Uint8Array(128);
SCAN[44] = SCAN[93] = SCAN[125] = 1;
SCAN[35] = 2;
SCAN[9] = SCAN[58] = SCAN[91] = SCAN[123] = 3;

/** src.startsWith(s, i) for the short constant strings of the layout, without a builtin call. */
function hasAt(src: string, i: number, s: string): boolean {
  const n = s.length;
  for (let x = 0; x < n; x++) if (src.charCodeAt(i + x) !== s.charCodeAt(x)) return false;
  return true;
}

function isSeqEntry(src: string, p: number, end: number): boolean {
  return src.charCodeAt(p) === 45 && (p + 1 === end || src.charCodeAt(p + 1) === 32 || src.charCodeAt(p + 1) === 9);
}

function withAfter(t: Trivia | undefined, after: string | undefined, pad: string | undefined): Trivia {
  const r: Trivia = { ...t };
  if (after !== undefined) r.after = after;
  if (pad !== undefined && pad !== ' ') r.pad = pad;
  return r;
}

function defineKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
