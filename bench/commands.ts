/**
 * Tagging commands benchmark: every command's work in the core (finding the target, the change,
 * recording it for undo) on a ~1 MB article with 20,000 annotations; undo and redo too.
 * Target: each <= 50 ms. Prints median and p95; never fails on time. The editor adds a pick and
 * the debounced save (measured by the store benchmark) on top.
 */
import {
  AnnotationHistory,
  acceptSuggestedSpeaker,
  annotationAt,
  clearSpeaker,
  confirm,
  confirmAll,
  markEntity,
  markQuote,
  mergeSpeakers,
  needsSpeaker,
  nextQuote,
  previousQuote,
  quoteAt,
  reject,
  remove,
  renameSpeaker,
  setArticleTopics,
  setPassageTopics,
  setSpeakerAttributes,
  speakerChoices,
  tagSpeaker,
  type Edit,
} from '../src/core/actions';
import type { Annotations } from '../src/core/model';
import { buildFixture } from './store';

const TARGET_MS = 50;
const RUNS = 40;

function stats(xs: number[]): { med: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { med: s[Math.floor(s.length / 2)] as number, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] as number };
}

export async function run(): Promise<void> {
  const { text, ann } = buildFixture(20000, 1_000_000);
  ann.speakers.push({ id: 'mohib', name: 'Hamdullah Mohib', aliases: ['Mohib'], kind: 'person' });
  const known = Array.from({ length: 500 }, (_, i) => ({ id: `known-${i}`, name: `Known Speaker ${i}`, aliases: [`KS${i}`], kind: 'person' as const }));
  process.stdout.write(`article ${(text.length / 1e6).toFixed(2)} M chars, ${ann.entities.length + ann.quotes.length} annotations (${ann.quotes.length} quotes), ${known.length} known speakers\n`);
  const h = new AnnotationHistory();
  const mid = Math.floor(text.length / 2);
  const cursor = () => mid + Math.floor(Math.random() * 100_000);
  const q = (a: Annotations) => quoteAt(a, cursor()) ?? (a.quotes[2500] as Annotations['quotes'][number]);

  // Each case: what the command does at the cursor, recorded; the change is undone (not timed) so every run starts alike.
  const cases: [string, (a: Annotations) => Edit | undefined | unknown][] = [
    ['tagSpeaker (pick items + tag)', (a) => { const x = q(a); speakerChoices(a, x, known); return tagSpeaker(a, x.id, 'mohib'); }],
    ['acceptSuggestedSpeaker (+ next)', (a) => { const x = q(a); const e = acceptSuggestedSpeaker(a, x.id); nextQuote(a, x.start, needsSpeaker); return e; }],
    ['clearSpeaker', (a) => clearSpeaker(a, q(a).id)],
    ['markQuote', (a) => { const s = cursor(); return markQuote(a, text, s, s + 80, 'direct'); }],
    ['markEntity', (a) => { const s = cursor(); return markEntity(a, text, s, s + 6, 'weapon'); }],
    ['confirmSuggestion', (a) => confirm(a, (annotationAt(a, cursor()) ?? q(a)).id)],
    ['rejectSuggestion', (a) => reject(a, (annotationAt(a, cursor()) ?? q(a)).id)],
    ['confirmAllSuggestions (all 5,000 quotes)', (a) => confirmAll(a, 0.9)],
    ['tagTopics', (a) => setArticleTopics(a, ['security', 'diplomacy'])],
    ['tagPassageTopic', (a) => setPassageTopics(a, q(a).id, ['security'])],
    ['removeAnnotation', (a) => remove(a, (annotationAt(a, cursor()) ?? q(a)).id)],
    ['nextQuote', (a) => nextQuote(a, cursor())],
    ['previousQuote', (a) => previousQuote(a, cursor())],
    ['nextQuoteWithoutSpeaker', (a) => nextQuote(a, cursor(), needsSpeaker)],
    ['renameSpeaker (5,000 quotes follow)', (a) => renameSpeaker(a, 'wang-yi', 'Wang Yi (FM)')],
    ['mergeSpeakers (5,000 quotes follow)', (a) => mergeSpeakers(a, 'wang-yi', 'mohib')],
    ['editSpeakerAttributes (5,000 quotes)', (a) => setSpeakerAttributes(a, 'wang-yi', { gender: 'male', role: 'FM' })],
  ];
  const rows: [string, number, number][] = [];
  const undoTimes: number[] = [];
  const redoTimes: number[] = [];
  for (const [name, fn] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const e = fn(ann);
      times.push(performance.now() - t);
      if (e && typeof e === 'object' && 'changes' in e) {
        h.record(e as Edit);
        let t2 = performance.now();
        h.undo(ann);
        undoTimes.push(performance.now() - t2);
        t2 = performance.now();
        h.redo(ann);
        redoTimes.push(performance.now() - t2);
        h.undo(ann);
      }
    }
    const s = stats(times);
    rows.push([name, s.med, s.p95]);
  }
  const u = stats(undoTimes);
  const r = stats(redoTimes);
  rows.push(['undoAnnotationChange (all cases)', u.med, u.p95], ['redoAnnotationChange (all cases)', r.med, r.p95]);
  for (const [name, med, p95] of rows) {
    process.stdout.write(`  ${name.padEnd(44)} median ${med.toFixed(2).padStart(7)} ms  p95 ${p95.toFixed(2).padStart(7)} ms  ${p95 <= TARGET_MS ? 'ok' : `OVER ${TARGET_MS} ms`}\n`);
  }
  process.stdout.write(`(n=${RUNS} per command; the machine is shared, so timings are noisy)\n`);
}
