import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { SAMPLE, api, copySample, exists, openArticle, readText, sidecarOf, waitFor, workspaceUri, writeText } from './util';

interface YamlSpan {
  id: string;
  start: number;
  end: number;
  text: string;
  status: string;
  context?: { before: string; after: string };
}

/**
 * Makes a folder read-only for real: chmod for a normal user; for root (who ignores modes) the
 * immutable attribute. Returns the undo, or undefined when this machine cannot do either.
 */
function makeReadOnly(dir: string): (() => void) | undefined {
  let undo: () => void;
  try {
    if (process.getuid?.() === 0) {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
      undo = () => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    } else {
      nodeFs.chmodSync(dir, 0o555);
      undo = () => nodeFs.chmodSync(dir, 0o755);
    }
  } catch {
    return undefined;
  }
  try {
    nodeFs.writeFileSync(dir + '/.probe', '');
    nodeFs.rmSync(dir + '/.probe');
    undo();
    return undefined; // writes still succeed here
  } catch {
    return undo;
  }
}

/** Replaces a `vscode.window.show*Message` for the duration of a test; the answers are given later. */
function captureMessages(kind: 'showErrorMessage' | 'showInformationMessage') {
  const win = vscode.window as unknown as Record<string, unknown>;
  const original = win[kind];
  const shown: Array<{ message: string; items: string[]; answer: (item: string | undefined) => void }> = [];
  win[kind] = (message: string, ...items: unknown[]) =>
    new Promise<string | undefined>((answer) => shown.push({ message, items: items.filter((i): i is string => typeof i === 'string'), answer }));
  return {
    shown,
    restore: () => {
      for (const s of shown) s.answer(undefined);
      win[kind] = original;
    },
  };
}

