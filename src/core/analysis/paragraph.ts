/**
 * Per-paragraph analysis: tokens, sentences, name mentions, direct quotes, reported speech and
 * the local speaker cues. Everything here depends only on the paragraph's text (and the
 * analyzer's gazetteer), so results can be cached per paragraph; offsets are relative to the
 * paragraph start. The global pass (global.ts) resolves what needs the whole document.
 */
import {
  DETERMINERS, FIRST_NAMES, MONTHS, ORG_WORDS, PLACE_WORDS, PRONOUNS, ROLE_WORDS, SPEAKER_NOUNS, SPEECH_VERBS,
  STOP_CAPS, TITLES, VERB_ADVERBS, WEAK_REPORT_VERBS, WEEKDAYS, isCountry, isDemonym, isPlace,
} from './lexicon';
import type { SourceText } from './global';
import {
  W_AMBIGUOUS_FIRST, W_COUNTRY, W_DEMONYM, W_DETERMINER, W_FEMALE, W_FIRST, W_KNOWN, W_MALE, W_MONTH, W_ORG, W_PLACE, W_PLACE_HEAD,
  W_PLACE_SECOND, W_PLACE_WORD, W_PRONOUN, W_ROLE, W_SPEAKER_NOUN, W_SPEECH, W_STOP, W_TITLE, W_VERB_ADVERB, W_WEAK_REPORT, W_WEEKDAY,
  ListBits, lexiconBits,
} from './wordbits';

/** What a mention is before the global pass decides. */
export type MentionType = 'person' | 'organization' | 'place' | 'date' | 'unknown' | (string & {});

export interface LocalMention {
  start: number;
  end: number;
  type: MentionType;
  /** Name used to cluster mentions (gazetteer canonical name, or the name itself). */
  name: string;
  role?: string;
  /** Start of the title+name surface ("Minister Wang Yi"), when a title precedes. */
  titledStart?: number;
  gender?: 'm' | 'f';
  /** Sentence-initial single word that only document evidence can keep. */
  weak?: boolean;
  /** From the gazetteer: never re-typed. */
  fixed?: boolean;
  /** Subject of a speech verb. */
  speaks?: boolean;
  /** For unknown mentions: the type the words around suggest ("Microsoft's website": organization). */
  hint?: MentionType;
  /** Lower-case tokens of `name`, their join, the lower-cased surface, the titled alias (cached by the global pass; `low` set by the local pass when it can). */
  toks?: string[];
  key?: string;
  low?: string;
  titledAlias?: string | null;
}

export interface LocalSpan {
  start: number;
  end: number;
}

export type SourceKind = 'mention' | 'pronoun' | 'np';

export interface LocalQuote {
  start: number;
  end: number;
  kind: 'direct' | 'indirect';
  source?: LocalSpan;
  sourceKind?: SourceKind;
  /** For 'np' sources: index of a mention inside the noun phrase ("Mohib’s office"). */
  cue?: LocalSpan;
  rule?: string;
  confidence?: number;
  /** Same speaker as quote number `inherit` of this paragraph. */
  inherit?: number;
  /** Direct quote opened at the paragraph start with no speaker of its own. */
  paragraphStart?: boolean;
  /** Direct quote left open at the paragraph end. */
  openEnd?: boolean;
  /** The source's text as the global pass needs it (cached there). */
  sx?: SourceText;
  /** The source's text as one shared string (set by the local pass when it can; see `internText`). */
  srcText?: string;
}

export interface LocalResult {
  mentions: LocalMention[];
  quotes: LocalQuote[];
  /** "Caddell said:" ending the paragraph: the speaker of a quote opening the next one. */
  intro?: LocalQuote;
  /**
   * A transcript's turn (a dialogue line "HOST: …" or its continuation) opened with a quote mark at
   * the paragraph start and left open at its end: a paragraph opened with a mark after it goes on
   * with the turn (see `analyzeParagraph`).
   */
  turn?: boolean;
}

export interface CompiledGazetteer {
  re: RegExp | null;
  byName: Map<string, { name: string; type: string }>;
  ignore: Set<string>;
}

// ---------------------------------------------------------------------------------------------
// Tokens

// Character classes without Unicode-property regexes (their first use costs ~10 ms of cold load).
const C_OTHER = 1, C_WORD = 2, C_SPACE = 3;
/** Class of each BMP code unit, filled on demand (0 = not yet known). */
const CLASS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  CLASS[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? C_WORD
    : c === 32 || (c >= 9 && c <= 13) ? C_SPACE : C_OTHER;
}
// Unicode-property regexes are built with `new RegExp` on first use: V8 validates a regex literal
// while parsing the bundle, and each `\p{...}` literal costs about 0.3 ms of load time even unused.
let wordRe: RegExp | undefined;
let upperRe: RegExp | undefined;
let lowerRe: RegExp | undefined;

function classOf(c: number): number {
  const k = CLASS[c];
  if (k) return k;
  let r: number;
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f || c === 0x3000 || c === 0xfeff) r = C_SPACE;
  else if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) r = C_WORD;
  else if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || c === 0xab || c === 0xbb) r = C_OTHER;
  else if (c >= 0xd800 && c <= 0xdfff) r = C_OTHER; // surrogates: decided per code point
  else r = (wordRe ??= new RegExp('[\\p{L}\\p{M}\\p{N}]', 'u')).test(String.fromCharCode(c)) ? C_WORD : C_OTHER;
  CLASS[c] = r;
  return r;
}

/** Whether the code point at `i` (with its surrogate pair) is a letter, mark or number; its length in `len`. */
function isWordAt(p: string, i: number): boolean {
  const c = p.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return classOf(c) === C_WORD;
  const cp = p.codePointAt(i) ?? c;
  return cp > 0xffff && (wordRe ??= new RegExp('[\\p{L}\\p{M}\\p{N}]', 'u')).test(String.fromCodePoint(cp));
}

function isUpperChar(c: number, p: string, i: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  if (c >= 0xd800 && c <= 0xdbff) return (upperRe ??= new RegExp('\\p{Lu}', 'u')).test(String.fromCodePoint(p.codePointAt(i) ?? c));
  return (upperRe ??= new RegExp('\\p{Lu}', 'u')).test(String.fromCharCode(c));
}

/** Whether the word has no lower-case letter. */
function noLower(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return !(lowerRe ??= new RegExp('\\p{Ll}', 'u')).test(w);
  }
  return true;
}

/** `noLower(p.slice(a, b))` without the slice when the word is ASCII (`cc`: the char codes of `p`). */
function noLowerIn(cc: Uint16Array, p: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = cc[i];
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return noLower(p.slice(a, b));
  }
  return true;
}

/** "U.S" (initials with dots, the last without): the dot after it belongs to the token. */
function isDottedInitials(p: string, a: number, b: number): boolean {
  if (b - a < 3 || (b - a) % 2 === 0) return false;
  for (let i = a; i < b; i += 2) {
    if (!isUpperChar(p.charCodeAt(i), p, i)) return false;
    if (i + 1 < b && p.charCodeAt(i + 1) !== 46) return false;
  }
  return true;
}

function isJoiner(c: number): boolean {
  return c === 39 || c === 8217 || c === 45 || c === 46 || c === 38;
}

/** `isWordAt` reading the paragraph's char codes from `cc` (see `tokenize`). */
function isWordAtC(cc: Uint16Array, p: string, i: number): boolean {
  const c = cc[i];
  if (c < 0xd800 || c > 0xdbff) return classOf(c) === C_WORD;
  const cp = p.codePointAt(i) ?? c;
  return cp > 0xffff && (wordRe ??= new RegExp('[\\p{L}\\p{M}\\p{N}]', 'u')).test(String.fromCodePoint(cp));
}

/**
 * End of the token starting at `i` (a non-space position): "U.S."-like initials, a word with inner
 * apostrophes, hyphens, dots and ampersands, or one other character (a code point). Reads the
 * char codes of `p` from `cc` (zeros past the end stand for "no character").
 */
function tokenEnd(cc: Uint16Array, p: string, n: number, i: number): number {
  const c = cc[i];
  // (?:\p{Lu}\.){2,}
  if (cc[i + 1] === 46 && isUpperChar(c, p, i) && c < 0xd800 && i + 3 < n && cc[i + 3] === 46
    && isUpperChar(cc[i + 2], p, i + 2)) {
    let j = i + 4;
    while (j + 1 < n && cc[j + 1] === 46 && isUpperChar(cc[j], p, j) && cc[j] < 0xd800) j += 2;
    return j;
  }
  if (isWordAtC(cc, p, i)) {
    let j = i;
    for (;;) {
      for (;;) {
        // ASCII and BMP fast path through the class table
        const cj = cc[j];
        if (cj < 0xd800 ? (CLASS[cj] === C_WORD || (CLASS[cj] === 0 && classOf(cj) === C_WORD)) : j < n && isWordAtC(cc, p, j)) {
          j += cj >= 0xd800 && cj <= 0xdbff ? 2 : 1;
          continue;
        }
        break;
      }
      if (j + 1 < n && isJoiner(cc[j]) && isWordAtC(cc, p, j + 1)) { j++; continue; }
      return j;
    }
  }
  return c >= 0xd800 && c <= 0xdbff && i + 1 < n ? i + 2 : i + 1;
}

/** The seed of the intern hash (see `internSlot`), and its step for one char code. */
const HASH_SEED = 0x811c9dc5 | 0;
function hashStep(h: number, c: number): number {
  return (Math.imul(h, 0x01000193) ^ c) | 0;
}

/** The hash of the last word `wordEnd` read (see `internSlot`). */
let wordHash = 0;

/**
 * `tokenEnd` for a word starting at `i` (a BMP word character not followed by a dot, so not
 * initials), hashing its char codes on the way (into `wordHash`: `internSlot` then need not read
 * them again); -1 at a surrogate, where `tokenEnd` decides.
 */
function wordEnd(cc: Uint16Array, p: string, n: number, i: number): number {
  let h = HASH_SEED, j = i;
  for (;;) {
    const c = cc[j];
    if (c < 0xd800 ? CLASS[c] === C_WORD || (CLASS[c] === 0 && classOf(c) === C_WORD) : c > 0xdbff && classOf(c) === C_WORD) {
      h = hashStep(h, c);
      j++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) return -1;
    if (j + 1 < n && isJoiner(c) && isWordAtC(cc, p, j + 1)) {
      h = hashStep(h, c);
      j++;
      continue;
    }
    wordHash = h;
    return j;
  }
}

const ABBREV = new Set('mr mrs ms dr gov sen rep gen lt col sgt capt prof st jr sr inc corp co ltd vs no jan feb aug sept sep oct nov dec adm rev ft mt messrs gens reps sens'.split(' '));

const K_LOWER = 0, K_CAP = 1, K_PUNCT = 2, K_NUM = 3;

/** The characters of Markdown markup (`EMPHASIS_RE`, see `neutralize`), that `tokenize` notes. */
const MARKUP_CHAR = new Uint8Array(128);
for (const ch of '*_#>`~') MARKUP_CHAR[ch.charCodeAt(0)] = 1;

interface Tokens {
  n: number;
  /** Token starts, ends, kinds, flags (shared scratch arrays: valid until the next `tokenize`). */
  s: Int32Array;
  e: Int32Array;
  k: Uint8Array;
  /** 1 = possessive ('s), 2 = all caps, 4 = sentence-initial, 8 = abbreviation dot */
  f: Uint8Array;
  /** index of the sentence of each token */
  sent: Int32Array;
  /** sentence start token indices, plus n at the end */
  sents: number[];
  /** Generation of the lower-cased cache `LW` (see `lowerOf`). */
  gen: number;
  /** The paragraph's char codes, zeros past its end (see `tokenize`). */
  cc: Uint16Array;
  /** The text has a character of Markdown markup (see `neutralize`). */
  markup: boolean;
}

// Scratch arrays reused by every paragraph (the analysis of one paragraph never nests another).
let TS = new Int32Array(1024), TE = new Int32Array(1024), TSENT = new Int32Array(1024);
let TK = new Uint8Array(1024), TF = new Uint8Array(1024);
let LWGEN = new Int32Array(1024);
let LW: string[] = [];
/**
 * Per token: its intern entry (-1: punctuation or not interned, see `internSlot`), the word-list bits
 * of its lower-cased text (A: wordbits.ts, B: this file's lists, see `localBits`) and of its bare
 * form (without a final dot, see `bareLower`). Filled by `tokenize`; zeros past the last token.
 */
let TSLOT = new Int32Array(1024);
let TBA = new Int32Array(1024), TBB = new Int32Array(1024), TXA = new Int32Array(1024), TXB = new Int32Array(1024);
let gen = 0;
/** Per-token marks of one paragraph (quote numbers, taken tokens): see `inqDirty` and `zeroed`. */
let INQ = new Uint8Array(1024), TAKEN = new Uint8Array(1024);
/** INQ holds marks only below this index (see `analyzeParagraph`): zeros from it on. */
let inqDirty = 0;
/**
 * The paragraph's char codes (see `tokenize`). In Node, a Buffer's memory seen as 16-bit units, so
 * that one native `write` copies the string in (a loop of charCodeAt over a slice of a long text
 * costs several nanoseconds a character); elsewhere a plain array filled by that loop.
 */
interface CharBuffer extends Uint8Array { write(s: string, offset: number, encoding: 'utf16le'): number }
const NODE_BUFFER = (globalThis as { Buffer?: { allocUnsafeSlow(size: number): CharBuffer } }).Buffer;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let CCBUF: CharBuffer | undefined;
let CC = newCharCodes(1024);

function newCharCodes(cap: number): Uint16Array {
  if (NODE_BUFFER && LITTLE_ENDIAN) {
    CCBUF = NODE_BUFFER.allocUnsafeSlow(cap * 2);
    return new Uint16Array(CCBUF.buffer, CCBUF.byteOffset, cap);
  }
  return new Uint16Array(cap);
}

function ensureScratch(size: number): void {
  if (TS.length >= size) return;
  let cap = TS.length;
  while (cap < size) cap *= 2;
  TS = new Int32Array(cap); TE = new Int32Array(cap); TSENT = new Int32Array(cap);
  TK = new Uint8Array(cap); TF = new Uint8Array(cap); LWGEN = new Int32Array(cap);
  TSLOT = new Int32Array(cap); TBA = new Int32Array(cap); TBB = new Int32Array(cap); TXA = new Int32Array(cap); TXB = new Int32Array(cap);
  INQ = new Uint8Array(cap); TAKEN = new Uint8Array(cap); CC = newCharCodes(cap);
  LW = [];
  gen = 0;
}

/**
 * A scratch array of per-token marks, zero for the `n` tokens of the paragraph and a few past them
 * (instead of a new typed array per paragraph: larger ones live outside the heap and cost far
 * more than their filling). Valid until the next paragraph.
 */
function zeroed(a: Uint8Array, n: number): Uint8Array {
  a.fill(0, 0, Math.min(a.length, n + 8));
  return a;
}

function tokenize(p: string): Tokens {
  ensureScratch(p.length + 4);
  if (inCount >= INTERN_CAP >> 1) clearIntern();
  if (txCount >= TEXT_CAP >> 1) clearTexts();
  const s = TS, e = TE, k = TK, f = TF, sent = TSENT;
  const slots = TSLOT, ba = TBA, bb = TBB, xa = TXA, xb = TXB;
  // the char codes, read once (a string's charCodeAt costs far more than a typed array's load),
  // then zeros: what the checks past the end read (as NaN, a zero matches no class and no mark)
  const cc = CC;
  const n = p.length;
  if (CCBUF) CCBUF.write(p, 0, 'utf16le');
  else for (let i = 0; i < n; i++) cc[i] = p.charCodeAt(i);
  cc[n] = 0; cc[n + 1] = 0; cc[n + 2] = 0; cc[n + 3] = 0;
  let nt = 0;
  const sents: number[] = [0];
  let atStart = true;
  let sentIdx = 0;
  let pendingEnd = false;
  let markup = false;
  let pos = 0;
  while (pos < n) {
    const c0 = cc[pos];
    // (0: a code unit from 0xd800 on, decided by `tokenEnd`)
    const cls0 = c0 < 0xd800 ? CLASS[c0] || classOf(c0) : 0;
    if (cls0 === C_SPACE) { pos++; continue; }
    const start = pos;
    // a plain word is read once: its end and the hash of its text (`hashed`, see `wordEnd`)
    let tokEnd = cls0 === C_WORD && cc[pos + 1] !== 46 ? wordEnd(cc, p, n, pos) : -1;
    let hashed = tokEnd >= 0, h = wordHash;
    if (!hashed) tokEnd = tokenEnd(cc, p, n, pos);
    pos = tokEnd;
    let end = tokEnd;
    const c = c0;
    let kind: number;
    let flags = 0;
    if (!(cls0 === C_WORD || (cls0 === 0 && isWordAtC(cc, p, start)))) {
      kind = K_PUNCT;
    } else if (c >= 48 && c <= 57) {
      kind = K_NUM;
    } else if (isUpperChar(c, p, start)) {
      kind = K_CAP;
    } else {
      kind = K_LOWER;
    }
    if (kind !== K_PUNCT) {
      // possessive
      const last = cc[end - 1];
      const prev = end >= 2 ? cc[end - 2] : NaN;
      if ((last === 115 || last === 83) && (prev === 8217 || prev === 39) && end - start > 2) {
        end -= 2;
        flags |= 1;
        hashed = false;
      } else if (cc[end] === 8217 && (last === 115) && kind === K_CAP && !(end + 1 < n && isWordAtC(cc, p, end + 1))) {
        // "Jones’ office" (plural possessive of a name): keep the name, drop the mark
        flags |= 1;
      }
      if (!hashed) h = hashOf(cc, start, end);
      // all capitals ("FTU's" too: the possessive is not part of the word)
      if (kind === K_CAP && end - start > 1 && noLowerIn(cc, p, start, end)) flags |= 2;
      // abbreviation dot
      if (cc[end] === 46 && !(flags & 1)) {
        const len = end - start;
        const isInitial = len === 1 && kind === K_CAP;
        if (isInitial || (len <= 5 && ABBREV.has(lowerHashed(cc, p, start, end, h))) || isDottedInitials(p, start, end)) {
          end += 1;
          flags |= 8;
          pos = end;
          h = hashStep(h, 46);
        }
      }
      if (cc[tokEnd - 1] === 46 && kind === K_CAP) flags |= 8; // "U.S."
    }
    if (pendingEnd && kind !== K_PUNCT) {
      sents.push(nt);
      sentIdx++;
      pendingEnd = false;
      atStart = true;
    }
    if (kind !== K_PUNCT && atStart) {
      flags |= 4;
      atStart = false;
    }
    s[nt] = start;
    e[nt] = end;
    k[nt] = kind;
    f[nt] = flags;
    sent[nt] = sentIdx;
    if (kind !== K_PUNCT) {
      const slot = internHashed(cc, p, start, end, h);
      slots[nt] = slot;
      if (slot >= 0) {
        const en = IN_EN, x = slot * EN_W;
        ba[nt] = en[x + 2]; bb[nt] = en[x + 3]; xa[nt] = en[x + 4]; xb[nt] = en[x + 5];
      } else {
        uninternedBits(p, start, end, nt, kind === K_CAP);
      }
    } else {
      slots[nt] = -1; ba[nt] = 0; bb[nt] = 0; xa[nt] = 0; xb[nt] = 0;
    }
    nt++;
    if (kind === K_PUNCT) {
      // (a character of markup is a token of its own, or the second unit of one that a lone high surrogate opens)
      if ((c < 128 && MARKUP_CHAR[c]) || (pos - start === 2 && cc[start + 1] < 128 && MARKUP_CHAR[cc[start + 1]])) markup = true;
      if ((c === 46 && cc[start + 1] !== 41 && cc[start + 1] !== 44) || c === 33 || c === 63 || c === 8230) {
        pendingEnd = true;
      } else if ((c === 8220 || c === 34 || c === 171 || c === 8222 || c === 58 || c === 40 || c === 8216) && !pendingEnd) {
        // the word after an opening quote mark, a colon or a bracket may be capitalised
        atStart = true;
      } else if (c === 35 || c === 62 || c === 8212 || c === 8211 || c === 45) {
        if (nt === 1) atStart = true;
      }
    }
  }
  sents.push(nt);
  // sentinels after the last token: reads just past the end see "no token", as with plain arrays
  for (let j = nt; j < nt + 3 && j < s.length; j++) {
    s[j] = p.length; e[j] = p.length; k[j] = 255; f[j] = 0; sent[j] = sentIdx + 1;
    slots[j] = -1; ba[j] = 0; bb[j] = 0; xa[j] = 0; xb[j] = 0;
  }
  if (++gen > 0x3fffffff) { gen = 1; LWGEN.fill(0); }
  return { n: nt, s, e, k, f, sent, sents, gen, cc, markup };
}

// ---------------------------------------------------------------------------------------------
// Helpers

const CONNECTORS = new Set(['of', 'the', 'de', 'da', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'la', 'le', 'y', 'for', 'and', 'on']);
const NAME_PARTICLES = new Set(['de', 'da', 'du', 'del', 'della', 'der', 'den', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'la', 'le']);

const DATE_RE = new RegExp(
  '\\b(?:(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)' +
  '|(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:,?\\s+\\d{4})?)' +
  '|(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{4})' +
  '|(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,\\s+\\d{4})?)?)' +
  '|(?:\\d{4}-\\d{2}-\\d{2}))(?![A-Za-z0-9\\u00C0-\\u024F])', 'g');

// Interned lower-cased words: one string per distinct token text (up to INTERN_MAX_LEN characters),
// found by a hash of its char codes. A token's lower-cased form then costs no allocation, its
// word-list bits are computed once (when its entry is added), and the Set look-ups that remain reuse the hash
// V8 cached on that string the first time. The probe reads only typed arrays (hash, length, the
// text's char codes in one pool): no string is touched to find a token.
const INTERN_MAX_LEN = 24;
const INTERN_CAP = 1 << 16;
/** The hash table: per slot the text's hash and its entry number + 1 (0: an empty slot). */
const IN_IDX = new Int32Array(INTERN_CAP * 2);
/** A small direct-mapped table in front of it (hash, entry + 1), that the frequent words keep in the cache. */
const FRONT_CAP = 4096;
const IN_FRONT = new Int32Array(FRONT_CAP * 2);
/**
 * The entries, in the order they came, EN_W numbers each: the text's length, where its char codes
 * start in IN_CHARS, the word-list bits of the lower-cased text (A, B: see `tokenize`) and of its
 * bare form (see `bareLower`). One cache line per entry: a token's look-up touches little memory.
 */
const EN_W = 8;
let IN_EN = new Int32Array(4096 * EN_W);
let IN_CHARS = new Uint16Array(1 << 14);
let inChars = 0;
/**
 * Per entry: the lower-cased text, and that without a final dot (`bareLower`); and the text as
 * written (a mention of one token takes it as its name: no look-up in the text table).
 */
const IN_LOW: string[] = [];
const IN_BARE: string[] = [];
const IN_KEY: string[] = [];
let inCount = 0;

/** Empties the intern table (when half full: a corpus of many distinct words). */
function clearIntern(): void {
  IN_IDX.fill(0);
  IN_FRONT.fill(0);
  IN_LOW.length = 0;
  IN_BARE.length = 0;
  IN_KEY.length = 0;
  inChars = 0;
  inCount = 0;
}

/** A copy of a slice that keeps no longer string alive (V8 copies slices shorter than 13 characters). */
function ownSlice(p: string, s: number, e: number): string {
  return e - s < 13 ? p.slice(s, e) : ('\u0000' + p.slice(s, e)).slice(1);
}

/** The hash of the char codes cc[s, e) (see `hashStep`). */
function hashOf(cc: Uint16Array, s: number, e: number): number {
  let h = HASH_SEED;
  for (let i = s; i < e; i++) h = hashStep(h, cc[i]);
  return h;
}

/**
 * The intern entry of `p.slice(s, e)` (`cc`: the char codes of `p`, see `tokenize`): its lower-cased
 * form in IN_LOW, its bits in IN_EN; added when new; -1 when the text is empty, too long, or the
 * table full.
 */
function internSlot(cc: Uint16Array, p: string, s: number, e: number): number {
  return e - s > INTERN_MAX_LEN || e <= s ? -1 : internHashed(cc, p, s, e, hashOf(cc, s, e));
}

/** `internSlot` of a non-empty text given the hash of its char codes (`hashOf`). */
function internHashed(cc: Uint16Array, p: string, s: number, e: number, h: number): number {
  if (e - s > INTERN_MAX_LEN) return -1;
  const f = (h & (FRONT_CAP - 1)) * 2;
  const front = IN_FRONT[f + 1];
  if (IN_FRONT[f] === h && front !== 0 && sameChars(cc, s, e, front - 1)) return front - 1;
  const id = internProbe(cc, p, s, e, h);
  if (id >= 0) { IN_FRONT[f] = h; IN_FRONT[f + 1] = id + 1; }
  return id;
}

/** The bits of token `i`, the text p[s, e), when it has no intern entry (see `tokenize`). */
function uninternedBits(p: string, s: number, e: number, i: number, capital: boolean): void {
  const text = p.slice(s, e);
  const low = text.toLowerCase();
  const ba = TBA[i] = lexiconBits(low, capital), bb = TBB[i] = localBits(low, capital) | (DATE_WORD_RE.test(text) ? B_DATE_WORD : 0);
  if (low.charCodeAt(low.length - 1) === 46) { const bare = low.slice(0, -1); TXA[i] = lexiconBits(bare, capital); TXB[i] = localBits(bare, capital); }
  else { TXA[i] = ba; TXB[i] = bb; }
}

