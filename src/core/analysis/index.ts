/**
 * The analysis engine: entities, direct quotes, reported speech and their speakers.
 *
 * Pure TypeScript, no `vscode`, no Node built-ins. Offsets are UTF-16 indices into the text.
 * The text is cut into paragraph units (a line and the blank lines after it); each is analysed on
 * its own (knowing only whether the one before left a dialogue turn open and which quote mark the
 * next non-blank one opens with) and a linear global walk (global.ts) then resolves what spans
 * paragraphs and assigns ids. `analyze` streams (a paragraph's local result is dropped once
 * walked). After an edit, `IncrementalAnalyzer.update` re-analyses only the units the edit touched
 * (and the one before them when the mark they open with changed); when their decisions did not
 * change (the usual case while typing inside a sentence) it only rewrites the offsets of the
 * output objects it keeps, otherwise it walks again and reuses every unchanged object.
 */
import type { Analysis, EntityType } from '../model';
import { rewriteOutputs, shiftOutputs, Walker, type EditMap, type Paragraph } from './global';
import { parseHeader, type Header } from './header';
import { analyzeParagraph, openingMark, type CompiledGazetteer, type LocalMention, type LocalQuote, type LocalSpan } from './paragraph';

export { parseHeader, type Header } from './header';
export { slug } from './global';

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  aliases?: string[];
}

/** The workspace gazetteer: its names are always entities of their type; ignored names never are. */
export interface Gazetteer {
  entries: GazetteerEntry[];
  ignore?: string[];
}

export interface AnalyzeOptions {
  gazetteer?: Gazetteer;
}

/**
 * A text as `IncrementalAnalyzer.update` reads it: a string, or the pieces an editor keeps while
 * typing (only the changed region and the header are sliced out of it).
 */
export interface TextSource {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** The replaced range in the old text and the length of its replacement. */
export interface TextChange {
  start: number;
  end: number;
  newLength: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileGazetteer(g: Gazetteer | undefined): CompiledGazetteer {
  const byName = new Map<string, { name: string; type: string }>();
  const ignore = new Set<string>();
  if (!g) return { re: null, byName, ignore };
  for (const n of g.ignore ?? []) if (n.trim()) ignore.add(n.trim().toLowerCase());
  const names: string[] = [];
  for (const e of g.entries ?? []) {
    if (!e || !e.name || !e.name.trim()) continue;
    const canonical = e.name.trim();
    for (const n of [canonical, ...(e.aliases ?? [])]) {
      const v = n.trim();
      if (!v || byName.has(v)) continue;
      byName.set(v, { name: canonical, type: e.type });
      names.push(v);
    }
  }
  if (!names.length) return { re: null, byName, ignore };
  names.sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return { re, byName, ignore };
}

function isBlankLine(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 160 && c !== 0xfeff && !(c === 12 || c === 11)) return false;
  }
  return true;
}

/**
 * Calls `fn` for each paragraph unit from `from` up to `to` (a line boundary): a unit is a line
 * with the blank lines after it (they only separate paragraphs, so they need no unit of their own);
 * a blank line opening the range is a unit by itself.
 */
function eachLine(text: string, from: number, to: number, fn: (start: number, line: string) => void): void {
  let pos = from;
  let first = true;
  for (;;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) nl = to;
    if (first || !isBlankLine(text, pos, nl)) {
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      fn(pos, text.slice(pos, end));
      first = false;
    }
    if (nl >= to) break;
    pos = nl + 1;
  }
}

/**
 * `eachLine` with the `openingMark` of the next non-blank unit (what a quote left open at a
 * paragraph's end depends on): a unit is handed over once that one is read; the units after the
 * last non-blank one get `after`.
 */
function eachUnit(text: string, from: number, to: number, after: number, fn: (start: number, line: string, next: number) => void): void {
  const starts: number[] = [], lines: string[] = [];
  eachLine(text, from, to, (start, line) => {
    const m = openingMark(line);
    if (m >= 0) {
      for (let i = 0; i < starts.length; i++) fn(starts[i], lines[i], m);
      starts.length = 0;
      lines.length = 0;
    }
    starts.push(start);
    lines.push(line);
  });
  for (let i = 0; i < starts.length; i++) fn(starts[i], lines[i], after);
}

