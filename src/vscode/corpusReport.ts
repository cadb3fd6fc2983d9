/**
 * "Show Corpus Report": the report in a webview (no script, strict CSP with a nonce, no
 * remote content, theme colours through CSS variables), refreshed while open when the corpus
 * changes; "Save Corpus Report..." writes it as Markdown or HTML.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { reportData, reportHtml, reportMarkdown, type Translate } from '../core/corpus';
import type { CorpusService } from './corpus';

export const REPORT_VIEW_TYPE = 'articleAnnotator.corpusReport';
const REFRESH_DELAY_MS = 500;

export const l10nT: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** A URI path of the workspace as people read it: relative to its folder. */
export function relativeName(path: string): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/');
  return vscode.workspace.asRelativePath(base.with({ path }), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

export class CorpusReport implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly sub: vscode.Disposable;
  /** The HTML last shown (for tests and "Save as HTML" of what is on screen). */
  lastHtml: string | undefined;

  constructor(private readonly corpus: CorpusService) {
    this.sub = corpus.onDidChange(() => {
      if (!this.panel) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.render(), REFRESH_DELAY_MS);
    });
  }

  private name = (p: string) => relativeName(p);

  html(): string {
    return reportHtml(reportData(this.corpus.index, this.name), { nonce: randomBytes(16).toString('base64'), t: l10nT });
  }

  markdown(): string {
    return reportMarkdown(reportData(this.corpus.index, this.name), l10nT);
  }

  async show(): Promise<vscode.WebviewPanel> {
    await this.corpus.settled();
    if (this.panel) {
      this.panel.reveal();
      this.render();
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, vscode.l10n.t('Corpus Report'), vscode.ViewColumn.Active, {
      enableScripts: false,
      enableForms: false,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    void vscode.commands.executeCommand('setContext', 'articleAnnotator.corpusReportActive', true);
    panel.onDidChangeViewState((e) => void vscode.commands.executeCommand('setContext', 'articleAnnotator.corpusReportActive', e.webviewPanel.active));
    panel.onDidDispose(() => {
      this.panel = undefined;
      void vscode.commands.executeCommand('setContext', 'articleAnnotator.corpusReportActive', false);
    });
    this.render();
    return panel;
  }

  private render(): void {
    if (!this.panel) return;
    this.lastHtml = this.html();
    this.panel.webview.html = this.lastHtml;
  }

  /** Asks where (unless `target` is given) and writes the report; returns the file written. */
  async save(format?: 'md' | 'html', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    await this.corpus.settled();
    let fmt = format;
    if (!fmt) {
      const pick = await vscode.window.showQuickPick(
        [{ label: vscode.l10n.t('Markdown'), description: '.md', fmt: 'md' as const }, { label: vscode.l10n.t('HTML (self-contained)'), description: '.html', fmt: 'html' as const }],
        { placeHolder: vscode.l10n.t('Save the corpus report as') },
      );
      if (!pick) return undefined;
      fmt = pick.fmt;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = target ?? (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fmt === 'md' ? 'corpus-report.md' : 'corpus-report.html') : undefined,
      filters: fmt === 'md' ? { Markdown: ['md'] } : { HTML: ['html', 'htm'] },
      title: vscode.l10n.t('Save Corpus Report'),
    }));
    if (!uri) return undefined;
    const text = fmt === 'md' ? this.markdown() : this.html();
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the corpus report to {0}: {1}', uri.fsPath, (e as Error).message));
      return undefined;
    }
    return uri;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sub.dispose();
    this.panel?.dispose();
  }
}
