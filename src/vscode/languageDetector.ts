import * as vscode from 'vscode';
import { looksLikeArticle } from '../core/header';
import { sidecarPathFor } from '../core/store';
import type { Settings, SettingsWatcher } from './config';

export const ARTICLE_LANGUAGE = 'article';
/**
 * A Markdown file annotated as an article: the same features, and its Markdown highlighting
 * kept (its grammar is Markdown's, with the article's quotes injected into paragraphs).
 */
export const ARTICLE_MARKDOWN_LANGUAGE = 'article-markdown';

/** Whether a document's language is one of the article languages. */
export function isArticleLanguage(languageId: string): boolean {
  return languageId === ARTICLE_LANGUAGE || languageId === ARTICLE_MARKDOWN_LANGUAGE;
}

/**
 * Plain-text and Markdown documents found to be articles whose switch to the article language
 * has not happened yet (it waits for their first highlights: see `LanguageDetector`), by URI.
 */
const switching = new Set<string>();

/**
 * Whether a document is annotated as an article: its language is an article language, or it is
 * on its way to one (already annotated and highlighted while VS Code still shows it as plain text).
 */
export function isArticleDocument(doc: vscode.TextDocument): boolean {
  return isArticleLanguage(doc.languageId) || (switching.size > 0 && switching.has(doc.uri.toString()));
}

/** The article languages, for registering providers. */
export const ARTICLE_SELECTOR: vscode.DocumentSelector = [{ language: ARTICLE_LANGUAGE }, { language: ARTICLE_MARKDOWN_LANGUAGE }];

/** How long a detected article waits for its first highlights before its language is switched anyway. */
export const SWITCH_WAIT_MS = 2000;

/**
 * VS Code ranks the built-in `.txt` -> plaintext mapping above a `firstLine` pattern, so
 * plain-text documents that start like an article are switched to the article language here.
 *
 * The switch comes after the article's first highlights: the document is annotated from the
 * moment it is found to be an article (`isArticleDocument`, `onDidDetect`), and VS Code carries
 * out a language switch by reopening the document for extensions and re-tokenizing it, which
 * delays showing a large article by 50-170 ms when it comes first. Until then the article shows
 * its highlights without the article grammar's colours.
 */
export class LanguageDetector implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private readonly detected = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a plain-text or Markdown document is found to be an article (before its language switch). */
  readonly onDidDetect = this.detected.event;
  private drawn: vscode.Event<{ uri: vscode.Uri }> | undefined;
  /**
   * Open documents this detector switched (or is switching) to an article language: when one of
   * them comes back as plain text or Markdown while still open, the user chose that language
   * (the language picker), and it is not switched again until it is closed.
   */
  private readonly switched = new Set<string>();

  constructor(private readonly settings: SettingsWatcher) {
    this.subs.push(vscode.workspace.onDidOpenTextDocument((d) => void this.check(d)));
    this.subs.push(vscode.workspace.onDidCloseTextDocument((d) => {
      if (!d.isClosed) return; // a language change
      switching.delete(d.uri.toString());
      this.switched.delete(d.uri.toString());
    }));
    this.subs.push(settings.onDidChange(() => this.checkAll()));
  }

  /**
   * Starts detecting, the documents already open first; `drawn` fires when highlights are drawn
   * (the switch waits for a detected article's first ones).
   */
  start(drawn: vscode.Event<{ uri: vscode.Uri }>): void {
    this.drawn = drawn;
    this.checkAll();
  }

  private checkAll(): void {
    for (const d of vscode.workspace.textDocuments) void this.check(d);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (this.switched.has(key) || !(await shouldAnnotate(doc, this.settings.value)) || this.switched.has(key) || doc.isClosed) return;
    this.switched.add(key);
    switching.add(key);
    this.detected.fire(doc);
    await this.firstDraw(doc.uri);
    if (doc.isClosed) return;
    try {
      await vscode.languages.setTextDocumentLanguage(doc, doc.languageId === 'markdown' ? ARTICLE_MARKDOWN_LANGUAGE : ARTICLE_LANGUAGE);
      switching.delete(key);
    } catch {
      // the document stays annotated as an article, without the article grammar
    }
  }

  /** Resolves at the first highlights drawn for `uri`, or after SWITCH_WAIT_MS. */
  private firstDraw(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub?.dispose();
        resolve();
      };
      const timer = setTimeout(done, SWITCH_WAIT_MS);
      const sub = this.drawn?.((e) => {
        if (e.uri.toString() === key) done();
      });
    });
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.detected.dispose();
  }
}

const TEXT_LANGUAGES = new Set(['plaintext', 'markdown']);

/**
 * Whether a plain-text or Markdown document is opened as an article: it starts like one
 * (`detectTxtArticles`), or `annotate` extends annotation to it (every such file, or those that
 * already have a `.annotations.yaml` next to them).
 */
export async function shouldAnnotate(doc: vscode.TextDocument, s: Settings): Promise<boolean> {
  if (!TEXT_LANGUAGES.has(doc.languageId) || doc.lineCount === 0) return false;
  if (s.detectTxtArticles && doc.languageId === 'plaintext' && looksLikeArticle(doc.lineAt(0).text)) return true;
  if (s.annotate === 'plaintextAndMarkdown') return true;
  if (s.annotate !== 'articlesAndSidecars' || doc.isUntitled) return false;
  const sidecar = doc.uri.with({ path: sidecarPathFor(doc.uri.path) });
  try {
    await vscode.workspace.fs.stat(sidecar);
    return true;
  } catch {
    return false;
  }
}
