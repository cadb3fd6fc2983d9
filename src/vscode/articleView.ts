/**
 * The side-bar view "Article" (its own activity-bar container): the active article's speakers
 * with their quotes, its topics, and its entities by type with counts. A click reveals the text;
 * quote and entity nodes carry `{ uri, id }`, the argument of the tagging commands, so inline
 * actions can call them directly. Welcome content shows while no article is open.
 */
import * as vscode from 'vscode';
import type { Annotations, Entity, Quote } from '../core/model';
import type { ArticleSession } from '../core/session';
import { isArticleDocument } from './languageDetector';
import type { ArticleSessions } from './sessions';
import { BUILTIN_ENTITY_TYPES, kindLabel, noEntityTypes, shorten, speakerMap, typeLabel, visible, type EntityTypeSource } from './uiCommon';

export const ARTICLE_VIEW = 'articleAnnotator.article';
export const REVEAL_COMMAND = 'articleAnnotator._reveal';

export type ArticleNode =
  | { kind: 'section'; section: 'speakers' | 'topics' | 'entities'; uri: string; count: number }
  /** `id` is the speaker id (absent for quotes without a speaker): the argument of renameSpeaker etc. */
  | { kind: 'speaker'; uri: string; id?: string; speaker: string | undefined; name: string; quotes: Quote[] }
  | { kind: 'quote'; uri: string; id: string; quote: Quote }
  | { kind: 'topic'; uri: string; topic: string; passages: number }
  | { kind: 'entityType'; uri: string; type: string; entities: Entity[] }
  | { kind: 'entity'; uri: string; id: string; name: string; mentions: Entity[] };

