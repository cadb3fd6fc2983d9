/**
 * Reading and writing the sidecar YAML (schema v1, see issue 3) with offsets converted at the
 * boundary: the file stores Unicode code points, memory holds UTF-16 offsets.
 *
 * Speed: the `yaml` library reads about 1 MB/s, so a 20,000-annotation sidecar (about 3 MB)
 * would take seconds. The store therefore writes text directly with a careful writer and reads
 * its own layout (plus comments and unknown keys a person added) with a small exact reader
 * (`yamlText.ts`); anything else falls back to the `yaml` Document API, which is limited to
 * SLOW_PATH_MAX_CHARS so that parsing always gives up within a second. Entity lines exactly in
 * the written layout are read without intermediate results (yamlText's fastFlowItem); the
 * writer pushes pieces of lines into one array joined once.
 */
import * as YAML from 'yaml';
import type { Annotations, Entity, Quote, Speaker, Span, Status } from '../model';
import { OffsetMap, textDiff } from './offsets';
import { CONTEXT_CHARS, contextAt, sameContextAt, storedContext, type AnchorContext } from './context';
import { articleSha256 } from './hash';
import { Bail, cpuNow, digits, fastRead, flow, key as yKey, num, scalar, SEED_STRIDE, type NodeInfo, type Trivia } from './yamlText';

export const SUPPORTED_VERSION = 1;
/** Files larger than this are refused without reading (about 200,000 annotations). */
export const MAX_SIDECAR_CHARS = 32 * 1024 * 1024;
/** Files that need the general YAML parser are limited to this size (it reads ~1 MB/s). */
export const SLOW_PATH_MAX_CHARS = 512 * 1024;
export const PARSE_TIME_LIMIT_MS = 1000;
const MAX_DIAGNOSTICS = 200;

export interface SidecarDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

/** Comments and unknown keys of one speaker, entity or quote, carried into the next write. */
export interface ItemExtras {
  trivia?: Trivia;
  /** Written as a one-line flow mapping (else block style). */
  flow: boolean;
  keys?: Map<string, Trivia>;
  unknown?: Array<[string, unknown]>;
}

/** Everything a person added that the model does not hold; see `serialize(..., previous)`. */
export interface SidecarExtras {
  topKeys: Map<string, Trivia>;
  /** Unknown top-level keys, with the known key they followed (null: at the start). */
  topUnknown: Array<{ key: string; value: unknown; after: string | null }>;
  sourceUnknown: Array<[string, unknown]>;
  articleUnknown: Array<[string, unknown]>;
  items: { speakers: Map<string, ItemExtras>; entities: Map<string, ItemExtras>; quotes: Map<string, ItemExtras> };
  tail?: Trivia;
}

export interface ParsedSidecar {
  annotations: Annotations;
  diagnostics: SidecarDiagnostic[];
  /** No error diagnostics: the file may be rewritten. */
  ok: boolean;
  /** The file's version is newer than this extension supports: show it, never write it. */
  readOnly: boolean;
  readOnlyMessage?: string;
  /** Offsets in `annotations`: UTF-16 when the article text was given, else code points. */
  offsets: 'utf16' | 'codepoints';
  /** The article text was given and its sha256 differs from `source.sha256`: re-anchor. */
  stale: boolean;
  extras: SidecarExtras;
}

export function emptyExtras(): SidecarExtras {
  return {
    topKeys: new Map(), topUnknown: [], sourceUnknown: [], articleUnknown: [],
    items: { speakers: new Map(), entities: new Map(), quotes: new Map() },
  };
}

// ---------------------------------------------------------------------------------------------
// Paths

/**
 * `story.txt` -> `story.annotations.yaml`, `dir/a.b.md` -> `dir/a.b.annotations.yaml`,
 * `.hidden` -> `.hidden.annotations.yaml`. Works on '/' paths and URI paths (POSIX logic only;
 * a query or fragment is not expected).
 */
export function sidecarPathFor(articlePath: string): string {
  const slash = articlePath.lastIndexOf('/');
  const dir = articlePath.slice(0, slash + 1);
  const base = articlePath.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return dir + stem + '.annotations.yaml';
}

// ---------------------------------------------------------------------------------------------
// Writing

const TOP_ORDER = ['version', 'source', 'article', 'topics', 'speakers', 'entities', 'quotes'] as const;
const SPEAKER_KEYS = ['id', 'name', 'aliases', 'kind', 'role', 'attributes'];
const ENTITY_KEYS = ['id', 'type', 'start', 'end', 'text', 'role', 'speaker', 'origin', 'status', 'previousStatus'];
const QUOTE_KEYS = ['id', 'kind', 'start', 'end', 'text', 'speaker', 'source', 'cue', 'rule', 'confidence', 'topics', 'origin', 'status', 'previousStatus'];
/** Written by the store after the keys above (see context.ts); not a model field. */
const CONTEXT_KEY = 'context';
const SOURCE_KEYS = ['file', 'sha256'];
const ARTICLE_KEYS = ['date', 'title', 'outlet'];

export interface SerializeOptions {
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
export function serialize(ann: Annotations, text: string, previous?: ParsedSidecar, options: SerializeOptions = {}): string {
  noteText(text);
  // the items read and not changed since are copied from the source (see SeedList)
  const seeds = previous === undefined ? undefined : seedsOf.get(previous);
  runFrom = runTo = 0;
  const map = OffsetMap.of(text);
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
      out.push(yKey(u.key) + ': ' + flow(u.value) + after(t), '\n');
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
        let mark = out.length, n = 0;
        curSeeds = seeds?.entities;
        if (curSeeds) curSeeds.cur = 0;
        for (const e of list) {
          const x = items.size === 0 ? undefined : items.get(e.id);
          if (x) { flushRun(out); emitItem(out, ENTITY_KEYS, e as unknown as Record<string, unknown>, x, true, cp, contextOf(e, text)); }
          else writeEntity(out, e, cp, text);
          if (++n === CHUNK_ITEMS || out.length - mark > CHUNK_PIECES) { mark = collapse(out, mark); n = 0; }
        }
        flushRun(out);
        break;
      }
      case 'quotes': {
        const list = sortedBy(ann.quotes, byPosition);
        out.push('quotes:' + (list.length === 0 ? ' []' : '') + after(t), '\n');
        const items = ex.items.quotes;
        let mark = out.length, n = 0;
        curSeeds = seeds?.quotes;
        if (curSeeds) curSeeds.cur = 0;
        for (const q of list) {
          const x = items.size === 0 ? undefined : items.get(q.id);
          if (x) { flushRun(out); emitItem(out, QUOTE_KEYS, q as unknown as Record<string, unknown>, x, false, cp, contextOf(q, text)); }
          else writeQuote(out, q, cp, text);
          if (++n === CHUNK_ITEMS || out.length - mark > CHUNK_PIECES) { mark = collapse(out, mark); n = 0; }
        }
        flushRun(out);
        break;
      }
    }
    emitUnknownTop(k);
  }
  for (const u of ex.topUnknown) {
    if (u.after !== null && !(TOP_ORDER as readonly string[]).includes(u.after)) {
      const t = ex.topKeys.get(u.key);
      emitTrivia(t, '');
      out.push(yKey(u.key) + ': ' + flow(u.value) + after(t), '\n');
    }
  }
  emitTrivia(ex.tail, '');
  curSeeds = undefined;
  return out.join('');
}

const CHUNK_ITEMS = 256;
const CHUNK_PIECES = 1024;
/**
 * Join out[mark..] into one string in its place; returns the new mark. The save joins its
 * blocks every CHUNK_ITEMS annotations: the block strings (ropes, right after an edit) then die
 * young instead of all being alive, and copied by a scavenge, until the final join. A 20,000
 * annotation save right after a typed character went from a median of 57 ms to 31.
 */
