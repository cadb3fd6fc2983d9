import * as vscode from 'vscode';
import { registerCommands } from './vscode/commands';
import { SettingsWatcher } from './vscode/config';
import { DocumentAnnotations } from './vscode/documentAnnotations';
import { LanguageDetector } from './vscode/languageDetector';
import { OutputLogger } from './vscode/log';

/** Wires the services together; every disposable goes to context.subscriptions. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new OutputLogger();
  const settings = new SettingsWatcher();
  const annotations = new DocumentAnnotations();
  context.subscriptions.push(
    log,
    settings,
    annotations,
    new LanguageDetector(settings),
    ...registerCommands(annotations, log),
  );
}

export function deactivate(): void {}