/** The entry of a text (not longer than INTERN_MAX_LEN) in the hash table; added when new; -1 when the table is full. */
function internProbe(cc: Uint16Array, p: string, s: number, e: number, h: number): number {
  let slot = (h ^ (h >>> 16)) & (INTERN_CAP - 1);
  const idx = IN_IDX;
  for (;;) {
    const id1 = idx[2 * slot + 1];
    if (id1 === 0) break;
    if (idx[2 * slot] === h && sameChars(cc, s, e, id1 - 1)) return id1 - 1;
    slot = (slot + 1) & (INTERN_CAP - 1);
  }
  if (inCount >= INTERN_CAP >> 1) return -1;
  const len = e - s;
  if (inChars + len > IN_CHARS.length) {
    const bigger = new Uint16Array(IN_CHARS.length * 2);
    bigger.set(IN_CHARS.subarray(0, inChars));
    IN_CHARS = bigger;
  }
  if ((inCount + 1) * EN_W > IN_EN.length) {
    const bigger = new Int32Array(IN_EN.length * 2);
    bigger.set(IN_EN);
    IN_EN = bigger;
  }
  const id = inCount++;
  const chars = IN_CHARS;
  for (let i = s; i < e; i++) chars[inChars + i - s] = cc[i];
  const x = id * EN_W;
  IN_EN[x] = len;
  IN_EN[x + 1] = inChars;
  inChars += len;
  idx[2 * slot] = h;
  idx[2 * slot + 1] = id + 1;
  // (a copy that keeps no longer string alive)
  const key = ownSlice(p, s, e);
  const low = key.toLowerCase();
  IN_LOW[id] = low;
  IN_KEY[id] = key;
  const cap = isUpperChar(cc[s], p, s);
  const ba = lexiconBits(low, cap), bb = localBits(low, cap) | (DATE_WORD_RE.test(key) ? B_DATE_WORD : 0);
  IN_EN[x + 2] = ba;
  IN_EN[x + 3] = bb;
  if (low.charCodeAt(low.length - 1) === 46) {
    const bare = IN_BARE[id] = low.slice(0, -1);
    IN_EN[x + 4] = lexiconBits(bare, cap);
    IN_EN[x + 5] = localBits(bare, cap);
  } else {
    IN_BARE[id] = low;
    IN_EN[x + 4] = ba;
    IN_EN[x + 5] = bb;
  }
  return id;
}

/** Whether intern entry `id` holds the text cc[s, e). */
function sameChars(cc: Uint16Array, s: number, e: number, id: number): boolean {
  const en = IN_EN, x = id * EN_W;
  if (en[x] !== e - s) return false;
  const chars = IN_CHARS, o = en[x + 1] - s;
  let j = s;
  while (j < e && chars[o + j] === cc[j]) j++;
  return j === e;
}

/** `p.slice(s, e).toLowerCase()`, interned when short (`cc`: the char codes of `p`, see `tokenize`). */
function internLower(cc: Uint16Array, p: string, s: number, e: number): string {
  const slot = internSlot(cc, p, s, e);
  return slot >= 0 ? IN_LOW[slot] : p.slice(s, e).toLowerCase();
}

/** `internLower` given the hash of the text (`hashOf`). */
function lowerHashed(cc: Uint16Array, p: string, s: number, e: number, h: number): string {
  const slot = internHashed(cc, p, s, e, h);
  return slot >= 0 ? IN_LOW[slot] : p.slice(s, e).toLowerCase();
}

// Interned names and lower-cased surfaces of mentions (what the global pass looks up in its maps):
// one string per distinct text, found by a hash of the char codes, so that a map look-up reads the
// hash V8 cached on that string instead of hashing a new one.
const TEXT_MAX_LEN = 64;
const TEXT_CAP = 1 << 15;
/**
 * Per slot: hash, entry number + 1 (0: empty), length * 2 + 1 when lower-cased, where its char codes
 * start in TX_CHARS (all a look-up reads besides the chars: one cache line, not two).
 */
const TX_IDX = new Int32Array(TEXT_CAP * 4);
let TX_CHARS = new Uint16Array(1 << 14);
let txChars = 0;
const TX_STR: string[] = [];
let txCount = 0;

/**
 * `p.slice(s, e)`, lower-cased with `lower`, as the one string kept for that text (`cc`: the char
 * codes of `p`, see `tokenize`); a new string when long or when the table is full (it is emptied
 * when half full, at the next paragraph).
 */
function internText(cc: Uint16Array, p: string, s: number, e: number, lower: boolean): string {
  const len = e - s;
  if (len > TEXT_MAX_LEN || len <= 0 || txCount >= TEXT_CAP >> 1) return lower ? p.slice(s, e).toLowerCase() : p.slice(s, e);
  const lf = len * 2 + (lower ? 1 : 0);
  let h = lf;
  for (let i = s; i < e; i++) h = hashStep(h, cc[i]);
  let slot = (h ^ (h >>> 16)) & (TEXT_CAP - 1);
  const idx = TX_IDX;
  for (;;) {
    const x = 4 * slot;
    const id1 = idx[x + 1];
    if (id1 === 0) break;
    if (idx[x] === h && idx[x + 2] === lf) {
      const chars = TX_CHARS, o = idx[x + 3] - s;
      let j = s;
      while (j < e && chars[o + j] === cc[j]) j++;
      if (j === e) return TX_STR[id1 - 1];
    }
    slot = (slot + 1) & (TEXT_CAP - 1);
  }
  if (txChars + len > TX_CHARS.length) {
    const bigger = new Uint16Array(TX_CHARS.length * 2);
    bigger.set(TX_CHARS.subarray(0, txChars));
    TX_CHARS = bigger;
  }
  const id = txCount++;
  for (let i = s; i < e; i++) TX_CHARS[txChars + i - s] = cc[i];
  const x = 4 * slot;
  idx[x] = h; idx[x + 1] = id + 1; idx[x + 2] = lf; idx[x + 3] = txChars;
  txChars += len;
  const str = ownSlice(p, s, e);
  return (TX_STR[id] = lower ? str.toLowerCase() : str);
}

function clearTexts(): void {
  TX_IDX.fill(0);
  TX_STR.length = 0;
  txChars = 0;
  txCount = 0;
}

/** For tests: `internLower` on the range [s, e) of `p` (what `p.slice(s, e).toLowerCase()` gives). */
export function internedLowerForTests(p: string, s: number, e: number): string {
  const cc = new Uint16Array(p.length + 4);
  for (let i = 0; i < p.length; i++) cc[i] = p.charCodeAt(i);
  return internLower(cc, p, s, e);
}

/** The text of tokens a to b - 1 as one shared string (`internText`); a single token's from its intern entry. */
function tokenText(p: string, t: Tokens, a: number, b: number): string {
  return b - a === 1 && TSLOT[a] >= 0 ? IN_KEY[TSLOT[a]] : internText(t.cc, p, t.s[a], t.e[b - 1], false);
}

/** `internText(…, true)` of p[s, e): a single token's lower-cased text from its intern entry. */
function spanLower(p: string, t: Tokens, s: number, e: number): string {
  const i = tokenAt(t, s);
  return i >= 0 && t.e[i] === e && TSLOT[i] >= 0 ? IN_LOW[TSLOT[i]] : internText(t.cc, p, s, e, true);
}

/** The first index i < n with a[i] >= x, else n (a binary search: a[0, n) increases, as token starts and ends do). */
function lowerBound(a: Int32Array, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The token that starts at offset `s`, or -1. */
function tokenAt(t: Tokens, s: number): number {
  const i = lowerBound(t.s, t.n, s);
  return i < t.n && t.s[i] === s ? i : -1;
}

/** `text` when computed already (not empty), else the text of tokens a to b - 1 (`tokenText`). */
function orText(text: string, p: string, t: Tokens, a: number, b: number): string {
  return text !== '' ? text : tokenText(p, t, a, b);
}

/** The token lower-cased (computed once per token). */
function lowerOf(p: string, t: Tokens, i: number): string {
  if (i < 0 || i >= t.n) return '';
  const slot = TSLOT[i];
  if (slot >= 0) return IN_LOW[slot];
  if (LWGEN[i] === t.gen) return LW[i];
  LWGEN[i] = t.gen;
  return (LW[i] = internLower(t.cc, p, t.s[i], t.e[i]));
}

/** The token lower-cased without a final dot ("mr" for "Mr."). */
function bareLower(p: string, t: Tokens, i: number): string {
  if (i >= 0 && i < t.n && TSLOT[i] >= 0) return IN_BARE[TSLOT[i]];
  const w = lowerOf(p, t, i);
  return w.charCodeAt(w.length - 1) === 46 ? w.slice(0, -1) : w;
}

/** True when only spaces separate token i from token i+1 (no newline, no punctuation). */
function spaceBetween(_p: string, t: Tokens, i: number): boolean {
  const a = t.e[i], b = t.s[i + 1];
  if (b - a < 1 || b - a > 2) return false;
  for (let j = a; j < b; j++) {
    const c = t.cc[j];
    if (c !== 32 && c !== 160) return false;
  }
  return true;
}

/** "as X put it": the source X and the verb "put" (token `as` at `i`). */
function asPutIt(p: string, t: Tokens, i: number, limit: number): { src: Src; verb: number } | null {
  for (let v = i + 2; v + 1 < limit && v < i + 9; v++) {
    if (t.k[v] === K_PUNCT) return null;
    if (lowerOf(p, t, v) === 'put' && lowerOf(p, t, v + 1) === 'it') {
      const kind: SourceKind = t.k[i + 1] === K_CAP && v === i + 2 ? 'mention' : 'np';
      return { src: { a: i + 1, b: v, kind }, verb: v };
    }
  }
  return null;
}

function isDashCode(c: number): boolean {
  return c === 8212 || c === 8211 || c === 8213;
}

/** Tokens between a quote and its speaker that only introduce the name: "Tulsa police Chief". */
function leadIn(p: string, t: Tokens, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    if (t.k[i] === K_PUNCT || t.k[i] === K_NUM) return false;
    const w = lowerOf(p, t, i);
    if (SPEECH_VERBS.has(w) || PRONOUNS.has(w) || (t.k[i] === K_LOWER && (PREPOSITIONS.has(w) && w !== 'of' || LEAD_STOP.has(w)))) return false;
  }
  return true;
}

const LEAD_STOP = new Set(['and', 'or', 'but', 'that', 'which', 'who', 'when', 'while', 'if', 'because', 'so', 'then', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'not']);

function isQuoteMarkCode(c: number): boolean {
  return c === 8220 || c === 8221 || c === 34 || c === 171 || c === 187 || c === 8222 || c === 8216 || c === 8217;
}

// ---------------------------------------------------------------------------------------------
// Mentions

const HEADLINE_CUES = new Set(['says', 'said', 'warns', 'urges', 'tells', 'claims', 'insists', 'admits', 'vows']);
/** Heads that name a site ("Brenton Space Center") even though organisations may carry them too. */
const CENTER_WORDS = new Set(['center', 'centre', 'station', 'complex', 'base', 'arena', 'stadium', 'mosque', 'cathedral', 'hall', 'hotel']);
const ARTICLES = new Set(['the', 'a', 'an']);
const CAPTION_TAIL = new Set(['image', 'images', 'photo', 'photos', 'video', 'file', 'pictured', 'above']);
/** Lower-case words that introduce a person's name ("goalkeeper Ivo Marsh", "his wife Lena Dorr"). */
const PERSON_LEAD = new Set(['wife', 'husband', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'uncle', 'aunt',
  'cousin', 'widow', 'partner', 'girlfriend', 'boyfriend', 'fiancé', 'fiancee', 'friend', 'colleague', 'coach', 'goalkeeper',
  'striker', 'midfielder', 'defender', 'forward', 'captain', 'player', 'players', 'teammate', 'actor', 'actress', 'singer',
  'designer', 'artist', 'photographer', 'writer', 'author', 'novelist', 'poet', 'director', 'producer', 'musician',
  'athletes', 'athlete', 'prosecutor', 'lawyer', 'attorney', 'judge', 'spokesman', 'spokeswoman', 'spokesperson',
  'student', 'teacher', 'professor', 'researcher', 'scientist', 'chairman', 'chairwoman', 'founder', 'co-founder',
  'president', 'minister', 'senator', 'governor', 'mayor', 'leader', 'candidate', 'nominee', 'officer', 'manager',
  'editor', 'reporter', 'journalist', 'correspondent', 'economist', 'analyst', 'activist', 'politician', 'politicians',
  'lawmaker', 'legislator', 'veteran', 'businessman', 'businesswoman', 'entrepreneur', 'billionaire', 'survivor',
  'victim', 'suspect', 'resident', 'doctor', 'nurse', 'pastor', 'priest', 'cardinal', 'bishop', 'rabbi', 'imam',
  'boy', 'girl', 'man', 'woman', 'nonpartisan', 'defeating', 'including', 'like', 'named', 'dubbed',
  'historian', 'academic', 'commentator', 'curator', 'chef', 'composer', 'philosopher', 'sociologist', 'psychologist',
  'physicist', 'astronaut', 'comedian', 'filmmaker', 'illustrator', 'publisher', 'diplomat', 'lecturer', 'instructor',
  'campaigner', 'advocate', 'blogger', 'presenter', 'broadcaster', 'columnist', 'strategist', 'consultant', 'pollster']);
/** Words that end a place-name prefix without being a name themselves ("Dunmore West"). */
const DIRECTION_WORDS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'central', 'city']);
/** Ambiguous given names that also open ordinary sentences ("Will the …", "Hope remains …"). */
const SENTENCE_WORDS = new Set(['will', 'hope', 'faith', 'joy', 'chance', 'art']);
/** Function words that never sit capitalised inside a name outside headlines. */
const MIDRUN_BREAK = new Set(['in', 'on', 'at', 'the', 'a', 'an', 'from', 'with', 'by', 'to', 'as', 'after', 'before', 'during', 'when', 'while', 'if']);
/** Words after such a break word that confirm it opens a phrase ("In the …"), unlike a surname ("Alan To of …"). */
const BREAK_NEXT = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my']);
/** Whether p[from, to) is "'s " (a possessive and spaces). */
function possessiveGap(p: string, from: number, to: number): boolean {
  if (to - from < 3 || to - from > 4 || p.charCodeAt(from + 1) !== 115) return false;
  const c = p.charCodeAt(from);
  if (c !== 39 && c !== 8217) return false;
  for (let i = from + 2; i < to; i++) if (p.charCodeAt(i) !== 32) return false;
  return true;
}
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'reverend', 'messrs']);
const ADDRESSED_OFFICES = new Set(['president', 'speaker', 'chairman', 'chairwoman', 'chair', 'secretary', 'minister', 'mayor',
  'governor', 'senator', 'ambassador', 'commissioner', 'director', 'justice', 'premier', 'chancellor']);
const ORDINAL_WORDS = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth']);
const CAPTION_SIDE_RE = /^ \((?:left|right|center|centre|pictured)\)/;
const PAGEANT_WORDS = new Set(['universe', 'world', 'earth', 'international', 'teen']);
/** English prefixes that make a hyphenated word a descriptor ("Pan-democrat", "Ex-minister", "Pro-Beijing"), not a name. */
const DESCRIPTOR_PREFIX_RE = /^(?:pan|anti|pro|ex|non|neo|post|pre|self|then|semi|ultra|arch|would)-[a-z]/;
/** Head words of newspaper names that are also given names or plain nouns ("Toronto Herald", "Daily Mail"). */
const NEWSPAPER_HEADS = new Set(['star', 'mail', 'globe', 'mirror', 'sun', 'bee', 'citizen', 'record', 'independent', 'voice', 'beacon', 'eagle', 'leader']);
/** Plural abstract nouns that end no personal name ("Art Collections", "Public Relations", "Global Studies"). */
const ABSTRACT_PLURAL_RE = /(?:tions|sions|ments|ships|ities|ologies|ences|ances|ics)$/;
/**
 * Whether p[from, to) separates two items of a list: `/^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$/`
 * (", ", ", and ", " or "), read in place (no slice, no regex).
 */
function listGap(p: string, from: number, to: number): boolean {
  if (to <= from) return false;
  let i = from;
  const comma = p.charCodeAt(i) === 44;
  if (comma) i++;
  const spaced = i;
  while (i < to && classOf(p.charCodeAt(i)) === C_SPACE) i++;
  if (i === to) return comma;
  if (!comma && i === spaced) return false;
  const w = p.startsWith('and', i) ? 3 : p.startsWith('or', i) ? 2 : 0;
  if (w === 0 || i + w >= to) return false;
  for (i += w; i < to; i++) if (classOf(p.charCodeAt(i)) !== C_SPACE) return false;
  return true;
}
/** True while the paragraph being analysed reads as a headline (title case): no guessed persons there. */
let headlineMode = false;

/** Whether p[s, e) holds the code unit `c` (read from the char codes `cc` of p). */
function hasCode(cc: Uint16Array, s: number, e: number, c: number): boolean {
  for (let i = s; i < e; i++) if (cc[i] === c) return true;
  return false;
}

/** Whether p[s, e) holds an ASCII digit (`/\d/`), read from the char codes `cc` of p. */
function hasDigit(cc: Uint16Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) { const c = cc[i]; if (c >= 48 && c <= 57) return true; }
  return false;
}

/** An Arabic article or kin word joined to a capitalised name part: "el-Sisi", "al-Amr", "bin-Talal". */
const PARTICLE_NAME_RE = /^(?:al|el|ad|ar|as|ash|at|az|an|bin|bint|ibn|abu|ben)-\p{Lu}/u;
function particleName(p: string, t: Tokens, i: number): boolean {
  if (t.k[i] !== K_LOWER || t.e[i] - t.s[i] <= 4) return false;
  // (the hyphen after the particle: the third, fourth or fifth character)
  const s = t.s[i], cc = t.cc;
  return (cc[s + 2] === 45 || cc[s + 3] === 45 || cc[s + 4] === 45) && PARTICLE_NAME_RE.test(p.slice(s, t.e[i]));
}

/**
 * A capitalised word shaped like part of a personal name (not an initialism, no digits, not a known
 * word class). `low` is `bareLower(p, t, i)`: the test reads that word's bits (see `notNameWord`).
 */
function nameShaped(_p: string, t: Tokens, i: number, _low: string): boolean {
  if (t.k[i] === K_LOWER && particleName(_p, t, i)) return true;
  if (t.k[i] !== K_CAP || (t.f[i] & 2)) return (t.f[i] & 8) !== 0 && t.e[i] - t.s[i] <= 4; // "F." / "K.C."
  return (TXB[i] & B_NOT_NAME) === 0;
}

/** What makes a capitalised word no part of a personal name (`nameShaped`; computed once per word, see `localBits`). */
function notNameWord(low: string): boolean {
  if (/[\d.&/@_]/.test(low)) return true;
  return ORG_WORDS.has(low) || PLACE_WORDS.has(low) || TITLES.has(low) || ROLE_WORDS.has(low) || STOP_CAPS.has(low)
    || MONTHS.has(low) || WEEKDAYS.has(low) || isDemonym(low) || DIRECTION_WORDS.has(low) || CAPTION_TAIL.has(low)
    || HEADLINE_CUES.has(low) || SPEECH_VERBS.has(low);
}

// Bits of this file's word lists (B word of a token, see `tokenize`; the A word is wordbits.ts).
const B_HONORIFIC = 1 << 0, B_CONNECTOR = 1 << 1, B_NAME_PARTICLE = 1 << 2, B_CAPTION_TAIL = 1 << 3, B_HEADLINE_CUE = 1 << 4;
const B_DIRECTION = 1 << 5, B_ARTICLE = 1 << 6, B_MIDRUN_BREAK = 1 << 7, B_BREAK_NEXT = 1 << 8, B_SPLIT = 1 << 9;
const B_NP_DET = 1 << 10, B_PREPOSITION = 1 << 11, B_INTRO = 1 << 12, B_AUX = 1 << 13, B_CENTER = 1 << 14;
const B_PLACE_OPENER = 1 << 15, B_PERSON_LEAD = 1 << 16, B_SENTENCE_WORD = 1 << 17, B_LEAD_STOP = 1 << 18;
/** `notNameWord` */
const B_NOT_NAME = 1 << 19;
/** Ends in "ing", "ly" or "ed" / in "ing" or "ly" (the sentence-initial words `classifyChunk` drops). */
const B_ING_LY_ED = 1 << 20, B_ING_LY = 1 << 21;
/**
 * The token's text (as written) holds what every match of DATE_RE holds: a month or week-day name
 * as DATE_RE spells it, after a word boundary and before no letter or digit ("May", "Sept."; not
 * "Mark" or "Sunni"), or an ISO date (see `dateWordIn`; set by `internSlot` and `tokenize`).
 */
const B_DATE_WORD = 1 << 22;
/** The word ends in "according" (the token of every match of ACCORDING_RE: see `sentenceCues`). */
const B_ACCORDING = 1 << 23;
/** SPEECH_VERBS (as W_SPEECH: here too, so that `sentenceCues` reads one word of bits per token). */
const B_SPEECH = 1 << 24;
/** In a list of words around an organisation's or place's name that `orgHint` reads (ORG_AFTER, ORG_LEAD, …). */
const B_ORG_CONTEXT = 1 << 25;
const DATE_WORD_RE = /(?:^|[^A-Za-z0-9_])(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z0-9\u00C0-\u024F])|\d{4}-\d{2}-\d{2}/;

/** Whether a token of the paragraph has B_DATE_WORD: DATE_RE can match only then. */
function dateWordIn(t: Tokens): boolean {
  for (let i = 0; i < t.n; i++) if (TBB[i] & B_DATE_WORD) return true;
  return false;
}

/**
 * The B bits of a lower-cased word (W_KNOWN always set). B_NOT_NAME, B_ING_LY_ED and B_ING_LY
 * only with `capital` (the rules ask them of capitalised words only: `nameShaped`, `classifyChunk`).
 */
function localBits(low: string, capital: boolean): number {
  let b = W_KNOWN;
  if (capital) {
    if (notNameWord(low)) b |= B_NOT_NAME;
    if (/(?:ing|ly|ed)$/.test(low)) b |= B_ING_LY_ED;
    if (/(?:ing|ly)$/.test(low)) b |= B_ING_LY;
  }
  if (low.endsWith('according')) b |= B_ACCORDING;
  return b | (localLists ??= new ListBits([[HONORIFICS, B_HONORIFIC], [CONNECTORS, B_CONNECTOR], [NAME_PARTICLES, B_NAME_PARTICLE],
    [CAPTION_TAIL, B_CAPTION_TAIL], [HEADLINE_CUES, B_HEADLINE_CUE], [DIRECTION_WORDS, B_DIRECTION], [ARTICLES, B_ARTICLE],
    [MIDRUN_BREAK, B_MIDRUN_BREAK], [BREAK_NEXT, B_BREAK_NEXT], [SPLIT_VERBS, B_SPLIT], [NP_DETERMINERS, B_NP_DET],
    [PREPOSITIONS, B_PREPOSITION], [INTRO_WORDS, B_INTRO], [AUX, B_AUX], [CENTER_WORDS, B_CENTER], [PLACE_OPENERS, B_PLACE_OPENER],
    [PERSON_LEAD, B_PERSON_LEAD], [SENTENCE_WORDS, B_SENTENCE_WORD], [LEAD_STOP, B_LEAD_STOP], [SPEECH_VERBS, B_SPEECH],
    [ORG_AFTER, B_ORG_CONTEXT], [ORG_POSSESSED, B_ORG_CONTEXT], [PLACE_POSSESSED, B_ORG_CONTEXT], [PLACE_AFTER, B_ORG_CONTEXT],
    [ORG_LEAD, B_ORG_CONTEXT], [ORG_OF, B_ORG_CONTEXT]])).of(low);
}
let localLists: ListBits | undefined;


