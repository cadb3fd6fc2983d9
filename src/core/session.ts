/**
 * One open article and its annotations: load (re-anchoring when the article changed), follow
 * edits, keep the user's work apart from refreshed suggestions, save atomically, and react to
 * the sidecar changing on disk without ever overwriting either side silently.
 *
 * The VS Code adapter drives it from editor events; it never imports `vscode`.
 */
import { analyze, IncrementalAnalyzer, type AnalyzeOptions } from './analysis';
import type { Analysis, Annotations } from './model';
import { emptyAnnotations } from './model';
import { EditedText } from './store/edits';
import {
  applyEdit,
  isUserOwned,
  merge3,
  mergeAnalysis,
  mergeRegion,
  mergeSorted,
  parse,
  reanchor,
  saveSidecar,
  serialize,
  sidecarPathFor,
  SidecarChangedError,
  StoreError,
  atomicWrite,
  loadSidecar,
  type FileSystem,
  type MergeConflict,
  type ParsedSidecar,
  type TextChange,
} from './store';

export type SessionState =
  /** Normal: the sidecar is read and written. */
  | 'ok'
  /** The sidecar on disk does not parse: it is never overwritten; annotating goes on in memory. */
  | 'blocked'
  /** The sidecar has a newer schema version: shown, never written. */
  | 'readOnly';

export interface LoadReport {
  state: SessionState;
  /** One sentence when state is not 'ok' (names line and column for a parse error). */
  message?: string;
  /** Annotations that could not be placed after the article changed outside the editor. */
  orphaned: number;
  warnings: string[];
}

export type DiskChange =
  | { kind: 'ignored' }
  | { kind: 'reloaded' }
  | { kind: 'merged'; conflicts: MergeConflict[]; theirsPath?: string }
  | { kind: 'blocked'; message: string };

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function firstError(parsed: ParsedSidecar, path: string): string {
  const d = parsed.diagnostics.find((x) => x.severity === 'error');
  return `${baseName(path)} line ${d?.line ?? 1}, column ${d?.column ?? 1}: ${d?.message ?? 'it does not parse.'}`;
}

/** The engine's speakers as they matter to the annotations: ids and names, in order. */
function speakersKey(a: Analysis): string {
  let k = '';
  for (const s of a.speakers) k += s.id + '\u0000' + s.name + '\u0001';
  return k;
}

type Range = { from: number; to: number };

/** A range of the text before `c`, in the text after it (grown to cover what `c` touched). */
function moveRange(r: Range | undefined, c: TextChange): Range | undefined {
  if (!r) return undefined;
  const delta = c.newLength - (c.end - c.start);
  const from = r.from < c.start ? r.from : r.from >= c.end ? r.from + delta : c.start;
  const to = r.to <= c.start ? r.to : r.to >= c.end ? r.to + delta : c.start + c.newLength;
  return { from: Math.min(from, to), to: Math.max(from, to) };
}

function union(a: Range | undefined, b: Range): Range {
  return a ? { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) } : b;
}

/**
 * Edits of one typing burst are handed to the engine as one change while they lie within this
 * many characters of each other; farther apart, each place is re-analysed on its own.
 */
const COALESCE_MAX = 4_000;

/** An edited text made of more pieces than this is made whole before the next edit. */
const MAX_PIECES = 512;

/** `p` (see ArticleSession.unanalysed) followed by the change `c` of the current text. */
function coalesce(
  p: { start: number; end: number; newEnd: number } | undefined,
  c: { start: number; end: number; text: string },
): { start: number; end: number; newEnd: number } {
  const delta = c.text.length - (c.end - c.start);
  if (!p) return { start: c.start, end: c.end, newEnd: c.end + delta };
  // the union of both in the current text; outside it the current text is the old one, shifted
  const from = Math.min(p.start, c.start);
  const to = Math.max(p.newEnd, c.end);
  return { start: from, end: p.end + (to - p.newEnd), newEnd: to + delta };
}

function clone(a: Annotations): Annotations {
  return structuredClone(a);
}

export class ArticleSession {
  annotations: Annotations = emptyAnnotations();
  state: SessionState = 'ok';
  stateMessage: string | undefined;
  /** Annotation changes not yet on disk. */
  dirty = false;
  /** The last save failed (the message says why); the annotations are in memory. */
  lastError: StoreError | undefined;

  /** The text, or the text before the edits of `edited` (made whole when read). */
  private flatText: string;
  /** The edits since the text was last read whole: applied without copying the whole text. */
  private edited: EditedText | undefined;