/** A copy of a short string that does not keep a longer parent string alive. */
function detach(s: string): string {
  return s.length < 13 ? s : ('\u0000' + s).slice(1);
}

/** Offset from which an edit cannot change the header (see `parseHeader`: 60 lines, 20,000 characters). */
function headerSafeFrom(text: string, header: Header): number {
  let pos = 0;
  for (let n = 0; n < 60; n++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= HEADER_CHARS) return text.length > HEADER_CHARS && !header.frontMatter ? HEADER_CHARS : Infinity;
    pos = nl + 1;
  }
  if (header.frontMatter && header.frontMatter.end >= pos - 1) return Infinity;
  return Math.min(pos, HEADER_CHARS);
}

/** The header is read from at most this many first characters of the text. */
const HEADER_CHARS = 20000;

function headerOf(text: string): Header {
  return parseHeader(text.length > HEADER_CHARS ? text.slice(0, HEADER_CHARS) : text);
}

/** Analyses a whole article (streaming: each paragraph's local result is dropped once walked). */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  const gz = compileGazetteer(options?.gazetteer);
  const walker = new Walker(headerOf(text), false);
  let pi = 0;
  let turn = false;
  eachUnit(text, 0, text.length, 0, (start, line, next) => {
    const local = analyzeParagraph(line, gz, turn, next);
    turn = local.turn === true;
    walker.step(pi++, { start, text: line, local });
  });
  return walker.finish();
}

function sameHeader(a: Header, b: Header): boolean {
  const x = a.article, y = b.article;
  return x.date === y.date && x.title === y.title && x.outlet === y.outlet
    && a.frontMatter?.start === b.frontMatter?.start && a.frontMatter?.end === b.frontMatter?.end;
}

/**
 * Keeps the per-paragraph results of the last text so that an edit re-analyses only the lines it
 * touched; `update` returns exactly what `analyze(newText)` returns.
 *
 * The entity and quote arrays and objects of a returned analysis belong to the analyzer: the next
 * `update` may reuse them and rewrite their offsets, ids and speakers (to the values a fresh
 * analysis would give). Copy what you keep across updates and do not change the arrays (the store
 * copies every object it keeps; it may move source and cue spans, which the analyzer overwrites).
 */
export class IncrementalAnalyzer {
  private readonly gz: CompiledGazetteer;
  private paragraphs: Paragraph[] = [];
  /** The length of the text last analysed (all `update` needs of it). */
  private textLength = 0;
  private started = false;
  private header: Header = { article: {} };
  private safeFrom = 0;
  private last: Analysis | undefined;
  /** The walker of the last walk: it resumes from its checkpoint before the first changed paragraph. */
  private walker: Walker | undefined;
  /**
   * After `update`: the range of the new text (whole paragraphs) outside of which its result
   * differs from the previous one only in offsets moved by the edit and in entity and quote ids,
   * as long as its speakers are the same (ids and names, in order: a new or renamed speaker can
   * change the `speaker` of any annotation). Undefined after `analyze`: everything is new.
   */
  lastChanged: { from: number; to: number } | undefined;
  /**
   * The last `update` only moved the results: every decision stayed and the edit touched no
   * entity, quote, source or cue (its objects are the last result's, at their new offsets).
   */
  lastShiftOnly = false;

  constructor(options?: AnalyzeOptions) {
    this.gz = compileGazetteer(options?.gazetteer);
  }

  analyze(text: string): Analysis {
    const paras: Paragraph[] = [];
    let turn = false;
    eachUnit(text, 0, text.length, 0, (start, line, next) => {
      const local = analyzeParagraph(line, this.gz, turn, next);
      turn = local.turn === true;
      paras.push({ start, text: line, local });
    });
    this.paragraphs = paras;
    this.textLength = text.length;
    this.started = true;
    this.setHeader(text, headerOf(text));
    this.walker = undefined;
    this.lastChanged = undefined;
    return this.walk();
  }

