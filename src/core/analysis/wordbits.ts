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
import { NAME_COUNTRY, NAME_FEMALE, NAME_MALE, NAME_PLACE, PLACE_HEADS, PLACE_SECONDS } from './names';

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
/**
 * The word is the second word (after the first white space, up to the next) of a place or country
 * name of several words: "x y …" is no place unless y has it (with W_PLACE_HEAD on x).
 */
export const W_PLACE_SECOND = 1 << 19;
/** A male, a female first name (both: a name given to both; `FIRST_NAMES.get` in bits). */
export const W_MALE = 1 << 20;
export const W_FEMALE = 1 << 21;
/** Set on every computed value, so that 0 means "not computed yet". */
export const W_KNOWN = 1 << 30;

let placeHeads: Set<string> | undefined;
let placeSeconds: Set<string> | undefined;

/**
 * The bits of a lower-cased word (W_KNOWN always set). `capital`: the word was written with a
 * capital; without, W_DEMONYM is left out (the rules ask it of capitalised words only, and its
 * test is the costly one).
 */
export function lexiconBits(low: string, capital: boolean): number {
  let b = W_KNOWN;
  const names = nameFlags(low); // (one look-up answers FIRST_NAMES, isPlace and isCountry)
  if (names & (NAME_MALE | NAME_FEMALE)) b |= W_FIRST;
  if (names & NAME_MALE) b |= W_MALE;
  if (names & NAME_FEMALE) b |= W_FEMALE;
  if (names & (NAME_COUNTRY | NAME_PLACE)) b |= W_PLACE;
  if (names & NAME_COUNTRY) b |= W_COUNTRY;
  if (capital && isDemonym(low)) b |= W_DEMONYM;
  if ((placeHeads ??= new Set(PLACE_HEADS)).has(low)) b |= W_PLACE_HEAD;
  if ((placeSeconds ??= new Set(PLACE_SECONDS)).has(low)) b |= W_PLACE_SECOND;
  return b | (shortLists ??= new ListBits([[SPEECH_VERBS, W_SPEECH], [WEAK_REPORT_VERBS, W_WEAK_REPORT], [STOP_CAPS, W_STOP],
    [TITLES, W_TITLE], [ROLE_WORDS, W_ROLE], [ORG_WORDS, W_ORG], [PLACE_WORDS, W_PLACE_WORD], [MONTHS, W_MONTH],
    [WEEKDAYS, W_WEEKDAY], [AMBIGUOUS_FIRST_NAMES, W_AMBIGUOUS_FIRST], [PRONOUNS, W_PRONOUN], [SPEAKER_NOUNS, W_SPEAKER_NOUN],
    [DETERMINERS, W_DETERMINER], [VERB_ADVERBS, W_VERB_ADVERB]])).of(low);
}
let shortLists: ListBits | undefined;

type WordList = ReadonlySet<string> | ReadonlyMap<string, unknown>;

/** Word lists, each with the bit it sets in a word's bits. */
export class ListBits {
  private all: Set<string> | undefined;

  constructor(private readonly lists: readonly (readonly [WordList, number])[]) {}

  /** The bits of the lists that hold `low` (0 for most words: one look-up in the lists' union decides). */
  of(low: string): number {
    if (!(this.all ??= union(this.lists.map(([l]) => l))).has(low)) return 0;
    const lists = this.lists;
    let b = 0;
    for (let i = 0; i < lists.length; i++) if (lists[i]![0].has(low)) b |= lists[i]![1];
    return b;
  }
}

/** Every word of the given lists (Sets or Maps: their keys), in one Set. */
function union(lists: readonly WordList[]): Set<string> {
  const u = new Set<string>();
  for (const l of lists) for (const w of l.keys()) u.add(w);
  return u;
}
