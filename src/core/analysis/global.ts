/**
 * The global pass: one linear walk over the per-paragraph results that decides what needs the
 * whole document (short names resolving to earlier full names, pronouns, quotes continued over
 * paragraphs, speaker clusters) and assigns ids in document order.
 *
 * The walk is a `Walker` fed one paragraph at a time, so a full analysis can stream (each
 * paragraph's local result is dropped once walked). In retaining mode (the incremental analyzer)
 * each paragraph keeps the output objects the walk made for it (`Paragraph.out`) together with
 * anchors (paragraph + local span) of every offset they carry: the next walk reuses an object
 * whose decision did not change and only rewrites its offsets, and an edit that leaves every
 * decision alone skips the walk altogether (`patchOutputs`).
 */
import type { Analysis, Entity, EntityType, Quote, QuoteKind, Span, Speaker, SpeakerKind } from '../model';
import type { Header } from './header';
import { isCountry, PRONOUNS, SPEECH_VERBS, TITLES, VERB_ADVERBS } from './lexicon';
import type { LocalMention, LocalQuote, LocalResult, LocalSpan } from './paragraph';

/** What the walk made for one paragraph, kept by the incremental analyzer. */
export interface ParaOut {
  ents: Entity[];
  /** Index into `local.mentions` of each entity. */
  entMention: number[];
  /** One quote per local quote, same order. */
  quotes: Quote[];
  /** Anchors of each quote's source and cue spans (the paragraph holding the text, the local span). */
  srcPara: (Paragraph | undefined)[];
  srcSpan: (LocalSpan | undefined)[];
  cuePara: (Paragraph | undefined)[];
  cueSpan: (LocalSpan | undefined)[];
  /**
   * Local offsets of everything above, flat (entity: start, end; quote: start, end, source start,
   * end, cue start, end; FOREIGN when the span is in another paragraph): a shift reads only this.
   */
  offs: Int32Array | null;
}

export interface Paragraph {
  /** Offset of the paragraph in the text. */
  start: number;
  /** The paragraph's text (a line, without its line break). */
  text: string;
  local: LocalResult;
  /** Output objects of the last walk (retaining mode only). */
  out?: ParaOut;
}

interface Cluster {
  name: string;
  nameTokens: number;
  kind: SpeakerKind;
  aliases: string[];
  role?: string;
  gender?: 'm' | 'f';
  id: string;
  used: boolean;
  index: number;
}

/** Unknown two- or three-word names default to persons (measured worse on news: off). */
const PERSON_DEFAULT = false;
const NAME_TOKEN_RE = /[^\s]+/g;
/** Name particles compared case-insensitively ("De Vries" at a sentence start = "de Vries"). */
const NAME_PARTICLES = new Set(['de', 'da', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'la', 'le', 'ter', 'ten', 'di', 'dos', 'das']);

/**
 * A copy of a string cut from an article that does not keep the article alive (V8 copies slices
 * shorter than 13 characters; a longer one points into its parent): for the module's caches.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : ('\u0000' + s).slice(1);
}

/** What the clustering reads of a name (shared by every mention of the same name; never changed). */
interface NameInfo {
  toks: string[];
  key: string;
  /** The name lower-cased. */
  low: string;
  allCaps: boolean;
}
const NAME_INFO = new Map<string, NameInfo>();
const NAME_INFO_MAX = 20000;

function nameInfo(name: string): NameInfo {
  let info = NAME_INFO.get(name);
  if (!info) {
    const own = ownCopy(name);
    const low = own.toLowerCase();
    const toks = low.match(NAME_TOKEN_RE) ?? [];
    info = { toks, key: toks.join(' '), low, allCaps: own === own.toUpperCase() };
    if (NAME_INFO.size >= NAME_INFO_MAX) NAME_INFO.clear();
    NAME_INFO.set(own, info);
  }
  return info;
}

function tokensOf(name: string): string[] {
  return nameInfo(name).toks;
}

/** Whether the name has no lower-case letter (`name === name.toUpperCase()`). */
function allCapsName(name: string): boolean {
  return nameInfo(name).allCaps;
}

/** Caches the name's tokens and key on the mention (one look-up for both). */
function cacheName(m: LocalMention): void {
  const info = nameInfo(m.name);
  m.toks = info.toks;
  m.key = info.key;
}

function mentionToks(m: LocalMention): string[] {
  if (m.toks === undefined) cacheName(m);
  return m.toks!;
}

function mentionKey(m: LocalMention): string {
  if (m.key === undefined) cacheName(m);
  return m.key!;
}

const slugCache = new Map<string, string>();

/** Built on first use (a `\p{...}` literal costs about 0.3 ms when the bundle is parsed). */
let slugRe: RegExp | undefined;

export function slug(name: string): string {
  const hit = slugCache.get(name);
  if (hit !== undefined) return hit;
  let s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '');
  // ASCII names without a Unicode-property regex (its first use costs a millisecond of cold load)
  s = (/^[\x00-\x7f]*$/.test(s) ? s.replace(/[^a-z0-9]+/g, '-') : s.replace(slugRe ??= new RegExp('[^\\p{L}\\p{N}]+', 'gu'), '-'))
    .replace(/^-+|-+$/g, '') || 'speaker';
  if (slugCache.size > 20000) slugCache.clear();
  slugCache.set(name, s);
  return s;
}

const ENTITY_IDS: string[] = [];
const QUOTE_IDS: string[] = [];
const ID_CACHE_MAX = 200000;
function entityId(i: number): string {
  if (i >= ID_CACHE_MAX) return 'e' + (i + 1);
  while (ENTITY_IDS.length <= i) ENTITY_IDS.push('e' + (ENTITY_IDS.length + 1));
  return ENTITY_IDS[i];
}
function quoteId(i: number): string {
  if (i >= ID_CACHE_MAX) return 'q' + (i + 1);
  while (QUOTE_IDS.length <= i) QUOTE_IDS.push('q' + (QUOTE_IDS.length + 1));
  return QUOTE_IDS[i];
}

const DETERMINER_RE = /^(?:the|a|an|another|one|some|several|two|three)\s+/i;
const ORG_HEADS = new Set(['office', 'ministry', 'government', 'committee', 'campaign', 'agency', 'department', 'embassy',
  'council', 'administration', 'team', 'website', 'newspaper', 'statement', 'report', 'study', 'survey', 'poll', 'military', 'army', 'police']);