function collapse(out: string[], mark: number): number {
  const s = out.slice(mark).join('');
  out.length = mark;
  out.push(s);
  return mark + 1;
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
    s += (first ? '' : ', ') + yKey(k) + ': ' + flow(v);
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

/** True when the annotation gets a `context` (placed in `text`); see contextAt. */
function placed(a: Entity | Quote, text: string): boolean {
  return !(a.status === 'orphaned' || a.start < 0 || a.end > text.length || a.start > a.end);
}

/** `{before: ..., after: ...}` as written. */
function contextText(c: AnchorContext): string {
  return '{before: ' + scalar(c.before) + ', after: ' + scalar(c.after) + '}';
}

/** `{before: ..., after: ...}` for a placed annotation; undefined for an orphaned one. */
function contextOf(a: Entity | Quote, text: string): string | undefined {
  return placed(a, text) ? contextText(contextAt(text, a.start, a.end)) : undefined;
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

// Per-annotation blocks. An entity line or quote block (without comments or unknown keys) is
// written once and kept, cut at its offsets: `parts[0] nums[0] parts[1] nums[1] ... parts[n]`.
// A later save checks that every value the block was written from is still the same (`f`, and
// the article text around it, `ctx`) and writes only the offsets again, which an edit shifts.
// So a save after tagging or typing writes again only the annotations that changed or whose
// surrounding text changed; the result is the same text as writing everything anew.

interface Block {
  /** The model values the block was written from, in a fixed order (entityValues / quoteValues). */
  f: unknown[];
  /** A copy of a quote's topics (the list may be changed in place). */
  topics?: string[];
  /** The context written; undefined when none was (an orphaned annotation). */
  ctx?: AnchorContext;
  /** The article text version (see textVersion) and UTF-16 span for which `ctx` was last checked. */
  tv: number;
  s16: number;
  e16: number;
  parts: string[];
  /** The code-point offsets last written. */
  nums: number[];
  /**
   * The whole block with `nums`, when they were the same at the last save too. Right after
   * offsets moved, the block is written as pieces (`parts` and offsets) and nothing is kept:
   * an edit moves most blocks, and keeping a new string for each would only feed the garbage
   * collector; the next save with the same offsets (the usual autosave) joins it once.
   */
  full: string | undefined;
}

/**
 * The block of each annotation, or SEEN: written once, not kept yet. A block is kept from the
 * second save that finds the annotation unchanged, so that annotations written only once (a
 * one-off save) or changed on every save cost no more than writing them directly.
 */
const blocks = new WeakMap<Entity | Quote, Block | typeof SEEN>();
const SEEN: unique symbol = Symbol('seen');

/** Counts the article texts written: a block checked against the current one needs no new check. */
let textVersion = 0;
let versionText: string | undefined;
/**
 * How the current text version differs from the one before (textDiff): the common prefix, the
 * start of the common suffix in the current text, and the change of length. Offsets of a block
 * checked against the previous version whose context lies wholly in the prefix (same offsets)
 * or in the suffix (offsets moved by `delta`) have the same context now, without a look.
 */
let diffPrefix = 0;
let diffSuffixStart = 0;
let diffDelta = 0;
function noteText(text: string): void {
  if (text === versionText) return;
  if (versionText !== undefined) {
    const d = textDiff(versionText, text);
    diffPrefix = d.prefix;
    diffSuffixStart = text.length - d.suffix;
    diffDelta = text.length - versionText.length;
  } else {
    diffPrefix = 0; diffSuffixStart = text.length + 1; diffDelta = 0;
  }
  versionText = text;
  textVersion++;
}

/** Where a block's pieces go: straight into the output, or into a Block that is kept. */
interface PieceWriter {
  t(s: string): void;
  n(v: number): void;
}

/** Pieces straight into the output (an annotation written without keeping its block). */
class DirectWriter implements PieceWriter {
  constructor(private readonly out: string[]) {}
  t(s: string): void { this.out.push(s); }
  n(v: number): void { this.out.push(String(v)); }
}

/** Collects a block's pieces, cutting a part at each offset; the parts are made flat strings. */
class BlockWriter implements PieceWriter {
  private buf: string[] = [];
  readonly parts: string[] = [];
  readonly nums: number[] = [];
  t(s: string): void { this.buf.push(s); }
  n(v: number): void {
    this.parts.push(this.buf.join(''));
    this.buf.length = 0;
    this.nums.push(v);
  }
  done(a: Span, f: unknown[], ctx: AnchorContext | undefined, topics?: string[]): Block {
    this.parts.push(this.buf.join(''));
    const b: Block = { f, ctx, topics, tv: textVersion, s16: a.start, e16: a.end, parts: this.parts, nums: this.nums, full: undefined };
    b.full = joinBlock(b);
    return b;
  }
}

/** The whole block as one flat string. */
function joinBlock(b: Block): string {
  const { parts, nums } = b;
  const all: string[] = [parts[0]];
  for (let i = 0; i < nums.length; i++) all.push(String(nums[i]), parts[i + 1]);
  return all.join('');
}

/** Write `b`: the kept string when its offsets did not move, else its pieces (see Block.full). */
function pushBlock(out: string[], b: Block, moved: boolean): void {
  if (moved) {
    b.full = undefined;
    // one string per block (a rope, flattened by the final join): far fewer array slots than pieces
    const { parts, nums } = b;
    let s = parts[0];
    for (let i = 0; i < nums.length; i++) s += nums[i] + parts[i + 1];
    out.push(s);
    return;
  }
  out.push(b.full ??= joinBlock(b));
}

function entityValues(e: Entity): unknown[] {
  return [e.id, e.type, e.text, e.role, e.speaker, e.origin, e.status, e.previousStatus];
}

function sameEntity(f: unknown[], e: Entity): boolean {
  return f[0] === e.id && f[1] === e.type && f[2] === e.text && f[3] === e.role && f[4] === e.speaker &&
    f[5] === e.origin && f[6] === e.status && f[7] === e.previousStatus;
}

function quoteValues(q: Quote): unknown[] {
  return [q.id, q.kind, q.text, q.speaker, q.source === undefined, q.source?.text, q.cue === undefined, q.cue?.text,
    q.rule, q.confidence, q.topics === undefined, q.origin, q.status, q.previousStatus];
}

function sameQuote(b: Block, q: Quote): boolean {
  const f = b.f;
  if (!(f[0] === q.id && f[1] === q.kind && f[2] === q.text && f[3] === q.speaker && f[4] === (q.source === undefined) &&
    f[5] === q.source?.text && f[6] === (q.cue === undefined) && f[7] === q.cue?.text && f[8] === q.rule &&
    f[9] === q.confidence && f[10] === (q.topics === undefined) && f[11] === q.origin && f[12] === q.status && f[13] === q.previousStatus)) return false;
  const t = q.topics;
  if (t === undefined) return true;
  const c = b.topics!;
  if (t.length !== c.length) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== c[i]) return false;
  return true;
}

/** Only blocks written from plain values are kept (an object value could change in place). */
function cacheable(f: unknown[], topics?: readonly unknown[]): boolean {
  for (const v of f) if (v !== null && typeof v === 'object') return false;
  if (topics) for (const v of topics) if (typeof v !== 'string') return false;
  return true;
}

/** The block's context is still what `text` has around the annotation (or still none). */
function sameContext(b: Block, a: Entity | Quote, text: string): boolean {
  const same = contextKept(b.tv, b.s16, b.e16, a) ||
    (placed(a, text) ? b.ctx !== undefined && sameContextAt(text, a.start, a.end, b.ctx) : b.ctx === undefined);
  if (same) { b.tv = textVersion; b.s16 = a.start; b.e16 = a.end; }
  return same;
}

/**
 * Whether a context found the same for text version `tv` (see noteText) and the UTF-16 span
 * [s16, e16) is still `a`'s context, without a look: checked for this very text and span, or
 * for the previous text with its context wholly in the unchanged start (same offsets) or end
 * (offsets moved with it). contextAt reads at most CONTEXT_CHARS units on each side, and a span
 * clipped at the text's end is clipped alike.
 */
function contextKept(tv: number, s16: number, e16: number, a: Span): boolean {
  const s = a.start, e = a.end;
  if (tv === textVersion) return s === s16 && e === e16;
  return tv === textVersion - 1 && ((s === s16 && e === e16 && e + CONTEXT_CHARS < diffPrefix) ||
    (s - diffDelta === s16 && e - diffDelta === e16 && s - CONTEXT_CHARS > diffSuffixStart));
}

/** Offset k of `b` is now `v`: true when it moved. */
function setNum(b: Block, k: number, v: number): boolean {
  if (b.nums[k] === v) return false;
  b.nums[k] = v;
  return true;
}

/**
 * The items a parse read by a fast path, kept with the model it returned: a sidecar just read
 * holds the block the writer would write for each annotation, so while an annotation keeps the
 * values it was read with (and the text around it is the same) a save copies its text from the
 * source instead of writing it anew: no escaping, no context to cut, no kept Block. Runs of such
 * items that lie one after the other in the source are copied as one slice; an item whose
 * offsets moved (an edit before it) is copied in pieces with its new offsets. In file order,
 * which is the writer's order (by position).
 */
interface SeedList {
  src: string;
  /** The model objects the parse returned (a copy of the list). */
  model: Array<Entity | Quote>;
  /**
   * For each, the index of its item in the list read (`read`; its numbers are at
   * pos[index * SEED_STRIDE], see NodeInfo.seeds), or -1: not read by a fast path in the
   * writer's layout.
   */
  item: number[];
  /** The reader's objects: the values as read (quotes share source, cue and topics with the model, see `sub`). */
  read: unknown[];
  pos: Int32Array;
  /** Quotes: the source and cue texts as read, two per model object. */
  sub: Array<string | undefined>;
  /** Quotes: a copy of the topics as read. */
  topics: Array<string[] | undefined>;
  /** Where the next item is expected, and the index of the model objects when it was not. */
  cur: number;
  index?: Map<Entity | Quote, number>;
  /** Per item, the text version and UTF-16 span for which its context was last found as read (see contextKept). */
  tv: Int32Array;
  s16: Int32Array;
  e16: Int32Array;
}

const seedsOf = new WeakMap<ParsedSidecar, { entities?: SeedList; quotes?: SeedList }>();
/** The seeds of the list serialize is writing. */
let curSeeds: SeedList | undefined;
/** Items copied as read and not yet in the output: runSrc[runFrom, runTo). */
let runSrc = '';
let runFrom = 0;
let runTo = 0;

function flushRun(out: string[]): void {
  if (runTo > runFrom) out.push(runSrc.slice(runFrom, runTo));
  runFrom = runTo = 0;
}

function newSeedList(src: string, pos: Int32Array, read: unknown[]): SeedList {
  const none = new Int32Array(0);
  return { src, model: [], read, item: [], pos, sub: [], topics: [], cur: 0, tv: none, s16: none, e16: none };
}

/** Whether `a` has the values `r` was read with (offsets aside). */
function sameAsRead(a: Entity | Quote, r: Record<string, unknown>, sl: SeedList, k: number): boolean {
  if (!(a.id === r.id && a.text === r.text && a.origin === r.origin && a.status === r.status && a.previousStatus === r.previousStatus && a.speaker === r.speaker)) return false;
  if (!('kind' in a)) return (a as Entity).type === r.type && (a as Entity).role === r.role;
  if (a.kind !== r.kind || a.rule !== r.rule || a.confidence !== r.confidence) return false;
  if (a.source?.text !== sl.sub[2 * k] || a.cue?.text !== sl.sub[2 * k + 1]) return false;
  const t = sl.topics[k];
  if (t === undefined) return a.topics === undefined;
  const now = a.topics;
  if (now === undefined || now.length !== t.length) return false;
  for (let i = 0; i < t.length; i++) if (now[i] !== t[i]) return false;
  return true;
}

/** The code-point offsets `a` would be written with, in the written order, into `nums`; their count. */
function offsetsOf(a: Entity | Quote, cp: (n: number) => number, nums: number[]): number {
  nums[0] = cp(a.start); nums[1] = cp(a.end);
  if (!('kind' in a)) return 2;
  let n = 2;
  if (a.source) { nums[n++] = cp(a.source.start); nums[n++] = cp(a.source.end); }
  if (a.cue) { nums[n++] = cp(a.cue.start); nums[n++] = cp(a.cue.end); }
  return n;
}
const seedNums: number[] = [0, 0, 0, 0, 0, 0];

/**
 * Write `a` as it was read when its values are those it was read with and the text around it is
 * what was read (see SeedList). False: no seed for `a`, or it changed; write it as usual.
 */
function writeAsRead(out: string[], sl: SeedList, a: Entity | Quote, cp: (n: number) => number, text: string): boolean {
  let k = sl.cur;
  if (sl.model[k] !== a) {
    if (sl.index === undefined) { sl.index = new Map(); for (let x = 0; x < sl.model.length; x++) sl.index.set(sl.model[x], x); }
    const x = sl.index.get(a);
    if (x === undefined) return false;
    k = x;
  }
  sl.cur = k + 1;
  const item = sl.item[k];
  if (item < 0) return false;
  const r = sl.read[item] as Record<string, unknown>;
  if (!sameAsRead(a, r, sl, k)) return false;
  if (!contextKept(sl.tv[k], sl.s16[k], sl.e16[k], a)) {
    const ctx = r.context as AnchorContext | undefined;
    if (!(placed(a, text) ? ctx !== undefined && sameContextAt(text, a.start, a.end, ctx) : ctx === undefined)) return false;
  }
  sl.tv[k] = textVersion; sl.s16[k] = a.start; sl.e16[k] = a.end;
  const { pos, src } = sl;
  const base = item * SEED_STRIDE;
  const n = offsetsOf(a, cp, seedNums);
  if (pos[base + 2 * n] < 0 || (2 + 2 * n < SEED_STRIDE && pos[base + 2 + 2 * n] >= 0)) return false; // (cannot be: one pair per offset read)
  let moved = false;
  for (let x = 0; x < n && !moved; x++) moved = digits(src, pos[base + 2 + 2 * x], pos[base + 3 + 2 * x]) !== seedNums[x];
  if (!moved) {
    // as read: extends the run when it follows it in the source
    if (runTo === pos[base] && runSrc === src) runTo = pos[base + 1];
    else { flushRun(out); runSrc = src; runFrom = pos[base]; runTo = pos[base + 1]; }
    return true;
  }
  flushRun(out);
  // one string per block, as pushBlock writes a moved one
  let s = src.slice(pos[base], pos[base + 2]);
  for (let x = 0; x < n; x++) s += seedNums[x] + src.slice(pos[base + 3 + 2 * x], x + 1 < n ? pos[base + 4 + 2 * x] : pos[base + 1]);
  out.push(s);
  return true;
}

/** An entity without comments or unknown keys: one flow-mapping line. */
function writeEntity(out: string[], e: Entity, cp: (n: number) => number, text: string): void {
  const b = blocks.get(e);
  if (b === undefined && curSeeds !== undefined && writeAsRead(out, curSeeds, e, cp, text)) return;
  flushRun(out);
  if (b === undefined || b === SEEN || !sameEntity(b.f, e) || !sameContext(b, e, text)) {
    const keep = b === SEEN && cacheable(entityValues(e));
    const w = keep ? new BlockWriter() : new DirectWriter(out);
    const c = entityPieces(w, e, cp, text);
    if (w instanceof BlockWriter) {
      const nb = w.done(e, entityValues(e), c);
      blocks.set(e, nb);
      out.push(nb.full!);
    } else blocks.set(e, SEEN);
    return;
  }
  let moved = setNum(b, 0, cp(e.start));
  if (setNum(b, 1, cp(e.end))) moved = true;
  pushBlock(out, b, moved);
}

/** A quote without comments or unknown keys: a block mapping, one key per line. */
function writeQuote(out: string[], q: Quote, cp: (n: number) => number, text: string): void {
  const b = blocks.get(q);
  if (b === undefined && curSeeds !== undefined && writeAsRead(out, curSeeds, q, cp, text)) return;
  flushRun(out);
  if (b === undefined || b === SEEN || !sameQuote(b, q) || !sameContext(b, q, text)) {
    const keep = b === SEEN && cacheable(quoteValues(q), q.topics);
    const w = keep ? new BlockWriter() : new DirectWriter(out);
    const c = quotePieces(w, q, cp, text);
    if (w instanceof BlockWriter) {
      const nb = w.done(q, quoteValues(q), c, q.topics ? [...q.topics] : undefined);
      blocks.set(q, nb);
      out.push(nb.full!);
    } else blocks.set(q, SEEN);
    return;
  }
  let moved = setNum(b, 0, cp(q.start));
  if (setNum(b, 1, cp(q.end))) moved = true;
  let k = 2;
  if (q.source !== undefined) {
    if (setNum(b, k, cp(q.source.start))) moved = true;
    if (setNum(b, k + 1, cp(q.source.end))) moved = true;
    k += 2;
  }
  if (q.cue !== undefined) {
    if (setNum(b, k, cp(q.cue.start))) moved = true;
    if (setNum(b, k + 1, cp(q.cue.end))) moved = true;
  }
  pushBlock(out, b, moved);
}

/** An entity line's pieces; returns the context written. */
function entityPieces(w: PieceWriter, e: Entity, cp: (n: number) => number, text: string): AnchorContext | undefined {
  w.t('  - {id: '); w.t(idv(e.id)); w.t(', type: '); w.t(ev(e.type));
  w.t(', start: '); w.n(cp(e.start)); w.t(', end: '); w.n(cp(e.end));
  w.t(', text: '); w.t(sv(e.text));
  if (e.role !== undefined) { w.t(', role: '); w.t(sv(e.role)); }
  if (e.speaker !== undefined) { w.t(', speaker: '); w.t(ev(e.speaker)); }
  w.t(', origin: '); w.t(ev(e.origin)); w.t(', status: '); w.t(ev(e.status));
  if (e.previousStatus !== undefined) { w.t(', previousStatus: '); w.t(ev(e.previousStatus)); }
  const c = placed(e, text) ? contextAt(text, e.start, e.end) : undefined;
  if (c) { w.t(', context: '); w.t(contextText(c)); }
  w.t('}\n');
  return c;
}

/** A quote block's pieces; returns the context written. */
function quotePieces(w: PieceWriter, q: Quote, cp: (n: number) => number, text: string): AnchorContext | undefined {
  w.t('  - id: '); w.t(idv(q.id)); w.t('\n    kind: '); w.t(ev(q.kind));
  w.t('\n    start: '); w.n(cp(q.start)); w.t('\n    end: '); w.n(cp(q.end));
  w.t('\n    text: '); w.t(sv(q.text));
  if (q.speaker !== undefined) { w.t('\n    speaker: '); w.t(ev(q.speaker)); }
  const sub = (k: string, sp: Span) => {
    w.t(k); w.t('{start: '); w.n(cp(sp.start)); w.t(', end: '); w.n(cp(sp.end)); w.t(', text: '); w.t(scalar(sp.text)); w.t('}');
  };
  if (q.source !== undefined) sub('\n    source: ', q.source);
  if (q.cue !== undefined) sub('\n    cue: ', q.cue);
  if (q.rule !== undefined) { w.t('\n    rule: '); w.t(ev(q.rule)); }
  if (q.confidence !== undefined) { w.t('\n    confidence: '); w.t(value('confidence', q.confidence, cp)); }
  if (q.topics !== undefined) { w.t('\n    topics: '); w.t(flow(q.topics)); }
  w.t('\n    origin: '); w.t(ev(q.origin)); w.t('\n    status: '); w.t(ev(q.status));
  if (q.previousStatus !== undefined) { w.t('\n    previousStatus: '); w.t(ev(q.previousStatus)); }
  const c = placed(q, text) ? contextAt(text, q.start, q.end) : undefined;
  if (c) { w.t('\n    context: '); w.t(contextText(c)); }
  w.t('\n');
  return c;
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
    if (ex?.unknown) for (const [k, v] of ex.unknown) { s += (first ? '' : ', ') + yKey(k) + ': ' + flow(v); first = false; }
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
  if (ex?.unknown) for (const [k, v] of ex.unknown) line(yKey(k), flow(v));
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ParseOptions {
  /** Give up after this many milliseconds of CPU time (default 1000). */
  timeLimitMs?: number;
  /**
   * The result is never handed to serialize (a reader of many sidecars): do not keep the source
   * text for the first saves (see SeedList).
   */
  readOnly?: boolean;
}

/**
 * Read a sidecar. Never throws: syntax and validation problems come back as diagnostics
 * (1-based line and column). Offsets are converted to UTF-16 when the article `text` is given.
 */
export function parse(yamlText: string, text?: string, options: ParseOptions = {}): ParsedSidecar {
  const t0 = cpuNow();
  const deadline = t0 + (options.timeLimitMs ?? PARSE_TIME_LIMIT_MS);
  const ctx = new Ctx(yamlText);
  const fail = (message: string, offset = 0): ParsedSidecar => {
    ctx.error(message, offset);
    return result(ctx, undefined, text);
  };
  if (yamlText.length > MAX_SIDECAR_CHARS) {
    return fail(`The sidecar is ${(yamlText.length / 1048576).toFixed(1)} MB, more than the ${MAX_SIDECAR_CHARS / 1048576} MB this extension reads.`);
  }
  let root: unknown;
  let info: Map<object, NodeInfo>;
  let tail: Trivia | undefined;
  try {
    const r = fastRead(yamlText, deadline, !options.readOnly);
    root = r.value; info = r.info; tail = r.tail;
  } catch (e) {
    if (!(e instanceof Bail)) return fail(`The sidecar could not be read: ${(e as Error).message}`);
    if (e.fatal) return fail(capital(e.reason) + '.', e.offset);
    if (yamlText.length > SLOW_PATH_MAX_CHARS) {
      return fail(`Line ${ctx.pos(e.offset).line}: ${e.reason}; a sidecar over ${SLOW_PATH_MAX_CHARS / 1024} KB must keep the layout this extension writes (one-line values, no block scalars, anchors or tags).`, e.offset);
    }
    // the general parser: lexing (most of its time) stops at 60% of the budget so that the rest
    // (composing, not interruptible, and checking) ends within it
    const slow = slowRead(yamlText, ctx, t0 + (deadline - t0) * 0.6);
    if (!slow) return result(ctx, undefined, text);
    root = slow.value; info = slow.info; tail = slow.tail;
    if (cpuNow() > deadline) return fail('The sidecar took too long to read.');
  }
  return validate(root, info, tail, ctx, text, deadline);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Diagnostics with positions computed lazily from source offsets. */
class Ctx {
  readonly diagnostics: SidecarDiagnostic[] = [];
  private lineStarts: number[] | undefined;
  private dropped = 0;
  hasError = false;
  constructor(readonly src: string) {}

  pos(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const ls = [0];
      for (let i = this.src.indexOf('\n'); i >= 0; i = this.src.indexOf('\n', i + 1)) ls.push(i + 1);
      this.lineStarts = ls;
    }
    const ls = this.lineStarts;
    let lo = 0, hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ls[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - ls[lo] + 1 };
  }

  add(severity: 'error' | 'warning', message: string, offset: number): void {
    if (severity === 'error') this.hasError = true;
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) { this.dropped++; return; }
    this.diagnostics.push({ severity, message, ...this.pos(offset) });
  }
  error(message: string, offset: number): void { this.add('error', message, offset); }
  warn(message: string, offset: number): void { this.add('warning', message, offset); }

  finish(): void {
    if (this.dropped > 0) {
      this.diagnostics.push({ severity: this.hasError ? 'error' : 'warning', message: `${this.dropped} more problems not listed.`, line: 1, column: 1 });
    }
  }
}

function result(ctx: Ctx, ann: Annotations | undefined, text: string | undefined, extras = emptyExtras(), readOnly = false, readOnlyMessage?: string, stale = false): ParsedSidecar {
  ctx.finish();
  return {
    annotations: ann ?? { version: 1, topics: [], speakers: [], entities: [], quotes: [] },
    diagnostics: ctx.diagnostics,
    ok: !ctx.hasError,
    readOnly,
    readOnlyMessage,
    offsets: text === undefined ? 'codepoints' : 'utf16',
    stale,
    extras,
  };
}

/** The general path: the `yaml` Document API, converted to plain values plus NodeInfo. */
function slowRead(src: string, ctx: Ctx, lexDeadline: number): { value: unknown; info: Map<object, NodeInfo>; tail?: Trivia } | undefined {
  let doc: YAML.Document.Parsed;
  try {
    // YAML.parseAllDocuments, step by step so that it can give up
    const parser = new YAML.Parser();
    const composer = new YAML.Composer({ uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2', schema: 'core' });
    const docs: YAML.Document.Parsed[] = [];
    let k = 0;
    for (const lexeme of new YAML.Lexer().lex(src)) {
      if ((++k & 255) === 0 && cpuNow() > lexDeadline) { ctx.error('The sidecar took too long to read.', 0); return undefined; }
      for (const token of parser.next(lexeme)) for (const d of composer.next(token)) docs.push(d as YAML.Document.Parsed);
    }
    for (const token of parser.end()) for (const d of composer.next(token)) docs.push(d as YAML.Document.Parsed);
    for (const d of composer.end()) docs.push(d as YAML.Document.Parsed);
    if (docs.length > 1) ctx.error('The sidecar holds more than one YAML document.', docs[1].range[0]);
    if (docs.length === 0) return { value: null, info: new Map() };
    doc = docs[0];
  } catch (e) {
    ctx.error(`The sidecar could not be read: ${(e as Error).message}`, 0);
    return undefined;
  }
  for (const err of doc.errors) ctx.error(firstLine(err.message), err.pos[0]);
  for (const w of doc.warnings) ctx.warn(firstLine(w.message), w.pos[0]);
  if (doc.errors.length > 0) return undefined;
  const info = new Map<object, NodeInfo>();
  const split = (c: string | null | undefined) => (c == null ? undefined : c.split('\n'));
  const trivia = (before: string | null | undefined, blank: boolean | undefined, afterC: string | null | undefined): Trivia | undefined => {
    const b = split(before);
    if (!b && !blank && afterC == null) return undefined;
    const t: Trivia = {};
    if (b) t.before = b;
    if (blank) t.blank = true;
    if (afterC != null) t.after = afterC.includes('\n') ? afterC.split('\n')[0] : afterC;
    return t;
  };
  const walk = (n: unknown, depth: number): unknown => {
    if (depth > 40) throw new Bail('nesting deeper than 40 levels', 0, true);
    if (n == null) return null;
    if (YAML.isAlias(n)) { ctx.error('Aliases (*name) are not allowed in a sidecar.', n.range?.[0] ?? 0); return null; }
    if (YAML.isScalar(n)) {
      const v = n.value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      return String(v);
    }
    if (YAML.isMap(n)) {
      const o: Record<string, unknown> = {};
      const keys = new Map<string, Trivia>();
      info.set(o, { offset: n.range?.[0] ?? 0, keys, flow: n.flow });
      for (const p of n.items) {
        const kn = p.key as YAML.Node | null;
        if (!YAML.isScalar(kn)) { ctx.error('A key that is not a plain value.', (kn as YAML.Node | null)?.range?.[0] ?? n.range?.[0] ?? 0); continue; }
        const k = String(kn.value);
        const vn = p.value as YAML.Node | null;
        const inlineComment = vn && (YAML.isScalar(vn) || (YAML.isCollection(vn) && vn.flow)) ? vn.comment : undefined;
        const t = trivia(kn.commentBefore, kn.spaceBefore, inlineComment);
        if (t) keys.set(k, t);
        const v = walk(vn, depth + 1);
        if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        else o[k] = v;
      }
      if (keys.size === 0) info.get(o)!.keys = undefined;
      return o;
    }
    if (YAML.isSeq(n)) {
      const a: unknown[] = [];
      info.set(a, { offset: n.range?.[0] ?? 0, flow: n.flow });
      n.items.forEach((item, i) => {
        const it = item as YAML.Node | null;
        const v = walk(it, depth + 1);
        if (v !== null && typeof v === 'object' && it) {
          const ni = info.get(v)!;
          const before = i === 0 && n.commentBefore ? n.commentBefore + (it.commentBefore ? '\n' + it.commentBefore : '') : it.commentBefore;
          const flowItem = YAML.isCollection(it) && it.flow;
          ni.trivia = trivia(before, it.spaceBefore, flowItem ? it.comment : undefined);
        }
        a.push(v);
      });
      return a;
    }
    return null;
  };
  try {
    const value = walk(doc.contents, 0);
    const topInfo = value && typeof value === 'object' ? info.get(value) : undefined;
    if (doc.commentBefore && topInfo?.keys) {
      const first = Object.keys(value as object)[0];
      if (first !== undefined) {
        const t = topInfo.keys.get(first) ?? {};
        t.before = [...doc.commentBefore.split('\n'), ...(t.before ?? [])];
        topInfo.keys.set(first, t);
      }
    }
    return { value, info, tail: doc.comment ? { before: doc.comment.split('\n') } : undefined };
  } catch (e) {
    if (e instanceof Bail) ctx.error(capital(e.reason) + '.', e.offset);
    else ctx.error(`The sidecar could not be read: ${(e as Error).message}`, 0);
    return undefined;
  }
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

const STATUSES = new Set<string>(['suggested', 'confirmed', 'rejected', 'orphaned']);
const ORIGINS = new Set<string>(['auto', 'manual']);
const QUOTE_KINDS = new Set<string>(['direct', 'indirect']);
const SPEAKER_KINDS = new Set<string>(['person', 'organization', 'group']);
const SPEAKER_SET = new Set(SPEAKER_KEYS);
const ENTITY_SET = new Set([...ENTITY_KEYS, CONTEXT_KEY]);
const QUOTE_SET = new Set([...QUOTE_KEYS, CONTEXT_KEY]);

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The values of an entity line as read, every one of the kind the checks in validate accept without a message. */
interface PlainEntity {
  id: string; type: string; start: number; end: number; text: string;
  role?: string; speaker?: string; origin: Entity['origin']; status: Status; previousStatus?: Status; context?: unknown;
}

/**
 * True when validate's general checks would accept `o` as it is, without a message: text where
 * text is expected, whole offsets with 0 <= start <= end, known origin and status values.
 */
function validEntity(o: Record<string, unknown>): o is Record<string, unknown> & PlainEntity {
  const s = o.start, e = o.end, prev = o.previousStatus;
  return typeof o.id === 'string' && typeof o.type === 'string' && typeof o.text === 'string' &&
    typeof s === 'number' && typeof e === 'number' && Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s &&
    typeof o.origin === 'string' && ORIGINS.has(o.origin) && typeof o.status === 'string' && STATUSES.has(o.status) &&
    (prev === undefined || (typeof prev === 'string' && STATUSES.has(prev) && prev !== 'orphaned')) &&
    (o.role === undefined || typeof o.role === 'string') && (o.speaker === undefined || typeof o.speaker === 'string');
}

/** The values of a quote block as read, every one of the kind the checks in validate accept without a message. */
interface PlainQuote {
  id: string; kind: Quote['kind']; start: number; end: number; text: string; speaker?: string; source?: Span; cue?: Span;
  rule?: string; confidence?: number; topics?: string[]; origin: Quote['origin']; status: Status; previousStatus?: Status; context?: unknown;
}

function validSpan(v: unknown): v is Span {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  const s = o.start, e = o.end;
  return typeof s === 'number' && typeof e === 'number' && Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s && typeof o.text === 'string';
}

/**
 * True when validate's general checks would accept the quote block `o`, read by the fast path
 * (yamlText's fastBlockItem: only known keys, `source` and `cue` as {start, end, text}), as it
 * is, without a message (a bad `context` is still reported by readContext).
 */
function validQuote(o: Record<string, unknown>): o is Record<string, unknown> & PlainQuote {
  const s = o.start, e = o.end, prev = o.previousStatus, conf = o.confidence, topics = o.topics;
  if (!(typeof o.id === 'string' && typeof o.kind === 'string' && QUOTE_KINDS.has(o.kind) && typeof o.text === 'string' &&
    typeof s === 'number' && typeof e === 'number' && Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s &&
    typeof o.origin === 'string' && ORIGINS.has(o.origin) && typeof o.status === 'string' && STATUSES.has(o.status) &&
    (prev === undefined || (typeof prev === 'string' && STATUSES.has(prev) && prev !== 'orphaned')) &&
    (o.speaker === undefined || typeof o.speaker === 'string') && (o.rule === undefined || typeof o.rule === 'string') &&
    (conf === undefined || (typeof conf === 'number' && conf >= 0 && conf <= 1)) &&
    (o.source === undefined || validSpan(o.source)) && (o.cue === undefined || validSpan(o.cue)))) return false;
  if (topics === undefined) return true;
  if (!Array.isArray(topics)) return false;
  for (const t of topics) if (typeof t !== 'string') return false;
  return true;
}

/** True when `id` is the letter `letter` (a char code) followed by the decimal `n` (no leading zero). */
function isNth(id: string, letter: number, n: number): boolean {
  const len = id.length;
  if (len < 2 || len > 11 || id.charCodeAt(0) !== letter || id.charCodeAt(1) === 48) return false;
  let v = 0;
  for (let i = 1; i < len; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v === n;
}

function validate(root: unknown, info: Map<object, NodeInfo>, tail: Trivia | undefined, ctx: Ctx, text: string | undefined, deadline: number): ParsedSidecar {
  const src = ctx.src;
  const extras = emptyExtras();
  extras.tail = tail;
  // Entity lines read by the fast path have no NodeInfo (see yamlText's fastFlowItem): their
  // offset is the list's `items` entry, looked up while that item is being checked.
  let curItem: object | undefined;
  let curOffset = 0;
  const offsetOf = (o: object | undefined): number => (o ? info.get(o)?.offset ?? (o === curItem ? curOffset : 0) : 0);
  /** Offset of `key:` inside the node `o` (best effort). */
  const keyOffset = (o: object, k: string): number => {
    const base = offsetOf(o);
    const i = src.indexOf(k + ':', base);
    if (i >= 0 && i - base < 4096) return i;
    const j = src.indexOf('"' + k + '"', base);
    return j >= 0 && j - base < 4096 ? j : base;
  };
  const valueOffset = (o: object, k: string): number => {
    const i = keyOffset(o, k);
    let p = src.indexOf(':', i) + 1;
    while (src.charCodeAt(p) === 32) p++;
    return p > 0 ? p : i;
  };

  if (!isObj(root)) {
    ctx.error(root === null || root === undefined ? 'The sidecar is empty; expected "version: 1" and the annotation lists.' : 'The sidecar must be a mapping (key: value lines) at the top level.', 0);
    return result(ctx, undefined, text, extras);
  }
  const topInfo = info.get(root);
  if (topInfo?.keys) extras.topKeys = topInfo.keys;

  // version
  let readOnly = false;
  let readOnlyMessage: string | undefined;
  const version = root.version;
  if (version === undefined) ctx.error('Missing "version" (expected "version: 1").', 0);
  else if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) ctx.error('"version" must be a whole number such as 1.', valueOffset(root, 'version'));
  else if (version > SUPPORTED_VERSION) {
    readOnly = true;
    readOnlyMessage = `This sidecar uses schema version ${version}, newer than version ${SUPPORTED_VERSION} that this extension supports; it is shown read-only. Update the extension to edit it.`;
    ctx.warn(readOnlyMessage, valueOffset(root, 'version'));
  }

  let prevKnown: string | null = null;
  for (const k of Object.keys(root)) {
    if ((TOP_ORDER as readonly string[]).includes(k)) { prevKnown = k; continue; }
    extras.topUnknown.push({ key: k, value: root[k], after: prevKnown });
  }

  const ann: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [] };
  const str = (o: Record<string, unknown>, k: string, what: string, required: boolean): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) {
      if (required) ctx.error(`${what}: missing "${k}".`, offsetOf(o));
      return undefined;
    }
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') {
      ctx.warn(`${what}: "${k}" should be text; read ${String(v)} as "${String(v)}".`, valueOffset(o, k));
      return String(v);
    }
    ctx.error(`${what}: "${k}" must be text.`, valueOffset(o, k));
    return undefined;
  };

  // source / article
  if (root.source !== undefined && root.source !== null) {
    const s = root.source;
    if (!isObj(s)) ctx.error('"source" must be a mapping {file, sha256}.', valueOffset(root, 'source'));
    else {
      const file = str(s, 'file', 'source', false) ?? '';
      const sha = str(s, 'sha256', 'source', false) ?? '';
      ann.source = { file, sha256: sha };
      for (const k of Object.keys(s)) if (!SOURCE_KEYS.includes(k)) extras.sourceUnknown.push([k, s[k]]);
    }
  }
  if (root.article !== undefined && root.article !== null) {
    const a = root.article;
    if (!isObj(a)) ctx.error('"article" must be a mapping {date, title, outlet}.', valueOffset(root, 'article'));
    else {
      ann.article = {};
      for (const k of ARTICLE_KEYS) {
        const v = str(a, k, 'article', false);
        if (v !== undefined) (ann.article as Record<string, string>)[k] = v;
      }
      for (const k of Object.keys(a)) if (!ARTICLE_KEYS.includes(k)) extras.articleUnknown.push([k, a[k]]);
    }
  }
  const list = (k: string): unknown[] => {
    const v = root[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) { ctx.error(`"${k}" must be a list.`, valueOffset(root, k)); return []; }
    return v;
  };
  for (const t of list('topics')) {
    if (typeof t === 'string') ann.topics.push(t);
    else if (typeof t === 'number') ann.topics.push(String(t));
    else ctx.error('"topics" must be a list of text.', valueOffset(root, 'topics'));
  }

  const itemExtras = (o: Record<string, unknown>, known: Set<string>, flowDefault: boolean, fastBlock = false): ItemExtras | undefined => {
    const ni = info.get(o);
    // an entity line (fastFlowItem) or quote block (fastBlockItem) read by a fast path in the
    // list of its kind: only known keys, no comments, the default layout
    if (ni === undefined && fastBlock !== flowDefault && known !== SPEAKER_SET) return undefined;
    let unknown: Array<[string, unknown]> | undefined;
    for (const k in o) if (!known.has(k)) (unknown ??= []).push([k, o[k]]);
    // no NodeInfo: a one-line flow mapping (fastFlowItem) or a block mapping (fastBlockItem)
    // without comments, read by a fast path
    const isFlow = ni ? ni.flow ?? false : !fastBlock;
    if (!unknown && !ni?.trivia && !ni?.keys && isFlow === flowDefault) return undefined;
    return { flow: isFlow, trivia: ni?.trivia, keys: ni?.keys, unknown };
  };

  // speakers
  const speakerIds = new Map<string, Speaker>();
  const speakerList = list('speakers');
  const speakerOffsets = info.get(speakerList)?.items;
  const speakerBlocks = info.get(speakerList)?.blockItems;
  for (let i = 0; i < speakerList.length; i++) {
    const s = speakerList[i];
    curItem = s as object; curOffset = speakerOffsets?.[i] ?? 0;
    if (!isObj(s)) { ctx.error('Each speaker must be a mapping {id, name, aliases, kind}.', offsetOf(root)); continue; }
    const id = str(s, 'id', 'speaker', true);
    if (id === undefined) continue;
    const what = `speaker "${id}"`;
    let name = str(s, 'name', what, false);
    if (name === undefined) { ctx.warn(`${what}: missing "name"; using the id.`, offsetOf(s)); name = id; }
    const aliases: string[] = [];
    if (s.aliases !== undefined && s.aliases !== null) {
      if (!Array.isArray(s.aliases)) ctx.error(`${what}: "aliases" must be a list.`, valueOffset(s, 'aliases'));
      else for (const a of s.aliases) {
        if (typeof a === 'string' || typeof a === 'number') aliases.push(String(a));
        else ctx.error(`${what}: "aliases" must be a list of text.`, valueOffset(s, 'aliases'));
      }
    }
    let kind = str(s, 'kind', what, false) ?? 'person';
    if (!SPEAKER_KINDS.has(kind)) { ctx.error(`${what}: "kind" must be person, organization or group, not "${kind}".`, valueOffset(s, 'kind')); kind = 'person'; }
    const sp: Speaker = { id, name, aliases, kind: kind as Speaker['kind'] };
    const role = str(s, 'role', what, false);
    if (role !== undefined) sp.role = role;
    if (s.attributes !== undefined && s.attributes !== null) {
      if (!isObj(s.attributes)) ctx.error(`${what}: "attributes" must be a mapping.`, valueOffset(s, 'attributes'));
      else {
        sp.attributes = {};
        for (const [k, v] of Object.entries(s.attributes)) sp.attributes[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
    }
    if (speakerIds.has(id)) { ctx.error(`Duplicate speaker id "${id}".`, keyOffset(s, 'id')); continue; }
    speakerIds.set(id, sp);
    ann.speakers.push(sp);
    const x = itemExtras(s, SPEAKER_SET, true, speakerBlocks?.[i] === true);
    if (x) extras.items.speakers.set(id, x);
  }

  const cpMap = text === undefined ? undefined : OffsetMap.of(text);
  const cpLen = cpMap?.codePointLength ?? Infinity;
  const stale = text !== undefined && ann.source !== undefined && ann.source.sha256 !== '' && ann.source.sha256 !== articleSha256(text);
  let outOfRange = 0;
  let firstOutOfRange = 0;

  const span = (o: Record<string, unknown>, what: string, base: object): { start: number; end: number } | undefined => {
    const s = o.start, e = o.end;
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s) {
      const k = typeof s !== 'number' || !Number.isInteger(s) || s < 0 ? 'start' : 'end';
      ctx.error(`${what}: "start" and "end" must be whole numbers with 0 <= start <= end.`, valueOffset(base === o ? o : base, k));
      return undefined;
    }
    return { start: s, end: e };
  };
  const subSpan = (o: Record<string, unknown>, k: string, what: string): Span | undefined | null => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) { ctx.error(`${what}: "${k}" must be a mapping {start, end, text}.`, valueOffset(o, k)); return null; }
    const sp = span(v, `${what} ${k}`, o);
    const t = str(v, 'text', `${what} ${k}`, true);
    if (!sp || t === undefined) return null;
    return { start: sp.start, end: sp.end, text: t };
  };
  const common = (o: Record<string, unknown>, what: string) => {
    let origin = str(o, 'origin', what, false);
    if (origin === undefined) { ctx.warn(`${what}: missing "origin"; read as manual.`, offsetOf(o)); origin = 'manual'; }
    else if (!ORIGINS.has(origin)) { ctx.error(`${what}: "origin" must be auto or manual, not "${origin}".`, valueOffset(o, 'origin')); return undefined; }
    let status = str(o, 'status', what, false);
    if (status === undefined) { ctx.warn(`${what}: missing "status"; read as suggested.`, offsetOf(o)); status = 'suggested'; }
    else if (!STATUSES.has(status)) { ctx.error(`${what}: "status" must be suggested, confirmed, rejected or orphaned, not "${status}".`, valueOffset(o, 'status')); return undefined; }
    const prev = str(o, 'previousStatus', what, false);
    if (prev !== undefined && (!STATUSES.has(prev) || prev === 'orphaned')) { ctx.error(`${what}: "previousStatus" must be suggested, confirmed or rejected.`, valueOffset(o, 'previousStatus')); return undefined; }
    return { origin: origin as 'auto' | 'manual', status: status as Status, previousStatus: prev as Status | undefined };
  };

  const seenIds = new Set<string>();
  // The usual ids are e1, e2, ... (q1, q2, ...) in order: while they are, `inOrder` counts them
  // and the set stays empty; the first other id puts those seen into the set (-1: the set rules).
  let inOrder = 0;
  const uniqueId = (id: string, o: object, kind: string): string => {
    if (inOrder >= 0) {
      if (isNth(id, kind === 'quote' ? 113 : 101, inOrder + 1)) { inOrder++; return id; }
      const letter = kind === 'quote' ? 'q' : 'e';
      for (let k = 1; k <= inOrder; k++) seenIds.add(letter + k);
      inOrder = -1;
    }
    if (!seenIds.has(id)) { seenIds.add(id); return id; }
    let n = 2;
    while (seenIds.has(`${id}-${n}`)) n++;
    const nid = `${id}-${n}`;
    seenIds.add(nid);
    ctx.warn(`Duplicate ${kind} id "${id}"; renamed to "${nid}".`, keyOffset(o, 'id'));
    return nid;
  };
  const unknownSpeaker = (id: string, o: object, what: string) => {
    if (speakerIds.has(id)) return;
    const sp: Speaker = { id, name: id, aliases: [], kind: 'person' };
    speakerIds.set(id, sp);
    ann.speakers.push(sp);
    ctx.warn(`${what}: unknown speaker "${id}"; added a speaker with that id.`, valueOffset(o, 'speaker'));
  };

  const contextItems: Array<Entity | Quote> = [];
  const contexts: AnchorContext[] = [];
  /** The optional `context` (see context.ts): kept beside the annotation, a bad one ignored with a warning. */
  const readContext = (o: Record<string, unknown>, a: Entity | Quote, what: string) => {
    const v = o.context;
    if (v === undefined || v === null) return;
    if (isObj(v) && typeof v.before === 'string' && typeof v.after === 'string') {
      // kept as read (only `before` and `after` are used), handed over at the end
      contextItems.push(a);
      contexts.push(v as unknown as AnchorContext);
    } else {
      ctx.warn(`${what}: "context" must be a mapping {before, after} of text; ignored.`, valueOffset(o, 'context'));
    }
  };

  let n = 0;
  const entityList = list('entities');
  const entityOffsets = info.get(entityList)?.items;
  const entityBlocks = info.get(entityList)?.blockItems;
  const entityPos = info.get(entityList)?.seeds;
  const entitySeeds = entityPos && newSeedList(src, entityPos, entityList);
  for (let i = 0; i < entityList.length; i++) {
    const o = entityList[i];
    curItem = o as object; curOffset = entityOffsets?.[i] ?? 0;
    if ((++n & 1023) === 0 && cpuNow() > deadline) { ctx.error('The sidecar took too long to check.', 0); return result(ctx, undefined, text, extras); }
    if (!isObj(o)) { ctx.error('Each entity must be a mapping {id, type, start, end, text, origin, status}.', offsetOf(root)); continue; }
    if (entityBlocks?.[i] !== true && !info.has(o) && validEntity(o)) {
      // a line read by the fast path with every value of its kind and in range: the checks
      // below would accept it as it is, without a message (see validEntity)
      const id = uniqueId(o.id, o, 'entity');
      const e: Entity = { id, type: o.type, start: o.start, end: o.end, text: o.text, origin: o.origin, status: o.status };
      if (o.role !== undefined) e.role = o.role;
      if (o.speaker !== undefined) { e.speaker = o.speaker; if (!speakerIds.has(o.speaker)) unknownSpeaker(o.speaker, o, `entity "${o.id}"`); }
      if (o.previousStatus !== undefined) e.previousStatus = o.previousStatus;
      if (o.context !== undefined) readContext(o, e, `entity "${o.id}"`);
      ann.entities.push(e);
      if (entitySeeds !== undefined) entitySeeds.item.push(i * SEED_STRIDE < entitySeeds.pos.length && entitySeeds.pos[i * SEED_STRIDE] >= 0 && seedableContext(o.context) ? i : -1);
      if (e.end > cpLen) { if (outOfRange++ === 0) firstOutOfRange = keyOffset(o, 'end'); }
      continue;
    }
    const id0 = str(o, 'id', 'entity', true);
    if (id0 === undefined) continue;
    const what = `entity "${id0}"`;
    const type = str(o, 'type', what, true);
    const sp = span(o, what, o);
    const text0 = str(o, 'text', what, true);
    const c = common(o, what);
    if (type === undefined || !sp || text0 === undefined || !c) continue;
    const id = uniqueId(id0, o, 'entity');
    const e: Entity = { id, type, start: sp.start, end: sp.end, text: text0, origin: c.origin, status: c.status };
    const role = str(o, 'role', what, false);
    if (role !== undefined) e.role = role;
    const speaker = str(o, 'speaker', what, false);
    if (speaker !== undefined) { e.speaker = speaker; unknownSpeaker(speaker, o, what); }
    if (c.previousStatus) e.previousStatus = c.previousStatus;
    readContext(o, e, what);
    ann.entities.push(e);
    entitySeeds?.item.push(-1);
    const x = itemExtras(o, ENTITY_SET, true, entityBlocks?.[i] === true);
    if (x) extras.items.entities.set(id, x);
    if (e.end > cpLen) { if (outOfRange++ === 0) firstOutOfRange = keyOffset(o, 'end'); }
  }
  seenIds.clear();
  inOrder = 0;
  const quoteList = list('quotes');
  const quoteOffsets = info.get(quoteList)?.items;
  const quoteBlocks = info.get(quoteList)?.blockItems;
  const quotePos = info.get(quoteList)?.seeds;
  const quoteSeeds = quotePos && newSeedList(src, quotePos, quoteList);
  for (let i = 0; i < quoteList.length; i++) {
    const o = quoteList[i];
    curItem = o as object; curOffset = quoteOffsets?.[i] ?? 0;
    if ((++n & 1023) === 0 && cpuNow() > deadline) { ctx.error('The sidecar took too long to check.', 0); return result(ctx, undefined, text, extras); }
    if (!isObj(o)) { ctx.error('Each quote must be a mapping (id, kind, start, end, text, ...).', offsetOf(root)); continue; }
    if (quoteBlocks?.[i] === true && validQuote(o)) {
      // a block read by the fast path with every value of its kind and in range: the checks
      // below would accept it as it is, without a message (see validQuote); `source` and `cue`
      // are fresh {start, end, text} objects of the reader, taken as they are
      const id = uniqueId(o.id, o, 'quote');
      const q: Quote = { id, kind: o.kind, start: o.start, end: o.end, text: o.text, origin: o.origin, status: o.status };
      if (o.speaker !== undefined) { q.speaker = o.speaker; if (!speakerIds.has(o.speaker)) unknownSpeaker(o.speaker, o, `quote "${o.id}"`); }
      if (o.source !== undefined) q.source = o.source;
      if (o.cue !== undefined) q.cue = o.cue;
      if (o.rule !== undefined) q.rule = o.rule;
      if (o.confidence !== undefined) q.confidence = o.confidence;
      if (o.topics !== undefined) q.topics = o.topics;
      if (o.previousStatus !== undefined) q.previousStatus = o.previousStatus;
      if (o.context !== undefined) readContext(o, q, `quote "${o.id}"`);
      ann.quotes.push(q);
      if (quoteSeeds !== undefined) {
        const k = quoteSeeds.item.length;
        if (i * SEED_STRIDE < quoteSeeds.pos.length && quoteSeeds.pos[i * SEED_STRIDE] >= 0 && seedableContext(o.context)) {
          quoteSeeds.item.push(i);
          // the model shares these with the reader's object, and they may change in place
          if (o.source) quoteSeeds.sub[2 * k] = o.source.text;
          if (o.cue) quoteSeeds.sub[2 * k + 1] = o.cue.text;
          if (o.topics) quoteSeeds.topics[k] = [...o.topics];
        } else quoteSeeds.item.push(-1);
      }
      const maxEnd = Math.max(q.end, q.source?.end ?? 0, q.cue?.end ?? 0);
      if (maxEnd > cpLen) { if (outOfRange++ === 0) firstOutOfRange = keyOffset(o, 'end'); }
      continue;
    }
    const id0 = str(o, 'id', 'quote', true);
    if (id0 === undefined) continue;
    const what = `quote "${id0}"`;
    let kind = str(o, 'kind', what, false);
    if (kind === undefined) { ctx.warn(`${what}: missing "kind"; read as direct.`, offsetOf(o)); kind = 'direct'; }
    else if (!QUOTE_KINDS.has(kind)) { ctx.error(`${what}: "kind" must be direct or indirect, not "${kind}".`, valueOffset(o, 'kind')); continue; }
    const sp = span(o, what, o);
    const text0 = str(o, 'text', what, true);
    const c = common(o, what);
    const source = subSpan(o, 'source', what);
    const cue = subSpan(o, 'cue', what);
    if (!sp || text0 === undefined || !c || source === null || cue === null) continue;
    const id = uniqueId(id0, o, 'quote');
    const q: Quote = { id, kind: kind as Quote['kind'], start: sp.start, end: sp.end, text: text0, origin: c.origin, status: c.status };
    const speaker = str(o, 'speaker', what, false);
    if (speaker !== undefined) { q.speaker = speaker; unknownSpeaker(speaker, o, what); }
    if (source) q.source = source;
    if (cue) q.cue = cue;
    const rule = str(o, 'rule', what, false);
    if (rule !== undefined) q.rule = rule;
    if (o.confidence !== undefined && o.confidence !== null) {
      if (typeof o.confidence !== 'number' || !(o.confidence >= 0 && o.confidence <= 1)) ctx.warn(`${what}: "confidence" must be a number from 0 to 1; ignored.`, valueOffset(o, 'confidence'));
      else q.confidence = o.confidence;
    }
    if (o.topics !== undefined && o.topics !== null) {
      if (!Array.isArray(o.topics) || !o.topics.every((t) => typeof t === 'string')) ctx.error(`${what}: "topics" must be a list of text.`, valueOffset(o, 'topics'));
      else q.topics = o.topics as string[];
    }
    if (c.previousStatus) q.previousStatus = c.previousStatus;
    readContext(o, q, what);
    ann.quotes.push(q);
    quoteSeeds?.item.push(-1);
    const x = itemExtras(o, QUOTE_SET, false, quoteBlocks?.[i] === true);
    if (x) extras.items.quotes.set(id, x);
    const maxEnd = Math.max(q.end, q.source?.end ?? 0, q.cue?.end ?? 0);
    if (maxEnd > cpLen) { if (outOfRange++ === 0) firstOutOfRange = keyOffset(o, 'end'); }
  }

  if (cpMap) convertToUtf16(ann, cpMap, stale, outOfRange, firstOutOfRange, ctx);
  storedContext.attach(ann, contextItems, contexts);
  const parsed = result(ctx, ann, text, extras, readOnly, readOnlyMessage, stale);
  if (parsed.ok && (entitySeeds || quoteSeeds)) {
    for (const sl of [entitySeeds, quoteSeeds]) {
      if (sl === undefined) continue;
      sl.model = sl === entitySeeds ? ann.entities.slice() : ann.quotes.slice();
      const n = sl.model.length;
      sl.tv = new Int32Array(n).fill(-1); sl.s16 = new Int32Array(n); sl.e16 = new Int32Array(n);
    }
    seedsOf.set(parsed, { entities: entitySeeds, quotes: quoteSeeds });
  }
  return parsed;
}