  /**
   * `analyze` in slices, for a caller that must stay responsive while a large article is analysed
   * (the editor opening it): whenever about `sliceMs` of work has passed, `pause` is awaited (a
   * turn of the event loop) before the work goes on. Same result as `analyze(text)`; the text
   * must not be `update`d before this resolves.
   */
  async analyzeInSlices(text: string, pause: () => Promise<void>, sliceMs = 8): Promise<Analysis> {
    const cuts: { start: number; line: string; next: number }[] = [];
    eachUnit(text, 0, text.length, 0, (start, line, next) => { cuts.push({ start, line, next }); });
    const paras: Paragraph[] = new Array<Paragraph>(cuts.length);
    let t = Date.now();
    for (let i = 0; i < cuts.length; i++) {
      paras[i] = { start: cuts[i].start, text: cuts[i].line, local: analyzeParagraph(cuts[i].line, this.gz, i > 0 && paras[i - 1].local.turn === true, cuts[i].next) };
      if (Date.now() - t >= sliceMs) { await pause(); t = Date.now(); }
    }
    this.paragraphs = paras;
    this.textLength = text.length;
    this.started = true;
    this.setHeader(text, headerOf(text));
    this.lastChanged = undefined;
    this.lastShiftOnly = false;
    const w = (this.walker = new Walker(this.header, true));
    for (let i = 0; i < paras.length; i++) {
      w.step(i, paras[i]);
      if (Date.now() - t >= sliceMs) { await pause(); t = Date.now(); }
    }
    this.last = w.finish();
    return copyResult(this.last, true);
  }

  private setHeader(text: string, h: Header): void {
    this.header = h;
    this.safeFrom = headerSafeFrom(text, h);
  }

  /** Walks from paragraph `from` on (the paragraphs before it are the ones the last walk saw). */
  private walk(from = 0, edit?: EditMap, oldCount?: number): Analysis {
    const paras = this.paragraphs;
    let w = this.walker;
    let i = w && w.headerRef === this.header && from > 0 ? w.rewind(from, edit, oldCount) : -1;
    if (!w || i < 0) {
      w = this.walker = new Walker(this.header, true);
      i = 0;
    }
    const walkedFrom = i;
    let walkedTo = paras.length;
    for (; i < paras.length; i++) {
      w.step(i, paras[i]);
      if (w.converged >= 0) {
        // the state is the old walk's again: the rest is the old result, at its new offsets
        walkedTo = w.converged;
        rewriteOutputs(paras, w.converged, -1, 0, false);
        w.converged = -1;
        break;
      }
    }
    this.lastChanged = edit ? { from: paras[walkedFrom]?.start ?? this.textLength, to: paras[walkedTo]?.start ?? this.textLength } : undefined;
    this.lastShiftOnly = false;
    this.last = w.finish();
    return copyResult(this.last, true);
  }

