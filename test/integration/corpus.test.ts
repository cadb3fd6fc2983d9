/** The corpus in a real extension host: index and watcher, the Corpus view, Find Quote, the report, exports. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CorpusService } from '../../src/vscode/corpus';
import type { CorpusReport } from '../../src/vscode/corpusReport';
import type { CorpusNode, CorpusTreeProvider } from '../../src/vscode/corpusView';
import { corpus as fixtures, yamlOf } from '../unit/corpus/fixtures';
import { exists, readText, waitFor, workspaceUri, writeText } from './util';

interface Api { corpus: CorpusService; corpusReport: CorpusReport; corpusTree: CorpusTreeProvider }

async function api(): Promise<Api> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator');
  assert.ok(ext, 'the extension under development is loaded');
  return (await ext.activate()) as Api;
}

const DIR = 'corpus-it';
const sidecar = (n: string) => workspaceUri(`${DIR}/${n}.annotations.yaml`);

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('corpus: the workspace index, view and commands', function () {
  this.timeout(60_000);
  let a: Api;

  before(async () => {
    a = await api();
    for (const d of fixtures()) {
      await writeText(workspaceUri(`${DIR}/${d.name}`), d.text);
      await writeText(sidecar(d.name.replace('.txt', '')), yamlOf(d));
    }
    await waitFor('the fixture sidecars in the index', () => a.corpus.index.get(sidecar('a').path) && a.corpus.index.get(sidecar('b').path) && a.corpus.index.get(sidecar('c').path));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try { await vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true }); } catch { /* already gone */ }
  });

  it('indexes every sidecar of the workspace, with offsets in code points', () => {
    const b = a.corpus.index.get(sidecar('b').path)!;
    assert.equal(b.meta.outlet, 'Evening Star');
    assert.equal(b.quotes.length, 3, 'the rejected quote is left out');
    assert.equal(a.corpus.articleUri(b).path, workspaceUri(`${DIR}/b.txt`).path);
  });

  it('shows speakers with quote and article counts, and their quotes, in the Corpus view', async () => {
    const roots = a.corpusTree.getChildren();
    const labels = roots.map((r) => label(a.corpusTree.getTreeItem(r)));
    assert.deepEqual(labels.slice(0, 5), ['Speakers', 'Topics', 'Outlets', 'Dates', 'Quotes without a speaker']);
    const speakers = a.corpusTree.getChildren(roots[0]);
    const ana = speakers.find((s) => label(a.corpusTree.getTreeItem(s)) === 'Ana Ruiz')!;
    assert.ok(ana, 'Ana Ruiz is listed');
    assert.match(String(a.corpusTree.getTreeItem(ana).description), /^3 quotes · 2 articles · gender: female, role: politician$/);
    const quotes = a.corpusTree.getChildren(ana);
    assert.equal(quotes.length, 3);
    const topics = a.corpusTree.getChildren(roots[1]);
    const transport = topics.find((t) => label(a.corpusTree.getTreeItem(t)) === 'transport')!;
    assert.equal(a.corpusTree.getChildren(transport).length, 2, 'transport has two articles');
    const outlets = a.corpusTree.getChildren(roots[2]).map((o) => label(a.corpusTree.getTreeItem(o)));
    assert.ok(outlets.includes('Daily Post') && outlets.includes('Evening Star'));
    const dates = a.corpusTree.getChildren(roots[3]).map((o) => label(a.corpusTree.getTreeItem(o)));
    assert.ok(dates.includes('2024-01') && dates.includes('2024-02'));
    const unattributed = a.corpusTree.getChildren(roots[4]).map((q) => label(a.corpusTree.getTreeItem(q)));
    assert.ok(unattributed.includes('“Who?”'));
  });

  it('a click on a quote opens its article with the quote selected (after an emoji: UTF-16 in the editor)', async () => {
    const roots = a.corpusTree.getChildren();
    const ana = a.corpusTree.getChildren(roots[0]).find((s) => label(a.corpusTree.getTreeItem(s)) === 'Ana Ruiz')!;
    const plan = a.corpusTree.getChildren(ana).map((q) => a.corpusTree.getTreeItem(q)).find((i) => label(i) === 'the plan 😀 works')!;
    assert.equal(plan.command?.command, 'articleAnnotator._openQuote');
    await vscode.commands.executeCommand(plan.command.command, ...(plan.command.arguments ?? []));
    const ed = await waitFor('the article editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith(`${DIR}/b.txt`) && vscode.window.activeTextEditor);
    assert.equal(ed.document.getText(ed.selection), 'the plan 😀 works');
  });

  it('follows changes on disk: an edited sidecar updates the counts, a deleted one leaves the corpus', async () => {
    const [d] = fixtures();
    d!.ann.quotes.push({ id: 'q3', kind: 'indirect', start: d!.text.indexOf('Critics disagreed'), end: d!.text.indexOf('Critics disagreed') + 17, text: 'Critics disagreed', speaker: 'critics', origin: 'manual', status: 'confirmed' });
    d!.ann.speakers.push({ id: 'critics', name: 'Critics', aliases: [], kind: 'group' });
    await writeText(sidecar('a'), yamlOf(d!));
    await waitFor('the new quote in the index', () => a.corpus.index.get(sidecar('a').path)?.quotes.length === 3);
    await waitFor('the new speaker in the view', () => {
      const speakers = a.corpusTree.getChildren(a.corpusTree.getChildren()[0]);
      return speakers.some((s) => label(a.corpusTree.getTreeItem(s)) === 'Critics');
    });
    await vscode.workspace.fs.delete(sidecar('c'));
    await waitFor('the deleted sidecar to leave the index', () => !a.corpus.index.get(sidecar('c').path));
    await writeText(sidecar('c'), yamlOf(fixtures()[2]!));
    await waitFor('the sidecar back', () => !!a.corpus.index.get(sidecar('c').path));
  });

  it('lists a sidecar that does not read under "Sidecars that could not be read", and recovers when fixed', async () => {
    await writeText(sidecar('broken'), 'version: 1\nquotes: [\n');
    await waitFor('the failure in the view', () => {
      const roots = a.corpusTree.getChildren();
      const f = roots.find((r) => (r as { group?: string }).group === 'failures');
      return f && a.corpusTree.getChildren(f).some((n) => label(a.corpusTree.getTreeItem(n)) === 'broken.annotations.yaml');
    });
    await vscode.workspace.fs.delete(sidecar('broken'));
    await waitFor('the failure gone', () => !a.corpusTree.getChildren().some((r) => (r as { group?: string }).group === 'failures'));
  });

  it('"Find Quote..." searches the corpus and opens the chosen quote', async () => {
    const done = vscode.commands.executeCommand<vscode.TextEditor | undefined>('articleAnnotator.findQuote', { speaker: 'tom-berg' });
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const ed = await done;
    assert.ok(ed, 'a quote was opened');
    assert.equal(ed.document.getText(ed.selection), 'it fails');
  });

  it('"Find Quote..." from a speaker in the view filters by that speaker', async () => {
    const ana = a.corpusTree.getChildren(a.corpusTree.getChildren()[0]).find((s) => (s as CorpusNode & { id?: string }).kind === 'speaker' && (s as { id: string }).id === 'ana-ruiz')!;
    const done = vscode.commands.executeCommand<vscode.TextEditor | undefined>('articleAnnotator.findQuote', ana);
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const ed = await done;
    assert.ok(ed);
    assert.ok(['“We will build the bridge,”', '“Taxes stay,”', 'the plan 😀 works'].includes(ed.document.getText(ed.selection)));
  });

  it('"Show Corpus Report" opens a webview with a strict CSP and no script', async () => {
    await vscode.commands.executeCommand('articleAnnotator.showCorpusReport');
    const tab = await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('articleAnnotator.corpusReport')));
    assert.equal(tab.label, 'Corpus Report');
    const html = a.corpusReport.lastHtml!;
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Ana Ruiz/);
    assert.match(html, /<svg /);
  });

  it('"Save Corpus Report..." writes Markdown or HTML', async () => {
    const md = workspaceUri(`${DIR}/out/report.md`);
    const html = workspaceUri(`${DIR}/out/report.html`);
    await vscode.commands.executeCommand('articleAnnotator.saveCorpusReport', { format: 'md', target: md });
    await vscode.commands.executeCommand('articleAnnotator.saveCorpusReport', { format: 'html', target: html });
    assert.match(await readText(md), /^# Corpus report\n[\s\S]*\| Ana Ruiz \| 3 \| 2 \|/);
    assert.match(await readText(html), /^<!DOCTYPE html>[\s\S]*<svg /);
  });

  it('"Export Corpus..." writes CSV, JSONL, W3C JSON-LD and brat standoff', async () => {
    const csv = workspaceUri(`${DIR}/out/corpus.csv`);
    const r = await vscode.commands.executeCommand<{ count: number }>('articleAnnotator.exportCorpus', { format: 'csv', target: csv });
    assert.ok(r.count >= 5);
    const lines = (await readText(csv)).trim().split('\r\n');
    assert.ok(lines[0]!.startsWith('article,title,date,outlet,quote_id'));
    assert.ok(lines.some((l) => l.startsWith(`${DIR}/b.txt,`) && l.includes(',it fails')));
    const jl = workspaceUri(`${DIR}/out/corpus.jsonl`);
    await vscode.commands.executeCommand('articleAnnotator.exportCorpus', { format: 'jsonl', target: jl });
    const rows = (await readText(jl)).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(rows.some((x) => x.text === '“Who?”' && x.speaker === null));
    const w3c = workspaceUri(`${DIR}/out/corpus.jsonld`);
    await vscode.commands.executeCommand('articleAnnotator.exportCorpus', { format: 'w3c', target: w3c });
    const w = JSON.parse(await readText(w3c));
    assert.equal(w['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.ok(w.first.items.some((x: { target: { source: string } }) => x.target.source === `${DIR}/b.txt`));
    const brat = workspaceUri(`${DIR}/out/brat`);
    await vscode.commands.executeCommand('articleAnnotator.exportCorpus', { format: 'brat', target: brat });
    assert.ok(await exists(vscode.Uri.joinPath(brat, DIR, 'a.ann')));
    assert.match(await readText(vscode.Uri.joinPath(brat, DIR, 'a.ann')), /\tContent \d+ \d+\t“We will build the bridge,”/);
    assert.equal(await readText(vscode.Uri.joinPath(brat, DIR, 'a.txt')), fixtures()[0]!.text);
  });
});
