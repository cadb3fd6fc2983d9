/**
 * The corpus index: one entry per sidecar of a workspace (or of the folders given to the CLI),
 * with running counts for the aggregations, updated incrementally when one sidecar changes.
 *
 * Offsets held here are the sidecar's own: Unicode code points (the index never reads the
 * article text). Convert with `OffsetMap` before using them in an editor.
 *
 * Counting rules: rejected quotes are left out; every other quote counts (suggested, confirmed,
 * orphaned). A quote's topics are the article's topics plus the quote's own. A speaker's
 * attributes come from the sidecar's `speakers[].attributes`, overridden value by value by the
 * workspace file's known speaker of the same id (its name too).
 */
import type { ArticleMeta, QuoteKind, Speaker, Status } from '../model';
import { parse } from '../store/sidecar';
import { emptyWorkspaceConfig, type WorkspaceConfig } from '../workspace/types';

export interface CorpusQuote {
  id: string;
  kind: QuoteKind;
  status: Status;
  /** Code points into the article, as in the sidecar. */
  start: number;
  end: number;
  text: string;
  /** Speaker id; undefined when no speaker is known. */
  speaker?: string;
  /** The quote's own topics (the article's topics are on the article). */
  topics?: string[];
}

export interface CorpusArticle {
  /** Path of the sidecar (the index key). */
  sidecar: string;
  /** Path of the article: the sidecar's folder plus `source.file` (or `<stem>.txt`). */
  article: string;
  meta: ArticleMeta;
  topics: string[];
  speakers: Speaker[];
  quotes: CorpusQuote[];
  entityCount: number;
}

export interface CorpusError {
  sidecar: string;
  message: string;
}

/** `dir/story.annotations.yaml` -> `dir/story.txt` unless the sidecar names its article file. */
export function articlePathFor(sidecarPath: string, sourceFile?: string): string {
  const slash = sidecarPath.lastIndexOf('/');
  const dir = sidecarPath.slice(0, slash + 1);
  if (sourceFile && !sourceFile.includes('/') && !sourceFile.includes('\\')) return dir + sourceFile;
  return sidecarPath.replace(/\.annotations\.yaml$/, '') + '.txt';
}

export function isSidecarPath(path: string): boolean {
  return path.endsWith('.annotations.yaml');
}

/**
 * A copy of `s` that does not keep the sidecar's whole text alive (V8 keeps substrings as
 * slices of their parent string; the index would otherwise hold every file's text).
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Reads one sidecar's text into an index entry, or a one-sentence error. */
export function readCorpusArticle(sidecarPath: string, yamlText: string): CorpusArticle | CorpusError {
  const parsed = parse(yamlText, undefined, { readOnly: true });
  const name = sidecarPath.slice(sidecarPath.lastIndexOf('/') + 1);
  if (!parsed.ok) {
    const d = parsed.diagnostics.find((x) => x.severity === 'error');
    return { sidecar: sidecarPath, message: `${name} line ${d?.line ?? 1}: ${d?.message ?? 'it does not parse.'}` };
  }
  const a = parsed.annotations;
  const quotes: CorpusQuote[] = [];
  for (const q of a.quotes) {
    if (q.status === 'rejected') continue;
    const c: CorpusQuote = { id: own(q.id), kind: q.kind, status: q.status, start: q.start, end: q.end, text: own(q.text) };
    if (q.speaker !== undefined) c.speaker = own(q.speaker);
    if (q.topics && q.topics.length) c.topics = q.topics.map(own);
    quotes.push(c);
  }
  return {
    sidecar: sidecarPath,
    article: articlePathFor(sidecarPath, a.source?.file),
    meta: Object.fromEntries(Object.entries(a.article ?? {}).map(([k, v]) => [k, typeof v === 'string' ? own(v) : v])),
    topics: a.topics.map(own),
    speakers: a.speakers.map((s) => ({ ...s, id: own(s.id), name: own(s.name), aliases: s.aliases.map(own), ...(s.role ? { role: own(s.role) } : {}), ...(s.attributes ? { attributes: Object.fromEntries(Object.entries(s.attributes).map(([k, v]) => [own(k), typeof v === 'string' ? own(v) : v])) } : {}) })),
    quotes,
    entityCount: a.entities.filter((e) => e.status !== 'rejected').length,
  };
}

export const UNKNOWN_OUTLET = '';
export const NO_DATE = '';

/** `2021-05-18` -> `2021-05`; anything else -> '' (no date). */
export function monthOf(date: string | undefined): string {
  const m = /^(\d{4})-(\d{2})/.exec(date ?? '');
  return m ? `${m[1]}-${m[2]}` : NO_DATE;
}

