import * as vscode from 'vscode';

/** A typed snapshot of the `articleAnnotator.*` settings, refreshed on change. */
export interface Settings {
  /** Open `.txt` files whose first line is ` date YYYY-MM-DD ...` as articles. */
  detectTxtArticles: boolean;
  /** Milliseconds after an annotation change before the sidecar is written; -1: only on article save. */
  saveDelay: number;
  /** Which files are annotated besides articles (see `AnnotateMode`). */
  annotate: AnnotateMode;
  /** Entity types whose highlights are hidden (ids: person, organization, place, date, custom). */
  hiddenEntityTypes: string[];
  /** Show the dim "— Speaker" after each quote. */
  speakerHints: boolean;
  /** Milliseconds of quiet typing before highlights are redrawn. */
  highlightDelay: number;
}

/**
 * `articles`: only articles; `articlesAndSidecars`: also plain-text and Markdown files that
 * already have a sidecar; `plaintextAndMarkdown`: every plain-text and Markdown file.
 */
export type AnnotateMode = 'articles' | 'articlesAndSidecars' | 'plaintextAndMarkdown';
const ANNOTATE_MODES: readonly AnnotateMode[] = ['articles', 'articlesAndSidecars', 'plaintextAndMarkdown'];

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('articleAnnotator');
  return {
    detectTxtArticles: c.get<boolean>('detectTxtArticles', true),
    saveDelay: c.get<number>('saveDelay', 1000),
    annotate: oneOf(c.get<string>('annotate', 'articlesAndSidecars'), ANNOTATE_MODES, 'articlesAndSidecars'),
    hiddenEntityTypes: arrayOfStrings(c.get<unknown>('hiddenEntityTypes', [])),
    speakerHints: c.get<boolean>('speakerHints', true) !== false,
    highlightDelay: Math.max(0, Number(c.get<number>('highlightDelay', 200)) || 0),
  };
}

function oneOf<T extends string>(v: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function arrayOfStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase()) : [];
}

export class SettingsWatcher implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('articleAnnotator')) {
      this.current = readSettings();
      this.emitter.fire(this.current);
    }
  });

  get value(): Settings {
    return this.current;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
