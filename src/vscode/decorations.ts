/**
 * Highlights: entities by type, quotes by kind (direct vs reported), speaker known vs unknown,
 * suggested (dotted/dashed) vs confirmed (solid), overview-ruler marks, and the dim
 * "— Speaker" hint after each quote. Decoration types are created once per configuration;
 * every visible editor of an article is decorated, at once on editor switch and debounced while
 * typing; a type whose ranges did not change is not set again (no flicker, little work).
 */
import * as vscode from 'vscode';
import type { Annotations, Quote } from '../core/model';
import type { EntityTypeDef } from '../core/workspace/types';
import type { SettingsWatcher } from './config';
import type { ArticleSessions } from './sessions';
import { ARTICLE_LANGUAGE } from './languageDetector';
import { BUILTIN_ENTITY_TYPES, LineIndex, noEntityTypes, speakerMap, visible, type EntityTypeSource } from './uiCommon';

export const TOGGLE_HIGHLIGHTS = 'articleAnnotator.toggleHighlights';
export const HIGHLIGHTS_CONTEXT = 'articleAnnotator.highlightsOn';

type Builtin = (typeof BUILTIN_ENTITY_TYPES)[number];

/** Theme colours per built-in entity type (contributed in package.json). */
const ENTITY_COLORS: Record<Builtin | 'other', { background: vscode.ThemeColor; border: vscode.ThemeColor }> = {
  person: { background: new vscode.ThemeColor('articleAnnotator.personBackground'), border: new vscode.ThemeColor('articleAnnotator.personBorder') },
  organization: {
    background: new vscode.ThemeColor('articleAnnotator.organizationBackground'),
    border: new vscode.ThemeColor('articleAnnotator.organizationBorder'),
  },
  place: { background: new vscode.ThemeColor('articleAnnotator.placeBackground'), border: new vscode.ThemeColor('articleAnnotator.placeBorder') },
  date: { background: new vscode.ThemeColor('articleAnnotator.dateBackground'), border: new vscode.ThemeColor('articleAnnotator.dateBorder') },
  other: { background: new vscode.ThemeColor('articleAnnotator.otherEntityBackground'), border: new vscode.ThemeColor('articleAnnotator.otherEntityBorder') },
};
const DIRECT_BACKGROUND = new vscode.ThemeColor('articleAnnotator.directQuoteBackground');
const REPORTED_BACKGROUND = new vscode.ThemeColor('articleAnnotator.reportedSpeechBackground');
const SPEAKER_KNOWN = new vscode.ThemeColor('articleAnnotator.speakerKnownBorder');
const SPEAKER_UNKNOWN = new vscode.ThemeColor('articleAnnotator.speakerUnknownBorder');
const HINT_FOREGROUND = new vscode.ThemeColor('articleAnnotator.speakerHintForeground');

/** One decoration per annotation: a range, plus the hint text for the `hint` key. */
interface Item {
  range: vscode.Range;
  hint?: string;
}

/** What the decorator last set in one editor: style key -> items. */
export type EditorDecorations = ReadonlyMap<string, readonly Item[]>;

export function entityKey(type: string, status: 'suggested' | 'confirmed'): string {
  return `entity:${type}:${status}`;
}

export function quoteKey(q: Pick<Quote, 'kind' | 'speaker' | 'status'>): string {
  return `quote:${q.kind}:${q.speaker ? 'known' : 'unknown'}:${q.status === 'confirmed' ? 'confirmed' : 'suggested'}`;
}

export const HINT_KEY = 'hint';

/** A CSS colour from the workspace file, or undefined when it is not one. */
function cssColor(c: string | undefined): string | undefined {
  return c && /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(c) ? c : undefined;
}

function withAlpha(hex: string, alpha: string): string {
  const h = hex.length <= 5 ? hex.replace(/[0-9a-f]/gi, (d) => d + d) : hex;
  return h.slice(0, 7) + alpha;
}