const GROUP_HEADS = new Set(['media', 'press']);
const NONBLANK_RE = /\S/;
/** "the " / "The " right before a mention (people take no article). */
const THE_BEFORE_RE = /(?:^|[^A-Za-z])[Tt]he\s$/;
const PRONOUN_RE = /\b(?:he|she|his|her|him|it|its|they|their)\b/i;
/** Whether the first personal pronoun in the same sentence after `from` is "it" / "its". */
function itFollows(text: string, from: number): boolean {
  let end = text.indexOf('. ', from);
  if (end < 0 || end > from + 160) end = Math.min(text.length, from + 160);
  const m = PRONOUN_RE.exec(text.slice(from, end));
  return !!m && (m[0].length === 2 || m[0].length === 3) && m[0][0].toLowerCase() === 'i';
}
const NEXT_WORD_RE = /^['’]?\s+([a-z]+)\b(?:\s+([a-z]+))?/;
/** Whether the words after a sentence-initial name make it the subject ("Ubisoft said", "Acme has also said"). */
function verbNext(text: string, from: number): boolean {
  const m = NEXT_WORD_RE.exec(text.slice(from, from + 40));
  if (!m) return false;
  // "Recent reports have revealed": a plural noun that a verb follows is the subject, the name only its modifier
  if (m[2] && m[1].endsWith('s') && (VERB_ADVERBS.has(m[2]) || SPEECH_VERBS.has(m[2]))) return false;
  return SPEECH_VERBS.has(m[1]) || (VERB_ADVERBS.has(m[1]) && !!m[2] && (SPEECH_VERBS.has(m[2]) || VERB_ADVERBS.has(m[2])));
}

/** Undo-log marker: the map had no such key. */
const ABSENT = Symbol('absent');
/** Undo-log marker: the cluster's alias list had this length. */
const ALIASES = Symbol('aliases');
type ClusterField = 'name' | 'nameTokens' | 'gender' | 'role' | 'used';
/** Slots per undo-log entry: target (a map or a cluster), key or field, previous value, new value. */
const LOG_W = 4;

/** How an edit maps the last walk's paragraphs and offsets onto the new ones (for `Walker.rewind`). */
export interface EditMap {
  /** First and last (old) paragraph replaced, and the number of paragraphs replacing them. */
  i0: number;
  i1: number;
  fresh: number;
  /** End of the replaced range in the old text, and the change in length. */
  end: number;
  delta: number;
}

/** What the last walk had after the restored checkpoint: a resumed walk stops once its state equals the old one. */
interface Resume {
  from: Checkpoint;
  edit: EditMap;
  /** Old undo-log entries after `from.log`. */
  log: unknown[];
  /** Old checkpoints after `from`, in order, and the next one to compare. */
  cps: Checkpoint[];
  next: number;
  /** Checks made (they thin out as the walk goes on). */
  checks: number;
  clusters: Cluster[];
  ents: Entity[];
  entCluster: (Cluster | undefined)[];
  entMention: (LocalMention | undefined)[];
  quotes: Quote[];
  quoteCluster: (Cluster | undefined)[];
  /** The old walk's state after its last paragraph. */
  end: Checkpoint;
}

interface Cell {
  init: unknown;
  v0: unknown;
  v1: unknown;
  set0: boolean;
  set1: boolean;
  a0?: unknown[];
  a1?: unknown[];
}

/** Final values of every cell changed by log entries [from, to), side 0 (old) or 1 (new). */
function netEffects(log: unknown[], from: number, to: number, cells: Map<unknown, Map<unknown, Cell>>, side: 0 | 1): void {
  for (let i = from; i < to; i += LOG_W) {
    const t = log[i], k = log[i + 1];
    let byKey = cells.get(t);
    if (!byKey) cells.set(t, byKey = new Map());
    let c = byKey.get(k);
    if (!c) byKey.set(k, c = { init: log[i + 2], v0: undefined, v1: undefined, set0: false, set1: false });
    if (k === ALIASES) {
      const a = side ? (c.a1 ??= []) : (c.a0 ??= []);
      a.push(log[i + 3]);
    } else if (side) { c.v1 = log[i + 3]; c.set1 = true; } else { c.v0 = log[i + 3]; c.set0 = true; }
  }
}

function sameCells(cells: Map<unknown, Map<unknown, Cell>>): boolean {
  for (const byKey of cells.values()) {
    for (const [k, c] of byKey) {
      if (k === ALIASES) {
        const a = c.a0 ?? [], b = c.a1 ?? [];
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      } else if ((c.set0 ? c.v0 : c.init) !== (c.set1 ? c.v1 : c.init)) {
        return false;
      }
    }
  }
  return true;
}

/** Paragraphs between two checkpoints of a retaining walk. */
const CHECKPOINT_EVERY = 16;

/** The walk's state before a paragraph: what `Walker.rewind` restores (maps and clusters through the undo log). */
interface Checkpoint {
  pi: number;
  log: number;
  ents: number;
  quotes: number;
  clusters: number;
  recentN: number;
  recentPos: Float64Array;
  recentCluster: (Cluster | undefined)[];
  lastOrgCluster: Cluster | undefined;
  prevIntro: Walker['prevIntro'];
  pdQuote: Quote | undefined;
  pdPi: number;
  pdOpenEnd: boolean;
  pdSpeaker: Cluster | undefined;
  pdSrcPara: Paragraph | undefined;
  pdSrcSpan: LocalSpan | undefined;
  pdCuePara: Paragraph | undefined;
  pdCueSpan: LocalSpan | undefined;
  lastNonBlank: number;
}

/** The "Minister Wang Yi" alias of a titled mention, or null (cached on the mention). */
function titledAlias(m: LocalMention, text: string): string | null {
  if (m.titledAlias !== undefined) return m.titledAlias;
  let r: string | null = null;
  if (m.titledStart !== undefined) {
    const titled = text.slice(m.titledStart, m.end);
    const title = titled.slice(0, titled.length - (m.end - m.start)).trim().replace(/\.$/, '').toLowerCase();
    if (TITLES.has(title)) r = titled;
  }
  m.titledAlias = r;
  return r;
}

const RING = 64;

function emptyOut(): ParaOut {
  return { ents: [], entMention: [], quotes: [], srcPara: [], srcSpan: [], cuePara: [], cueSpan: [], offs: null };
}

const FOREIGN = -0x7fffffff;

/** Fills `out.offs` from the paragraph's local result. */
export function fillOffs(para: Paragraph, out: ParaOut): void {
  const ne = out.ents.length, nq = out.quotes.length;
  const len = 2 * ne + 6 * nq;
  const o = out.offs && out.offs.length === len ? out.offs : (out.offs = new Int32Array(len));
  const ms = para.local.mentions;
  for (let k = 0; k < ne; k++) {
    const m = ms[out.entMention[k]];
    o[2 * k] = m.start;
    o[2 * k + 1] = m.end;
  }
  const lqs = para.local.quotes;
  for (let k = 0, j = 2 * ne; k < nq; k++, j += 6) {
    const lq = lqs[k];
    o[j] = lq.start;
    o[j + 1] = lq.end;
    const ss = out.srcSpan[k], cs = out.cueSpan[k];
    if (ss && out.srcPara[k] === para) { o[j + 2] = ss.start; o[j + 3] = ss.end; } else o[j + 2] = FOREIGN;
    if (cs && out.cuePara[k] === para) { o[j + 4] = cs.start; o[j + 5] = cs.end; } else o[j + 4] = FOREIGN;
  }
}

/**
 * The global walk. Feed paragraphs in order with `step`, then call `finish`. With `retain`, every
 * paragraph keeps its output objects in `out` and the next walk over the same paragraphs reuses them.
 */
export class Walker {
  readonly entities: Entity[] = [];
  /**
   * Retaining mode: every change to the maps and clusters as (target, key or field, previous value)
   * triples, and a checkpoint every CHECKPOINT_EVERY paragraphs, so that a later walk can resume
   * from the checkpoint before an edited paragraph instead of from the start.
   */
  private readonly log: unknown[] | null;
  private readonly checkpoints: Checkpoint[] = [];
  private resume: Resume | undefined;
  /**
   * Clusters dropped by `rewind`, back in their state at creation, by kind and name: a resumed walk
   * reuses them, so that its state can equal the old walk's (the same objects) once past the edit.
   */
  private spare = new Map<string, Cluster[]>();
  /** Set when a resumed walk found the old state again before paragraph `converged`: the rest was taken over. */
  converged = -1;
  private readonly entityCluster: (Cluster | undefined)[] = [];
  /**
   * The entities and quotes whose id or speaker `finish` may have to set again: from the first
   * index a walk since the last finish rewrote, to where it took over the old walk at the same
   * indices (the rest, untouched, keep theirs while no speaker's id changed).
   */
  private staleEnts = 0;
  private staleEntsTo = Infinity;
  private staleQuotes = 0;
  private staleQuotesTo = Infinity;
  /** The id of each cluster with a speaker id at the last finish (persons, and groups that speak). */
  private shownIds = new Map<Cluster, string>();
  /** The local mention of each entity (retaining mode only: a streaming walk lets them go, and fills `entityLow` instead). */
  private readonly entityMention: (LocalMention | undefined)[] = [];
  /** Streaming mode: the lower-cased surface of each entity when its mention had it (`LocalMention.low`). */
  private readonly entityLow: (string | undefined)[] = [];
  readonly quotes: Quote[] = [];
  private readonly quoteCluster: (Cluster | undefined)[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly byName = new Map<string, Cluster>(); // full person name (lower) -> cluster
  private readonly byLast = new Map<string, Cluster>(); // last name token (lower) -> cluster
  private readonly byToken = new Map<string, Cluster>(); // any name token (lower) -> cluster
  private readonly orgSpeakers = new Map<string, Cluster>();
  /** Surface (lower-cased) -> the first organisation or place type it was given: later bare mentions follow it. */
  private readonly typed = new Map<string, string>();
  // the last RING person mentions (for pronouns and roles): absolute positions and clusters
  private readonly recentPos = new Float64Array(RING);
  private readonly recentCluster: (Cluster | undefined)[] = new Array<Cluster | undefined>(RING).fill(undefined);
  private recentN = 0;
  private lastOrgCluster: Cluster | undefined;
  prevIntro: { lq: LocalQuote; para: Paragraph; firstEntity: number; pi: number } | undefined;
  // the last direct quote: its paragraph, whether it was left open, its speaker and span anchors
  private pdQuote: Quote | undefined;
  private pdPi = -1;
  private pdOpenEnd = false;
  private pdSpeaker: Cluster | undefined;
  private pdSrcPara: Paragraph | undefined;
  private pdSrcSpan: LocalSpan | undefined;
  private pdCuePara: Paragraph | undefined;
  private pdCueSpan: LocalSpan | undefined;
  private lastNonBlank = -1;
  private readonly fm: { start: number; end: number } | undefined;

  constructor(private readonly header: Header, private readonly retain: boolean) {
    this.fm = header.frontMatter;
    this.log = retain ? [] : null;
  }

  get headerRef(): Header {
    return this.header;
  }

  private mset<V>(map: Map<string, V>, key: string, v: V): void {
    const log = this.log;
    if (log) {
      const prev = map.get(key);
      if (prev === v) return;
      log.push(map, key, prev === undefined ? ABSENT : prev, v);
    }
    map.set(key, v);
  }

  private cset<F extends ClusterField>(c: Cluster, f: F, v: Cluster[F]): void {
    if (c[f] === v) return;
    if (this.log) this.log.push(c, f, c[f], v);
    c[f] = v;
  }

  private addAlias(c: Cluster, alias: string): void {
    if (alias !== c.name && !c.aliases.includes(alias)) {
      if (this.log) this.log.push(c, ALIASES, c.aliases.length, alias);
      c.aliases.push(alias);
    }
  }

  private snapshot(pi: number): Checkpoint {
    return {
      pi, log: this.log!.length, ents: this.entities.length, quotes: this.quotes.length, clusters: this.clusters.length,
      recentN: this.recentN, recentPos: this.recentPos.slice(), recentCluster: this.recentCluster.slice(),
      lastOrgCluster: this.lastOrgCluster, prevIntro: this.prevIntro, pdQuote: this.pdQuote, pdPi: this.pdPi,
      pdOpenEnd: this.pdOpenEnd, pdSpeaker: this.pdSpeaker, pdSrcPara: this.pdSrcPara, pdSrcSpan: this.pdSrcSpan,
      pdCuePara: this.pdCuePara, pdCueSpan: this.pdCueSpan, lastNonBlank: this.lastNonBlank,
    };
  }

  private checkpoint(pi: number): void {
    this.checkpoints.push(this.snapshot(pi));
  }

  /**
   * Retaining mode: restores the state before the last checkpoint at or before paragraph `pi`
   * (the paragraphs before `pi` must be the ones walked) and returns that checkpoint's paragraph,
   * from which the caller steps on; -1 when there is none (walk with a new Walker).
   */
  rewind(pi: number, edit?: EditMap, paragraphs?: number): number {
    const cps = this.checkpoints;
    let k = cps.length;
    while (k > 0 && cps[k - 1].pi > pi) k--;
    const cp = k > 0 ? cps[k - 1] : undefined;
    if (!cp || !this.log) return -1;
    const log = this.log;
    this.converged = -1;
    this.resume = edit && paragraphs !== undefined ? {
      from: cp, edit, log: log.slice(cp.log), cps: cps.slice(k), next: 0, checks: 0,
      clusters: this.clusters.slice(cp.clusters), ents: this.entities.slice(cp.ents),
      entCluster: this.entityCluster.slice(cp.ents), entMention: this.entityMention.slice(cp.ents),
      quotes: this.quotes.slice(cp.quotes), quoteCluster: this.quoteCluster.slice(cp.quotes),
      end: this.snapshot(paragraphs),
    } : undefined;
    this.spare = new Map();
    cps.length = k - 1;
    for (let i = log.length - LOG_W; i >= cp.log; i -= LOG_W) {
      const t = log[i], k = log[i + 1], prev = log[i + 2];
      if (t instanceof Map) {
        if (prev === ABSENT) t.delete(k); else t.set(k, prev);
      } else if (k === ALIASES) {
        (t as Cluster).aliases.length = prev as number;
      } else {
        (t as Record<string, unknown>)[k as string] = prev;
      }
    }
    log.length = cp.log;
    for (let i = cp.clusters; i < this.clusters.length; i++) {
      const c = this.clusters[i];
      const key = c.kind + ' ' + c.name;
      const list = this.spare.get(key);
      if (list) list.push(c); else this.spare.set(key, [c]);
    }
    this.staleEnts = Math.min(this.staleEnts, cp.ents);
    this.staleQuotes = Math.min(this.staleQuotes, cp.quotes);
    this.staleEntsTo = this.staleQuotesTo = Infinity;
    this.entities.length = cp.ents;
    this.entityCluster.length = cp.ents;
    this.entityMention.length = cp.ents;
    this.quotes.length = cp.quotes;
    this.quoteCluster.length = cp.quotes;
    this.clusters.length = cp.clusters;
    this.recentN = cp.recentN;
    this.recentPos.set(cp.recentPos);
    for (let i = 0; i < RING; i++) this.recentCluster[i] = cp.recentCluster[i];
    this.lastOrgCluster = cp.lastOrgCluster;
    this.prevIntro = cp.prevIntro;
    this.pdQuote = cp.pdQuote; this.pdPi = cp.pdPi; this.pdOpenEnd = cp.pdOpenEnd; this.pdSpeaker = cp.pdSpeaker;
    this.pdSrcPara = cp.pdSrcPara; this.pdSrcSpan = cp.pdSrcSpan; this.pdCuePara = cp.pdCuePara; this.pdCueSpan = cp.pdCueSpan;
    this.lastNonBlank = cp.lastNonBlank;
    return cp.pi;
  }

  /**
   * After an edit that kept every decision (`shiftOutputs`): the person positions remembered by
   * the checkpoints after paragraph `pi` move with the text (positions at or after `end`, the old
   * end of the replaced range, move by `delta`).
   */
  /** Maps a paragraph index of the last walk to the resumed one (NaN inside the edited range). */
  private mapPi(r: Resume, x: number): number {
    const e = r.edit;
    return x > e.i1 ? x + e.fresh - (e.i1 - e.i0 + 1) : x < e.i0 ? x : NaN;
  }

  /**
   * Resumed walk, before paragraph `pi` (past the edited ones): when the state equals the old
   * walk's state before the same paragraph, takes over the old walk's results for the rest (their
   * offsets are rewritten by the caller, see `converged`) and returns true.
   */
  private tryConverge(pi: number): boolean {
    const r = this.resume!;
    const e = r.edit;
    const dP = e.fresh - (e.i1 - e.i0 + 1);
    if (pi < e.i0 + e.fresh) return false;
    while (r.next < r.cps.length && r.cps[r.next].pi + dP < pi) r.next++;
    const o = r.cps[r.next];
    if (!o) { this.resume = undefined; return false; }
    if (o.pi + dP !== pi) return false;
    r.checks++;
    if (r.checks > 4 && (r.checks & (r.checks - 1)) !== 0) return false;
    if (!this.sameState(r, o)) return false;
    this.adopt(r, o, pi);
    return true;
  }

  private sameState(r: Resume, o: Checkpoint): boolean {
    // (the cluster list may differ: its order matters only to `finish`, and every cluster sits in a map compared below)
    if (this.lastNonBlank !== this.mapPi(r, o.lastNonBlank) || this.lastOrgCluster !== o.lastOrgCluster) return false;
    // the person ring: the clusters of the last 60 mentions (positions are all before what comes)
    const nNew = this.recentN, nOld = o.recentN;
    if ((nNew < 60 || nOld < 60) && nNew !== nOld) return false;
    for (let j = 1; j <= 60 && j <= nNew; j++) {
      if (this.recentCluster[(nNew - j) % RING] !== o.recentCluster[(nOld - j) % RING]) return false;
    }
    // the last direct quote and the last introduction matter only while their paragraph is the last non-blank one
    const pdLive = this.pdQuote !== undefined && this.pdPi === this.lastNonBlank;
    const pdLiveOld = o.pdQuote !== undefined && this.mapPi(r, o.pdPi) === this.lastNonBlank;
    if (pdLive !== pdLiveOld) return false;
    if (pdLive && (this.pdQuote !== o.pdQuote || this.pdOpenEnd !== o.pdOpenEnd || this.pdSpeaker !== o.pdSpeaker
      || this.pdSrcPara !== o.pdSrcPara || this.pdSrcSpan !== o.pdSrcSpan || this.pdCuePara !== o.pdCuePara || this.pdCueSpan !== o.pdCueSpan)) return false;
    const pv = this.prevIntro, ov = o.prevIntro;
    const piLive = pv !== undefined && pv.pi === this.lastNonBlank;
    const piLiveOld = ov !== undefined && this.mapPi(r, ov.pi) === this.lastNonBlank;
    if (piLive !== piLiveOld) return false;
    if (piLive) {
      if (pv.lq !== ov!.lq || pv.para !== ov!.para) return false;
      // the introduction's entities (its speaker is looked up among them)
      const n = this.entities.length - pv.firstEntity;
      if (ov!.firstEntity < r.from.ents || o.ents - ov!.firstEntity !== n) return false;
      for (let i = 0; i < n; i++) {
        const oi = ov!.firstEntity - r.from.ents + i;
        if (this.entities[pv.firstEntity + i] !== r.ents[oi] || this.entityCluster[pv.firstEntity + i] !== r.entCluster[oi]) return false;
      }
    }
    // maps and clusters: the net effect of both logs since the restored checkpoint
    const cells = new Map<unknown, Map<unknown, Cell>>();
    netEffects(r.log, 0, o.log - r.from.log, cells, 0);
    netEffects(this.log!, r.from.log, this.log!.length, cells, 1);
    return sameCells(cells);
  }

  /** Takes over the old walk from its checkpoint `o` (= the state now, before paragraph `pi`). */
  private adopt(r: Resume, o: Checkpoint, pi: number): void {
    const log = this.log!;
    const dE = this.entities.length - o.ents, dQ = this.quotes.length - o.quotes, dN = this.recentN - o.recentN;
    const dL = log.length - o.log;
    const e = r.edit;
    // redo the old walk's changes after `o`
    for (let i = o.log - r.from.log; i < r.log.length; i += LOG_W) {
      const t = r.log[i], k = r.log[i + 1], v = r.log[i + 3];
      if (t instanceof Map) t.set(k, v);
      else if (k === ALIASES) (t as Cluster).aliases.push(v as string);
      else (t as Record<string, unknown>)[k as string] = v;
      log.push(t, k, r.log[i + 2], v);
    }
    // the old walk's entities and quotes from here on keep their indices (and ids) when as many came before
    if (dE === 0) this.staleEntsTo = Math.min(this.staleEntsTo, this.entities.length);
    if (dQ === 0) this.staleQuotesTo = Math.min(this.staleQuotesTo, this.quotes.length);
    const have = new Set(this.clusters.slice(r.from.clusters));
    for (let i = o.clusters - r.from.clusters; i < r.clusters.length; i++) if (!have.has(r.clusters[i])) this.clusters.push(r.clusters[i]);
    for (let i = o.ents - r.from.ents; i < r.ents.length; i++) {
      this.entities.push(r.ents[i]);
      this.entityCluster.push(r.entCluster[i]);
      this.entityMention.push(r.entMention[i]);
    }
    for (let i = o.quotes - r.from.quotes; i < r.quotes.length; i++) {
      this.quotes.push(r.quotes[i]);
      this.quoteCluster.push(r.quoteCluster[i]);
    }
    const fix = (c: Checkpoint): Checkpoint => {
      const pos = new Float64Array(RING);
      const cl = new Array<Cluster | undefined>(RING);
      for (let j = 0; j < RING; j++) {
        const to = (((j + dN) % RING) + RING) % RING;
        pos[to] = c.recentPos[j] >= e.end ? c.recentPos[j] + e.delta : c.recentPos[j];
        cl[to] = c.recentCluster[j];
      }
      let prevIntro = c.prevIntro;
      if (prevIntro) {
        prevIntro = prevIntro.para === this.prevIntro?.para && prevIntro.lq === this.prevIntro.lq ? this.prevIntro
          : { ...prevIntro, firstEntity: prevIntro.firstEntity + (prevIntro.firstEntity >= o.ents ? dE : 0), pi: this.mapPi(r, prevIntro.pi) };
      }
      return {
        ...c, pi: this.mapPi(r, c.pi), log: c.log + dL, ents: c.ents + dE, quotes: c.quotes + dQ, recentN: c.recentN + dN,
        recentPos: pos, recentCluster: cl, prevIntro, pdPi: this.mapPi(r, c.pdPi), lastNonBlank: this.mapPi(r, c.lastNonBlank),
      };
    };
    const end = fix(r.end);
    for (let i = r.next; i < r.cps.length; i++) this.checkpoints.push(fix(r.cps[i]));
    this.recentN = end.recentN;
    this.recentPos.set(end.recentPos);
    for (let i = 0; i < RING; i++) this.recentCluster[i] = end.recentCluster[i];
    this.lastOrgCluster = end.lastOrgCluster;
    this.prevIntro = end.prevIntro;
    this.pdQuote = end.pdQuote; this.pdPi = end.pdPi; this.pdOpenEnd = end.pdOpenEnd; this.pdSpeaker = end.pdSpeaker;
    this.pdSrcPara = end.pdSrcPara; this.pdSrcSpan = end.pdSrcSpan; this.pdCuePara = end.pdCuePara; this.pdCueSpan = end.pdCueSpan;
    this.lastNonBlank = end.lastNonBlank;
    this.resume = undefined;
    this.spare = new Map();
    this.converged = pi;
  }

  shiftCheckpoints(pi: number, end: number, delta: number): void {
    if (delta === 0) return;
    const cps = this.checkpoints;
    for (let i = cps.length - 1; i >= 0 && cps[i].pi > pi; i--) {
      const pos = cps[i].recentPos;
      for (let k = 0; k < RING; k++) if (pos[k] >= end) pos[k] += delta;
    }
  }

  private newCluster(name: string, kind: SpeakerKind): Cluster {
    const reuse = this.spare.size ? this.spare.get(kind + ' ' + name)?.shift() : undefined;
    if (reuse) {
      reuse.index = this.clusters.length;
      this.clusters.push(reuse);
      return reuse;
    }
    const c: Cluster = { name, nameTokens: name.split(' ').length, kind, aliases: [], id: '', used: false, index: this.clusters.length };
    this.clusters.push(c);
    return c;
  }

  private registerPerson(c: Cluster, toks: string[], key: string, allCaps: boolean): void {
    this.mset(this.byName, key, c);
    if (toks.length) this.mset(this.byLast, toks[toks.length - 1], c);
    if (!allCaps) for (const tk of toks) if (tk.length > 1 && !NAME_PARTICLES.has(tk)) this.mset(this.byToken, tk, c);
  }

  private personFor(m: LocalMention): Cluster | undefined {
    const toks = mentionToks(m);
    const key = mentionKey(m);
    let c = this.byName.get(key);
    if (!c && toks.length === 1) c = this.byLast.get(key) ?? this.byToken.get(key);
    if (!c && toks.length > 1) {
      // "De Vries" after "Marieke de Vries": the tail of a longer name (particles in any case)
      c = this.tailOf(toks, key);
      if (!c) {
        // "Hamdullah Mohib" after a bare "Mohib"
        const prev = this.byLast.get(toks[toks.length - 1]);
        if (prev && prev.nameTokens === 1) {
          this.cset(prev, 'name', m.name);
          this.cset(prev, 'nameTokens', toks.length);
          c = prev;
        }
      }
    }
    return c;
  }

  private tailOf(toks: string[], key: string): Cluster | undefined {
    const c = this.byLast.get(toks[toks.length - 1]);
    if (!c || c.kind !== 'person') return undefined;
    return c.name.toLowerCase().endsWith(' ' + key) ? c : undefined;
  }

  private pushRecent(pos: number, c: Cluster): void {
    const k = this.recentN % RING;
    this.recentPos[k] = pos;
    this.recentCluster[k] = c;
    this.recentN++;
  }

  /** Walks paragraph number `pi`. */
  step(pi: number, para: Paragraph): void {
    const local = para.local;
    const base = para.start;
    if (this.log && pi % CHECKPOINT_EVERY === 0) {
      if (this.resume && this.tryConverge(pi)) return;
      this.checkpoint(pi);
    }
    const empty = !local.mentions.length && !local.quotes.length && !local.intro;
    if (!empty && !(this.fm && base < this.fm.end && base >= this.fm.start)) this.walk(pi, para);
    else if (para.out) para.out = undefined;
    if (!empty || (para.text.length !== 0 && NONBLANK_RE.test(para.text))) this.lastNonBlank = pi; // (most empty paragraphs are blank lines)
  }

  private walk(pi: number, para: Paragraph): void {
    const base = para.start;
    const local = para.local;
    const text = para.text;
    const firstEntity = this.entities.length;
    const old = this.retain ? para.out : undefined;
    const out = this.retain ? (old ?? (para.out = emptyOut())) : undefined;
    const oldEntCount = old ? old.ents.length : 0;
    let k = 0; // entity cursor within the paragraph
    let dirty = !old || !old.offs;

    // ---- mentions
    const mentions = local.mentions;
    for (let mi = 0; mi < mentions.length; mi++) {
      const m = mentions[mi];
      let type: string = m.type;
      let cluster: Cluster | undefined;
      if (m.fixed) {
        if (type === 'person') {
          const key = nameInfo(m.name).low; // (one string per name: its hash is computed once)
          cluster = this.byName.get(key);
          if (!cluster) { cluster = this.newCluster(m.name, 'person'); this.registerPerson(cluster, tokensOf(m.name), key, allCapsName(m.name)); }
        }
      } else if (type === 'person') {
        cluster = this.personFor(m);
        if (!cluster) cluster = this.newCluster(m.name, 'person');
        this.registerPerson(cluster, mentionToks(m), mentionKey(m), allCapsName(m.name));
      } else if (type === 'unknown' || (type === 'organization' && m.name.length >= 3 && allCapsName(m.name))) {
        cluster = type === 'organization' ? this.byLast.get(mentionKey(m)) : this.personFor(m);
        const known = cluster ? undefined : this.typed.get(m.low ?? (m.low = text.slice(m.start, m.end).toLowerCase())) ?? m.hint;
        if (cluster) type = 'person';
        else if (known) type = known; // "Brenton Space Center (BSC)" typed "BSC" as a place before
        else if (type === 'organization') { /* acronym-like all-caps word */ }
        else if (m.weak && !m.speaks) continue;
        else if (m.speaks && THE_BEFORE_RE.test(text.slice(Math.max(0, m.start - 4), m.start))) {
          type = 'organization'; // "the White House is insisting", "the Pentagon said": people take no article
        } else if (m.speaks && mentionToks(m).length === 1 && ((m.weak && !verbNext(text, m.end)) || itFollows(text, m.end))) {
          // A lone unfamiliar word that speaks: a sentence-initial modifier ("Recent reports have revealed") is no name;
          // one that "it" / "its" refers to next ("Acme said it would …") is a body, not a person.
          if (m.weak && !verbNext(text, m.end)) continue;
          type = 'organization';
        } else if (m.speaks) {
          type = 'person';
          cluster = this.newCluster(m.name, 'person');
          this.registerPerson(cluster, mentionToks(m), mentionKey(m), allCapsName(m.name));
        } else {
          const n = mentionToks(m).length;
          if (PERSON_DEFAULT && n >= 2 && n <= 3 && !/\d/.test(m.name)) {
            type = 'person';
            cluster = this.newCluster(m.name, 'person');
            this.registerPerson(cluster, mentionToks(m), mentionKey(m), false);
          } else continue; // capitalised but unknown: not suggested
        }
      } else if (type === 'organization' && m.weak) {
        continue;
      } else if (type === 'place' && mentionToks(m).length === 1) {
        // "Nora Lyon … Lyon claims": a lone word that is the surname of a person named in full earlier is that person
        // (or the given name of one: "Tom Eldred … confidence in Tom")
        const c = this.byLast.get(mentionKey(m)) ?? (m.hint === 'person' ? this.byToken.get(mentionKey(m)) : undefined);
        if (c && c.kind === 'person' && c.nameTokens > 1 && !isCountry(mentionKey(m))) { type = 'person'; cluster = c; }
      }
      if ((type === 'organization' || type === 'place') && !cluster) {
        const low = m.low ?? (m.low = text.slice(m.start, m.end).toLowerCase());
        if (!this.typed.has(low)) this.mset(this.typed, low, type);
      }
      let e: Entity | undefined;
      if (old && k < oldEntCount && old.entMention[k] === mi && old.ents[k].type === type) {
        e = old.ents[k];
        e.start = base + m.start;
        e.end = base + m.end;
      } else {
        dirty = true;
        e = newEntity(type, base + m.start, base + m.end, mentionText(m, text), m.role, cluster?.kind === 'person');
      }
      if (out && old) { if (k >= oldEntCount || old.entMention[k] !== mi) dirty = true; }
      if (out) { out.ents[k] = e; out.entMention[k] = mi; }
      k++;
      if (cluster) {
        if (m.gender && !cluster.gender) this.cset(cluster, 'gender', m.gender);
        if (m.role && !cluster.role) this.cset(cluster, 'role', m.role);
        this.addAlias(cluster, e.text);
        const titled = m.titledStart !== undefined ? titledAlias(m, text) : null;
        if (titled) this.addAlias(cluster, titled);
        this.pushRecent(base + m.start, cluster);
      }
      this.entities.push(e);
      this.entityCluster.push(cluster);
      if (this.retain) this.entityMention.push(m); else this.entityLow.push(m.low);
    }
    if (out && out.ents.length !== k) { out.ents.length = k; out.entMention.length = k; dirty = true; }

    // ---- quotes
    const lqs = local.quotes;
    const firstQuote = this.quotes.length;
    for (let qi = 0; qi < lqs.length; qi++) {
      const lq = lqs[qi];
      let speaker: Cluster | undefined;
      let rule = lq.rule;
      let confidence = lq.confidence;
      let srcPara: Paragraph | undefined, srcSpan: LocalSpan | undefined, srcText: string | undefined;
      let cuePara: Paragraph | undefined, cueSpan: LocalSpan | undefined;
      if (lq.source) {
        srcPara = para; srcSpan = lq.source; srcText = lq.srcText;
        speaker = this.resolveSource(lq, text, base, firstEntity);
      } else if (lq.inherit !== undefined) {
        speaker = this.quoteCluster[firstQuote + lq.inherit];
        let src: LocalQuote | undefined = lqs[lq.inherit];
        for (let hops = 0; src && !src.source && src.inherit !== undefined && hops < 20; hops++) src = lqs[src.inherit];
        if (src && src.source) { srcPara = para; srcSpan = src.source; srcText = src.srcText; }
        if (src && src.cue) { cuePara = para; cueSpan = src.cue; }
      } else if (lq.paragraphStart && this.prevIntro && this.prevIntro.pi === this.lastNonBlank) {
        const pv = this.prevIntro;
        srcPara = pv.para; srcSpan = pv.lq.source; srcText = pv.lq.srcText;
        cuePara = pv.para; cueSpan = pv.lq.cue;
        speaker = this.resolveSource(pv.lq, pv.para.text, pv.para.start, pv.firstEntity);
        rule = pv.lq.rule;
        confidence = pv.lq.confidence;
      } else if (lq.paragraphStart && this.pdQuote && this.pdPi === this.lastNonBlank) {
        if (this.pdSpeaker || this.pdSrcSpan) {
          speaker = this.pdSpeaker;
          srcPara = this.pdSrcPara; srcSpan = this.pdSrcSpan;
          cuePara = this.pdCuePara; cueSpan = this.pdCueSpan;
          rule = this.pdOpenEnd ? 'continued-paragraph' : 'continuation';
          confidence = this.pdOpenEnd ? 0.9 : 0.6;
        }
      }
      if (lq.cue && !cueSpan) { cuePara = para; cueSpan = lq.cue; }

      // the quote object: reused when the old one is there, else new
      const oq = old && qi < old.quotes.length ? old.quotes[qi] : undefined;
      let q: Quote;
      if (oq && old) {
        q = oq;
        q.start = base + lq.start;
        q.end = base + lq.end;
        const so = anchorSpan(q.source, old.srcPara[qi], old.srcSpan[qi], srcPara, srcSpan);
        if (so) { if (q.source !== so) q.source = so; } else if (q.source) delete q.source;
        const co = anchorSpan(q.cue, old.cuePara[qi], old.cueSpan[qi], cuePara, cueSpan);
        if (co) { if (q.cue !== co) q.cue = co; } else if (q.cue) delete q.cue;
      } else {
        q = newQuote(lq.kind, base + lq.start, base + lq.end, text.slice(lq.start, lq.end),
          srcSpan ? makeSpan(srcPara!, srcSpan, srcText) : undefined, cueSpan ? makeSpan(cuePara!, cueSpan) : undefined,
          rule, confidence, speaker !== undefined);
      }
      if (speaker) this.cset(speaker, 'used', true);
      if (oq) {
        if (rule !== undefined && (q.source || speaker)) { if (q.rule !== rule) q.rule = rule; } else if (q.rule !== undefined) delete q.rule;
        if (confidence !== undefined && q.rule) { if (q.confidence !== confidence) q.confidence = confidence; } else if (q.confidence !== undefined) delete q.confidence;
      }
      if (out) {
        if (old && (old.srcPara[qi] !== srcPara || old.srcSpan[qi] !== srcSpan || old.cuePara[qi] !== cuePara || old.cueSpan[qi] !== cueSpan)) dirty = true;
        out.quotes[qi] = q;
        out.srcPara[qi] = srcPara; out.srcSpan[qi] = srcSpan;
        out.cuePara[qi] = cuePara; out.cueSpan[qi] = cueSpan;
      }
      this.quotes.push(q);
      this.quoteCluster.push(speaker);
      if (lq.kind === 'direct') {
        this.pdQuote = q; this.pdPi = pi; this.pdOpenEnd = !!lq.openEnd; this.pdSpeaker = speaker;
        this.pdSrcPara = srcPara; this.pdSrcSpan = srcSpan; this.pdCuePara = cuePara; this.pdCueSpan = cueSpan;
      }
    }
    if (out && out.quotes.length !== lqs.length) {
      const n = lqs.length;
      out.quotes.length = n; out.srcPara.length = n; out.srcSpan.length = n; out.cuePara.length = n; out.cueSpan.length = n;
      dirty = true;
    }
    if (out && dirty) fillOffs(para, out);
    if (local.intro) this.prevIntro = { lq: local.intro, para, firstEntity, pi };
  }

  private resolveSource(lq: LocalQuote, text: string, base: number, firstEntity: number): Cluster | undefined {
    const src = lq.source!;
    const abs = base + src.start;
    const sx = lq.sx ?? (lq.sx = sourceTextOf(lq.srcText ?? text.slice(src.start, src.end)));
    if (lq.sourceKind === 'pronoun') {
      const pr = PRONOUNS.get(sx.low);
      if (pr === 'm' || pr === 'f') {
        for (let n = this.recentN - 1, steps = 0; n >= 0 && steps < 60; n--, steps++) {
          const slot = n % RING;
          if (this.recentPos[slot] >= abs) continue;
          const c = this.recentCluster[slot]!;
          if (!c.gender || c.gender === pr) return c;
        }
        return undefined;
      }
      if (pr === 'n' || pr === 'p') return this.lastOrgCluster;
      return undefined;
    }
    // a mention inside the source span
    let personInside: Cluster | undefined;
    let mentionInside: Entity | undefined;
    let mentionIndex = -1;
    const entities = this.entities;
    for (let i = firstEntity; i < entities.length; i++) {
      const e = entities[i];
      if (e.start >= base + src.end) break;
      if (e.end > abs && e.start < base + src.end && e.type !== 'date') {
        if (this.entityCluster[i]) { personInside = this.entityCluster[i]; }
        mentionInside = e;
        mentionIndex = i;
      }
    }
    if (lq.sourceKind === 'mention') {
      if (personInside) return personInside;
      if (mentionInside) {
        const m = this.retain ? this.entityMention[mentionIndex] : undefined;
        return this.orgSpeaker(mentionInside.text, m ? m.low ?? (m.low = mentionInside.text.toLowerCase())
          : this.entityLow[mentionIndex] ?? mentionInside.text.toLowerCase(), 'organization');
      }
      return this.orgSpeaker(sx.text, sx.low, 'organization');
    }
    // noun phrase: "Mohib’s office", "Chinese media", "a source", "the minister"
    const head = sx.head;
    if (!personInside && TITLES.has(head) && sx.theOrA === sx.the) {
      for (let n = this.recentN - 1, steps = 0; n >= 0 && steps < 40; n--, steps++) {
        const c = this.recentCluster[n % RING]!;
        if (c.role && c.role.toLowerCase().includes(head)) return c;
      }
    }
    if (personInside && !sx.possessive && !ORG_HEADS.has(head) && !GROUP_HEADS.has(head)) return personInside;
    const kind: SpeakerKind = GROUP_HEADS.has(head) ? 'group' : ORG_HEADS.has(head) || personInside ? 'organization' : 'group';
    return this.orgSpeaker(sx.np, sx.npLow, kind);
  }

  private orgSpeaker(name: string, key: string, kind: SpeakerKind): Cluster {
    let c = this.orgSpeakers.get(key);
    if (!c) {
      c = this.newCluster(name, kind);
      this.mset(this.orgSpeakers, key, c);
    }
    this.lastOrgCluster = c;
    return c;
  }

  /** Assigns speaker ids and entity / quote ids; returns the analysis. */
  finish(): Analysis {
    this.resume = undefined;
    this.spare = new Map();
    const speakers: Speaker[] = [];
    const taken = new Set<string>();
    const clusters = this.clusters;
    let usedOrgs = false;
    // whether a speaker id changed, came or went since the last finish: then every entity and
    // quote may name another speaker, else only the stale ones
    let idsChanged = false;
    for (let i = 0; i < clusters.length; i++) {
      const c = clusters[i];
      if (c.kind !== 'person' && !c.used) continue;
      if (c.kind !== 'person') usedOrgs = true;
      let id = slug(c.name);
      if (taken.has(id)) {
        let k = 2;
        while (taken.has(`${id}-${k}`)) k++;
        id = `${id}-${k}`;
      }
      taken.add(id);
      c.id = id;
      if (!idsChanged && this.shownIds.get(c) !== id) idsChanged = true;
      const s: Speaker = { id, name: c.name, aliases: c.aliases.filter((a) => a !== c.name), kind: c.kind };
      if (c.role) s.role = c.role;
      speakers.push(s);
    }
    if (speakers.length !== this.shownIds.size) idsChanged = true;
    if (idsChanged) {
      this.shownIds = new Map();
      for (const c of clusters) if (c.kind === 'person' || c.used) this.shownIds.set(c, c.id);
    }
    const entities = this.entities;
    const eTo = idsChanged ? entities.length : Math.min(this.staleEntsTo, entities.length);
    for (let i = idsChanged ? 0 : this.staleEnts; i < eTo; i++) {
      const e = entities[i];
      const id = entityId(i);
      if (e.id !== id) e.id = id;
      let c = this.entityCluster[i];
      if (!c && usedOrgs && (e.type === 'organization' || e.type === 'place')) {
        const m = this.retain ? this.entityMention[i] : undefined;
        c = this.orgSpeakers.get(m ? m.low ?? (m.low = e.text.toLowerCase()) : this.entityLow[i] ?? e.text.toLowerCase());
      }
      const sid = c && (c.kind === 'person' || c.used) ? c.id : undefined;
      if (e.speaker !== sid) { if (sid) e.speaker = sid; else delete e.speaker; }
    }
    const quotes = this.quotes;
    const qTo = idsChanged ? quotes.length : Math.min(this.staleQuotesTo, quotes.length);
    for (let i = idsChanged ? 0 : this.staleQuotes; i < qTo; i++) {
      const q = quotes[i];
      const id = quoteId(i);
      if (q.id !== id) q.id = id;
      const c = this.quoteCluster[i];
      const sid = c && c.id ? c.id : undefined;
      if (q.speaker !== sid) { if (sid) q.speaker = sid; else delete q.speaker; }
    }
    this.staleEnts = entities.length;
    this.staleQuotes = quotes.length;
    this.staleEntsTo = this.staleQuotesTo = Infinity;
    return { article: { ...this.header.article }, speakers, entities, quotes };
  }
}

/** What the speaker look-up needs of a source's text (computed once per local quote). */
export interface SourceText {
  text: string;
  low: string;
  /** Without a leading determiner, and lower-cased. */
  np: string;
  npLow: string;
  /** Last word, lower-cased. */
  head: string;
  possessive: boolean;
  theOrA: boolean;
  the: boolean;
}

const SOURCE_TEXT = new Map<string, SourceText>();

/** `sourceText`, shared by every source of the same text (the objects are never changed). */
function sourceTextOf(text: string): SourceText {
  let sx = SOURCE_TEXT.get(text);
  if (!sx) {
    text = ownCopy(text);
    sx = sourceText(text);
    if (SOURCE_TEXT.size >= NAME_INFO_MAX) SOURCE_TEXT.clear();
    SOURCE_TEXT.set(text, sx);
  }
  return sx;
}

function sourceText(text: string): SourceText {
  const np = text.replace(DETERMINER_RE, '');
  const npLow = np.toLowerCase();
  return {
    text, low: text.toLowerCase(), np, npLow, head: npLow.split(/\s+/).pop() ?? '',
    possessive: /[’']s\b/.test(text), theOrA: /^(?:the|a)\s/i.test(text), the: /^the\s/i.test(text),
  };
}

/** `shared`: a string that may be the span's text (the local pass's interned source text), used when it is. */
function makeSpan(para: Paragraph, s: LocalSpan, shared?: string): Span {
  const text = shared !== undefined && shared.length === s.end - s.start && para.text.startsWith(shared, s.start)
    ? shared : para.text.slice(s.start, s.end);
  return { start: para.start + s.start, end: para.start + s.end, text };
}

/** A mention's surface: its name when that is the surface (one string for every such mention, not a copy each). */
function mentionText(m: LocalMention, text: string): string {
  const name = m.name;
  return name.length === m.end - m.start && text.startsWith(name, m.start) ? name : text.slice(m.start, m.end);
}

/*
 * New entities and quotes are made whole, their optional properties in the order JSON shows them:
 * a property added to an object literal later goes to a separate backing store (an allocation,
 * and a bigger one again at the fourth). `speaker` is a slot that `finish` fills when it is sure
 * to (a person's mention, a quote with a speaker), else `finish` adds it if it must.
 */
function newEntity(type: EntityType, start: number, end: number, text: string, role: string | undefined, person: boolean): Entity {
  if (role) {
    return person ? { id: '', type, start, end, text, origin: 'auto', status: 'suggested', role, speaker: '' }
      : { id: '', type, start, end, text, origin: 'auto', status: 'suggested', role };
  }
  return person ? { id: '', type, start, end, text, origin: 'auto', status: 'suggested', speaker: '' }
    : { id: '', type, start, end, text, origin: 'auto', status: 'suggested' };
}

/** A new quote (see `newEntity`); `rule` and `confidence` as the walk found them, kept as the walk's rules say. */
function newQuote(kind: QuoteKind, start: number, end: number, text: string, source: Span | undefined, cue: Span | undefined,
  rule: string | undefined, confidence: number | undefined, speaker: boolean): Quote {
  const hasRule = rule !== undefined && (source !== undefined || speaker);
  const hasConf = confidence !== undefined && hasRule && !!rule;
  if (source && cue && hasRule && hasConf && speaker) {
    return { id: '', kind, start, end, text, origin: 'auto', status: 'suggested', source, cue, rule, confidence, speaker: '' };
  }
  if (source && !cue && hasRule && hasConf && speaker) {
    return { id: '', kind, start, end, text, origin: 'auto', status: 'suggested', source, rule, confidence, speaker: '' };
  }
  const q: Quote = { id: '', kind, start, end, text, origin: 'auto', status: 'suggested' };
  if (source) q.source = source;
  if (cue) q.cue = cue;
  if (hasRule) q.rule = rule;
  if (hasConf) q.confidence = confidence;
  return q;
}

/** The span object for an anchor: the old object (offsets rewritten) when its anchor is the same. */
function anchorSpan(old: Span | undefined, oldPara: Paragraph | undefined, oldSpan: LocalSpan | undefined,
  para: Paragraph | undefined, s: LocalSpan | undefined): Span | undefined {
  if (!s || !para) return undefined;
  if (old && oldPara === para && oldSpan === s) {
    old.start = para.start + s.start;
    old.end = para.start + s.end;
    return old;
  }
  return makeSpan(para, s);
}

/** Analyses paragraphs already cut and analysed locally (no retention). */
export function globalPass(paragraphs: Paragraph[], header: Header): Analysis {
  const w = new Walker(header, false);
  for (let i = 0; i < paragraphs.length; i++) w.step(i, paragraphs[i]);
  return w.finish();
}

/**
 * After an edit that left every decision as it was: paragraphs `from..to` were patched in place
 * (new local offsets and text), the ones after moved by `delta`. Rewrites the offsets of their
 * retained output objects (and the quote texts of `from..to`), reading only the flat offsets.
 */
export function shiftOutputs(paragraphs: Paragraph[], from: number, to: number, delta: number): void {
  rewriteOutputs(paragraphs, from, to, delta, true);
}

/**
 * Rewrites the offsets of the retained output objects of paragraphs `from` on from their
 * paragraphs' starts (and the quote texts of `from..to`); with `move`, first moves the starts of
 * the paragraphs after `to` by `delta` (and stops at once when `delta` is 0).
 */
export function rewriteOutputs(paragraphs: Paragraph[], from: number, to: number, delta: number, move: boolean): void {
  for (let pi = from; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi];
    if (pi > to && move) {
      if (delta === 0) break;
      para.start += delta;
    }
    const out = para.out;
    if (!out) continue;
    if (pi <= to) fillOffs(para, out);
    const o = out.offs!;
    const base = para.start;
    const ents = out.ents;
    for (let k = 0; k < ents.length; k++) {
      const e = ents[k];
      e.start = base + o[2 * k];
      e.end = base + o[2 * k + 1];
    }
    const quotes = out.quotes;
    for (let k = 0, j = 2 * ents.length; k < quotes.length; k++, j += 6) {
      const q = quotes[k];
      q.start = base + o[j];
      q.end = base + o[j + 1];
      if (pi <= to) q.text = para.text.slice(o[j], o[j + 1]);
      const src = q.source;
      if (src) {
        if (o[j + 2] !== FOREIGN) { src.start = base + o[j + 2]; src.end = base + o[j + 3]; }
        else { const sp = out.srcPara[k]!, ss = out.srcSpan[k]!; src.start = sp.start + ss.start; src.end = sp.start + ss.end; }
      }
      const cue = q.cue;
      if (cue) {
        if (o[j + 4] !== FOREIGN) { cue.start = base + o[j + 4]; cue.end = base + o[j + 5]; }
        else { const cp = out.cuePara[k]!, cs = out.cueSpan[k]!; cue.start = cp.start + cs.start; cue.end = cp.start + cs.end; }
      }
    }
  }
}
