/** Small hand-made articles and sidecars for the corpus tests (no files outside the test's temp folder). */
import type { Annotations, Entity, Quote, Speaker } from '../../../src/core/model';
import { serialize } from '../../../src/core/store';

export interface Doc {
  name: string;
  text: string;
  ann: Annotations;
}

/** An article whose annotations are found by searching their text (UTF-16 offsets). */
export function doc(name: string, text: string, opts: {
  date?: string; outlet?: string; title?: string; topics?: string[]; speakers?: Speaker[];
  entities?: Array<{ text: string; type: string; speaker?: string; nth?: number; status?: Entity['status'] }>;
  quotes?: Array<{ text: string; speaker?: string; kind?: Quote['kind']; topics?: string[]; source?: string; cue?: string; status?: Quote['status'] }>;
}): Doc {
  const find = (s: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
    if (i < 0) throw new Error(`fixture: "${s}" not in ${name}`);
    return { start: i, end: i + s.length, text: s };
  };
  const article: Annotations['article'] = {};
  if (opts.date) article.date = opts.date;
  if (opts.title) article.title = opts.title;
  if (opts.outlet) article.outlet = opts.outlet;
  const ann: Annotations = { version: 1, source: { file: name, sha256: '' }, article, topics: opts.topics ?? [], speakers: opts.speakers ?? [], entities: [], quotes: [] };
  (opts.entities ?? []).forEach((e, i) => {
    const x: Entity = { id: 'e' + (i + 1), type: e.type, ...find(e.text, e.nth), origin: 'auto', status: e.status ?? 'suggested' };
    if (e.speaker) x.speaker = e.speaker;
    ann.entities.push(x);
  });
  (opts.quotes ?? []).forEach((q, i) => {
    const x: Quote = { id: 'q' + (i + 1), kind: q.kind ?? 'direct', ...find(q.text), origin: 'manual', status: q.status ?? 'confirmed' };
    if (q.speaker) x.speaker = q.speaker;
    if (q.topics) x.topics = q.topics;
    if (q.source) x.source = find(q.source);
    if (q.cue) x.cue = find(q.cue);
    ann.quotes.push(x);
  });
  return { name, text, ann };
}

export function yamlOf(d: Doc): string {
  return serialize(d.ann, d.text);
}

const person = (id: string, name: string, attributes?: Record<string, string>): Speaker => ({ id, name, aliases: [], kind: 'person', ...(attributes ? { attributes } : {}) });

/** Three articles, two outlets, two months, a speaker in two articles, an unattributed quote, an emoji. */
export function corpus(): Doc[] {
  const a = doc('a.txt', '“We will build the bridge,” Mayor Ana Ruiz said. “Taxes stay,” she added. Critics disagreed.', {
    date: '2024-01-10', outlet: 'Daily Post', title: 'Bridge', topics: ['transport'],
    speakers: [person('ana-ruiz', 'Ana Ruiz', { gender: 'female', role: 'politician' })],
    entities: [{ text: 'Ana Ruiz', type: 'person', speaker: 'ana-ruiz' }],
    quotes: [
      { text: '“We will build the bridge,”', speaker: 'ana-ruiz', source: 'Mayor Ana Ruiz', cue: 'said' },
      { text: '“Taxes stay,”', speaker: 'ana-ruiz', topics: ['tax'] },
    ],
  });
  const b = doc('b.txt', 'Ana Ruiz said the plan 😀 works. Tom Berg said it fails. “Rejected one,” said nobody. “Who?” asked a voice.', {
    date: '2024-02-03', outlet: 'Evening Star', topics: ['transport', 'budget'],
    speakers: [person('ana-ruiz', 'Ana Ruiz'), person('tom-berg', 'Tom Berg', { gender: 'male' })],
    quotes: [
      { text: 'the plan 😀 works', speaker: 'ana-ruiz', kind: 'indirect' },
      { text: 'it fails', speaker: 'tom-berg', kind: 'indirect' },
      { text: '“Rejected one,”', speaker: 'tom-berg', status: 'rejected' },
      { text: '“Who?”' },
    ],
  });
  const c = doc('c.txt', 'Nothing quoted here.', { outlet: 'Daily Post' });
  return [a, b, c];
}