export class Decorator implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** Per editor (by identity, pruned on visibility change): what was last set, by key. */
  private readonly lastSet = new WeakMap<vscode.TextEditor, Map<string, Item[]>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly index = new Map<string, LineIndex>();
  private readonly subs: vscode.Disposable[] = [];
  private entityTypeSource: EntityTypeSource = noEntityTypes;
  private entityTypeSub: vscode.Disposable | undefined;
  private enabled = true;
  private readonly drawnEmitter = new vscode.EventEmitter<{ uri: vscode.Uri; ms: number }>();
  /** Fires after decorations were computed and set for a document (with the time it took). */
  readonly onDidDraw = this.drawnEmitter.event;
  /** Time of the last redraw of each document, in ms (the extension's own work). */
  readonly lastDrawMs = new Map<string, number>();

  constructor(
    private readonly sessions: ArticleSessions,
    private readonly settings: SettingsWatcher,
  ) {
    void vscode.commands.executeCommand('setContext', 'articleAnnotator.highlightsOn', true);
    this.subs.push(
      sessions.onDidChange((uri) => {
        // While the user types, the debounce timer redraws; otherwise (commands, loads) at once.
        if (!this.timers.has(uri.toString())) void this.redrawUri(uri);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) void this.redrawEditor(e);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document.languageId === ARTICLE_LANGUAGE) this.schedule(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.index.delete(d.uri.toString());
        this.lastDrawMs.delete(d.uri.toString());
      }),
      settings.onDidChange(() => this.reset()),
      vscode.commands.registerCommand('articleAnnotator.toggleHighlights', () => this.toggle()),
    );
    this.redrawAll();
  }

  /** Where custom entity types and their colours come from (the workspace file). */
  useEntityTypes(source: EntityTypeSource): void {
    this.entityTypeSub?.dispose();
    this.entityTypeSource = source;
    this.entityTypeSub = source.onDidChange(() => this.reset());
    this.reset();
  }

  get highlightsOn(): boolean {
    return this.enabled;
  }

  async toggle(on = !this.enabled): Promise<void> {
    this.enabled = on;
    await vscode.commands.executeCommand('setContext', 'articleAnnotator.highlightsOn', on);
    await this.redrawAllNow();
  }

  /** What the decorator last set in an editor (for tests and the benchmark). */
  decorationsOf(editor: vscode.TextEditor): EditorDecorations {
    return this.lastSet.get(editor) ?? new Map();
  }

  /** The options a decoration type was created with (for tests: styles per key). */
  readonly optionsByKey = new Map<string, vscode.DecorationRenderOptions>();

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.redrawUri(uri);
      }, this.settings.value.highlightDelay),
    );
  }

  /** Configuration changed: the decoration types are made again and everything redrawn. */
  private reset(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    this.optionsByKey.clear();
    for (const e of vscode.window.visibleTextEditors) this.lastSet.delete(e);
    this.redrawAll();
  }

  private redrawAll(): void {
    void this.redrawAllNow();
  }

  private async redrawAllNow(): Promise<void> {
    await Promise.all(vscode.window.visibleTextEditors.map((e) => this.redrawEditor(e)));
  }

  private async redrawUri(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === key);
    if (editors.length === 0) return;
    const doc = editors[0]!.document;
    const session = await this.sessions.get(doc);
    if (!session) {
      for (const e of editors) this.apply(e, new Map());
      return;
    }
    const t0 = performance.now();
    const items = this.compute(doc.uri, session.annotations, session.currentText);
    for (const e of editors) this.apply(e, items);
    const ms = performance.now() - t0;
    this.lastDrawMs.set(key, ms);
    this.drawnEmitter.fire({ uri, ms });
  }

  private async redrawEditor(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.languageId !== ARTICLE_LANGUAGE) {
      if (this.lastSet.has(editor)) this.apply(editor, new Map());
      return;
    }
    await this.redrawUri(editor.document.uri);
  }

  private lineIndex(uri: vscode.Uri, text: string): LineIndex {
    const key = uri.toString();
    let idx = this.index.get(key);
    if (!idx || idx.text !== text) {
      idx = new LineIndex(text);
      this.index.set(key, idx);
    }
    return idx;
  }

  /** The items per style key for an article's annotations. */
  compute(uri: vscode.Uri, ann: Annotations, text: string): Map<string, Item[]> {
    const out = new Map<string, Item[]>();
    if (!this.enabled) return out;
    const s = this.settings.value;
    const hidden = new Set(s.hiddenEntityTypes);
    const idx = this.lineIndex(uri, text);
    const push = (key: string, item: Item) => {
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push(item);
    };
    for (const e of ann.entities) {
      if (!visible(e) || hidden.has(e.type.toLowerCase()) || e.end > text.length) continue;
      push(entityKey(e.type, e.status === 'confirmed' ? 'confirmed' : 'suggested'), { range: idx.range(e.start, e.end) });
    }
    const speakers = speakerMap(ann);
    for (const q of ann.quotes) {
      if (!visible(q) || hidden.has('quote') || q.end > text.length) continue;
      const range = idx.range(q.start, q.end);
      push(quoteKey(q), { range });
      if (s.speakerHints && q.speaker) {
        const name = speakers.get(q.speaker)?.name ?? q.speaker;
        const hint = q.status === 'confirmed' ? ` — ${name}` : ` — ${name}?`;
        push(HINT_KEY, { range: new vscode.Range(range.end, range.end), hint });
      }
    }
    return out;
  }

  /** Sets what changed in one editor; keys that had ranges and have none now are cleared. */
  private apply(editor: vscode.TextEditor, items: Map<string, Item[]>): void {
    let last = this.lastSet.get(editor);
    if (!last) this.lastSet.set(editor, (last = new Map()));
    const defs = this.entityTypeSource.entityTypes(editor.document.uri);
    const keys = new Set([...last.keys(), ...items.keys()]);
    for (const key of keys) {
      const next = items.get(key) ?? [];
      const prev = last.get(key) ?? [];
      if (sameItems(prev, next)) continue;
      const type = this.typeFor(key, defs);
      editor.setDecorations(type, key === HINT_KEY ? next.map(hintOptions) : next.map((i) => i.range));
      if (next.length > 0) last.set(key, next);
      else last.delete(key);
    }
  }

  private typeFor(key: string, defs: readonly EntityTypeDef[]): vscode.TextEditorDecorationType {
    let t = this.types.get(key);
    if (!t) {
      const options = renderOptions(key, defs);
      this.optionsByKey.set(key, options);
      t = vscode.window.createTextEditorDecorationType(options);
      this.types.set(key, t);
    }
    return t;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.types.values()) t.dispose();
    for (const s of this.subs) s.dispose();
    this.entityTypeSub?.dispose();
    this.drawnEmitter.dispose();
  }
}

