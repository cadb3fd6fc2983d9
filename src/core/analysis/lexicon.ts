/**
 * Word lists of the analysis engine. Names of places and people come from npm data packages
 * (countries-list, us-states, @vvo/tzdb main cities, @stdlib first-name lists), read through
 * names.ts: one precomputed word table, so loading the engine builds no name set. The short
 * hand-written lists below are grammar (titles, speech verbs, function words), not names.
 */
import { COUNTRY_STEMS, NAME_COUNTRY, NAME_FEMALE, NAME_MALE, NAME_PLACE, NAMES } from './names';

/** The words of a list written with single spaces (a plain split: no regex to compile at load). */
function set(words: string): Set<string> {
  const s = new Set(words.split(' '));
  s.delete('');
  return s;
}

/**
 * The NAME_* flags (names.ts) of a lower-cased word: country 1, place 2, male first name 4,
 * female first name 8; 0 when no name list holds it. One lookup answers isCountry, isPlace and
 * FIRST_NAMES at once.
 */
export function nameFlags(lower: string): number {
  return NAMES.get(lower);
}

/** Countries (names and aliases), lower-cased. */
export const COUNTRIES: { has(lower: string): boolean } = { has: isCountry };
/** Cities, states, regions, lower-cased (countries are not in it: see isPlace). */
export const PLACES: { has(lower: string): boolean } = { has: (lower) => (NAMES.get(lower) & NAME_PLACE) !== 0 };
export function isCountry(lower: string): boolean {
  return (NAMES.get(lower) & NAME_COUNTRY) !== 0;
}
export function isPlace(lower: string): boolean {
  return (NAMES.get(lower) & (NAME_COUNTRY | NAME_PLACE)) !== 0;
}

/** First names with a gender: 'm', 'f' or 'u' (both). */
export const FIRST_NAMES: Pick<ReadonlyMap<string, 'm' | 'f' | 'u'>, 'has' | 'get'> = {
  has(lower: string): boolean {
    return (NAMES.get(lower) & (NAME_MALE | NAME_FEMALE)) !== 0;
  },
  get(lower: string): 'm' | 'f' | 'u' | undefined {
    const g = NAMES.get(lower) & (NAME_MALE | NAME_FEMALE);
    return g === 0 ? undefined : g === NAME_MALE ? 'm' : g === NAME_FEMALE ? 'f' : 'u';
  },
};
/** Given names that are also common words: a person only when a surname follows ("Mark Rathbun"). */
export const AMBIGUOUS_FIRST_NAMES = new Set(['will', 'june', 'april', 'august', 'rich', 'sean', 'chance', 'christian', 'ed',
  'bill', 'mark', 'faith', 'hope', 'joy', 'grant', 'guy', 'jordan', 'georgia', 'paris', 'art']);

/** Demonyms and nationality adjectives ("Chinese", "Afghan", "American"). */
const DEMONYM_EXTRA = set('british french dutch english irish scottish welsh swiss greek thai filipino kurdish arab arabic ' +
  'persian jewish muslim muslims christian christians hindu sikh buddhist european asian african western eastern ' +
  'democratic republican democrat democrats republicans conservative liberal islamic soviet palestinian pashtun tajik uzbek ' +
  'hazara baloch sunni shia shiite catholic protestant latino hispanic');
const demonymCache = new Map<string, boolean>();
export function isDemonym(lower: string): boolean {
  if (DEMONYM_EXTRA.has(lower)) return true;
  const cached = demonymCache.get(lower);
  if (cached !== undefined) return cached;
  let r = false;
  const m = /^(.{4,}?)(?:ese|ians?|ans?|ish|is?|ic|ers?|ens?|ites?)$/.exec(lower);
  if (m && !isCountry(lower)) {
    const stem = m[1];
    for (const c of COUNTRY_STEMS) if (c.startsWith(stem) && !c.includes(' ')) { r = true; break; }
  }
  if (!r && /^(.+?)ns?$/.test(lower) && isPlace(lower.replace(/ns?$/, ''))) r = true;
  if (demonymCache.size < 5000) demonymCache.set(lower, r);
  return r;
}

