import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { entityKey, HINT_KEY, quoteKey } from '../../src/vscode/decorations';
import { REFRESH_DELAY_MS } from '../../src/vscode/sessions';
import { closeAll, keysOf, openSample, setSetting, textsOf, uiApi } from './ui-util';
import { waitFor } from './util';
import { prng } from '../support/prng';

describe('UI: highlights and speaker hints', () => {
  afterEach(async () => {
    await setSetting('hiddenEntityTypes', undefined);
    await setSetting('speakerHints', undefined);
    const { ui } = await uiApi();
    if (!ui.decorator.highlightsOn) await ui.decorator.toggle(true);
    await closeAll();
  });

  it('highlights every visible entity and quote with its own style, each range on its own text', async () => {
    const { editor, session, ui } = await openSample('ui-deco-basic.txt');
    const people = await waitFor('person highlights', () => textsOf(ui, editor, entityKey('person', 'suggested')).length > 0 && textsOf(ui, editor, entityKey('person', 'suggested')));
    assert.ok(people.includes('Wang Yi') && people.includes('Hamdullah Mohib'), people.join(', '));
    assert.ok(textsOf(ui, editor, entityKey('place', 'suggested')).includes('Kabul') || textsOf(ui, editor, entityKey('place', 'suggested')).includes('KABUL'));
    const ann = session.annotations;
    // Every shown range is exactly one annotation's text, and every visible annotation is shown.
    const shown = [...ui.decorator.decorationsOf(editor).entries()].filter(([k]) => k !== HINT_KEY).reduce((n, [, v]) => n + v.length, 0);
    const visible = [...ann.entities, ...ann.quotes].filter((a) => a.status === 'suggested' || a.status === 'confirmed').length;
    assert.equal(shown, visible);
    const direct = ann.quotes.find((q) => q.kind === 'direct' && q.speaker);
    const reported = ann.quotes.find((q) => q.kind === 'indirect' && q.speaker);
    assert.ok(direct && reported);
    assert.ok(textsOf(ui, editor, quoteKey(direct)).includes(direct.text));
    assert.ok(textsOf(ui, editor, quoteKey(reported)).includes(reported.text));
    assert.notEqual(quoteKey(direct), quoteKey(reported), 'direct and reported speech look different');
    const directStyle = ui.decorator.optionsByKey.get(quoteKey(direct));
    const reportedStyle = ui.decorator.optionsByKey.get(quoteKey(reported));
    assert.notDeepEqual(directStyle?.backgroundColor, reportedStyle?.backgroundColor);
    assert.equal(directStyle?.outlineStyle, 'dashed', 'suggested quotes are dashed');
    assert.ok(directStyle?.overviewRulerColor, 'quotes are marked in the overview ruler');
    assert.equal(ui.decorator.optionsByKey.get(entityKey('person', 'suggested'))?.borderStyle, 'dotted');
  });

  it('shows the speaker after each quote as decoration text, without changing the document', async () => {
    const { editor, doc, session, ui } = await openSample('ui-deco-hints.txt');
    const before = doc.getText();
    const hints = await waitFor('speaker hints', () => {
      const h = ui.decorator.decorationsOf(editor).get(HINT_KEY);
      return h && h.length > 0 && h;
    });
    const q3 = session.annotations.quotes.find((q) => q.kind === 'direct' && q.text.includes('The NSA'));
    assert.ok(q3?.speaker);
    const end = doc.positionAt(q3.end);
    const hint = hints.find((h) => h.range.start.isEqual(end));
    assert.ok(hint, 'a hint sits at the end of the quote');
    assert.ok(hint.range.isEmpty);
    assert.equal(hint.hint, ` — ${session.annotations.speakers.find((s) => s.id === q3.speaker)?.name}?`);
    assert.equal(doc.getText(), before, 'the text is unchanged');
    assert.equal(doc.isDirty, false);
    await setSetting('speakerHints', false);
    await waitFor('hints gone', () => !ui.decorator.decorationsOf(editor).has(HINT_KEY));
  });

  it('restyles at once when an annotation is confirmed or loses its speaker (solid, unknown)', async () => {
    const { editor, uri, session, sessions, ui } = await openSample('ui-deco-status.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    const wang = session.annotations.entities.find((e) => e.text === 'Wang Yi');
    const q = session.annotations.quotes.find((x) => x.kind === 'direct');
    assert.ok(wang && q);
    wang.status = 'confirmed';
    delete q.speaker;
    sessions.changed(uri);
    await waitFor('the confirmed entity', () => textsOf(ui, editor, entityKey('person', 'confirmed')).includes('Wang Yi'));
    assert.ok(textsOf(ui, editor, quoteKey(q)).includes(q.text));
    assert.equal(quoteKey(q), 'quote:direct:unknown:suggested');
    assert.equal(ui.decorator.optionsByKey.get(entityKey('person', 'confirmed'))?.borderStyle, 'solid');
    const unknown = ui.decorator.optionsByKey.get(quoteKey(q));
    assert.ok(unknown?.outlineColor instanceof vscode.ThemeColor);
    assert.equal((unknown.outlineColor as vscode.ThemeColor).id, 'articleAnnotator.speakerUnknownBorder');
  });

  it('decorates every editor of the article (split view) and redraws at once on editor switch', async () => {
    const { doc, editor, ui } = await openSample('ui-deco-split.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    const right = await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
    assert.notEqual(right, editor);
    await waitFor('both editors decorated alike', () => {
      const l = textsOf(ui, editor, entityKey('person', 'suggested'));
      const r = textsOf(ui, right, entityKey('person', 'suggested'));
      return r.length > 0 && JSON.stringify(l) === JSON.stringify(r);
    });
    // Another article in the same column, then back: the new editor is decorated well within the typing delay.
    const other = await openSample('ui-deco-split-other.txt');
    await waitFor('the other article decorated', () => keysOf(ui, other.editor).length > 0);
    const t0 = Date.now();
    const back = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await waitFor('decorations after the switch', () => keysOf(ui, back).length > 0, 2_000);
    assert.ok(Date.now() - t0 < 2_000);
  });

  it('debounces redraws while typing, then shows ranges that follow the edit', async () => {
    const { doc, editor, uri, ui } = await openSample('ui-deco-typing.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    // Redraws come after a quiet time: the highlight debounce, or the suggestion refresh (which
    // redraws only when no debounced redraw is pending). Timers never fire early, but under load
    // they fire late and edits arrive slowly, so what the debounce guarantees is counted on the
    // measured times: no redraw sooner than the quiet time after the last edit, and at most two
    // redraws (debounce, refresh) per pause between edits that was at least that long.
    const quietMs = Math.min(vscode.workspace.getConfiguration('articleAnnotator').get<number>('highlightDelay', 200), REFRESH_DELAY_MS);
    const edits: number[] = [];
    const draws: number[] = [];
    const subs = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === doc && e.contentChanges.length > 0) edits.push(performance.now());
      }),
      ui.decorator.onDidDraw((e) => {
        if (e.uri.toString() === uri.toString()) draws.push(performance.now());
      }),
    ];
    try {
      const at = doc.positionAt(doc.getText().indexOf('NSA Hamdullah Mohib'));
      for (const ch of 'Breaking: ') {
        await editor.edit((b) => b.insert(at, ch), { undoStopBefore: false, undoStopAfter: false });
      }
      await waitFor('a redraw after typing', () => draws.length > 0, 5_000);
      // until no redraw came for a while (the refresh and its redraw are done)
      await waitFor('redraws to settle', () => performance.now() - Math.max(edits[edits.length - 1]!, draws[draws.length - 1]!) > 600, 10_000);
      assert.equal(edits.length, 10);
      // The decorator starts its timer in its own change listener, a little before ours reads the clock.
      const TIMER_SLACK_MS = 20;
      const typingDraws = draws.filter((t) => t >= edits[0]!);
      for (const t of typingDraws) {
        const last = edits.filter((e) => e <= t).pop()!;
        assert.ok(t - last >= quietMs - TIMER_SLACK_MS, `a redraw ${(t - last).toFixed(1)} ms after an edit (quiet time ${quietMs} ms); edits at ${edits.map((e) => (e - edits[0]!).toFixed(0)).join(', ')} ms`);
      }
      const pauses = edits.slice(1).filter((e, i) => e - edits[i]! >= quietMs).length;
      assert.ok(typingDraws.length <= 2 * (pauses + 1), `typing 10 characters (${pauses} pauses of ${quietMs} ms or more) redrew ${typingDraws.length} times`);
      const people = textsOf(ui, editor, entityKey('person', 'suggested'));
      assert.ok(people.includes('Hamdullah Mohib'), people.join(', '));
      // Every range is exactly where an annotation is now, on that annotation's text.
      const { sessions } = await uiApi();
      const ann = (await sessions.get(doc))!.annotations;
      const byOffsets = new Map([...ann.entities, ...ann.quotes].map((a) => [`${a.start}:${a.end}`, a.text]));
      for (const [key, items] of ui.decorator.decorationsOf(editor)) {
        if (key === HINT_KEY) continue;
        for (const i of items) assert.equal(byOffsets.get(`${doc.offsetAt(i.range.start)}:${doc.offsetAt(i.range.end)}`), doc.getText(i.range), key);
      }
    } finally {
      for (const sub of subs) sub.dispose();
    }
  });

  it('after random edits (at annotation edges too), shows exactly the session\'s annotations', async () => {
    const { doc, editor, uri, sessions, ui } = await openSample('ui-deco-random.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    const rnd = prng(5);
    for (let round = 0; round < 3; round++) {
      const session = (await sessions.get(doc))!;
      const drawn = new Promise<void>((resolve) => {
        const sub = ui.decorator.onDidDraw((e) => {
          if (e.uri.toString() !== uri.toString()) return;
          sub.dispose();
          resolve();
        });
      });
      for (let i = 0; i < 8; i++) {
        const anns = [...session.annotations.entities, ...session.annotations.quotes].filter((a) => a.status === 'suggested' || a.status === 'confirmed');
        const a = anns[Math.floor(rnd() * anns.length)]!;
        const len = doc.getText().length;
        // Edges of an annotation, inside it, or anywhere; inserts, deletes and replacements.
        const at = [a.start, a.end, a.start + 1, Math.floor(rnd() * len)][Math.floor(rnd() * 4)]!;
        const del = rnd() < 0.4 ? Math.floor(rnd() * 4) : 0;
        const ins = ['x', ' ', 'Wang Yi ', '', '\n'][Math.floor(rnd() * 5)]!;
        const range = new vscode.Range(doc.positionAt(at), doc.positionAt(Math.min(len, at + del)));
        await editor.edit((b) => b.replace(range, ins), { undoStopBefore: false, undoStopAfter: false });
      }
      await drawn;
      await new Promise((r) => setTimeout(r, 400));
      const ann = (await sessions.get(doc))!.annotations;
      const expected = new Set<string>();
      for (const e of ann.entities) if (e.status === 'suggested' || e.status === 'confirmed') expected.add(`${entityKey(e.type, e.status)} ${e.start} ${e.end}`);
      for (const q of ann.quotes) if (q.status === 'suggested' || q.status === 'confirmed') expected.add(`${quoteKey(q)} ${q.start} ${q.end}`);
      const shown = new Set<string>();
      for (const [key, items] of ui.decorator.decorationsOf(editor)) {
        if (key === HINT_KEY) continue;
        for (const i of items) shown.add(`${key} ${doc.offsetAt(i.range.start)} ${doc.offsetAt(i.range.end)}`);
      }
      assert.deepEqual([...shown].sort(), [...expected].sort(), `round ${round}`);
    }
  });

  it('toggles all highlights with Article: Toggle Highlights, and hides entity types by setting', async () => {
    const { editor, ui } = await openSample('ui-deco-toggle.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    await vscode.commands.executeCommand('articleAnnotator.toggleHighlights');
    await waitFor('no highlights', () => keysOf(ui, editor).length === 0);
    assert.equal(ui.decorator.highlightsOn, false);
    await vscode.commands.executeCommand('articleAnnotator.toggleHighlights');
    await waitFor('highlights back', () => keysOf(ui, editor).length > 0);
    await setSetting('hiddenEntityTypes', ['place', 'Date']);
    await waitFor('places and dates hidden', () => !keysOf(ui, editor).some((k) => k.startsWith('entity:place') || k.startsWith('entity:date')));
    assert.ok(keysOf(ui, editor).some((k) => k.startsWith('entity:person')), 'people still shown');
  });

  it('gives custom entity types from the workspace file their colour (stub source)', async () => {
    const { editor, uri, session, sessions, ui } = await openSample('ui-deco-custom.txt');
    await waitFor('highlights', () => keysOf(ui, editor).length > 0);
    const changed = new vscode.EventEmitter<void>();
    const types = [{ id: 'weapon', label: 'Weapon', color: '#b5651d' }];
    ui.decorator.useEntityTypes({ entityTypes: () => types, onDidChange: changed.event });
    try {
      const text = session.currentText;
      const start = text.indexOf('COVAX');
      session.annotations.entities.push({ id: 'custom1', type: 'weapon', start, end: start + 5, text: 'COVAX', origin: 'manual', status: 'confirmed' });
      session.annotations.entities.push({ id: 'custom2', type: 'vehicle', start: start - 4, end: start - 1, text: text.slice(start - 4, start - 1), origin: 'manual', status: 'suggested' });
      sessions.changed(uri);
      await waitFor('the custom type', () => textsOf(ui, editor, entityKey('weapon', 'confirmed')).includes('COVAX'));
      assert.equal(ui.decorator.optionsByKey.get(entityKey('weapon', 'confirmed'))?.backgroundColor, '#b5651d33');
      assert.equal(ui.decorator.optionsByKey.get(entityKey('weapon', 'confirmed'))?.borderColor, '#b5651d');
      const fallback = ui.decorator.optionsByKey.get(entityKey('vehicle', 'suggested'))?.backgroundColor;
      assert.ok(fallback instanceof vscode.ThemeColor && fallback.id === 'articleAnnotator.otherEntityBackground');
      // A new colour in the workspace file re-creates the types.
      types[0]!.color = '#123456';
      changed.fire();
      await waitFor('the new colour', () => ui.decorator.optionsByKey.get(entityKey('weapon', 'confirmed'))?.borderColor === '#123456');
    } finally {
      ui.decorator.useEntityTypes({ entityTypes: () => [], onDidChange: new vscode.EventEmitter<void>().event });
      changed.dispose();
    }
  });
});