  private get text(): string {
    if (this.edited) {
      this.flatText = this.edited.toString();
      this.edited = undefined;
    }
    return this.flatText;
  }

  private set text(text: string) {
    this.flatText = text;
    this.edited = undefined;
  }
  private analyzer: IncrementalAnalyzer;
  /** The sidecar text as last loaded or saved by this session; null when there was none. */
  private diskText: string | null = null;
  /** The parsed sidecar whose comments and unknown keys the next write carries over. */
  private previous: ParsedSidecar | undefined;
  /** The annotations as on disk (base of a three-way merge), offsets into the current text. */
  private base: Annotations = emptyAnnotations();

  constructor(
    private readonly fs: FileSystem,
    /** The article's path (a URI path, '/'-separated); undefined while untitled. */
    public articlePath: string | undefined,
    text: string,
    analysis?: AnalyzeOptions,
  ) {
    this.flatText = text;
    this.analysisOptions = analysis;
    this.analyzer = new IncrementalAnalyzer(analysis);
  }

  private analysisOptions: AnalyzeOptions | undefined;

  get sidecarPath(): string | undefined {
    return this.articlePath ? sidecarPathFor(this.articlePath) : undefined;
  }

  get currentText(): string {
    return this.text;
  }

  /** The length of `currentText`, without making the text whole. */
  get currentLength(): number {
    return this.edited?.length ?? this.flatText.length;
  }

  /**
   * Reads the sidecar (re-anchoring it when the article changed) and runs the engine over the
   * article. With `pause`, the engine works in slices and awaits `pause` between them (an editor
   * stays responsive and can draw `preview` meanwhile); the result is the same.
   */
  async load(options: { pause?: () => Promise<void> } = {}): Promise<LoadReport> {
    const report: LoadReport = { state: 'ok', orphaned: 0, warnings: [] };
    // the sidecar is read while the engine runs (in an editor a file read can take a while)
    const reading = this.readSidecar(report).then((stored) => {
      this.stored = stored;
      return stored;
    });
    let fresh: Analysis;
    try {
      fresh = options.pause ? await this.analyzer.analyzeInSlices(this.text, options.pause) : this.analyzer.analyze(this.text);
    } finally {
      reading.catch(() => undefined); // (its error is thrown below)
    }
    const stored = await reading;
    this.latest = fresh;
    this.adopt(mergeAnalysis(stored ?? emptyAnnotations(), fresh), fresh);
    this.loaded = true;
    this.previewCache = undefined;
    this.stored = undefined;
    report.state = this.state;
    report.message = this.stateMessage;
    return report;
  }

  /** Reads the sidecar (for `load`): its annotations when it parses. */
  private async readSidecar(report: LoadReport): Promise<Annotations | undefined> {
    let stored: Annotations | undefined;
    if (this.articlePath) {
      const loaded = await loadSidecar(this.fs, this.articlePath, this.text);
      this.diskText = loaded.diskText ?? null;
      report.orphaned = loaded.reanchored?.orphaned.length ?? 0;
      report.warnings = loaded.parsed.diagnostics.filter((d) => d.severity === 'warning').map((d) => `line ${d.line}: ${d.message}`);
      if (!loaded.parsed.ok) {
        this.state = 'blocked';
        this.stateMessage = `${firstError(loaded.parsed, loaded.path)} The file is left as it is; annotations are kept in memory until it is fixed.`;
        this.previous = undefined;
        this.base = emptyAnnotations();
      } else {
        this.state = loaded.parsed.readOnly ? 'readOnly' : 'ok';
        this.stateMessage = loaded.parsed.readOnly ? loaded.parsed.readOnlyMessage : undefined;
        this.previous = loaded.parsed;
        this.base = clone(loaded.parsed.annotations);
        stored = loaded.parsed.annotations;
      }
    }
    return stored;
  }

  /** The engine's first full result is merged (until then `annotations` is empty). */
  loaded = false;
  /** The sidecar's annotations while the engine's first run goes on. */
  private stored: Annotations | undefined;
  private previewCache: { from: number; to: number; annotations: Annotations } | undefined;

