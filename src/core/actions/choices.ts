/**
 * What the Tag Speaker pick offers, in order: the suggested speaker with why it was suggested,
 * this article's speakers, the workspace's known speakers, then "New speaker...". Pure, so the
 * order is tested without VS Code; the adapter turns these into QuickPick items.
 */
import type { Annotations, Quote, Speaker } from '../model';

export type SpeakerChoice =
  | { kind: 'suggested' | 'article' | 'workspace'; speaker: Speaker; why?: string }
  | { kind: 'new' };

/** Why the engine chose the quote's speaker: the cue and the confidence ("said" after the quote, 0.97). */
export function suggestionReason(q: Quote): string | undefined {
  if (q.speaker === undefined) return undefined;
  const parts: string[] = [];
  if (q.status === 'confirmed') parts.push('confirmed');
  if (q.cue) {
    const where = q.cue.start >= q.end ? 'after' : q.cue.end <= q.start ? 'before' : 'in';
    parts.push(`"${q.cue.text}" ${where} the quote`);
  } else if (q.rule && q.rule !== 'manual') {
    parts.push(q.rule);
  }
  if (q.source && q.source.text) parts.push(`names "${q.source.text}"`);
  if (q.confidence !== undefined) parts.push(q.confidence.toFixed(2));
  return parts.join(', ') || undefined;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byName = (a: Speaker, b: Speaker) => collator.compare(a.name, b.name);

export function speakerChoices(ann: Annotations, quote: Quote | undefined, known: readonly Speaker[]): SpeakerChoice[] {
  const out: SpeakerChoice[] = [];
  const seen = new Set<string>();
  const suggested = quote?.speaker !== undefined ? ann.speakers.find((s) => s.id === quote.speaker) : undefined;
  if (quote && suggested) {
    out.push({ kind: 'suggested', speaker: suggested, why: suggestionReason(quote) });
    seen.add(suggested.id);
  }
  const article = ann.speakers.filter((s) => !seen.has(s.id)).sort(byName);
  for (const s of article) {
    out.push({ kind: 'article', speaker: s });
    seen.add(s.id);
  }
  const names = new Set(ann.speakers.map((s) => s.name.toLowerCase()));
  for (const s of [...known].sort(byName)) {
    if (seen.has(s.id) || names.has(s.name.toLowerCase())) continue;
    out.push({ kind: 'workspace', speaker: s });
    seen.add(s.id);
  }
  out.push({ kind: 'new' });
  return out;
}

/** Text a pick can filter on: the name and every alias. */
export function speakerFilterText(s: Speaker): string {
  return [s.name, ...s.aliases].join(' · ');
}
