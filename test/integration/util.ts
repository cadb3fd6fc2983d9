import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArticleSessions } from '../../src/vscode/sessions';

export const SAMPLE = 'afghanistan-china-2021-05-18.txt';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace has a folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function sidecarOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\.[^./]+$/, '') + '.annotations.yaml' });
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** A fresh copy of the sample article under a new name (so tests do not share state). */
export async function copySample(name: string): Promise<vscode.Uri> {
  const target = workspaceUri(name);
  for (const u of [target, sidecarOf(target)]) if (await exists(u)) await vscode.workspace.fs.delete(u);
  await vscode.workspace.fs.copy(workspaceUri(SAMPLE), target, { overwrite: true });
  return target;
}

/** Opens an article in an editor and waits until it is an article. */
export async function openArticle(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return waitFor('the article language', () =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === 'article'),
  );
}

export async function api(): Promise<{ sessions: ArticleSessions }> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator');
  assert.ok(ext, 'the extension under development is loaded');
  return (await ext.activate()) as { sessions: ArticleSessions };
}
