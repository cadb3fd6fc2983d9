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
  /** Lower-case tokens of `name` (computed once, cached with the paragraph). */
  toks?: string[];
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
}

export interface LocalResult {
  mentions: LocalMention[];
  quotes: LocalQuote[];
  /** "Caddell said:" ending the paragraph: the speaker of a quote opening the next one. */
  intro?: LocalQuote;
}

export interface CompiledGazetteer {
  re: RegExp | null;
  byName: Map<string, { name: string; type: string }>;
  ignore: Set<string>;
}

// ---------------------------------------------------------------------------------------------
// Tokens

const TOKEN_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’\-.&][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const ABBREV = new Set('mr mrs ms dr gov sen rep gen lt col sgt capt prof st jr sr inc corp co ltd vs no jan feb aug sept sep oct nov dec adm rev ft mt messrs gens reps sens'.split(' '));

const K_LOWER = 0, K_CAP = 1, K_PUNCT = 2, K_NUM = 3;

interface Tokens {
  n: number;
  s: number[];
  e: number[];
  k: number[];
  /** 1 = possessive ('s), 2 = all caps, 4 = sentence-initial, 8 = abbreviation dot */
  f: number[];
  /** index of the sentence of each token */
  sent: number[];
  /** sentence start token indices, plus n at the end */
  sents: number[];
}

function isUpperCode(c: number, ch: string): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return UPPER_RE.test(ch);
}

function tokenize(p: string): Tokens {
  const s: number[] = [], e: number[] = [], k: number[] = [], f: number[] = [], sent: number[] = [];
  const sents: number[] = [0];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let atStart = true;
  let sentIdx = 0;
  let pendingEnd = false;
  while ((m = TOKEN_RE.exec(p)) !== null) {
    const start = m.index;
    let end = start + m[0].length;
    const c = p.charCodeAt(start);
    let kind: number;
    let flags = 0;
    if (m[0].length === 1 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /[\p{L}\p{N}]/u.test(m[0])))) {
      kind = K_PUNCT;
    } else if (c >= 48 && c <= 57) {
      kind = K_NUM;
    } else if (isUpperCode(c, p[start])) {
      kind = K_CAP;
      const w = m[0];
      if (w.length > 1 && !LOWER_RE.test(w)) flags |= 2;
    } else {
      kind = K_LOWER;
    }
    if (kind !== K_PUNCT) {
      // possessive
      const last = p.charCodeAt(end - 1);
      const prev = p.charCodeAt(end - 2);
      if ((last === 115 || last === 83) && (prev === 8217 || prev === 39) && end - start > 2) {
        end -= 2;
        flags |= 1;
      } else if (p.charCodeAt(end) === 8217 && (last === 115) && kind === K_CAP && !/\p{L}/u.test(p[end + 1] ?? '')) {
        // "Jones’ office" (plural possessive of a name): keep the name, drop the mark
        flags |= 1;
      }
      // abbreviation dot
      if (p.charCodeAt(end) === 46 && !(flags & 1)) {
        const len = end - start;
        const isInitial = len === 1 && kind === K_CAP;
        if (isInitial || (len <= 5 && ABBREV.has(p.slice(start, end).toLowerCase())) || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(p.slice(start, end))) {
          end += 1;
          flags |= 8;
          TOKEN_RE.lastIndex = end;
        }
      }
      if (m[0].endsWith('.') && kind === K_CAP) flags |= 8; // "U.S."
    }
    if (pendingEnd && kind !== K_PUNCT) {
      sents.push(s.length);
      sentIdx++;
      pendingEnd = false;
      atStart = true;
    }
    if (kind !== K_PUNCT && atStart) {
      flags |= 4;
      atStart = false;
    }
    s.push(start);
    e.push(end);
    k.push(kind);
    f.push(flags);
    sent.push(sentIdx);
    if (kind === K_PUNCT) {
      if (c === 46 || c === 33 || c === 63 || c === 8230) {
        pendingEnd = true;
      } else if ((c === 8220 || c === 34 || c === 171 || c === 8222 || c === 58 || c === 40 || c === 8216) && !pendingEnd) {
        // the word after an opening quote mark, a colon or a bracket may be capitalised
        atStart = true;
      } else if (c === 35 || c === 62 || c === 8212 || c === 8211 || c === 45) {
        if (s.length === 1) atStart = true;
      }
    }
  }
  sents.push(s.length);
  return { n: s.length, s, e, k, f, sent, sents };
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
  '|(?:\\d{4}-\\d{2}-\\d{2}))(?![\\p{L}\\p{N}])', 'gu');

