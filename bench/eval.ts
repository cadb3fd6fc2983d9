/**
 * Scores the analysis engine on ../shared/data (PolNeAR dev for quotes, reported speech and
 * speakers; GUM news for entities). `npm run eval`. Skips with a message when the data is absent.
 * `--errors` also prints the misses and false alarms (for tuning rules, never lists of names).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../src/core/analysis';
import type { Analysis } from '../src/core/model';

interface GoldEntity { start: number; end: number; type: string; text: string }
interface GoldQuote { start: number; end: number; speaker: string; speakerSpans: [number, number][] }
interface GoldAttribution {
  content: [number, number][];
  cue: [number, number][];
  source: [number, number][];
  speaker: string;
  cueText: string;
  direct: boolean;
}
interface Doc { id: string; text: string; entities: GoldEntity[]; quotes: GoldQuote[]; attributions?: GoldAttribution[] }
interface DataFile { source: string; docs: Doc[] }

/** Cues that count as speech for the reported-speech recall. */
const SPEECH_CUES = new Set(('said says say saying told tells tell telling added adding adds noted notes stressed stresses ' +
  'warned warns explained explains argued argues arguing claimed claims claiming insisted insists declared announced ' +
  'acknowledged admitted suggested emphasized stated reported reports wrote writes asked replied responded ' +
  'confirmed recalled continued commented remarked mentioned predicted pledged promised vowed urged').split(' '));

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function prf(tp: number, np: number, ng: number): { p: number; r: number; f: number } {
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** The span between ⟦ ⟧ with up to 100 characters either side, long spans shortened in the middle, on one line. */
function inContext(text: string, start: number, end: number): string {
  const inner = end - start > 240 ? `${text.slice(start, start + 110)} … ${text.slice(end - 110, end)}` : text.slice(start, end);
  const s = `${text.slice(Math.max(0, start - 100), start)}⟦${inner}⟧${text.slice(end, end + 100)}`;
  return s.replace(/\s*\n\s*/g, ' ¶ ');
}

/** The text around [start, end) on one line, the span itself in brackets (for the error dump). */
function context(text: string, start: number, end: number, width = 50): string {
  const pre = text.slice(Math.max(0, start - width), start);
  const post = text.slice(end, end + width);
  return `${pre}[${text.slice(start, end)}]${post}`.replace(/\s+/g, ' ');
}

function isSpeechCue(cue: string): boolean {
  return cue.toLowerCase().split(/[^a-z]+/).some((w) => SPEECH_CUES.has(w));
}

export function main(): void {
  const dir = process.env.ARTICLE_ANNOTATOR_DATA ?? path.resolve(__dirname, '../../../shared/data');
  const polnearFile = path.join(dir, 'polnear_dev.json');
  const gumFile = path.join(dir, 'gum_news.json');
  if (!fs.existsSync(polnearFile) || !fs.existsSync(gumFile)) {
    console.log(`eval: no evaluation data at ${dir} (set ARTICLE_ANNOTATOR_DATA); skipped.`);
    return;
  }
  const showErrors = process.argv.includes('--errors');
  const errors: string[] = [];
  const polnear = JSON.parse(fs.readFileSync(polnearFile, 'utf8')) as DataFile;
  const gum = JSON.parse(fs.readFileSync(gumFile, 'utf8')) as DataFile;

  // ---- quotes, speakers, reported speech (PolNeAR)
  let qTp = 0, qPred = 0, qGold = 0, spkOk = 0, spkN = 0;
  let rsRecalled = 0, rsGold = 0, rsCorrect = 0, rsPred = 0;
  for (const doc of polnear.docs) {
    const a: Analysis = analyze(doc.text);
    const pred = a.quotes.filter((q) => q.kind === 'direct');
    qPred += pred.length;
    qGold += doc.quotes.length;
    const used = new Set<number>();
    for (const g of doc.quotes) {
      let best = -1;
      for (let i = 0; i < pred.length; i++) {
        if (used.has(i)) continue;
        const o = overlap(g.start, g.end, pred[i].start, pred[i].end);
        if (o > 0 && o * 2 >= g.end - g.start && o * 2 >= pred[i].end - pred[i].start) { best = i; break; }
      }
      if (best < 0) {
        if (showErrors) {
          const near = pred.filter((p) => overlap(g.start, g.end, p.start, p.end) > 0).map((p) => `${p.start}-${p.end}`).join(',');
          errors.push(`QUOTE-MISS ${doc.id} ${g.start}-${g.end}${near ? ` (overlapping prediction ${near})` : ''}: ${inContext(doc.text, g.start, g.end)}`);
        }
        continue;
      }
      used.add(best);
      qTp++;
      if (g.speakerSpans.length) {
        spkN++;
        const s = pred[best].source;
        const ok = !!s && g.speakerSpans.some(([x, y]) => overlap(x, y, s.start, s.end) > 0);
        if (ok) spkOk++;
        else if (showErrors) {
          errors.push(`SPEAKER ${doc.id}: gold=${g.speakerSpans.map(([x, y]) => doc.text.slice(x, y)).join('/')} pred=${s ? s.text : '-'} (${pred[best].rule ?? ''}) ${inContext(doc.text, pred[best].start, pred[best].end)}`);
        }
      }
    }
    if (showErrors) {
      pred.forEach((p, i) => {
        if (!used.has(i)) errors.push(`QUOTE-FA ${doc.id} ${p.start}-${p.end} [${p.source?.text ?? '-'}|${p.rule ?? ''}]: ${inContext(doc.text, p.start, p.end)}`);
      });
    }
    const attrs = doc.attributions ?? [];
    const indirect = a.quotes.filter((q) => q.kind === 'indirect');
    rsPred += indirect.length;
    for (const q of indirect) {
      if (attrs.some((at) => at.content.some(([x, y]) => overlap(x, y, q.start, q.end) > 0))) rsCorrect++;
      else if (showErrors) errors.push(`REPORTED-FA ${doc.id}: [${q.source?.text}|${q.cue?.text}|${q.rule}] ${JSON.stringify(q.text.slice(0, 140))}`);
    }
    for (const at of attrs) {
      if (at.direct || !isSpeechCue(at.cueText)) continue;
      rsGold++;
      if (indirect.some((q) => at.content.some(([x, y]) => overlap(x, y, q.start, q.end) > 0))) rsRecalled++;
      else if (showErrors) {
        const [x, y] = at.content[0];
        const cue = at.cue[0] ? doc.text.slice(at.cue[0][0], at.cue[0][1]) : '';
        const src = at.source[0] ? doc.text.slice(at.source[0][0], at.source[0][1]) : '';
        errors.push(`REPORTED-MISS ${doc.id}: [${src}|${cue}] ${JSON.stringify(doc.text.slice(Math.max(0, x - 60), y + 40).slice(0, 260))}`);
      }
    }
  }
  const q = prf(qTp, qPred, qGold);
  console.log(`direct quotes (polnear_dev, ${polnear.docs.length} docs): precision ${pct(q.p)}  recall ${pct(q.r)}  F1 ${pct(q.f)}  (${qTp} matched, ${qPred} predicted, ${qGold} gold)`);
  console.log(`speaker accuracy on matched quotes: ${pct(spkN ? spkOk / spkN : 0)}%  (${spkOk}/${spkN})`);
  console.log(`reported speech: recall ${pct(rsGold ? rsRecalled / rsGold : 0)}% (${rsRecalled}/${rsGold} speech-verb attributions)  precision ${pct(rsPred ? rsCorrect / rsPred : 0)}% (${rsCorrect}/${rsPred})`);

  // ---- entities (GUM news)
  const map: Record<string, string> = { PERSON: 'person', ORG: 'organization', PLACE: 'place' };
  const types = ['person', 'organization', 'place'];
  const stats = new Map(types.map((t) => [t, { tp: 0, pred: 0, gold: 0 }]));
  for (const doc of gum.docs) {
    const a = analyze(doc.text);
    const gold = new Set<string>();
    for (const e of doc.entities) {
      const t = map[e.type];
      if (!t) continue;
      stats.get(t)!.gold++;
      gold.add(`${t}:${e.start}:${e.end}`);
    }
    const predSet = new Set<string>();
    for (const e of a.entities) {
      if (!stats.has(e.type)) continue;
      stats.get(e.type)!.pred++;
      const k = `${e.type}:${e.start}:${e.end}`;
      predSet.add(k);
      if (gold.has(k)) stats.get(e.type)!.tp++;
      else if (showErrors) {
        const g = doc.entities.find((x) => x.start < e.end && x.end > e.start);
        errors.push(`ENTITY-FA ${doc.id}: ${e.type} ${JSON.stringify(e.text)}${g ? ` (gold ${g.type} ${JSON.stringify(g.text)})` : ' (no gold)'}  | ${context(doc.text, e.start, e.end)}`);
      }
    }
    if (showErrors) {
      for (const e of doc.entities) {
        const t = map[e.type];
        if (!t || predSet.has(`${t}:${e.start}:${e.end}`)) continue;
        const p = a.entities.find((x) => x.start < e.end && x.end > e.start && x.type !== 'date');
        errors.push(`ENTITY-MISS ${doc.id}: ${t} ${JSON.stringify(e.text)}${p ? ` (predicted ${p.type} ${JSON.stringify(p.text)})` : ' (none)'}  | ${context(doc.text, e.start, e.end)}`);
      }
    }
  }
  let tp = 0, np = 0, ng = 0;
  for (const t of types) {
    const s = stats.get(t)!;
    tp += s.tp; np += s.pred; ng += s.gold;
    const r = prf(s.tp, s.pred, s.gold);
    console.log(`entities ${t.padEnd(12)} precision ${pct(r.p)}  recall ${pct(r.r)}  F1 ${pct(r.f)}  (${s.tp}/${s.pred} predicted, ${s.gold} gold)`);
  }
  const all = prf(tp, np, ng);
  console.log(`entities all          precision ${pct(all.p)}  recall ${pct(all.r)}  F1 ${pct(all.f)}  (gum_news, ${gum.docs.length} docs, exact spans)`);
  if (showErrors) console.log(errors.join('\n'));
}

if (require.main === module) main();