  /**
   * What can be shown at once while `load` runs the engine over a large article: the sidecar's
   * annotations when it was read and has any, otherwise the engine's suggestions for the
   * paragraphs around [from, to) (analysed on their own, with the article's header: a name
   * introduced further up can resolve differently until the full run). Offsets refer to
   * `currentText`. Undefined once loaded (use `annotations`).
   */
  preview(from: number, to: number): Annotations | undefined {
    if (this.loaded) return undefined;
    const stored = this.stored;
    if (stored && (stored.entities.length > 0 || stored.quotes.length > 0)) return stored;
    const text = this.text;
    // whole paragraphs: from after the blank line before `from` to the blank line after `to`
    const a = Math.max(0, Math.min(from, text.length));
    let start = text.lastIndexOf('\n\n', a);
    start = start < 0 ? 0 : start + 2;
    let end = text.indexOf('\n\n', Math.max(a, Math.min(to, text.length)));
    if (end < 0) end = text.length;
    const hit = this.previewCache;
    if (hit && hit.from <= start && end <= hit.to) return hit.annotations;
    // the header (the first 60 lines or 20,000 characters decide it) is analysed with the window
    let head = 0;
    for (let n = 0; n < 60 && head < start; n++) {
      const nl = text.indexOf('\n', head);
      if (nl < 0) break;
      head = nl + 1;
    }
    head = Math.min(head, 20_000, start);
    const joint = head < start ? '\n\n' : '';
    const shift = head < start ? start - head - joint.length : 0;
    const part = analyze(text.slice(0, head) + joint + text.slice(head < start ? start : head, end), this.analysisOptions);
    const move = <T extends { start: number; end: number }>(x: T): void => {
      if (x.start >= head + joint.length && shift !== 0) { x.start += shift; x.end += shift; }
    };
    for (const e of part.entities) move(e);
    for (const q of part.quotes) {
      move(q);
      if (q.source) move(q.source);
      if (q.cue) move(q.cue);
    }
    const annotations = mergeAnalysis(emptyAnnotations(), part);
    this.previewCache = { from: start, to: end, annotations };
    return annotations;
  }

  /**
   * Follows an edit of the article. `changes` apply one after the other, each with offsets into
   * the text as left by the previous one (VS Code's content changes, applied in order).
   * Annotations move at once; suggestions are refreshed by `refreshSuggestions`.
   */
  edit(changes: readonly { start: number; end: number; text: string }[]): { orphaned: number; restored: number } {
    let orphaned = 0;
    let restored = 0;
    for (const c of changes) {
      const change: TextChange = { start: c.start, end: c.end, newLength: c.text.length };
      // The engine catches up once per typing burst (`refreshSuggestions`): the changes since its
      // last update are kept as one change covering them all, unless they lie far apart.
      const p = this.unanalysed;
      if (p && Math.max(p.newEnd, c.end) - Math.min(p.start, c.start) > COALESCE_MAX) {
        this.catchUp(); // far apart: the engine re-analyses each place on its own
        this.unanalysed = coalesce(undefined, c);
      } else {
        this.unanalysed = coalesce(p, c);
      }
      // no copy of the whole text per keystroke: it is made whole once, when read (the engine's update)
      if (this.edited && this.edited.pieceCount > MAX_PIECES) void this.text;
      const next = (this.edited ??= new EditedText(this.flatText));
      next.apply(c.start, c.end, c.text);
      const r = applyEdit(this.annotations, change, next);
      if (r.resized.length > 0 || r.orphaned.length > 0 || r.restored.length > 0) this.onlyMoved = false;
      applyEdit(this.base, change, next);
      this.latest = undefined;
      orphaned += r.orphaned.filter(isUserOwned).length;
      restored += r.restored.filter(isUserOwned).length;
      if (r.orphaned.some(isUserOwned) || r.restored.some(isUserOwned)) this.dirty = true;
      if (r.orphaned.length > 0 || r.restored.length > 0) this.revision++; // shown or hidden now
    }
    this.pendingRefresh = true;
    return { orphaned, restored };
  }

  private pendingRefresh = false;
  /** The analyzer's result for the current text (owned by the analyzer until its next update). */
  private latest: Analysis | undefined;

  private currentAnalysis(): Analysis {
    this.catchUp();
    if (!this.latest) {
      this.latest = this.analyzer.analyze(this.text);
      this.onlyMoved = false;
    }
    return this.latest;
  }

  /**
   * The edits since the engine's last update, as one change of the text it last saw: [start,
   * end) of that text became [start, newEnd) of the current text.
   */
  private unanalysed: { start: number; end: number; newEnd: number } | undefined;

