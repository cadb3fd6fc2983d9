/**
 * The "Corpus" view in the Explorer: speakers (quote counts, articles, attributes), topics,
 * outlets and dates (months) with their articles, quotes still without a speaker, and sidecars
 * that could not be read. A quote opens its article with the quote selected.
 */
import * as vscode from 'vscode';
import { corpusStats, monthOf, quoteTopics, type CorpusArticle, type CorpusQuote, type CorpusStats } from '../core/corpus';
import type { CorpusService } from './corpus';

export const CORPUS_VIEW = 'articleAnnotator.corpus';
const MAX_CHILDREN = 500;

type Filter = { speaker?: string; topic?: string; outlet?: string; month?: string; unattributed?: boolean };

export type CorpusNode =
  | { kind: 'group'; group: 'speakers' | 'topics' | 'outlets' | 'dates' | 'unattributed' | 'failures'; count: number }
  | { kind: 'speaker'; id: string; label: string; quotes: number; articles: number; attributes: Record<string, string> }
  | { kind: 'bucket'; by: 'topic' | 'outlet' | 'month'; key: string; label: string; quotes: number; articles: number }
  | { kind: 'article'; article: CorpusArticle; filter: Filter }
  | { kind: 'quote'; article: CorpusArticle; quote: CorpusQuote; speakerName?: string; showArticle: boolean }
  | { kind: 'failure'; sidecar: string; message: string }
  | { kind: 'more'; count: number };