  update(newText: TextSource, change: TextChange): Analysis {
    const oldLength = this.textLength;
    const { start, end, newLength } = change;
    if (!this.started || start < 0 || end < start || end > oldLength || newLength < 0
      || oldLength - (end - start) + newLength !== newText.length) {
      return this.analyze(newText.slice(0, newText.length));
    }
    const paras = this.paragraphs;
    // first and last paragraph touched (a paragraph covers its text and its line break)
    const find = (pos: number): number => {
      let lo = 0, hi = paras.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (paras[mid].start <= pos) lo = mid; else hi = mid - 1;
      }
      return lo;
    };
    let i0 = find(start);
    let i1 = find(end);
    const delta = newLength - (end - start);
    let regionStart = paras[i0].start;
    const oldRegionEnd = i1 + 1 < paras.length ? paras[i1 + 1].start - 1 : oldLength; // at the '\n' or the end
    const newRegionEnd = oldRegionEnd + delta;
    // the opening mark of the first non-blank paragraph from `i` on (an old one: after the region, the same text)
    const markFrom = (i: number): number => {
      for (; i < paras.length; i++) {
        const m = openingMark(paras[i].text);
        if (m >= 0) return m;
      }
      return 0;
    };
    const after = markFrom(i1 + 1);
    // only the changed region is read: a text in pieces (the editor's while typing) is never made whole
    let region = newText.slice(regionStart, newRegionEnd);
    const lead = openingMark(region);
    if ((lead >= 0 ? lead : after) !== markFrom(i0)) {
      // the edit changed the mark the region opens with: the paragraph before it reads its open quote again
      let j = i0 - 1;
      while (j >= 0 && openingMark(paras[j].text) < 0) j--;
      if (j >= 0) {
        i0 = j;
        regionStart = paras[j].start;
        region = newText.slice(regionStart, newRegionEnd);
      }
    }
    const fresh: Paragraph[] = [];
    let turn = i0 > 0 && paras[i0 - 1].local.turn === true;
    eachUnit(region, 0, region.length, after, (s0, line, nextMark) => {
      const s = s0 + regionStart;
      const t = detach(line);
      const local = analyzeParagraph(t, this.gz, turn, nextMark);
      turn = local.turn === true;
      fresh.push({ start: s, text: t, local });
    });
    // a dialogue turn the edit opened or closed at the region's end changes how the next paragraph reads
    while (i1 + 1 < paras.length && turn !== (paras[i1].local.turn === true)) {
      const next = paras[++i1];
      const local = analyzeParagraph(next.text, this.gz, turn, markFrom(i1 + 1));
      turn = local.turn === true;
      fresh.push({ start: next.start + delta, text: next.text, local });
    }
    this.textLength = newText.length;
    let headerSame = true;
    if (start < this.safeFrom) {
      // (the header is read from at most the first HEADER_CHARS)
      const head = newText.slice(0, Math.min(newText.length, HEADER_CHARS + 1));
      const h = headerOf(head);
      headerSame = sameHeader(h, this.header);
      this.setHeader(head, h);
    }
    const n1 = i1 - i0 + 1;
    if (this.last && headerSame && fresh.length === n1) {
      let same = true;
      for (let j = 0; j < n1 && same; j++) same = sameShape(paras[i0 + j], fresh[j]);
      if (same) {
        // every decision stays: patch the old paragraphs in place and rewrite offsets from i0 on
        let apart = true;
        for (let j = 0; j < n1 && apart; j++) apart = movedAlike(paras[i0 + j], fresh[j], start, end, delta);
        for (let j = 0; j < n1; j++) adopt(paras[i0 + j], fresh[j]);
        shiftOutputs(paras, i0, i1, delta);
        this.walker?.shiftCheckpoints(i0, end, delta);
        this.lastChanged = { from: paras[i0].start, to: paras[i1 + 1]?.start ?? newText.length };
        this.lastShiftOnly = apart;
        return copyResult(this.last);
      }
    }
    if (delta !== 0) for (let i = i1 + 1; i < paras.length; i++) paras[i].start += delta;
    const oldCount = paras.length;
    paras.splice(i0, n1, ...fresh);
    return this.walk(i0, { i0, i1, fresh: fresh.length, end, delta }, oldCount);
  }
}

/**
 * The analysis with its own speakers (the entity and quote objects are the analyzer's; the arrays
 * too unless `copyArrays`: a resumed walk truncates and refills the walker's arrays, which must
 * not change the arrays of an analysis returned before).
 */
function copyResult(a: Analysis, copyArrays = false): Analysis {
  return {
    article: { ...a.article },
    speakers: a.speakers.map((s) => ({ ...s, aliases: s.aliases.slice() })),
    entities: copyArrays ? a.entities.slice() : a.entities,
    quotes: copyArrays ? a.quotes.slice() : a.quotes,
  };
}

/**
 * Whether an edit of [start, end) of the old text (`delta` longer after) left every span of a
 * paragraph where moving it with the edit puts it: each old span lies clear of the edit (not
 * inside it, not touching it), and its fresh counterpart is that span, shifted when it came after
 * the edit. Then the results only moved, as the session moves its annotations.
 */
function movedAlike(p: Paragraph, f: Paragraph, start: number, end: number, delta: number): boolean {
  const alike = (x: LocalSpan | undefined, y: LocalSpan | undefined): boolean => {
    if (!x || !y) return x === y;
    const x0 = p.start + x.start, x1 = p.start + x.end;
    if (!(end < x0 || start > x1)) return false;
    const d = x0 > end ? delta : 0;
    return f.start + y.start === x0 + d && f.start + y.end === x1 + d;
  };
  const ma = p.local.mentions, mb = f.local.mentions;
  for (let i = 0; i < ma.length; i++) {
    if (!alike(ma[i], mb[i])) return false;
    if (ma[i].titledStart !== undefined && !alike({ start: ma[i].titledStart!, end: ma[i].end }, { start: mb[i].titledStart!, end: mb[i].end })) return false;
  }
  const qa = p.local.quotes, qb = f.local.quotes;
  for (let i = 0; i < qa.length; i++) if (!alike(qa[i], qb[i]) || !alike(qa[i].source, qb[i].source) || !alike(qa[i].cue, qb[i].cue)) return false;
  const ia = p.local.intro, ib = f.local.intro;
  return !ia || !ib || (alike(ia, ib) && alike(ia.source, ib.source) && alike(ia.cue, ib.cue));
}

