import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';
import { ArticleSessions } from './vscode/sessions';
import { Problems } from './vscode/problems';
import { SaveStatus } from './vscode/saveStatus';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): { sessions: ArticleSessions } {
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
  // The API is for the integration tests (and other extensions): the live annotations.
  return { sessions };
}

export function deactivate(): void {}