function classifyChunk(p: string, t: Tokens, a: number, b: number, out: LocalMention[], gz: CompiledGazetteer): void {
  // drop sentence-initial function words ("The", "In", "Moreover")
  // (word-list tests read the bare form's bits: TXA, TXB; the costly placeAhead last)
  while (a < b && (t.f[a] & 4) && !(t.f[a] & 2) && !(a + 1 < b && (TXB[a] & B_HONORIFIC))
    && ((TXA[a] & W_STOP) || ((TXB[a] & (b - a > 1 ? B_ING_LY_ED : B_ING_LY)) && !(TXA[a] & (W_FIRST | W_PLACE)))) && !placeAhead(p, t, a, b)) a++;
  while (a < b && t.k[a] === K_LOWER) a++;
  // a leading article is not part of the name ("The Brenton Post")
  while (a < b - 1 && t.k[a] === K_CAP && !(t.f[a] & 10) && (TXB[a] & B_ARTICLE)) a++;
  while (b > a && t.k[b - 1] === K_LOWER && !particleName(p, t, b - 1)) b--;
  // "bands such as The Paper Lanterns": a capitalised "The" inside a sentence belongs to a title or a band, never a person
  const titledThe = a > 0 && t.k[a - 1] === K_CAP && !(t.f[a - 1] & 4) && bareLower(p, t, a - 1) === 'the';
  if (a >= b) return;
  // a new sentence inside the run ("Washington D.C. The …"): two chunks
  for (let i = a + 1; i < b; i++) {
    if ((t.f[i] & 4) || ((t.f[i - 1] & 8) && t.k[i] === K_CAP && (TXA[i] & W_STOP))) {
      classifyChunk(p, t, a, i, out, gz); classifyChunk(p, t, i, b, out, gz); return;
    }
    // a capitalised preposition or article inside a run marks a lost sentence break ("… Nora Vail In the east …")
    if (!headlineMode && t.k[i] === K_CAP && !(t.f[i] & 2) && (TBB[i] & B_MIDRUN_BREAK)
      && ((TBB[i] & B_ARTICLE) || (i + 1 < t.n && t.k[i + 1] === K_LOWER && (TBB[i + 1] & B_BREAK_NEXT)))) {
      classifyChunk(p, t, a, i, out, gz); classifyChunk(p, t, i + 1, b, out, gz); return;
    }
  }
  // "The Lantern and Bell": two plain words joined by "and" after a capitalised "The" inside a sentence name one title or body
  if (titledThe && b - a === 3 && t.k[a + 1] === K_LOWER && lowerOf(p, t, a + 1) === 'and' && !(t.f[a] & 3) && !(t.f[a + 2] & 3)
    && !(TXA[a] & (W_FIRST | W_PLACE)) && !(TXA[a + 2] & W_PLACE)) {
    out.push(mk(t.s[a], t.e[b - 1], 'organization', p.slice(t.s[a], t.e[b - 1])));
    return;
  }
  // "and" joins two names, never one ("Harbour Party and Lee Ka-wing")
  for (let i = a + 1; i < b - 1; i++) {
    if (t.k[i] === K_LOWER && lowerOf(p, t, i) === 'and' && !(TXA[i - 1] & W_TITLE) && !(TXA[i + 1] & (W_ROLE | W_TITLE))) {
      classifyChunk(p, t, a, i, out, gz); classifyChunk(p, t, i + 1, b, out, gz); return;
    }
  }
  // "Tom Eldred of Harbour Party": a name of two or more plain words before "of" is a person, not part of the organisation
  for (let i = a + 2; i < b - 1; i++) {
    if (t.k[i] === K_LOWER && lowerOf(p, t, i) === 'of') {
      let named = true;
      for (let j = a; j < i && named; j++) named = nameShaped(p, t, j, bareLower(p, t, j)) && !(TXA[j] & W_PLACE);
      if (named) { classifyChunk(p, t, a, i, out, gz); classifyChunk(p, t, i + 1, b, out, gz); return; }
      break;
    }
  }
  // caption words at the end ("Omar Hadid Image"), a headline's cue ("…, Nora Vail Says")
  while (b - 1 > a && (TXB[b - 1] & (B_CAPTION_TAIL | B_HEADLINE_CUE))) b--;
  const n = b - a;
  // (most chunks are one word: a literal of one element, not an array grown by push)
  const lows: string[] = n === 1 ? [bareLower(p, t, a)] : [];
  for (let i = n === 1 ? b : a; i < b; i++) lows.push(bareLower(p, t, i));
  const start = t.s[a], end = t.e[b - 1];
  // (a chunk of several words takes its text when a mention does: many split or go to a person: see `orText`)
  let text = n === 1 ? tokenText(p, t, a, b) : '';
  if (gz.ignore.size && gz.ignore.has((text = orText(text, p, t, a, b)).toLowerCase())) return;
  const last = lows[n - 1];

  // a bare role names nobody: "the Secretary of State", "Attorney General" (not "Justice Department": an organisation's head)
  // (word-list tests on lows[i] read the bits of token a + i: TXA, TXB hold those of its bare form)
  if (n > 1 && (TXA[a] & W_TITLE) && t.k[a] === K_CAP && !(TXB[a] & B_HONORIFIC)) { // "Mr. King" is a person
    let role = true;
    for (let i = 1; i < n && role; i++) role = ((TXA[a + i] & (W_TITLE | W_ROLE)) !== 0 || t.k[a + i] === K_LOWER) && !(TXA[a + i] & W_ORG);
    if (role) return;
  }
  // titles: "Foreign Minister Wang Yi", "NSA Hamdullah Mohib", "FM of China Wang Yi"
  let lastTitle = -1;
  for (let i = n - 2; i >= 0; i--) {
    if ((TXA[a + i] & W_TITLE) && t.k[a + i] === K_CAP) { lastTitle = i; break; }
  }
  if (lastTitle >= 0 && !(TXA[b - 1] & (W_ORG | W_PLACE_WORD))) { // (b - 1: `last`)
    let nameStart = lastTitle + 1;
    const places: number[] = [];
    let ofSkipped = false;
    while (nameStart < n - 1 || (nameStart < n && ((TXA[a + nameStart] & W_ROLE) || t.k[a + nameStart] === K_LOWER))) {
      const w = lows[nameStart], x = TXA[a + nameStart];
      if (t.k[a + nameStart] === K_LOWER && (w === 'of' || w === 'for' || w === 'at')) ofSkipped = true;
      if (t.k[a + nameStart] === K_LOWER || ((x & W_ROLE) && !(x & W_FIRST))) { nameStart++; continue; }
      // a place after "of" with a given name and a surname after it: "Governor of Oregon Dana Whitlow"
      if ((x & W_COUNTRY) || ((x & W_PLACE) && (!(x & W_FIRST) || (lows[nameStart - 1] === 'of' && nameStart + 2 < n
        && (TXA[a + nameStart + 1] & W_FIRST) && t.k[a + nameStart + 2] === K_CAP)))) { places.push(nameStart); nameStart++; continue; }
      break;
    }
    // "Co-founder of Acme": a lone word after the role's "of" names what the role belongs to, not the person
    if (ofSkipped && nameStart < n && t.k[a + nameStart] === K_CAP && !places.length && !(t.f[a + nameStart] & 2)
      && !(TXA[a + nameStart] & (W_FIRST | W_PLACE)) && (nameStart === n - 1 || t.k[a + nameStart + 1] === K_LOWER)) {
      // what precedes the role ("United Nations" before "High Commissioner")
      let rs = lastTitle;
      while (rs > 0 && (TXA[a + rs - 1] & (W_TITLE | W_ROLE)) && !(TXA[a + rs - 1] & W_COUNTRY)) rs--;
      if (rs > 0) classifyChunk(p, t, a, a + rs, out, gz);
      // "High Commissioner for Refugees", "Justice for Victims": a plural is no organisation's name
      const plural = SPEAKER_NOUN_HEAD_RE.test(lows[nameStart]) || /[^s]s$/.test(lows[nameStart]);
      const e1 = t.e[a + nameStart];
      out.push(mk(t.s[a + nameStart], e1, 'unknown', p.slice(t.s[a + nameStart], e1), plural ? undefined : { hint: 'organization' }));
      if (nameStart + 2 < n) classifyChunk(p, t, a + nameStart + 2, b, out, gz);
      return;
    }
    // "Miss Universe Carla Benet": a pageant's title is part of the role; "a former Miss Universe" names nobody
    if (lows[lastTitle] === 'miss' && nameStart < n && !(TXA[a + nameStart] & W_FIRST) && t.k[a + nameStart] === K_CAP
      && (nameStart + 1 < n ? (TXA[a + nameStart + 1] & W_FIRST) !== 0 : (TXA[a + nameStart] & W_PLACE) !== 0 || PAGEANT_WORDS.has(lows[nameStart]))) {
      if (nameStart + 1 >= n) { if (lastTitle > 0) classifyChunk(p, t, a, a + lastTitle, out, gz); return; }
      nameStart++;
    }
    // "Captain America", "Miss Europe": a lone country or region after a title is a character's or a contest's name, no person
    if (nameStart === n - 1 && (TXA[a + nameStart] & (W_PLACE | W_FIRST)) === W_PLACE && !(TXB[a + lastTitle] & B_HONORIFIC)) {
      if (lastTitle > 0) classifyChunk(p, t, a, a + lastTitle, out, gz);
      return;
    }
    // "The Foreign Secretary and I": a pronoun after the role names nobody; "Mr. President" is a form of address
    if (nameStart === n - 1 && ((TXA[a + nameStart] & W_STOP) || ((TXB[a + lastTitle] & B_HONORIFIC) && ADDRESSED_OFFICES.has(lows[nameStart])))) {
      classifyChunk(p, t, a, a + nameStart, out, gz);
      return;
    }
    if (nameStart < n && t.k[a + nameStart] !== K_LOWER) {
      // role: walk back from the title over title and role words
      let roleStart = lastTitle;
      while (roleStart > 0 && (TXA[a + roleStart - 1] & (W_TITLE | W_ROLE)) && !(TXA[a + roleStart - 1] & W_COUNTRY)
        && !(lows[roleStart - 1] === 'and' && roleStart > 1 && (t.f[a + roleStart - 2] & 2))) roleStart--;
      while (roleStart < lastTitle && t.k[a + roleStart] === K_LOWER) roleStart++;
      // what precedes the role: places, organisations
      if (roleStart > 0) classifyChunk(p, t, a, a + roleStart, out, gz);
      const roleText = p.slice(t.s[a + roleStart], t.e[a + nameStart - 1]).replace(/\s+(?:of|for|and|the)$/i, '');
      for (const pi of places) out.push(mk(t.s[a + pi], t.e[a + pi], 'place', p.slice(t.s[a + pi], t.e[a + pi])));
      let nameEnd = nameStart + 1;
      while (nameEnd < n && (t.k[a + nameEnd] !== K_LOWER || (TXB[a + nameEnd] & B_NAME_PARTICLE) || particleName(p, t, a + nameEnd))) nameEnd++;
      pushPerson(p, t, a + nameStart, a + nameEnd, out, roleText, t.s[a + lastTitle], lows[lastTitle]);
      if (nameEnd + 1 < n) classifyChunk(p, t, a + nameEnd + 1, b, out, gz);
      return;
    }
  }

  // hyphenated pairs of places: "Afghanistan-China"
  if (n === 1 && hasCode(t.cc, start, end, 45)) { // (text.includes('-'))
    const parts = text.split('-');
    if (parts.length > 1 && parts.every((x) => x.length > 1 && isPlace(x.toLowerCase()))) {
      let off = start;
      for (const part of parts) {
        out.push(mk(off, off + part.length, 'place', part));
        off += part.length + 1;
      }
      return;
    }
    const lc = parts[parts.length - 1].charCodeAt(0);
    if (lc >= 0 && !isUpperChar(lc, parts[parts.length - 1], 0) && isWordAt(parts[parts.length - 1], 0) && !(lc >= 48 && lc <= 57)) return; // "Afghan-led"
  }

  // whole-sequence lexicon look-ups
  // (a name of several words can be a place only when its first two words can open one: `placePair`)
  const lowText = n === 1 ? lows[0] : placePair(a) ? lows.join(' ') : '';
  if (n === 1 ? ((TXA[a] | TBA[a]) & W_PLACE) !== 0
    : (lowText !== '' && isPlace(lowText)) || ((TBA[a] & W_PLACE_HEAD) !== 0 && isPlace((text = orText(text, p, t, a, b)).toLowerCase()))) {
    out.push(mk(start, end, (n === 1 ? (TXA[a] & W_COUNTRY) !== 0 : isCountry(lowText)) && actsAsBody(p, t, a, b) ? 'organization' : 'place', orText(text, p, t, a, b)));
    return;
  }
  let orgAt = -1;
  for (let i = n - 1; i >= 0; i--) if ((TXA[a + i] & W_ORG) && t.k[a + i] === K_CAP) { orgAt = i; break; }
  // "professor Alan Brook Hill": a role word and a given name make a person even when the surname is a place head
  if (n >= 2 && n <= 3 && !headlineMode && orgAt < 0 && (TXA[a] & W_FIRST) && a > 0 && t.k[a - 1] === K_LOWER
    && (TBB[a - 1] & B_PERSON_LEAD) && nameShaped(p, t, a + 1, lows[1])) {
    pushPerson(p, t, a, b, out, undefined, undefined, undefined);
    return;
  }
  if (((TXA[b - 1] & W_PLACE_WORD) || (TXB[b - 1] & B_CENTER)) && n > 1 && (orgAt < 0 || (TXB[b - 1] & B_CENTER))) { // (b - 1: `last`)
    out.push(mk(start, end, 'place', orText(text, p, t, a, b)));
    return;
  }
  if (orgAt >= 0 && (n > 1 || (t.f[a] & 2))) {
    // what follows the organisation's head: a title ("State Department Spokesperson") or a person ("Refugee Council Tom Eldred")
    if (orgAt > 0 && orgAt < n - 1) {
      let titles = true, named = true;
      for (let i = orgAt + 1; i < n; i++) {
        if (!(TXA[a + i] & W_TITLE)) titles = false;
        if (!nameShaped(p, t, a + i, lows[i]) || (TXA[a + i] & W_PLACE) || t.k[a + i] !== K_CAP) named = false;
      }
      if (titles) {
        out.push(mk(start, t.e[a + orgAt], 'organization', p.slice(start, t.e[a + orgAt])));
        return;
      }
      if (named && n - orgAt - 1 >= 2 && n - orgAt - 1 <= 3) {
        out.push(mk(start, t.e[a + orgAt], 'organization', p.slice(start, t.e[a + orgAt])));
        pushPerson(p, t, a + orgAt + 1, b, out, undefined, undefined, undefined);
        return;
      }
    }
    out.push(mk(start, end, 'organization', orText(text, p, t, a, b)));
    return;
  }

  // an acronym opening the run is an organisation of its own: "NASA Administrator Nora Vail", "ACME Global"
  if (n > 1 && (t.f[a] & 2) && !(t.f[a] & 9) && t.e[a] - t.s[a] <= 5 && !(TXA[a] & W_PLACE) && !/\d/.test(lows[0])
    && t.k[a + 1] === K_CAP && !(t.f[a + 1] & 2)) {
    out.push(mk(start, t.e[a], 'organization', p.slice(start, t.e[a])));
    classifyChunk(p, t, a + 1, b, out, gz);
    return;
  }
  // split on connectors that are not part of a name ("Afghanistan and China")
  for (let i = 1; i < n - 1; i++) {
    if (t.k[a + i] === K_LOWER && !(TXB[a + i] & B_NAME_PARTICLE) && !particleName(p, t, a + i)) {
      classifyChunk(p, t, a, a + i, out, gz);
      classifyChunk(p, t, a + i + 1, b, out, gz);
      return;
    }
  }

  // a plain word before a country names a national body: "Environment Canada", "Acme UK"
  if (n === 2 && (TXA[a + 1] & W_COUNTRY) && !(TXA[a] & (W_PLACE | W_FIRST)) && !(TXB[a] & B_PLACE_OPENER)
    && nameShaped(p, t, a, lows[0]) && !(t.f[a] & 4)) {
    out.push(mk(start, end, 'organization', orText(text, p, t, a, b)));
    return;
  }
  // a direction or "New" before a known place: "Western Australia", "East Los Angeles", "New South Wales"
  if (n > 1 && n <= 4 && (TXB[a] & B_PLACE_OPENER) && ((n === 2 ? (TXA[a + 1] & W_PLACE) !== 0 : placePair(a + 1) && isPlace(lows.slice(1).join(' ')))
    || (TXA[b - 1] & W_PLACE) && n === 3 && (TXB[a + 1] & B_PLACE_OPENER))) {
    out.push(mk(start, end, 'place', orText(text, p, t, a, b)));
    return;
  }
  // "North American", "South African": a direction before a demonym is an adjective, not a name
  if (n === 2 && (TXB[a] & B_PLACE_OPENER) && isDemonym(lows[1])) return;
  // leading demonym or place before a name: "Afghan Peace Process", "Chinese President Xi"
  if (n > 1 && (TXA[a] & W_DEMONYM)) {
    classifyChunk(p, t, a + 1, b, out, gz);
    return;
  }
  // a place name opening the run: "Oregon Dana Whitlow", "Dunmore West", "Toronto Herald"
  if (n > 1) {
    for (let k = Math.min(3, n - 1); k >= 1; k--) {
      // (k === 1: the bits of token a answer for `pre`)
      const pre = k === 1 ? lows[0] : placePair(a) ? lows.slice(0, k).join(' ') : '';
      if (k === 1 ? !(TXA[a] & W_PLACE) || ((TXA[a] & (W_FIRST | W_COUNTRY)) === W_FIRST && !(n - k >= 2 && (TXA[a + 1] & W_FIRST)))
        : pre === '' || !isPlace(pre)) continue;
      const restN = n - k;
      const preCountry = k === 1 ? (TXA[a] & W_COUNTRY) !== 0 : isCountry(pre);
      if (restN === 1 && (TXB[a + k] & B_DIRECTION)) { out.push(mk(start, end, 'place', orText(text, p, t, a, b))); return; }
      // "the Taipei City Kite Festival": "City" stays with its place
      if (restN > 1 && lows[k] === 'city' && !preCountry) {
        out.push(mk(start, t.e[a + k], 'place', p.slice(start, t.e[a + k])));
        classifyChunk(p, t, a + k + 1, b, out, gz);
        return;
      }
      // "the Denver Sheriff's office", "Toronto Mayor": the place, then a role that names nobody
      if (restN === 1 && (TXA[a + k] & (W_TITLE | W_FIRST)) === W_TITLE) {
        out.push(mk(start, t.e[a + k - 1], 'place', p.slice(start, t.e[a + k - 1])));
        return;
      }
      // "Toronto Herald", "Leeds Mirror": a town and a newspaper's head word name the paper, even when the word is a given name
      if (restN === 1 && !preCountry && (!(TXA[a + k] & W_FIRST) || NEWSPAPER_HEADS.has(lows[k])) && t.k[a + k] === K_CAP && !(t.f[a + k] & 2)) {
        out.push(mk(start, end, 'organization', orText(text, p, t, a, b)));
        return;
      }
      out.push(mk(start, t.e[a + k - 1], 'place', p.slice(start, t.e[a + k - 1])));
      classifyChunk(p, t, a + k, b, out, gz);
      return;
    }
  }

  if (n === 1) {
    const w = lows[0];
    if (TXA[a] & (W_DEMONYM | W_MONTH | W_WEEKDAY | W_STOP)) return; // (w: the bare form of token a)
    // "Investigators said", "Critics argue": a plural group noun opening a sentence names nobody in particular
    if ((t.f[a] & 4) && (TXA[a] & W_SPEAKER_NOUN) && w.endsWith('s')) return;
    // "the Church denied", "the Administration's decision": a capitalised head word names a known body
    if (!(t.f[a] & 4) && (TXA[a] & (W_ORG | W_PLACE_WORD)) && afterArticle(p, t, a) && lowerOf(p, t, a - 1) === 'the'
      && !(b < t.n && t.k[b] === K_LOWER && lowerOf(p, t, b) === 'of')) {
      out.push(mk(start, end, (TXA[a] & W_ORG) ? 'organization' : 'place', text));
      return;
    }
    if (TXA[a] & W_PLACE) { out.push(mk(start, end, 'place', text)); return; }
    const allCaps = (t.f[a] & 2) !== 0;
    // common abbreviations and Roman numerals are no names: "VIP", "GMT", "IQ", "part XVII"
    if (allCaps && (COMMON_ABBREVIATIONS.has(w) || /^[ivxlc]{2,}$/.test(w))) return;
    if (a > 1 && t.cc[t.s[a - 1]] === 44 && w.includes('.') && STATE_ABBREVIATIONS.has(w)) { out.push(mk(start, end, 'place', text)); return; } // "…, N.C."

    const digit = hasDigit(t.cc, start, end); // (/\d/.test(text))
    if (allCaps && text.length <= 5 && !text.includes('-') && !digit) {
      out.push(mk(start, end, 'organization', text, { weak: (t.f[a] & 4) !== 0 && text.length < 2 }));
      return;
    }
    if (digit) return;
    // the type the neighbours give a word inside a sentence (read twice below)
    const ctx = !(t.f[a] & 4) && !headlineMode ? contextType(p, t, a, b) : null;
    if (ctx === 'place' && t.cc[t.s[b]] === 44) { out.push(mk(start, end, 'place', text)); return; }
    // a dateline or address: "Brenton, Indiana, United States –", "towns such as Raleigh, N.C."
    if (!headlineMode && (!(t.f[a] & 4) || !(TXA[a] & W_FIRST)) && regionAfter(p, t, b)) { out.push(mk(start, end, 'place', text)); return; }
    // a web address names a site or its owner: "Gawker.com", "CBC.ca"
    if (hasCode(t.cc, start, end, 46) && WEB_NAME_RE.test(text)) { out.push(mk(start, end, 'organization', text)); return; } // (text.includes('.'))
    // "North" and "Central" are in the given-name lists, but alone they name a region or a side
    const g = (TXB[a] & (B_DIRECTION | B_PLACE_OPENER)) ? undefined : genderOf(TXA[a]);
    // "the convention in Cleveland", "unrest in Charlotte": a lone given name after "in" is a town (people are named in full or by surname)
    if (g && !(t.f[a] & 5) && a > 0 && t.k[a - 1] === K_LOWER && lowerOf(p, t, a - 1) === 'in' && !(b < t.n && t.k[b] === K_CAP)
      && p.charCodeAt(end) !== 39 && p.charCodeAt(end) !== 8217) { // "in Davis' commentary": a possessive
      out.push(mk(start, end, 'place', text, { hint: 'person' })); // the hint: a person's given name when one was named before
      return;
    }
    // "the Port of Rotterdam": a first name after an article or before "of" is not a person
    if (g && !(t.f[a] & 4) && !afterArticle(p, t, a) && !titledThe && !(b < t.n && t.k[b] === K_LOWER && lowerOf(p, t, b) === 'of')) {
      out.push(mk(start, end, 'person', text, g !== 'u' ? { gender: g } : undefined));
      return;
    }
    // a caption's "Okafor (left) and Lindahl (right)": people
    if (t.cc[end] === 32 && t.cc[end + 1] === 40 && nameShaped(p, t, a, w) && CAPTION_SIDE_RE.test(p.slice(end, end + 12))) { out.push(mk(start, end, 'person', text)); return; }
    const weak = (t.f[a] & 4) !== 0;
    if (ctx && nameShaped(p, t, a, w)) { out.push(mk(start, end, ctx, text)); return; } // (ctx: not weak, no headline)
    const hint = orgHint(p, t, a, b);
    out.push(mk(start, end, 'unknown', text, weak || hint ? { weak: weak || undefined, hint: hint ?? undefined } : undefined));
    return;
  }
  // a prefixed descriptor before a name is a role, never part of it: "Pan-democrat Lee Ka-wing", "Ex-minister Ivo Tarr"
  if (n >= 3 && n <= 4 && !headlineMode && DESCRIPTOR_PREFIX_RE.test(lows[0]) && t.k[b - 1] === K_CAP) {
    let named = true;
    for (let i = 1; i < n && named; i++) named = nameShaped(p, t, a + i, lows[i]) && !(TXA[a + i] & W_PLACE) && t.k[a + i] === K_CAP;
    if (named && ((TXA[a + 1] & W_FIRST) || personEvidence(p, t, a + 1, b))) {
      pushPerson(p, t, a + 1, b, out, p.slice(t.s[a], t.e[a]), t.s[a], undefined);
      return;
    }
  }
  // a capitalised descriptor before a full name: "Nonpartisan Tom Eldred", "Pan-democrat Lee Ka-wing", "Buddhist Nora Vail"
  if (n >= 3 && n <= 4 && !headlineMode && !(TXA[a] & W_FIRST) && ((t.f[a] & 4) || lows[0].includes('-') || /(?:ist|ian|crat)$/.test(lows[0]))
    && nameShaped(p, t, a + 1, lows[1]) && (genderOf(TXA[a + 1]) === 'm' || genderOf(TXA[a + 1]) === 'f') && t.k[b - 1] === K_CAP) {
    pushPerson(p, t, a + 1, b, out, undefined, undefined, undefined);
    return;
  }
  // person by first name
  const g = genderOf(TXA[a]) ?? (n <= 3 && (TXA[a] & W_AMBIGUOUS_FIRST) && (!(t.f[a] & 4) || !SENTENCE_WORDS.has(lows[0]))
    && nameShaped(p, t, a + 1, lows[1]) ? 'u' : undefined);
  if (g && n <= 4 && !(TXA[b - 1] & W_PLACE) && !titledThe && !ABSTRACT_PLURAL_RE.test(last)) { // (b - 1: `last`)
    pushPerson(p, t, a, b, out, undefined, undefined, undefined);
    return;
  }
  // two or three plain capitalised words: a personal name ("Tom Eldred", "Nora Vail", "Lee Ka-wing")
  if (n <= 3 && !headlineMode) {
    let named = true;
    for (let i = 0; i < n && named; i++) named = nameShaped(p, t, a + i, lows[i]) && !(TXA[a + i] & W_PLACE);
    if (named && (t.k[b - 1] === K_CAP || particleName(p, t, b - 1)) && !(t.f[b - 1] & 10) && !ABSTRACT_PLURAL_RE.test(last) && personEvidence(p, t, a, b)) {
      pushPerson(p, t, a, b, out, undefined, undefined, undefined);
      return;
    }
  }
  // "in Pine Hollow, California": unfamiliar words before a known region
  if (n <= 3 && !headlineMode && !(TXA[a] & W_FIRST) && a > 0 && t.k[a - 1] === K_LOWER && LOCATIVES.has(lowerOf(p, t, a - 1))
    && regionAfter(p, t, b)) {
    out.push(mk(start, end, 'place', orText(text, p, t, a, b)));
    return;
  }
  const hint = orgHint(p, t, a, b) ?? (/(?:tions|sions|ments|ships)$/.test(last) && t.k[b - 1] === K_CAP ? 'organization' : null);
  out.push(mk(start, end, 'unknown', orText(text, p, t, a, b), hint ? { hint: titledThe && hint === 'person' ? undefined : hint } : undefined));
}

