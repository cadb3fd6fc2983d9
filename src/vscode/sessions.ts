import * as vscode from 'vscode';
import type { AnalyzeOptions } from '../core/analysis';
import { ArticleSession, type DiskChange } from '../core/session';
import { StoreError } from '../core/store';
import type { SettingsWatcher } from './config';
import { isArticleDocument } from './languageDetector';
import type { OutputLogger } from './log';
import { WorkMeter } from './workMeter';
import { WorkspaceFileSystem } from './workspaceFs';

interface Entry {
  session: ArticleSession;
  /** The session's file access (rebased when an untitled article gets a path). */
  fs: WorkspaceFileSystem;
  ready: Promise<void>;
  /** `ready` has resolved. */
  loaded: boolean;
  /** The document's version when the session was made from its text. */
  version: number;
  saveTimer?: ReturnType<typeof setTimeout>;
  refreshTimer?: ReturnType<typeof setTimeout>;
}

/** Quiet time after an edit before the suggestions are refreshed (and highlights redrawn). */
export const REFRESH_DELAY_MS = 150;
const UNTITLED_ADOPT_WINDOW_MS = 10_000;

/**
 * The annotations of every open article, kept by document URI: loaded when the article opens,
 * moved with every edit, saved (debounced) after annotation changes and when the article is
 * saved, reloaded or merged when the sidecar changes on disk, moved when the article is renamed.
 */
