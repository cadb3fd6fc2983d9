/**
 * The extension-host half of bench/editor.ts, loaded as `extensionTestsPath`: opens the big
 * article, times the first highlights and one-character edits, writes the figures to
 * $ARTICLE_ANNOTATOR_BENCH_OUT.
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { UiParts } from '../src/extension';
import type { ArticleSessions } from '../src/vscode/sessions';
import type { DrawEvent } from '../src/vscode/decorations';
import type { HostResults } from './editor';

const KEYSTROKES = 30;
const BURSTS = 10;
const BURST_KEYS = 8;
/** About 150 words a minute: faster than the suggestion refresh's quiet time (150 ms). */
const BURST_GAP_MS = 80;

function log(m: string): void {
  console.log(`[bench] ${m}`);
}

function nextDraw(ui: UiParts, uri: vscode.Uri, ms = 30_000, accept: (e: DrawEvent) => boolean = () => true): Promise<DrawEvent & { at: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('no redraw'));
    }, ms);
    const sub = ui.decorator.onDidDraw((e) => {
      if (e.uri.toString() !== uri.toString() || !accept(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve({ ...e, at: performance.now() });
    });
  });
}

/** Wraps a method of an object to add its running time to `into.ms`. */
function timeMethod<T extends object>(obj: T, name: keyof T & string, into: { ms: number }): void {
  const f = (obj as Record<string, unknown>)[name] as (...a: unknown[]) => unknown;
  (obj as Record<string, unknown>)[name] = function (this: unknown, ...a: unknown[]) {
    const t = performance.now();
    try {
      return f.apply(this, a);
    } finally {
      into.ms += performance.now() - t;
    }
  };
}

/** Opens and shows a document, times it (open, shown, visible event), then closes its editor. */
async function timeOpen(uri: vscode.Uri): Promise<{ openMs: number; shownMs: number; visibleMs?: number }> {
  const t0 = performance.now();
  let visibleMs: number | undefined;
  const sub = vscode.window.onDidChangeVisibleTextEditors((es) => {
    if (visibleMs === undefined && es.some((e) => e.document.uri.toString() === uri.toString())) visibleMs = performance.now() - t0;
  });
  const doc = await vscode.workspace.openTextDocument(uri);
  const openMs = performance.now() - t0;
  await vscode.window.showTextDocument(doc);
  const shownMs = performance.now() - t0;
  sub.dispose();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  return { openMs, shownMs, visibleMs };
}