/** A context the writer would write as read (none, or the reader's {before, after} of text). */
function seedableContext(c: unknown): boolean {
  return c === undefined || (isObj(c) && typeof c.before === 'string' && typeof c.after === 'string');
}

function convertToUtf16(ann: Annotations, m: OffsetMap, stale: boolean, outOfRange: number, firstOffset: number, ctx: Ctx): void {
  const len = m.codePointLength;
  const conv = (s: { start: number; end: number }) => {
    s.start = m.toUtf16(Math.min(s.start, len));
    s.end = m.toUtf16(Math.min(s.end, len));
  };
  const orphan = (a: Entity | Quote) => {
    if (!stale && a.status !== 'orphaned') { a.previousStatus = a.status; a.status = 'orphaned'; }
  };
  for (const e of ann.entities) {
    if (e.end > len) orphan(e);
    if (!m.identity || e.end > len) conv(e);
  }
  for (const q of ann.quotes) {
    if (q.end > len) orphan(q);
    if (!m.identity || q.end > len) conv(q);
    if (q.source && (!m.identity || q.source.end > len)) conv(q.source);
    if (q.cue && (!m.identity || q.cue.end > len)) conv(q.cue);
  }
  if (outOfRange > 0 && !stale) {
    ctx.warn(`${outOfRange} annotation(s) point past the end of the article (${len} characters); they are marked orphaned.`, firstOffset);
  }
}