  /** Runs the engine's incremental update over the edits it has not seen (one call for all). */
  private catchUp(): void {
    const p = this.unanalysed;
    if (!p) return;
    this.unanalysed = undefined;
    const change: TextChange = { start: p.start, end: p.end, newLength: p.newEnd - p.start };
    // the text as pieces while typing: the engine reads only where it changed (no 1 MB copy per update)
    this.latest = this.analyzer.update(this.edited ?? this.flatText, change);
    if (!this.analyzer.lastShiftOnly) this.onlyMoved = false;
    const changedRange = this.analyzer.lastChanged;
    this.region = changedRange && this.region !== 'all' ? union(moveRange(this.region, change), changedRange) : 'all';
  }

  /** Whether edits wait for the engine's update (none after `refreshSuggestions`; for tests). */
  get engineBehind(): boolean {
    return this.unanalysed !== undefined;
  }

  /** Re-runs the engine incrementally and merges its suggestions (cheap after `edit`). */
  refreshSuggestions(): void {
    if (!this.pendingRefresh) return;
    this.pendingRefresh = false;
    const fresh = this.currentAnalysis();
    const speakers = speakersKey(fresh);
    let merged: Annotations | undefined;
    // after a merge and edits only, the annotations are in the shape the quick merges take
    if (this.clean && this.region && this.region !== 'all' && speakers === this.speakers) {
      if (this.onlyMoved) {
        // the engine only moved its suggestions, and the edits moved the annotations alike
        // (none resized, orphaned or restored): a merge would give back the same objects
        this.refreshes.moved++;
        this.region = undefined;
        return;
      }
      if (this.idsFor !== this.annotations) {
        this.ids = { entities: new Set(this.annotations.entities.map((a) => a.id)), quotes: new Set(this.annotations.quotes.map((a) => a.id)) };
      }
      const r = mergeRegion(this.annotations, fresh, this.region, this.ids);
      if (r) {
        this.refreshes.region++;
        this.idsFor = merged = r.merged;
        if (r.unchanged) {
          // the same annotations (moved by the edits): what shows them need not look again
          this.annotations = merged;
          this.region = undefined;
          this.onlyMoved = true;
          return;
        }
      }
    }
    if (!merged && this.clean) {
      merged = mergeSorted(this.annotations, fresh)?.merged;
      if (merged) this.refreshes.fast++;
    }
    if (!merged) {
      merged = mergeAnalysis(this.annotations, fresh);
      this.refreshes.full++;
    }
    this.adopt(merged, fresh);
  }

  /** Takes a merge's result (with the engine's result it merged). */
  private adopt(merged: Annotations, fresh: Analysis): void {
    this.annotations = merged;
    this.revision++;
    this.clean = true;
    this.region = undefined;
    this.onlyMoved = true;
    this.speakers = speakersKey(fresh);
  }

  /**
   * Grows when the annotations changed other than by moving with the text (a merge that changed
   * something, a user change): a display that drew revision N and followed the edits since
   * shows the current annotations while the revision is still N.
   */
  revision = 0;

  /** The text range the engine re-analysed since the last merge ('all': everything may differ). */
  private region: { from: number; to: number } | 'all' | undefined;
  /** The engine's speakers at the last merge (ids and names). */
  private speakers = '';
  /** The ids of each list of `idsFor` (kept up to date by the region merge). */
  private ids = { entities: new Set<string>(), quotes: new Set<string>() };
  private idsFor: Annotations | undefined;

  /**
   * How the suggestion refreshes went (the benchmark prints it): no merge at all (`moved`), the
   * re-analysed region, one pass, or the general merge.
   */
  readonly refreshes = { moved: 0, region: 0, fast: 0, full: 0 };
  /**
   * Since the last merge, every engine update only moved its results and every edit only moved
   * the annotations (`refreshSuggestions` then has nothing to merge).
   */
  private onlyMoved = false;
  /**
   * The annotations are as a merge left them, moved by edits since: the user's first, the
   * suggestions in text order, ids distinct. A user change (`changed`) may break that.
   */
  private clean = false;

  /**
   * New engine options (the workspace gazetteer changed): re-analyses the whole text and merges
   * the fresh suggestions; the user's annotations stay as they are.
   */
  reconfigure(analysis?: AnalyzeOptions): void {
    this.unanalysed = undefined;
    this.analyzer = new IncrementalAnalyzer(analysis);
    this.latest = this.analyzer.analyze(this.text);
    this.pendingRefresh = false;
    this.adopt(mergeAnalysis(this.annotations, this.latest), this.latest);
  }

  /** Call after a user change of the annotations (a command): they need saving. */
  changed(): void {
    this.dirty = true;
    this.clean = false;
    this.revision++;
  }