/** Resolves when the article's session has loaded (its annotations merged with the engine's). */
async function waitForSession(sessions: ArticleSessions, uri: vscode.Uri): Promise<void> {
  for (;;) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === 'article');
    if (doc) {
      await sessions.get(doc);
      return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function run(): Promise<void> {
  const out = process.env.ARTICLE_ANNOTATOR_BENCH_OUT ?? '';
  const results: HostResults = { size: 0, entities: 0, quotes: 0, openToFirstHighlightsMs: NaN, firstDrawMs: NaN, keystrokes: [] };
  try {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator');
    if (!ext) throw new Error('the extension is not loaded');
    const { sessions, ui } = (await ext.activate()) as { sessions: ArticleSessions; ui: UiParts };
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, 'big.txt');
    await vscode.workspace.getConfiguration('articleAnnotator').update('saveDelay', -1, vscode.ConfigurationTarget.Global);

    // VS Code's own time to show a 1 MB document, our extension doing nothing with it: a warm-up
    // open of a small file, then the same text as plain text (its first line is not an article's)
    await timeOpen(vscode.Uri.joinPath(folder.uri, 'warmup.txt'));
    const plain = await timeOpen(vscode.Uri.joinPath(folder.uri, 'plain.txt'));
    results.baseline = plain;
    log(`baseline (plain text, 1 MB): opened ${plain.openMs.toFixed(0)} ms, shown ${plain.shownMs.toFixed(0)} ms, visible event ${plain.visibleMs?.toFixed(0) ?? '?'} ms`);
    await new Promise((r) => setTimeout(r, 1000));

    const t0 = performance.now();
    // the events of the open, in order (the first opens the .txt as plain text; the language switch reopens it)
    const timeline: string[] = [];
    const tlSub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.toString() === uri.toString()) timeline.push(`open as ${d.languageId} ${(performance.now() - t0).toFixed(0)} ms`);
    });
    const tlSub2 = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.toString() === uri.toString()) timeline.push(`close as ${d.languageId} ${(performance.now() - t0).toFixed(0)} ms`);
    });
    const tlSub3 = vscode.window.onDidChangeVisibleTextEditors((es) => {
      const e = es.find((x) => x.document.uri.toString() === uri.toString());
      if (e) timeline.push(`visible as ${e.document.languageId} ${(performance.now() - t0).toFixed(0)} ms`);
    });
    // the extension's own part starts when VS Code hands it the opened document
    let docOpenedAt = NaN;
    const openSub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.toString() === uri.toString() && Number.isNaN(docOpenedAt)) docOpenedAt = performance.now();
    });
    // the first highlights (a preview while the engine runs, or the visible part) and the full set
    const first = nextDraw(ui, uri, 120_000, (e) => e.rangesSet > 0);
    const full = nextDraw(ui, uri, 300_000, (e) => e.phase === 'all');
    const visSub = vscode.window.onDidChangeVisibleTextEditors((es) => {
      if (es.some((e) => e.document.uri.toString() === uri.toString()) && results.editorVisibleMs === undefined) results.editorVisibleMs = performance.now() - t0;
    });
    const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    visSub.dispose();
    results.openedMs = performance.now() - t0;
    void waitForSession(sessions, shown.document.uri).then(() => (results.sessionReadyMs = performance.now() - t0));
    const f = await first;
    timeline.push(`first highlights ${(f.at - t0).toFixed(0)} ms`);
    results.firstDrawMs = f.ms;
    results.firstDrawRanges = f.rangesSet;
    results.firstDrawPhase = f.phase;
    results.openToFirstHighlightsMs = f.at - t0;
    results.documentOpenedMs = docOpenedAt - t0;
    results.extensionOpenToFirstHighlightsMs = f.at - docOpenedAt;
    results.visibleToFirstHighlightsMs = results.editorVisibleMs !== undefined ? f.at - t0 - results.editorVisibleMs : undefined;
    log(`first highlights after ${results.openToFirstHighlightsMs.toFixed(0)} ms (${f.phase})`);
    const all = await full;
    results.openToFullHighlightsMs = all.at - t0;
    results.extensionOpenToFullHighlightsMs = all.at - docOpenedAt;
    openSub.dispose();
    tlSub.dispose();
    tlSub2.dispose();
    tlSub3.dispose();
    timeline.push(`showTextDocument resolved ${results.openedMs.toFixed(0)} ms`);
    results.timeline = timeline;
    log(`full highlights after ${results.openToFullHighlightsMs.toFixed(0)} ms`);
    await new Promise((r) => setTimeout(r, 1000)); // let the rest of the first draw and the panels settle

    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== uri.toString()) throw new Error('the article is not in the active editor');
    const session = await sessions.get(editor.document);
    if (!session) throw new Error('no session');
    results.size = session.currentText.length;
    results.entities = session.annotations.entities.length;
    results.quotes = session.annotations.quotes.length;
    const edit = { ms: 0 };
    const refresh = { ms: 0 };
    timeMethod(session, 'edit', edit);
    // the engine's part of the edit (src/core/analysis: its incremental update)
    const engine = { ms: 0 };
    timeMethod((session as unknown as { analyzer: object }).analyzer, 'update' as never, engine);
    timeMethod(session, 'refreshSuggestions', refresh);

    const doc = editor.document;
    // ARTICLE_ANNOTATOR_BENCH_PROFILE=1: a CPU profile of the keystrokes, top functions by self time.
    const profiler = process.env.ARTICLE_ANNOTATOR_BENCH_PROFILE ? new inspector.Session() : undefined;
    const post = (m: string, p?: object) => new Promise<unknown>((res, rej) => profiler!.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
    if (profiler) {
      profiler.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    const meter = sessions.meter;
    const r0 = { ...session.refreshes };
    for (let i = 0; i < KEYSTROKES; i++) {
      const offset = Math.floor((doc.getText().length * (i + 1)) / (KEYSTROKES + 2));
      const pos = doc.positionAt(doc.getText().indexOf(' ', offset));
      await new Promise((r) => setTimeout(r, 300)); // quiet before each keystroke
      edit.ms = 0;
      refresh.ms = 0;
      engine.ms = 0;
      // every draw of this keystroke: the last one ends the measured span
      let last: { at: number; busyMs: number; drawMs: number; rangesSet: number } | undefined;
      let draws = 0;
      let rangesSet = 0;
      const elu0 = performance.eventLoopUtilization();
      const w0 = performance.now();
      const sub = ui.decorator.onDidDraw((e) => {
        if (e.uri.toString() !== uri.toString()) return;
        draws++;
        rangesSet += e.rangesSet;
        last = { at: performance.now(), busyMs: performance.eventLoopUtilization(elu0).active, drawMs: (last?.drawMs ?? 0) + e.ms, rangesSet };
      });
      meter.reset();
      await editor.edit((b) => b.insert(pos, 'x'));
      // quiet until every debounced part (refresh 150 ms, highlights 200 ms, Problems 300 ms, Outline 1 s) ran
      await new Promise((r) => setTimeout(r, 1500));
      sub.dispose();
      if (!last) throw new Error(`keystroke ${i}: no highlights were set`);
      results.keystrokes.push({
        busyMs: last.busyMs,
        drawMs: last.drawMs,
        editMs: edit.ms,
        engineMs: engine.ms,
        refreshMs: refresh.ms,
        wallMs: last.at - w0,
        rangesSet: last.rangesSet,
        ownMs: meter.atLastDraw,
        ownAllMs: meter.totalMs,
        draws,
        parts: Object.fromEntries(meter.parts),
        partsToDraw: Object.fromEntries(meter.partsAtLastDraw),
      });
    }
    results.refreshes = { moved: session.refreshes.moved - r0.moved, region: session.refreshes.region - r0.region, fast: session.refreshes.fast - r0.fast, full: session.refreshes.full - r0.full };
    log(`${KEYSTROKES} keystrokes measured`);

    // Typing bursts: BURST_KEYS characters BURST_GAP_MS apart (faster than the debounce), at
    // spread places: the extension's own work over the burst (to its last setDecorations), per keystroke.
    results.bursts = [];
    for (let b = 0; b < BURSTS; b++) {
      const offset = Math.floor((doc.getText().length * (b + 1)) / (BURSTS + 2));
      let at = doc.getText().indexOf(' ', offset);
      await new Promise((r) => setTimeout(r, 300));
      engine.ms = 0;
      let calls = 0;
      const counted = (session as unknown as { analyzer: { update: (...a: unknown[]) => unknown } }).analyzer;
      const update = counted.update;
      counted.update = function (this: unknown, ...a: unknown[]) {
        calls++;
        return update.apply(this, a);
      };
      let lastAt = 0;
      const sub = ui.decorator.onDidDraw((e) => {
        if (e.uri.toString() === uri.toString()) lastAt = performance.now();
      });
      meter.reset();
      const w0 = performance.now();
      for (let k = 0; k < BURST_KEYS; k++) {
        const pos = doc.positionAt(at);
        await editor.edit((eb) => eb.insert(pos, 'y'));
        at++;
        await new Promise((r) => setTimeout(r, BURST_GAP_MS));
      }
      await new Promise((r) => setTimeout(r, 1500));
      sub.dispose();
      counted.update = update;
      if (!lastAt) throw new Error(`burst ${b}: no highlights were set`);
      results.bursts.push({ keys: BURST_KEYS, ownMs: meter.atLastDraw, ownAllMs: meter.totalMs, engineMs: engine.ms, engineCalls: calls, wallMs: lastAt - w0, parts: Object.fromEntries(meter.parts) });
    }
    log(`${BURSTS} typing bursts measured`);

    // Warm opens, the engine idle: VS Code's baseline again (plain text), then the same text as
    // a `.article` file (the article language at once: no switch from plain text).
    await new Promise((r) => setTimeout(r, 1000));
    results.warmBaseline = await timeOpen(vscode.Uri.joinPath(folder.uri, 'plain2.txt'));
    await new Promise((r) => setTimeout(r, 1000));
    const uri2 = vscode.Uri.joinPath(folder.uri, 'big2.article');
    const first2 = nextDraw(ui, uri2, 120_000, (e) => e.rangesSet > 0);
    const t2 = performance.now();
    let visible2: number | undefined;
    const vis2 = vscode.window.onDidChangeVisibleTextEditors((es) => {
      if (visible2 === undefined && es.some((e) => e.document.uri.toString() === uri2.toString())) visible2 = performance.now() - t2;
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri2));
    vis2.dispose();
    const f2 = await first2;
    results.articleFile = { visibleMs: visible2, firstHighlightsMs: f2.at - t2 };
    log(`warm opens measured`);
    if (profiler) {
      const { profile } = (await post('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        if (!n) return;
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`profile ${ms.toFixed(0).padStart(6)} ms  ${k}`);
      // the extension's own functions, their time including what they call
      const parent = new Map<number, number>();
      for (const n of profile.nodes as { id: number; children?: number[] }[]) for (const c of n.children ?? []) parent.set(c, n.id);
      const total = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const seen = new Set<string>();
        for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
          const n = byId.get(x);
          if (!n || !/dist\/extension\.js$/.test(n.callFrame.url)) continue;
          const key = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
          if (seen.has(key)) continue;
          seen.add(key);
          total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
        }
      });
      for (const [k, ms] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) log(`profile incl. ${ms.toFixed(0).padStart(6)} ms  ${k}`);
    }
  } catch (e) {
    results.error = e instanceof Error ? e.message : String(e);
  }
  fs.writeFileSync(out, JSON.stringify(results));
}
