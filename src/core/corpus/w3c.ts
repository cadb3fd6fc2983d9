/**
 * W3C Web Annotation (JSON-LD) export: an `AnnotationCollection` with one `Annotation` per
 * entity and quote. Each target carries a `TextQuoteSelector` (exact, with 32 characters of
 * prefix and suffix) and a `TextPositionSelector` whose start/end count Unicode code points,
 * as the Web Annotation Data Model requires ("in terms of unicode code points ... not code
 * units"); the sidecar uses the same unit. Bodies: the speaker (purpose `identifying`), topics
 * (`tagging`), the entity type or quote kind (`classifying`). Orphaned annotations are left out.
 */
import type { Annotations, Span } from '../model';
import { OffsetMap } from '../store/offsets';

export interface W3cDoc {
  /** The article's IRI as the export names it (relative references resolve against the file). */
  source: string;
  text: string;
  /** UTF-16 offsets into `text`. */
  annotations: Annotations;
  /** Speaker names and attributes as resolved for the corpus (defaults to the sidecar's). */
  speakerName?: (id: string) => string;
}

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const CONTEXT_LEN = 32;

interface Body { type: 'TextualBody'; purpose: string; value: string; format?: string }

export function w3cAnnotations(doc: W3cDoc, idPrefix = 'urn:article-annotator:'): { items: unknown[]; skipped: number } {
  const map = new OffsetMap(doc.text);
  const { text, annotations: ann } = doc;
  const names = new Map(ann.speakers.map((s) => [s.id, s.name]));
  const nameOf = (id: string) => doc.speakerName?.(id) ?? names.get(id) ?? id;
  let skipped = 0;
  const items: unknown[] = [];
  const target = (s: Span) => ({
    source: doc.source,
    selector: [
      { type: 'TextQuoteSelector', exact: s.text, prefix: text.slice(Math.max(0, s.start - CONTEXT_LEN), s.start), suffix: text.slice(s.end, s.end + CONTEXT_LEN) },
      { type: 'TextPositionSelector', start: map.toCodePoint(s.start), end: map.toCodePoint(s.end) },
    ],
  });
  const fits = (s: Span) => s.start >= 0 && s.end - s.start === s.text.length && text.startsWith(s.text, s.start);
  const base = idPrefix + encodeURI(doc.source) + '#';
  for (const e of ann.entities) {
    if (e.status === 'orphaned' || e.status === 'rejected' || !fits(e)) { skipped++; continue; }
    const body: Body[] = [{ type: 'TextualBody', purpose: 'classifying', value: e.type }];
    if (e.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', value: nameOf(e.speaker) });
    items.push({ id: base + e.id, type: 'Annotation', motivation: 'classifying', body, target: target(e) });
  }
  for (const q of ann.quotes) {
    if (q.status === 'orphaned' || q.status === 'rejected' || !fits(q)) { skipped++; continue; }
    const body: Body[] = [{ type: 'TextualBody', purpose: 'classifying', value: q.kind === 'direct' ? 'direct quote' : 'reported speech' }];
    if (q.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', value: nameOf(q.speaker) });
    const topics = [...ann.topics];
    for (const t of q.topics ?? []) if (!topics.includes(t)) topics.push(t);
    for (const t of topics) body.push({ type: 'TextualBody', purpose: 'tagging', value: t });
    items.push({ id: base + q.id, type: 'Annotation', motivation: 'identifying', body, target: target(q) });
  }
  return { items, skipped };
}

/** The whole collection as one JSON-LD document (one annotation per line, so large exports diff and stream well). */
export function toW3c(items: unknown[], label = 'Article Annotator export'): string {
  return toW3cFromJson(items.map((x) => JSON.stringify(x)), label);
}

/** The same from annotations already serialized (as worker threads hand them back). */
export function toW3cFromJson(items: string[], label = 'Article Annotator export'): string {
  const head = JSON.stringify({ '@context': CONTEXT, type: 'AnnotationCollection', label, total: items.length });
  return head.slice(0, -1) + ',\n "first": {"type": "AnnotationPage", "startIndex": 0, "items": [\n' + items.join(',\n') + '\n]}}\n';
}
