/**
 * Aggregations of the corpus, computed from the index's running counts (time in proportion to
 * the number of distinct speakers, topics, outlets, months and attribute values, not quotes).
 */
import { K, SEP, type CorpusIndex } from './corpusIndex';

export interface Count {
  /** Id or name; '' stands for "unknown" / "no date" / "no value". */
  key: string;
  label: string;
  quotes: number;
  articles: number;
}

export interface SpeakerCount extends Count {
  attributes: Record<string, string>;
}

export interface Share {
  value: string;
  quotes: number;
}

export interface AttributeShares {
  id: string;
  label: string;
  /** Quotes with a speaker, by value ('' = the speaker has no value). */
  overall: Share[];
  byOutlet: Array<{ outlet: string; shares: Share[] }>;
  byMonth: Array<{ month: string; shares: Share[] }>;
}

export interface CorpusStats {
  articles: number;
  quotes: number;
  /** Quotes still without a speaker. */
  unattributed: number;
  speakers: SpeakerCount[];
  topics: Count[];
  outlets: Count[];
  /** By month (YYYY-MM), oldest first; '' (no date) last. */
  months: Count[];
  attributes: AttributeShares[];
  /** Sidecars that could not be read. */
  failures: Array<{ sidecar: string; message: string }>;
}

const byCount = (a: Count, b: Count) => b.quotes - a.quotes || b.articles - a.articles || a.label.localeCompare(b.label);

export function corpusStats(index: CorpusIndex): CorpusStats {
  const c = index.counters();
  const get = (k: string) => c.get(k) ?? 0;
  const speakers = new Map<string, SpeakerCount & { names: Map<string, number>; attrCounts: Map<string, Map<string, number>> }>();
  const topics = new Map<string, Count>();
  const outlets = new Map<string, Count>();
  const months = new Map<string, Count>();
  const attr = new Map<string, { overall: Map<string, number>; outlet: Map<string, Map<string, number>>; month: Map<string, Map<string, number>> }>();
  const attrOf = (id: string) => {
    let a = attr.get(id);
    if (!a) attr.set(id, (a = { overall: new Map(), outlet: new Map(), month: new Map() }));
    return a;
  };
  const sub = (m: Map<string, Map<string, number>>, k: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Map()));
    return s;
  };
  const speakerOf = (id: string) => {
    let s = speakers.get(id);
    if (!s) speakers.set(id, (s = { key: id, label: id, quotes: 0, articles: 0, attributes: {}, names: new Map(), attrCounts: new Map() }));
    return s;
  };
  const countOf = (m: Map<string, Count>, k: string, label: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = { key: k, label, quotes: 0, articles: 0 }));
    return s;
  };
  const topicLabels = new Map(index.workspace.topics.map((t) => [t.id, t.label ?? t.id]));
  for (const a of index.workspace.speakerAttributes) attrOf(a.id);

  for (const [key, n] of c) {
    const f = key.split(SEP);
    switch (f[0]) {
      case 'sq': speakerOf(f[1]!).quotes = n; break;
      case 'sa': speakerOf(f[1]!).articles = n; break;
      case 'sn': speakerOf(f[1]!).names.set(f[2]!, n); break;
      case 'sv': sub(speakerOf(f[1]!).attrCounts, f[2]!).set(f[3]!, n); break;
      case 'tq': countOf(topics, f[1]!, topicLabels.get(f[1]!) ?? f[1]!).quotes = n; break;
      case 'ta': countOf(topics, f[1]!, topicLabels.get(f[1]!) ?? f[1]!).articles = n; break;
      case 'oq': countOf(outlets, f[1]!, f[1]!).quotes = n; break;
      case 'oa': countOf(outlets, f[1]!, f[1]!).articles = n; break;
      case 'mq': countOf(months, f[1]!, f[1]!).quotes = n; break;
      case 'ma': countOf(months, f[1]!, f[1]!).articles = n; break;
      case 'av': attrOf(f[1]!).overall.set(f[2]!, n); break;
      case 'ao': sub(attrOf(f[1]!).outlet, f[2]!).set(f[3]!, n); break;
      case 'am': sub(attrOf(f[1]!).month, f[2]!).set(f[3]!, n); break;
    }
  }

  const mostFrequent = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const speakerList: SpeakerCount[] = [...speakers.values()].map((s) => {
    const attributes: Record<string, string> = {};
    for (const [k, m] of [...s.attrCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) attributes[k] = mostFrequent(m) ?? '';
    return { key: s.key, label: mostFrequent(s.names) ?? s.key, quotes: s.quotes, articles: s.articles, attributes };
  });

  const attributed = get(K.quotes) - get(K.unattributed);
  const withUnknown = (m: Map<string, number> | undefined, total: number): Share[] => {
    const list = [...(m ?? new Map<string, number>())].map(([value, quotes]) => ({ value, quotes }));
    list.sort((a, b) => b.quotes - a.quotes || a.value.localeCompare(b.value));
    const rest = total - list.reduce((s, x) => s + x.quotes, 0);
    if (rest > 0) list.push({ value: '', quotes: rest });
    return list;
  };
  const outletKeys = [...outlets.keys()].sort(byLabel);
  const monthKeys = [...months.keys()].sort(byMonth);
  const labels = new Map(index.workspace.speakerAttributes.map((a) => [a.id, a.label ?? a.id]));
  const attributes: AttributeShares[] = [...attr].map(([id, a]) => ({
    id,
    label: labels.get(id) ?? id,
    overall: withUnknown(a.overall, attributed),
    byOutlet: outletKeys.map((o) => ({ outlet: o, shares: withUnknown(a.outlet.get(o), get(K.attributedOutlet(o))) })).filter((x) => x.shares.length > 0),
    byMonth: monthKeys.map((m) => ({ month: m, shares: withUnknown(a.month.get(m), get(K.attributedMonth(m))) })).filter((x) => x.shares.length > 0),
  }));
  // declared attributes first (in the workspace file's order), then the others by name
  const order = new Map(index.workspace.speakerAttributes.map((a, i) => [a.id, i]));
  attributes.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));

  return {
    articles: get(K.articles),
    quotes: get(K.quotes),
    unattributed: get(K.unattributed),
    speakers: speakerList.sort(byCount) as SpeakerCount[],
    topics: [...topics.values()].sort(byCount),
    outlets: outletKeys.map((k) => outlets.get(k)!),
    months: monthKeys.map((k) => months.get(k)!),
    attributes,
    failures: index.failures(),
  };
}

function byLabel(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  return a.localeCompare(b);
}

function byMonth(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
