/**
 * CSV and JSONL exports: one row per quote (rejected quotes left out) with its article, date,
 * outlet, speaker, the speaker's attributes, topics (article's plus the quote's) and text.
 * `start`/`end` are Unicode code points into the article, as in the sidecar (column `offsets`).
 */
import type { CorpusIndex } from './corpusIndex';

export interface QuoteRow {
  article: string;
  title: string;
  date: string;
  outlet: string;
  id: string;
  kind: string;
  status: string;
  speakerId: string;
  speaker: string;
  attributes: Record<string, string>;
  topics: string[];
  start: number;
  end: number;
  text: string;
}

/** Rows in index order; `articleName` turns an article path into what the export shows (e.g. relative). */
export function* quoteRows(index: CorpusIndex, articleName: (path: string) => string = (p) => p): IterableIterator<QuoteRow> {
  for (const { article, quote, speaker, topics } of index.quotes()) {
    yield {
      article: articleName(article.article),
      title: article.meta.title ?? '',
      date: article.meta.date ?? '',
      outlet: article.meta.outlet ?? '',
      id: quote.id,
      kind: quote.kind,
      status: quote.status,
      speakerId: speaker?.id ?? '',
      speaker: speaker?.name ?? '',
      attributes: speaker?.attributes ?? {},
      topics,
      start: quote.start,
      end: quote.end,
      text: quote.text,
    };
  }
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * CSV text (RFC 4180, CRLF, header row). One column per speaker attribute (`speaker.<id>`),
 * topics joined by "; ". `attributeIds` fixes the attribute columns (default: all seen).
 */
export function toCsv(rows: Iterable<QuoteRow>, attributeIds?: string[]): string {
  const list = Array.isArray(rows) ? (rows as QuoteRow[]) : [...rows];
  let attrs = attributeIds;
  if (!attrs) {
    const seen = new Set<string>();
    for (const r of list) for (const k of Object.keys(r.attributes)) seen.add(k);
    attrs = [...seen].sort();
  }
  const head = ['article', 'title', 'date', 'outlet', 'quote_id', 'kind', 'status', 'speaker_id', 'speaker', ...attrs.map((a) => 'speaker.' + a), 'topics', 'start', 'end', 'offsets', 'text'];
  const out: string[] = [head.map(csvField).join(',')];
  for (const r of list) {
    out.push([
      r.article, r.title, r.date, r.outlet, r.id, r.kind, r.status, r.speakerId, r.speaker,
      ...attrs.map((a) => r.attributes[a] ?? ''), r.topics.join('; '), r.start, r.end, 'codepoints', r.text,
    ].map(csvField).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

/** One JSON object per line; `speaker` is null for quotes without one. */
export function toJsonl(rows: Iterable<QuoteRow>): string {
  let s = '';
  for (const r of rows) {
    s += JSON.stringify({
      article: r.article, title: r.title || undefined, date: r.date || undefined, outlet: r.outlet || undefined,
      id: r.id, kind: r.kind, status: r.status,
      speaker: r.speakerId ? { id: r.speakerId, name: r.speaker, attributes: r.attributes } : null,
      topics: r.topics, start: r.start, end: r.end, offsets: 'codepoints', text: r.text,
    }) + '\n';
  }
  return s;
}
