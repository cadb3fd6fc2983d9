/** Commands over the workspace corpus: Find Quote..., Show / Save Corpus Report, Export Corpus..., refresh, open a quote. */
import * as vscode from 'vscode';
import {
  loadArticle, quoteRows, toBrat, toCsv, toJsonl, toW3c, w3cAnnotations, type CorpusArticle,
} from '../core/corpus';
import { OffsetMap } from '../core/store';
import type { CorpusService } from './corpus';
import { CorpusReport, relativeName } from './corpusReport';
import type { CorpusNode } from './corpusView';
import { WorkspaceFileSystem } from './workspaceFs';

export const CORPUS_COMMANDS = {
  findQuote: 'articleAnnotator.findQuote',
  showCorpusReport: 'articleAnnotator.showCorpusReport',
  saveCorpusReport: 'articleAnnotator.saveCorpusReport',
  exportCorpus: 'articleAnnotator.exportCorpus',
  refreshCorpus: 'articleAnnotator.refreshCorpus',
  openQuote: 'articleAnnotator._openQuote',
} as const;

export type ExportFormat = 'csv' | 'jsonl' | 'brat' | 'w3c';

interface QuoteItem extends vscode.QuickPickItem {
  sidecar: string;
  quoteId: string;
}

/** Opens the article of a quote with the quote selected (offsets: code points in the index, UTF-16 in the editor). */
export async function openQuote(corpus: CorpusService, sidecar: string, quoteId: string): Promise<vscode.TextEditor | undefined> {
  const article = corpus.index.get(sidecar);
  const quote = article?.quotes.find((q) => q.id === quoteId);
  if (!article || !quote) {
    void vscode.window.showInformationMessage(vscode.l10n.t('That quote is no longer in the corpus; its sidecar changed.'));
    return undefined;
  }
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(corpus.articleUri(article));
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('The article {0} could not be opened; it may have been moved or deleted.', relativeName(article.article)));
    return undefined;
  }
  const text = doc.getText();
  const map = new OffsetMap(text);
  let start = map.toUtf16(quote.start);
  if (!text.startsWith(quote.text, start)) {
    // the article changed since the sidecar was written: the nearest occurrence of the text
    let best = -1;
    for (let i = text.indexOf(quote.text); i >= 0; i = text.indexOf(quote.text, i + 1)) if (best < 0 || Math.abs(i - start) < Math.abs(best - start)) best = i;
    start = best;
  }
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  if (start < 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The quote’s text is no longer in the article.'));
    return editor;
  }
  const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + quote.text.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** "Find Quote...": a QuickPick over every quote, matching speaker, topics and text. */