/** A speaker as the corpus sees it: the sidecar's entry with the workspace's known speaker over it. */
export interface ResolvedSpeaker {
  id: string;
  name: string;
  kind?: Speaker['kind'];
  role?: string;
  attributes: Record<string, string>;
}

export function resolveSpeaker(id: string, local: Speaker | undefined, known: Map<string, Speaker>): ResolvedSpeaker {
  const k = known.get(id);
  const attributes = { ...(local?.attributes ?? {}), ...(k?.attributes ?? {}) };
  const r: ResolvedSpeaker = { id, name: k?.name ?? local?.name ?? id, attributes };
  const kind = k?.kind ?? local?.kind;
  if (kind) r.kind = kind;
  const role = k?.role ?? local?.role;
  if (role) r.role = role;
  return r;
}

/** Quote topics: the article's topics plus the quote's own, without repeats. */
export function quoteTopics(article: CorpusArticle, q: CorpusQuote): string[] {
  if (!q.topics || q.topics.length === 0) return article.topics;
  const out = [...article.topics];
  for (const t of q.topics) if (!out.includes(t)) out.push(t);
  return out;
}

// Counter keys: a kind letter, then fields joined by NUL.
const S = '\u0000';
export const K = {
  articles: 'n',
  quotes: 'q',
  unattributed: 'u',
  speakerQuotes: (id: string) => 'sq' + S + id,
  speakerArticles: (id: string) => 'sa' + S + id,
  speakerName: (id: string, name: string) => 'sn' + S + id + S + name,
  speakerAttr: (id: string, attr: string, value: string) => 'sv' + S + id + S + attr + S + value,
  topicQuotes: (t: string) => 'tq' + S + t,
  topicArticles: (t: string) => 'ta' + S + t,
  outletQuotes: (o: string) => 'oq' + S + o,
  outletArticles: (o: string) => 'oa' + S + o,
  monthQuotes: (m: string) => 'mq' + S + m,
  monthArticles: (m: string) => 'ma' + S + m,
  attributedOutlet: (o: string) => 'po' + S + o,
  attributedMonth: (m: string) => 'pm' + S + m,
  attr: (attr: string, value: string) => 'av' + S + attr + S + value,
  attrOutlet: (attr: string, outlet: string, value: string) => 'ao' + S + attr + S + outlet + S + value,
  attrMonth: (attr: string, month: string, value: string) => 'am' + S + attr + S + month + S + value,
};
export const SEP = S;

/**
 * The index. Not thread-safe by design (one event loop); `set` and `delete` cost time in
 * proportion to the one article, never the corpus.
 */
export class CorpusIndex {
  private readonly articles = new Map<string, CorpusArticle>();
  private readonly errors = new Map<string, CorpusError>();
  private readonly counts = new Map<string, number>();
  private known = new Map<string, Speaker>();
  private config: WorkspaceConfig = emptyWorkspaceConfig();
  private version = 0;

  constructor(config?: WorkspaceConfig) {
    if (config) this.setConfig(config);
  }

  /** Bumped on every change; views use it to know when to refresh. */
  get generation(): number {
    return this.version;
  }

  get workspace(): WorkspaceConfig {
    return this.config;
  }

  /** A new workspace file: the counts are rebuilt (attributes and names may change). */
  setConfig(config: WorkspaceConfig): void {
    this.config = config;
    this.known = new Map(config.speakers.map((s) => [s.id, s]));
    this.counts.clear();
    for (const a of this.articles.values()) this.count(a, 1);
    this.version++;
  }

  /** Adds or replaces the entry of one sidecar from its text; returns the error when it does not read. */
  update(sidecarPath: string, yamlText: string): CorpusError | undefined {
    const r = readCorpusArticle(sidecarPath, yamlText);
    if ('message' in r) {
      this.fail(r);
      return r;
    }
    this.set(r);
    return undefined;
  }

  /** Records that a sidecar could not be read; its old entry (if any) leaves the counts. */
  fail(error: CorpusError): void {
    this.delete(error.sidecar);
    this.errors.set(error.sidecar, error);
    this.version++;
  }

  set(article: CorpusArticle): void {
    const old = this.articles.get(article.sidecar);
    if (old) this.count(old, -1);
    this.errors.delete(article.sidecar);
    this.articles.set(article.sidecar, article);
    this.count(article, 1);
    this.version++;
  }

  delete(sidecarPath: string): boolean {
    const old = this.articles.get(sidecarPath);
    const hadError = this.errors.delete(sidecarPath);
    if (!old) {
      if (hadError) this.version++;
      return hadError;
    }
    this.count(old, -1);
    this.articles.delete(sidecarPath);
    this.version++;
    return true;
  }

