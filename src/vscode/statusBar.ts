/**
 * Status bar: "Quotes 9/11 · Topics 3" for the active article (quotes with a speaker / all
 * quotes shown, topics of the article and its passages), a dot while annotations are unsaved;
 * a click goes to the next quote without a speaker. Save failures are shown by SaveStatus.
 */
import * as vscode from 'vscode';
import type { Annotations } from '../core/model';
import { isArticleDocument } from './languageDetector';
import type { ArticleSessions } from './sessions';
import { needsSpeaker } from '../core/actions/operations';
import { TAGGING, visible } from './uiCommon';

export interface ArticleCounts {
  quotes: number;
  /** Quotes whose speaker is confirmed (the work done). */
  withSpeaker: number;
  /** Quotes with only a suggested speaker (one key each: Accept Suggested Speaker). */
  suggested: number;
  topics: number;
}

export function countArticle(ann: Annotations): ArticleCounts {
  const quotes = ann.quotes.filter(visible);
  const topics = new Set(ann.topics);
  for (const q of quotes) for (const t of q.topics ?? []) topics.add(t);
  const withSpeaker = quotes.filter((q) => !needsSpeaker(q)).length;
  const suggested = quotes.filter((q) => needsSpeaker(q) && q.speaker !== undefined).length;
  return { quotes: quotes.length, withSpeaker, suggested, topics: topics.size };
}

export class ArticleStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('articleAnnotator.articleStatus', vscode.StatusBarAlignment.Left, 51);
  private readonly subs: vscode.Disposable[];
  private generation = 0;

  constructor(private readonly sessions: ArticleSessions) {
    this.item.name = vscode.l10n.t('Article Quotes and Topics');
    this.item.command = { title: vscode.l10n.t('Next Quote Without Speaker'), command: TAGGING.nextQuoteWithoutSpeaker, arguments: [] };
    this.subs = [
      sessions.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) void this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
    ];
    void this.update();
  }

  /** Recomputes the item for the active editor (resolves when done; for tests). */
  async update(): Promise<void> {
    const gen = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    const session = doc && isArticleDocument(doc) ? await this.sessions.get(doc) : undefined;
    if (gen !== this.generation) return;
    if (!doc || !session) {
      this.item.hide();
      return;
    }
    this.sessions.meter.run('status bar', () => this.show(doc, session.annotations));
  }

  private show(doc: vscode.TextDocument, ann: Annotations): void {
    const c = countArticle(ann);
    const dirty = this.sessions.status(doc.uri)?.dirty ?? false;
    this.item.text = `$(quote) ${vscode.l10n.t('Quotes {0}/{1} · Topics {2}', c.withSpeaker, c.quotes, c.topics)}${dirty ? ' $(circle-filled)' : ''}`;
    const lines = [
      vscode.l10n.t('{0} of {1} quotes have a confirmed speaker, {2} a suggested one; {3} topic(s).', c.withSpeaker, c.quotes, c.suggested, c.topics),
      dirty ? vscode.l10n.t('Annotations not saved yet.') : vscode.l10n.t('Annotations saved.'),
      vscode.l10n.t('Click to go to the next quote without a speaker.'),
    ];
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: lines.join(' ') };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
