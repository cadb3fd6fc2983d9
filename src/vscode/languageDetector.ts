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

/** The article languages, for registering providers. */
export const ARTICLE_SELECTOR: vscode.DocumentSelector = [{ language: ARTICLE_LANGUAGE }, { language: ARTICLE_MARKDOWN_LANGUAGE }];

/**
 * VS Code ranks the built-in `.txt` -> plaintext mapping above a `firstLine` pattern, so
 * plain-text documents that start like an article are switched to the article language here.
 */
export class LanguageDetector implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly settings: SettingsWatcher) {
    this.subs.push(vscode.workspace.onDidOpenTextDocument((d) => void this.check(d)));
    this.subs.push(settings.onDidChange(() => this.checkAll()));
    this.checkAll();
  }

  private checkAll(): void {
    for (const d of vscode.workspace.textDocuments) void this.check(d);
  }

  private async check(doc: vscode.TextDocument): Promise<void> {
    if (await shouldAnnotate(doc, this.settings.value)) {
      await vscode.languages.setTextDocumentLanguage(doc, doc.languageId === 'markdown' ? ARTICLE_MARKDOWN_LANGUAGE : ARTICLE_LANGUAGE);
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
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