  clear(): void {
    this.articles.clear();
    this.errors.clear();
    this.counts.clear();
    this.version++;
  }

  get size(): number {
    return this.articles.size;
  }

  get(sidecarPath: string): CorpusArticle | undefined {
    return this.articles.get(sidecarPath);
  }

  all(): IterableIterator<CorpusArticle> {
    return this.articles.values();
  }

  /** Articles ordered by sidecar path (exports and reports use this order). */
  sorted(): CorpusArticle[] {
    return [...this.articles.values()].sort((a, b) => (a.sidecar < b.sidecar ? -1 : a.sidecar > b.sidecar ? 1 : 0));
  }

  /** Sidecars that could not be read, with why. */
  failures(): CorpusError[] {
    return [...this.errors.values()];
  }

  /** The running counts (see `K`); read by `corpusStats`. */
  counters(): ReadonlyMap<string, number> {
    return this.counts;
  }

  speaker(article: CorpusArticle, id: string): ResolvedSpeaker {
    return resolveSpeaker(id, article.speakers.find((s) => s.id === id), this.known);
  }

  /** Every quote with its article and resolved speaker, articles in sidecar path order. */
  *quotes(): IterableIterator<{ article: CorpusArticle; quote: CorpusQuote; speaker?: ResolvedSpeaker; topics: string[] }> {
    for (const article of this.sorted()) {
      const local = new Map(article.speakers.map((s) => [s.id, s]));
      for (const quote of article.quotes) {
        const topics = quoteTopics(article, quote);
        if (quote.speaker === undefined) yield { article, quote, topics };
        else yield { article, quote, speaker: resolveSpeaker(quote.speaker, local.get(quote.speaker), this.known), topics };
      }
    }
  }

  private add(key: string, d: number): void {
    const v = (this.counts.get(key) ?? 0) + d;
    if (v === 0) this.counts.delete(key);
    else this.counts.set(key, v);
  }

  /** Adds (sign 1) or removes (sign -1) one article's contribution to every count. */
  private count(a: CorpusArticle, sign: 1 | -1): void {
    // Counts are gathered per article first, so the shared map sees one change per key.
    const outlet = a.meta.outlet?.trim() || UNKNOWN_OUTLET;
    const month = monthOf(a.meta.date);
    const local = new Map(a.speakers.map((s) => [s.id, s]));
    const perSpeaker = new Map<string, number>();
    const perTopic = new Map<string, number>();
    let unattributed = 0;
    for (const q of a.quotes) {
      for (const t of quoteTopics(a, q)) perTopic.set(t, (perTopic.get(t) ?? 0) + 1);
      if (q.speaker === undefined) unattributed++;
      else perSpeaker.set(q.speaker, (perSpeaker.get(q.speaker) ?? 0) + 1);
    }
    for (const t of a.topics) if (!perTopic.has(t)) perTopic.set(t, 0);
    const n = a.quotes.length;
    const attributed = n - unattributed;
    this.add(K.articles, sign);
    this.add(K.outletArticles(outlet), sign);
    this.add(K.monthArticles(month), sign);
    if (n) {
      this.add(K.quotes, sign * n);
      this.add(K.outletQuotes(outlet), sign * n);
      this.add(K.monthQuotes(month), sign * n);
    }
    if (unattributed) this.add(K.unattributed, sign * unattributed);
    if (attributed) {
      this.add(K.attributedOutlet(outlet), sign * attributed);
      this.add(K.attributedMonth(month), sign * attributed);
    }
    for (const [t, c] of perTopic) {
      this.add(K.topicArticles(t), sign);
      if (c) this.add(K.topicQuotes(t), sign * c);
    }
    const perValue = new Map<string, Map<string, number>>();
    for (const [id, c] of perSpeaker) {
      const sp = resolveSpeaker(id, local.get(id), this.known);
      this.add(K.speakerQuotes(id), sign * c);
      this.add(K.speakerArticles(id), sign);
      this.add(K.speakerName(id, sp.name), sign);
      for (const [attr, v0] of Object.entries(sp.attributes)) {
        const v = typeof v0 === 'string' ? v0.trim() : '';
        if (!v) continue;
        this.add(K.speakerAttr(id, attr, v), sign);
        let m = perValue.get(attr);
        if (!m) perValue.set(attr, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + c);
      }
    }
    for (const [attr, m] of perValue) {
      for (const [v, c] of m) {
        this.add(K.attr(attr, v), sign * c);
        this.add(K.attrOutlet(attr, outlet, v), sign * c);
        this.add(K.attrMonth(attr, month, v), sign * c);
      }
    }
  }
}
