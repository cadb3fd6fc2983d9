import * as vscode from 'vscode';
import { isArticleDocument } from './languageDetector';
import type { ArticleSessions } from './sessions';

/** Every command id the extension registers; the manifest test checks it against package.json. */
export const COMMANDS = {
  saveAnnotations: 'articleAnnotator.saveAnnotations',
} as const;

export function registerCommands(sessions: ArticleSessions): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.saveAnnotations, async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc || !isArticleDocument(doc)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open an article to save its annotations.'));
        return undefined;
      }
      return sessions.saveNow(doc);
    }),
  ];
}
