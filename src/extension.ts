import * as vscode from 'vscode';
import { warmUp } from './core/warmUp';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';
import { ArticleSessions } from './vscode/sessions';
import { Problems } from './vscode/problems';
import { SaveStatus } from './vscode/saveStatus';
import { Tagging } from './vscode/tagging';
import { WorkspaceConfigService } from './vscode/workspaceConfig';
import { ArticleView } from './vscode/articleView';
import { Decorator } from './vscode/decorations';
import { Hovers } from './vscode/hovers';
import { Outline } from './vscode/outline';
import { ArticleStatus } from './vscode/statusBar';
import type { EntityTypeSource } from './vscode/uiCommon';
import { CorpusService } from './vscode/corpus';
import { registerCorpusCommands } from './vscode/corpusCommands';
import { CorpusReport } from './vscode/corpusReport';
import { CORPUS_VIEW, CorpusTreeProvider } from './vscode/corpusView';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): {
  sessions: ArticleSessions;
  workspaceConfig: WorkspaceConfigService;
  tagging: Tagging;
  corpus: CorpusService;
  corpusReport: CorpusReport;
  corpusTree: CorpusTreeProvider;
  ui: UiParts;
} {
  const log = new OutputLogger();
  const settings = new SettingsWatcher();
  const workspaceConfig = new WorkspaceConfigService(log);
  const sessions = new ArticleSessions(settings, log, (uri) => workspaceConfig.analysisFor(uri));
  // The workspace gazetteer feeds the engine: open articles of that folder are re-analysed.
  const reanalyse = workspaceConfig.onDidChange((e) => {
    if (e.gazetteerChanged) void sessions.reanalyse((uri) => workspaceConfig.folderOf(uri)?.toString() === e.folder?.toString());
  });
  const tagging = new Tagging(sessions, workspaceConfig, log);
  const detector = new LanguageDetector(settings);
  context.subscriptions.push(
    log,
    settings,
    sessions,
    detector,
    // a .txt article is annotated as soon as it is found, before its language switch
    detector.onDidDetect((d) => sessions.peek(d)),
    new SaveStatus(sessions),
    new Problems(sessions),
    ...registerCommands(sessions),
    workspaceConfig,
    reanalyse,
    ...tagging.register(),
  );
  // Custom entity types (and their colours) come from the workspace file of the article's folder.
  const entityTypes: EntityTypeSource = {
    entityTypes: (uri) => workspaceConfig.entityTypes(uri),
    onDidChange: (listener, thisArg, disposables) => workspaceConfig.onDidChange(() => listener.call(thisArg, undefined), undefined, disposables),
  };
  const ui: UiParts = {
    decorator: new Decorator(sessions, settings),
    hovers: new Hovers(sessions, () => entityTypes),
    outline: new Outline(sessions, () => entityTypes),
    articleView: new ArticleView(sessions, () => entityTypes),
    articleStatus: new ArticleStatus(sessions),
  };
  ui.decorator.useEntityTypes(entityTypes);
  context.subscriptions.push(...Object.values(ui), detector.onDidDetect((d) => ui.decorator.redrawDocument(d)));
  detector.start(ui.decorator.onDidDraw);
  const corpus = new CorpusService(log);
  const corpusReport = new CorpusReport(corpus);
  const corpusTree = new CorpusTreeProvider(corpus);
  context.subscriptions.push(
    corpus,
    corpusReport,
    corpusTree,
    vscode.window.createTreeView(CORPUS_VIEW, { treeDataProvider: corpusTree, showCollapseAll: true }),
    ...registerCorpusCommands(corpus, corpusReport),
  );
  // compile the engine and the sidecar reader while the extension host is idle (also while VS
  // Code switches a .txt article's language, the usual moment of activation), not in the open of
  // the first article (see core/warmUp.ts)
  const warm = setTimeout(() => {
    try { warmUp(); } catch (e) { log.warn(`Warm-up of the engine failed: ${(e as Error).message}`); }
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(warm) });
  // The API is for the integration tests (and other extensions): the live annotations.
  return { sessions, workspaceConfig, tagging, corpus, corpusReport, corpusTree, ui };
}

export function deactivate(): void {}

/** The display parts, exposed to the integration tests through the extension's API. */
export interface UiParts {
  decorator: Decorator;
  hovers: Hovers;
  outline: Outline;
  articleView: ArticleView;
  articleStatus: ArticleStatus;
}
