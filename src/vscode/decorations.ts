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
import type { ArticleSession } from '../core/session';
import type { ArticleSessions } from './sessions';
import { isArticleDocument } from './languageDetector';
import { BUILTIN_ENTITY_TYPES, KeyedDebouncer, lineIndexOf, type LineIndex, noEntityTypes, speakerMap, visible, type EntityTypeSource } from './uiCommon';

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
export interface Item {
  range: vscode.Range;
  hint?: string;
}

/** What the decorator last set in one editor: style key -> items. */
export type EditorDecorations = ReadonlyMap<string, readonly Item[]>;

/**
 * The decorations of one style key in one editor, in UTF-16 offsets (start, end pairs). Edits
 * shift them the way the editor shifts its decorations; a range the edit touches (where the
 * editor's and the session's rules could differ) marks the key `dirty`, so it is set again.
 */
interface KeyState {
  offs: number[];
  hints?: string[];
  dirty: boolean;
}

/** Decorations computed for a document: style key -> offsets (and hints). */
type Computed = Map<string, { offs: number[]; hints?: string[] }>;

export function entityKey(type: string, status: 'suggested' | 'confirmed'): string {
  return `entity:${type}:${status}`;
}

export function quoteKey(q: Pick<Quote, 'kind' | 'speaker' | 'status'>): string {
  return `quote:${q.kind}:${q.speaker ? 'known' : 'unknown'}:${q.status === 'confirmed' ? 'confirmed' : 'suggested'}`;
}

export const HINT_KEY = 'hint';

/**
 * Each style is split into buckets of this many characters of text (one decoration type per
 * style and bucket), so that an edit sets again only the ranges of the buckets it changed:
 * `setDecorations` always replaces all ranges of a type.
 */
const BUCKET_BITS = 16;

function bucketKey(style: string, offset: number): string {
  return `${style}#${offset >> BUCKET_BITS}`;
}

function styleOf(key: string): string {
  const i = key.lastIndexOf('#');
  return i < 0 ? key : key.slice(0, i);
}

/** Lines above and below the visible ones analysed for the preview while a large article loads. */
const PREVIEW_MARGIN = 20;

/**
 * What a draw set: 'preview' (while the article loads, see ArticleSession.preview), 'visible'
 * (the visible part of a large article first; the rest follows at once), 'all'.
 */
export type DrawPhase = 'preview' | 'visible' | 'all';

export interface DrawEvent {
  uri: vscode.Uri;
  /** The time the draw took (the extension's own work). */
  ms: number;
  /** Ranges handed to setDecorations by this draw. */
  rangesSet: number;
  phase: DrawPhase;
}

/** Above this many annotations a newly shown editor gets its visible part first. */
const FIRST_WINDOW_THRESHOLD = 3000;
/** Lines above and below the visible ones drawn in that first pass. */
const FIRST_WINDOW_MARGIN = 100;

