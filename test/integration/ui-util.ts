import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UiParts } from '../../src/extension';
import type { ArticleSession } from '../../src/core/session';
import type { ArticleSessions } from '../../src/vscode/sessions';
import { copySample, openArticle, waitFor } from './util';

export interface UiApi {
  sessions: ArticleSessions;
  ui: UiParts;
}

export async function uiApi(): Promise<UiApi> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator');
  assert.ok(ext, 'the extension under development is loaded');
  const a = (await ext.activate()) as UiApi;
  assert.ok(a.ui, 'the extension exposes its display parts');
  return a;
}

/** A fresh copy of the sample, open in the active editor, with its session loaded. */
export async function openSample(name: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor; session: ArticleSession } & UiApi> {
  const uri = await copySample(name);
  const doc = await openArticle(uri);
  const a = await uiApi();
  const session = await waitFor('the session', () => a.sessions.get(doc));
  const editor = await waitFor('the editor', () => vscode.window.visibleTextEditors.find((e) => e.document === doc));
  return { uri, doc, editor, session, ...a };
}

/** The texts of the ranges last set under one style key in an editor. */
export function textsOf(ui: UiParts, editor: vscode.TextEditor, key: string): string[] {
  return (ui.decorator.decorationsOf(editor).get(key) ?? []).map((i) => editor.document.getText(i.range));
}

export function keysOf(ui: UiParts, editor: vscode.TextEditor): string[] {
  return [...ui.decorator.decorationsOf(editor).keys()].sort();
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('articleAnnotator').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Decodes a `command:id?args` link into its command id and arguments. */
export function commandLinks(markdown: string): { command: string; args: unknown[] }[] {
  return [...markdown.matchAll(/\(command:([\w.]+)\?([^\s)]+)/g)].map((m) => ({
    command: m[1] as string,
    args: JSON.parse(decodeURIComponent(m[2] as string)) as unknown[],
  }));
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