/** Nouns that follow an organisation's name ("Scientology officials"); people have spokesmen, platforms and lawyers too. */
const ORG_AFTER = new Set(['officials', 'official', 'employees', 'staff', 'members', 'website', 'homepage', 'headquarters',
  'users', 'executives', 'shares', 'stock', 'leadership', 'propaganda', 'jargon', 'doctrine', 'teachings', 'adherents',
  'subscribers', 'reporters', 'correspondents', 'journalists', 'editors', 'exhibit', 'collection', 'collections']);
/** Nouns after an organisation's possessive ("Microsoft's website", "USI's art gallery"). */
const ORG_POSSESSED = new Set(['website', 'homepage', 'headquarters', 'employees', 'users', 'shares', 'stock', 'ceo',
  'co-founder', 'subscribers', 'executives', 'products', 'software', 'browser', 'board', 'members', 'officials', 'staff',
  'exhibit', 'collection', 'collections', 'gallery', 'campus', 'reporters', 'market']);
/** Nouns after a place's possessive ("Lagos's streets") and after a place's name ("the Lombardy region"). */
const PLACE_POSSESSED = new Set(['streets', 'outskirts', 'suburbs', 'residents', 'inhabitants', 'population', 'mayor', 'governor',
  'downtown', 'airport', 'harbour', 'harbor', 'coast', 'coastline', 'border', 'borders', 'capital', 'neighbourhoods',
  'neighborhoods', 'districts', 'provinces', 'skyline', 'port']);
const SITE_WORDS = new Set(['mosque', 'cathedral', 'square', 'street', 'avenue', 'airport', 'river', 'harbour', 'harbor', 'bay',
  'bridge', 'tower', 'towers', 'park', 'stadium', 'plaza', 'beach', 'lake', 'temple', 'palace']);
const PLACE_AFTER = new Set(['region', 'province', 'county', 'prefecture', 'municipality', 'district', 'valley', 'coast',
  'peninsula', 'border', 'outskirts', 'area']);
/** Words before an organisation's name ("the company Ubisoft", "members of Scientology"). */
const ORG_LEAD = new Set(['company', 'firm', 'group', 'website', 'newspaper', 'paper', 'magazine', 'broadcaster', 'network',
  'band', 'club', 'charity', 'agency', 'party', 'developer', 'publisher', 'retailer', 'airline', 'bank', 'church', 'religion',
  'movement', 'giant', 'maker', 'brand', 'startup', 'studio', 'label', 'organisation', 'organization', 'outlet', 'daily']);
const ORG_OF = new Set(['members', 'member', 'critics', 'critic', 'critical', 'employees', 'employee', 'staff', 'officials',
  'spokesman', 'spokeswoman', 'spokesperson', 'founder', 'co-founder', 'head', 'ceo', 'chairman', 'president', 'leader', 'leaders']);

/** Local evidence that an unfamiliar capitalised name is an organisation's. */
function orgHint(p: string, t: Tokens, a: number, b: number): MentionType | null {
  // (the lists' words have B_ORG_CONTEXT: most words need no look-up)
  if (t.f[b - 1] & 1) {
    if (b < t.n && t.k[b] === K_LOWER && (((TBB[b] & B_ORG_CONTEXT) && ORG_POSSESSED.has(lowerOf(p, t, b)))
      || (b + 1 < t.n && t.k[b + 1] === K_LOWER && (TBB[b + 1] & B_ORG_CONTEXT) && ORG_POSSESSED.has(lowerOf(p, t, b + 1))))) return 'organization';
    // "Lisbon's Old Cathedral", "Lagos's streets": what a place has
    if (b < t.n && t.k[b] === K_LOWER && (TBB[b] & B_ORG_CONTEXT) && PLACE_POSSESSED.has(lowerOf(p, t, b))) return 'place';
    if (b < t.n && t.k[b] === K_CAP) {
      let e = b;
      while (e + 1 < t.n && t.k[e + 1] === K_CAP && spaceBetween(p, t, e) && e - b < 3) e++;
      if (e > b && SITE_WORDS.has(bareLower(p, t, e)) && !(t.f[e] & 1)) return 'place';
    }
    return null;
  }
  if (b < t.n && t.k[b] === K_LOWER && (TBB[b] & B_ORG_CONTEXT) && spaceBetween(p, t, b - 1)) {
    const w = lowerOf(p, t, b);
    if (ORG_AFTER.has(w)) return 'organization';
    // "the Lombardy region", "Kerala state"
    if (PLACE_AFTER.has(w)) return 'place';
  }
  if (a > 0 && t.k[a - 1] === K_LOWER) {
    const w = lowerOf(p, t, a - 1);
    if ((TBB[a - 1] & B_ORG_CONTEXT) && ORG_LEAD.has(w)) return 'organization';
    if (w === 'on' && b - a === 1 && !(b < t.n && t.k[b] === K_CAP) && postedBefore(p, t, a - 1)) return 'organization'; // "posted on Twitter"
    if ((w === 'of' || w === 'against' || w === 'within' || w === 'for') && a > 1 && t.k[a - 2] === K_LOWER && (TBB[a - 2] & B_ORG_CONTEXT)
      && ORG_OF.has(lowerOf(p, t, a - 2))) return 'organization';
  }
  return null;
}

/** Words that open a place name before a known place ("New Zealand", "Western Australia", "East Los Angeles"). */
const PLACE_OPENERS = new Set(['new', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'upper',
  'lower', 'greater', 'central', 'pacific', 'atlantic']);

/**
 * Whether the bare forms of tokens i, i + 1 (and more) joined by spaces can be a place or country
 * name: no name of several words starts with another first word (W_PLACE_HEAD) or second word
 * (W_PLACE_SECOND).
 */
function placePair(i: number): boolean {
  return (TXA[i] & W_PLACE_HEAD) !== 0 && (TXA[i + 1] & W_PLACE_SECOND) !== 0;
}

/** Whether tokens a, a+1 (and a+2) of the run name a known place ("New Zealand" at a sentence start). */
function placeAhead(p: string, t: Tokens, a: number, b: number): boolean {
  if (a + 1 >= b) return false;
  if (placePair(a)) {
    const two = bareLower(p, t, a) + ' ' + bareLower(p, t, a + 1);
    if (isPlace(two) || (a + 2 < b && isPlace(two + ' ' + bareLower(p, t, a + 2)))) return true; // "United States Navy"
  }
  return (TXB[a] & B_PLACE_OPENER) !== 0 && (TXA[a + 1] & W_PLACE) !== 0;
}

/** Verbs whose subject is a body (a government, a team), not a territory: "South Korea evacuated", "Sweden defeated". */
const BODY_VERBS = new Set(['says', 'said', 'won', 'wins', 'lost', 'beat', 'beats', 'faced', 'faces', 'made', 'makes', 'began',
  'begins', 'had', 'has', 'scored', 'drew', 'led', 'leads', 'announced', 'condemned', 'warned', 'demanded', 'rejected',
  'accused', 'agreed', 'signed', 'launched', 'denied', 'insisted', 'vowed', 'plans', 'planned', 'wants', 'wanted', 'win',
  'winning', 'leading', 'trailing', 'retaliated', 'threatened']);
/** Sports roles that follow a team's name without a possessive ("Panama coach"). */
const SQUAD_NOUNS = new Set(['coach', 'goalkeeper', 'captain', 'squad', 'striker', 'defender', 'midfielder', 'manager', 'players']);
const BODY_BEFORE = new Set(['defeated', 'defeating', 'beat', 'beating', 'faced', 'facing', 'against', 'versus', 'vs', 'vs.', 'played']);
const TEAM_NOUNS = new Set(['goalkeeper', 'coach', 'captain', 'team', 'squad', 'players', 'striker', 'defender', 'midfielder',
  'victory', 'defeat', 'win', 'manager', 'government', 'foreign', 'military', 'army', 'navy', 'officials', 'embassy', 'media',
  'leader', 'leadership', 'regime', 'agency', 'attempt', 'goal', 'goals', 'lead']);

/** A country named as an actor: subject of an action verb, a team's opponent or score, "Tunisia's goalkeeper". */
function actsAsBody(p: string, t: Tokens, a: number, b: number): boolean {
  if (b < t.n) {
    if (t.f[b - 1] & 1) {
      return t.k[b] === K_LOWER && (TEAM_NOUNS.has(lowerOf(p, t, b)) || (b + 1 < t.n && t.k[b + 1] === K_LOWER && TEAM_NOUNS.has(lowerOf(p, t, b + 1))));
    }
    if (t.k[b] === K_LOWER) {
      const w = lowerOf(p, t, b);
      if (BODY_VERBS.has(w) || SQUAD_NOUNS.has(w) || (w.length >= 5 && w.endsWith('ed') && w !== 'based' && w !== 'located' && w !== 'need' && !PREPOSITIONS.has(w))) return true;
    }
    if (t.k[b] === K_NUM && spaceBetween(p, t, b - 1)) return true;
  }
  if (a > 0 && t.k[a - 1] === K_LOWER && BODY_BEFORE.has(lowerOf(p, t, a - 1))) return true;
  if (a > 0 && t.k[a - 1] === K_NUM && spaceBetween(p, t, a - 1) && a > 1 && isDashCode(p.charCodeAt(t.s[a - 2]))) return true;
  return false;
}

/** Words after a name that make it someone's ("Tom Eldred defeated", "Nora Vail scored"). */
const PERSON_AFTER = new Set(['said', 'says', 'told', 'who', 'whose', 'himself', 'herself', 'scored', 'replaced', 'defeated',
  'defeating', 'resigned', 'died', 'married', 'wrote', 'argued', 'added', 'explained', 'recalled', 'admitted', 'insisted']);

/** All-caps abbreviations of general English that name no organisation (lower-cased). */
const COMMON_ABBREVIATIONS = new Set(['vip', 'vips', 'ceo', 'ceos', 'cfo', 'coo', 'cto', 'gmt', 'utc', 'est', 'edt', 'pst', 'pdt', 'cst', 'cdt',
  'iq', 'html', 'url', 'pdf', 'dna', 'gdp', 'am', 'pm', 'qc', 'kc', 'sc', 'mba', 'phd', 'ok', 'tv', 'usb', 'gps', 'faq', 'diy',
  'potus', 'flotus', 'scotus', 'asap', 'aka', 'rsvp', 'lol', 'omg', 'wifi', 'led', 'lcd', 'suv', 'atm', 'pc', 'ip', 'ai', 'vr', 'hiv', 'aids']);
/** Lower-case English words after a hyphen that make a compound, not a romanised given name ("Prize-winner"). */
const COMPOUND_TAILS = new Set(['winner', 'winning', 'winners', 'based', 'born', 'led', 'owned', 'run', 'backed', 'style', 'like',
  'era', 'made', 'funded', 'sponsored', 'type', 'related', 'linked', 'affiliated', 'controlled', 'bound', 'wide', 'free',
  'friendly', 'specific', 'centric', 'inspired', 'themed', 'designed', 'certified', 'approved', 'nominated', 'elect']);
const WEB_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|ca|co\.uk|io|gov|edu|info|news|tv)$/;
/** Local evidence that a run of unfamiliar capitalised words is a person's name. */
function personEvidence(p: string, t: Tokens, a: number, b: number): boolean {
  if (a > 0 && bareLower(p, t, a - 1) === 'the') return false; // people take no article: "the Quarry Lane said"
  if (ORDINAL_WORDS.has(bareLower(p, t, a))) return false; // "Eldred's Fifth Amendment"
  // a romanised given name: "Ka-ki", "Wai-keung", "Kim Soo-Ha"
  for (let i = a; i < b; i++) {
    const h = p.indexOf('-', t.s[i]);
    if (h > t.s[i] && h < t.e[i] - 1) {
      const c = p.charCodeAt(h + 1);
      if (c >= 97 && c <= 122 && !COMPOUND_TAILS.has(p.slice(h + 1, t.e[i]))) return true;
      if (i === b - 1 && i > a && c >= 65 && c <= 90 && h - t.s[i] <= 4) return true;
    }
  }
  const prev = a > 0 ? a - 1 : -1;
  if (prev >= 0) {
    if (t.k[prev] === K_CAP && (t.f[prev] & 1) && !(b < t.n && t.k[b] === K_NUM)) return true; // "Acme's Nora Vail", not "Microsoft's Internet Explorer 9"
    let i = prev;
    if (t.k[i] === K_PUNCT && p.charCodeAt(t.s[i]) === 44 && i > 0) i--;
    if (t.k[i] === K_LOWER && (TBB[i] & B_PERSON_LEAD)) return true;
  }
  if (b < t.n) {
    if (t.k[b] === K_LOWER && PERSON_AFTER.has(lowerOf(p, t, b))) return true;
    // an age or an appositive: "Lena Dorr, 36,", "Alan Brook, QC"
    if (p.charCodeAt(t.s[b]) === 44 && b + 1 < t.n && t.k[b + 1] === K_NUM && /^\d{1,2}$/.test(p.slice(t.s[b + 1], t.e[b + 1]))) return true;
    if (p.charCodeAt(t.s[b]) === 40 && b + 1 < t.n && /^(?:born|aged|\d{1,2}|left|right|center|centre|pictured)$/.test(lowerOf(p, t, b + 1))) return true;
  }
  return false;
}

/** Verbs before "on X" that make X a platform ("posted on Twitter"). */
const POST_VERBS = new Set(['posted', 'posts', 'tweeted', 'wrote', 'published', 'shared', 'appeared', 'announced', 'said',
  'live', 'available', 'streamed', 'broadcast', 'aired', 'uploaded', 'messages', 'comments', 'account', 'video', 'videos',
  'photo', 'photos', 'post', 'hashtag', 'trending', 'followers']);
/** A posting verb or a post within four words before token `i` ("posted the video on …"). */
function postedBefore(p: string, t: Tokens, i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (t.k[j] === K_PUNCT) return false;
    if (t.k[j] === K_LOWER && POST_VERBS.has(lowerOf(p, t, j))) return true;
  }
  return false;
}
/** Words that may follow a place after "in" ("in Kanata on Monday", "in Sochi and …"). */
const AFTER_PLACE = new Set(['and', 'or', 'on', 'in', 'at', 'for', 'to', 'with', 'from', 'since', 'during', 'last', 'this',
  'where', 'when', 'which', 'who', 'until', 'after', 'before', 'earlier', 'later', 'today', 'yesterday', 'each', 'every']);

const LOCATIVES = new Set(['in', 'at', 'near', 'from', 'outside', 'inside', 'to']);
/** Whether ", <known region>" follows token b-1, and no capitalised word after the region ("Texas Republican"). */
function regionAfter(p: string, t: Tokens, b: number): boolean {
  if (!(b + 1 < t.n && p.charCodeAt(t.s[b]) === 44 && t.e[b] - t.s[b] === 1 && t.k[b + 1] === K_CAP)) return false;
  const k = regionEnd(p, t, b + 1);
  return k >= 0 && !(k + 1 < t.n && t.k[k + 1] === K_CAP && spaceBetween(p, t, k));
}

/** US state abbreviations in news style ("Flint, Mich.", "Charlotte, N.C."), lower-case without the last dot. */
const STATE_ABBREVIATIONS = new Set(['ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans',
  'ky', 'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'n.h', 'n.j', 'n.m', 'n.y', 'n.c', 'n.d', 'okla',
  'ore', 'pa', 'r.i', 's.c', 's.d', 'tenn', 'tex', 'vt', 'va', 'wash', 'w.va', 'wis', 'wyo', 'd.c']);
/** The last token of a known region starting at token k ("Indiana", "New South Wales", "Mich."), or -1. */
function regionEnd(p: string, t: Tokens, k: number): number {
  let w = bareLower(p, t, k);
  if (k + 1 < t.n && t.k[k + 1] === K_CAP && placePair(k) && spaceBetween(p, t, k) && isPlace(w + ' ' + bareLower(p, t, k + 1))) { w += ' ' + bareLower(p, t, k + 1); k++; }
  if (isPlace(w) && !FIRST_NAMES.has(w)) return k;
  // an abbreviation counts only with its dot: "Mich." but not "Miss"
  if (STATE_ABBREVIATIONS.has(w) && (p.charCodeAt(t.e[k] - 1) === 46 || p.charCodeAt(t.e[k]) === 46)) return k;
  return -1;
}

/** The type a single unknown capitalised word takes from its neighbours, if any. */
function contextType(p: string, t: Tokens, a: number, b: number): MentionType | null {
  // "Brenton, Indiana": a town before a known region
  if (b + 1 < t.n && p.charCodeAt(t.s[b]) === 44 && t.e[b] - t.s[b] === 1 && t.k[b + 1] === K_CAP && regionEnd(p, t, b + 1) >= 0) return 'place';
  if (a === 0) return null;
  let i = a - 1;
  if (t.k[i] === K_PUNCT && p.charCodeAt(t.s[i]) === 44 && i > 0) i--;
  if (t.k[i] !== K_LOWER) return null;
  const w = lowerOf(p, t, i);
  if ((TBB[i] & B_PERSON_LEAD) && i === a - 1 || (i < a - 1 && (w === 'coach' || w === 'prosecutor' || w === 'wife' || w === 'husband'))) return 'person';
  // "…, said Vantorff, …": the name after an inverted "said" is a person's
  if ((w === 'said' || w === 'says') && i === a - 1 && (b >= t.n || t.k[b] === K_PUNCT)) return 'person';
  if ((w === 'in' || w === 'near') && i === a - 1 && !(t.f[a] & 1) && (b >= t.n || t.k[b] === K_PUNCT || AFTER_PLACE.has(lowerOf(p, t, b)))) return 'place';
  return null;
}

/** A mention with every field present (one object shape: fast property access in the global pass). */
function mk(start: number, end: number, type: MentionType, name: string, extra?: { gender?: 'm' | 'f'; weak?: boolean; fixed?: boolean; hint?: MentionType }): LocalMention {
  return {
    start, end, type, name, role: undefined, titledStart: undefined, gender: extra?.gender, weak: extra?.weak,
    fixed: extra?.fixed, speaks: undefined, hint: extra?.hint, toks: undefined, key: undefined, low: undefined, titledAlias: undefined,
  };
}

/** `FIRST_NAMES.get` of the word with these bits (TBA or TXA): 'm', 'f', 'u' (both), or undefined. */
function genderOf(bits: number): 'm' | 'f' | 'u' | undefined {
  const g = bits & (W_MALE | W_FEMALE);
  return g === 0 ? undefined : g === W_MALE ? 'm' : g === W_FEMALE ? 'f' : 'u';
}

function afterArticle(p: string, t: Tokens, a: number): boolean {
  if (a === 0 || t.k[a - 1] !== K_LOWER) return false;
  const w = lowerOf(p, t, a - 1);
  return w === 'the' || w === 'a' || w === 'an';
}

function pushPerson(p: string, t: Tokens, a: number, b: number, out: LocalMention[], role: string | undefined,
  titledStart: number | undefined, title: string | undefined): void {
  const start = t.s[a], end = t.e[b - 1];
  const m = mk(start, end, 'person', tokenText(p, t, a, b));
  if (role) m.role = role;
  if (titledStart !== undefined) m.titledStart = titledStart;
  let g = genderOf(TBA[a]); // FIRST_NAMES.get(p.slice(t.s[a], t.e[a]).toLowerCase())
  if (title === 'mr' || title === 'sir' || title === 'king' || title === 'prince' || title === 'father') g = 'm';
  else if (title === 'mrs' || title === 'ms' || title === 'miss' || title === 'queen' || title === 'princess' || title === 'dame' || title === 'lady') g = 'f';
  if (g === 'm' || g === 'f') m.gender = g;
  out.push(m);
}

/**
 * An unknown mention of two or three plain words (split at single spaces): no digit or "&", and no
 * word (lower-cased, without a final dot) a title, an organisation's or place's word, a place or a
 * function word. Its name is its surface (every unknown mention's is), so when single spaces
 * separate its tokens, they are its words and their bits (TXA: the bare form's) answer.
 */
function plainName(p: string, t: Tokens, m: LocalMention): boolean {
  if (m.type !== 'unknown' || m.weak || m.hint) return false;
  let i = tokenAt(t, m.start);
  if (i >= 0) {
    let words = 1, bits = TXA[i];
    while (t.e[i] < m.end && t.s[i + 1] === t.e[i] + 1 && p.charCodeAt(t.e[i]) === 32) { i++; words++; bits |= TXA[i]; }
    if (t.e[i] === m.end) {
      if (words < 2 || words > 3) return false;
      for (let c = m.start; c < m.end; c++) { const x = p.charCodeAt(c); if ((x >= 48 && x <= 57) || x === 38) return false; }
      return !(bits & (W_TITLE | W_ORG | W_PLACE_WORD | W_PLACE | W_STOP));
    }
  }
  const words = m.name.split(' ');
  if (words.length < 2 || words.length > 3 || /[\d&]/.test(m.name)) return false;
  return !words.some((x) => { const w = x.toLowerCase().replace(/\.$/, ''); return TITLES.has(w) || ORG_WORDS.has(w) || PLACE_WORDS.has(w) || isPlace(w) || STOP_CAPS.has(w); });
}

function findMentions(p: string, t: Tokens, gz: CompiledGazetteer, quoteTokens: Uint8Array): LocalMention[] {
  const out: LocalMention[] = [];
  // dates first: their tokens are not names
  const taken = zeroed(TAKEN, t.n);
  const dates: LocalMention[] = [];
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  if (dateWordIn(t) && /\d|day\b/.test(p)) {
    // Every match holds its month or week-day name (or ISO date) inside one token with B_DATE_WORD
    // and starts in that token or the one before ("5th May"): the search for the next match skips
    // to the token before the next such token ending past the last match (the same matches).
    let k = 0;
    for (;;) {
      const from = DATE_RE.lastIndex;
      while (k < t.n && !((TBB[k] & B_DATE_WORD) && t.e[k] > from)) k++;
      if (k >= t.n) break;
      if (k > 0 && t.s[k - 1] > from) DATE_RE.lastIndex = t.s[k - 1];
      if ((m = DATE_RE.exec(p)) === null) break;
      dates.push(mk(m.index, m.index + m[0].length, 'date', m[0]));
    }
  }
  // gazetteer
  const gzm: LocalMention[] = [];
  if (gz.re) {
    gz.re.lastIndex = 0;
    while ((m = gz.re.exec(p)) !== null) {
      const e = gz.byName.get(m[0]) ?? gz.byName.get(m[0].toLowerCase());
      if (e) gzm.push(mk(m.index, m.index + m[0].length, e.type, e.name, { fixed: true }));
    }
  }
  const fixed = !gzm.length ? dates : dates.length ? dates.concat(gzm) : gzm;
  if (fixed.length) {
    for (const d of fixed) {
      // the tokens that overlap d: from the first ending after its start
      for (let i = lowerBound(t.e, t.n, d.start + 1); i < t.n && t.s[i] < d.end; i++) taken[i] = 1;
    }
  }
  headlineMode = isHeadline(p, t);
  const tk = t.k, nt = t.n;
  let i = 0;
  for (;;) {
    while (i < nt && (tk[i] !== K_CAP || taken[i])) i++;
    if (i >= nt) break;
    let j = i + 1;
    if (!(t.f[i] & 1)) {
      while (j < t.n) {
        if (!spaceBetween(p, t, j - 1)) break;
        if (quoteTokens[j] !== quoteTokens[i]) break;
        if (t.k[j] === K_CAP && !taken[j]) {
          j++;
          if (t.f[j - 1] & 1) break;
          continue;
        }
        // "Abdel Fattah el-Sisi": a joined particle continues the name
        if (particleName(p, t, j) && !taken[j] && quoteTokens[j] === quoteTokens[i]) {
          j++;
          if (t.f[j - 1] & 1) break;
          continue;
        }
        if (t.k[j] === K_LOWER && (TBB[j] & B_CONNECTOR) && j + 1 < t.n && t.k[j + 1] === K_CAP && !taken[j + 1] && spaceBetween(p, t, j)
          && !hasDigit(t.cc, t.s[j + 1], t.e[j + 1])) { // "Brenton Space Center on BX-1": a code is no part of the name
          j += 2;
          if (t.f[j - 1] & 1) break;
          continue;
        }
        break;
      }
    }
    classifyChunk(p, t, i, j, out, gz);
    i = j;
  }
  // names listed with a person's name are people too ("Nora Vail, Tom Eldred, and Lena Dorr"),
  // and so are three or more plain two-word names listed together ("Ivo Marsh, Alan Brook, and Dana Whitlow")
  if (!headlineMode && out.length > 1) {
    for (let k = 0; k < out.length; k++) {
      if (!plainName(p, t, out[k])) continue;
      let e = k;
      let person = false;
      while (e + 1 < out.length && listGap(p, out[e].end, out[e + 1].start) && (plainName(p, t, out[e + 1]) || out[e + 1].type === 'person')) {
        if (out[e + 1].type === 'person') person = true;
        e++;
      }
      if (k > 0 && out[k - 1].type === 'person' && listGap(p, out[k - 1].end, out[k].start)) person = true;
      let plainCount = 0;
      for (let j = k; j <= e; j++) if (out[j].type === 'unknown') plainCount++;
      if (person || plainCount >= 3) for (let j = k; j <= e; j++) if (out[j].type === 'unknown') out[j].type = 'person';
      k = e;
    }
  }
  // a person's affiliation: "Alan Brook of Acme", "Harbourline's Lee Ka-wing" name a body
  for (let k = 0; k < out.length; k++) {
    const m = out[k];
    if (m.type !== 'unknown' || m.hint || m.weak && !p.startsWith('’s', m.end) && !p.startsWith("'s", m.end)) continue;
    const prev = k > 0 ? out[k - 1] : undefined;
    const next = k + 1 < out.length ? out[k + 1] : undefined;
    if ((prev && prev.type === 'person' && m.start - prev.end === 4 && p.startsWith(' of ', prev.end))
      || (next && next.type === 'person' && (possessiveGap(p, m.end, next.start)
        || (next.role !== undefined && next.titledStart !== undefined && possessiveGap(p, m.end, next.start - next.role.length - 1))))) {
      m.hint = 'organization';
    }
  }
  // "in Kanata, Ontario,": an unfamiliar word after a place and a comma, closing the phrase, is the region around it
  for (let k = 1; k < out.length; k++) {
    const m = out[k];
    if (m.type !== 'unknown' || m.hint || out[k - 1].type !== 'place' || m.start - out[k - 1].end !== 2 || p.charCodeAt(m.start - 2) !== 44
      || m.name.includes(' ')) continue;
    const c = p.charCodeAt(m.end);
    if (m.end >= p.length || c === 44 || c === 46 || c === 59 || c === 41 || /^\s+(?:in|on|to|where)\s/.test(p.slice(m.end, m.end + 8))) m.type = 'place';
  }
  // "Brenton Space Center (BSC)": an abbreviation in brackets right after a name takes that name's type
  for (let k = 1; k < out.length; k++) {
    const m = out[k], prev = out[k - 1];
    if (p.charCodeAt(m.end) === 41 && m.start - prev.end === 2 && p.charCodeAt(m.start - 1) === 40
      && (m.type === 'organization' || m.type === 'unknown') && !m.name.includes(' ') && m.name === m.name.toUpperCase()
      && (prev.type === 'organization' || prev.type === 'place')
      && prev.name !== prev.name.toUpperCase()) { // not a dateline: "WASHINGTON (AP)"
      m.type = prev.type; m.weak = undefined; m.hint = undefined;
    }
  }
  // a single word listed among places is a place ("Nova Scotia, Ontario, New Brunswick and Quebec")
  if (out.length > 2) {
    for (let k = 0; k < out.length; k++) {
      let e = k;
      while (e + 1 < out.length && out[e + 1].start - out[e].end <= 8 && listGap(p, out[e].end, out[e + 1].start)) e++;
      if (e - k < 2 || !/\b(?:and|or)\s/.test(p.slice(out[e - 1].end, out[e].start))) { k = e; continue; }
      let places = 0;
      for (let j = k; j <= e; j++) if (out[j].type === 'place') places++;
      if (places >= 2 && places * 2 >= e - k + 1) {
        for (let j = k; j <= e; j++) {
          const m = out[j];
          if ((m.type === 'unknown' || (m.type === 'person' && !m.role)) && !m.name.includes(' ')) { m.type = 'place'; m.gender = undefined; m.hint = undefined; }
        }
      }
      k = e;
    }
  }
  return fixed.length ? withFixed(out, fixed) : out;
}

