/**
 * The workspace corpus: every `*.annotations.yaml` of the workspace in a `CorpusIndex`, filled
 * in the background after activation (reads in small slices, yielding between them, so the
 * editor never waits) and kept up to date by a FileSystemWatcher, one sidecar at a time.
 */
import * as vscode from 'vscode';
import { workspaceConfigFrom } from '../core/workspace/config';
import { CorpusIndex, decodeUtf8, type CorpusArticle } from '../core/corpus';
import type { Logger } from '../core/model';
import { emptyWorkspaceConfig, WORKSPACE_FILE, type WorkspaceConfig } from '../core/workspace/types';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.vscode-test/**}';

/** Every sidecar of the workspace. */
function findSidecars(): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles('**/*.annotations.yaml', EXCLUDE);
}
const SLICE_MS = 12;
const READ_AHEAD = 16;
const UPDATE_DELAY_MS = 60;
const CHANGE_EVENT_DELAY_MS = 150;
/**
 * After the first scan, the workspace is searched again at these delays for sidecars that are not
 * in the index: the file watcher starts listening some time after it is created, so a sidecar
 * written in that window (just after activation) would otherwise reach the index only on its next
 * change.
 */
const CATCH_UP_MS = [0, 3_000];

export class CorpusService implements vscode.Disposable {
  readonly index = new CorpusIndex();
  /** Sidecar path -> its URI (scheme and authority of its folder). */
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly pending = new Map<string, vscode.Uri | null>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires (debounced) after the index changed. */
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;
  /** Resolves when the first full scan is done. */
  readonly ready: Promise<void>;

  constructor(private readonly log: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
    const ws = vscode.workspace.createFileSystemWatcher('**/' + WORKSPACE_FILE);
    this.subs.push(
      watcher, ws, this.emitter,
      watcher.onDidCreate((u) => this.queue(u, u)),
      watcher.onDidChange((u) => this.queue(u, u)),
      watcher.onDidDelete((u) => this.queue(u, null)),
      ws.onDidCreate(() => void this.loadConfig()),
      ws.onDidChange(() => void this.loadConfig()),
      ws.onDidDelete(() => void this.loadConfig()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
    );
    this.ready = this.rescan();
    void this.ready.then(() => this.scheduleCatchUp(0));
  }

  /** Reads the sidecars that the first scan and the watcher both missed (see CATCH_UP_MS). */
  private scheduleCatchUp(step: number): void {
    const delay = CATCH_UP_MS[step];
    if (delay === undefined || this.disposed) return;
    this.catchUpTimer = setTimeout(() => {
      void this.catchUp()
        .catch((e) => this.log.warn(`Corpus: the search for sidecars failed: ${(e as Error).message}`))
        .finally(() => this.scheduleCatchUp(step + 1));
    }, delay);
  }

  private async catchUp(): Promise<void> {
    const found = await findSidecars();
    const missed = found.filter((u) => !this.uris.has(u.path) && !this.pending.has(u.path));
    for (const u of missed) {
      if (this.disposed) return;
      await this.read(u);
    }
    if (missed.length) {
      this.log.info(`Corpus: ${missed.length} sidecar(s) written while the file watcher started, now indexed.`);
      this.changed();
    }
  }

  /** The article file of an index entry. */
  articleUri(a: CorpusArticle): vscode.Uri {
    const base = this.uris.get(a.sidecar) ?? vscode.Uri.file(a.sidecar);
    return base.with({ path: a.article });
  }

  /** The URI of a sidecar path of the index. */
  sidecarUri(path: string): vscode.Uri {
    return this.uris.get(path) ?? vscode.Uri.file(path);
  }

  /** Reads everything again (workspace folders changed, or the user asked). */
  async rescan(): Promise<void> {
    const t0 = Date.now();
    await this.loadConfig(false);
    const found = await findSidecars();
    this.index.clear();
    this.uris.clear();
    let sliceStart = Date.now();
    let failed = 0;
    // reads overlap (16 at a time); parsing one sidecar takes well under a millisecond, and the
    // event loop gets a turn every few milliseconds, so the editor never waits for the index
    for (let i = 0; i < found.length; i += READ_AHEAD) {
      if (this.disposed) return;
      const ok = await Promise.all(found.slice(i, i + READ_AHEAD).map((uri) => this.read(uri)));
      failed += ok.filter((x) => !x).length;
      if (Date.now() - sliceStart > SLICE_MS) {
        this.changed();
        await new Promise((r) => setTimeout(r, 0));
        sliceStart = Date.now();
      }
    }
    this.changed();
    this.log.info(`Corpus: indexed ${this.index.size} sidecar(s) in ${Date.now() - t0} ms${failed ? `; ${failed} could not be read (see the Corpus view)` : ''}.`);
  }

  private async read(uri: vscode.Uri): Promise<boolean> {
    this.uris.set(uri.path, uri);
    try {
      const text = decodeUtf8(await vscode.workspace.fs.readFile(uri));
      const err = this.index.update(uri.path, text);
      if (err) this.log.warn(`Corpus: ${err.message}`);
      return !err;
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
        this.index.delete(uri.path);
        this.uris.delete(uri.path);
        return true;
      }
      const message = `${uri.path.slice(uri.path.lastIndexOf('/') + 1)} could not be read: ${(e as Error).message}`;
      this.index.fail({ sidecar: uri.path, message });
      this.log.warn(`Corpus: ${message}`);
      return false;
    }
  }

  private queue(uri: vscode.Uri, what: vscode.Uri | null): void {
    this.pending.set(uri.path, what);
    if (!this.uris.has(uri.path) && what) this.uris.set(uri.path, uri);
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.flush(), UPDATE_DELAY_MS);
  }

  private async flush(): Promise<void> {
    await this.ready;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [path, uri] of batch) {
      if (this.disposed) return;
      if (uri) await this.read(uri);
      else { this.index.delete(path); this.uris.delete(path); }
    }
    this.changed();
  }

  /**
   * The workspace files of every folder, combined (its valid parts; the workspace service reports
   * problems): known speakers, topics and attributes of all folders, the first folder winning
   * when two define the same id.
   */
  private async loadConfig(fire = true): Promise<void> {
    const config: WorkspaceConfig = emptyWorkspaceConfig();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      let one: WorkspaceConfig;
      try {
        one = workspaceConfigFrom(decodeUtf8(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, WORKSPACE_FILE))));
      } catch {
        continue; // no workspace file in this folder: defaults
      }
      const add = <T extends { id: string }>(into: T[], from: readonly T[]) => {
        for (const x of from) if (!into.some((y) => y.id === x.id)) into.push(x);
      };
      add(config.topics, one.topics);
      add(config.speakerAttributes, one.speakerAttributes);
      add(config.speakers, one.speakers);
      add(config.entityTypes as { id: string }[], one.entityTypes as { id: string }[]);
    }
    this.index.setConfig(config);
    if (fire) this.changed();
  }

  private changed(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.emitter.fire(), CHANGE_EVENT_DELAY_MS);
  }

  /** Resolves once queued file changes are in the index (for commands and tests). */
  async settled(): Promise<void> {
    await this.ready;
    if (this.pending.size) await this.flush();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.pendingTimer);
    clearTimeout(this.changeTimer);
    clearTimeout(this.catchUpTimer);
    for (const s of this.subs) s.dispose();
  }
}
