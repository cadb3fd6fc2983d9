import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, copySample, exists, openArticle, readText, sidecarOf, waitFor, writeText } from './util';

interface YamlSpan {
  id: string;
  start: number;
  end: number;
  text: string;
  status: string;
  origin: string;
}

/** Python-style slicing by code points, as the schema promises. */
function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('store: sidecars in the real extension host', () => {
  it('saves entities, quotes and speakers with code-point offsets, the sha256 and the header', async () => {
    const uri = await copySample('store-save.txt');
    const doc = await openArticle(uri);
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    const y = parse(await readText(sidecarOf(uri)));
    assert.equal(y.version, 1);
    assert.equal(y.source.file, 'store-save.txt');
    assert.match(y.source.sha256, /^[0-9a-f]{64}$/);
    assert.equal(String(y.article.date), '2021-05-18');
    assert.equal(y.article.outlet, 'AT News');
    assert.ok(y.entities.length > 10, 'entities found');
    assert.ok(y.quotes.length >= 2, 'quotes found');
    const text = doc.getText();
    for (const a of [...y.entities, ...y.quotes] as YamlSpan[]) assert.equal(cpSlice(text, a.start, a.end), a.text, a.id);
  });

  it('moves annotations with edits made through WorkspaceEdit and saves them with the article', async () => {
    const uri = await copySample('store-edit.txt');
    const doc = await openArticle(uri);
    const { sessions } = await api();
    const session = await waitFor('the session', () => sessions.get(doc));
    const wang = session.annotations.entities.find((e) => e.text === 'Wang Yi');
    assert.ok(wang, 'Wang Yi is an entity');
    wang.status = 'confirmed';
    sessions.changed(uri);
    const before = wang.start;
    const insert = 'BREAKING (updated): ';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(doc.getText().indexOf('NSA Hamdullah Mohib')), insert);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await doc.save();
    const y = await waitFor('the saved sidecar', async () => {
      const v = (await exists(sidecarOf(uri))) ? parse(await readText(sidecarOf(uri))) : { entities: [] };
      return v.entities.some((e: YamlSpan) => e.status === 'confirmed' && e.start === before + insert.length) ? v : undefined;
    });
    const text = doc.getText();
    for (const a of [...y.entities, ...y.quotes] as YamlSpan[]) assert.equal(cpSlice(text, a.start, a.end), a.text, a.id);
  });

  it('orphans an annotation whose text is deleted and restores it on undo', async () => {
    const uri = await copySample('store-orphan.txt');
    const doc = await openArticle(uri);
    const { sessions } = await api();
    const session = await waitFor('the session', () => sessions.get(doc));
    const atmar = session.annotations.entities.find((e) => e.text === 'Mohammad Haneef Atmar');
    assert.ok(atmar);
    atmar.origin = 'manual';
    sessions.changed(uri);
    const start = atmar.start;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(doc.positionAt(start - 1), doc.positionAt(atmar.end)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the orphan', () => atmar.status === 'orphaned');
    await vscode.commands.executeCommand('undo');
    await waitFor('the restored annotation', () => atmar.status !== 'orphaned' && atmar.start === start);
    assert.equal(doc.getText().slice(atmar.start, atmar.end), 'Mohammad Haneef Atmar');
  });

  it('never overwrites a sidecar that fails to parse, and saves once it is fixed', async () => {
    const uri = await copySample('store-broken.txt');
    const broken = 'version: 1\nquotes: [ {id: q1, start: 1\n';
    await writeText(sidecarOf(uri), broken);
    const doc = await openArticle(uri);
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    assert.equal(await readText(sidecarOf(uri)), broken, 'the broken file is left as it is');
    const fixed = 'version: 1\n# kept comment\nentities:\n  - {id: m1, type: person, start: 0, end: 5, text: " date", origin: manual, status: confirmed}\n';
    await writeText(sidecarOf(uri), fixed);
    const { sessions } = await api();
    await waitFor('the reload', async () => (await sessions.get(doc))?.state === 'ok');
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    const out = await readText(sidecarOf(uri));
    assert.match(out, /# kept comment/);
    assert.ok(parse(out).entities.some((e: YamlSpan) => e.id === 'm1' && e.origin === 'manual'), 'the manual entity is kept');
  });

  it('reloads when the sidecar changes on disk and the editor has no unsaved changes', async () => {
    const uri = await copySample('store-reload.txt');
    const doc = await openArticle(uri);
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    const text = await readText(sidecarOf(uri));
    const changed = text.replace(/(- id: q1\n(?:    .*\n)*?    status: )suggested/, '$1confirmed');
    assert.notEqual(changed, text, 'the test changed q1');
    await writeText(sidecarOf(uri), changed);
    const { sessions } = await api();
    await waitFor('the reload', async () => (await sessions.get(doc))?.annotations.quotes.find((q) => q.id === 'q1')?.status === 'confirmed');
  });

  it('merges a change on disk with unsaved changes in the editor, without losing either', async () => {
    const uri = await copySample('store-merge.txt');
    const doc = await openArticle(uri);
    await vscode.workspace.getConfiguration('articleAnnotator').update('saveDelay', -1, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
      const { sessions } = await api();
      const session = await waitFor('the session', () => sessions.get(doc));
      const e1 = session.annotations.entities[0];
      assert.ok(e1);
      e1.status = 'rejected'; // ours, unsaved
      sessions.changed(uri);
      const text = await readText(sidecarOf(uri));
      const theirs = text.replace(/(- id: q1\n(?:    .*\n)*?    status: )suggested/, '$1confirmed');
      await writeText(sidecarOf(uri), theirs);
      await waitFor('the merge', () => session.annotations.quotes.find((q) => q.id === 'q1')?.status === 'confirmed');
      assert.equal(session.annotations.entities.find((e) => e.id === e1.id)?.status, 'rejected', 'our change survives');
      await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
      const y = parse(await readText(sidecarOf(uri)));
      assert.equal(y.quotes.find((q: YamlSpan) => q.id === 'q1').status, 'confirmed');
      assert.equal(y.entities.find((e: YamlSpan) => e.id === e1.id).status, 'rejected');
    } finally {
      await vscode.workspace.getConfiguration('articleAnnotator').update('saveDelay', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('moves the sidecar when the article is renamed, and leaves it when the article is deleted', async () => {
    const uri = await copySample('store-rename.txt');
    await openArticle(uri);
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    const renamed = uri.with({ path: uri.path.replace('store-rename.txt', 'store-renamed.txt') });
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the moved sidecar', async () => (await exists(sidecarOf(renamed))) && !(await exists(sidecarOf(uri))));
    const del = new vscode.WorkspaceEdit();
    del.deleteFile(renamed);
    assert.ok(await vscode.workspace.applyEdit(del));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(await exists(sidecarOf(renamed)), 'the sidecar outlives its article');
  });
});

describe('store: orphans in Problems and faults', () => {
  it('lists an orphaned annotation in Problems with quick fixes that discard or re-attach it', async () => {
    const uri = await copySample('store-problems.txt');
    const doc = await openArticle(uri);
    const { sessions } = await api();
    const session = await waitFor('the session', () => sessions.get(doc));
    const atmar = session.annotations.entities.find((e) => e.text === 'Mohammad Haneef Atmar');
    assert.ok(atmar);
    atmar.status = 'confirmed';
    sessions.changed(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(doc.positionAt(atmar.start - 1), doc.positionAt(atmar.end)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diag = await waitFor('the Problems entry', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.code === atmar.id && d.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.match(diag.message, /Orphaned annotation/);
    const editor = await vscode.window.showTextDocument(doc);
    const atDiag = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range);
    assert.ok(atDiag.some((a) => a.title === 'Discard the orphaned annotation'), atDiag.map((a) => a.title).join(', '));
    const from = doc.getText().indexOf('Minister Atmar');
    editor.selection = new vscode.Selection(doc.positionAt(from), doc.positionAt(from + 'Minister Atmar'.length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, editor.selection);
    const attach = actions.find((a) => a.title === 'Attach the orphaned annotation to the selection: “Mohammad Haneef Atmar”');
    assert.ok(attach?.command);
    await vscode.commands.executeCommand(attach.command.command, ...(attach.command.arguments ?? []));
    assert.equal(atmar.status, 'confirmed');
    assert.equal(atmar.text, 'Minister Atmar');
    await waitFor('the cleared Problems entry', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === atmar.id) || undefined);
  });

  it('keeps annotations in memory and says so when the sidecar cannot be written, then saves on retry', async () => {
    const uri = await copySample('store-fault.txt');
    const doc = await openArticle(uri);
    const { sessions } = await api();
    const session = await waitFor('the session', () => sessions.get(doc));
    // A folder where the sidecar should be: every write fails, as on a read-only disk.
    await vscode.workspace.fs.createDirectory(sidecarOf(uri));
    const q = session.annotations.quotes[0];
    assert.ok(q);
    q.status = 'confirmed';
    sessions.changed(uri);
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    assert.ok(session.lastError, 'the failure is recorded');
    assert.match(session.lastError.message, /^Could not save store-fault\.annotations\.yaml: a folder of that name is in the way\. The annotations are kept in memory/);
    assert.equal(sessions.status(uri)?.dirty, true, 'the unsaved state is visible');
    await vscode.workspace.fs.delete(sidecarOf(uri), { recursive: true });
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    assert.equal(session.lastError, undefined);
    const y = parse(await readText(sidecarOf(uri)));
    assert.equal(y.quotes[0].status, 'confirmed');
  });
});