/**
 * `sortSpans(out.concat(fixed), false)` (a stable sort by start): a merge when both lists are in
 * order already, as they usually are.
 */
function withFixed(out: LocalMention[], fixed: LocalMention[]): LocalMention[] {
  if (!startsInOrder(out) || !startsInOrder(fixed)) {
    const all = out.concat(fixed);
    sortSpans(all, false);
    return all;
  }
  const all: LocalMention[] = [];
  let i = 0, j = 0;
  while (i < out.length && j < fixed.length) all.push(fixed[j].start < out[i].start ? fixed[j++] : out[i++]);
  while (i < out.length) all.push(out[i++]);
  while (j < fixed.length) all.push(fixed[j++]);
  return all;
}

function startsInOrder(a: LocalSpan[]): boolean {
  for (let i = 1; i < a.length; i++) if (a[i].start < a[i - 1].start) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Quotes

interface QuoteSpan { a: number; b: number; open: number; close: number; openEnd: boolean } // token indices of marks

function markFamily(c: number): number {
  if (c === 34) return 1;
  if (c === 8220 || c === 8221 || c === 8222) return 2;
  if (c === 171 || c === 187) return 3;
  return 4; // single curly
}

function isHeadline(p: string, t: Tokens): boolean {
  if (t.n > 40) return false;
  let words = 0, caps = 0;
  for (let i = 0; i < t.n; i++) {
    if (t.k[i] === K_LOWER) words++;
    else if (t.k[i] === K_CAP) { words++; caps++; }
  }
  return words > 2 && caps > words * 0.6 && !/[.!?]["”’]?\s*$/.test(p.replace(/\s+$/, '')) || (words > 2 && caps > words * 0.75);
}

/**
 * Pairs the quote marks of a paragraph. Straight and curly double marks pair with each other
 * (writers mix them: “no evidence" yet); `strict` 1 reads only the straight marks, 2 only the
 * others, for a paragraph quoted as a whole with straight marks that quotes speech inside it with
 * curly ones.
 */
function scanQuotes(p: string, t: Tokens, strict: 0 | 1 | 2): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const cc = t.cc, tk = t.k, ts = t.s, n = t.n;
  let open = -1;
  let depth = 0;
  let fam = 0;
  let marks = 0;
  let singlesOk: boolean | undefined;
  for (let i = 0; i < n; i++) {
    // (one table look-up per token: most open with no mark and no surrogate)
    const c = cc[ts[i]];
    const m = MARK_CLASS[c];
    if (m === 0 || tk[i] !== K_PUNCT) continue;
    if (m === 2) { marks |= M_SURROGATE; continue; }
    marks |= c === 34 ? M_STRAIGHT : c === 8220 || c === 8221 ? M_CURLY : 0;
    if (strict && (markFamily(c) === 1) !== (strict === 1)) continue;
    const f = markFamily(c) === 1 ? 2 : markFamily(c);
    const prev = t.s[i] > 0 ? cc[t.s[i] - 1] : 32;
    const next = t.s[i] + 1 < p.length ? cc[t.s[i] + 1] : 32;
    const prevSpace = prev === 32 || prev === 9 || prev === 160 || prev === 40 || prev === 91 || prev === 8212 || prev === 8211 || prev === 45 || prev === 47 || isQuoteMarkCode(prev) || t.s[i] === 0;
    const nextSpace = next === 32 || next === 9 || next === 160 || next === 44 || next === 46 || next === 59 || next === 58 || next === 41 || next === 63 || next === 33 || next === 8212 || next === 8211 || isQuoteMarkCode(next) || t.s[i] + 1 >= p.length;
    let opener: boolean, closer: boolean;
    if (c === 8220 || c === 171 || c === 8222 || c === 8216) { opener = !(!prevSpace && nextSpace); closer = !prevSpace && nextSpace; }
    else if (c === 8221 || c === 187 || c === 8217) { opener = prevSpace && !nextSpace; closer = !opener; }
    else { opener = prevSpace && !nextSpace; closer = !opener; }
    if (f === 4) {
      // single quotes: only at top level, outside headlines; a ’ inside a word is an apostrophe
      if (open >= 0 && fam !== 4) continue;
      if (open < 0 && (c !== 8216 || !opener)) continue;
      if (open >= 0 && !closer) continue;
      if (open < 0) {
        if (singlesOk === undefined) singlesOk = !isHeadline(p, t);
        if (!singlesOk) continue;
      }
    }
    if (open < 0) {
      if (opener) { open = i; fam = f; depth = 1; }
      continue;
    }
    if (f !== fam) continue; // guillemets inside double quotes and the like
    if (opener && !closer) {
      if (depth < 2) depth++; // nested quotation
      continue;
    }
    if (closer) {
      depth--;
      if (depth === 0) {
        out.push({ a: open + 1, b: i, open, close: i, openEnd: false });
        open = -1;
      }
    }
  }
  if (open >= 0 && fam !== 4) {
    // left open at the paragraph end: a quote continued in the next paragraph, bounded here
    let last = t.n - 1;
    while (last > open && t.k[last] === K_PUNCT && !/[.!?…]/.test(p[t.s[last]])) last--;
    const words = last - open;
    if (words >= 3 && (open === firstNonPunct(t) - 1 || open <= 1 || /[:,]\s*$/.test(p.slice(0, t.s[open])) || words >= 8)) {
      out.push({ a: open + 1, b: last + 1, open, close: -1, openEnd: true });
    }
  }
  scanMarks = marks;
  return out;
}
/**
 * The marks the last `scanQuotes` saw: M_STRAIGHT a ", M_CURLY a “ or ”, M_SURROGATE a punctuation
 * token opened by a high surrogate (which may hold the next character, a mark, too: then only the
 * text answers). Every other mark of the paragraph opens a punctuation token of its own.
 */
let scanMarks = 0;
const M_STRAIGHT = 1, M_CURLY = 2, M_SURROGATE = 4;
/** Per char code: 1 a quote mark (`isQuoteMarkCode`), 2 a high surrogate, else 0 (see `scanQuotes`). */
const MARK_CLASS = new Uint8Array(65536);
for (const c of [8220, 8221, 34, 171, 187, 8222, 8216, 8217]) MARK_CLASS[c] = 1; // (the codes of isQuoteMarkCode)
MARK_CLASS.fill(2, 0xd800, 0xdc00);

/**
 * The double quote mark a paragraph opens with (after spaces, line breaks and Markdown's block
 * quote markers): 1 straight, 2 curly, 0 another character, -1 none at all (a blank paragraph: the
 * one after it opens).
 */
export function openingMark(p: string): number {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0xfeff || c === 12 || c === 11 || c === 62) continue;
    return c === 34 ? 1 : c === 8220 || c === 8221 || c === 8222 ? 2 : 0;
  }
  return -1;
}

/**
 * Whether a quote that opens the paragraph and is left open at its end is no quotation: a
 * quotation continued over paragraphs opens the next one with a mark of the same kind, so when the
 * next paragraph opens with the other kind of double mark (`next`, see `openingMark`) the open
 * mark is a block quote's marker or a stray ("Kevin was snoring. ¶ “Here he is,” she said.).
 * (A quote opened inside the paragraph, after "she wrote:", is a quotation either way.)
 */
function openEndStops(p: string, t: Tokens, q: QuoteSpan, next: number): boolean {
  if (!q.openEnd || q.open !== 0 || next < 1) return false;
  const c = p.charCodeAt(t.s[q.open]);
  return c === 34 ? next === 2 : (c === 8220 || c === 8221 || c === 8222) && next === 1;
}

function closedCount(qs: QuoteSpan[]): number {
  let n = 0;
  for (const q of qs) if (!q.openEnd) n++;
  return n;
}

/** The quote marks of a paragraph paired (see `scanQuotes`), before the quotes that are no quotations are dropped. */
function pairQuotes(p: string, t: Tokens): QuoteSpan[] {
  let out = scanQuotes(p, t, 0);
  const both = scanMarks & M_SURROGATE ? p.indexOf('"') >= 0 && (p.indexOf('“') >= 0 || p.indexOf('”') >= 0)
    : (scanMarks & (M_STRAIGHT | M_CURLY)) === (M_STRAIGHT | M_CURLY);
  if (both) {
    // both kinds of double marks: pair each kind alone when that closes more quotes
    // ("The memo … what he termed a “tirade,” … wrote “yes.”), dropping a quote of one kind
    // that contains or crosses a closed quote of the other (quotes do not nest in the output)
    // (a closed quote of one kind around closed quotes of the other is a quotation nested in a
    // quotation: the merged pairing already reads it)
    const straight = scanQuotes(p, t, 1), curly = scanQuotes(p, t, 2);
    const cross = (x: QuoteSpan, y: QuoteSpan): boolean => x.open < (y.openEnd ? y.b : y.close) && y.open < (x.openEnd ? x.b : x.close);
    if (closedCount(straight) + closedCount(curly) > closedCount(out)
      && !straight.some((x) => !x.openEnd && curly.some((y) => !y.openEnd && cross(x, y)))) {
      const keep = (xs: QuoteSpan[], ys: QuoteSpan[]): QuoteSpan[] => xs.filter((x) => !(x.openEnd && ys.some((y) => cross(x, y) && (!y.openEnd || y.open < x.open))));
      out = keep(straight, curly).concat(keep(curly, straight)).sort((x, y) => x.open - y.open);
    }
  }
  return out;
}

/** A transcript's dialogue line: a name in capitals and a colon after the opening mark ("HOST: …"). */
function isDialogueLine(p: string, t: Tokens, q: QuoteSpan): boolean {
  return q.a < t.n && (t.f[q.a] & 2) !== 0 && q.a + 1 < t.n && p[t.s[q.a + 1]] === ':';
}

/**
 * The paired quotes that are quotations. Not: dialogue lines of transcripts ("HOST: ..."), and
 * with `inTurn` (the paragraph before left a dialogue turn open) the quote the paragraph opens
 * with, which goes on with that turn; nor nicknames (Dana "Dee" Whitlow), stage directions,
 * titles of works and scare quotes.
 */
function findDirectQuotes(p: string, t: Tokens, out: QuoteSpan[], inTurn: boolean): QuoteSpan[] {
  if (out.length === 0) return [];
  const kept = out.filter((q) => !(inTurn && q.open === 0) && !isDialogueLine(p, t, q) && !isStageDirection(p, t, q)
    && !isTitleQuote(p, t, q));
  return kept.length ? kept.filter((q) => !isScareQuote(p, t, q, kept)) : kept;
}

