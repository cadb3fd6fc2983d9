import * as vscode from 'vscode';
import * as YAML from 'yaml';
import type { AnalyzeOptions } from '../core/analysis';
import type { Speaker } from '../core/model';
import { describeProblems, folderFor, gazetteerOf, parseWorkspaceConfig, type ConfigProblem } from '../core/workspace/config';
import { emptyWorkspaceConfig, WORKSPACE_FILE, type EntityTypeDef, type TopicDef, type WorkspaceConfig } from '../core/workspace/types';
import type { OutputLogger } from './log';

interface FolderState {
  folder: vscode.WorkspaceFolder;
  config: WorkspaceConfig;
  /** The file's text as last read or written (null: there is no file). */
  text: string | null;
  watcher: vscode.FileSystemWatcher;
}

/** A change a command made to the workspace file (or the settings), for Undo Annotation Change. */
export interface WorkspaceChange {
  /** False when the file changed since (it is then left as it is). */
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
}

export interface WorkspaceConfigChange {
  /** The folder whose file changed; undefined: the user settings (articles outside every folder). */
  folder: vscode.Uri | undefined;
  gazetteerChanged: boolean;
}

/** The settings an article outside every workspace folder uses as its taxonomy. */
function readFallback(): { config: WorkspaceConfig; problems: ConfigProblem[] } {
  const c = vscode.workspace.getConfiguration('articleAnnotator');
  const raw = {
    version: 1,
    topics: c.get<unknown[]>('topics', []),
    entityTypes: c.get<unknown[]>('entityTypes', []),
    speakerAttributes: c.get<unknown[]>('speakerAttributes', []),
    speakers: c.get<unknown[]>('speakers', []),
  };
  // Same validation as the workspace file: the settings are written out as YAML and parsed.
  return parseWorkspaceConfig(YAML.stringify(raw));
}

/**
 * The workspace file `.article-annotator.yaml` of every workspace folder: read at start,
 * reloaded when it changes on disk, validated (problems go to the Problems panel with line and
 * column, and one message), written by the tagging commands. An article outside every folder
 * uses the user settings `articleAnnotator.topics / entityTypes / speakerAttributes / speakers`.
 */
