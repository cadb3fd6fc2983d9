/**
 * What the display parts (decorations, hovers, outline, the Article view, Problems, status bar)
 * share: core offsets -> vscode positions in one place, labels, the ids of the tagging commands
 * they call, and the source of custom entity types.
 */
import * as vscode from 'vscode';
import type { Annotations, Entity, Quote, Speaker } from '../core/model';
import type { EntityTypeDef } from '../core/workspace/types';

/**
 * Commands owned by the tagging part that the display parts offer (hover links, code actions,
 * tree-item actions, the status-bar click). Each takes an optional `{ uri, id }` first argument.
 */
export const TAGGING = {
  tagSpeaker: 'articleAnnotator.tagSpeaker',
  confirmSuggestion: 'articleAnnotator.confirmSuggestion',
  rejectSuggestion: 'articleAnnotator.rejectSuggestion',
  acceptSuggestedSpeaker: 'articleAnnotator.acceptSuggestedSpeaker',
  removeAnnotation: 'articleAnnotator.removeAnnotation',
  tagPassageTopic: 'articleAnnotator.tagPassageTopic',
  renameSpeaker: 'articleAnnotator.renameSpeaker',
  nextQuoteWithoutSpeaker: 'articleAnnotator.nextQuoteWithoutSpeaker',
} as const;

/** The argument every annotation command accepts: the document URI string and the annotation id. */
export interface AnnotationRef {
  uri: string;
  id: string;
}

export function ref(uri: vscode.Uri, id: string): AnnotationRef {
  return { uri: uri.toString(), id };
}

/** A `command:` link for a MarkdownString (trusted for exactly these commands). */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The built-in entity types, in display order. */
export const BUILTIN_ENTITY_TYPES = ['person', 'organization', 'place', 'date'] as const;

/**
 * Custom entity types (and their colours) from the workspace file. The lead wires this to the
 * workspace service; until then it is empty.
 */
export interface EntityTypeSource {
  entityTypes(uri: vscode.Uri): readonly EntityTypeDef[];
  readonly onDidChange: vscode.Event<void>;
}

export const noEntityTypes: EntityTypeSource = {
  entityTypes: () => [],
  onDidChange: () => ({ dispose() {} }),
};

/** Whether an annotation is shown (rejected and orphaned ones have no place in the text). */
export function visible(a: Entity | Quote): boolean {
  return a.status === 'suggested' || a.status === 'confirmed';
}

export function speakerMap(ann: Annotations): Map<string, Speaker> {
  return new Map(ann.speakers.map((s) => [s.id, s]));
}

export function speakerName(ann: Annotations | Map<string, Speaker>, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const m = ann instanceof Map ? ann : speakerMap(ann);
  return m.get(id)?.name ?? id;
}

const shortened = new Map<number, Map<string, string>>();

/** A one-line label of at most `max` characters (memoised: outline and Problems ask often). */
export function shorten(text: string, max = 60): string {
  let byText = shortened.get(max);
  if (!byText) shortened.set(max, (byText = new Map()));
  let r = byText.get(text);
  if (r === undefined) {
    // Only the start matters: long quotes are cut before the whitespace is normalised.
    const t = text.slice(0, max * 2).replace(/\s+/g, ' ').trim();
    r = t.length > max ? `${t.slice(0, max - 1)}…` : t;
    if (byText.size > 50_000) byText.clear();
    byText.set(text, r);
  }
  return r;
}

export function typeLabel(type: string, defs: readonly EntityTypeDef[] = []): string {
  const def = defs.find((d) => d.id === type);
  if (def?.label) return def.label;
  switch (type) {
    case 'person':
      return vscode.l10n.t('Person');
    case 'organization':
      return vscode.l10n.t('Organization');
    case 'place':
      return vscode.l10n.t('Place');
    case 'date':
      return vscode.l10n.t('Date');
    default:
      return type.charAt(0).toUpperCase() + type.slice(1);
  }
}

export function kindLabel(q: Quote): string {
  return q.kind === 'direct' ? vscode.l10n.t('Direct quote') : vscode.l10n.t('Reported speech');
}

/**
 * Line starts of a text, for converting many UTF-16 offsets to positions without asking the
 * document each time (binary search; built once per text and cached by the caller).
 */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  position(offset: number): vscode.Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, o - (s[lo] as number));
  }

  range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.position(start), this.position(end));
  }
}

/** Finds the visible annotations that contain an offset (innermost last). */
export function annotationsAt(ann: Annotations, offset: number): { entities: Entity[]; quotes: Quote[] } {
  const inside = (a: Entity | Quote) => visible(a) && a.start <= offset && offset <= a.end;
  return { entities: ann.entities.filter(inside), quotes: ann.quotes.filter(inside) };
}

export function findAnnotation(ann: Annotations, id: string): Entity | Quote | undefined {
  return ann.quotes.find((q) => q.id === id) ?? ann.entities.find((e) => e.id === id);
}

const recentIndexes: LineIndex[] = [];

/** The line index of a text, shared by the display parts (the last few texts are kept). */
export function lineIndexOf(text: string): LineIndex {
  const hit = recentIndexes.find((i) => i.text === text);
  if (hit) return hit;
  const idx = new LineIndex(text);
  recentIndexes.unshift(idx);
  if (recentIndexes.length > 4) recentIndexes.pop();
  return idx;
}

/** Runs one pending action per key (a document URI) after a quiet time; a new call restarts it. */
export class KeyedDebouncer {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  schedule(key: string, ms: number, run: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, ms),
    );
  }

  pending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
