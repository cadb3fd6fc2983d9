/**
 * A frozen copy of the sidecar writer as it was before the per-annotation block cache
 * (commit 290890e, `src/core/store/sidecar.ts` serialize and `yamlText.ts` scalar writing),
 * kept only so that the diff-stability test can check that the current writer produces
 * byte-identical text for the same model. Do not "fix" or update it: it is the reference.
 */
/* eslint-disable */
import { createHash } from 'node:crypto';
import type { Annotations, Entity, Quote, Span } from '../../../src/core/model';
import type { ItemExtras, ParsedSidecar, SidecarExtras } from '../../../src/core/store/sidecar';
import type { Trivia } from '../../../src/core/store/yamlText';

function articleSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The old OffsetMap's UTF-16 -> code point conversion (binary search over surrogate pairs). */
class OffsetMap {
  private readonly pairs: Int32Array;
  constructor(text: string) {
    const found: number[] = [];
    const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = re.exec(text); m; m = re.exec(text)) found.push(m.index);
    this.pairs = Int32Array.from(found);
  }
  get identity(): boolean { return this.pairs.length === 0; }
  toCodePoint(u16: number): number {
    const p = this.pairs;
    if (p.length === 0 || u16 <= p[0]) return u16;
    let lo = 0, hi = p.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (p[mid] < u16) lo = mid + 1; else hi = mid; }
    return u16 - lo;
  }
}

const CONTEXT_CHARS = 24;
function contextAt(text: string, start: number, end: number): { before: string; after: string } {
  let b = start - CONTEXT_CHARS;
  if (b <= 0) b = 0;
  else if (isLow(text.charCodeAt(b))) b++;
  let a = end + CONTEXT_CHARS;
  if (a >= text.length) a = text.length;
  else if (isLow(text.charCodeAt(a))) a--;
  return { before: text.slice(b, start), after: text.slice(end, a) };
}
function isLow(c: number): boolean { return c >= 0xdc00 && c <= 0xdfff; }

function emptyExtras(): SidecarExtras {
  return {
    topKeys: new Map(), topUnknown: [], sourceUnknown: [], articleUnknown: [],
    items: { speakers: new Map(), entities: new Map(), quotes: new Map() },
  };
}


const AMBIGUOUS_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?|<<|=)$/;
const UNSAFE_FIRST = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** True when `s` can be written as a plain scalar and read back as the same string. */
function isPlainSafe(s: string): boolean {
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
function quote(s: string): string {
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

function scalar(s: string): string {
  return isPlainSafe(s) ? s : quote(s);
}

/** Keys: plain when simple, else quoted. */
function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) && !AMBIGUOUS_PLAIN.test(k) ? k : quote(k);
}

function num(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return String(n);
}