export class CorpusTreeProvider implements vscode.TreeDataProvider<CorpusNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CorpusNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private stats: CorpusStats | undefined;
  private statsGeneration = -1;
  private readonly sub: vscode.Disposable;

  constructor(private readonly corpus: CorpusService) {
    this.sub = corpus.onDidChange(() => this.emitter.fire(undefined));
  }

  private current(): CorpusStats {
    if (!this.stats || this.statsGeneration !== this.corpus.index.generation) {
      this.stats = corpusStats(this.corpus.index);
      this.statsGeneration = this.corpus.index.generation;
    }
    return this.stats;
  }

  getChildren(node?: CorpusNode): CorpusNode[] {
    const s = this.current();
    if (!node) {
      if (s.articles === 0 && s.failures.length === 0) return [];
      const roots: CorpusNode[] = [
        { kind: 'group', group: 'speakers', count: s.speakers.length },
        { kind: 'group', group: 'topics', count: s.topics.length },
        { kind: 'group', group: 'outlets', count: s.outlets.length },
        { kind: 'group', group: 'dates', count: s.months.length },
        { kind: 'group', group: 'unattributed', count: s.unattributed },
      ];
      if (s.failures.length) roots.push({ kind: 'group', group: 'failures', count: s.failures.length });
      return roots;
    }
    switch (node.kind) {
      case 'group':
        switch (node.group) {
          case 'speakers': return cap(s.speakers.map((x) => ({ kind: 'speaker', id: x.key, label: x.label, quotes: x.quotes, articles: x.articles, attributes: x.attributes })));
          case 'topics': return cap(s.topics.map((x) => ({ kind: 'bucket', by: 'topic', key: x.key, label: x.label, quotes: x.quotes, articles: x.articles })));
          case 'outlets': return cap(s.outlets.map((x) => ({ kind: 'bucket', by: 'outlet', key: x.key, label: x.label, quotes: x.quotes, articles: x.articles })));
          case 'dates': return cap([...s.months.filter((m) => m.key).reverse(), ...s.months.filter((m) => !m.key)].map((x) => ({ kind: 'bucket', by: 'month', key: x.key, label: x.label, quotes: x.quotes, articles: x.articles })));
          case 'unattributed': return this.quotes({ unattributed: true });
          case 'failures': return s.failures.map((f) => ({ kind: 'failure', sidecar: f.sidecar, message: f.message }));
        }
        break;
      case 'speaker':
        return this.quotes({ speaker: node.id });
      case 'bucket': {
        const filter: Filter = node.by === 'topic' ? { topic: node.key } : node.by === 'outlet' ? { outlet: node.key } : { month: node.key };
        return cap(this.corpus.index.sorted().filter((a) => articleMatches(a, filter)).map((a) => ({ kind: 'article', article: a, filter })));
      }
      case 'article': {
        const names = new Map<string, string>();
        return cap(node.article.quotes.filter((q) => !node.filter.topic || quoteTopics(node.article, q).includes(node.filter.topic)).map((q) => {
          const n: CorpusNode = { kind: 'quote', article: node.article, quote: q, showArticle: false };
          if (q.speaker) {
            if (!names.has(q.speaker)) names.set(q.speaker, this.corpus.index.speaker(node.article, q.speaker).name);
            n.speakerName = names.get(q.speaker)!;
          }
          return n;
        }));
      }
    }
    return [];
  }

  private quotes(filter: Filter): CorpusNode[] {
    const out: CorpusNode[] = [];
    let total = 0;
    for (const { article, quote, speaker } of this.corpus.index.quotes()) {
      if (filter.speaker !== undefined && quote.speaker !== filter.speaker) continue;
      if (filter.unattributed && quote.speaker !== undefined) continue;
      total++;
      if (out.length < MAX_CHILDREN) out.push({ kind: 'quote', article, quote, ...(speaker && !filter.speaker ? { speakerName: speaker.name } : {}), showArticle: true });
    }
    if (total > out.length) out.push({ kind: 'more', count: total - out.length });
    return out;
  }

  getTreeItem(node: CorpusNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'group': {
        const labels = {
          speakers: vscode.l10n.t('Speakers'), topics: vscode.l10n.t('Topics'), outlets: vscode.l10n.t('Outlets'),
          dates: vscode.l10n.t('Dates'), unattributed: vscode.l10n.t('Quotes without a speaker'), failures: vscode.l10n.t('Sidecars that could not be read'),
        };
        const icons = { speakers: 'person', topics: 'tag', outlets: 'globe', dates: 'calendar', unattributed: 'question', failures: 'warning' };
        const item = new vscode.TreeItem(labels[node.group], node.count ? (node.group === 'speakers' ? C.Expanded : C.Collapsed) : C.None);
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(icons[node.group]);
        item.id = 'group:' + node.group;
        return item;
      }
      case 'speaker': {
        const item = new vscode.TreeItem(node.label, C.Collapsed);
        const attrs = Object.entries(node.attributes).map(([k, v]) => `${k}: ${v}`).join(', ');
        item.description = vscode.l10n.t('{0} quotes · {1} articles', node.quotes, node.articles) + (attrs ? ' · ' + attrs : '');
        item.tooltip = attrs ? `${node.label}\n${attrs}` : node.label;
        item.iconPath = new vscode.ThemeIcon('person');
        item.id = 'speaker:' + node.id;
        item.contextValue = 'speaker';
        return item;
      }
      case 'bucket': {
        const label = node.key || (node.by === 'month' ? vscode.l10n.t('no date') : node.by === 'outlet' ? vscode.l10n.t('unknown outlet') : node.key);
        const item = new vscode.TreeItem(label, C.Collapsed);
        item.description = vscode.l10n.t('{0} articles · {1} quotes', node.articles, node.quotes);
        item.id = `${node.by}:${node.key}`;
        item.contextValue = node.by;
        return item;
      }
      case 'article': {
        const name = node.article.article.slice(node.article.article.lastIndexOf('/') + 1);
        const item = new vscode.TreeItem(node.article.meta.title || name, node.article.quotes.length ? C.Collapsed : C.None);
        item.description = [node.article.meta.date, node.article.meta.outlet].filter(Boolean).join(' · ');
        item.tooltip = name;
        item.resourceUri = this.corpus.articleUri(node.article);
        item.iconPath = vscode.ThemeIcon.File;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Article'), arguments: [this.corpus.articleUri(node.article)] };
        item.id = `article:${JSON.stringify(node.filter)}:${node.article.sidecar}`;
        return item;
      }
      case 'quote': {
        const text = node.quote.text.replace(/\s+/g, ' ');
        const item = new vscode.TreeItem(text.length > 90 ? text.slice(0, 89) + '…' : text, C.None);
        const name = node.article.meta.title || node.article.article.slice(node.article.article.lastIndexOf('/') + 1);
        item.description = [node.speakerName, node.showArticle ? name : undefined].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(node.quote.text).appendMarkdown('\n\n').appendText([node.speakerName, name, node.article.meta.date].filter(Boolean).join(' · '));
        item.iconPath = new vscode.ThemeIcon(node.quote.kind === 'direct' ? 'quote' : 'comment');
        item.command = { command: 'articleAnnotator._openQuote', title: vscode.l10n.t('Show Quote'), arguments: [node.article.sidecar, node.quote.id] };
        item.contextValue = 'quote';
        return item;
      }
      case 'failure': {
        const item = new vscode.TreeItem(node.sidecar.slice(node.sidecar.lastIndexOf('/') + 1), C.None);
        item.description = node.message;
        item.tooltip = node.message;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Sidecar'), arguments: [this.corpus.sidecarUri(node.sidecar)] };
        return item;
      }
      case 'more':
        return new vscode.TreeItem(vscode.l10n.t('… {0} more (use Find Quote...)', node.count), C.None);
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function cap(nodes: CorpusNode[]): CorpusNode[] {
  if (nodes.length <= MAX_CHILDREN) return nodes;
  return [...nodes.slice(0, MAX_CHILDREN), { kind: 'more', count: nodes.length - MAX_CHILDREN }];
}

export function articleMatches(a: CorpusArticle, f: Filter): boolean {
  if (f.outlet !== undefined && (a.meta.outlet?.trim() ?? '') !== f.outlet) return false;
  if (f.month !== undefined && monthOf(a.meta.date) !== f.month) return false;
  if (f.topic !== undefined && !a.topics.includes(f.topic) && !a.quotes.some((q) => q.topics?.includes(f.topic!))) return false;
  return true;
}
