/**
 * The annotation model shared by the engine, the store, the editor adapter and the CLI.
 *
 * IN MEMORY, every offset is a UTF-16 code-unit index into the article text (what JavaScript
 * strings and VS Code documents use). The sidecar file (schema v1) stores Unicode code points;
 * the store converts at the file boundary (see `offsets.ts`). Nothing else converts.
 *
 * Schema v1 is a public contract: fields may be added, never renamed or repurposed.
 */

export type EntityType = 'person' | 'organization' | 'place' | 'date' | (string & {});
export type Origin = 'auto' | 'manual';
export type Status = 'suggested' | 'confirmed' | 'rejected' | 'orphaned';
export type QuoteKind = 'direct' | 'indirect';
export type SpeakerKind = 'person' | 'organization' | 'group';

/** A span of the article text, end exclusive. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface ArticleMeta {
  date?: string;
  title?: string;
  outlet?: string;
}

export interface Speaker {
  id: string;
  name: string;
  aliases: string[];
  kind: SpeakerKind;
  /** Role or title seen in the text, e.g. "Foreign Minister". */
  role?: string;
  /** Free attributes (gender, affiliation, ...), defined by the workspace. */
  attributes?: Record<string, string>;
}

export interface Entity extends Span {
  id: string;
  type: EntityType;
  origin: Origin;
  status: Status;
  /** Title or role split off the name ("Foreign Minister" for "Foreign Minister Wang Yi"). */
  role?: string;
  /** The speaker (person/organisation cluster) this mention belongs to, when it is one. */
  speaker?: string;
  /** Set while status is 'orphaned': the status before, restored when the text comes back. */
  previousStatus?: Status;
}

export interface Quote extends Span {
  id: string;
  kind: QuoteKind;
  /** Speaker id; absent when unknown. */
  speaker?: string;
  /** The mention that names the speaker (may be a pronoun: "he"). */
  source?: Span;
  /** The speech cue ("said"). */
  cue?: Span;
  /** Name of the rule that decided the speaker. */
  rule?: string;
  /** 0..1 */
  confidence?: number;
  origin: Origin;
  status: Status;
  /** Passage-level topics. */
  topics?: string[];
  /** Set while status is 'orphaned': the status before, restored when the text comes back. */
  previousStatus?: Status;
}

export interface Annotations {
  version: 1;
  source?: { file: string; sha256: string };
  article?: ArticleMeta;
  topics: string[];
  speakers: Speaker[];
  entities: Entity[];
  quotes: Quote[];
}

/** What the analysis engine returns (UTF-16 offsets, all origin 'auto', status 'suggested'). */
export interface Analysis {
  article: ArticleMeta;
  speakers: Speaker[];
  entities: Entity[];
  quotes: Quote[];
}

export function emptyAnnotations(): Annotations {
  return { version: 1, topics: [], speakers: [], entities: [], quotes: [] };
}

/** Small logging interface the core receives; the adapter backs it with a LogOutputChannel. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { info() {}, warn() {}, error() {} };
