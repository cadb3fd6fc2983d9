import * as vscode from 'vscode';
import { isArticleDocument } from './languageDetector';
import type { ArticleSessions } from './sessions';

/** Shows in the status bar when an article's annotations cannot be saved, and why (the unsaved dot is ArticleStatus's). */
export class SaveStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('articleAnnotator.saveStatus', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly sessions: ArticleSessions) {
    this.item.name = vscode.l10n.t('Article Annotations Save State');
    this.item.command = 'articleAnnotator.saveAnnotations';
    this.subs = [
      sessions.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc && isArticleDocument(doc) ? this.sessions.status(doc.uri) : undefined;
    if (!st || (st.state === 'ok' && !st.error)) {
      this.item.hide();
      return;
    }
    this.item.text = st.state === 'readOnly' ? `$(lock) ${vscode.l10n.t('Annotations read-only')}` : `$(error) ${vscode.l10n.t('Annotations not saved')}`;
    this.item.tooltip = st.error ?? vscode.l10n.t('The annotation file cannot be written; the annotations are kept in memory.');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