function lowerOf(p: string, t: Tokens, i: number): string {
  return p.slice(t.s[i], t.e[i]).toLowerCase();
}

function bareLower(p: string, t: Tokens, i: number): string {
  let w = p.slice(t.s[i], t.e[i]).toLowerCase();
  if (w.endsWith('.')) w = w.slice(0, -1);
  return w;
}

/** True when only spaces separate token i from token i+1 (no newline, no punctuation). */
function spaceBetween(p: string, t: Tokens, i: number): boolean {
  const a = t.e[i], b = t.s[i + 1];
  if (b - a < 1 || b - a > 2) return false;
  for (let j = a; j < b; j++) {
    const c = p.charCodeAt(j);
    if (c !== 32 && c !== 160) return false;
  }
  return true;
}

function isQuoteMarkCode(c: number): boolean {
  return c === 8220 || c === 8221 || c === 34 || c === 171 || c === 187 || c === 8222 || c === 8216 || c === 8217;
}

// ---------------------------------------------------------------------------------------------
// Mentions

function classifyChunk(p: string, t: Tokens, a: number, b: number, out: LocalMention[], gz: CompiledGazetteer): void {
  // drop sentence-initial function words ("The", "In", "Moreover")
  while (a < b && (t.f[a] & 4) && !(t.f[a] & 2) && (STOP_CAPS.has(bareLower(p, t, a)) || (/(?:ing|ly|ed)$/.test(bareLower(p, t, a)) && !FIRST_NAMES.has(bareLower(p, t, a)) && !isPlace(bareLower(p, t, a))))) a++;
  while (a < b && t.k[a] === K_LOWER) a++;
  while (b > a && t.k[b - 1] === K_LOWER) b--;
  if (a >= b) return;
  const n = b - a;
  const lows: string[] = [];
  for (let i = a; i < b; i++) lows.push(bareLower(p, t, i));
  const start = t.s[a], end = t.e[b - 1];
  const text = p.slice(start, end);
  if (gz.ignore.has(text.toLowerCase())) return;
  const last = lows[n - 1];

  // titles: "Foreign Minister Wang Yi", "NSA Hamdullah Mohib", "FM of China Wang Yi"
  let lastTitle = -1;
  for (let i = n - 2; i >= 0; i--) {
    if (TITLES.has(lows[i]) && t.k[a + i] === K_CAP) { lastTitle = i; break; }
  }
  if (lastTitle >= 0 && !ORG_WORDS.has(last) && !PLACE_WORDS.has(last)) {
    let nameStart = lastTitle + 1;
    const places: number[] = [];
    while (nameStart < n - 1 || (nameStart < n && (ROLE_WORDS.has(lows[nameStart]) || t.k[a + nameStart] === K_LOWER))) {
      const w = lows[nameStart];
      if (t.k[a + nameStart] === K_LOWER || (ROLE_WORDS.has(w) && !FIRST_NAMES.has(w))) { nameStart++; continue; }
      if (isCountry(w) || (isPlace(w) && !FIRST_NAMES.has(w))) { places.push(nameStart); nameStart++; continue; }
      break;
    }
    if (nameStart < n && t.k[a + nameStart] !== K_LOWER) {
      // role: walk back from the title over title and role words
      let roleStart = lastTitle;
      while (roleStart > 0 && (TITLES.has(lows[roleStart - 1]) || ROLE_WORDS.has(lows[roleStart - 1])) && !isCountry(lows[roleStart - 1])
        && !(lows[roleStart - 1] === 'and' && roleStart > 1 && (t.f[a + roleStart - 2] & 2))) roleStart--;
      while (roleStart < lastTitle && t.k[a + roleStart] === K_LOWER) roleStart++;
      // what precedes the role: places, organisations
      if (roleStart > 0) classifyChunk(p, t, a, a + roleStart, out, gz);
      const roleText = p.slice(t.s[a + roleStart], t.e[a + nameStart - 1]).replace(/\s+(?:of|for|and|the)$/i, '');
      for (const pi of places) out.push({ start: t.s[a + pi], end: t.e[a + pi], type: 'place', name: p.slice(t.s[a + pi], t.e[a + pi]) });
      let nameEnd = nameStart + 1;
      while (nameEnd < n && (t.k[a + nameEnd] !== K_LOWER || NAME_PARTICLES.has(lows[nameEnd]))) nameEnd++;
      pushPerson(p, t, a + nameStart, a + nameEnd, out, roleText, t.s[a + lastTitle], lows[lastTitle]);
      if (nameEnd + 1 < n) classifyChunk(p, t, a + nameEnd + 1, b, out, gz);
      return;
    }
  }

  // hyphenated pairs of places: "Afghanistan-China"
  if (n === 1 && text.includes('-')) {
    const parts = text.split('-');
    if (parts.length > 1 && parts.every((x) => x.length > 1 && isPlace(x.toLowerCase()))) {
      let off = start;
      for (const part of parts) {
        out.push({ start: off, end: off + part.length, type: 'place', name: part });
        off += part.length + 1;
      }
      return;
    }
    if (LOWER_RE.test(parts[parts.length - 1][0] ?? '')) return; // "Afghan-led"
  }

  // whole-sequence lexicon look-ups
  const lowText = lows.join(' ');
  if (isPlace(lowText) || isPlace(text.toLowerCase())) {
    out.push({ start, end, type: 'place', name: text });
    return;
  }
  let orgAt = -1;
  for (let i = n - 1; i >= 0; i--) if (ORG_WORDS.has(lows[i]) && t.k[a + i] === K_CAP) { orgAt = i; break; }
  if (PLACE_WORDS.has(last) && n > 1 && orgAt < 0) {
    out.push({ start, end, type: 'place', name: text });
    return;
  }
  if (orgAt >= 0 && (n > 1 || (t.f[a] & 2))) {
    out.push({ start, end, type: 'organization', name: text });
    return;
  }

  // split on connectors that are not part of a name ("Afghanistan and China")
  for (let i = 1; i < n - 1; i++) {
    if (t.k[a + i] === K_LOWER && !NAME_PARTICLES.has(lows[i])) {
      classifyChunk(p, t, a, a + i, out, gz);
      classifyChunk(p, t, a + i + 1, b, out, gz);
      return;
    }
  }

  // leading demonym or place before a name: "Afghan Peace Process", "Chinese President Xi"
  if (n > 1 && isDemonym(lows[0])) {
    classifyChunk(p, t, a + 1, b, out, gz);
    return;
  }
  if (n > 1 && isCountry(lows[0]) && !isPlace(lowText)) {
    out.push({ start, end: t.e[a], type: 'place', name: p.slice(start, t.e[a]) });
    classifyChunk(p, t, a + 1, b, out, gz);
    return;
  }

  if (n === 1) {
    const w = lows[0];
    if (isDemonym(w) || MONTHS.has(w) || WEEKDAYS.has(w) || STOP_CAPS.has(w)) return;
    if (isPlace(w)) { out.push({ start, end, type: 'place', name: text }); return; }
    const allCaps = (t.f[a] & 2) !== 0;
    if (allCaps && text.length <= 5 && !text.includes('-')) {
      out.push({ start, end, type: 'organization', name: text, weak: (t.f[a] & 4) !== 0 && text.length < 2 });
      return;
    }
    if (/\d/.test(text)) return;
    const g = FIRST_NAMES.get(w);
    if (g && !(t.f[a] & 4)) {
      out.push({ start, end, type: 'person', name: text, ...(g !== 'u' ? { gender: g } : {}) });
      return;
    }
    const weak = (t.f[a] & 4) !== 0;
    out.push({ start, end, type: 'unknown', name: text, ...(weak ? { weak: true } : {}) });
    return;
  }
  // person by first name
  const g = FIRST_NAMES.get(lows[0]);
  if (g && n <= 4) {
    pushPerson(p, t, a, b, out, undefined, undefined, undefined);
    return;
  }
  out.push({ start, end, type: 'unknown', name: text });
}

