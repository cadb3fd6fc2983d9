/**
 * Document symbols (Outline, breadcrumbs, Go to Symbol): quotes grouped by speaker, entities by
 * type (each distinct name once, at its first mention, with its number of mentions).
 */
import * as vscode from 'vscode';
import type { Annotations, Entity, Quote } from '../core/model';
import type { EntityTypeDef } from '../core/workspace/types';
import { ARTICLE_SELECTOR } from './languageDetector';
import type { ArticleSessions } from './sessions';
import { BUILTIN_ENTITY_TYPES, lineIndexOf, noEntityTypes, shorten, speakerMap, typeLabel, visible, type EntityTypeSource } from './uiCommon';

/** How long after an edit the Outline's symbols are computed (they follow typing, not each key). */
const OUTLINE_QUIET_MS = 1000;

function group(name: string, detail: string, kind: vscode.SymbolKind, children: vscode.DocumentSymbol[]): vscode.DocumentSymbol | undefined {
  if (children.length === 0) return undefined;
  children.sort((a, b) => a.range.start.compareTo(b.range.start));
  let end = children[0]!.range.end;
  for (const c of children) if (c.range.end.isAfter(end)) end = c.range.end;
  const s = new vscode.DocumentSymbol(name, detail, kind, new vscode.Range(children[0]!.range.start, end), children[0]!.selectionRange);
  s.children = children;
  return s;
}

export function articleSymbols(ann: Annotations, text: string, defs: readonly EntityTypeDef[]): vscode.DocumentSymbol[] {
  const idx = lineIndexOf(text);
  const speakers = speakerMap(ann);
  const inText = (a: Entity | Quote) => visible(a) && a.end <= text.length;

  const bySpeaker = new Map<string, Quote[]>();
  for (const q of ann.quotes.filter(inText)) {
    const k = q.speaker ?? '';
    push(bySpeaker, k, q);
  }
  const speakerSymbols: vscode.DocumentSymbol[] = [];
  const kinds = { direct: vscode.l10n.t('Direct quote'), indirect: vscode.l10n.t('Reported speech') };
  for (const [id, quotes] of bySpeaker) {
    const children = quotes.map((q) => {
      const r = idx.range(q.start, q.end);
      return new vscode.DocumentSymbol(shorten(q.text, 50), kinds[q.kind] ?? q.kind, vscode.SymbolKind.String, r, r);
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
    push(names, key, e);
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
      // One symbol per name at its first mention (20,000 mention symbols would slow every edit).
      const first = mentions.reduce((a, b) => (a.start <= b.start ? a : b));
      const r = idx.range(first.start, first.end);
      nameSymbols.push(new vscode.DocumentSymbol(label, vscode.l10n.t('{0} mention(s)', mentions.length), vscode.SymbolKind.Field, r, r));
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
  private readonly subs: vscode.Disposable[];
  /**
   * The last symbols of each article, for the text and annotations they were computed from:
   * the Outline, breadcrumbs and sticky scroll each ask after an edit, and are answered from
   * one computation. Dropped when the article's annotations change.
   */
  private readonly cache = new Map<string, { text: string; ann: Annotations; defs: readonly EntityTypeDef[]; symbols: vscode.DocumentSymbol[] }>();
  constructor(
    private readonly sessions: ArticleSessions,
    private readonly entityTypes: () => EntityTypeSource = () => noEntityTypes,
  ) {
    this.subs = [
      vscode.languages.registerDocumentSymbolProvider(ARTICLE_SELECTOR, this, { label: vscode.l10n.t('Article') }),
      sessions.onDidChange((uri) => this.cache.delete(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.lastEdit.set(e.document.uri.toString(), Date.now());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.lastEdit.delete(d.uri.toString());
      }),
    ];
  }

  /** When each article was last edited: while the user types, the symbols wait for a pause. */
  private readonly lastEdit = new Map<string, number>();

  async provideDocumentSymbols(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    const key = doc.uri.toString();
    // The Outline and breadcrumbs ask after every edit: answered once typing pauses (a newer
    // request cancels this one), not per keystroke.
    for (;;) {
      const quietFor = Date.now() - (this.lastEdit.get(key) ?? 0);
      if (quietFor >= OUTLINE_QUIET_MS) break;
      await new Promise((r) => setTimeout(r, OUTLINE_QUIET_MS - quietFor));
      if (token?.isCancellationRequested) return [];
    }
    const session = await this.sessions.get(doc);
    if (!session || token?.isCancellationRequested) return [];
    const text = session.currentText;
    const ann = session.annotations;
    const defs = this.entityTypes().entityTypes(doc.uri);
    const hit = this.cache.get(key);
    if (hit && hit.text === text && hit.ann === ann && hit.defs === defs) return hit.symbols;
    const symbols = this.sessions.meter.run('outline', () => articleSymbols(ann, text, defs));
    this.cache.set(key, { text, ann, defs, symbols });
    return symbols;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.cache.clear();
  }
}

/** Appends to a list in a map (no copying: lists can hold thousands of annotations). */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