async function withSaveDelay<T>(delay: number | undefined, f: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('articleAnnotator');
  await config.update('saveDelay', delay, vscode.ConfigurationTarget.Global);
  try {
    return await f();
  } finally {
    await config.update('saveDelay', undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('store: untitled articles, moves and read-only folders in the real extension host', () => {
  it('keeps the annotations of an untitled article in memory and writes the sidecar once it is saved to a path', async () => {
    const target = workspaceUri('store2-untitled.txt');
    for (const u of [target, sidecarOf(target)]) if (await exists(u)) await vscode.workspace.fs.delete(u);
    const text = await readText(workspaceUri(SAMPLE));
    // an untitled document with a path to save to (no file dialog)
    const untitled = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    await vscode.window.showTextDocument(untitled);
    const fill = new vscode.WorkspaceEdit();
    fill.insert(untitled.uri, new vscode.Position(0, 0), text);
    assert.ok(await vscode.workspace.applyEdit(fill));
    const doc = await vscode.languages.setTextDocumentLanguage(untitled, 'article');
    assert.equal(doc.isUntitled, true);
    const { sessions } = await api();
    const session = await waitFor('the untitled session', () => sessions.get(doc));
    assert.equal(session.sidecarPath, undefined, 'no sidecar while untitled');
    const wang = session.annotations.entities.find((e) => e.text === 'Wang Yi');
    assert.ok(wang, 'Wang Yi is an entity');
    wang.status = 'confirmed';
    sessions.changed(doc.uri);
    const info = captureMessages('showInformationMessage');
    try {
      await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
      assert.ok(info.shown.some((m) => /kept in memory until it is saved/.test(m.message)), info.shown.map((m) => m.message).join(' | '));
    } finally {
      info.restore();
    }
    await new Promise((r) => setTimeout(r, 1500)); // past the save delay
    assert.equal(await exists(sidecarOf(target)), false, 'nothing written while untitled');
    assert.equal(wang.status, 'confirmed', 'kept in memory');

    assert.ok(await doc.save(), 'saved to its path');
    const y = await waitFor('the sidecar of the saved article', async () => {
      if (!(await exists(sidecarOf(target)))) return undefined;
      const v = parse(await readText(sidecarOf(target)));
      return v?.entities?.some((e: YamlSpan) => e.id === wang.id && e.status === 'confirmed') ? v : undefined;
    });
    assert.equal(y.source.file, 'store2-untitled.txt');
    const saved = await readText(target);
    const e = y.entities.find((x: YamlSpan) => x.id === wang.id) as YamlSpan;
    assert.equal(Array.from(saved).slice(e.start, e.end).join(''), 'Wang Yi');
    assert.ok(e.context && saved.includes(e.context.before + 'Wang Yi' + e.context.after), 'the context is the text around it');
  });

  it('moves the sidecar with an article that is not open when it is moved to another folder', async () => {
    const uri = await copySample('store2-closed.txt');
    const sidecar = 'version: 1\n# checked by hand\nentities:\n  - {id: m1, type: person, start: 0, end: 4, text: date, origin: manual, status: confirmed}\n';
    await writeText(sidecarOf(uri), sidecar);
    const folder = workspaceUri('store2-moved');
    await vscode.workspace.fs.createDirectory(folder);
    const moved = vscode.Uri.joinPath(folder, 'store2-closed.txt');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the article is not open');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, moved);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the moved sidecar', async () => (await exists(sidecarOf(moved))) && !(await exists(sidecarOf(uri))));
    assert.equal(await readText(sidecarOf(moved)), sidecar, 'moved as it was, comment and all');
  });

  it('read-only folder: one clear error with Retry, annotations kept, unsaved state visible; Retry saves once fixed', async function () {
    const folder = workspaceUri('store2-readonly');
    await vscode.workspace.fs.createDirectory(folder);
    const uri = vscode.Uri.joinPath(folder, 'story.txt');
    await vscode.workspace.fs.copy(workspaceUri(SAMPLE), uri, { overwrite: true });
    if (await exists(sidecarOf(uri))) await vscode.workspace.fs.delete(sidecarOf(uri));
    await withSaveDelay(-1, async () => {
      const doc = await openArticle(uri);
      const { sessions } = await api();
      const session = await waitFor('the session', () => sessions.get(doc));
      const undo = makeReadOnly(folder.fsPath);
      if (!undo) {
        console.log('      (skipped: this machine cannot make a folder read-only)');
        this.skip();
      }
      const errors = captureMessages('showErrorMessage');
      try {
        const q = session.annotations.quotes[0];
        assert.ok(q);
        q.status = 'confirmed';
        sessions.changed(uri);
        await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
        await waitFor('the error', () => errors.shown.length > 0);
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(errors.shown.length, 1, 'one error: ' + errors.shown.map((m) => m.message).join(' | '));
        const [shown] = errors.shown;
        assert.match(shown.message, /^Could not save story\.annotations\.yaml: (permission denied|the folder is read-only)\. The annotations are kept in memory; retry when fixed\.$/);
        assert.deepEqual(shown.items, ['Retry']);
        assert.equal(q.status, 'confirmed', 'kept in memory');
        const st = sessions.status(uri);
        assert.equal(st?.dirty, true, 'the unsaved state is visible');
        assert.equal(st?.error, shown.message);
        assert.equal(await exists(sidecarOf(uri)), false);
        assert.deepEqual(nodeFs.readdirSync(folder.fsPath).sort(), ['story.txt'], 'no temporary file left');
        undo?.();
        shown.answer('Retry');
        const y = await waitFor('the sidecar written by Retry', async () => ((await exists(sidecarOf(uri))) ? parse(await readText(sidecarOf(uri))) : undefined));
        assert.equal(y.quotes.find((x: YamlSpan) => x.id === q.id)?.status, 'confirmed');
        await waitFor('the saved state', () => sessions.status(uri)?.dirty === false && sessions.status(uri)?.error === undefined);
      } finally {
        undo?.();
        errors.restore();
      }
    });
  });
});