function sameSpanText(ta: string, a: LocalSpan | undefined, tb: string, b: LocalSpan | undefined): boolean {
  if (!a || !b) return a === b;
  return a.end - a.start === b.end - b.start && ta.startsWith(tb.slice(b.start, b.end), a.start);
}

/** Where a span sits among the mentions (what pronoun and overlap look-ups compare). */
function rank(ms: LocalMention[], s: LocalSpan | undefined): number {
  if (!s) return -1;
  let before = 0, endBefore = 0, startBeforeEnd = 0;
  for (const m of ms) {
    if (m.start < s.start) before++;
    if (m.end <= s.start) endBefore++;
    if (m.start < s.end) startBeforeEnd++;
  }
  return before * 1e8 + endBefore * 1e4 + startBeforeEnd;
}

function sameQuote(pa: Paragraph, a: LocalQuote, pb: Paragraph, b: LocalQuote): boolean {
  return a.kind === b.kind && a.sourceKind === b.sourceKind && a.rule === b.rule && a.confidence === b.confidence
    && a.inherit === b.inherit && a.paragraphStart === b.paragraphStart && a.openEnd === b.openEnd
    && sameSpanText(pa.text, a.source, pb.text, b.source) && sameSpanText(pa.text, a.cue, pb.text, b.cue)
    && (!a.source || rank(pa.local.mentions, a.source) === rank(pb.local.mentions, b.source));
}

/** Whether two local results lead to the same decisions (they may differ in offsets and quote texts). */
function sameShape(pa: Paragraph, pb: Paragraph): boolean {
  const a = pa.local, b = pb.local;
  if (a.mentions.length !== b.mentions.length || a.quotes.length !== b.quotes.length || !a.intro !== !b.intro || !a.turn !== !b.turn) return false;
  if (!a.mentions.length && !a.quotes.length && /\S/.test(pa.text) !== /\S/.test(pb.text)) return false;
  for (let i = 0; i < a.mentions.length; i++) {
    const x = a.mentions[i], y = b.mentions[i];
    if (x.type !== y.type || x.name !== y.name || x.role !== y.role || x.gender !== y.gender || !x.weak !== !y.weak
      || !x.fixed !== !y.fixed || !x.speaks !== !y.speaks || x.hint !== y.hint || (x.titledStart === undefined) !== (y.titledStart === undefined)
      || !sameSpanText(pa.text, x, pb.text, y)
      || (x.titledStart !== undefined && !sameSpanText(pa.text, { start: x.titledStart, end: x.end }, pb.text, { start: y.titledStart!, end: y.end }))) {
      return false;
    }
  }
  for (let i = 0; i < a.quotes.length; i++) if (!sameQuote(pa, a.quotes[i], pb, b.quotes[i])) return false;
  if (a.intro && b.intro && !sameQuote(pa, a.intro, pb, b.intro)) return false;
  return true;
}

function copySpan(to: LocalSpan | undefined, from: LocalSpan | undefined): void {
  if (to && from) { to.start = from.start; to.end = from.end; }
}

/** Moves the offsets and text of `b` (same shape) into the old paragraph `a`, keeping a's objects. */
function adopt(a: Paragraph, b: Paragraph): void {
  a.start = b.start;
  a.text = b.text;
  const ma = a.local.mentions, mb = b.local.mentions;
  for (let i = 0; i < ma.length; i++) {
    ma[i].start = mb[i].start;
    ma[i].end = mb[i].end;
    if (mb[i].titledStart !== undefined) ma[i].titledStart = mb[i].titledStart;
  }
  const qa = a.local.quotes, qb = b.local.quotes;
  for (let i = 0; i < qa.length; i++) {
    copySpan(qa[i], qb[i]);
    copySpan(qa[i].source, qb[i].source);
    copySpan(qa[i].cue, qb[i].cue);
  }
  if (a.local.intro && b.local.intro) {
    copySpan(a.local.intro, b.local.intro);
    copySpan(a.local.intro.source, b.local.intro.source);
    copySpan(a.local.intro.cue, b.local.intro.cue);
  }
}