  /** Writes the sidecar (refused while blocked or read-only). Throws StoreError with one sentence. */
  async save(): Promise<{ written: boolean; merged?: DiskChange }> {
    this.refreshSuggestions();
    if (!this.articlePath) return { written: false };
    if (this.state !== 'ok') {
      throw new StoreError(this.stateMessage ?? 'The sidecar cannot be written.', this.state === 'blocked' ? 'invalidSidecar' : 'newerVersion', this.sidecarPath ?? '');
    }
    let merged: DiskChange | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const out = await saveSidecar(this.fs, this.articlePath, this.annotations, this.text, {
          previous: this.previous,
          expectedDiskText: this.diskText,
        });
        this.diskText = out;
        this.base = clone(this.annotations);
        this.dirty = false;
        this.lastError = undefined;
        return { written: true, merged };
      } catch (e) {
        if (e instanceof SidecarChangedError && attempt < 2) {
          merged = await this.diskChanged();
          if (merged.kind === 'blocked') throw new StoreError(merged.message, 'invalidSidecar', this.sidecarPath ?? '');
          continue;
        }
        this.lastError = e instanceof StoreError ? e : new StoreError(String(e), 'io', this.sidecarPath ?? '');
        throw this.lastError;
      }
    }
  }

  /**
   * The sidecar changed on disk (git checkout, another tool). Clean: reload. Both changed: merge
   * what does not conflict (ours kept on conflicts) and keep their version beside it as
   * `<stem>.annotations.theirs.yaml`. A file that does not parse blocks saving until fixed.
   */
  async diskChanged(): Promise<DiskChange> {
    const path = this.sidecarPath;
    if (!path) return { kind: 'ignored' };
    let disk: string | null;
    try {
      disk = (await this.fs.stat(path)) ? new TextDecoder().decode(await this.fs.readFile(path)).replace(/^\uFEFF/, '') : null;
    } catch {
      return { kind: 'ignored' };
    }
    if (disk === this.diskText && this.state === 'ok') return { kind: 'ignored' };
    if (disk === null) {
      // Deleted outside: keep what we have; the next save writes it again.
      this.diskText = null;
      this.dirty = true;
      return { kind: 'ignored' };
    }
    const parsed = parse(disk, this.text);
    if (!parsed.ok) {
      this.state = 'blocked';
      this.stateMessage = `${firstError(parsed, path)} The file is left as it is; annotations are kept in memory until it is fixed.`;
      this.diskText = disk;
      return { kind: 'blocked', message: this.stateMessage };
    }
    if (parsed.stale) reanchor(parsed.annotations, this.text);
    const wasBlocked = this.state === 'blocked';
    this.state = parsed.readOnly ? 'readOnly' : 'ok';
    this.stateMessage = parsed.readOnly ? parsed.readOnlyMessage : undefined;
    this.diskText = disk;
    this.previous = parsed;
    const theirs = parsed.annotations;
    if (!this.dirty) {
      this.base = clone(theirs);
      const fresh = this.currentAnalysis();
      this.adopt(mergeAnalysis(theirs, fresh), fresh);
      this.pendingRefresh = false;
      return { kind: 'reloaded' };
    }
    const { merged, conflicts } = merge3(wasBlocked ? theirs : this.base, this.annotations, theirs);
    this.base = clone(theirs);
    const fresh = this.currentAnalysis();
    this.adopt(mergeAnalysis(merged, fresh), fresh);
    this.pendingRefresh = false;
    let theirsPath: string | undefined;
    if (conflicts.length > 0) {
      theirsPath = path.replace(/\.annotations\.yaml$/, '.annotations.theirs.yaml');
      await atomicWrite(this.fs, theirsPath, new TextEncoder().encode(disk));
    }
    return { kind: 'merged', conflicts, theirsPath };
  }

  /** The article was renamed or moved (or an untitled article saved): its sidecar follows. */
  async moveTo(newArticlePath: string): Promise<void> {
    const oldSidecar = this.sidecarPath;
    this.articlePath = newArticlePath;
    const newSidecar = sidecarPathFor(newArticlePath);
    if (oldSidecar && oldSidecar !== newSidecar && (await this.fs.stat(oldSidecar)) && !(await this.fs.stat(newSidecar))) {
      await this.fs.rename(oldSidecar, newSidecar);
    } else if (!oldSidecar) {
      this.dirty = true; // an untitled article's annotations get their first file
    }
  }

  /** The sidecar text the next save would write (for previews and `--stdout`). */
  render(): string {
    return serialize(this.annotations, this.text, this.previous, { file: this.articlePath ? baseName(this.articlePath) : undefined });
  }
}