export class WorkspaceConfigService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private fallback = readFallback();
  private readonly subs: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<WorkspaceConfigChange>();
  readonly onDidChange = this.emitter.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('articleAnnotator.workspace');
  /** Resolves when every folder's file has been read once. */
  ready: Promise<void>;

  constructor(private readonly log: OutputLogger) {
    this.subs.push(
      this.diagnostics,
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.removeFolder(f);
        void Promise.all(e.added.map((f) => this.addFolder(f)));
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('articleAnnotator')) return;
        this.fallback = readFallback();
        this.reportFallback();
        this.emitter.fire({ folder: undefined, gazetteerChanged: false });
      }),
    );
    this.reportFallback();
    this.ready = Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.addFolder(f))).then(() => undefined);
  }

  private fileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, WORKSPACE_FILE);
  }

  private async addFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, WORKSPACE_FILE));
    const state: FolderState = { folder, config: emptyWorkspaceConfig(), text: null, watcher };
    this.folders.set(folder.uri.toString(), state);
    const reload = () => void this.reload(state);
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    await this.reload(state);
  }

  private removeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const s = this.folders.get(key);
    if (!s) return;
    s.watcher.dispose();
    this.diagnostics.delete(this.fileOf(folder));
    this.folders.delete(key);
    this.emitter.fire({ folder: folder.uri, gazetteerChanged: true });
  }

  private async readText(uri: vscode.Uri): Promise<string | null> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return null;
      throw e;
    }
  }

  private async reload(state: FolderState): Promise<void> {
    const uri = this.fileOf(state.folder);
    let text: string | null;
    try {
      text = await this.readText(uri);
    } catch (e) {
      this.log.error(`reading ${uri.fsPath}: ${String(e)}`);
      return;
    }
    if (text === state.text) return;
    this.apply(state, text, true);
  }

  private apply(state: FolderState, text: string | null, fromDisk: boolean): void {
    const uri = this.fileOf(state.folder);
    const oldGazetteer = JSON.stringify(state.config.gazetteer);
    const parsed = text === null ? { config: emptyWorkspaceConfig(), problems: [] } : parseWorkspaceConfig(text);
    state.text = text;
    state.config = parsed.config;
    this.diagnostics.set(
      uri,
      parsed.problems.map((p) => {
        const pos = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
        const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), p.message, vscode.DiagnosticSeverity.Error);
        d.source = 'Article Annotator';
        return d;
      }),
    );
    const message = describeProblems(WORKSPACE_FILE, parsed.problems);
    if (message && fromDisk) {
      this.log.warn(`${uri.fsPath}: ${parsed.problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`).join('; ')}`);
      const open = vscode.l10n.t('Open File');
      void vscode.window.showErrorMessage(message, open).then((a) => {
        if (a === open) void vscode.window.showTextDocument(uri);
      });
    } else if (fromDisk) {
      this.log.info(`loaded ${uri.fsPath}`);
    }
    this.emitter.fire({ folder: state.folder.uri, gazetteerChanged: JSON.stringify(state.config.gazetteer) !== oldGazetteer });
  }

  dispose(): void {
    for (const s of this.folders.values()) s.watcher.dispose();
    for (const s of this.subs) s.dispose();
    this.emitter.dispose();
  }

  private reportFallback(): void {
    const message = describeProblems('articleAnnotator settings', this.fallback.problems);
    if (!message) return;
    this.log.warn(message);
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The Article Annotator settings (topics, entity types, speaker attributes, speakers) have a problem: {0}', this.fallback.problems[0]?.message ?? ''),
    );
  }

  private stateFor(uri: vscode.Uri): FolderState | undefined {
    const key = folderFor(uri.toString(), [...this.folders.keys()]);
    return key === undefined ? undefined : this.folders.get(key);
  }

  /** The taxonomy and registry an article uses: its folder's file, or the user settings. */
  configFor(uri: vscode.Uri): WorkspaceConfig {
    return this.stateFor(uri)?.config ?? this.fallback.config;
  }

  /** The workspace file an article's changes go to; undefined: the user settings. */
  fileFor(uri: vscode.Uri): vscode.Uri | undefined {
    const s = this.stateFor(uri);
    return s && this.fileOf(s.folder);
  }

  /** The folder an article belongs to (the key of change events). */
  folderOf(uri: vscode.Uri): vscode.Uri | undefined {
    return this.stateFor(uri)?.folder.uri;
  }

  analysisFor(uri: vscode.Uri): AnalyzeOptions | undefined {
    const s = this.stateFor(uri);
    const g = s && gazetteerOf(s.config);
    return g ? { gazetteer: g } : undefined;
  }

  /** Custom entity types (with colours) of an article's folder, for the decorations. */
  entityTypes(uri: vscode.Uri): EntityTypeDef[] {
    return this.configFor(uri).entityTypes;
  }

  /**
   * Changes the workspace file of an article's folder (creating it on first use) with `edit`
   * (text in, text out: the core editors keep comments and unknown keys); outside every folder,
   * `settings` changes the user settings instead. Throws with one sentence when it cannot.
   */
  async update(
    article: vscode.Uri,
    edit: (text: string) => string,
    settings: (config: WorkspaceConfig) => Partial<Record<'topics' | 'entityTypes' | 'speakers', unknown[]>>,
  ): Promise<WorkspaceChange | undefined> {
    const s = this.stateFor(article);
    if (!s) {
      const c = vscode.workspace.getConfiguration('articleAnnotator');
      const next = settings(this.fallback.config);
      const before: Record<string, unknown> = {};
      for (const key of Object.keys(next)) before[key] = c.inspect(key)?.globalValue;
      const write = async (values: Record<string, unknown>) => {
        const cfg = vscode.workspace.getConfiguration('articleAnnotator');
        for (const [key, value] of Object.entries(values)) await cfg.update(key, value, vscode.ConfigurationTarget.Global);
        this.fallback = readFallback();
        return true;
      };
      await write(next);
      return { undo: () => write(before), redo: () => write(next) };
    }
    const uri = this.fileOf(s.folder);
    const before = await this.readText(uri);
    const current = before ?? '';
    let next: string;
    try {
      next = edit(current);
    } catch (e) {
      throw new Error(`${WORKSPACE_FILE}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (next === current) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(next));
    this.apply(s, next, false);
    // Undo puts the file back only when nobody changed it since (a hand edit is never lost).
    const swap = async (from: string | null, to: string | null): Promise<boolean> => {
      if ((await this.readText(uri)) !== from) return false;
      if (to === null) await vscode.workspace.fs.delete(uri);
      else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(to));
      this.apply(s, to, false);
      return true;
    };
    return { undo: () => swap(next, before), redo: () => swap(before, next) };
  }
}

/** Settings values for the fallback taxonomy, written by the commands (same shapes as the file). */
export function settingsTopics(config: WorkspaceConfig, add: readonly TopicDef[]): unknown[] {
  const out: unknown[] = config.topics.map((t) => ({ ...t }));
  for (const t of add) if (!config.topics.some((x) => x.id === t.id)) out.push({ ...t });
  return out;
}

/** The user-settings registry after Merge Speakers (see mergeSpeakersIn for the workspace file). */
export function settingsMergedSpeakers(config: WorkspaceConfig, fromId: string, into: Speaker): unknown[] | undefined {
  const from = config.speakers.find((s) => s.id === fromId);
  if (!from) return undefined;
  const target = config.speakers.find((s) => s.id === into.id) ?? into;
  const aliases = [...target.aliases];
  for (const a of [from.name, ...from.aliases]) if (a !== target.name && !aliases.includes(a)) aliases.push(a);
  const attributes = { ...from.attributes, ...target.attributes };
  const rest = { ...config, speakers: config.speakers.filter((s) => s.id !== fromId) };
  return settingsSpeakers(rest, { ...target, aliases, ...(Object.keys(attributes).length ? { attributes } : {}) });
}

export function settingsSpeakers(config: WorkspaceConfig, speaker: Speaker): unknown[] {
  const out = config.speakers.filter((s) => s.id !== speaker.id).map((s) => ({ ...s }));
  const old = config.speakers.find((s) => s.id === speaker.id);
  const aliases = [...(old?.aliases ?? [])];
  for (const a of speaker.aliases) if (!aliases.includes(a)) aliases.push(a);
  const attributes: Record<string, string> = { ...old?.attributes, ...speaker.attributes };
  for (const [k, v] of Object.entries(attributes)) if (!v.trim()) delete attributes[k];
  const next: Record<string, unknown> = { ...old, ...speaker, aliases };
  if (Object.keys(attributes).length) next.attributes = attributes;
  else delete next.attributes;
  out.push(next as unknown as Speaker);
  return out;
}