/** Any JSON-like value as one-line flow YAML (used for unknown keys and small collections). */
function flow(v: unknown, depth = 0): string {
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


const TOP_ORDER = ['version', 'source', 'article', 'topics', 'speakers', 'entities', 'quotes'] as const;
const SPEAKER_KEYS = ['id', 'name', 'aliases', 'kind', 'role', 'attributes'];
const ENTITY_KEYS = ['id', 'type', 'start', 'end', 'text', 'role', 'speaker', 'origin', 'status', 'previousStatus'];
const QUOTE_KEYS = ['id', 'kind', 'start', 'end', 'text', 'speaker', 'source', 'cue', 'rule', 'confidence', 'topics', 'origin', 'status', 'previousStatus'];
/** Written by the store after the keys above (see context.ts); not a model field. */
const CONTEXT_KEY = 'context';
const SOURCE_KEYS = ['file', 'sha256'];
const ARTICLE_KEYS = ['date', 'title', 'outlet'];

interface SerializeOptions {
  /** sha256 of `text` when the caller already has it. */
  sha256?: string;
  /** Source file name to record (default: `ann.source.file`). */
  file?: string;
}

/**
 * Schema v1 text for `ann` whose offsets are UTF-16 into `text`. Stable key order, lists sorted
 * by position (speakers by id); speakers and entities are one-line flow mappings, quotes block
 * mappings (one key per line), so one change is a one-line diff. Comments, blank lines and
 * unknown keys from `previous` survive (items matched by id).
 */
export function legacySerialize(ann: Annotations, text: string, previous?: ParsedSidecar, options: SerializeOptions = {}): string {
  const map = new OffsetMap(text);
  const cp = map.identity ? (n: number) => n : (n: number) => map.toCodePoint(n);
  const ex = previous?.extras ?? emptyExtras();
  const out: string[] = [];
  const emitTrivia = (t: Trivia | undefined, indent: string) => {
    if (!t) return;
    if (t.blank) out.push('', '\n');
    if (t.before) for (const c of t.before) out.push(indent + '#' + c, '\n');
  };
  const after = (t: Trivia | undefined) => (t?.after !== undefined ? (t.pad ?? ' ') + '#' + t.after : '');
  const emitUnknownTop = (afterKey: string | null) => {
    for (const u of ex.topUnknown) {
      if (u.after !== afterKey) continue;
      const t = ex.topKeys.get(u.key);
      emitTrivia(t, '');
      out.push(key(u.key) + ': ' + flow(u.value) + after(t), '\n');
    }
  };

  const source = {
    file: options.file ?? ann.source?.file ?? '',
    sha256: options.sha256 ?? articleSha256(text),
  };
  emitUnknownTop(null);
  for (const k of TOP_ORDER) {
    const t = ex.topKeys.get(k);
    emitTrivia(t, '');
    switch (k) {
      case 'version':
        out.push('version: ' + ann.version + after(t), '\n');
        break;
      case 'source':
        out.push('source: ' + flowMap(SOURCE_KEYS, source, ex.sourceUnknown) + after(t), '\n');
        break;
      case 'article':
        if (ann.article && (Object.keys(ann.article).length > 0 || ex.articleUnknown.length > 0)) {
          out.push('article: ' + flowMap(ARTICLE_KEYS, ann.article as Record<string, unknown>, ex.articleUnknown) + after(t), '\n');
        } else if (t) out.push('article: {}' + after(t), '\n');
        break;
      case 'topics':
        out.push('topics: ' + flow(ann.topics) + after(t), '\n');
        break;
      case 'speakers': {
        const list = sortedBy(ann.speakers, (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        out.push('speakers:' + (list.length === 0 ? ' []' : '') + after(t), '\n');
        for (const s of list) emitItem(out, SPEAKER_KEYS, s as unknown as Record<string, unknown>, ex.items.speakers.get(s.id), true, (v) => v);
        break;
      }
      case 'entities': {
        const list = sortedBy(ann.entities, byPosition);
        out.push('entities:' + (list.length === 0 ? ' []' : '') + after(t), '\n');
        const items = ex.items.entities;
        for (const e of list) {
          const x = items.size === 0 ? undefined : items.get(e.id);
          if (x) emitItem(out, ENTITY_KEYS, e as unknown as Record<string, unknown>, x, true, cp, contextOf(e, text));
          else entityLine(out, e, cp, text);
        }
        break;
      }
      case 'quotes': {
        const list = sortedBy(ann.quotes, byPosition);
        out.push('quotes:' + (list.length === 0 ? ' []' : '') + after(t), '\n');
        const items = ex.items.quotes;
        for (const q of list) {
          const x = items.size === 0 ? undefined : items.get(q.id);
          if (x) emitItem(out, QUOTE_KEYS, q as unknown as Record<string, unknown>, x, false, cp, contextOf(q, text));
          else quoteBlock(out, q, cp, text);
        }
        break;
      }
    }
    emitUnknownTop(k);
  }
  for (const u of ex.topUnknown) {
    if (u.after !== null && !(TOP_ORDER as readonly string[]).includes(u.after)) {
      const t = ex.topKeys.get(u.key);
      emitTrivia(t, '');
      out.push(key(u.key) + ': ' + flow(u.value) + after(t), '\n');
    }
  }
  emitTrivia(ex.tail, '');
  return out.join('');
}

function byPosition(a: Span & { id: string }, b: Span & { id: string }): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sortedBy<T>(list: readonly T[], cmp: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < list.length; i++) if (cmp(list[i - 1], list[i]) > 0) return [...list].sort(cmp);
  return list;
}

function flowMap(keys: readonly string[], o: Record<string, unknown>, unknown: Array<[string, unknown]> = []): string {
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    s += (first ? '' : ', ') + k + ': ' + flow(v);
    first = false;
  }
  for (const [k, v] of unknown) {
    if (keys.includes(k)) continue;
    s += (first ? '' : ', ') + key(k) + ': ' + flow(v);
    first = false;
  }
  return s + '}';
}

function value(k: string, v: unknown, cp: (n: number) => number): string {
  switch (k) {
    case 'start': case 'end': return String(cp(v as number));
    case 'text': case 'id': case 'type': case 'kind': case 'origin': case 'status': case 'speaker': case 'rule': case 'name': case 'role': case 'previousStatus':
      return typeof v === 'string' ? scalar(v) : flow(v);
    case 'confidence': return typeof v === 'number' ? num(v) : flow(v);
    case 'source': case 'cue': {
      const s = v as Span;
      return '{start: ' + cp(s.start) + ', end: ' + cp(s.end) + ', text: ' + scalar(s.text) + '}';
    }
    default: return flow(v);
  }
}

/**
 * The written `{before: ..., after: ...}` of text[start, end), by position, for the last text
 * written: saving again without an edit of the article (the usual autosave after tagging)
 * reuses them. Any other text starts a new cache.
 */
let contextText: string | undefined;
const contextCache = new Map<number, string>();

/** `{before: ..., after: ...}` for a placed annotation; undefined for an orphaned one. */
function contextOf(a: Entity | Quote, text: string): string | undefined {
  if (a.status === 'orphaned' || a.start < 0 || a.end > text.length || a.start > a.end) return undefined;
  const big = text.length >= 67108864; // the key below is exact while end < 2^26
  if (!big && text !== contextText) { contextText = text; contextCache.clear(); }
  const k = a.start * 67108864 + a.end;
  let r = big ? undefined : contextCache.get(k);
  if (r === undefined) {
    const c = contextAt(text, a.start, a.end);
    r = ['{before: ', scalar(c.before), ', after: ', scalar(c.after), '}'].join(''); // flat: joined again on every save
    if (!big) contextCache.set(k, r);
  }
  return r;
}

const sv = (v: unknown): string => (typeof v === 'string' ? scalar(v) : flow(v));

/** scalar() of the few values repeated on every line (type, origin, status, kind, speaker, rule). */
const enumCache = new Map<string, string>();
const ev = (v: unknown): string => {
  if (typeof v !== 'string') return flow(v);
  let r = enumCache.get(v);
  if (r === undefined) {
    r = scalar(v);
    if (enumCache.size < 1024) enumCache.set(v, r);
  }
  return r;
};

/** `sep` and contextOf(a) as pieces of `out`; nothing for an orphaned annotation. */
function pushContext(out: string[], a: Entity | Quote, text: string, sep: string): void {
  const c = contextOf(a, text);
  if (c !== undefined) out.push(sep, c);
}

/** An id as written: the scalar() result, with the common `e12`/`q3` shape known safe at once. */
function idv(v: unknown): string {
  if (typeof v !== 'string') return flow(v);
  const n = v.length;
  if (n >= 2 && n <= 12) {
    const c = v.charCodeAt(0);
    // a letter other than those that start YAML words (null, true, yes, on, ...), then digits
    if (c >= 0x61 && c <= 0x7a && c !== 0x6e && c !== 0x74 && c !== 0x66 && c !== 0x79 && c !== 0x6f) {
      let i = 1;
      while (i < n) { const d = v.charCodeAt(i); if (d < 48 || d > 57) break; i++; }
      if (i === n) return v;
    }
  }
  return scalar(v);
}

/**
 * The common case of emitItem (an entity without comments or unknown keys), written as pieces
 * of `out` (joined once at the end: no intermediate line strings).
 */
function entityLine(out: string[], e: Entity, cp: (n: number) => number, text: string): void {
  out.push('  - {id: ', idv(e.id), ', type: ', ev(e.type), ', start: ', String(cp(e.start)), ', end: ', String(cp(e.end)), ', text: ', sv(e.text));
  if (e.role !== undefined) out.push(', role: ', sv(e.role));
  if (e.speaker !== undefined) out.push(', speaker: ', ev(e.speaker));
  out.push(', origin: ', ev(e.origin), ', status: ', ev(e.status));
  if (e.previousStatus !== undefined) out.push(', previousStatus: ', ev(e.previousStatus));
  pushContext(out, e, text, ', context: ');
  out.push('}\n');
}

/** `{start: 1, end: 2, text: ...}` of a quote's source or cue, as pieces. */
function pushSubSpan(out: string[], k: string, sp: Span, cp: (n: number) => number): void {
  out.push(k, '{start: ', String(cp(sp.start)), ', end: ', String(cp(sp.end)), ', text: ', scalar(sp.text), '}');
}

/** The common case of emitItem for a quote (block mapping, one key per line), as pieces. */
function quoteBlock(out: string[], q: Quote, cp: (n: number) => number, text: string): void {
  out.push('  - id: ', idv(q.id), '\n    kind: ', ev(q.kind), '\n    start: ', String(cp(q.start)), '\n    end: ', String(cp(q.end)), '\n    text: ', sv(q.text));
  if (q.speaker !== undefined) out.push('\n    speaker: ', ev(q.speaker));
  if (q.source !== undefined) pushSubSpan(out, '\n    source: ', q.source, cp);
  if (q.cue !== undefined) pushSubSpan(out, '\n    cue: ', q.cue, cp);
  if (q.rule !== undefined) out.push('\n    rule: ', ev(q.rule));
  if (q.confidence !== undefined) out.push('\n    confidence: ', value('confidence', q.confidence, cp));
  if (q.topics !== undefined) out.push('\n    topics: ', flow(q.topics));
  out.push('\n    origin: ', ev(q.origin), '\n    status: ', ev(q.status));
  if (q.previousStatus !== undefined) out.push('\n    previousStatus: ', ev(q.previousStatus));
  pushContext(out, q, text, '\n    context: ');
  out.push('\n');
}

function emitItem(out: string[], keys: readonly string[], o: Record<string, unknown>, ex: ItemExtras | undefined, flowDefault: boolean, cp: (n: number) => number, ctx?: string): void {
  const isFlow = ex ? ex.flow && !ex.keys : flowDefault;
  if (ex?.trivia) {
    if (ex.trivia.blank) out.push('', '\n');
    if (ex.trivia.before) for (const c of ex.trivia.before) out.push('  #' + c, '\n');
  }
  const trailing = ex?.trivia?.after !== undefined ? (ex.trivia.pad ?? ' ') + '#' + ex.trivia.after : '';
  if (isFlow) {
    let s = '  - {';
    let first = true;
    for (const k of keys) {
      const v = o[k];
      if (v === undefined) continue;
      s += (first ? '' : ', ') + k + ': ' + value(k, v, cp);
      first = false;
    }
    if (ctx !== undefined) { s += (first ? '' : ', ') + CONTEXT_KEY + ': ' + ctx; first = false; }
    if (ex?.unknown) for (const [k, v] of ex.unknown) { s += (first ? '' : ', ') + key(k) + ': ' + flow(v); first = false; }
    out.push(s + '}' + trailing, '\n');
    return;
  }
  let first = true;
  const line = (k: string, v: string) => {
    const t = ex?.keys?.get(k);
    if (t && !first) {
      if (t.blank) out.push('', '\n');
      if (t.before) for (const c of t.before) out.push('    #' + c, '\n');
    }
    let s = (first ? '  - ' : '    ') + k + ': ' + v;
    if (t?.after !== undefined) s += (t.pad ?? ' ') + '#' + t.after;
    else if (first && trailing) s += trailing;
    out.push(s, '\n');
    first = false;
  };
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    line(k, value(k, v, cp));
  }
  if (ctx !== undefined) line(CONTEXT_KEY, ctx);
  if (ex?.unknown) for (const [k, v] of ex.unknown) line(key(k), flow(v));
}