/** A transcript's stage direction in quote marks: "(CROSSTALK.)", “[Applause]” */
function isStageDirection(p: string, t: Tokens, q: QuoteSpan): boolean {
  if (q.a >= q.b && !q.openEnd) return false;
  const c = p[t.s[q.a]];
  if (c !== '(' && c !== '[') return false;
  const close = c === '(' ? ')' : ']';
  const end = q.openEnd ? p.length : t.s[q.close];
  const shut = p.indexOf(close, t.s[q.a]);
  // the bracket closes at the end of the quote (marks inside or outside it) and nothing else follows
  return shut > 0 && shut <= end + 1 && !/[^\s.,;:!?"”’)\]]/.test(p.slice(shut + 1, Math.max(end, shut + 1)));
}

/** Words that make a short quoted phrase someone’s words: he cited “loopholes”, critics likened it to “theft” */
const SPEECH_CONTEXT = new Set(['cited', 'cites', 'citing', 'referenced', 'references', 'referencing', 'referred', 'refers', 'quoted',
  'quotes', 'quoting', 'used', 'uses', 'using', 'invoked', 'invokes', 'accuse', 'accused', 'accuses', 'accusing', 'criticized', 'criticised',
  'criticizes', 'blasted', 'blasts', 'condemned', 'condemns', 'denounced', 'denounces', 'hailed', 'hails', 'praised', 'praises',
  'mocked', 'mocks', 'lauded', 'lauds', 'likened', 'likens', 'compared', 'compares', 'dismissed', 'dismisses', 'slammed', 'slams', 'attacked',
  'described', 'describing', 'termed', 'according', 'phrase', 'phrases', 'term', 'terms', 'word', 'slogan', 'chant', 'chants',
  'motto', 'quote']);

/** A speech verb in any form: said, saying, stressing (stressed), announcing (announced). */
function speechWord(p: string, t: Tokens, i: number): boolean {
  if (t.k[i] !== K_LOWER && !(t.k[i] === K_CAP && (t.f[i] & 4))) return false; // "Calls …", "According to …" open sentences
  const w = lowerOf(p, t, i);
  if ((w === 'call' || w === 'calls') && i > 0 && NP_DETERMINERS.has(lowerOf(p, t, i - 1))) return false; // a call for “…”
  // (the answer for the word, remembered by its intern entry: each word of a sentence with a short
  // quote is asked, once per quote; an entry reused after `clearIntern` holds another word)
  const slot = TSLOT[i];
  if (slot < 0) return isSpeechWord(w);
  if (SPEECH_WORD_OF[slot] === w) return SPEECH_WORD_IS[slot] !== 0;
  const known = isSpeechWord(w);
  SPEECH_WORD_OF[slot] = w;
  SPEECH_WORD_IS[slot] = known ? 1 : 0;
  return known;
}
/** Per intern entry: the word `speechWord` last asked of it ('' for none), and the answer (1: a speech word). */
const SPEECH_WORD_OF: string[] = new Array<string>(INTERN_CAP >> 1).fill('');
const SPEECH_WORD_IS = new Uint8Array(INTERN_CAP >> 1);

/** The word part of `speechWord`: a lower-cased word of its lists, or the "-ing" form of a speech verb. */
function isSpeechWord(w: string): boolean {
  if (SPEECH_VERBS.has(w) || WEAK_REPORT_VERBS.has(w) || (NAMING_WORDS.has(w) && w !== 'as') || SPEECH_CONTEXT.has(w) || CLAIM_NOUNS.has(w) || STATEMENT_NOUNS.has(w)) return true;
  if (w.length > 5 && w.endsWith('ing')) {
    const ed = w.slice(0, -3) + 'ed';
    return SPEECH_VERBS.has(ed) || SPEECH_VERBS.has(w.slice(0, -3) + 'd') || SPEECH_VERBS.has(w.slice(0, -4) + 'ed');
  }
  return false;
}

/**
 * A scare quote or a term in quotation marks rather than a quotation: a short phrase (at most
 * four words) inside a sentence that names no speaker and has no speech word anywhere outside
 * its quotes (the “fact-checking” site, a separate “rainy-day fund”, since “he” is a “she”).
 * Quotes that open their sentence, follow a colon, or have a speaker after them are kept.
 */
function isScareQuote(p: string, t: Tokens, q: QuoteSpan, qs: QuoteSpan[]): boolean {
  if (q.openEnd || q.close < 0) return false;
  let words = 0;
  for (let i = q.a; i < q.b; i++) {
    if (t.k[i] !== K_PUNCT) { if (++words > 4) return false; continue; }
    const ch = p[t.s[i]];
    if ((ch === '.' || ch === '!' || ch === '?' || ch === '…') && i < q.b - 1) return false; // a sentence inside
    if (ch === '?' || ch === '!') return false; // a question or an exclamation is said
  }
  if (words === 0) return false;
  const ss = sentenceStartTok(t, q.open);
  let lead = false;
  for (let i = ss; i < q.open; i++) if (t.k[i] !== K_PUNCT) { lead = true; break; }
  if (!lead || p[t.s[q.open - 1]] === ':' || saidAfter(p, t, q)) return false;
  // a signature line after it: “…” ― Name
  if (q.close + 2 < t.n && isDashCode(p.charCodeAt(t.s[q.close + 1])) && t.k[q.close + 2] === K_CAP) return false;
  const se = sentenceEndTok(t, q.close);
  let j = 0;
  for (let i = ss; i < se && i < t.n; i++) {
    while (j < qs.length && qs[j].close >= 0 && qs[j].close < i) j++;
    if (j < qs.length && i >= qs[j].a && i < qs[j].b) continue; // words inside a quote do not count
    // "as" before the quote (known as the “…”, as the paper put it, “…”), after it only in
    // "as X put it" (not: defined as)
    if ((speechWord(p, t, i) && !namesElsewhere(p, t, i, q, qs)) || (lowerOf(p, t, i) === 'as' && (i < q.open || asPutIt(p, t, i, se)))) return false;
  }
  return true;
}

/** Verbs that give a name: they make quoted words after them someone’s words only when the quote is what they name. */
const NAME_VERBS = new Set(['called', 'calls', 'call', 'calling', 'dubbed', 'dubs', 'nicknamed', 'labeled', 'labelled', 'labels',
  'branded', 'brands', 'termed']);

/**
 * Whether the naming verb at `i` names something other than the quote `q`: it stands after the
 * quote, or more than five words before it or before the quote it named last (a list: called him
 * a “liar,” a “bully” and a “…”). "Critics called the tower “an eyesore”" names the quote; "she
 * was called a fraud by rivals for selling “miracle” pills" names "a fraud", and the quote is a
 * scare quote.
 */
function namesElsewhere(p: string, t: Tokens, i: number, q: QuoteSpan, qs: QuoteSpan[]): boolean {
  if (t.k[i] !== K_LOWER || !NAME_VERBS.has(lowerOf(p, t, i))) return false;
  if (i > q.close) return true;
  let words = 0, j = 0;
  for (let k = i + 1; k < q.open; k++) {
    while (j < qs.length && qs[j].close >= 0 && qs[j].close < k) j++;
    if (j < qs.length && k >= qs[j].open && k <= qs[j].close) { words = 0; continue; } // a list of names: a “liar,” a “bully” and a “…”
    if (t.k[k] !== K_PUNCT && ++words > 5) return true;
  }
  return false;
}

const TITLE_SMALL = new Set(['of', 'the', 'and', 'on', 'in', 'a', 'an', 'for', 'with', 'to', 'at', 'from', 'by', 'or']);
/** Words before a quoted title-case name that make it the name of a work, show or policy: on “…”, the “…” */
const TITLE_LEADS = new Set(['of', 'on', 'in', 'at', 'during', 'for', 'from', 'about', 'into', 'the', 'a', 'an', 'his', 'her',
  'its', 'their', 'our', 'my', 'your', 'this', 'titled', 'entitled']);
/** Kinds of works named by a quoted title after them: her documentary “…”, the nickname “…” */
const WORK_NOUNS = new Set(['documentary', 'film', 'movie', 'show', 'program', 'programme', 'series', 'book', 'memoir', 'novel',
  'song', 'album', 'play', 'musical', 'column', 'commentary', 'essay', 'article', 'headline', 'nickname', 'slogan', 'ad', 'advert',
  'spot', 'podcast', 'episode', 'segment', 'broadcast', 'poem', 'magazine', 'newspaper', 'exhibit', 'exhibition', 'report',
  'study', 'bill', 'act', 'law', 'plan', 'initiative']);
/** Words that make the quoted name someone’s words after all: Vail called her “Miss Clipboard”, hailed him as “The Closer” */
const NAMING_WORDS = new Set(['called', 'calls', 'call', 'calling', 'dubbed', 'dubs', 'nicknamed', 'labeled', 'labelled', 'labels',
  'branded', 'brands', 'proclaimed', 'proclaims', 'as', 'chanted', 'chanting', 'shouted', 'shouting', 'yelled', 'sang', 'singing']);

/**
 * Quoted words that are a name rather than something said: a nickname between two names
 * (Dana “Dee” Whitlow), or the title of a work, show or programme after a possessive, a
 * preposition, a determiner or a word like "documentary" (on KXL’s “Morning Ledger”,
 * her film “Low Tide”). Kept as a quote when a speech or naming verb precedes it, when it ends
 * in "!" or "?", or when it opens the paragraph.
 */
function isTitleQuote(p: string, t: Tokens, q: QuoteSpan): boolean {
  if (q.openEnd || q.open === firstNonPunct(t) - 1) return false;
  // in apposition to a word for a work, in any case: Ann Lee’s column, “Why the river matters,” is …
  if (q.open >= 2 && p[t.s[q.open - 1]] === ',' && t.k[q.open - 2] === K_LOWER && WORK_NOUNS.has(lowerOf(p, t, q.open - 2))
    && q.b - q.a <= 12 && p[t.s[q.close - 1]] === ',' && q.close + 1 < t.n && t.k[q.close + 1] === K_LOWER && !isVerb(p, t, q.close + 1)) {
    let sentence = false;
    for (let i = q.a; i < q.close - 1; i++) if (/[.!?]/.test(p[t.s[i]]) && t.k[i] === K_PUNCT) sentence = true;
    if (!sentence) return true;
  }
  let words = 0;
  for (let i = q.a; i < q.b; i++) {
    if (t.k[i] === K_PUNCT) {
      const ch = p[t.s[i]];
      if (/[,.]/.test(ch) && i >= q.b - 1) continue;
      // an elided letter inside a name: Keepin’ It Real
      if ((ch === "'" || ch === '’') && i > q.a && t.s[i] === t.e[i - 1] && t.k[i - 1] !== K_PUNCT) continue;
      return false;
    }
    words++;
    if (t.k[i] === K_LOWER) { if (words === 1 || !TITLE_SMALL.has(lowerOf(p, t, i))) return false; continue; }
    if (t.k[i] === K_NUM) continue;
    if (t.k[i] !== K_CAP) return false;
    // the word's last hyphen, read from the char codes (no slice)
    let dash = t.e[i] - 1;
    while (dash > t.s[i] && t.cc[dash] !== 45) dash--;
    if (dash > t.s[i] && dash + 1 < t.e[i] && !isUpperChar(t.cc[dash + 1], p, dash + 1)) return false;
  }
  if (words < 1 || words > 6) return false;
  const before = q.open - 1, after = q.close + 1;
  if (before >= 0 && (isVerb(p, t, before) || p[t.s[before]] === ':')) return false;
  if (after < t.n && (isVerb(p, t, after) || (p[t.s[after]] === ',' && isVerb(p, t, after + 1)))) return false;
  // a nickname between two names
  if (words === 1 && before >= 0 && after < t.n && t.k[before] === K_CAP && t.k[after] === K_CAP && !(t.f[before] & 1)) return true;
  if (before < 0 || saidAfter(p, t, q)) return false;
  // after a possessive: Harbour Radio’s “Morning Ledger”, Vail’s “Paper Lanterns”
  if (t.k[before] !== K_PUNCT && (t.f[before] & 1)) return true;
  // after a word for a work and a comma: her documentary, “Low Tide,”
  if (p[t.s[before]] === ',' && before > 0 && t.k[before - 1] === K_LOWER && WORK_NOUNS.has(lowerOf(p, t, before - 1))) return true;
  if (t.k[before] === K_PUNCT) return false;
  for (let k = before; k >= Math.max(0, before - 3); k--) {
    if (t.k[k] === K_PUNCT) break;
    if (isVerb(p, t, k) || (t.k[k] === K_LOWER && NAMING_WORDS.has(lowerOf(p, t, k)))) return false;
  }
  // after a year (his 1994 “…”) or a leading word (on “…”, the “…”, the documentary “…”)
  if (t.k[before] === K_NUM) return true;
  const lead = lowerOf(p, t, before);
  return (t.k[before] !== K_CAP || (t.f[before] & 4) !== 0) && (TITLE_LEADS.has(lead) || WORK_NOUNS.has(lead));
}

/** “…,” Mr. Hale said. — a speaker and a cue that end the sentence right after the quote. */
function saidAfter(p: string, t: Tokens, q: QuoteSpan): boolean {
  if (q.close < 0 || p[t.s[q.close - 1]] !== ',') return false;
  for (let v = q.close + 1; v < t.n && v <= q.close + 8; v++) {
    if (t.k[v] === K_PUNCT && p[t.s[v]] !== '(' && p[t.s[v]] !== ')' && p[t.s[v]] !== '-') return false;
    if (isVerb(p, t, v)) {
      // the speaker right before the verb, or the verb right after the quote (“…,” said Mr. Hale.)
      const named = v === q.close + 1 || t.k[v - 1] === K_CAP || /^(?:he|she|they|we|i)$/.test(lowerOf(p, t, v - 1)) || p[t.s[v - 1]] === ')';
      return named && sentenceEndTok(t, v) - v <= 4;
    }
  }
  return false;
}

function firstNonPunct(t: Tokens): number {
  for (let i = 0; i < t.n; i++) if (t.k[i] !== K_PUNCT) return i;
  return t.n;
}

// ---------------------------------------------------------------------------------------------
// Speakers and cues

interface Src { a: number; b: number; kind: SourceKind }

function isVerb(_p: string, t: Tokens, i: number): boolean {
  if (i < 0 || i >= t.n || t.k[i] !== K_LOWER) return false;
  return (TBA[i] & W_SPEECH) !== 0; // SPEECH_VERBS.has(lowerOf(p, t, i))
}

function mentionAt(mentionEnds: Map<number, number>, t: Tokens, i: number): number {
  return mentionEnds.get(t.e[i]) ?? -1;
}

/** The speaker named just before token `v` (exclusive), walking back over adverbs. */
function sourceBefore(p: string, t: Tokens, v: number, minTok: number, mentions: LocalMention[], mentionEnds: Map<number, number>): Src | null {
  let i = v - 1;
  for (;;) {
    while (i >= minTok && t.k[i] === K_LOWER && (TBA[i] & W_VERB_ADVERB)) i--;
    // "Acme Bank just this week announced"
    if (i - 1 >= minTok && t.k[i] === K_LOWER && PERIOD_WORDS.has(lowerOf(p, t, i)) && /^(?:this|last|next|earlier|later)$/.test(lowerOf(p, t, i - 1))) { i -= 2; continue; }
    // "Eldred on Tuesday said", "the mayor early Friday announced"
    if (i - 1 >= minTok && t.k[i] === K_CAP && WEEKDAYS.has(lowerOf(p, t, i)) && /^(?:on|early|late|last|this)$/.test(lowerOf(p, t, i - 1))) { i -= 2; continue; }
    break;
  }
  if (i < minTok) return null;
  // appositive or parenthesis: "Rep. Tom Eldred (D-Ore.), the deputy chair of ..., said"
  if (t.k[i] === K_PUNCT && (p[t.s[i]] === ',' || p[t.s[i]] === ')')) {
    let j = i - 1;
    const limit = Math.max(minTok, i - 30);
    if (p[t.s[i]] === ')') {
      while (j >= limit && p[t.s[j]] !== '(') j--;
      j--;
      if (j >= limit && t.k[j] !== K_PUNCT) {
        const s = simpleSource(p, t, j, minTok, mentions, mentionEnds);
        if (s) return s;
      }
      return null;
    }
    // the name is the appositive: "The party’s regional director, Dana Whitlow, said"
    if (i - 1 >= minTok && p[t.s[i]] === ',') {
      const mi0 = mentionAt(mentionEnds, t, i - 1);
      if (mi0 >= 0 && mentions[mi0].type === 'person') {
        const s0 = simpleSource(p, t, i - 1, minTok, mentions, mentionEnds);
        if (s0 && s0.a - 1 >= minTok && p[t.s[s0.a - 1]] === ',') return s0;
      }
    }
    // walk back over up to three comma-separated segments ("X, the ... of Oklahoma, one of ..., said")
    let first: Src | null = null;
    for (let seg = 0; seg < 3; seg++) {
      while (j >= limit && !(t.k[j] === K_PUNCT && (p[t.s[j]] === ',' || /[.!?;:“”"]/.test(p[t.s[j]])))) j--;
      if (!(j >= limit && p[t.s[j]] === ',')) break;
      let k = j - 1;
      if (k >= minTok && p[t.s[k]] === ')') {
        while (k >= limit && p[t.s[k]] !== '(') k--;
        k--;
      }
      if (k >= minTok) {
        const s = simpleSource(p, t, k, minTok, mentions, mentionEnds);
        if (s && s.kind !== 'np') {
          const mi = mentionAt(mentionEnds, t, s.b - 1);
          const ty = mi >= 0 ? mentions[mi].type : 'unknown';
          if (ty === 'person' || ty === 'unknown' || s.kind === 'pronoun') return s;
          first ??= s;
        }
      }
      j = k - 1;
    }
    return first;
  }
  // a relative clause: "a plumber who claims he went unpaid" (the antecedent speaks)
  if (t.k[i] === K_LOWER && (lowerOf(p, t, i) === 'who' || lowerOf(p, t, i) === 'whom' || lowerOf(p, t, i) === 'which') && i - 1 >= minTok) {
    const ante = p[t.s[i - 1]] === ',' ? i - 2 : i - 1;
    const s = lowerOf(p, t, i) === 'who' ? simpleSource(p, t, ante, minTok, mentions, mentionEnds) : null;
    if (s) return s;
    // the antecedent is not a name or a speaking noun: "who" names the source, without a speaker
    return { a: i, b: i + 1, kind: 'pronoun' };
  }
  const src = simpleSource(p, t, i, minTok, mentions, mentionEnds);
  if (src && src.kind === 'np' && src.a - 2 >= minTok && t.k[src.a - 1] === K_LOWER) {
    // the object of a preposition is not the subject: "Residents marching through the streets
    // chanted" — the noun before the phrase (and a participle) speaks
    const prep = lowerOf(p, t, src.a - 1);
    if (PREPOSITIONS.has(prep) && prep !== 'of') {
      let k = src.a - 2;
      if (k > minTok && t.k[k] === K_LOWER && /(?:ing|ed)$/.test(lowerOf(p, t, k))) k--;
      const head = simpleSource(p, t, k, minTok, mentions, mentionEnds);
      if (head) return head;
    }
  }
  return src;
}

function simpleSource(p: string, t: Tokens, i: number, minTok: number, mentions: LocalMention[], mentionEnds: Map<number, number>): Src | null {
  if (i < minTok || t.k[i] === K_PUNCT) return null;
  // (the word lists asked of the tokens here: their bits, see `tokenize`)
  const ba = TBA[i];
  if (t.k[i] !== K_CAP || (t.f[i] & 4)) {
    if (ba & W_PRONOUN) return { a: i, b: i + 1, kind: 'pronoun' };
  }
  const mi = mentionAt(mentionEnds, t, i);
  if (mi >= 0 && !(t.f[i] & 1)) {
    const mm = mentions[mi];
    let a = i;
    // with a short title: "Mr. Eldred", "Sen. Nora Vail"
    const from = mm.titledStart !== undefined && mm.start - mm.titledStart <= 40 ? mm.titledStart : mm.start;
    while (a > minTok && t.s[a] > from) a--;
    // "The Brenton Evening Journal reports": the article dropped from the name still opens the source
    if (a - 1 >= minTok && t.k[a - 1] === K_CAP && bareLower(p, t, a - 1) === 'the' && spaceBetween(p, t, a - 1)) a--;
    return { a, b: i + 1, kind: 'mention' };
  }
  if (t.k[i] === K_LOWER && !(ba & (W_SPEAKER_NOUN | W_STOP | W_SPEECH)) && i - 1 >= minTok) {
    // "the announcer", "the ad’s narrator", "a narrator in the ad": a determiner or a possessive before the noun
    let j = i - 1;
    while (j > i - 6 && j >= minTok && !(t.f[j] & 1) && !(TBB[j] & B_NP_DET) && ((t.k[j] === K_LOWER
      && (!(TBA[j] & W_STOP) || ADJECTIVE_DETERMINERS.has(lowerOf(p, t, j))) && !(TBA[j] & W_SPEECH))
      || (t.k[j] === K_CAP && !(t.f[j] & 4)))) j--;
    if (j >= minTok && j < i && j === minTok && t.k[j] === K_CAP && (t.f[j] & 4) && !(TBA[j] & W_STOP)
      && SPEAKER_NOUN_HEAD_RE.test(lowerOf(p, t, i))) {
      // "Civil rights activists say …" (a plural noun phrase opening the sentence)
      return { a: j, b: i + 1, kind: 'np' };
    }
    if (j >= minTok && ((t.k[j] !== K_PUNCT && (TBB[j] & B_NP_DET)) || (t.f[j] & 1))) {
      let a = j;
      if (t.f[j] & 1) { while (a - 1 >= minTok && t.k[a - 1] === K_CAP && spaceBetween(p, t, a - 1)) a--; if (a - 1 >= minTok && (TBB[a - 1] & B_NP_DET)) a--; }
      return { a, b: i + 1, kind: 'np' };
    }
  }
  if (t.k[i] === K_LOWER && (ba & W_SPEAKER_NOUN)) {
    let a = i;
    let steps = 0;
    while (a - 1 >= minTok && steps < 4) {
      const j = a - 1;
      if (t.k[j] === K_PUNCT) break;
      const bj = TBA[j];
      if (t.k[j] === K_CAP || (bj & W_DETERMINER) || (t.k[j] === K_LOWER && !(bj & (W_STOP | W_SPEECH)) && !lowerOf(p, t, j).endsWith('ed') && steps < 2) || t.k[j] === K_NUM) {
        a = j;
        steps++;
        if ((bj & W_DETERMINER) && !ADJECTIVE_DETERMINERS.has(lowerOf(p, t, j)) && !(t.k[j - 1] === K_CAP)) break;
        continue;
      }
      break;
    }
    // the phrase must not start inside a longer noun phrase we cannot see
    return { a, b: i + 1, kind: 'np' };
  }
  if (t.k[i] === K_CAP && !(t.f[i] & 1) && !notASpeaker(p, t, i)) {
    // capitalised word that is not a mention (e.g. a sentence-initial unknown name)
    return { a: i, b: i + 1, kind: 'mention' };
  }
  return null;
}

const SENTENCE_ADVERBS = new Set(['meanwhile', 'however', 'still', 'yet', 'also', 'then', 'now', 'later', 'earlier', 'instead',
  'indeed', 'moreover', 'furthermore', 'nevertheless', 'nonetheless', 'ironically', 'finally', 'first', 'second', 'third', 'today',
  'yesterday', 'tonight', 'tomorrow', 'afterward', 'afterwards', 'separately', 'likewise', 'similarly', 'conversely', 'overall']);

/** A capitalised word that cannot name a speaker: a weekday, a month, a sentence adverb or an opening preposition. */
function notASpeaker(p: string, t: Tokens, i: number): boolean {
  const w = lowerOf(p, t, i);
  if (WEEKDAYS.has(w) || MONTHS.has(w)) return true;
  if (!(t.f[i] & 4)) return false;
  // ("The Harbour Press" is a name: an article before a capitalised word opens it)
  if ((ARTICLES.has(w) || DEMONSTRATIVES.has(w)) && i + 1 < t.n && t.k[i + 1] === K_CAP && spaceBetween(p, t, i)) return false;
  return SENTENCE_ADVERBS.has(w) || INTRO_WORDS.has(w) || ARTICLES.has(w) || DEMONSTRATIVES.has(w) || w === 'there' || w === 'here'
    || (w.length > 4 && w.endsWith('ly'));
}

/** The speaker named just after token `v` ("said Caddell", "said a source"). */
function sourceAfter(p: string, t: Tokens, v: number, maxTok: number, mentions: LocalMention[], mentionStarts: Map<number, number>): Src | null {
  const i = v + 1;
  if (i >= maxTok) return null;
  const low = lowerOf(p, t, i);
  if (t.k[i] === K_LOWER && PRONOUNS.has(low)) return { a: i, b: i + 1, kind: 'pronoun' };
  const mi = mentionStarts.get(t.s[i]);
  if (mi !== undefined) {
    const mm = mentions[mi];
    let b = i;
    while (b < maxTok && t.e[b] <= mm.end) b++;
    return { a: i, b, kind: 'mention' };
  }
  if (t.k[i] === K_CAP && !notASpeaker(p, t, i)) {
    let b = i + 1;
    while (b < maxTok && t.k[b] === K_CAP && spaceBetween(p, t, b - 1)) b++;
    return { a: i, b, kind: 'mention' };
  }
  if (t.k[i] === K_NUM || (t.k[i] === K_LOWER && !DETERMINERS.has(low) && !SPEAKER_NOUNS.has(low) && !STOP_CAPS.has(low))) {
    // "said 9/11 widow Lena Dorr"
    for (let j = i + 1; j < Math.min(maxTok, i + 6); j++) {
      if (t.k[j] === K_PUNCT && p[t.s[j]] !== '/' && p[t.s[j]] !== '-') break;
      const mj = mentionStarts.get(t.s[j]);
      if (mj !== undefined && mentions[mj].type === 'person') {
        let b = j;
        while (b < maxTok && t.e[b] <= mentions[mj].end) b++;
        return { a: j, b, kind: 'mention' };
      }
    }
  }
  if (t.k[i] === K_LOWER && (DETERMINERS.has(low) || SPEAKER_NOUNS.has(low)) && !DEMONSTRATIVES.has(low)) {
    let b = i;
    while (b < maxTok && b - i < 5 && t.k[b] !== K_PUNCT) {
      const w = lowerOf(p, t, b);
      if (b > i && (w === 'that' || w === 'who' || w === 'in' || w === 'on' || w === 'at' || SPEECH_VERBS.has(w))) break;
      b++;
    }
    const headLow = lowerOf(p, t, b - 1);
    if (SPEAKER_NOUNS.has(headLow) || t.k[b - 1] === K_CAP) return { a: i, b, kind: 'np' };
    // "said the ruling." / "said a spokeswoman for the agency."
    if (NP_DETERMINERS.has(low) && b > i + 1 && b <= i + 3 && (b >= maxTok || (t.k[b] === K_PUNCT && /[.,;]/.test(p[t.s[b]])))
      && !STOP_CAPS.has(headLow)) {
      let verbLike = false;
      for (let j = i + 1; j < b; j++) if (AUX.has(lowerOf(p, t, j))) verbLike = true;
      if (!verbLike) return { a: i, b, kind: 'np' };
    }
  }
  return null;
}

const AUX = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'would', 'will', 'could', 'should', 'can',
  'may', 'might', 'must', 'did', 'does', 'do', 'not', 'never']);
/** Heads of plural noun phrases of people ("activists", "lawmakers", "officials"). */
const SPEAKER_NOUN_HEAD_RE = /(?:ists|ers|ors|ians|ants|ents|ives|als|ees)$/;
const NP_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'one']);
const ADJECTIVE_DETERMINERS = new Set(['senior', 'top', 'former', 'other', 'most', 'few', 'two', 'three', 'four', 'five', 'several', 'many']);
const DEMONSTRATIVES = new Set(['that', 'this', 'these', 'those']);
const PREPOSITIONS = new Set(['in', 'at', 'on', 'of', 'with', 'to', 'for', 'from', 'by', 'about', 'after', 'before', 'during',
  'than', 'like', 'as', 'against', 'into', 'over', 'under', 'between', 'among', 'through', 'via', 'per', 'toward', 'towards', 'since']);

/** The subject of the sentence before token `end`: the first name, pronoun or speaking noun not after a preposition. */
/**
 * The speaker of the cue at `v` before a quote (the quote closes at token `qClose`): the name
 * before the cue, or for a participle the subject of the clause it belongs to — "The union
 * attacked the mayor, saying he “…”" (the union), "After saying it was “…,” she left" (she).
 * A cue that is a plural noun ("30% of Labour claims") has no speaker.
 */
function cueSource(p: string, t: Tokens, v: number, ss: number, qClose: number, mentions: LocalMention[],
  mentionEnds: Map<number, number>, mentionStarts: Map<number, number>): Src | null {
  const w = lowerOf(p, t, v);
  if (w.length > 5 && w.endsWith('ing')) {
    let k = v - 1;
    while (k >= ss && t.k[k] === K_LOWER && VERB_ADVERBS.has(lowerOf(p, t, k))) k--;
    if (k < ss || (k === ss && t.k[k] !== K_PUNCT && INTRO_WORDS.has(lowerOf(p, t, k)))) {
      // the participle opens the sentence: its subject is the main clause's, after the comma
      if (qClose < 0) return null;
      const se = sentenceEndTok(t, qClose);
      let c = p[t.s[qClose - 1]] === ',' ? qClose : -1;
      for (let i = qClose + 1; c < 0 && i < se && i < t.n; i++) {
        if (t.k[i] === K_PUNCT && p[t.s[i]] === ',') c = i;
        else if (t.k[i] === K_PUNCT && isQuoteMarkCode(p.charCodeAt(t.s[i]))) break;
      }
      return c >= 0 ? clauseSubject(p, t, c + 1, Math.min(se, t.n), mentions, mentionStarts) : null;
    }
    if (k >= ss && t.k[k] === K_PUNCT && p[t.s[k]] === ',') {
      const subj = clauseSubject(p, t, ss, k, mentions, mentionStarts);
      if (subj) return subj;
    }
  }
  const src = sourceBefore(p, t, v, ss, mentions, mentionEnds);
  if (src && NOUN_LIKE_CUES.has(w) && src.b === v && src.a - 1 >= ss && t.k[src.a - 1] !== K_PUNCT) {
    const before = lowerOf(p, t, src.a - 1);
    if (PREPOSITIONS.has(before) || NP_DETERMINERS.has(before) || t.k[src.a - 1] === K_NUM) return null;
  }
  return src;
}

/** The subject opening a clause: a pronoun, a name, or a short noun phrase before its verb ("the union attacked"). */
function clauseSubject(p: string, t: Tokens, sa: number, end: number, mentions: LocalMention[], mentionStarts: Map<number, number>): Src | null {
  // "Meanwhile, …", "On Monday, …", "However, in the report, it …"
  if (sa + 1 < end && t.k[sa] !== K_PUNCT && SENTENCE_ADVERBS.has(lowerOf(p, t, sa)) && p[t.s[sa + 1]] === ',') sa += 2;
  if (sa < end && t.k[sa] !== K_PUNCT && INTRO_WORDS.has(lowerOf(p, t, sa))) {
    for (let i = sa + 1; i < end && i < sa + 14; i++) {
      if (t.k[i] === K_PUNCT && p[t.s[i]] === ',') { sa = i + 1; break; }
      if (t.k[i] === K_PUNCT && isQuoteMarkCode(p.charCodeAt(t.s[i]))) break;
    }
  }
  if (sa >= end) return null;
  const w = lowerOf(p, t, sa);
  if (t.k[sa] !== K_PUNCT && PRONOUNS.has(w) && w !== 'i' && w !== 'we' && w !== 'you') return { a: sa, b: sa + 1, kind: 'pronoun' };
  if (w === 'it' && t.k[sa] !== K_PUNCT) return { a: sa, b: sa + 1, kind: 'pronoun' };
  if (t.k[sa] === K_LOWER && NP_DETERMINERS.has(w) || (t.k[sa] === K_CAP && (t.f[sa] & 4) && ARTICLES.has(w))) {
    let b = sa + 1;
    while (b < end && b < sa + 5 && t.k[b] !== K_PUNCT && !mentionStarts.has(t.s[b])) {
      const x = lowerOf(p, t, b);
      if (AUX.has(x) || SPEECH_VERBS.has(x) || VERB_ADVERBS.has(x) || PREPOSITIONS.has(x) || (t.k[b] === K_LOWER && x.length > 4 && x.endsWith('ed'))) break;
      b++;
    }
    const x = b < end ? lowerOf(p, t, b) : '';
    if (b > sa + 1 && b < end && t.k[b] === K_LOWER && (AUX.has(x) || SPEECH_VERBS.has(x) || VERB_ADVERBS.has(x) || (x.length > 4 && x.endsWith('ed')))) {
      return { a: sa, b, kind: 'np' };
    }
  }
  return sentenceSubject(p, t, sa, end, mentions, mentionStarts);
}

function sentenceSubject(p: string, t: Tokens, sa: number, end: number, mentions: LocalMention[], mentionStarts: Map<number, number>): Src | null {
  // skip an opening adverbial ("At a rally in Ohio on Tuesday, one voter asked …")
  // and a dateline ("LANSING, Mich., Oct. 9 (UPI) — Former Governor Nora Vail …")
  for (let i = sa; i < Math.min(end, sa + 14); i++) {
    if (isDashCode(p.charCodeAt(t.s[i])) && t.k[i] === K_PUNCT) { sa = i + 1; break; }
  }
  if (sa < end && INTRO_WORDS.has(lowerOf(p, t, sa))) {
    for (let i = sa + 1; i < end; i++) {
      if (p[t.s[i]] === ',' && t.k[i] === K_PUNCT) { sa = i + 1; break; }
      if (isQuoteMarkCode(p.charCodeAt(t.s[i]))) break;
    }
  }
  for (let i = sa; i < end; i++) {
    if (t.k[i] === K_PUNCT) {
      if (isQuoteMarkCode(p.charCodeAt(t.s[i]))) return null;
      continue;
    }
    const w = lowerOf(p, t, i);
    const afterPrep = i > sa && PREPOSITIONS.has(lowerOf(p, t, i - 1));
    if (PRONOUNS.has(w) && w !== 'i' && w !== 'we' && w !== 'it') return afterPrep ? null : { a: i, b: i + 1, kind: 'pronoun' };
    const mi = mentionStarts.get(t.s[i]);
    if (mi !== undefined && mentions[mi].type !== 'date') {
      let b = i;
      while (b < end && t.e[b] <= mentions[mi].end) b++;
      if (afterPrep || (t.f[b - 1] & 1)) { i = b - 1; continue; }
      return { a: i, b, kind: 'mention' };
    }
    if (t.k[i] === K_LOWER && SPEAKER_NOUNS.has(w) && !afterPrep) {
      const src = simpleSource(p, t, i, sa, mentions, NO_MENTIONS);
      if (src) return src;
    }
  }
  return null;
}

/** Nouns that announce a quotation after a colon ("made the following comment:"). */
/** Nouns whose possessive owner said the quoted words ("Trump’s claim that …"). */
const CLAIM_NOUNS = new Set(['claim', 'claims', 'statement', 'statements', 'remark', 'remarks', 'comment', 'comments', 'words',
  'promise', 'pledge', 'assertion', 'description', 'declaration', 'vow', 'warning', 'boast', 'insistence', 'accusation', 'charge']);
const STATEMENT_NOUNS = new Set(['comment', 'comments', 'statement', 'remarks', 'remark', 'words', 'tweet', 'message', 'post',
  'response', 'reply', 'explanation', 'warning']);
const PERIOD_WORDS = new Set(['week', 'month', 'year', 'weekend', 'morning', 'afternoon', 'evening', 'summer', 'spring', 'fall', 'winter']);
/**
 * The scratch maps from a mention's start or end offset to its index: a Map whose `get`, `has`,
 * `set` and `clear` read and write typed arrays indexed by the offset (stamped with a generation,
 * so that `clear` costs nothing). Only those four methods are meant to be used.
 */
class OffsetMap extends Map<number, number> {
  private val = new Int32Array(256);
  private stamp = new Int32Array(256);
  private gen = 1;

  override get(k: number): number | undefined {
    return k >= 0 && k < this.stamp.length && this.stamp[k] === this.gen ? this.val[k] : undefined;
  }

  override has(k: number): boolean {
    return k >= 0 && k < this.stamp.length && this.stamp[k] === this.gen;
  }

  override set(k: number, v: number): this {
    if (k >= this.stamp.length) {
      let cap = this.stamp.length;
      while (cap <= k) cap *= 2;
      const val = new Int32Array(cap), stamp = new Int32Array(cap);
      val.set(this.val); stamp.set(this.stamp);
      this.val = val; this.stamp = stamp;
    }
    this.stamp[k] = this.gen;
    this.val[k] = v;
    return this;
  }

  override clear(): void {
    if (++this.gen > 0x3fffffff) { this.gen = 1; this.stamp.fill(0); }
  }
}
/** An empty map for look-ups that must not see mentions (never written). */
const NO_MENTIONS: Map<number, number> = new OffsetMap();
const INTRO_WORDS = new Set(['in', 'at', 'on', 'during', 'following', 'after', 'before', 'with', 'as', 'for', 'from', 'since',
  'while', 'when', 'despite', 'amid', 'unlike', 'like', 'by', 'under', 'over', 'speaking', 'asked', 'addressing', 'if', 'although', 'though']);

function sentenceEndTok(t: Tokens, i: number): number {
  return t.sents[t.sent[i] + 1];
}
function sentenceStartTok(t: Tokens, i: number): number {
  return t.sents[t.sent[i]];
}

// ---------------------------------------------------------------------------------------------
// The paragraph

const EMPHASIS_RE = /[*_#>`~]/;

/** Replaces Markdown markup with spaces (same length, same offsets). */
function neutralize(p: string): string {
  if (!EMPHASIS_RE.test(p)) return p;
  let s = p.replace(/[*_`~]/g, ' ');
  s = s.replace(/^(\s*)(#{1,6}|>+|[-+](?=\s))/, (_m, sp: string, mk: string) => sp + ' '.repeat(mk.length));
  return s;
}

const MENTION_ENDS = new OffsetMap();
const MENTION_STARTS = new OffsetMap();

const COMPILED_EMPTY: CompiledGazetteer = { re: null, byName: new Map(), ignore: new Set() };

/**
 * The local analysis of one paragraph. `inTurn`: the paragraph before left a dialogue turn open
 * (its `turn`); `nextMark`: the `openingMark` of the next non-blank paragraph (0 when there is none).
 */
export function analyzeParagraph(raw: string, gz: CompiledGazetteer = COMPILED_EMPTY, inTurn = false, nextMark = 0): LocalResult {
  // markup is rare: the raw text's tokens tell whether there is any to neutralize (and tokenize again)
  const raws = tokenize(raw);
  const p = raws.markup ? neutralize(raw) : raw;
  const t = p === raw ? raws : tokenize(p);
  if (t.n === 0) return { mentions: [], quotes: [] };
  let paired = pairQuotes(p, t);
  if (nextMark > 0 && paired.length && paired.some((q) => openEndStops(p, t, q, nextMark))) paired = paired.filter((q) => !openEndStops(p, t, q, nextMark));
  // a dialogue turn opened at the paragraph start and left open goes on in the next paragraph,
  // as a quotation continued over paragraphs does (only the last paragraph closes it)
  const lastQ = paired.length ? paired[paired.length - 1] : undefined;
  const turn = lastQ !== undefined && lastQ.open === 0 && lastQ.openEnd && (inTurn || isDialogueLine(p, t, lastQ));
  const qs = findDirectQuotes(p, t, paired, inTurn);
  // (INQ is zero from `inqDirty` on: only the marks of the last paragraph's quotes are cleared)
  const inQuote = INQ;
  if (inqDirty > 0) inQuote.fill(0, 0, Math.min(inqDirty, inQuote.length));
  inqDirty = 0;
  for (let q = 0; q < qs.length; q++) {
    const a = qs[q].a, b = qs[q].b, mark = q + 1;
    for (let i = a; i < b; i++) inQuote[i] = mark;
    if (b > inqDirty) inqDirty = b;
  }
  const mentions = findMentions(p, t, gz, inQuote);
  if (p === raw) {
    // the lower-cased surface the global pass looks up (`LocalMention.low`, for the types other than person and date), as one shared string
    for (let m = 0; m < mentions.length; m++) {
      const mm = mentions[m];
      if (mm.type !== 'person' && mm.type !== 'date') mm.low = spanLower(p, t, mm.start, mm.end);
    }
  }
  // scratch maps (a paragraph's analysis never nests another one)
  const mentionEnds = MENTION_ENDS;
  const mentionStarts = MENTION_STARTS;
  mentionEnds.clear();
  mentionStarts.clear();
  for (let m = 0; m < mentions.length; m++) {
    if (mentions[m].type === 'date') continue;
    mentionEnds.set(mentions[m].end, m);
    mentionStarts.set(mentions[m].start, m);
  }
  const quotes: LocalQuote[] = [];

  // ---- direct quotes
  for (let qi = 0; qi < qs.length; qi++) {
    const Q = qs[qi];
    const start = t.s[Q.open];
    const end = Q.openEnd ? t.e[Q.b - 1] : t.e[Q.close];
    const q: LocalQuote = { start, end, kind: 'direct' };
    if (Q.openEnd) q.openEnd = true;
    const limitAfter = qi + 1 < qs.length ? qs[qi + 1].open : t.n;
    let done = false;
    // a quote that ends its sentence in the middle of one ("Vail says Eldred’s “… unfit.” She says …")
    // belongs to what precedes it, not to the subject of the next sentence
    let midEnd = false;
    if (!Q.openEnd && Q.close - 1 > Q.open && p[t.s[Q.close - 1]] === '.') {
      const ss0 = sentenceStartTok(t, Q.open);
      for (let i = ss0; i < Q.open; i++) if (t.k[i] !== K_PUNCT) { midEnd = true; break; }
    }
    if (!Q.openEnd && !midEnd) {
      // after the quote: ,” X said / ,” said X
      let i = Q.close + 1;
      if (i < limitAfter && p[t.s[i]] === ',') i++;
      let dashed = false;
      while (i < limitAfter && isDashCode(p.charCodeAt(t.s[i]))) { i++; dashed = true; }
      if (i < limitAfter && isVerb(p, t, i)) {
        const src = sourceAfter(p, t, i, limitAfter, mentions, mentionStarts);
        if (src) { setSource(t, mentions, mentionEnds, q, src, i, 'after-quote-inverted', 0.95); done = true; }
      }
      if (!done) {
        for (let v = i + 1, steps = 0; v < limitAfter && steps < 9; v++, steps++) {
          const ch = p[t.s[v]];
          if (ch === '(') {
            // a party label or an age: "Rep. Nora Vail (D-Wis.) said"
            let close = v + 1;
            while (close < limitAfter && close < v + 10 && p[t.s[close]] !== ')') close++;
            if (close < limitAfter && p[t.s[close]] === ')') { v = close; continue; }
            break;
          }
          if (t.k[v] === K_PUNCT && ch !== ')' && ch !== ',' && ch !== '-') break;
          if (isVerb(p, t, v)) {
            const src = sourceBefore(p, t, v, i, mentions, mentionEnds);
            if (src && src.a === i) { setSource(t, mentions, mentionEnds, q, src, v, 'after-quote', 0.97); done = true; }
            else if (src && src.a <= i + 1) { setSource(t, mentions, mentionEnds, q, src, v, 'after-quote', 0.9); done = true; }
            else if (src && src.kind === 'mention' && src.a <= i + 4 && leadIn(p, t, i, src.a)) { setSource(t, mentions, mentionEnds, q, src, v, 'after-quote', 0.85); done = true; }
            break;
          }
        }
      }
      let named = i;
      if (!done && i < limitAfter && t.k[i] === K_CAP && !personAt(t, mentions, mentionStarts, i)) {
        // a role before the name: “…,” Senate Majority Leader Ann Roe, R-Ky., said
        for (let j = i + 1; j < Math.min(limitAfter, i + 6) && t.k[j - 1] === K_CAP && spaceBetween(p, t, j - 1); j++) {
          if (personAt(t, mentions, mentionStarts, j)) { named = j; break; }
        }
      }
      if (!done && named < limitAfter && mentionStarts.has(t.s[named])) {
        // “…,” Tom Eldred, the attorney general of Kansas, one of the states appealing, said
        // “…,” Mr. Dorr of the Harbour Trust said
        const i = named;
        const mm = mentions[mentionStarts.get(t.s[i])!];
        let b = i;
        while (b < limitAfter && t.e[b] <= mm.end) b++;
        if (mm.type === 'person' || mm.type === 'unknown') {
          let v = -1;
          if (b < limitAfter && p[t.s[b]] === ',') {
            for (let j = b + 1; j < Math.min(limitAfter, b + 36); j++) {
              // (the dot of an abbreviation before a comma does not end the sentence: "R-Ky., said")
              if (t.k[j] === K_PUNCT && (/[.!?;:]/.test(p[t.s[j]]) || isQuoteMarkCode(p.charCodeAt(t.s[j])))
                && !(p[t.s[j]] === '.' && t.s[j] === t.e[j - 1] && p[t.s[j + 1]] === ',' && t.k[j - 1] !== K_PUNCT)) break;
              if (isVerb(p, t, j) && (p[t.s[j - 1]] === ',' || (VERB_ADVERBS.has(lowerOf(p, t, j - 1)) && p[t.s[j - 2]] === ','))) { v = j; break; }
            }
          } else if (b < limitAfter && t.k[b] === K_LOWER && (lowerOf(p, t, b) === 'of' || lowerOf(p, t, b) === 'at' || lowerOf(p, t, b) === 'from')) {
            for (let j = b + 1; j < Math.min(limitAfter, b + 8); j++) {
              if (t.k[j] === K_PUNCT) break;
              if (isVerb(p, t, j)) { v = j; break; }
              if (t.k[j] === K_LOWER && !NP_DETERMINERS.has(lowerOf(p, t, j))) break;
            }
          }
          if (v > 0) { setSource(t, mentions, mentionEnds, q, { a: i, b, kind: 'mention' }, v, 'after-quote', 0.9); done = true; }
        }
      }
      if (!done && i < limitAfter && lowerOf(p, t, i) === 'as') {
        // “…” as an agency briefing put it
        const src = asPutIt(p, t, i, limitAfter);
        if (src) { setSource(t, mentions, mentionEnds, q, src.src, src.verb, 'as-put-it', 0.85); done = true; }
      }
      if (!done && dashed && i < t.n && t.k[i] === K_CAP && !inQuote[i]) {
        // “…” ― Lena Dorr (a signature line)
        const src = sourceAfter(p, t, i - 1, limitAfter, mentions, mentionStarts);
        if (src && (src.b >= t.n || (t.k[src.b] === K_PUNCT && !isDashCode(p.charCodeAt(t.s[src.b]))) || src.b === limitAfter)) {
          q.source = { start: t.s[src.a], end: t.e[src.b - 1] };
          q.sourceKind = src.kind;
          q.rule = 'dash-attribution';
          q.confidence = 0.85;
          markSpeaks(t, mentions, mentionEnds, src);
          done = true;
        }
      }
    }
    if (done && q.sourceKind === 'pronoun' && Q.open > 1 && p[t.s[Q.open - 1]] === ':') {
      // "Sen. Nora Vail scolded him: “…,” she said." — the pronoun repeats the named subject
      const subj = sentenceSubject(p, t, sentenceStartTok(t, Q.open - 1), Q.open - 1, mentions, mentionStarts);
      if (subj && subj.kind === 'mention') {
        q.source = { start: t.s[subj.a], end: t.e[subj.b - 1] };
        q.sourceKind = 'mention';
        markSpeaks(t, mentions, mentionEnds, subj);
      }
    }
    if (!done && Q.open >= 3 && p[t.s[Q.open - 1]] === ',') {
      // According to Limbaugh, “…”
      let k = Q.open - 2;
      while (k > 0 && k > Q.open - 8 && t.k[k] !== K_PUNCT && lowerOf(p, t, k) !== 'to') k--;
      if (k > 0 && lowerOf(p, t, k) === 'to' && lowerOf(p, t, k - 1) === 'according' && k + 1 < Q.open - 1) {
        const mk = mentionStarts.get(t.s[k + 1]);
        setSource(t, mentions, mentionEnds, q, { a: k + 1, b: Q.open - 1, kind: mk !== undefined ? 'mention' : 'np' }, k - 1, 'according-to', 0.9);
        done = true;
      }
    }
    if (!done && Q.open >= 4) {
      // as The Brenton Review put it in a long profile, “…”
      let j = Q.open - 1;
      if (p[t.s[j]] === ',') j--;
      for (let k = j; k >= Math.max(0, j - 12); k--) {
        if (t.k[k] === K_PUNCT) break;
        if (lowerOf(p, t, k) === 'as') {
          const src = asPutIt(p, t, k, Q.open);
          if (src) { setSource(t, mentions, mentionEnds, q, src.src, src.verb, 'as-put-it', 0.85); done = true; }
          break;
        }
      }
    }
    if (!done) {
      // before the quote: X said: “ / X said, “ / X said that “
      let v = Q.open - 1;
      const minTok = qi > 0 ? (qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0) : 0;
      if (v >= minTok && (p[t.s[v]] === ':' || p[t.s[v]] === ',')) v--;
      if (v >= minTok && t.k[v] === K_LOWER && lowerOf(p, t, v) === 'that') v--;
      let hops = 0;
      while (v >= minTok && hops < 3 && !isVerb(p, t, v) && t.k[v] !== K_PUNCT) { v--; hops++; }
      if (v >= minTok && isVerb(p, t, v)) {
        const src = cueSource(p, t, v, Math.max(minTok, sentenceStartTok(t, v)), Q.openEnd ? -1 : Q.close, mentions, mentionEnds, mentionStarts);
        if (src) { setSource(t, mentions, mentionEnds, q, src, v, 'before-quote', hops ? 0.75 : 0.85); done = true; }
      }
    }
    const endMark = !Q.openEnd && Q.close > Q.a ? p[t.s[Q.close - 1]] : '';
    if (!done && !Q.openEnd && endMark !== '.' && ((endMark !== '!' && endMark !== '?') || t.k[Q.close + 1] === K_LOWER)) {
      // later in the sentence: … chants of “…” at the rally, according to organiser Tom Reyes.
      // (the sentence goes on after a quote that ends in "!" or "?": to the next end mark)
      let se = Q.close + 1;
      while (se < limitAfter && se < t.n && !(t.k[se] === K_PUNCT && isEndMarkCode(t.cc[t.s[se]]))) se++;
      for (let k = Q.close + 1; k + 2 < se; k++) {
        if (lowerOf(p, t, k) !== 'according' || lowerOf(p, t, k + 1) !== 'to' || p[t.s[k - 1]] !== ',') continue;
        let b = k + 2;
        while (b < se && b < k + 10 && t.k[b] !== K_PUNCT) b++;
        if (b > k + 2) {
          const mk = mentionStarts.get(t.s[k + 2]);
          setSource(t, mentions, mentionEnds, q, { a: k + 2, b, kind: mk !== undefined ? 'mention' : 'np' }, k, 'according-to', 0.85);
          done = true;
        }
        break;
      }
    }
    if (!done && qi > 0 && !Q.openEnd && qs[qi - 1].close >= 0) {
      // “…,” he said. “…” — the same speaker continues
      const prev = quotes[qi - 1];
      // (the text between them short and with no opening mark: read in the char codes, not sliced)
      if ((prev.source || prev.inherit !== undefined) && start - prev.end < 80 && !hasCode3(t.cc, prev.end, start, 8220, 34, 171)) {
        q.inherit = qi - 1;
        q.rule = 'continuation';
        q.confidence = 0.85;
        done = true;
      }
    }
    if (!done) {
      // a speech verb earlier in the same sentence: Vail called them “freeloaders”
      const ss = Math.max(sentenceStartTok(t, Q.open), qi > 0 && qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0);
      for (let v = Q.open - 1; v >= ss; v--) {
        if (inQuote[v]) continue;
        if (isVerb(p, t, v)) {
          const src = cueSource(p, t, v, ss, Q.openEnd ? -1 : Q.close, mentions, mentionEnds, mentionStarts);
          if (src) { setSource(t, mentions, mentionEnds, q, src, v, 'sentence-subject', 0.7); done = true; }
          break;
        }
      }
    }
    if (!done && !Q.openEnd) {
      // speaker in the next sentence: “…” Caddell said later. / “…” That is what he said.
      const se = sentenceEndTok(t, Q.close);
      if (se < t.n && se === Q.close + 1 || (se < t.n && se <= Q.close + 2)) {
        const ne = sentenceEndTok(t, se);
        for (let v = se + 1; v < Math.min(ne, se + 4); v++) {
          if (isVerb(p, t, v)) {
            const src = sourceBefore(p, t, v, se, mentions, mentionEnds);
            if (src && src.a === se) { setSource(t, mentions, mentionEnds, q, src, v, 'next-sentence', 0.8); done = true; }
            break;
          }
        }
      }
    }
    if (!done) {
      // the owner of a claim: "Acme Check seized on Eldred’s claim that there had been “dozens of break-ins”"
      const ss = Math.max(sentenceStartTok(t, Q.open), qi > 0 && qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0);
      for (let k = Q.open - 1; k > ss && k > Q.open - 14; k--) {
        if (t.k[k] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[k])) && p[t.s[k]] !== ',') break;
        if (t.k[k] === K_LOWER && (t.f[k - 1] & 1) && t.k[k - 1] === K_CAP && CLAIM_NOUNS.has(lowerOf(p, t, k)) && lowerOf(p, t, k + 1) === 'that') {
          const mi = mentionEnds.get(t.e[k - 1]);
          let a = k - 1;
          if (mi !== undefined) while (a > ss && t.s[a] > mentions[mi].start) a--;
          q.source = { start: t.s[a], end: t.e[k - 1] };
          q.sourceKind = 'mention';
          q.rule = 'claim-owner';
          q.confidence = 0.7;
          done = true;
          break;
        }
      }
    }
    if (!done) {
      const ss = Math.max(sentenceStartTok(t, Q.open), qi > 0 && qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0);
      let src: Src | null = null;
      if (!Q.openEnd && t.k[ss] === K_CAP && (t.f[ss] & 4) && endsInIng(t.cc, t.s[ss], t.e[ss])) {
        // inside an opening participle clause: "Bemoaning the “…,” Smith accused the board" (Smith)
        let c = p[t.s[Q.close - 1]] === ',' ? Q.close : -1;
        for (let i = ss + 1; c < 0 && i < Q.open; i++) if (t.k[i] === K_PUNCT && p[t.s[i]] === ',') c = -2;
        if (c >= 0) src = clauseSubject(p, t, c + 1, Math.min(sentenceEndTok(t, Q.close), t.n), mentions, mentionStarts);
      }
      src ??= sentenceSubject(p, t, ss, Q.open, mentions, mentionStarts);
      if (src) {
        q.source = { start: t.s[src.a], end: t.e[src.b - 1] };
        q.sourceKind = src.kind;
        q.rule = 'sentence-subject';
        q.confidence = 0.5;
        done = true;
      }
    }
    if (!done && Q.open === firstNonPunct(t) - 1) {
      q.paragraphStart = true;
    }
    quotes.push(q);
  }

  // ---- reported speech
  const reported = findReported(p, t, mentions, mentionEnds, mentionStarts, inQuote);
  // a quoted fragment inside reported speech has the reported speaker:
  // A clerk who “pockets a few $10s” is fired on the spot, Vail said.
  // (also when the quote's own source is a pronoun inside that passage: "Vail says she appreciated
  // … what she calls a “…”" — the outer speaker is the one named)
  for (let qi = 0; qi < quotes.length && reported.length; qi++) {
    const q = quotes[qi];
    const weak = (!q.source && q.inherit === undefined) || q.rule === 'sentence-subject' || q.rule === 'claim-owner' || q.rule === 'continuation';
    if (!weak && q.sourceKind !== 'pronoun') continue;
    const r = reported.find((x) => x.source && x.start <= q.start && q.end <= x.end + 2);
    if (!r || !r.source) continue;
    if (!weak && !(q.source && r.start <= q.source.start && q.source.end <= r.end + 16 && r.source.end <= q.source.start - 1)) continue;
    q.source = { start: r.source.start, end: r.source.end };
    q.sourceKind = r.sourceKind;
    if (r.cue) q.cue = { start: r.cue.start, end: r.cue.end }; else delete q.cue;
    q.rule = 'inside-reported';
    q.confidence = 0.8;
    delete q.paragraphStart;
    delete q.inherit;
  }
  const indirect = reported.length ? reported.filter((x) => !repeatsQuote(t, inQuote, x)) : reported;
  if (indirect.length) {
    for (const q of indirect) quotes.push(q);
    sortSpans(quotes, true);
    // keep `inherit` pointing at the right quote after sorting
    const directs = quotes.filter((q) => q.kind === 'direct');
    for (const q of quotes) {
      if (q.inherit !== undefined && q.kind === 'direct' && q.rule === 'continuation') {
        const target = directsOrig(qs, q, directs);
        q.inherit = quotes.indexOf(target);
      }
    }
  }
  const result: LocalResult = { mentions, quotes };
  if (turn) result.turn = true;
  let last = t.n - 1;
  if (last > 0 && p[t.s[last]] === ':') {
    let v = last - 1;
    let hops = 0;
    while (v > 0 && hops < 3 && !isVerb(p, t, v) && t.k[v] !== K_PUNCT) { v--; hops++; }
    if (isVerb(p, t, v)) {
      const src = sourceBefore(p, t, v, sentenceStartTok(t, v), mentions, mentionEnds);
      if (src) {
        result.intro = {
          start: t.s[last], end: t.e[last], kind: 'direct', source: { start: t.s[src.a], end: t.e[src.b - 1] },
          sourceKind: src.kind, cue: { start: t.s[v], end: t.e[v] }, rule: 'before-quote', confidence: 0.8,
        };
      }
    } else {
      // "Eldred made the following remark:", "The ministry issued this statement:"
      const ss = sentenceStartTok(t, last);
      let noun = -1;
      for (let k = last - 1; k >= ss && k >= last - 4; k--) if (t.k[k] === K_LOWER && STATEMENT_NOUNS.has(lowerOf(p, t, k))) { noun = k; break; }
      if (noun > ss) {
        const src = sentenceSubject(p, t, ss, noun, mentions, mentionStarts);
        if (src) {
          result.intro = {
            start: t.s[last], end: t.e[last], kind: 'direct', source: { start: t.s[src.a], end: t.e[src.b - 1] },
            sourceKind: src.kind, cue: { start: t.s[noun], end: t.e[noun] }, rule: 'before-quote', confidence: 0.7,
          };
        }
      }
    }
  }
  if (p === raw) {
    // the sources' texts, which the global pass looks up in a map, as shared strings
    for (const q of quotes) if (q.source) q.srcText = internText(t.cc, p, q.source.start, q.source.end, false);
    const intro = result.intro;
    if (intro?.source) intro.srcText = internText(t.cc, p, intro.source.start, intro.source.end, false);
  }
  return result;
}

/** Whether the text of char codes `cc[a, b)` ends in a lower-case ASCII letter and "ing" (/[a-z]ing$/, without the slice). */
function endsInIng(cc: Uint16Array, a: number, b: number): boolean {
  return b - a >= 4 && cc[b - 1] === 103 && cc[b - 2] === 110 && cc[b - 3] === 105 && cc[b - 4] >= 97 && cc[b - 4] <= 122;
}

/** Whether one of the char codes `cc[a, b)` is `x`, `y` or `z`. */
function hasCode3(cc: Uint16Array, a: number, b: number, x: number, y: number, z: number): boolean {
  for (let i = a; i < b; i++) {
    const c = cc[i];
    if (c === x || c === y || c === z) return true;
  }
  return false;
}

/** A sentence's end mark: ".", "!" or "?" (what /[.!?]/ finds in one character). */
function isEndMarkCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

/** Gives the direct quote `q` its source `src`, the cue at token `verb`, the rule and its confidence (see `markSpeaks`). */
function setSource(t: Tokens, mentions: LocalMention[], mentionEnds: Map<number, number>, q: LocalQuote, src: Src, verb: number,
  rule: string, conf: number): void {
  q.source = { start: t.s[src.a], end: t.e[src.b - 1] };
  q.sourceKind = src.kind;
  q.cue = { start: t.s[verb], end: t.e[verb] };
  q.rule = rule;
  q.confidence = conf;
  markSpeaks(t, mentions, mentionEnds, src);
}

/** Marks the mention a source of the kind 'mention' ends with as a speaker. */
function markSpeaks(t: Tokens, mentions: LocalMention[], mentionEnds: Map<number, number>, src: Src): void {
  if (src.kind !== 'mention') return;
  const mi = mentionEnds.get(t.e[src.b - 1]);
  if (mi !== undefined) mentions[mi].speaks = true;
}

/** Whether a person's or an unknown mention starts at token `j`. */
function personAt(t: Tokens, mentions: LocalMention[], mentionStarts: Map<number, number>, j: number): boolean {
  const mj = mentionStarts.get(t.s[j]);
  return mj !== undefined && (mentions[mj].type === 'person' || mentions[mj].type === 'unknown');
}

function directsOrig(_qs: QuoteSpan[], q: LocalQuote, directs: LocalQuote[]): LocalQuote {
  const idx = directs.indexOf(q);
  return directs[idx - 1];
}

/** Cues whose content is an infinitive: a promise or an appeal. */
const PROGRESSIVE_AUX = new Set(['is', 'was', 'are', 'were', 'been', 'be', "isn’t", "isn't", "wasn’t", "wasn't", "aren’t", "aren't", 'keeps', 'kept']);
const INTENT_VERBS = new Set(['vowed', 'vows', 'pledged', 'pledges', 'promised', 'promises', 'urged', 'urges', 'asked', 'asks',
  'called', 'calls', 'threatened', 'threatens', 'agreed', 'agrees']);
/** Cues whose content may be a noun phrase ("announced the recall of a product"). */
const NP_CONTENT_VERBS = new Set(['announced', 'announces', 'reported', 'reports', 'confirmed', 'confirms', 'revealed', 'reveals',
  'noted', 'notes', 'acknowledged', 'acknowledges']);
const SPLIT_VERBS = new Set(['adding', 'saying', 'noting', 'stressing', 'warning', 'arguing', 'insisting', 'explaining', 'claiming']);
const ACCORDING_RE = /\b[Aa]ccording to\s/g;
const TIME_OR_PLACE_RE = /^(?:in|on|at|during|after|before|late|earlier|last|this|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|to|in)$/;
const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today',
  'tonight', 'last', 'earlier', 'later', 'then', 'recently', 'january', 'february', 'march', 'april', 'june', 'july', 'august',
  'september', 'october', 'november', 'december']);
const NOUN_LIKE_CUES = new Set(['states', 'reports', 'notes', 'comments', 'remarks', 'claims', 'promises', 'pledges', 'vows', 'calls',
  'tweets', 'posts', 'estimates']);
/** Openers of an adverbial or subordinate clause: such a part is not what was said. */
const ADVERBIAL_RE = /^(?:during|as|in|on|at|after|before|when|while|if|because|although|though|since|until|unless|for|with|among|despite|following|but|and)$/;
const NOT_A_CLAUSE_RE = /^(?:in|on|at|to|during|after|before|of|about|with|by|for|it|so|yes|nothing|something|anything|this|what|much|more|goodbye|hello|thanks|as|from|through|over|under|when|while|repeatedly|again)$/;
/** Cues whose content may follow without "that": "Wang said China is ready". */
const NO_THAT_VERBS = new Set(['announced', 'announces', 'acknowledged', 'acknowledges', 'suggested', 'suggests', 'explained',
  'explains', 'declared', 'declares', 'mentioned', 'admitted', 'admits', 'confirmed', 'confirms', 'asserted', 'asserts', 'conceded',
  'concedes', 'indicated', 'indicates', 'recalled', 'recalls', 'reported', 'reports', 'revealed', 'reveals', 'maintained',
  'maintains', 'contended', 'contends', 'emphasized', 'emphasised', 'reiterated', 'agreed', 'agrees', 'complained', 'complains',
  'said', 'says', 'say', 'added', 'adds', 'told', 'tells', 'wrote', 'writes', 'argued', 'argues',
  'claimed', 'claims', 'insisted', 'insists', 'noted', 'notes', 'stressed', 'stresses', 'predicted', 'predicts', 'warned', 'warns', 'stated', 'states']);

/** Whether tokens [a, end] are only a time, place or manner phrase, or a participle clause after a comma. */
function shortTail(p: string, t: Tokens, a: number, end: number): boolean {
  if (a > end) return true;
  if (p[t.s[a]] === ',' && a + 1 <= end && /ing$/.test(lowerOf(p, t, a + 1))) return true;
  if (!TIME_OR_PLACE_RE.test(lowerOf(p, t, a)) && !/^(?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|in|at|on|during|while|via|through|after|before|late|early|last|this|recently|earlier|later)$/.test(lowerOf(p, t, a))) return false;
  if (end - a > 14) return false;
  for (let i = a; i <= end; i++) {
    if (t.k[i] === K_PUNCT && p[t.s[i]] === ',' && i + 1 <= end && /ing$/.test(lowerOf(p, t, i + 1))) return true;
    if (t.k[i] === K_PUNCT && p[t.s[i]] !== ',' && p[t.s[i]] !== '.' && p[t.s[i]] !== '’' && p[t.s[i]] !== "'") return false;
    if (t.k[i] === K_LOWER && (lowerOf(p, t, i) === 'that' || SPEECH_VERBS.has(lowerOf(p, t, i)))) return false;
  }
  return true;
}

const DATE_LINE_RE = /^\s*date\s*[:=]?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b[\s:–—-]*/i;

/** Whether tokens [a, b) hold no comma (an opening adverbial with no clause after it). */
function onlyAdverbial(p: string, t: Tokens, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (t.k[i] === K_PUNCT && p[t.s[i]] === ',') return false;
  return true;
}

function findReported(p: string, t: Tokens, mentions: LocalMention[], mentionEnds: Map<number, number>,
  mentionStarts: Map<number, number>, inQuote: Uint8Array): LocalQuote[] {
  const out: LocalQuote[] = [];
  // every rule below starts from a cue (`isCue`), a participle after a comma or "according to":
  // one pass over the tokens finds the sentences that hold one (see `sentenceCues`)
  const ns = t.sents.length - 1;
  if (SCUES.length < 3 * ns) SCUES = new Int32Array(Math.max(3 * ns, SCUES.length * 2));
  const cues = SCUES;
  let any = 0;
  for (let s = 0; s < ns; s++) {
    const sa = t.sents[s], sb = t.sents[s + 1];
    any |= cues[3 * s] = sb - sa < 4 ? 0 : sentenceCues(t, sa, sb);
    cues[3 * s + 1] = cueFirst;
    cues[3 * s + 2] = cueLast;
  }
  if (any === 0) return out;
  // (the header line's date, which no passage includes: read at the first passage)
  let bodyStart = -1;
  const contentEnd = (a: number, b: number): number => {
    // strip final punctuation and closing marks
    let e = b - 1;
    for (;;) {
      while (e > a && t.k[e] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[e]))) e--;
      // an opening mark left at the end belongs to the next sentence
      const c = p.charCodeAt(t.s[e]);
      if (e > a && t.k[e] === K_PUNCT && (c === 8220 || c === 171 || c === 8216 || ((c === 34 || c === 39) && t.s[e] > 0 && p.charCodeAt(t.s[e] - 1) === 32))) { e--; continue; }
      return e;
    }
  };
  const emit = (ca: number, cb: number, src: Src, verb: number, rule: string, conf: number, minWords = 3): LocalQuote | null => {
    // content tokens [ca, cb), never the " date YYYY-MM-DD" of a header line
    if (bodyStart < 0) {
      // (the line opens with its first token, as \s is the tokenizer's space: "date" must start it)
      const dm = (t.cc[t.s[0]] | 32) === 100 ? DATE_LINE_RE.exec(p) : null;
      bodyStart = dm ? dm[0].length : 0;
    }
    while (ca < cb && t.s[ca] < bodyStart) ca++;
    while (ca < cb && t.k[ca] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[ca]))) ca++;
    const e = contentEnd(ca, cb);
    if (e < ca) return null;
    let words = 0;
    for (let i = ca; i <= e && words < minWords; i++) if (t.k[i] !== K_PUNCT && !inQuote[i]) words++;
    if (words < minWords) return null;
    const q: LocalQuote = {
      start: t.s[ca], end: t.e[e], kind: 'indirect',
      source: { start: t.s[src.a], end: t.e[src.b - 1] }, sourceKind: src.kind,
      cue: verb >= 0 ? { start: t.s[verb], end: t.e[verb] } : undefined, rule, confidence: conf,
    };
    if (!q.cue) delete q.cue;
    out.push(q);
    markSpeaks(t, mentions, mentionEnds, src);
    return q;
  };

  const splitAfter = (v: number, end: number): number => {
    // ", adding that ..." right after the cue (possibly after a short tail)
    for (let j = v + 1; j <= Math.min(end, v + 8); j++) {
      if (t.k[j] === K_PUNCT && p[t.s[j]] === ',' && j + 1 <= end && (TBB[j + 1] & B_SPLIT)) return j;
      if (t.k[j] === K_PUNCT && p[t.s[j]] !== '(' && p[t.s[j]] !== ')' && p[t.s[j]] !== '-') return -1;
    }
    return -1;
  };
  const emitAdding = (comma: number, sb: number, src: Src): void => {
    let ca = comma + 2;
    if (ca < sb && lowerOf(p, t, ca) === 'that') ca++;
    emit(ca, sb, src, comma + 1, 'adding-that', 0.85);
  };
  /** Subject of a coordinated or relative clause: "Wang Yi, who offered ... and said", "Mohib thanked ... and added". */
  const clauseSubject = (v: number, sa: number): Src | null => {
    let i = v - 1;
    while (i > sa && t.k[i] === K_LOWER && VERB_ADVERBS.has(lowerOf(p, t, i))) i--;
    if (i <= sa || lowerOf(p, t, i) !== 'and') return null;
    for (let j = i - 1; j > sa; j--) {
      if (inQuote[j]) continue;
      if (t.k[j] === K_LOWER && lowerOf(p, t, j) === 'who' && p[t.s[j - 1]] === ',') {
        return simpleSource(p, t, j - 2, sa, mentions, mentionEnds);
      }
    }
    // the sentence subject
    let a = sa;
    while (a < i && t.k[a] === K_PUNCT) a++;
    const mi = mentionStarts.get(t.s[a]);
    if (mi !== undefined) {
      let b = a;
      while (b < i && t.e[b] <= mentions[mi].end) b++;
      if (b < i && t.k[b] === K_LOWER && !PRONOUNS.has(lowerOf(p, t, b))) return { a, b, kind: 'mention' };
    }
    if (a < i && PRONOUNS.has(lowerOf(p, t, a)) && lowerOf(p, t, a) !== 'it') return { a, b: a + 1, kind: 'pronoun' };
    // a group named by one capitalised word: "Democrats also described …, and said …"
    if (a + 1 < i && t.k[a] === K_CAP && !(t.f[a] & 1) && !STOP_CAPS.has(lowerOf(p, t, a)) && t.k[a + 1] === K_LOWER
      && !PRONOUNS.has(lowerOf(p, t, a + 1))) return { a, b: a + 1, kind: 'np' };
    return null;
  };

  for (let s = 0; s < ns; s++) {
    const cs = cues[3 * s];
    if (cs === 0) continue; // (also a sentence of fewer than 4 tokens)
    const sa = t.sents[s], sb = t.sents[s + 1];
    // skip sentences that are inside a direct quote (not those that open with an attribution)
    let inside = 0;
    if (inqDirty > sa) for (let i = sa; i < sb; i++) if (inQuote[i]) inside++; // (INQ: no marks from inqDirty on)
    let first = sa;
    while (first < sb && t.k[first] === K_PUNCT) first++;
    if (inside > (sb - sa) * 0.6 && (first >= sb || inQuote[first] || inside > (sb - sa) * 0.95)) continue;
    let end = sb - 1;
    while (end > sa && t.k[end] === K_PUNCT) end--;
    let done = false;
    const firstOut = out.length;
    // 1) CONTENT, X said [short tail | , adding that ...].  /  CONTENT, said X.
    // (the possible cues lie in [firstCue, lastCue])
    const firstCue = cues[3 * s + 1], lastCue = cues[3 * s + 2];
    for (let v = Math.max(sa + 3, firstCue); v <= end && v <= lastCue && !done; v++) {
      if (inQuote[v] || !isCue(p, t, v)) continue;
      if ((TBA[v] & W_WEAK_REPORT) || (TBB[v] & B_SPLIT)) continue; // the verb: WEAK_REPORT_VERBS, SPLIT_VERBS
      if (p[t.s[v - 1]] === ',' && !inQuote[v - 1]) {
        const src = sourceAfter(p, t, v, sb, mentions, mentionStarts);
        if (src && src.b > end - 3) { emit(sa, v - 1, src, v, 'reported-after', 0.9); done = true; continue; }
        // otherwise an appositive ends before the cue: "…, Mr. Dorr, the counsel for the firm, said, …"
        if (src) continue;
      }
      const src = sourceBefore(p, t, v, sa, mentions, mentionEnds);
      if (!src || src.a <= sa + 2) continue;
      let cm = src.a - 1;
      while (cm > sa && (p[t.s[cm]] === "'" || isQuoteMarkCode(p.charCodeAt(t.s[cm]))
        || (t.k[cm] === K_LOWER && (NP_DETERMINERS.has(lowerOf(p, t, cm)) || lowerOf(p, t, cm) === 'as') && cm >= src.a - 2))) cm--;
      if (p[t.s[cm]] !== ',' || inQuote[cm]) continue;
      const comma = splitAfter(v, end);
      if (comma < 0 && end - v > 6) {
        // the attribution in the middle: "Public transit, Ms. Vail often says, is the best …"
        let mc = v + 1;
        // "What changed, she told me on Tuesday, is that …"
        while (mc < Math.min(end, v + 6) && t.k[mc] !== K_PUNCT && !isVerb(p, t, mc)) mc++;
        if (mc !== v + 1 && (p[t.s[mc]] !== ',' || !(lowerOf(p, t, v + 1) === 'me' || lowerOf(p, t, v + 1) === 'reporters'
          || lowerOf(p, t, v + 1) === 'then' || TIME_OR_PLACE_RE.test(lowerOf(p, t, v + 1))))) mc = v + 1;
        if (mc < end && p[t.s[mc]] === ',' && !inQuote[mc]) {
          let c2 = mc + 1;
          if ((lowerOf(p, t, c2) === 'is' || lowerOf(p, t, c2) === 'was') && lowerOf(p, t, c2 + 1) === 'that') c2 += 2;
          const q2 = emit(c2, sb, src, v, 'reported-middle', 0.85);
          if (q2 && !(ADVERBIAL_RE.test(lowerOf(p, t, sa)) && onlyAdverbial(p, t, sa, cm))) {
            const q1 = emit(sa, cm, src, v, 'reported-middle', 0.85, 1);
            if (q1) { out.pop(); out.pop(); out.push(q1, q2); }
          }
          done = q2 !== null;
          continue;
        }
        // a short tail: "…, senior city officials said Tuesday morning in a statement." / "…, Acme announced, gaining …"
        if (!shortTail(p, t, v + 1, end)) continue;
      }
      if (ADVERBIAL_RE.test(lowerOf(p, t, sa)) && onlyAdverbial(p, t, sa, cm)) continue;
      const q1 = emit(sa, cm, src, v, 'reported-after', 0.9);
      // “…,” she said, adding she would never back him (the first part is a direct quote)
      if (comma >= 0 && (q1 || inQuote[cm - 1])) { emitAdding(comma, sb, src); done = true; }
      done = done || q1 !== null;
    }
    if (done) continue;
    // 2) according to X, CONTENT / CONTENT, according to X.
    ACCORDING_RE.lastIndex = 0;
    const am = cs & S_ACCORDING ? ACCORDING_RE.exec(p.slice(t.s[sa], t.e[sb - 1])) : null;
    if (am) {
      const pos = t.s[sa] + am.index + am[0].length;
      let ai = sa;
      while (ai < sb && t.s[ai] < pos) ai++;
      let bi = ai;
      while (bi < sb && t.k[bi] !== K_PUNCT) bi++;
      if (bi > ai) {
        const toTok = ai - 2; // "according"
        const src: Src = { a: ai, b: bi, kind: mentionStarts.has(t.s[ai]) ? 'mention' : 'np' };
        if (bi < sb && p[t.s[bi]] === ',' && toTok - 1 <= sa + 1) {
          emit(bi + 1, sb, src, toTok, 'according-to', 0.95);
        } else if (toTok > sa + 3) {
          let ce = toTok;
          if (p[t.s[ce - 1]] === ',') ce--;
          emit(sa, ce, src, toTok, 'according-to', 0.95);
        }
        continue;
      }
    }
    // 3) X said (that) CONTENT
    for (let v = Math.max(sa + 1, firstCue); v < end && v <= lastCue; v++) {
      if (inQuote[v] || !isCue(p, t, v)) continue;
      const verb = lowerOf(p, t, v);
      // "saying", "telling" are clause splitters, except in a progressive: "The ministry is saying that …"
      if (((TBB[v] & B_SPLIT) || verb === 'telling') && !(v > sa && PROGRESSIVE_AUX.has(lowerOf(p, t, v - 1)))) continue; // SPLIT_VERBS
      // "member states", "the battleground states": a plural noun, not a cue
      if (NOUN_LIKE_CUES.has(verb) && v > sa && t.k[v - 1] === K_LOWER && !PRONOUNS.has(lowerOf(p, t, v - 1))
        && !VERB_ADVERBS.has(lowerOf(p, t, v - 1)) && !SPEAKER_NOUNS.has(lowerOf(p, t, v - 1)) && !SPEAKER_NOUN_HEAD_RE.test(lowerOf(p, t, v - 1))) continue;
      // weak cues only with an explicit complement: "the fund predicted that", "lawmakers asked whether"
      if ((TBA[v] & W_WEAK_REPORT) && !INTENT_VERBS.has(verb) && !(v + 1 < end && /^(?:that|whether|if|how|why)$/.test(lowerOf(p, t, v + 1)))) continue;
      let src = sourceBefore(p, t, v, sa, mentions, mentionEnds);
      let rule = 'said-that';
      let conf = 0.85;
      if (!src) { src = clauseSubject(v, sa); rule = 'clause-subject'; conf = 0.75; }
      if (!src) continue;
      let ca = v + 1;
      if (INTENT_VERBS.has(verb)) {
        // "She also pledged to set up a panel", "Vail urged colleagues to join …": the promise or the appeal
        let j = ca;
        while (j < Math.min(end, ca + 5) && t.k[j] !== K_PUNCT && lowerOf(p, t, j) !== 'to') j++;
        if (j < end && lowerOf(p, t, j) === 'to' && (j === ca || (j === ca + 1 && lowerOf(p, t, ca) === 'not')
          || verb.startsWith('urge') || verb.startsWith('ask') || verb.startsWith('call'))) {
          const q1 = emit(ca, sb, src, v, rule === 'said-that' ? 'infinitive' : rule, conf - 0.05);
          if (q1) break;
        }
        if (ca < end && /^(?:whether|if|how|why|what)$/.test(lowerOf(p, t, ca))) {
          // "Councillors also asked whether the contract required …"
          const q1 = emit(ca, sb, src, v, rule, conf - 0.05);
          if (q1) break;
        }
        if (!NO_THAT_VERBS.has(verb) && !(ca < end && lowerOf(p, t, ca) === 'that')) continue;
      }
      if (NP_CONTENT_VERBS.has(verb) && ca < end && t.k[ca] === K_LOWER && NP_DETERMINERS.has(lowerOf(p, t, ca))) {
        // "Police announced on Tuesday the arrest of …" / "announced the arrest"
        const q1 = emit(ca, sb, src, v, rule, conf - 0.1);
        if (q1) break;
      }
      if (verb === 'told' || verb === 'tells' || verb === 'tell') {
        // skip the listener: "told reporters (that)", "told CNN on Sunday that"
        let j = ca;
        while (j < Math.min(end, ca + 10) && t.k[j] !== K_PUNCT && lowerOf(p, t, j) !== 'that') j++;
        if (j < end && lowerOf(p, t, j) === 'that') ca = j + 1;
        else {
          // the listener: "told reporters", "told the Brenton Herald"; what follows must open a clause
          let k = ca;
          if (k < end && NP_DETERMINERS.has(lowerOf(p, t, k))) k++;
          while (k < end && (t.k[k] === K_CAP || (t.k[k] === K_LOWER && (lowerOf(p, t, k) === 'of' || SPEAKER_NOUNS.has(lowerOf(p, t, k)))))) k++;
          if (k === ca) k = ca + 1;
          if (k < end && lowerOf(p, t, k) === 'to' && k > ca) {
            // "told her staff to work out …": an instruction
            const q1 = emit(ca, sb, src, v, 'infinitive', conf - 0.05);
            if (q1) break;
          }
          if (k >= end || t.k[k] === K_PUNCT || NOT_A_CLAUSE_RE.test(lowerOf(p, t, k)) || TIME_WORDS.has(lowerOf(p, t, k))) continue;
          ca = k;
        }
      } else if (ca < end && lowerOf(p, t, ca) === 'that') {
        ca++;
      } else {
        // "said in a statement that", "said on Tuesday that"
        const timeOrPlace = TIME_OR_PLACE_RE.test(lowerOf(p, t, ca));
        let j = ca;
        if (timeOrPlace) while (j < Math.min(end, ca + 12) && (t.k[j] !== K_PUNCT || p[t.s[j]] === ',') && lowerOf(p, t, j) !== 'that') j++;
        if (timeOrPlace && j < end && lowerOf(p, t, j) === 'that') ca = j + 1;
        else if (!NO_THAT_VERBS.has(verb)) continue;
        else if (t.k[ca] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[ca]))) continue;
        else if (TIME_WORDS.has(lowerOf(p, t, ca))) continue;
        else if (NOT_A_CLAUSE_RE.test(lowerOf(p, t, ca)) && !((lowerOf(p, t, ca) === 'it' || lowerOf(p, t, ca) === 'this')
          && ((t.f[ca] & 1) || (ca + 1 < end && (AUX.has(lowerOf(p, t, ca + 1)) || /[^s]s$|ed$/.test(lowerOf(p, t, ca + 1))))))) continue;
      }
      // split at ", adding that"
      let cb = sb;
      let comma = -1;
      for (let j = ca; j < sb - 1 && (cs & S_SPLIT); j++) {
        if (p[t.s[j]] === ',' && (TBB[j + 1] & B_SPLIT) && !inQuote[j]) { comma = j; cb = j; break; }
      }
      const q1 = emit(ca, cb, src, v, rule, conf);
      if (q1 && comma >= 0) emitAdding(comma, sb, src);
      if (q1) break;
    }
    if (out.length > firstOut) continue;
    // 4) a participle clause: "X filed a motion, arguing (that) CONTENT" — the sentence subject speaks
    for (let j = sa + 2; j < end - 2 && (cs & S_SPLIT); j++) {
      if (inQuote[j] || t.k[j] !== K_PUNCT || !(TBB[j + 1] & B_SPLIT) || p[t.s[j]] !== ',') continue;
      const src = sentenceSubject(p, t, sa, j, mentions, mentionStarts);
      if (!src) break;
      let ca = j + 2;
      if (ca < sb && lowerOf(p, t, ca) === 'that') ca++;
      else if (t.k[ca] === K_PUNCT || NOT_A_CLAUSE_RE.test(lowerOf(p, t, ca))) break;
      emit(ca, sb, src, j + 1, 'participle', 0.7);
      break;
    }
  }
  return out;
}

/** A speech verb, or "Says" / "Said" inside a title-case headline ("…, Nora Vail Says"). */
function isCue(p: string, t: Tokens, v: number): boolean {
  if (((TBA[v] & W_SPEECH) | (TBB[v] & B_HEADLINE_CUE)) === 0) return false; // (most tokens: neither list)
  if (isVerb(p, t, v)) return true;
  if (v <= 0 || v >= t.n || t.k[v] !== K_CAP || (t.f[v] & 4)) return false;
  return (TBB[v] & B_HEADLINE_CUE) !== 0 && isHeadline(p, t); // HEADLINE_CUES.has(lowerOf(p, t, v))
}

/** Flags of `sentenceCues`; the count of the sentence's tokens inside direct quotes above them. */
const S_CUE = 1, S_SPLIT = 2, S_ACCORDING = 4;
/**
 * Per sentence of the paragraph, three numbers: its `sentenceCues` (0 for a sentence too short to
 * read), `cueFirst` and `cueLast` (scratch of `findReported`).
 */
let SCUES = new Int32Array(768);
/** The first and the last token of the last `sentenceCues` that may be a cue (first > last: none). */
let cueFirst = 0, cueLast = -1;

/**
 * What the reported-speech rules start from in the sentence of tokens [a, b): S_CUE when it holds a
 * possible cue (a speech verb, a headline cue: see `isCue`), S_SPLIT a participle of SPLIT_VERBS,
 * S_ACCORDING a word ending in "according" (every match of ACCORDING_RE has one; see
 * B_ACCORDING); 0 when it holds none of them. Sets `cueFirst` and `cueLast`.
 */
function sentenceCues(t: Tokens, a: number, b: number): number {
  const tbb = TBB, tk = t.k, tf = t.f;
  let r = 0, first = b, last = a - 1;
  for (let i = a; i < b; i++) {
    const bb = tbb[i];
    if ((bb & (B_SPLIT | B_ACCORDING | B_HEADLINE_CUE | B_SPEECH)) === 0) continue;
    const k = tk[i];
    if ((k === K_LOWER && (bb & B_SPEECH)) || (k === K_CAP && !(tf[i] & 4) && (bb & B_HEADLINE_CUE))) {
      r |= S_CUE;
      if (first === b) first = i;
      last = i;
    }
    if (bb & B_SPLIT) r |= S_SPLIT;
    if (bb & B_ACCORDING) r |= S_ACCORDING;
  }
  cueFirst = first;
  cueLast = last;
  return r;
}

/**
 * Sorts spans by start (and end with `byEnd`), stably: what `Array.prototype.sort` with that
 * comparator does, without its work array for the usual short list of a paragraph.
 */
export function sortSpans<T extends LocalSpan>(a: T[], byEnd: boolean): void {
  if (a.length > 64) { // (a long list: no quadratic worst case)
    a.sort(byEnd ? (x, y) => x.start - y.start || x.end - y.end : (x, y) => x.start - y.start);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && (a[j].start > x.start || (byEnd && a[j].start === x.start && a[j].end > x.end))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

/** Indirect passages that merely repeat a direct quote. */
function repeatsQuote(t: Tokens, inQuote: Uint8Array, q: LocalQuote): boolean {
  // (the tokens are in order and do not overlap: those inside the passage are a run, from the
  // first one starting at or after its start)
  let inside = 0, total = 0;
  for (let i = lowerBound(t.s, t.n, q.start); i < t.n && t.s[i] <= q.end; i++) {
    if (t.e[i] <= q.end && t.k[i] !== K_PUNCT) { total++; if (inQuote[i]) inside++; }
  }
  return !(total > 0 && inside < total * 0.8);
}