/** Titles and roles that precede a person's name (lower-case, without the dot). */
export const TITLES = set('mr mrs ms miss dr prof professor sir dame lord lady president vice minister ministers secretary senator sen ' +
  'gov governor rep representative congressman congresswoman general gen lt col colonel sgt sergeant capt captain major ' +
  'admiral adm commander ambassador envoy chairman chairwoman chair chancellor director spokesman spokeswoman spokesperson ' +
  'judge justice king queen prince princess pope sheikh sheik mayor councilor councillor counselor nsa fm pm ceo cfo cto ' +
  'chief officer premier emir president-elect sultan imam rabbi reverend rev father bishop cardinal ayatollah mullah coach ' +
  'deputy acting former lawmaker leader advisor adviser attorney commissioner superintendent inspector detective ' +
  'officer trooper candidate nominee founder co-founder economist analyst pollster anchor host correspondent reporter ' +
  'editor columnist executive chairperson speaker marshal mufti administrator undersecretary sheriff');
/** Words that may sit inside a role ("Minister of Foreign Affairs", "State Councilor"). */
export const ROLE_WORDS = set('of for the and foreign affairs state national security defense defence interior finance ' +
  'justice health education trade commerce home external internal deputy vice first prime chief senior general ' +
  'assistant associate special executive press white house council councilor department ministry treasury homeland ' +
  'attorney supreme court federal district presidential republican democratic democrat party former acting shadow high');

/** Words that make a capitalised sequence an organisation. */
export const ORG_WORDS = set('department ministry university college school academy institute institution council committee ' +
  'commission party agency association authority news times post journal gazette tribune herald press media magazine ' +
  'inc inc. corp corp. corporation company co co. ltd ltd. llc plc group bank navy army police court congress senate ' +
  'parliament assembly office service services bureau board organization organisation foundation fund center centre ' +
  'network networks union league federation club team church mosque temple movement front alliance coalition campaign ' +
  'commission administration government cabinet forces force guard airlines airways industries holdings partners ' +
  'society trust brigade battalion regiment corps division unit station channel radio tv television broadcasting ' +
  'post reuters associated afp ap bbc cnn nbc cbs abc fox msnbc pac caucus nations hospital clinic laboratory laboratories ' +
  'institute lab labs studios records motors systems technologies technology energy oil petroleum pharmaceuticals ' +
  'review daily weekly monitor observer telegraph guardian standard express chronicle examiner inquirer bulletin ' +
  'daily courier register sentinel dispatch report reports times-picayune museum gallery galleries org relations municipality');
/** Words that make a capitalised sequence a place. */
export const PLACE_WORDS = set('river mountain mountains mount lake sea ocean island islands province county city town ' +
  'village street avenue road square valley desert peninsula bay gulf coast region district state states strait ' +
  'hall tower towers bridge airport park capitol stadium plaza canyon falls harbor harbour arena base cave planetarium ' +
  'mosque cathedral hotel complex springs hill hills');

/** Function words and discourse words that are capitalised only at the start of a sentence. */
export const STOP_CAPS = set('the a an this that these those there here it its he she they we i you his her their our my your ' +
  'him them us me who whom whose which what when where why how while if as at by for from in into of on onto to with ' +
  'without within about above after before below between but and or nor so yet not no yes all any both each either ' +
  'every few many more most much neither none one other some such than then though although because since unless until ' +
  'moreover however meanwhile furthermore therefore thus also still even just only already again perhaps maybe indeed ' +
  'instead otherwise besides nevertheless nonetheless hence accordingly later earlier today yesterday tomorrow now ' +
  'according during despite amid among against along across around behind beyond near over under up down out off ' +
  'through throughout toward towards upon via per last next first second third new former top senior read image photo ' +
  'video update updated editor note breaking exclusive watch listen see click share comments advertisement ' +
  'our mr mrs ms dr is are was were be been has have had do does did will would can could should may might must ' +
  'said says asked told added well oh okay hey thanks please let lets like unlike considering following regarding ' +
  'sources source officials official police people some everyone nobody somebody someone anyone everything nothing ' +
  'chinese afghan american' );

/** Months and week days. */
export const MONTHS = set('january february march april may june july august september october november december ' +
  'jan feb mar apr jun jul aug sep sept oct nov dec');