export class ArticleView implements vscode.TreeDataProvider<ArticleNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ArticleNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private current: { uri: vscode.Uri; session: ArticleSession } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly view: vscode.TreeView<ArticleNode>;

  constructor(
    private readonly sessions: ArticleSessions,
    private readonly entityTypes: () => EntityTypeSource = () => noEntityTypes,
  ) {
    this.view = vscode.window.createTreeView(ARTICLE_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.subs.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => void this.follow()),
      sessions.onDidChange((uri) => {
        if (this.current?.uri.toString() !== uri.toString()) return void this.follow();
        // Batches bursts of changes (typing, confirm-all) into one refresh.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.emitter.fire(undefined), 100);
      }),
      vscode.workspace.onDidCloseTextDocument(() => void this.follow()),
      vscode.window.onDidChangeVisibleTextEditors(() => void this.follow()),
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: string, start: number, end: number) => this.reveal(uri, start, end)),
    );
    void this.follow();
  }

  /** The article shown: the active editor's, or the last one while it is still visible (focus in a panel or view). */
  get article(): vscode.Uri | undefined {
    return this.current?.uri;
  }

  /** Waits until the view shows an article (for tests). */
  async follow(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && isArticleDocument(doc)) {
      const session = await this.sessions.get(doc);
      this.current = session ? { uri: doc.uri, session } : undefined;
    } else if (this.current && !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === this.current?.uri.toString())) {
      this.current = undefined;
    }
    await vscode.commands.executeCommand('setContext', 'articleAnnotator.articleOpen', !!this.current);
    this.view.description = this.current ? this.current.uri.path.slice(this.current.uri.path.lastIndexOf('/') + 1) : undefined;
    this.emitter.fire(undefined);
  }

  private async reveal(uri: string, start: number, end: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  getChildren(node?: ArticleNode): ArticleNode[] {
    return this.sessions.meter.run('article view', () => this.children(node));
  }

  private children(node?: ArticleNode): ArticleNode[] {
    const cur = this.current;
    if (!cur) return [];
    const uri = cur.uri.toString();
    // The session replaces its annotations object on refresh: read it fresh each time.
    const ann = cur.session.annotations;
    const quotes = ann.quotes.filter(visible);
    const entities = ann.entities.filter(visible);
    if (!node) {
      const topics = this.topics(ann);
      return [
        { kind: 'section', section: 'speakers', uri, count: new Set(quotes.map((q) => q.speaker ?? '')).size },
        { kind: 'section', section: 'topics', uri, count: topics.size },
        { kind: 'section', section: 'entities', uri, count: entities.length },
      ];
    }
    switch (node.kind) {
      case 'section':
        if (node.section === 'speakers') {
          const speakers = speakerMap(ann);
          const by = new Map<string, Quote[]>();
          for (const q of quotes) push(by, q.speaker ?? '', q);
          return [...by.entries()]
            .map(([id, qs]): ArticleNode => ({ kind: 'speaker', uri, id: id || undefined, speaker: id || undefined, name: id ? (speakers.get(id)?.name ?? id) : '', quotes: qs }))
            .sort((a, b) => (a.kind === 'speaker' && b.kind === 'speaker' ? sortSpeakers(a, b) : 0));
        }
        if (node.section === 'topics') {
          return [...this.topics(ann).entries()].map(([topic, passages]) => ({ kind: 'topic', uri, topic, passages }));
        }
        return this.types(entities).map((type) => ({ kind: 'entityType', uri, type, entities: entities.filter((e) => e.type === type) }));
      case 'speaker':
        return node.quotes.sort((a, b) => a.start - b.start).map((q) => ({ kind: 'quote', uri, id: q.id, quote: q }));
      case 'entityType': {
        const speakers = speakerMap(ann);
        const by = new Map<string, Entity[]>();
        for (const e of node.entities) {
          const key = e.speaker ? `@${e.speaker}` : e.text;
          push(by, key, e);
        }
        return [...by.entries()]
          .map(([key, mentions]): ArticleNode => ({
            kind: 'entity',
            uri,
            id: mentions[0]!.id,
            name: key.startsWith('@') ? (speakers.get(key.slice(1))?.name ?? mentions[0]!.text) : key,
            mentions,
          }))
          .sort((a, b) => (a.kind === 'entity' && b.kind === 'entity' ? b.mentions.length - a.mentions.length || a.name.localeCompare(b.name) : 0));
      }
      default:
        return [];
    }
  }

  private topics(ann: Annotations): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of ann.topics) out.set(t, 0);
    for (const q of ann.quotes) for (const t of q.topics ?? []) if (visible(q)) out.set(t, (out.get(t) ?? 0) + 1);
    return out;
  }

  private types(entities: Entity[]): string[] {
    const order = (t: string) => {
      const i = (BUILTIN_ENTITY_TYPES as readonly string[]).indexOf(t);
      return i < 0 ? BUILTIN_ENTITY_TYPES.length : i;
    };
    return [...new Set(entities.map((e) => e.type))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  }

  getTreeItem(node: ArticleNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'section': {
        const label =
          node.section === 'speakers' ? vscode.l10n.t('Speakers') : node.section === 'topics' ? vscode.l10n.t('Topics') : vscode.l10n.t('Entities');
        const item = new vscode.TreeItem(label, node.count > 0 ? (node.section === 'entities' ? C.Collapsed : C.Expanded) : C.None);
        item.description = String(node.count);
        item.id = `${node.uri}#${node.section}`;
        item.iconPath = new vscode.ThemeIcon(node.section === 'speakers' ? 'person' : node.section === 'topics' ? 'tag' : 'symbol-class');
        item.contextValue = `section.${node.section}`;
        return item;
      }
      case 'speaker': {
        const item = new vscode.TreeItem(node.speaker ? node.name : vscode.l10n.t('(no speaker)'), C.Collapsed);
        item.description = vscode.l10n.t('{0} quote(s)', node.quotes.length);
        item.id = `${node.uri}#speaker:${node.speaker ?? ''}`;
        item.iconPath = new vscode.ThemeIcon(node.speaker ? 'account' : 'question');
        item.contextValue = node.speaker ? 'speaker' : 'speaker.none';
        return item;
      }
      case 'quote': {
        const q = node.quote;
        const item = new vscode.TreeItem(shorten(q.text, 60), C.None);
        item.description = kindLabel(q) + (q.status === 'confirmed' ? '' : ` · ${vscode.l10n.t('suggested')}`);
        item.tooltip = q.text;
        item.id = `${node.uri}#${q.id}`;
        item.iconPath = new vscode.ThemeIcon(q.kind === 'direct' ? 'quote' : 'comment');
        item.contextValue = `quote.${q.status}${q.speaker ? '' : '.noSpeaker'}`;
        item.command = { title: vscode.l10n.t('Reveal'), command: REVEAL_COMMAND, arguments: [node.uri, q.start, q.end] };
        return item;
      }
      case 'topic': {
        const item = new vscode.TreeItem(node.topic, C.None);
        item.description = node.passages ? vscode.l10n.t('{0} passage(s)', node.passages) : vscode.l10n.t('article');
        item.iconPath = new vscode.ThemeIcon('tag');
        item.contextValue = 'topic';
        return item;
      }
      case 'entityType': {
        const item = new vscode.TreeItem(typeLabel(node.type, this.entityTypes().entityTypes(vscode.Uri.parse(node.uri))), C.Collapsed);
        item.description = String(node.entities.length);
        item.id = `${node.uri}#type:${node.type}`;
        item.iconPath = new vscode.ThemeIcon(node.type === 'person' ? 'person' : node.type === 'place' ? 'location' : node.type === 'date' ? 'calendar' : 'organization');
        item.contextValue = 'entityType';
        return item;
      }
      case 'entity': {
        const item = new vscode.TreeItem(node.name, C.None);
        item.description = vscode.l10n.t('{0} mention(s)', node.mentions.length);
        item.id = `${node.uri}#entity:${node.id}`;
        const first = node.mentions.reduce((a, b) => (a.start <= b.start ? a : b));
        item.contextValue = `entity.${first.status}`;
        item.command = { title: vscode.l10n.t('Reveal'), command: REVEAL_COMMAND, arguments: [node.uri, first.start, first.end] };
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }
}

function sortSpeakers(a: { speaker?: string; name: string; quotes: Quote[] }, b: { speaker?: string; name: string; quotes: Quote[] }): number {
  if (!a.speaker !== !b.speaker) return a.speaker ? -1 : 1;
  return b.quotes.length - a.quotes.length || a.name.localeCompare(b.name);
}

/** Appends to a list in a map (no copying: lists can hold thousands of annotations). */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