export class ArticleSessions implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Untitled articles closed by "Save As": their annotations go to the saved file. */
  private readonly closedUntitled: { text: string; session: ArticleSession; fs: WorkspaceFileSystem; at: number; ready: Promise<void> }[] = [];
  /** Untitled documents whose session went to their saved file: they get no new session while they close. */
  private readonly adoptedUntitled = new Set<string>();
  private readonly subs: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when an article's annotations or save state changed. */
  readonly onDidChange = this.emitter.event;
  /** The time the editor path spends in the extension's handlers (read by the benchmark). */
  readonly meter = new WorkMeter();

  constructor(
    private readonly settings: SettingsWatcher,
    private readonly log: OutputLogger,
    /** Engine options of an article (the workspace gazetteer); none: the defaults. */
    private readonly analysisFor: (uri: vscode.Uri) => AnalyzeOptions | undefined = () => undefined,
  ) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.open(d)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.close(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.onArticleSaved(d)),
      vscode.workspace.onDidRenameFiles((e) => void this.onRenamed(e)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
    this.subs.push(
      watcher,
      watcher.onDidChange((u) => void this.onSidecarChanged(u)),
      watcher.onDidCreate((u) => void this.onSidecarChanged(u)),
      watcher.onDidDelete((u) => void this.onSidecarChanged(u)),
    );
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  /** The session of an article (loading it first when needed). */
  async get(doc: vscode.TextDocument): Promise<ArticleSession | undefined> {
    const entry = this.entries.get(doc.uri.toString()) ?? this.open(doc);
    if (!entry) return undefined;
    await entry.ready;
    return entry.session;
  }

  private open(doc: vscode.TextDocument): Entry | undefined {
    if (!isArticleDocument(doc)) return undefined;
    const key = doc.uri.toString();
    if (this.adoptedUntitled.has(key)) return undefined;
    const existing = this.entries.get(key);
    if (existing) return existing;
    const text = doc.getText();
    const adoptedEntry = doc.isUntitled ? undefined : this.adoptUntitled(text);
    adoptedEntry?.fs.rebase(doc.uri);
    const adopted = adoptedEntry?.session;
    const fs = adoptedEntry?.fs ?? new WorkspaceFileSystem(doc.uri);
    const session = adopted ?? new ArticleSession(fs, doc.isUntitled ? undefined : doc.uri.path, text, this.analysisFor(doc.uri));
    const entry: Entry = { session, fs, ready: Promise.resolve(), loaded: false, version: doc.version };
    entry.ready = adopted
      ? // after the untitled session's own load (it may still be going on)
        adoptedEntry.ready.then(() => adopted.moveTo(doc.uri.path)).then(async () => void (await this.save(doc.uri, entry)))
      : // the engine works in slices: the editor stays responsive and draws a preview meanwhile;
        // after its first slice it waits for VS Code to show the article (not competing with it)
        session.load({ pause: firstPauseUntilShown(doc) }).then(
          (report) => {
            if (report.state !== 'ok' && report.message) void this.showBlocked(doc.uri, report.message);
            if (report.orphaned > 0) {
              void vscode.window.showWarningMessage(
                vscode.l10n.t('{0} annotation(s) of {1} no longer match the edited article and are kept as orphaned.', report.orphaned, baseName(doc.uri)),
              );
            }
            for (const w of report.warnings) this.log.warn(`${doc.uri.fsPath}: ${w}`);
            this.emitter.fire(doc.uri);
          },
          (e: unknown) => this.log.error(`loading annotations of ${doc.uri.toString()}: ${String(e)}`),
        );
    entry.ready = entry.ready.finally(() => (entry.loaded = true));
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * The session of an open article without waiting for it to load (`loaded` false: the engine's
   * first run goes on; `session.preview` has what can be shown meanwhile, for the document's
   * `version`: edits wait for the load).
   */
  peek(doc: vscode.TextDocument): { session: ArticleSession; loaded: boolean; version: number } | undefined {
    const entry = this.entries.get(doc.uri.toString()) ?? this.open(doc);
    return entry && { session: entry.session, loaded: entry.loaded, version: entry.version };
  }

  private adoptUntitled(text: string): { session: ArticleSession; fs: WorkspaceFileSystem; ready: Promise<void> } | undefined {
    const now = Date.now();
    const untitledOpen = [...this.entries.entries()].find(([k, e]) => k.startsWith('untitled:') && e.session.currentText === text);
    if (untitledOpen) {
      this.entries.delete(untitledOpen[0]);
      this.adoptedUntitled.add(untitledOpen[0]);
      return untitledOpen[1];
    }
    const i = this.closedUntitled.findIndex((c) => c.text === text && now - c.at < UNTITLED_ADOPT_WINDOW_MS);
    if (i < 0) return undefined;
    const [c] = this.closedUntitled.splice(i, 1);
    return c;
  }

  private async close(doc: vscode.TextDocument): Promise<void> {
    if (!doc.isClosed) {
      // A language change: VS Code closes and reopens the document for extensions in one go
      // (a detected .txt article switching to the article language). The session stays while
      // the document is still an article; the views that dropped it on the close get it back.
      await Promise.resolve();
      if (isArticleDocument(doc)) {
        if (this.entries.get(doc.uri.toString())?.loaded) this.emitter.fire(doc.uri);
        return;
      }
    }
    const key = doc.uri.toString();
    this.adoptedUntitled.delete(key);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    clearTimeout(entry.refreshTimer);
    clearTimeout(entry.saveTimer);
    if (doc.isUntitled) {
      // at once: "Save As" may open the saved file in the same tick, and it adopts this session
      this.closedUntitled.push({ text: entry.session.currentText, session: entry.session, fs: entry.fs, at: Date.now(), ready: entry.ready });
      return;
    }
    await entry.ready;
    if (entry.session.dirty) await this.save(doc.uri, entry);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) return;
    // Content changes do not overlap and their offsets refer to the text before the event:
    // applied from the last to the first, each one's offsets are still right.
    const changes = [...e.contentChanges]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    void entry.ready.then(() =>
      this.meter.run('session edit', () => {
        const r = entry.session.edit(changes);
        if (r.orphaned > 0 || r.restored > 0) this.scheduleSave(e.document.uri, entry);
        clearTimeout(entry.refreshTimer);
        entry.refreshTimer = setTimeout(
          () =>
            this.meter.run('suggestion refresh', () => {
              entry.session.refreshSuggestions();
              this.emitter.fire(e.document.uri);
            }),
          REFRESH_DELAY_MS,
        );
      }),
    );
  }

  /** Call after a command changed an article's annotations: they are saved after the delay. */
  changed(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.toString());
    if (!entry) return;
    entry.session.changed();
    this.emitter.fire(uri);
    this.scheduleSave(uri, entry);
  }

  private scheduleSave(uri: vscode.Uri, entry: Entry): void {
    const delay = this.settings.value.saveDelay;
    clearTimeout(entry.saveTimer);
    if (delay < 0) return;
    entry.saveTimer = setTimeout(() => void this.save(uri, entry), delay);
  }

  private async onArticleSaved(doc: vscode.TextDocument): Promise<void> {
    const entry = this.entries.get(doc.uri.toString());
    if (entry) await this.save(doc.uri, entry);
  }

  /** Saves now; returns the sidecar's URI, or undefined when nothing could be written. */
  async saveNow(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    const entry = this.entries.get(doc.uri.toString()) ?? this.open(doc);
    if (!entry) return undefined;
    await entry.ready;
    if (!entry.session.sidecarPath) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The annotations of an untitled article are kept in memory until it is saved to a file.'));
      return undefined;
    }
    return (await this.save(doc.uri, entry, true)) ? doc.uri.with({ path: entry.session.sidecarPath }) : undefined;
  }

  private async save(uri: vscode.Uri, entry: Entry, explicit = false): Promise<boolean> {
    clearTimeout(entry.saveTimer);
    const s = entry.session;
    if (s.state !== 'ok') {
      if (explicit && s.stateMessage) void this.showBlocked(uri, s.stateMessage);
      return false;
    }
    try {
      const r = await s.save();
      if (r.merged) this.reportDiskChange(uri, r.merged);
      this.emitter.fire(uri);
      return r.written;
    } catch (e) {
      const message = e instanceof StoreError ? e.message : vscode.l10n.t('Annotations could not be saved and are kept in memory: {0}', String(e));
      this.log.error(message);
      this.emitter.fire(uri);
      void vscode.window.showErrorMessage(message, vscode.l10n.t('Retry')).then((a) => {
        if (a) void this.save(uri, entry, true);
      });
      return false;
    }
  }

  private async onSidecarChanged(sidecar: vscode.Uri): Promise<void> {
    for (const [key, entry] of this.entries) {
      const s = entry.session;
      if (!s.sidecarPath || s.sidecarPath !== sidecar.path) continue;
      await entry.ready;
      const change = await s.diskChanged();
      this.reportDiskChange(vscode.Uri.parse(key), change);
      if (change.kind !== 'ignored') this.emitter.fire(vscode.Uri.parse(key));
    }
  }

  private reportDiskChange(article: vscode.Uri, change: DiskChange): void {
    const name = baseName(article);
    switch (change.kind) {
      case 'reloaded':
        this.log.info(`reloaded the annotations of ${name} from disk`);
        return;
      case 'merged':
        if (change.conflicts.length === 0) {
          this.log.info(`merged the annotations of ${name} with the changed file on disk`);
          return;
        }
        for (const c of change.conflicts) this.log.warn(`${name}: ${c.message}`);
        void vscode.window
          .showWarningMessage(
            vscode.l10n.t(
              'The annotations of {0} changed on disk too: {1} conflict(s) kept your version; the other version is saved beside it.',
              name,
              change.conflicts.length,
            ),
            vscode.l10n.t('Open Other Version'),
            vscode.l10n.t('Show Conflicts'),
          )
          .then((a) => {
            if (a === vscode.l10n.t('Show Conflicts')) this.log.show();
            else if (a && change.theirsPath) void vscode.window.showTextDocument(article.with({ path: change.theirsPath }));
          });
        return;
      case 'blocked':
        void this.showBlocked(article, change.message);
        return;
      case 'ignored':
        return;
    }
  }

  private async showBlocked(article: vscode.Uri, message: string): Promise<void> {
    const entry = this.entries.get(article.toString());
    const open = vscode.l10n.t('Open File');
    const a = await vscode.window.showErrorMessage(message, open);
    if (a === open && entry?.session.sidecarPath) {
      await vscode.window.showTextDocument(article.with({ path: entry.session.sidecarPath }));
    }
  }

  private async onRenamed(e: vscode.FileRenameEvent): Promise<void> {
    for (const { oldUri, newUri } of e.files) {
      const entry = this.entries.get(oldUri.toString());
      if (entry) {
        this.entries.delete(oldUri.toString());
        this.entries.set(newUri.toString(), entry);
        entry.fs.rebase(newUri);
        await entry.ready;
        await entry.session.moveTo(newUri.path).catch((err: unknown) => this.log.error(String(err)));
        continue;
      }
      // Not open: move the sidecar of a renamed article file, if it has one.
      if (/\.annotations\.yaml$/.test(oldUri.path)) continue;
      const probe = new ArticleSession(new WorkspaceFileSystem(oldUri), oldUri.path, '');
      await probe.moveTo(newUri.path).catch((err: unknown) => this.log.error(String(err)));
    }
  }

  /** Re-analyses the open articles `which` selects with their current engine options (the gazetteer changed). */
  async reanalyse(which: (uri: vscode.Uri) => boolean = () => true): Promise<void> {
    for (const [key, entry] of this.entries) {
      const uri = vscode.Uri.parse(key);
      if (!which(uri)) continue;
      await entry.ready;
      entry.session.reconfigure(this.analysisFor(uri));
      this.emitter.fire(uri);
    }
  }

  /** The save state of an article, for the status bar. */
  status(uri: vscode.Uri): { dirty: boolean; error?: string; state: ArticleSession['state'] } | undefined {
    const s = this.entries.get(uri.toString())?.session;
    return s && { dirty: s.dirty, error: s.lastError?.message, state: s.state };
  }

  dispose(): void {
    for (const e of this.entries.values()) {
      clearTimeout(e.saveTimer);
      clearTimeout(e.refreshTimer);
    }
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }
}

/** How long the engine's first run waits at most for VS Code to show a newly opened article. */
const SHOWN_WAIT_MS = 500;

/**
 * The engine's pause between slices: at the first one, until an editor shows the document (VS
 * Code is still building it: on two cores the engine would compete with it) or SHOWN_WAIT_MS;
 * then a turn of the event loop.
 */
function firstPauseUntilShown(doc: vscode.TextDocument): () => Promise<void> {
  let first = true;
  const key = doc.uri.toString();
  const shown = () => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === key);
  return () => {
    const wait = first && !shown();
    first = false;
    if (!wait) return new Promise<void>((r) => setImmediate(r));
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = setTimeout(done, SHOWN_WAIT_MS);
      const sub = vscode.window.onDidChangeVisibleTextEditors(() => {
        if (shown()) done();
      });
    });
  };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