async function findQuote(corpus: CorpusService, filter: { speaker?: string; topic?: string; text?: string } = {}): Promise<vscode.TextEditor | undefined> {
  await corpus.settled();
  const items: QuoteItem[] = [];
  for (const { article, quote, speaker, topics } of corpus.index.quotes()) {
    if (filter.speaker !== undefined && quote.speaker !== filter.speaker) continue;
    if (filter.topic !== undefined && !topics.includes(filter.topic)) continue;
    items.push({
      label: quote.text.replace(/\s+/g, ' '),
      description: speaker?.name ?? vscode.l10n.t('no speaker'),
      detail: [topics.length ? topics.map((t) => '#' + t).join(' ') : undefined, article.meta.title || relativeName(article.article), article.meta.date, article.meta.outlet].filter(Boolean).join(' · '),
      sidecar: article.sidecar,
      quoteId: quote.id,
    });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No quotes in the corpus yet: annotate articles first (their .annotations.yaml files are indexed).'));
    return undefined;
  }
  const qp = vscode.window.createQuickPick<QuoteItem>();
  qp.items = items;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.placeholder = vscode.l10n.t('Search {0} quotes by speaker, topic or text', items.length);
  if (filter.text) qp.value = filter.text;
  const picked = await new Promise<QuoteItem | undefined>((resolve) => {
    qp.onDidAccept(() => { resolve(qp.selectedItems[0]); qp.hide(); });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return picked ? openQuote(corpus, picked.sidecar, picked.quoteId) : undefined;
}

/** "Export Corpus...": asks the format and where (unless given); returns what was written. */
async function exportCorpus(corpus: CorpusService, args: { format?: ExportFormat; target?: vscode.Uri } = {}): Promise<{ target: vscode.Uri; count: number; failed: string[] } | undefined> {
  await corpus.settled();
  let format = args.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick([
      { label: 'CSV', description: vscode.l10n.t('one row per quote'), format: 'csv' as const },
      { label: 'JSONL', description: vscode.l10n.t('one JSON object per quote'), format: 'jsonl' as const },
      { label: 'brat standoff', description: vscode.l10n.t('.txt and .ann per article, in a folder'), format: 'brat' as const },
      { label: 'W3C Web Annotation', description: vscode.l10n.t('JSON-LD with text quote and position selectors'), format: 'w3c' as const },
    ], { placeHolder: vscode.l10n.t('Export the corpus as') });
    if (!pick) return undefined;
    format = pick.format;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let target = args.target;
  if (!target) {
    if (format === 'brat') {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Export Here'), title: vscode.l10n.t('Folder for the brat files') });
      target = picked?.[0];
    } else {
      const ext = format === 'w3c' ? 'jsonld' : format;
      target = await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, `corpus.${ext}`), filters: { [ext.toUpperCase()]: [ext, 'json'] }, title: vscode.l10n.t('Export Corpus') });
    }
  }
  if (!target) return undefined;
  const dest = target;
  const fmt = format;
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the corpus'), cancellable: false }, async (progress) => {
      const encode = (s: string) => new TextEncoder().encode(s);
      if (fmt === 'csv' || fmt === 'jsonl') {
        const attrs = corpus.index.workspace.speakerAttributes.map((a) => a.id);
        const rows = [...quoteRows(corpus.index, relativeName)];
        for (const r of rows) for (const k of Object.keys(r.attributes)) if (!attrs.includes(k)) attrs.push(k);
        await vscode.workspace.fs.writeFile(dest, encode(fmt === 'csv' ? toCsv(rows, attrs) : toJsonl(rows)));
        return { target: dest, count: rows.length, failed: [] };
      }
      const articles = corpus.index.sorted();
      const failed: string[] = [];
      const items: unknown[] = [];
      let count = 0;
      for (let i = 0; i < articles.length; i++) {
        const a: CorpusArticle = articles[i]!;
        if (i % 50 === 0) progress.report({ message: `${i}/${articles.length}`, increment: (50 / articles.length) * 100 });
        const uri = corpus.articleUri(a);
        const l = await loadArticle(new WorkspaceFileSystem(uri), uri.path);
        if ('error' in l) { failed.push(l.error); continue; }
        const rel = relativeName(a.article);
        if (fmt === 'w3c') {
          const w = w3cAnnotations({ source: rel, text: l.text, annotations: l.annotations, speakerName: (id) => corpus.index.speaker(a, id).name });
          items.push(...w.items);
        } else {
          const stem = rel.replace(/\.[^./]+$/, '');
          await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dest, stem + '.txt'), encode(l.text));
          await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dest, stem + '.ann'), encode(toBrat(l.annotations, l.text).ann));
        }
        count++;
      }
      if (fmt === 'w3c') await vscode.workspace.fs.writeFile(dest, encode(toW3c(items)));
      if (failed.length) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} article(s) were left out of the export: {1}', failed.length, failed.slice(0, 3).join(' ')));
      }
      return { target: dest, count, failed };
    });
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The corpus could not be exported to {0}: {1}', dest.fsPath, (e as Error).message));
    return undefined;
  }
}

/** A filter, or a Corpus view node (the inline "Find Quote..." of a speaker or topic). */
type FindQuoteArg = { speaker?: string; topic?: string; text?: string } | CorpusNode;

function filterOf(arg: FindQuoteArg | undefined): { speaker?: string; topic?: string; text?: string } {
  if (!arg) return {};
  if ('kind' in arg) {
    if (arg.kind === 'speaker') return { speaker: arg.id };
    if (arg.kind === 'bucket' && arg.by === 'topic') return { topic: arg.key };
    return {};
  }
  return arg;
}

export function registerCorpusCommands(corpus: CorpusService, report: CorpusReport): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CORPUS_COMMANDS.findQuote, (arg?: FindQuoteArg) => findQuote(corpus, filterOf(arg))),
    vscode.commands.registerCommand(CORPUS_COMMANDS.showCorpusReport, () => report.show()),
    vscode.commands.registerCommand(CORPUS_COMMANDS.saveCorpusReport, (args?: { format?: 'md' | 'html'; target?: vscode.Uri }) => report.save(args?.format, args?.target)),
    vscode.commands.registerCommand(CORPUS_COMMANDS.exportCorpus, (args?: { format?: ExportFormat; target?: vscode.Uri }) => exportCorpus(corpus, args ?? {})),
    vscode.commands.registerCommand(CORPUS_COMMANDS.refreshCorpus, () => corpus.rescan()),
    vscode.commands.registerCommand(CORPUS_COMMANDS.openQuote, (sidecar: string, quoteId: string) => openQuote(corpus, sidecar, quoteId)),
  ];
}

