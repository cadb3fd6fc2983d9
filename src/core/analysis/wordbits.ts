/**
 * Word-list memberships of a lower-cased word as bit flags. The tokenizer asks once per distinct
 * token text (its intern table keeps the answer), so the rules test a bit of a typed array instead
 * of looking the token's string up in a Set each time. The bits are computed from the lists
 * themselves (lexicon.ts), so a word added to a list is seen; a rule that needs a list not named
 * here keeps calling `Set.has`.
 */
import {
  AMBIGUOUS_FIRST_NAMES, DETERMINERS, MONTHS, ORG_WORDS, PLACE_WORDS, PRONOUNS, ROLE_WORDS,
  SPEAKER_NOUNS, SPEECH_VERBS, STOP_CAPS, TITLES, VERB_ADVERBS, WEAK_REPORT_VERBS, WEEKDAYS, isDemonym, nameFlags,
} from './lexicon';
import { NAME_COUNTRY, NAME_FEMALE, NAME_MALE, NAME_PLACE, PLACE_HEADS } from './names';

export const W_SPEECH = 1 << 0;
export const W_WEAK_REPORT = 1 << 1;
export const W_STOP = 1 << 2;
export const W_TITLE = 1 << 3;
export const W_ROLE = 1 << 4;
export const W_ORG = 1 << 5;
export const W_PLACE_WORD = 1 << 6;
export const W_MONTH = 1 << 7;
export const W_WEEKDAY = 1 << 8;
/** A key of FIRST_NAMES. */
export const W_FIRST = 1 << 9;
export const W_AMBIGUOUS_FIRST = 1 << 10;
/** `isPlace(word)`. */
export const W_PLACE = 1 << 11;
/** `isCountry(word)`. */
export const W_COUNTRY = 1 << 12;
/** `isDemonym(word)`: computed only for a word written with a capital (see `lexiconBits`). */
export const W_DEMONYM = 1 << 13;
export const W_PRONOUN = 1 << 14;
export const W_SPEAKER_NOUN = 1 << 15;
export const W_DETERMINER = 1 << 16;
export const W_VERB_ADVERB = 1 << 17;
/**
 * The word is the first word (up to the first white space) of a place or country name of several
 * words: a string that starts with another word and a space is no place (`isPlace` is false).
 */
export const W_PLACE_HEAD = 1 << 18;
/** Set on every computed value, so that 0 means "not computed yet". */
export const W_KNOWN = 1 << 30;

let placeHeads: Set<string> | undefined;

/**
 * The bits of a lower-cased word (W_KNOWN always set). `capital`: the word was written with a
 * capital; without, W_DEMONYM is left out (the rules ask it of capitalised words only, and its
 * test is the costly one).
 */
export function lexiconBits(low: string, capital: boolean): number {
  let b = W_KNOWN;
  const names = nameFlags(low); // (one look-up answers FIRST_NAMES, isPlace and isCountry)
  if (names & (NAME_MALE | NAME_FEMALE)) b |= W_FIRST;
  if (names & (NAME_COUNTRY | NAME_PLACE)) b |= W_PLACE;
  if (names & NAME_COUNTRY) b |= W_COUNTRY;
  if (capital && isDemonym(low)) b |= W_DEMONYM;
  if ((placeHeads ??= new Set(PLACE_HEADS)).has(low)) b |= W_PLACE_HEAD;
  // most words are in none of the short lists: one look-up in their union decides
  return (shortWords ??= union(SHORT_LISTS)).has(low) ? b | shortListBits(low) : b;
}

const SHORT_LISTS: (ReadonlySet<string> | ReadonlyMap<string, unknown>)[] = [SPEECH_VERBS, WEAK_REPORT_VERBS, STOP_CAPS, TITLES,
  ROLE_WORDS, ORG_WORDS, PLACE_WORDS, MONTHS, WEEKDAYS, AMBIGUOUS_FIRST_NAMES, PRONOUNS, SPEAKER_NOUNS, DETERMINERS, VERB_ADVERBS];
let shortWords: Set<string> | undefined;

/** Every word of the given lists (Sets or Maps: their keys), in one Set. */
export function union(lists: readonly (ReadonlySet<string> | ReadonlyMap<string, unknown>)[]): Set<string> {
  const u = new Set<string>();
  for (const l of lists) for (const w of l.keys()) u.add(w);
  return u;
}

function shortListBits(low: string): number {
  let b = 0;
  if (SPEECH_VERBS.has(low)) b |= W_SPEECH;
  if (WEAK_REPORT_VERBS.has(low)) b |= W_WEAK_REPORT;
  if (STOP_CAPS.has(low)) b |= W_STOP;
  if (TITLES.has(low)) b |= W_TITLE;
  if (ROLE_WORDS.has(low)) b |= W_ROLE;
  if (ORG_WORDS.has(low)) b |= W_ORG;
  if (PLACE_WORDS.has(low)) b |= W_PLACE_WORD;
  if (MONTHS.has(low)) b |= W_MONTH;
  if (WEEKDAYS.has(low)) b |= W_WEEKDAY;
  if (AMBIGUOUS_FIRST_NAMES.has(low)) b |= W_AMBIGUOUS_FIRST;
  if (PRONOUNS.has(low)) b |= W_PRONOUN;
  if (SPEAKER_NOUNS.has(low)) b |= W_SPEAKER_NOUN;
  if (DETERMINERS.has(low)) b |= W_DETERMINER;
  if (VERB_ADVERBS.has(low)) b |= W_VERB_ADVERB;
  return b;
}
