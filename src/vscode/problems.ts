import * as vscode from 'vscode';
import type { Annotations, Entity, Quote } from '../core/model';
import { ARTICLE_SELECTOR } from './languageDetector';
import { KeyedDebouncer, TAGGING, annotationsAt, kindLabel, ref, shorten, speakerName, visible } from './uiCommon';
import type { ArticleSession } from '../core/session';
import type { ArticleSessions } from './sessions';

export const PROBLEM_COMMANDS = {
  discardOrphan: 'articleAnnotator._discardOrphan',
  attachOrphan: 'articleAnnotator._attachOrphan',
} as const;

const SOURCE = 'Article Annotator';
/** Diagnostic code of a quote without a speaker (orphans use the annotation id as code). */
const NO_SPEAKER = 'no-speaker';
const PROBLEMS_DELAY_MS = 300;


function label(a: Entity | Quote): string {
  const short = a.text.length > 60 ? `${a.text.slice(0, 57)}…` : a.text;
  return 'kind' in a ? vscode.l10n.t('quote “{0}”', short) : vscode.l10n.t('{0} “{1}”', a.type, short);
}

/**
 * Problems: orphaned annotations (their text was deleted or changed outside the editor) as
 * warnings, with quick fixes to discard them or attach them to the current selection.
 */
