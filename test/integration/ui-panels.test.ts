import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArticleNode } from '../../src/vscode/articleView';
import { closeAll, commandLinks, openSample, setSetting, uiApi } from './ui-util';
import { exists, sidecarOf, waitFor, workspaceUri, writeText } from './util';

/** The hovers' Markdown with backslash escapes removed (command links stay encoded). */
function hoverText(hovers: vscode.Hover[]): string {
  return rawHover(hovers).replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

function rawHover(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('UI: hovers, outline, Problems, the Article view, the status bar', () => {
  afterEach(async () => {
    await setSetting('annotate', undefined);
    await closeAll();
  });

  it('hovers an entity: type, mentions, speaker, and links to confirm or reject it', async () => {
    const { doc, uri, session } = await openSample('ui-hover-entity.txt');
    const wang = session.annotations.entities.find((e) => e.text === 'Wang Yi');
    assert.ok(wang);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(wang.start + 2));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Wang Yi\*\* — Person/);
    const mentions = session.annotations.entities.filter((e) => e.speaker === wang.speaker && e.type === 'person').length;
    assert.match(text, new RegExp(`${mentions} mention\\(s\\)`));
    assert.match(text, /Speaker: Wang Yi, \d+ quote\(s\)/);
    const links = commandLinks(rawHover(hovers));
    const confirm = links.find((l) => l.command === 'articleAnnotator.confirmSuggestion');
    assert.deepEqual(confirm?.args, [{ uri: uri.toString(), id: wang.id }]);
    assert.ok(links.some((l) => l.command === 'articleAnnotator.rejectSuggestion'));
  });

  it('hovers a quote: speaker, rule and confidence, topics, and links to tag the speaker', async () => {
    const { doc, uri, session } = await openSample('ui-hover-quote.txt');
    const q = session.annotations.quotes.find((x) => x.kind === 'direct' && x.text.includes('The NSA'));
    assert.ok(q?.speaker && q.rule);
    q.topics = ['security'];
    const inside = doc.positionAt(q.start + 30);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, inside);
    const text = hoverText(hovers);
    assert.match(text, /Direct quote/);
    assert.match(text, /speaker: Mohib’s office/);
    assert.ok(text.includes(`rule: ${q.rule}`), text);
    assert.match(text, /confidence: \d+%/);
    assert.match(text, /Topics: security/);
    const links = commandLinks(rawHover(hovers));
    for (const c of ['articleAnnotator.tagSpeaker', 'articleAnnotator.acceptSuggestedSpeaker', 'articleAnnotator.confirmSuggestion']) {
      const l: { command: string; args: unknown[] } | undefined = links.find((x) => x.command === c && (x.args[0] as { id: string }).id === q.id);
      assert.ok(l, `${c} is linked for the quote`);
      assert.deepEqual(l.args, [{ uri: uri.toString(), id: q.id }]);
    }
    const outside = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 0));
    assert.equal(hoverText(outside).includes('command:articleAnnotator'), false, 'no hover on a blank line');
  });

  it('lists quotes by speaker and entities by type in the outline', async () => {
    const { uri, session } = await openSample('ui-outline.txt');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name).sort(), ['Entities', 'Quotes']);
    const quotes = symbols.find((s) => s.name === 'Quotes')!;
    const entities = symbols.find((s) => s.name === 'Entities')!;
    const wangQuotes = session.annotations.quotes.filter((q) => q.speaker === 'wang-yi').length;
    const wang = quotes.children.find((s) => s.name === 'Wang Yi');
    assert.equal(wang?.children.length, wangQuotes);
    assert.equal(quotes.children.reduce((n, s) => n + s.children.length, 0), session.annotations.quotes.length);
    assert.deepEqual(
      entities.children.map((t) => t.name).sort(),
      ['Person', 'Organization', 'Place', 'Date'].filter((t) => session.annotations.entities.some((e) => e.type === t.toLowerCase())).sort(),
    );
    const person = entities.children.find((t) => t.name === 'Person');
    const wangEntity = person?.children.find((s) => s.name === 'Wang Yi');
    assert.equal(wangEntity?.detail, `${session.annotations.entities.filter((e) => e.speaker === 'wang-yi').length} mention(s)`);
  });

  it('reports quotes without a speaker (information) with code actions that call the tagging commands', async () => {
    const { doc, uri, session, sessions } = await openSample('ui-problems.txt');
    const q = session.annotations.quotes.find((x) => x.kind === 'indirect');
    assert.ok(q);
    delete q.speaker;
    sessions.changed(uri);
    const diag = await waitFor('the diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Information && d.code === 'no-speaker'),
    );
    assert.equal(doc.getText(diag.range), q.text);
    assert.match(diag.message, /^Reported speech without a speaker/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range);
    const tag = actions.find((a) => a.command?.command === 'articleAnnotator.tagSpeaker');
    assert.ok(tag, actions.map((a) => a.title).join(', '));
    assert.deepEqual(tag.command?.arguments, [{ uri: uri.toString(), id: q.id }]);
    assert.ok(actions.some((a) => a.command?.command === 'articleAnnotator.rejectSuggestion'));
    assert.ok(!actions.some((a) => a.command?.command === 'articleAnnotator.acceptSuggestedSpeaker'), 'nothing to accept without a speaker');
    // A quote with a suggested speaker offers to accept it.
    const suggested = session.annotations.quotes.find((x) => x.speaker && x.status === 'suggested');
    assert.ok(suggested);
    const range = new vscode.Range(doc.positionAt(suggested.start + 1), doc.positionAt(suggested.start + 1));
    const more = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const accept = more.find((a) => a.command?.command === 'articleAnnotator.acceptSuggestedSpeaker');
    assert.ok(accept);
    assert.deepEqual(accept.command?.arguments, [{ uri: uri.toString(), id: suggested.id }]);
    // Orphans stay warnings with their discard fix.
    const wang = session.annotations.entities.find((e) => e.text === 'Wang Yi');
    assert.ok(wang);
    wang.status = 'orphaned';
    sessions.changed(uri);
    const orphan = await waitFor('the orphan warning', () => vscode.languages.getDiagnostics(uri).find((d) => d.code === wang.id));
    assert.equal(orphan.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('shows speakers with quotes, topics and entities by type in the Article view; a click reveals the text', async () => {
    const { doc, uri, session, sessions, ui } = await openSample('ui-view.txt');
    session.annotations.topics = ['diplomacy'];
    sessions.changed(uri);
    await ui.articleView.follow();
    assert.equal(ui.articleView.article?.toString(), uri.toString());
    const roots = ui.articleView.getChildren();
    assert.deepEqual(roots.map((n) => (n.kind === 'section' ? n.section : n.kind)), ['speakers', 'topics', 'entities']);
    const speakers = ui.articleView.getChildren(roots[0]);
    const wang = speakers.find((n): n is Extract<ArticleNode, { kind: 'speaker' }> => n.kind === 'speaker' && n.name === 'Wang Yi');
    assert.ok(wang);
    assert.equal(wang.quotes.length, session.annotations.quotes.filter((q) => q.speaker === 'wang-yi').length);
    const quoteNodes = ui.articleView.getChildren(wang);
    const first = quoteNodes[0];
    assert.ok(first?.kind === 'quote');
    // The node is itself the tagging commands' argument: { uri, id }.
    assert.equal(first.uri, uri.toString());
    assert.equal(first.id, first.quote.id);
    const item = ui.articleView.getTreeItem(first);
    assert.match(String(item.contextValue), /^quote\.suggested/);
    assert.deepEqual(ui.articleView.getChildren(roots[1]).map((n) => (n.kind === 'topic' ? n.topic : '')), ['diplomacy']);
    const types = ui.articleView.getChildren(roots[2]);
    const person = types.find((n) => n.kind === 'entityType' && n.type === 'person');
    assert.ok(person && person.kind === 'entityType');
    assert.equal(ui.articleView.getTreeItem(person).description, String(session.annotations.entities.filter((e) => e.type === 'person').length));
    // Click: the command of the item selects the quote in the editor.
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor('the selection', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document === doc && !e.selection.isEmpty && e;
    });
    assert.equal(doc.getText(editor.selection), first.quote.text);
  });

  it('has welcome content while no article is open', async () => {
    const { ui } = await uiApi();
    await closeAll();
    await ui.articleView.follow();
    assert.equal(ui.articleView.article, undefined);
    assert.deepEqual(ui.articleView.getChildren(), []);
  });

  it('counts quotes with a speaker and topics in the status bar, marks unsaved, and clicks to the next quote without speaker', async () => {
    const { uri, session, sessions, ui } = await openSample('ui-status.txt');
    await setSetting('saveDelay', -1);
    try {
      await ui.articleStatus.update();
      const n = session.annotations.quotes.length;
      // every speaker is only suggested so far: none counts as done
      assert.equal(ui.articleStatus.item.text, `$(quote) Quotes 0/${n} · Topics 0`);
      assert.match(String(ui.articleStatus.item.tooltip), new RegExp(`0 of ${n} quotes have a confirmed speaker, ${n} a suggested one`));
      const q = session.annotations.quotes.find((x) => x.speaker)!;
      q.status = 'confirmed';
      q.topics = ['security', 'diplomacy'];
      session.annotations.topics = ['security'];
      sessions.changed(uri);
      await waitFor('the new counts', () => ui.articleStatus.item.text === `$(quote) Quotes 1/${n} · Topics 2 $(circle-filled)`);
      const cmd = ui.articleStatus.item.command as vscode.Command;
      assert.equal(cmd.command, 'articleAnnotator.nextQuoteWithoutSpeaker');
      await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
      await waitFor('the saved state', () => !ui.articleStatus.item.text.includes('$(circle-filled)'));
    } finally {
      await setSetting('saveDelay', undefined);
    }
  });

  it('annotates plain-text and Markdown files that have a sidecar, and all of them by setting', async () => {
    const withSidecar = workspaceUri('ui-notes.md');
    const without = workspaceUri('ui-plain.md');
    await writeText(withSidecar, '# Notes\n\nThe minister said “we will talk”.\n');
    await writeText(sidecarOf(withSidecar), 'version: 1\n');
    await writeText(without, '# Plain\n\nNothing here.\n');
    assert.ok(await exists(sidecarOf(withSidecar)));
    const a = await vscode.workspace.openTextDocument(withSidecar);
    const shown = await vscode.window.showTextDocument(a);
    // a Markdown article keeps Markdown's grammar (with the article's quotes in it) and gets every feature
    await waitFor('the Markdown file with a sidecar as a Markdown article', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === withSidecar.toString())?.languageId === 'article-markdown');
    const { sessions, ui } = await uiApi();
    const md = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === withSidecar.toString()) ?? shown;
    assert.ok(await sessions.get(md.document), 'a session for the Markdown article');
    await waitFor('its quote highlighted', () => [...ui.decorator.decorationsOf(md).values()].some((items) => items.some((i) => md.document.getText(i.range).includes('we will talk'))));
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', md.document.uri)) ?? [];
    assert.ok(symbols.some((s) => s.name === 'Quotes'), JSON.stringify(symbols.map((s) => s.name)));
    const b = await vscode.workspace.openTextDocument(without);
    await vscode.window.showTextDocument(b);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(b.languageId, 'markdown', 'no sidecar: stays Markdown');
    await closeAll();
    await setSetting('annotate', 'plaintextAndMarkdown');
    const plain = workspaceUri('ui-plain.txt');
    await writeText(plain, 'Just a note, no header.\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain));
    await waitFor('plain text as article', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === plain.toString())?.languageId === 'article');
  });
});