function pushPerson(p: string, t: Tokens, a: number, b: number, out: LocalMention[], role: string | undefined,
  titledStart: number | undefined, title: string | undefined): void {
  const start = t.s[a], end = t.e[b - 1];
  const m: LocalMention = { start, end, type: 'person', name: p.slice(start, end) };
  if (role) m.role = role;
  if (titledStart !== undefined) m.titledStart = titledStart;
  let g = FIRST_NAMES.get(p.slice(t.s[a], t.e[a]).toLowerCase());
  if (title === 'mr' || title === 'sir' || title === 'king' || title === 'prince' || title === 'father') g = 'm';
  else if (title === 'mrs' || title === 'ms' || title === 'miss' || title === 'queen' || title === 'princess' || title === 'dame' || title === 'lady') g = 'f';
  if (g === 'm' || g === 'f') m.gender = g;
  out.push(m);
}

function findMentions(p: string, t: Tokens, gz: CompiledGazetteer, quoteTokens: Uint8Array): LocalMention[] {
  const out: LocalMention[] = [];
  // dates first: their tokens are not names
  const taken = new Uint8Array(t.n);
  const dates: LocalMention[] = [];
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  if (/\d|day\b/.test(p)) {
    while ((m = DATE_RE.exec(p)) !== null) {
      dates.push({ start: m.index, end: m.index + m[0].length, type: 'date', name: m[0] });
    }
  }
  // gazetteer
  const gzm: LocalMention[] = [];
  if (gz.re) {
    gz.re.lastIndex = 0;
    while ((m = gz.re.exec(p)) !== null) {
      const e = gz.byName.get(m[0]) ?? gz.byName.get(m[0].toLowerCase());
      if (e) gzm.push({ start: m.index, end: m.index + m[0].length, type: e.type, name: e.name, fixed: true });
    }
  }
  const fixed = dates.concat(gzm);
  if (fixed.length) {
    for (let i = 0; i < t.n; i++) {
      for (const d of fixed) if (t.s[i] < d.end && t.e[i] > d.start) { taken[i] = 1; break; }
    }
  }
  let i = 0;
  while (i < t.n) {
    if (t.k[i] !== K_CAP || taken[i]) { i++; continue; }
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
        if (t.k[j] === K_LOWER && CONNECTORS.has(lowerOf(p, t, j)) && j + 1 < t.n && t.k[j + 1] === K_CAP && !taken[j + 1] && spaceBetween(p, t, j)) {
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
  if (fixed.length) {
    const all = out.concat(fixed);
    all.sort((x, y) => x.start - y.start);
    return all;
  }
  return out;
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

function findDirectQuotes(p: string, t: Tokens): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  let depth = 0;
  let fam = 0;
  let singlesOk: boolean | undefined;
  for (let i = 0; i < t.n; i++) {
    if (t.k[i] !== K_PUNCT) continue;
    const c = p.charCodeAt(t.s[i]);
    if (!isQuoteMarkCode(c)) continue;
    const f = markFamily(c) === 1 ? 2 : markFamily(c);
    const prev = t.s[i] > 0 ? p.charCodeAt(t.s[i] - 1) : 32;
    const next = t.s[i] + 1 < p.length ? p.charCodeAt(t.s[i] + 1) : 32;
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
  // transcripts ("WALLACE: ...") are dialogue lines, not quotations
  return out.filter((q) => !(q.a < t.n && (t.f[q.a] & 2) && q.a + 1 < t.n && p[t.s[q.a + 1]] === ':'));
}

function firstNonPunct(t: Tokens): number {
  for (let i = 0; i < t.n; i++) if (t.k[i] !== K_PUNCT) return i;
  return t.n;
}

// ---------------------------------------------------------------------------------------------
// Speakers and cues

interface Src { a: number; b: number; kind: SourceKind }

function isVerb(p: string, t: Tokens, i: number): boolean {
  return i >= 0 && i < t.n && t.k[i] === K_LOWER && SPEECH_VERBS.has(lowerOf(p, t, i));
}

function mentionAt(mentionEnds: Map<number, number>, t: Tokens, i: number): number {
  return mentionEnds.get(t.e[i]) ?? -1;
}

/** The speaker named just before token `v` (exclusive), walking back over adverbs. */
function sourceBefore(p: string, t: Tokens, v: number, minTok: number, mentions: LocalMention[], mentionEnds: Map<number, number>): Src | null {
  let i = v - 1;
  while (i >= minTok && t.k[i] === K_LOWER && VERB_ADVERBS.has(lowerOf(p, t, i))) i--;
  if (i < minTok) return null;
  // appositive or parenthesis: "Rep. Jim Clyburn (D-S.C.), the assistant leader of ..., said"
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
    while (j >= limit && !(t.k[j] === K_PUNCT && (p[t.s[j]] === ',' || /[.!?;:“”"]/.test(p[t.s[j]])))) j--;
    if (j >= limit && p[t.s[j]] === ',') {
      let k = j - 1;
      if (k >= minTok && p[t.s[k]] === ')') {
        while (k >= limit && p[t.s[k]] !== '(') k--;
        k--;
      }
      if (k >= minTok) {
        const s = simpleSource(p, t, k, minTok, mentions, mentionEnds);
        if (s && s.kind !== 'np') return s;
      }
    }
    return null;
  }
  return simpleSource(p, t, i, minTok, mentions, mentionEnds);
}

function simpleSource(p: string, t: Tokens, i: number, minTok: number, mentions: LocalMention[], mentionEnds: Map<number, number>): Src | null {
  if (i < minTok || t.k[i] === K_PUNCT) return null;
  const low = lowerOf(p, t, i);
  if (t.k[i] !== K_CAP || (t.f[i] & 4)) {
    if (PRONOUNS.has(low)) return { a: i, b: i + 1, kind: 'pronoun' };
  }
  const mi = mentionAt(mentionEnds, t, i);
  if (mi >= 0 && !(t.f[i] & 1)) {
    const mm = mentions[mi];
    let a = i;
    while (a > minTok && t.s[a] > mm.start) a--;
    return { a, b: i + 1, kind: 'mention' };
  }
  if (t.k[i] === K_LOWER && SPEAKER_NOUNS.has(low)) {
    let a = i;
    let steps = 0;
    while (a - 1 >= minTok && steps < 4) {
      const j = a - 1;
      if (t.k[j] === K_PUNCT) break;
      const w = lowerOf(p, t, j);
      if (t.k[j] === K_CAP || DETERMINERS.has(w) || (t.k[j] === K_LOWER && !STOP_CAPS.has(w) && !SPEECH_VERBS.has(w) && !w.endsWith('ed') && steps < 2) || t.k[j] === K_NUM) {
        a = j;
        steps++;
        if (DETERMINERS.has(w) && !ADJECTIVE_DETERMINERS.has(w) && !(t.k[j - 1] === K_CAP)) break;
        continue;
      }
      break;
    }
    // the phrase must not start inside a longer noun phrase we cannot see
    return { a, b: i + 1, kind: 'np' };
  }
  if (t.k[i] === K_CAP && !(t.f[i] & 1)) {
    // capitalised word that is not a mention (e.g. a sentence-initial unknown name)
    return { a: i, b: i + 1, kind: 'mention' };
  }
  return null;
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
  if (t.k[i] === K_CAP) {
    let b = i + 1;
    while (b < maxTok && t.k[b] === K_CAP && spaceBetween(p, t, b - 1)) b++;
    return { a: i, b, kind: 'mention' };
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
  }
  return null;
}

const ADJECTIVE_DETERMINERS = new Set(['senior', 'top', 'former', 'other', 'most', 'few', 'two', 'three', 'four', 'five', 'several', 'many']);
const DEMONSTRATIVES = new Set(['that', 'this', 'these', 'those']);
const PREPOSITIONS = new Set(['in', 'at', 'on', 'of', 'with', 'to', 'for', 'from', 'by', 'about', 'after', 'before', 'during',
  'than', 'like', 'as', 'against', 'into', 'over', 'under', 'between', 'among', 'through', 'via', 'per', 'toward', 'towards', 'since']);

/** The subject of the sentence before token `end`: the first name, pronoun or speaking noun not after a preposition. */
function sentenceSubject(p: string, t: Tokens, sa: number, end: number, mentions: LocalMention[], mentionStarts: Map<number, number>): Src | null {
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
      const src = simpleSource(p, t, i, sa, mentions, new Map());
      if (src) return src;
    }
  }
  return null;
}

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

const COMPILED_EMPTY: CompiledGazetteer = { re: null, byName: new Map(), ignore: new Set() };

export function analyzeParagraph(raw: string, gz: CompiledGazetteer = COMPILED_EMPTY): LocalResult {
  const p = neutralize(raw);
  const t = tokenize(p);
  if (t.n === 0) return { mentions: [], quotes: [] };
  const qs = findDirectQuotes(p, t);
  const inQuote = new Uint8Array(t.n);
  for (let q = 0; q < qs.length; q++) for (let i = qs[q].a; i < qs[q].b; i++) inQuote[i] = q + 1;
  const mentions = findMentions(p, t, gz, inQuote);
  const mentionEnds = new Map<number, number>();
  const mentionStarts = new Map<number, number>();
  for (let m = 0; m < mentions.length; m++) {
    if (mentions[m].type === 'date') continue;
    mentionEnds.set(mentions[m].end, m);
    mentionStarts.set(mentions[m].start, m);
  }
  const quotes: LocalQuote[] = [];
  const setSource = (q: LocalQuote, src: Src, verb: number, rule: string, conf: number): void => {
    q.source = { start: t.s[src.a], end: t.e[src.b - 1] };
    q.sourceKind = src.kind;
    q.cue = { start: t.s[verb], end: t.e[verb] };
    q.rule = rule;
    q.confidence = conf;
    markSpeaks(src);
  };
  const markSpeaks = (src: Src): void => {
    if (src.kind !== 'mention') return;
    const mi = mentionEnds.get(t.e[src.b - 1]);
    if (mi !== undefined) mentions[mi].speaks = true;
  };

  // ---- direct quotes
  for (let qi = 0; qi < qs.length; qi++) {
    const Q = qs[qi];
    const start = t.s[Q.open];
    const end = Q.openEnd ? t.e[Q.b - 1] : t.e[Q.close];
    const q: LocalQuote = { start, end, kind: 'direct' };
    if (Q.openEnd) q.openEnd = true;
    const limitAfter = qi + 1 < qs.length ? qs[qi + 1].open : t.n;
    let done = false;
    if (!Q.openEnd) {
      // after the quote: ,” X said / ,” said X
      let i = Q.close + 1;
      if (i < limitAfter && p[t.s[i]] === ',') i++;
      while (i < limitAfter && (p[t.s[i]] === '—' || p[t.s[i]] === '–')) i++;
      if (i < limitAfter && isVerb(p, t, i)) {
        const src = sourceAfter(p, t, i, limitAfter, mentions, mentionStarts);
        if (src) { setSource(q, src, i, 'after-quote-inverted', 0.95); done = true; }
      }
      if (!done) {
        for (let v = i + 1; v < Math.min(limitAfter, i + 9); v++) {
          if (t.k[v] === K_PUNCT && p[t.s[v]] !== '(' && p[t.s[v]] !== ')' && p[t.s[v]] !== ',' && p[t.s[v]] !== '-') break;
          if (isVerb(p, t, v)) {
            const src = sourceBefore(p, t, v, i, mentions, mentionEnds);
            if (src && src.a === i) { setSource(q, src, v, 'after-quote', 0.97); done = true; }
            else if (src && src.a <= i + 1) { setSource(q, src, v, 'after-quote', 0.9); done = true; }
            break;
          }
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
        const src = sourceBefore(p, t, v, Math.max(minTok, sentenceStartTok(t, v)), mentions, mentionEnds);
        if (src) { setSource(q, src, v, 'before-quote', hops ? 0.75 : 0.85); done = true; }
      }
    }
    if (!done && qi > 0 && !Q.openEnd && qs[qi - 1].close >= 0) {
      // “…,” he said. “…” — the same speaker continues
      const prev = quotes[qi - 1];
      const between = p.slice(prev.end, start);
      if (prev.source && between.length < 80 && !/[“"«]/.test(between)) {
        q.inherit = qi - 1;
        q.rule = 'continuation';
        q.confidence = 0.85;
        done = true;
      }
    }
    if (!done) {
      // a speech verb earlier in the same sentence: Clinton called them “deplorables”
      const ss = Math.max(sentenceStartTok(t, Q.open), qi > 0 && qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0);
      for (let v = Q.open - 1; v >= ss; v--) {
        if (inQuote[v]) continue;
        if (isVerb(p, t, v)) {
          const src = sourceBefore(p, t, v, ss, mentions, mentionEnds);
          if (src) { setSource(q, src, v, 'sentence-subject', 0.7); done = true; }
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
            if (src && src.a === se) { setSource(q, src, v, 'next-sentence', 0.8); done = true; }
            break;
          }
        }
      }
    }
    if (!done) {
      const ss = Math.max(sentenceStartTok(t, Q.open), qi > 0 && qs[qi - 1].close >= 0 ? qs[qi - 1].close + 1 : 0);
      const src = sentenceSubject(p, t, ss, Q.open, mentions, mentionStarts);
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
  const indirect = findReported(p, t, mentions, mentionEnds, mentionStarts, inQuote, markSpeaks);
  if (indirect.length) {
    for (const q of indirect) quotes.push(q);
    quotes.sort((x, y) => x.start - y.start || x.end - y.end);
    // keep `inherit` pointing at the right quote after sorting
    const directs = quotes.filter((q) => q.kind === 'direct');
    for (const q of quotes) {
      if (q.inherit !== undefined && q.kind === 'direct' && q.rule === 'continuation') {
        const target = directsOrig(qs, q, directs);
        q.inherit = quotes.indexOf(target);
      }
    }
  }
  for (const m of mentions) if (m.type !== 'date') m.toks = m.name.toLowerCase().match(/[^\s]+/g) ?? [];
  const result: LocalResult = { mentions, quotes };
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
    }
  }
  return result;
}

function directsOrig(_qs: QuoteSpan[], q: LocalQuote, directs: LocalQuote[]): LocalQuote {
  const idx = directs.indexOf(q);
  return directs[idx - 1];
}

const SPLIT_VERBS = new Set(['adding', 'saying', 'noting', 'stressing', 'warning', 'arguing', 'insisting', 'explaining', 'claiming']);
const ACCORDING_RE = /\b[Aa]ccording to\s/g;
const TIME_OR_PLACE_RE = /^(?:in|on|at|during|after|before|late|earlier|last|this|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|to|in)$/;
const NOT_A_CLAUSE_RE = /^(?:in|on|at|to|during|after|before|of|about|with|by|for|it|so|yes|no|nothing|something|anything|this|what|much|more|goodbye|hello|thanks|as|from|through|over|under|when|while|repeatedly|again)$/;
/** Cues whose content may follow without "that": "Wang said China is ready". */
const NO_THAT_VERBS = new Set(['said', 'says', 'say', 'added', 'adds', 'told', 'tells', 'wrote', 'writes', 'argued', 'argues',
  'claimed', 'claims', 'insisted', 'insists', 'noted', 'notes', 'stressed', 'stresses', 'predicted', 'predicts', 'warned', 'warns', 'stated', 'states']);

function findReported(p: string, t: Tokens, mentions: LocalMention[], mentionEnds: Map<number, number>,
  mentionStarts: Map<number, number>, inQuote: Uint8Array, markSpeaks: (s: Src) => void): LocalQuote[] {
  const out: LocalQuote[] = [];
  const contentEnd = (a: number, b: number): number => {
    // strip final punctuation and closing marks
    let e = b - 1;
    while (e > a && t.k[e] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[e])) ) e--;
    return e;
  };
  const emit = (ca: number, cb: number, src: Src, verb: number, rule: string, conf: number): LocalQuote | null => {
    // content tokens [ca, cb)
    while (ca < cb && t.k[ca] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[ca]))) ca++;
    const e = contentEnd(ca, cb);
    if (e < ca) return null;
    let words = 0;
    for (let i = ca; i <= e; i++) if (t.k[i] !== K_PUNCT && !inQuote[i]) words++;
    if (words < 3) return null;
    const q: LocalQuote = {
      start: t.s[ca], end: t.e[e], kind: 'indirect',
      source: { start: t.s[src.a], end: t.e[src.b - 1] }, sourceKind: src.kind,
      cue: verb >= 0 ? { start: t.s[verb], end: t.e[verb] } : undefined, rule, confidence: conf,
    };
    if (!q.cue) delete q.cue;
    out.push(q);
    markSpeaks(src);
    return q;
  };

  const splitAfter = (v: number, end: number): number => {
    // ", adding that ..." right after the cue (possibly after a short tail)
    for (let j = v + 1; j <= Math.min(end, v + 8); j++) {
      if (t.k[j] === K_PUNCT && p[t.s[j]] === ',' && j + 1 <= end && SPLIT_VERBS.has(lowerOf(p, t, j + 1))) return j;
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
      if (inQuote[j]) return null;
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
    return null;
  };

  for (let s = 0; s + 1 < t.sents.length; s++) {
    const sa = t.sents[s], sb = t.sents[s + 1];
    if (sb - sa < 4) continue;
    // skip sentences that are inside a direct quote
    let inside = 0;
    for (let i = sa; i < sb; i++) if (inQuote[i]) inside++;
    if (inside > (sb - sa) * 0.6) continue;
    let end = sb - 1;
    while (end > sa && t.k[end] === K_PUNCT) end--;
    let done = false;
    // 1) CONTENT, X said [short tail | , adding that ...].  /  CONTENT, said X.
    for (let v = sa + 3; v <= end && !done; v++) {
      if (inQuote[v] || !isVerb(p, t, v)) continue;
      const verb = lowerOf(p, t, v);
      if (WEAK_REPORT_VERBS.has(verb) || SPLIT_VERBS.has(verb)) continue;
      if (p[t.s[v - 1]] === ',' && !inQuote[v - 1]) {
        const src = sourceAfter(p, t, v, sb, mentions, mentionStarts);
        if (src && src.b > end - 3) { emit(sa, v - 1, src, v, 'reported-after', 0.9); done = true; }
        continue;
      }
      const src = sourceBefore(p, t, v, sa, mentions, mentionEnds);
      if (!src || src.a <= sa + 2) continue;
      let cm = src.a - 1;
      while (cm > sa && (p[t.s[cm]] === "'" || isQuoteMarkCode(p.charCodeAt(t.s[cm])))) cm--;
      if (p[t.s[cm]] !== ',' || inQuote[cm]) continue;
      const comma = splitAfter(v, end);
      if (comma < 0 && end - v > 6) continue;
      const q1 = emit(sa, cm, src, v, 'reported-after', 0.9);
      if (q1 && comma >= 0) emitAdding(comma, sb, src);
      done = q1 !== null;
    }
    if (done) continue;
    // 2) according to X, CONTENT / CONTENT, according to X.
    const sentText = p.slice(t.s[sa], t.e[sb - 1]);
    ACCORDING_RE.lastIndex = 0;
    const am = ACCORDING_RE.exec(sentText);
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
    for (let v = sa + 1; v < end; v++) {
      if (inQuote[v] || !isVerb(p, t, v)) continue;
      const verb = lowerOf(p, t, v);
      if (WEAK_REPORT_VERBS.has(verb) || SPLIT_VERBS.has(verb) || verb === 'telling') continue;
      let src = sourceBefore(p, t, v, sa, mentions, mentionEnds);
      let rule = 'said-that';
      let conf = 0.85;
      if (!src) { src = clauseSubject(v, sa); rule = 'clause-subject'; conf = 0.75; }
      if (!src) continue;
      let ca = v + 1;
      if (verb === 'told' || verb === 'tells' || verb === 'tell') {
        // skip the listener: "told reporters (that)", "told CNN on Sunday that"
        let j = ca;
        while (j < Math.min(end, ca + 6) && lowerOf(p, t, j) !== 'that') j++;
        if (j < end && lowerOf(p, t, j) === 'that') ca = j + 1;
        else ca = Math.min(end, ca + 1);
      } else if (ca < end && lowerOf(p, t, ca) === 'that') {
        ca++;
      } else {
        // "said in a statement that", "said on Tuesday that"
        let j = ca;
        while (j < Math.min(end, ca + 7) && t.k[j] !== K_PUNCT && lowerOf(p, t, j) !== 'that') j++;
        if (j < end && lowerOf(p, t, j) === 'that' && TIME_OR_PLACE_RE.test(lowerOf(p, t, ca))) ca = j + 1;
        else if (!NO_THAT_VERBS.has(verb)) continue;
        else if (t.k[ca] === K_PUNCT && !isQuoteMarkCode(p.charCodeAt(t.s[ca]))) continue;
        else if (NOT_A_CLAUSE_RE.test(lowerOf(p, t, ca))) continue;
      }
      // split at ", adding that"
      let cb = sb;
      let comma = -1;
      for (let j = ca; j < sb - 1; j++) {
        if (p[t.s[j]] === ',' && SPLIT_VERBS.has(lowerOf(p, t, j + 1)) && !inQuote[j]) { comma = j; cb = j; break; }
      }
      const q1 = emit(ca, cb, src, v, rule, conf);
      if (q1 && comma >= 0) emitAdding(comma, sb, src);
      if (q1) break;
    }
  }
  // drop indirect passages that merely repeat a direct quote
  return out.filter((q) => {
    let inside = 0, total = 0;
    for (let i = 0; i < t.n; i++) {
      if (t.s[i] >= q.start && t.e[i] <= q.end && t.k[i] !== K_PUNCT) { total++; if (inQuote[i]) inside++; }
    }
    return total > 0 && inside < total * 0.8;
  });
}