function hintOptions(i: Item): vscode.DecorationOptions {
  return { range: i.range, renderOptions: { after: { contentText: i.hint } } };
}

function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.hint !== y.hint || !x.range.isEqual(y.range)) return false;
  }
  return true;
}

/** The look of one style key. */
export function renderOptions(key: string, defs: readonly EntityTypeDef[]): vscode.DecorationRenderOptions {
  const [what, a, b, c] = key.split(':');
  if (what === 'entity' && a) {
    const builtin = (BUILTIN_ENTITY_TYPES as readonly string[]).includes(a) ? (a as Builtin) : undefined;
    const custom = builtin ? undefined : cssColor(defs.find((d) => d.id === a)?.color);
    const colors = ENTITY_COLORS[builtin ?? 'other'];
    const border = custom ?? colors.border;
    return {
      backgroundColor: custom ? withAlpha(custom, '33') : colors.background,
      borderRadius: '2px',
      // Suggested: dotted underline; confirmed: solid and thicker.
      borderStyle: b === 'confirmed' ? 'solid' : 'dotted',
      borderWidth: b === 'confirmed' ? '0 0 2px 0' : '0 0 1px 0',
      borderColor: border,
      overviewRulerColor: border,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    };
  }
  if (what === 'quote') {
    const known = b === 'known';
    const confirmed = c === 'confirmed';
    const color = known ? SPEAKER_KNOWN : SPEAKER_UNKNOWN;
    return {
      backgroundColor: a === 'direct' ? DIRECT_BACKGROUND : REPORTED_BACKGROUND,
      fontStyle: a === 'direct' ? undefined : 'italic',
      // Suggested: dashed outline; confirmed: solid. Orange-ish when no speaker is known.
      outlineStyle: confirmed ? 'solid' : 'dashed',
      outlineWidth: '1px',
      outlineColor: color,
      overviewRulerColor: color,
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    };
  }
  return {
    after: { color: HINT_FOREGROUND, fontStyle: 'italic', margin: '0 0 0 0.2em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
}
