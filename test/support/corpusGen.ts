/** Generated articles with sidecar annotations for the corpus benchmark and UI test (seeded, deterministic). */
import type { Annotations, Entity, Quote, Speaker } from '../../src/core/model';

const FIRST = ['Ana', 'Tom', 'Li', 'Sara', 'Omar', 'Eva', 'Jon', 'Mia', 'Raj', 'Zoë', 'Kofi', 'Ines', 'Pavel', 'Yuki', 'Lena', 'Hugo'];
const LAST = ['Ruiz', 'Berg', 'Wang', 'Okafor', 'Novak', 'Haddad', 'Silva', 'Kim', 'Jansen', 'Moreau', 'Rossi', 'Patel', 'Nakamura'];
const OUTLETS = ['Daily Post', 'Evening Star', 'AT News', 'The Ledger', 'Harbour Herald', 'Alpine Courier', 'Metro Wire', 'Coast Times'];
const TOPICS = ['security', 'economy', 'health', 'climate', 'transport', 'education', 'housing', 'diplomacy', 'labour', 'science'];
const FILLER = 'The council met on Tuesday to discuss the plan, which has drawn criticism from residents and business owners alike. Officials said the budget would be reviewed again next month. ';
const SAYS = ['the project will go ahead as planned', 'costs have risen sharply since last year', 'the agreement is a step forward for the region', 'nobody was consulted before the decision', 'the numbers speak for themselves'];

/** One article (UTF-16 offsets) with 6-10 paragraphs, each with a quote and its speaker. */
export function makeArticle(r: () => number, n: number): { text: string; ann: Annotations } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const year = 2020 + Math.floor(r() * 4), month = 1 + Math.floor(r() * 12), day = 1 + Math.floor(r() * 28);
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const outlet = pick(OUTLETS);
  let text = ` date ${date} Story number ${n}\n\n${outlet}\n\n`;
  const speakers = new Map<string, Speaker>();
  const entities: Entity[] = [];
  const quotes: Quote[] = [];
  const paras = 6 + Math.floor(r() * 5);
  for (let p = 0; p < paras; p++) {
    const first = pick(FIRST), last = pick(LAST);
    const name = `${first} ${last}`;
    const id = `${first}-${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z-]/g, '');
    if (!speakers.has(id)) speakers.set(id, { id, name, aliases: [last], kind: 'person', attributes: { gender: FIRST.indexOf(first) % 2 ? 'male' : 'female', role: pick(['official', 'expert', 'resident', 'activist']) } });
    text += FILLER.slice(0, 60 + Math.floor(r() * 120));
    const direct = r() < 0.5;
    const said = pick(SAYS);
    const qText = direct ? `“${said[0]!.toUpperCase()}${said.slice(1)},”` : said;
    const qStart = text.length + (direct ? 0 : 0);
    if (direct) text += `${qText} ${name} said. `;
    else text += `${name} said that ${qText}. `;
    const nameStart = direct ? qStart + qText.length + 1 : qStart;
    const realQStart = direct ? qStart : qStart + name.length + ' said that '.length;
    const cueStart = nameStart + name.length + 1;
    entities.push({ id: 'e' + (entities.length + 1), type: 'person', start: nameStart, end: nameStart + name.length, text: name, origin: 'auto', status: 'suggested', speaker: id });
    const q: Quote = {
      id: 'q' + (quotes.length + 1), kind: direct ? 'direct' : 'indirect', start: realQStart, end: realQStart + qText.length, text: qText,
      origin: 'auto', status: r() < 0.3 ? 'confirmed' : 'suggested', rule: direct ? 'after-quote' : 'said-that', confidence: 0.9,
      source: { start: nameStart, end: nameStart + name.length, text: name }, cue: { start: cueStart, end: cueStart + 4, text: 'said' },
    };
    if (r() < 0.1) delete q.speaker; else q.speaker = id;
    if (r() < 0.2) q.topics = [pick(TOPICS)];
    quotes.push(q);
    text += FILLER.slice(0, 80 + Math.floor(r() * 100)) + '\n\n';
  }
  const ann: Annotations = {
    version: 1, source: { file: `story-${n}.txt`, sha256: '' }, article: { date, title: `Story number ${n}`, outlet },
    topics: [pick(TOPICS), ...(r() < 0.5 ? [pick(TOPICS)] : [])].filter((t, i, a) => a.indexOf(t) === i),
    speakers: [...speakers.values()], entities, quotes,
  };
  return { text, ann };
}

