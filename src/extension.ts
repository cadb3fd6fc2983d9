import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';
import { ArticleSessions } from './vscode/sessions';
import { Problems } from './vscode/problems';
import { SaveStatus } from './vscode/saveStatus';
import { CorpusService } from './vscode/corpus';
import { registerCorpusCommands } from './vscode/corpusCommands';
import { CorpusReport } from './vscode/corpusReport';
import { CORPUS_VIEW, CorpusTreeProvider } from './vscode/corpusView';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): { sessions: ArticleSessions; corpus: CorpusService; corpusReport: CorpusReport; corpusTree: CorpusTreeProvider } {
  const log = new OutputLogger();
  const settings = new SettingsWatcher();
  const sessions = new ArticleSessions(settings, log);
  context.subscriptions.push(
    log,
    settings,
    sessions,
    new LanguageDetector(settings),
    new SaveStatus(sessions),
    new Problems(sessions),
    ...registerCommands(sessions),
  );
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
  // The API is for the integration tests (and other extensions): the live annotations.
  return { sessions, corpus, corpusReport, corpusTree };
}

export function deactivate(): void {}
