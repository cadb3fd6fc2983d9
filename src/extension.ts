import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';
import { ArticleSessions } from './vscode/sessions';
import { Problems } from './vscode/problems';
import { SaveStatus } from './vscode/saveStatus';
import { ArticleView } from './vscode/articleView';
import { Decorator } from './vscode/decorations';
import { Hovers } from './vscode/hovers';
import { Outline } from './vscode/outline';
import { ArticleStatus } from './vscode/statusBar';
import { noEntityTypes } from './vscode/uiCommon';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): { sessions: ArticleSessions; ui: UiParts } {
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
  // Custom entity types: the lead wires the workspace service here (decorator.useEntityTypes too).
  const entityTypes = () => noEntityTypes;
  const ui: UiParts = {
    decorator: new Decorator(sessions, settings),
    hovers: new Hovers(sessions, entityTypes),
    outline: new Outline(sessions, entityTypes),
    articleView: new ArticleView(sessions, entityTypes),
    articleStatus: new ArticleStatus(sessions),
  };
  context.subscriptions.push(...Object.values(ui));
  // The API is for the integration tests (and other extensions): the live annotations.
  return { sessions, ui };
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
