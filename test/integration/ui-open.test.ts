import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DrawPhase } from '../../src/vscode/decorations';
import { entityKey, HINT_KEY, quoteKey } from '../../src/vscode/decorations';
import { closeAll, uiApi } from './ui-util';
import { exists, openArticle, readText, sidecarOf, SAMPLE, waitFor, workspaceUri, writeText } from './util';

/** What an editor shows, as "style start end" (hints left out). */
function shownIn(ui: Awaited<ReturnType<typeof uiApi>>['ui'], editor: vscode.TextEditor): Set<string> {
  const shown = new Set<string>();
  for (const [key, items] of ui.decorator.decorationsOf(editor)) {
    if (key === HINT_KEY) continue;
    for (const i of items) shown.add(`${key} ${editor.document.offsetAt(i.range.start)} ${editor.document.offsetAt(i.range.end)}`);
  }
  return shown;
}

describe('UI: opening a large article', () => {
  afterEach(closeAll);

  it('draws what is on screen first (a preview while the engine runs), then everything, without losing or doubling a range', async function () {
    this.timeout(120_000);
    const sample = await readText(workspaceUri(SAMPLE));
    const [header, ...paras] = sample.split(/\n\s*\n/);
    let text = `${header}\n\n`;
    for (let i = 0; text.length < 400_000; i++) text += `${paras[i % paras.length]!.trim()}\n\n`;
    const uri = workspaceUri('ui-open-large.txt');
    if (await exists(sidecarOf(uri))) await vscode.workspace.fs.delete(sidecarOf(uri));
    await writeText(uri, text);
    const { sessions, ui } = await uiApi();
    const draws: { phase: DrawPhase; rangesSet: number; shown?: Set<string> }[] = [];
    const sub = ui.decorator.onDidDraw((e) => {
      if (e.uri.toString() !== uri.toString()) return;
      const editor = vscode.window.visibleTextEditors.find((x) => x.document.uri.toString() === uri.toString());
      draws.push({ phase: e.phase, rangesSet: e.rangesSet, shown: editor && e.phase === 'preview' ? shownIn(ui, editor) : undefined });
    });
    try {
      const doc = await openArticle(uri);
      const session = await waitFor('the session', () => sessions.get(doc), 60_000);
      await waitFor('all highlights', () => draws.some((d) => d.phase === 'all' && d.rangesSet > 0), 60_000);
      await new Promise((r) => setTimeout(r, 500));
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
      const first = draws.find((d) => d.rangesSet > 0)!;
      assert.ok(first.phase === 'preview' || first.phase === 'visible', `the first draw was ${first.phase}, not everything at once (${draws.map((d) => d.phase).join(', ')})`);
      // in the end exactly the session's annotations are shown, once each
      const expected = new Set<string>();
      for (const e of session.annotations.entities) if (e.status === 'suggested' || e.status === 'confirmed') expected.add(`${entityKey(e.type, e.status)} ${e.start} ${e.end}`);
      for (const q of session.annotations.quotes) if (q.status === 'suggested' || q.status === 'confirmed') expected.add(`${quoteKey(q)} ${q.start} ${q.end}`);
      const shown = shownIn(ui, editor);
      let count = 0;
      for (const items of ui.decorator.decorationsOf(editor).values()) count += items.length;
      assert.equal(count - (ui.decorator.decorationsOf(editor).get(HINT_KEY)?.length ?? 0), shown.size, 'no range twice');
      assert.deepEqual([...shown].sort(), [...expected].sort());
      // a preview shows annotations of the full run (a speaker named further up may change a style)
      const preview = draws.find((d) => d.phase === 'preview' && d.shown && d.shown.size > 0);
      if (preview?.shown) {
        const spans = new Set([...expected].map((k) => k.split(' ').slice(1).join(' ')));
        const same = [...preview.shown].filter((k) => spans.has(k.split(' ').slice(1).join(' '))).length;
        assert.ok(same >= preview.shown.size * 0.9, `${same} of ${preview.shown.size} preview ranges are annotations of the full run`);
      }
      console.log(`    (draws: ${draws.map((d) => `${d.phase} ${d.rangesSet}`).join(', ')})`);
    } finally {
      sub.dispose();
    }
  });
});

describe('UI: opening a .txt article', () => {
  afterEach(closeAll);

  it('highlights it as soon as it shows, before its switch to the article language, and keeps its annotations through the switch', async function () {
    this.timeout(60_000);
    const uri = workspaceUri('ui-open-switch.txt');
    if (await exists(sidecarOf(uri))) await vscode.workspace.fs.delete(sidecarOf(uri));
    await writeText(uri, await readText(workspaceUri(SAMPLE)));
    const { sessions, ui } = await uiApi();
    const draws: { language: string; rangesSet: number; session?: unknown }[] = [];
    const events: string[] = [];
    const subs = [
      ui.decorator.onDidDraw((e) => {
        if (e.uri.toString() !== uri.toString()) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        draws.push({ language: doc?.languageId ?? '?', rangesSet: e.rangesSet, session: doc && sessions.peek(doc)?.session });
      }),
      vscode.workspace.onDidOpenTextDocument((d) => { if (d.uri.toString() === uri.toString()) events.push(`open ${d.languageId}`); }),
      vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.toString() === uri.toString()) events.push(`close ${d.languageId}`); }),
    ];
    try {
      const doc = await openArticle(uri);
      assert.deepEqual(events, ['open plaintext', 'close plaintext', 'open article'], 'VS Code switched the language once');
      const first = draws.find((d) => d.rangesSet > 0);
      assert.ok(first, `highlights were drawn (${JSON.stringify(draws.map((d) => d.language))})`);
      assert.equal(first.language, 'plaintext', 'the first highlights came before the switch');
      const session = await sessions.get(doc);
      assert.ok(session && session === first.session, 'the session made before the switch is the one after it (not loaded twice)');
      // the article's annotations are all there after the switch, and still drawn
      await waitFor('highlights after the switch', () => draws.some((d) => d.language === 'article') || undefined);
      assert.ok(session.annotations.quotes.length > 0 && session.annotations.entities.length > 0);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)!;
      let shown = 0;
      for (const [key, items] of ui.decorator.decorationsOf(editor)) if (key !== HINT_KEY) shown += items.length;
      assert.ok(shown > 0, 'the editor still shows highlights');
      // the session is still the article's: a change of its annotations is saved
      sessions.changed(doc.uri);
      await waitFor('the sidecar written after a change', () => exists(sidecarOf(uri)).then((x) => x || undefined));
    } finally {
      for (const s of subs) s.dispose();
    }
  });
});
