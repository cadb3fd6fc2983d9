import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';

import { api, copySample, exists, openArticle, SAMPLE, waitFor, workspaceUri } from './util';

describe('foundation: the extension in a real extension host', () => {
  const sidecar = workspaceUri(SAMPLE.replace(/\.txt$/, '.annotations.yaml'));

  beforeEach(async () => {
    if (await exists(sidecar)) await vscode.workspace.fs.delete(sidecar);
  });

  it('opens a .txt file whose first line is " date YYYY-MM-DD" as an article', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(SAMPLE));
    await vscode.window.showTextDocument(doc);
    const lang = await waitFor('the article language', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'article'),
    );
    assert.equal(lang.languageId, 'article');
  });

  it('keeps a .txt article as plain text when the user picks Plain Text for it', async () => {
    const uri = await copySample('foundation-plain-by-hand.txt');
    const doc = await openArticle(uri);
    const plain = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    await new Promise((r) => setTimeout(r, 2500)); // past the detector's longest wait
    assert.equal(plain.languageId, 'plaintext', 'not switched back to the article language');
    const { sessions } = await api();
    // a session for it would come back on asking; none is made for a plain-text document
    assert.equal(await sessions.get(plain), undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('leaves other .txt files as plain text', async () => {
    const other = workspaceUri('notes-not-an-article.txt');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('Just some notes.\ndate 2021-05-18 is not on line one\n'));
    const doc = await vscode.workspace.openTextDocument(other);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(doc.languageId, 'plaintext');
    await vscode.workspace.fs.delete(other);
  });

  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator');
    assert.ok(ext, 'the extension under development is loaded');
    await waitFor('activation', () => ext.isActive || undefined);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('articleAnnotator.saveAnnotations'));
  });

  it('"Article: Save Annotations" writes <stem>.annotations.yaml with version 1 next to the article', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri(SAMPLE));
    await vscode.window.showTextDocument(doc);
    await waitFor('the article language', () =>
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'article') || undefined,
    );
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    const bytes = await vscode.workspace.fs.readFile(sidecar);
    const data = parse(new TextDecoder().decode(bytes));
    assert.equal(data.version, 1);
  });
});