export const WEEKDAYS = set('monday tuesday wednesday thursday friday saturday sunday');

/** Speech verbs that introduce or close quotes and reported speech. */
export const SPEECH_VERBS = set('said says say saying told tells tell telling added adds adding stressed stresses noted notes ' +
  'warned warns explained explains asked asks replied replies wrote writes argued argues argue claimed claims ' +
  'insisted insists declared declares announced announces continued continues recalled recalls acknowledged ' +
  'acknowledges admitted admits suggested suggests responded responds emphasized emphasizes emphasised emphasises ' +
  'stated states remarked remarks commented comments observed observes reported reports tweeted tweets posted ' +
  'cautioned cautions complained complains conceded concedes confirmed confirms contended contends countered counters ' +
  'predicted predicts promised promises pledged pledges urged urges vowed vows agreed agrees assured assures threatened threatens ' +
  'underlined underlines reiterated reiterates maintained maintains disclosed discloses revealed reveals ' +
  'alleged alleges asserted asserts mentioned mentions joked jokes shouted screamed whispered testified testifies ' +
  'estimated estimates predicted believes believed thinks thought hopes hoped feared fears worried wondered ' +
  'indicated indicates pointed explained conceded boasted boasts lamented laments quipped recounted recounts ' +
  'called calls described describes dubbed labeled labelled branded termed reads read demanded yelled yells ' +
  'exclaimed sang sings chanted interjected retorted snapped mused sighed asking writing tweeting declaring shouting yelling ' +
  'concluded concludes');
/** Cues that can close a direct quote but are weak for reported speech. */
export const WEAK_REPORT_VERBS = set('believes believed thinks thought hopes hoped feared fears worried wondered ' +
  'asked asks continued continues tweeted tweets posted estimated estimates predicted predicts joked jokes shouted ' +
  'screamed whispered replied replies responded responds called calls described describes dubbed labeled labelled branded termed reads ' +
  'read demanded yelled yells exclaimed sang sings chanted interjected retorted snapped mused sighed asking writing ' +
  'tweeting declaring shouting yelling concluded concludes');

/** Pronouns that can name a speaker: m(ale), f(emale), p(lural), n(euter), s(elf). */
export const PRONOUNS = new Map<string, 'm' | 'f' | 'p' | 'n' | 's'>([
  ['he', 'm'], ['she', 'f'], ['they', 'p'], ['it', 'n'], ['we', 'p'], ['i', 's'],
]);

/** Lower-case nouns that name a speaking group or role ("a source", "officials"). */
export const SPEAKER_NOUNS = set('source sources official officials spokesman spokeswoman spokesperson spokespeople ' +
  'media press statement report reports study survey poll polls aide aides adviser advisers advisor advisors ' +
  'analyst analysts expert experts diplomat diplomats minister ministers ministry office government authorities ' +
  'police lawmakers lawmaker leaders leader critics critic supporters residents witnesses witness observers ' +
  'officer officers investigators prosecutors lawyer lawyers attorney attorneys campaign committee agency department ' +
  'people voters president senator governor candidate nominee secretary team group groups organization administration ' +
  'side sides embassy council military army told newspaper agency website document documents letter memo insiders ' +
  'insider operative operatives staff staffer staffers colleague colleagues friend friends neighbour neighbor family ' +
  'doctor doctors scientist scientists researchers researcher economists economist pollster pollsters republicans ' +
  'democrats official’s officials’ spokesman’s chief director commander ambassador envoy representative ' +
  'representatives members member partner partners counterpart counterparts mother father wife husband son daughter');

export const DETERMINERS = set('the a an another one his her their its this that these those some several many two three ' +
  'four five both other our my your each every most few senior top former');

/** Adverbs and auxiliaries allowed between a speaker and the speech verb ("Wang also said"). */
export const VERB_ADVERBS = set("isn’t isn't wasn’t wasn't hasn’t hasn't haven’t haven't didn’t didn't doesn’t doesn't won’t won't not never " +
  'all both also later then previously once had has have would will is was are were been long recently repeatedly again further ' +
  'earlier reportedly has since subsequently immediately quickly simply only just flatly firmly publicly privately ' +
  'openly bluntly separately frequently often always never already additionally finally initially now still');