function visibleWindow(editor: vscode.TextEditor, computed: Computed): Computed {
  const doc = editor.document;
  const vr = editor.visibleRanges;
  const firstLine = Math.max(0, (vr[0]?.start.line ?? 0) - FIRST_WINDOW_MARGIN);
  const lastLine = Math.min(doc.lineCount - 1, (vr[vr.length - 1]?.end.line ?? 0) + FIRST_WINDOW_MARGIN);
  const from = doc.offsetAt(new vscode.Position(firstLine, 0));
  const to = doc.offsetAt(doc.lineAt(lastLine).range.end);
  const out: Computed = new Map();
  for (const [key, c] of computed) {
    const offs: number[] = [];
    const hints: string[] | undefined = c.hints ? [] : undefined;
    for (let i = 0; i < c.offs.length; i += 2) {
      if (c.offs[i + 1]! < from || c.offs[i]! > to) continue;
      offs.push(c.offs[i]!, c.offs[i + 1]!);
      hints?.push(c.hints![i / 2]!);
    }
    if (offs.length > 0) out.set(key, { offs, hints });
  }
  return out;
}

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
  /**
   * Per editor (a hidden editor loses its decorations and comes back as a new object): what was
   * last set, by key, kept in offsets and shifted by edits.
   */
  private readonly lastSet = new WeakMap<vscode.TextEditor, Map<string, KeyState>>();
  private readonly timers = new KeyedDebouncer();
  private readonly subs: vscode.Disposable[] = [];
  private entityTypeSource: EntityTypeSource = noEntityTypes;
  private entityTypeSub: vscode.Disposable | undefined;
  private enabled = true;
  private readonly drawnEmitter = new vscode.EventEmitter<DrawEvent>();
  /** Ranges handed to setDecorations since the last draw event (the work an edit caused). */
  private rangesSet = 0;
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
        if (!this.timers.pending(uri.toString())) void this.redrawUri(uri);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) void this.redrawEditor(e);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !isArticleDocument(e.document)) return;
        sessions.meter.run('highlights: shift', () => {
          this.shift(e);
          this.schedule(e.document.uri);
        });
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
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
    this.drawnRevision = new WeakMap();
    await vscode.commands.executeCommand('setContext', 'articleAnnotator.highlightsOn', on);
    await this.redrawAllNow();
  }

  /** What the decorator last set in an editor, as ranges (for tests and the benchmark). */
  decorationsOf(editor: vscode.TextEditor): EditorDecorations {
    const out = new Map<string, Item[]>();
    const text = editor.document.getText();
    const idx = this.lineIndex(editor.document.uri, text);
    // By style key (the buckets merged), in text order.
    for (const [key, st] of this.lastSet.get(editor) ?? []) {
      const style = styleOf(key);
      let items = out.get(style);
      if (!items) out.set(style, (items = []));
      for (let i = 0; i < st.offs.length; i += 2) items.push({ range: idx.range(st.offs[i]!, st.offs[i + 1]!), hint: st.hints?.[i / 2] });
    }
    for (const items of out.values()) items.sort((a, b) => a.range.start.compareTo(b.range.start) || a.range.end.compareTo(b.range.end));
    return out;
  }

  /** Moves what was set in the document's editors with an edit, as the editor moves decorations. */
  private shift(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const changes = [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      for (const st of this.lastSet.get(editor)?.values() ?? []) {
        const o = st.offs;
        for (const c of changes) {
          const cs = c.rangeOffset;
          const ce = c.rangeOffset + c.rangeLength;
          const delta = c.text.length - c.rangeLength;
          for (let i = 0; i < o.length; i += 2) {
            const s0 = o[i]!;
            const e0 = o[i + 1]!;
            if (e0 < cs) continue;
            if (s0 > ce) {
              o[i] = s0 + delta;
              o[i + 1] = e0 + delta;
            } else if (s0 < cs && ce < e0) {
              o[i + 1] = e0 + delta;
            } else if (c.rangeLength === 0 && s0 < e0 && (cs === e0 || cs === s0)) {
              // Typing at an edge: the editor's ranges do not grow there (ClosedClosed), nor the session's.
              if (cs === s0) {
                o[i] = s0 + delta;
                o[i + 1] = e0 + delta;
              }
            } else {
              // Touches the edit: the editor and the session may disagree; set the key again.
              st.dirty = true;
              o[i] = Math.min(s0, cs);
              o[i + 1] = Math.max(Math.min(e0 + delta, cs + c.text.length), o[i]!);
            }
          }
        }
      }
    }
  }

  /** The options a decoration type was created with (for tests: styles per key). */
  readonly optionsByKey = new Map<string, vscode.DecorationRenderOptions>();

  private schedule(uri: vscode.Uri): void {
    this.timers.schedule(uri.toString(), this.settings.value.highlightDelay, () => void this.redrawUri(uri));
  }

  /** Configuration changed: the decoration types are made again and everything redrawn. */
  private reset(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    this.optionsByKey.clear();
    for (const e of vscode.window.visibleTextEditors) this.lastSet.delete(e);
    this.drawnRevision = new WeakMap();
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
    const peek = this.sessions.peek(doc);
    // A large article is still being analysed: what is cheap first (see ArticleSession.preview).
    if (peek && !peek.loaded && peek.version === doc.version) this.drawPreview(uri, doc, peek.session);
    const session = await this.sessions.get(doc);
    this.sessions.meter.run('highlights', () => this.draw(uri, session, doc));
  }

  /** The session revision each editor's highlights show in full (see ArticleSession.revision). */
  private drawnRevision = new WeakMap<vscode.TextEditor, { session: ArticleSession; revision: number }>();

  /** Editors whose highlights came from a preview (the first full draw treats them as new). */
  private readonly previewed = new WeakSet<vscode.TextEditor>();

  private drawPreview(uri: vscode.Uri, doc: vscode.TextDocument, session: ArticleSession): void {
    if (!this.enabled) return;
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === doc && (!this.lastSet.has(e) || this.previewed.has(e)));
    if (editors.length === 0) return;
    this.sessions.meter.run('highlights: preview', () => {
      const t0 = performance.now();
      const vr = editors[0]!.visibleRanges;
      const fromLine = Math.max(0, (vr[0]?.start.line ?? 0) - PREVIEW_MARGIN);
      const toLine = Math.min(doc.lineCount - 1, (vr[vr.length - 1]?.end.line ?? 0) + PREVIEW_MARGIN);
      const ann = session.preview(doc.offsetAt(new vscode.Position(fromLine, 0)), doc.offsetAt(doc.lineAt(toLine).range.end));
      if (!ann) return;
      const text = session.currentText;
      const computed = this.compute(ann, text);
      for (const e of editors) {
        this.apply(e, computed, text);
        this.previewed.add(e);
      }
      this.sessions.meter.drawn();
      this.drawnEmitter.fire({ uri, ms: performance.now() - t0, rangesSet: this.rangesSet, phase: 'preview' });
      this.rangesSet = 0;
    });
  }

  private draw(uri: vscode.Uri, session: ArticleSession | undefined, doc: vscode.TextDocument): void {
    const key = uri.toString();
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === key);
    if (editors.length === 0) return;
    if (!session) {
      for (const e of editors) this.apply(e, new Map(), doc.getText());
      return;
    }
    const t0 = performance.now();
    // Nothing to do where the annotations are the ones last drawn (moved by edits, which the
    // editor moved alike) and no edit touched a range.
    const stale = editors.filter((e) => {
      const drawn = this.drawnRevision.get(e);
      return drawn?.session !== session || drawn.revision !== session.revision || this.previewed.has(e) || [...(this.lastSet.get(e)?.values() ?? [])].some((st) => st.dirty);
    });
    if (stale.length === 0) {
      this.sessions.meter.drawn();
      this.drawnEmitter.fire({ uri, ms: performance.now() - t0, rangesSet: 0, phase: 'all' });
      return;
    }
    const text = session.currentText;
    const computed = this.compute(session.annotations, text);
    let total = 0;
    for (const c of computed.values()) total += c.offs.length / 2;
    const fresh = editors.filter((e) => !this.lastSet.has(e) || this.previewed.has(e));
    let phase: DrawPhase = 'all';
    if (fresh.length > 0 && total > FIRST_WINDOW_THRESHOLD) {
      // A large article opens: what is on screen first, the rest (and the ruler) right after.
      for (const e of fresh) {
        this.apply(e, visibleWindow(e, computed), text);
        this.previewed.delete(e);
        for (const st of this.lastSet.get(e)?.values() ?? []) st.dirty = true;
      }
      phase = 'visible';
      setTimeout(() => void this.redrawUri(uri), 0);
    } else {
      for (const e of editors) {
        this.apply(e, computed, text);
        this.previewed.delete(e);
        this.drawnRevision.set(e, { session, revision: session.revision });
      }
    }
    const ms = performance.now() - t0;
    this.lastDrawMs.set(key, ms);
    this.sessions.meter.drawn();
    this.drawnEmitter.fire({ uri, ms, rangesSet: this.rangesSet, phase });
    this.rangesSet = 0;
  }

  /** Draws a document's visible editors (a document just found to be an article). */
  redrawDocument(doc: vscode.TextDocument): void {
    void this.redrawUri(doc.uri);
  }

  private async redrawEditor(editor: vscode.TextEditor): Promise<void> {
    if (!isArticleDocument(editor.document)) {
      if (this.lastSet.has(editor)) this.apply(editor, new Map(), editor.document.getText());
      return;
    }
    await this.redrawUri(editor.document.uri);
  }

  private lineIndex(_uri: vscode.Uri, text: string): LineIndex {
    return lineIndexOf(text);
  }

  /** The offsets (and hints) per style key for an article's annotations. */
  compute(ann: Annotations, text: string): Computed {
    const out: Computed = new Map();
    if (!this.enabled) return out;
    const s = this.settings.value;
    const hidden = new Set(s.hiddenEntityTypes);
    const entityKeys = new Map<string, [string, string]>();
    // Per style, its bucket keys and lists by bucket number (no string building per annotation).
    const byStyle = new Map<string, { offs: number[]; hints?: string[] }[]>();
    const list = (style: string, start: number) => {
      const b = start >> BUCKET_BITS;
      let lists = byStyle.get(style);
      if (!lists) byStyle.set(style, (lists = []));
      const hit = lists[b];
      if (hit) return hit;
      const key = bucketKey(style, start);
      let l = out.get(key);
      if (!l) out.set(key, (l = { offs: [] }));
      lists[b] = l;
      return l;
    };
    for (const e of ann.entities) {
      if (!visible(e) || e.end > text.length || (hidden.size > 0 && hidden.has(e.type.toLowerCase()))) continue;
      let keys = entityKeys.get(e.type);
      if (!keys) entityKeys.set(e.type, (keys = [entityKey(e.type, 'suggested'), entityKey(e.type, 'confirmed')]));
      list(e.status === 'confirmed' ? keys[1] : keys[0], e.start).offs.push(e.start, e.end);
    }
    if (hidden.has('quote')) return out;
    const speakers = speakerMap(ann);
    const quoteKeys: string[] = [];
    for (const q of ann.quotes) {
      if (!visible(q) || q.end > text.length) continue;
      const qi = (q.kind === 'direct' ? 0 : 4) + (q.speaker ? 0 : 2) + (q.status === 'confirmed' ? 1 : 0);
      list((quoteKeys[qi] ??= quoteKey(q)), q.start).offs.push(q.start, q.end);
      if (s.speakerHints && q.speaker) {
        const name = speakers.get(q.speaker)?.name ?? q.speaker;
        const h = list(HINT_KEY, q.end);
        h.offs.push(q.end, q.end);
        (h.hints ??= []).push(q.status === 'confirmed' ? ` — ${name}` : ` — ${name}?`);
      }
    }
    return out;
  }

  /** Sets the keys that changed in one editor; keys that had ranges and have none now are cleared. */
  private apply(editor: vscode.TextEditor, computed: Computed, text: string): void {
    let last = this.lastSet.get(editor);
    if (!last) this.lastSet.set(editor, (last = new Map()));
    const keys = new Set([...last.keys(), ...computed.keys()]);
    let defs: readonly EntityTypeDef[] | undefined;
    let idx: LineIndex | undefined;
    for (const key of keys) {
      const next = computed.get(key) ?? { offs: [] };
      const prev = last.get(key);
      if (prev && !prev.dirty && sameNumbers(prev.offs, next.offs) && sameStrings(prev.hints, next.hints)) continue;
      if (!prev && next.offs.length === 0) continue;
      defs ??= this.entityTypeSource.entityTypes(editor.document.uri);
      idx ??= this.lineIndex(editor.document.uri, text);
      const style = styleOf(key);
      const type = this.typeFor(key, style, defs);
      const o = next.offs;
      if (style === HINT_KEY) {
        const opts: vscode.DecorationOptions[] = [];
        for (let i = 0; i < o.length; i += 2) {
          const p = idx.position(o[i]!);
          opts.push({ range: new vscode.Range(p, p), renderOptions: { after: { contentText: next.hints?.[i / 2] } } });
        }
        editor.setDecorations(type, opts);
        this.rangesSet += opts.length;
      } else {
        const ranges: vscode.Range[] = [];
        for (let i = 0; i < o.length; i += 2) ranges.push(idx.range(o[i]!, o[i + 1]!));
        editor.setDecorations(type, ranges);
        this.rangesSet += ranges.length;
      }
      if (o.length > 0) last.set(key, { offs: [...o], hints: next.hints && [...next.hints], dirty: false });
      else last.delete(key);
    }
  }

  private typeFor(key: string, style: string, defs: readonly EntityTypeDef[]): vscode.TextEditorDecorationType {
    let t = this.types.get(key);
    if (!t) {
      let options = this.optionsByKey.get(style);
      if (!options) this.optionsByKey.set(style, (options = renderOptions(style, defs)));
      t = vscode.window.createTextEditorDecorationType(options);
      this.types.set(key, t);
    }
    return t;
  }

  dispose(): void {
    this.timers.dispose();
    for (const t of this.types.values()) t.dispose();
    for (const s of this.subs) s.dispose();
    this.entityTypeSub?.dispose();
    this.drawnEmitter.dispose();
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
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
