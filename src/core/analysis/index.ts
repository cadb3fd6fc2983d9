/**
 * The analysis engine: entities, direct quotes, reported speech and their speakers.
 *
 * Pure TypeScript, no `vscode`, no Node built-ins. Offsets are UTF-16 indices into the text.
 * The text is cut into paragraphs (lines); each paragraph is analysed on its own and the result
 * cached; a linear global pass then resolves what spans paragraphs and assigns ids. After an
 * edit, `IncrementalAnalyzer.update` re-analyses only the lines the edit touched.
 */
import type { Analysis, EntityType } from '../model';
import { globalPass, type Paragraph } from './global';
import { parseHeader } from './header';
import { analyzeParagraph, type CompiledGazetteer } from './paragraph';

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

/** Splits text into lines (paragraph units) starting at `from`, up to `to` (a line boundary). */
function splitLines(text: string, from: number, to: number, out: { start: number; text: string }[]): void {
  let pos = from;
  for (;;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) nl = to;
    let line = text.slice(pos, nl);
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    out.push({ start: pos, text: line });
    if (nl >= to) break;
    pos = nl + 1;
  }
}

function analyzeLines(lines: { start: number; text: string }[], gz: CompiledGazetteer): Paragraph[] {
  return lines.map((l) => ({ start: l.start, text: l.text, local: analyzeParagraph(l.text, gz) }));
}

function headerOf(text: string) {
  return parseHeader(text.length > 20000 ? text.slice(0, 20000) : text);
}

/** Analyses a whole article. */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  const gz = compileGazetteer(options?.gazetteer);
  const lines: { start: number; text: string }[] = [];
  splitLines(text, 0, text.length, lines);
  return globalPass(analyzeLines(lines, gz), headerOf(text));
}

/**
 * Keeps the per-paragraph results of the last text so that an edit re-analyses only the lines it
 * touched; `update` returns exactly what `analyze(newText)` returns.
 */
export class IncrementalAnalyzer {
  private readonly gz: CompiledGazetteer;
  private paragraphs: Paragraph[] = [];
  private text = '';
  private started = false;

  constructor(options?: AnalyzeOptions) {
    this.gz = compileGazetteer(options?.gazetteer);
  }

  analyze(text: string): Analysis {
    const lines: { start: number; text: string }[] = [];
    splitLines(text, 0, text.length, lines);
    this.paragraphs = analyzeLines(lines, this.gz);
    this.text = text;
    this.started = true;
    return globalPass(this.paragraphs, headerOf(text));
  }

  update(newText: string, change: TextChange): Analysis {
    const old = this.text;
    const { start, end, newLength } = change;
    if (!this.started || start < 0 || end < start || end > old.length || newLength < 0
      || old.length - (end - start) + newLength !== newText.length) {
      return this.analyze(newText);
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
    const i0 = find(start);
    const i1 = find(end);
    const delta = newLength - (end - start);
    const regionStart = paras[i0].start;
    const oldRegionEnd = i1 + 1 < paras.length ? paras[i1 + 1].start - 1 : old.length; // at the '\n' or the end
    const newRegionEnd = oldRegionEnd + delta;
    const lines: { start: number; text: string }[] = [];
    splitLines(newText, regionStart, newRegionEnd, lines);
    const fresh = analyzeLines(lines, this.gz);
    const tail = paras.slice(i1 + 1);
    if (delta !== 0) for (const p of tail) p.start += delta;
    this.paragraphs = paras.slice(0, i0).concat(fresh, tail);
    this.text = newText;
    return globalPass(this.paragraphs, headerOf(newText));
  }
}
