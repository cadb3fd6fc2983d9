/**
 * Hovers: for an entity its type, how often it is mentioned and the speaker it belongs to; for a
 * quote its speaker, the rule and confidence, its topics; with command links (confirm, reject,
 * tag speaker, accept the suggested speaker) that call the tagging commands by id.
 */
import * as vscode from 'vscode';
import type { Annotations, Entity, Quote } from '../core/model';
import { ARTICLE_SELECTOR } from './languageDetector';
import type { ArticleSessions } from './sessions';
import {
  TAGGING,
  annotationsAt,
  commandLink,
  kindLabel,
  ref,
  shorten,
  speakerMap,
  typeLabel,
  visible,
  type EntityTypeSource,
  noEntityTypes,
} from './uiCommon';

const LINK_COMMANDS = [TAGGING.confirmSuggestion, TAGGING.rejectSuggestion, TAGGING.tagSpeaker, TAGGING.acceptSuggestedSpeaker];

function md(): vscode.MarkdownString {
  const m = new vscode.MarkdownString('', true);
  m.isTrusted = { enabledCommands: LINK_COMMANDS };
  return m;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function statusLabel(a: Entity | Quote): string {
  return a.status === 'confirmed' ? vscode.l10n.t('confirmed') : vscode.l10n.t('suggested');
}

function links(uri: vscode.Uri, a: Entity | Quote, isQuote: boolean): string {
  const r = ref(uri, a.id);
  const out: string[] = [];
  if (a.status === 'suggested') {
    out.push(`[${vscode.l10n.t('Confirm')}](${commandLink(TAGGING.confirmSuggestion, [r])} "${vscode.l10n.t('Confirm this annotation')}")`);
    out.push(`[${vscode.l10n.t('Reject')}](${commandLink(TAGGING.rejectSuggestion, [r])} "${vscode.l10n.t('Reject this annotation')}")`);
  }
  if (isQuote) {
    const q = a as Quote;
    if (q.speaker && q.status === 'suggested') {
      out.push(`[${vscode.l10n.t('Accept speaker')}](${commandLink(TAGGING.acceptSuggestedSpeaker, [r])})`);
    }
    out.push(`[${vscode.l10n.t('Tag speaker…')}](${commandLink(TAGGING.tagSpeaker, [r])})`);
  }
  return out.join(' · ');
}

export function entityHover(uri: vscode.Uri, ann: Annotations, e: Entity, typeName: string): vscode.MarkdownString {
  const m = md();
  const same = ann.entities.filter((x) => visible(x) && x.type === e.type && (e.speaker ? x.speaker === e.speaker : x.text === e.text));
  m.appendMarkdown(`**${escape(e.text)}** — ${escape(typeName)} (${statusLabel(e)})\n\n`);
  if (e.role) m.appendMarkdown(`${escape(vscode.l10n.t('Role: {0}', e.role))}\n\n`);
  m.appendMarkdown(`${escape(vscode.l10n.t('{0} mention(s) in this article', same.length))}\n\n`);
  if (e.speaker) {
    const sp = speakerMap(ann).get(e.speaker);
    const quotes = ann.quotes.filter((q) => visible(q) && q.speaker === e.speaker).length;
    m.appendMarkdown(`${escape(vscode.l10n.t('Speaker: {0}, {1} quote(s)', sp?.name ?? e.speaker, quotes))}\n\n`);
  }
  const l = links(uri, e, false);
  if (l) m.appendMarkdown(l);
  return m;
}

export function quoteHover(uri: vscode.Uri, ann: Annotations, q: Quote): vscode.MarkdownString {
  const m = md();
  const name = q.speaker ? (speakerMap(ann).get(q.speaker)?.name ?? q.speaker) : undefined;
  m.appendMarkdown(`**${escape(kindLabel(q))}** (${statusLabel(q)}) — ${escape(name ? vscode.l10n.t('speaker: {0}', name) : vscode.l10n.t('no speaker yet'))}\n\n`);
  m.appendMarkdown(`> ${escape(shorten(q.text, 120))}\n\n`);
  const facts: string[] = [];
  if (q.rule) facts.push(vscode.l10n.t('rule: {0}', q.rule));
  if (q.confidence !== undefined) facts.push(vscode.l10n.t('confidence: {0}%', Math.round(q.confidence * 100)));
  if (q.origin === 'manual') facts.push(vscode.l10n.t('marked by hand'));
  if (q.source) facts.push(vscode.l10n.t('named as “{0}”', q.source.text));
  if (facts.length) m.appendMarkdown(`${escape(facts.join(' · '))}\n\n`);
  m.appendMarkdown(`${escape(q.topics?.length ? vscode.l10n.t('Topics: {0}', q.topics.join(', ')) : vscode.l10n.t('No topics'))}\n\n`);
  m.appendMarkdown(links(uri, q, true));
  return m;
}

export class Hovers implements vscode.HoverProvider, vscode.Disposable {
  private readonly sub: vscode.Disposable;
  constructor(
    private readonly sessions: ArticleSessions,
    private readonly entityTypes: () => EntityTypeSource = () => noEntityTypes,
  ) {
    this.sub = vscode.languages.registerHoverProvider(ARTICLE_SELECTOR, this);
  }

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const session = await this.sessions.get(doc);
    if (!session) return undefined;
    const ann = session.annotations;
    const offset = doc.offsetAt(pos);
    const at = annotationsAt(ann, offset);
    // Offsets are inclusive at the end for hovering the last character; prefer the innermost.
    const entity = at.entities.filter((e) => offset < e.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const quote = at.quotes.filter((q) => offset < q.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (!entity && !quote) return undefined;
    const parts: vscode.MarkdownString[] = [];
    const defs = this.entityTypes().entityTypes(doc.uri);
    if (entity) parts.push(entityHover(doc.uri, ann, entity, typeLabel(entity.type, defs)));
    if (quote) parts.push(quoteHover(doc.uri, ann, quote));
    const spans = [entity, quote].filter((x): x is Entity | Quote => !!x);
    const inner = spans.sort((a, b) => a.end - a.start - (b.end - b.start))[0]!;
    return new vscode.Hover(parts, new vscode.Range(doc.positionAt(inner.start), doc.positionAt(inner.end)));
  }

  dispose(): void {
    this.sub.dispose();
  }
}
