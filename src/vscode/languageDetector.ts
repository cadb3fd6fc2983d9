import * as vscode from 'vscode';
import { looksLikeArticle } from '../core/header';
import type { SettingsWatcher } from './config';

export const ARTICLE_LANGUAGE = 'article';

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
    if (!this.settings.value.detectTxtArticles || doc.languageId !== 'plaintext' || doc.lineCount === 0) return;
    if (!looksLikeArticle(doc.lineAt(0).text)) return;
    await vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
