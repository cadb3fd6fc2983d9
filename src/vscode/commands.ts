import * as vscode from 'vscode';
import type { OutputLogger } from './log';
import type { DocumentAnnotations } from './documentAnnotations';
import { ARTICLE_LANGUAGE } from './languageDetector';

/** Every command id the extension registers; the manifest test checks it against package.json. */
export const COMMANDS = {
  saveAnnotations: 'articleAnnotator.saveAnnotations',
} as const;

export function registerCommands(annotations: DocumentAnnotations, log: OutputLogger): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.saveAnnotations, async (uri?: vscode.Uri) => {
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== ARTICLE_LANGUAGE) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open an article to save its annotations.'));
        return undefined;
      }
      try {
        const target = await annotations.save(doc);
        log.info(`saved ${target?.toString() ?? '(in memory)'}`);
        return target;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        log.error(message);
        const action = await vscode.window.showErrorMessage(
          vscode.l10n.t('Annotations could not be saved and are kept in memory: {0}', message),
          vscode.l10n.t('Open Output'),
        );
        if (action) log.show();
        return undefined;
      }
    }),
  ];
}