export class Problems implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection('articleAnnotator');
  private readonly subs: vscode.Disposable[];

  constructor(private readonly sessions: ArticleSessions) {
    this.subs = [
      sessions.onDidChange((uri) => this.schedule(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
      vscode.languages.registerCodeActionsProvider(ARTICLE_SELECTOR, this, {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
      }),
      vscode.commands.registerCommand(PROBLEM_COMMANDS.discardOrphan, (uri: vscode.Uri, id: string) => this.discard(uri, id)),
      vscode.commands.registerCommand(PROBLEM_COMMANDS.attachOrphan, (uri: vscode.Uri, id: string) => this.attach(uri, id)),
    ];
  }

  private readonly timers = new KeyedDebouncer();

  /** Problems follow changes after a short quiet time (not on every keystroke). */
  private schedule(uri: vscode.Uri): void {
    this.timers.schedule(uri.toString(), PROBLEMS_DELAY_MS, () => void this.update(uri));
  }

  private async update(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return;
    const session = await this.sessions.get(doc);
    if (!session) return;
    this.sessions.meter.run('problems', () => this.publish(doc, session));
  }

  /**
   * Positions come from the document (its own line index, kept up to date by VS Code as you
   * type), so the session's text need not be made whole and indexed again after each pause.
   */
  private publish(doc: vscode.TextDocument, session: ArticleSession): void {
    const ann = session.annotations;
    const diags: vscode.Diagnostic[] = [];
    const length = session.currentLength;
    for (const q of ann.quotes) {
      if (q.speaker || !visible(q) || q.end > length) continue;
      const d = new vscode.Diagnostic(
        new vscode.Range(doc.positionAt(q.start), doc.positionAt(q.end)),
        vscode.l10n.t('{0} without a speaker: “{1}”', kindLabel(q), shorten(q.text, 60)),
        vscode.DiagnosticSeverity.Information,
      );
      d.source = SOURCE;
      d.code = NO_SPEAKER;
      diags.push(d);
    }
    for (const a of [...ann.entities, ...ann.quotes]) {
      if (a.status !== 'orphaned') continue;
      const pos = doc.positionAt(Math.min(a.start, length));
      const d = new vscode.Diagnostic(
        new vscode.Range(pos, pos),
        vscode.l10n.t('Orphaned annotation: the text of {0} is no longer in the article.', label(a)),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = SOURCE;
      d.code = a.id;
      diags.push(d);
    }
    this.collection.set(doc.uri, diags);
  }

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, ctx: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const session = await this.sessions.get(doc);
    if (session) actions.push(...this.quoteActions(doc, range, ctx, session.annotations));
    const ours = (d: vscode.Diagnostic): d is vscode.Diagnostic & { code: string } => d.source === SOURCE && typeof d.code === 'string' && d.code !== NO_SPEAKER;
    for (const d of ctx.diagnostics.filter(ours)) {
      const discard = new vscode.CodeAction(vscode.l10n.t('Discard the orphaned annotation'), vscode.CodeActionKind.QuickFix);
      discard.diagnostics = [d];
      discard.command = { title: discard.title, command: PROBLEM_COMMANDS.discardOrphan, arguments: [doc.uri, d.code] };
      actions.push(discard);
    }
    // With text selected, every orphan of the article can be attached to it (it was wherever).
    if (!range.isEmpty) {
      for (const d of this.collection.get(doc.uri)?.filter(ours) ?? []) {
        const attach = new vscode.CodeAction(
          vscode.l10n.t('Attach the orphaned annotation to the selection: {0}', d.message.replace(/^[^“]*/, '').replace(/ is no longer.*$/, '')),
          vscode.CodeActionKind.QuickFix,
        );
        attach.diagnostics = [d];
        attach.command = { title: attach.title, command: PROBLEM_COMMANDS.attachOrphan, arguments: [doc.uri, d.code] };
        actions.push(attach);
      }
    }
    return actions;
  }

  /**
   * For the quote at the cursor: accept its suggested speaker, tag a speaker, reject it. The
   * commands belong to the tagging part and take `{ uri, id }`.
   */
  private quoteActions(doc: vscode.TextDocument, range: vscode.Range, ctx: vscode.CodeActionContext, ann: Annotations): vscode.CodeAction[] {
    const offset = doc.offsetAt(range.start);
    const quotes = annotationsAt(ann, offset).quotes.filter((q) => offset < q.end || q.start === q.end);
    const q = quotes.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (!q) return [];
    const qRange = new vscode.Range(doc.positionAt(q.start), doc.positionAt(q.end));
    const diag = ctx.diagnostics.find((d) => d.source === SOURCE && d.code === NO_SPEAKER && d.range.isEqual(qRange));
    const r = ref(doc.uri, q.id);
    const out: vscode.CodeAction[] = [];
    const action = (title: string, command: string, preferred = false) => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.command = { title, command, arguments: [r] };
      if (diag) a.diagnostics = [diag];
      a.isPreferred = preferred;
      out.push(a);
    };
    if (q.speaker && q.status === 'suggested') {
      action(vscode.l10n.t('Accept the suggested speaker: {0}', speakerName(ann, q.speaker) ?? q.speaker), TAGGING.acceptSuggestedSpeaker, true);
    }
    action(q.speaker ? vscode.l10n.t('Tag another speaker…') : vscode.l10n.t('Tag speaker…'), TAGGING.tagSpeaker, !q.speaker);
    if (q.status === 'suggested') action(vscode.l10n.t('Reject this quote'), TAGGING.rejectSuggestion);
    return out;
  }

  private async find(uri: vscode.Uri, id: string) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const session = await this.sessions.get(doc);
    if (!session) return undefined;
    const ann = session.annotations;
    const inEntities = ann.entities.findIndex((a) => a.id === id && a.status === 'orphaned');
    const inQuotes = ann.quotes.findIndex((a) => a.id === id && a.status === 'orphaned');
    return { doc, ann, inEntities, inQuotes };
  }

  async discard(uri: vscode.Uri, id: string): Promise<boolean> {
    const f = await this.find(uri, id);
    if (!f || (f.inEntities < 0 && f.inQuotes < 0)) return false;
    if (f.inEntities >= 0) f.ann.entities.splice(f.inEntities, 1);
    else f.ann.quotes.splice(f.inQuotes, 1);
    this.sessions.changed(uri);
    return true;
  }

  async attach(uri: vscode.Uri, id: string): Promise<boolean> {
    const f = await this.find(uri, id);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (!f || !editor || editor.selection.isEmpty) return false;
    const a = f.inEntities >= 0 ? f.ann.entities[f.inEntities] : f.ann.quotes[f.inQuotes];
    if (!a) return false;
    a.start = f.doc.offsetAt(editor.selection.start);
    a.end = f.doc.offsetAt(editor.selection.end);
    a.text = f.doc.getText(editor.selection);
    a.status = a.previousStatus ?? 'confirmed';
    delete a.previousStatus;
    this.sessions.changed(uri);
    return true;
  }

  dispose(): void {
    this.timers.dispose();
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }
}
