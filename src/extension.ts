import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';
import { ArticleSessions } from './vscode/sessions';
import { Problems } from './vscode/problems';
import { SaveStatus } from './vscode/saveStatus';
import { Tagging } from './vscode/tagging';
import { WorkspaceConfigService } from './vscode/workspaceConfig';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): { sessions: ArticleSessions; workspaceConfig: WorkspaceConfigService; tagging: Tagging } {
  const log = new OutputLogger();
  const settings = new SettingsWatcher();
  const workspaceConfig = new WorkspaceConfigService(log);
  const sessions = new ArticleSessions(settings, log, (uri) => workspaceConfig.analysisFor(uri));
  // The workspace gazetteer feeds the engine: open articles of that folder are re-analysed.
  const reanalyse = workspaceConfig.onDidChange((e) => {
    if (e.gazetteerChanged) void sessions.reanalyse((uri) => workspaceConfig.folderOf(uri)?.toString() === e.folder?.toString());
  });
  const tagging = new Tagging(sessions, workspaceConfig, log);
  context.subscriptions.push(
    log,
    settings,
    sessions,
    new LanguageDetector(settings),
    new SaveStatus(sessions),
    new Problems(sessions),
    ...registerCommands(sessions),
    workspaceConfig,
    reanalyse,
    ...tagging.register(),
  );
  // The API is for the integration tests (and other extensions): the live annotations.
  return { sessions, workspaceConfig, tagging };
}

export function deactivate(): void {}
