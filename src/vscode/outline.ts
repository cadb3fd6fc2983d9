/**
 * Document symbols (Outline, breadcrumbs, Go to Symbol): quotes grouped by speaker, entities by
 * type (each distinct name once, its mentions below it).
 */
import * as vscode from 'vscode';
import type { Annotations, Entity, Quote } from '../core/model';
import type { EntityTypeDef } from '../core/workspace/types';
import { ARTICLE_LANGUAGE } from './languageDetector';
import type { ArticleSessions } from './sessions';
import { BUILTIN_ENTITY_TYPES, LineIndex, kindLabel, noEntityTypes, shorten, speakerMap, typeLabel, visible, type EntityTypeSource } from './uiCommon';

function group(name: string, detail: string, kind: vscode.SymbolKind, children: vscode.DocumentSymbol[]): vscode.DocumentSymbol | undefined {
  if (children.length === 0) return undefined;
  const range = children.map((c) => c.range).reduce((a, b) => a.union(b));
  const first = children.map((c) => c.selectionRange).reduce((a, b) => (a.start.isBefore(b.start) ? a : b));
  const s = new vscode.DocumentSymbol(name, detail, kind, range, first);
  s.children = children.sort((a, b) => a.range.start.compareTo(b.range.start));
  return s;
}

export function articleSymbols(ann: Annotations, text: string, defs: readonly EntityTypeDef[]): vscode.DocumentSymbol[] {
  const idx = new LineIndex(text);
  const speakers = speakerMap(ann);
  const inText = (a: Entity | Quote) => visible(a) && a.end <= text.length;

  const bySpeaker = new Map<string, Quote[]>();
  for (const q of ann.quotes.filter(inText)) {
    const k = q.speaker ?? '';
    bySpeaker.set(k, [...(bySpeaker.get(k) ?? []), q]);
  }
  const speakerSymbols: vscode.DocumentSymbol[] = [];
  for (const [id, quotes] of bySpeaker) {
    const children = quotes.map((q) => {
      const r = idx.range(q.start, q.end);
      return new vscode.DocumentSymbol(shorten(q.text, 50), kindLabel(q), vscode.SymbolKind.String, r, r);
    });
    const name = id ? (speakers.get(id)?.name ?? id) : vscode.l10n.t('(no speaker)');
    const s = group(name, vscode.l10n.t('{0} quote(s)', quotes.length), id ? vscode.SymbolKind.Class : vscode.SymbolKind.Null, children);
    if (s) speakerSymbols.push(s);
  }

  const byType = new Map<string, Map<string, Entity[]>>();
  for (const e of ann.entities.filter(inText)) {
    const names = byType.get(e.type) ?? new Map<string, Entity[]>();
    byType.set(e.type, names);
    const key = e.speaker ? `@${e.speaker}` : e.text;
    names.set(key, [...(names.get(key) ?? []), e]);
  }
  const order = (t: string) => {
    const i = (BUILTIN_ENTITY_TYPES as readonly string[]).indexOf(t);
    return i < 0 ? BUILTIN_ENTITY_TYPES.length : i;
  };
  const typeSymbols: vscode.DocumentSymbol[] = [];
  for (const type of [...byType.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b))) {
    const names = byType.get(type)!;
    const nameSymbols: vscode.DocumentSymbol[] = [];
    for (const [key, mentions] of names) {
      const label = key.startsWith('@') ? (speakers.get(key.slice(1))?.name ?? mentions[0]!.text) : key;
      const mentionSymbols = mentions.map((m) => {
        const r = idx.range(m.start, m.end);
        return new vscode.DocumentSymbol(m.text, m.status, vscode.SymbolKind.Field, r, r);
      });
      const s = group(label, vscode.l10n.t('{0} mention(s)', mentions.length), vscode.SymbolKind.Field, mentionSymbols);
      if (s) nameSymbols.push(s);
    }
    const count = [...names.values()].reduce((n, m) => n + m.length, 0);
    const s = group(typeLabel(type, defs), String(count), vscode.SymbolKind.Enum, nameSymbols);
    if (s) typeSymbols.push(s);
  }

  const out: vscode.DocumentSymbol[] = [];
  const quotes = group(vscode.l10n.t('Quotes'), vscode.l10n.t('by speaker'), vscode.SymbolKind.Namespace, speakerSymbols);
  const entities = group(vscode.l10n.t('Entities'), vscode.l10n.t('by type'), vscode.SymbolKind.Namespace, typeSymbols);
  if (quotes) out.push(quotes);
  if (entities) out.push(entities);
  return out;
}

export class Outline implements vscode.DocumentSymbolProvider, vscode.Disposable {
  private readonly sub: vscode.Disposable;
  constructor(
    private readonly sessions: ArticleSessions,
    private readonly entityTypes: () => EntityTypeSource = () => noEntityTypes,
  ) {
    this.sub = vscode.languages.registerDocumentSymbolProvider({ language: ARTICLE_LANGUAGE }, this, { label: vscode.l10n.t('Article') });
  }

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const session = await this.sessions.get(doc);
    if (!session) return [];
    return articleSymbols(session.annotations, session.currentText, this.entityTypes().entityTypes(doc.uri));
  }

  dispose(): void {
    this.sub.dispose();
  }
}
