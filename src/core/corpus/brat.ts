/**
 * brat standoff (`.ann` beside the article's `.txt`), both ways.
 *
 * Offsets: brat counts characters of the `.txt` as Python 3 `str` indices, i.e. Unicode code
 * points (the same unit as the sidecar), end exclusive. Spans that contain a line break are
 * written as discontinuous fragments around it, as brat itself does.
 *
 * Export layout (readable in brat, and lossless for this extension):
 * - an entity: `T1\t<type> <start> <end>\t<text>`;
 * - a quote, PolNeAR-style: `Content` (the quote), `Source` (who is named) and `Cue` ("said")
 *   text-bound annotations joined by relations `Source`/`Cue` from the content;
 * - attributes `Status`, `Origin`, `Kind`, `Speaker` (brat attributes, for display);
 * - an `AnnotatorNotes` note `aa {json}` with the fields brat has no place for (id, rule,
 *   confidence, topics, role, ...) and, on the first annotation naming each speaker,
 *   `aa-speaker {json}` with the speaker. Speakers no annotation names are not exported.
 *
 * Import accepts that layout and plain brat files such as PolNeAR's attributions: text-bound
 * `Source`/`Cue`/`Content` annotations linked by any relations or events form one attribution;
 * each `Content` becomes a quote (direct when it starts with a quotation mark), its source's
 * text becomes its speaker (pronouns give no speaker). Other text-bound annotations become
 * entities (PER/ORG/LOC/GPE... mapped to person/organization/place/date).
 */
import type { Annotations, Entity, EntityType, Origin, Quote, QuoteKind, Span, Speaker, Status } from '../model';
import { OffsetMap } from '../store/offsets';

export interface BratExport {
  ann: string;
  /** Orphaned annotations left out (their text is no longer in the article). */
  skipped: number;
}

const safeType = (t: string) => t.replace(/[\s:]+/g, '_') || 'Entity';
const token = (v: string) => /^[^\s]+$/.test(v);

/** `.ann` text for `ann` (UTF-16 offsets into `text`). */
export function toBrat(ann: Annotations, text: string): BratExport {
  const map = new OffsetMap(text);
  const cp = (n: number) => map.toCodePoint(n);
  const lines: string[] = [];
  let t = 0, a = 0, r = 0, n = 0, skipped = 0;
  const speakerDone = new Set<string>();
  const speakers = new Map(ann.speakers.map((s) => [s.id, s]));
  const tb = (type: string, s: Span): string => {
    const id = 'T' + ++t;
    let frags = '';
    let fragText = '';
    let n = 0;
    for (let from = s.start; from <= s.end;) {
      let nl = from;
      while (nl < s.end && text.charCodeAt(nl) !== 10 && text.charCodeAt(nl) !== 13) nl++;
      // a fragment per line; an empty span stays one empty fragment
      if (nl > from || (n === 0 && nl === s.end)) {
        frags += (n ? ';' : '') + cp(from) + ' ' + cp(nl);
        fragText += (n ? ' ' : '') + text.slice(from, nl);
        n++;
      }
      from = nl + 1;
    }
    lines.push(id + '\t' + safeType(type) + ' ' + frags + '\t' + fragText);
    return id;
  };
  const attr = (name: string, target: string, value: string | undefined) => {
    if (value !== undefined && token(value)) lines.push(`A${++a}\t${name} ${target} ${value}`);
  };
  const note = (target: string, kind: 'aa' | 'aa-speaker', data: unknown) => {
    lines.push(`#${++n}\tAnnotatorNotes ${target}\t${kind} ${JSON.stringify(data)}`);
  };
  const speakerNote = (target: string, id: string | undefined) => {
    if (!id || speakerDone.has(id)) return;
    const s = speakers.get(id);
    if (!s) return;
    speakerDone.add(id);
    note(target, 'aa-speaker', s);
  };
  const fits = (s: Span) => s.start >= 0 && s.end - s.start === s.text.length && text.startsWith(s.text, s.start);

  for (const e of ann.entities) {
    if (e.status === 'orphaned' || !fits(e)) { skipped++; continue; }
    const id = tb(e.type, e);
    attr('Status', id, e.status);
    attr('Origin', id, e.origin);
    if (e.speaker) attr('Speaker', id, e.speaker);
    note(id, 'aa', { id: e.id, type: e.type, role: e.role, speaker: e.speaker, origin: e.origin, status: e.status, previousStatus: e.previousStatus });
    speakerNote(id, e.speaker);
  }
  for (const q of ann.quotes) {
    if (q.status === 'orphaned' || !fits(q) || (q.source && !fits(q.source)) || (q.cue && !fits(q.cue))) { skipped++; continue; }
    const id = tb('Content', q);
    attr('Kind', id, q.kind);
    attr('Status', id, q.status);
    attr('Origin', id, q.origin);
    if (q.speaker) attr('Speaker', id, q.speaker);
    if (q.source) lines.push(`R${++r}\tSource Arg1:${id} Arg2:${tb('Source', q.source)}`);
    if (q.cue) lines.push(`R${++r}\tCue Arg1:${id} Arg2:${tb('Cue', q.cue)}`);
    note(id, 'aa', { id: q.id, kind: q.kind, speaker: q.speaker, rule: q.rule, confidence: q.confidence, origin: q.origin, status: q.status, topics: q.topics, previousStatus: q.previousStatus });
    speakerNote(id, q.speaker);
  }
  return { ann: lines.length ? lines.join('\n') + '\n' : '', skipped };
}

export interface BratImport {
  /** Entities, quotes and the speakers they name (UTF-16 offsets into the text). */
  annotations: Annotations;
  /** One sentence per line that was not understood (it was skipped). */
  warnings: string[];
}

/** Thrown when the `.ann` does not fit the text (wrong `.txt`, or a different encoding). */
export class BratMismatchError extends Error {}

interface TB { id: string; type: string; start: number; end: number; line: number }

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them', 'us', 'his', 'its', 'their', 'who', 'which', 'that', 'this', 'these', 'those', 'one']);

export function entityTypeOf(bratType: string): EntityType {
  const t = bratType.toLowerCase();
  if (/^(person|per|people|pers)$/.test(t)) return 'person';
  if (/^(organi[sz]ation|org|norp)$/.test(t)) return 'organization';
  if (/^(place|location|loc|gpe|fac|facility)$/.test(t)) return 'place';
  if (/^(date|time)$/.test(t)) return 'date';
  return bratType;
}

export function slug(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'speaker';
}

const STATUSES = new Set<Status>(['suggested', 'confirmed', 'rejected', 'orphaned']);
const ORIGINS = new Set<Origin>(['auto', 'manual']);

/** Reads `.ann` text against the article `text`. */
export function fromBrat(annText: string, text: string): BratImport {
  const map = new OffsetMap(text);
  const warnings: string[] = [];
  const tbs = new Map<string, TB>();
  const links: Array<[string, string]> = [];
  const attrs = new Map<string, Map<string, string>>();
  const notes = new Map<string, { aa?: Record<string, unknown>; speaker?: Speaker }>();
  const mismatches: string[] = [];
  const lines = annText.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (!line.trim()) return;
    const lineNo = i + 1;
    const tab = line.split('\t');
    const id = tab[0] ?? '';
    if (/^T\d+$/.test(id)) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(tab[1] ?? '');
      if (!m) { warnings.push(`Line ${lineNo}: "${id}" is not a text-bound annotation brat understands; skipped.`); return; }
      const frags = m[2]!.split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      const cpLen = map.codePointLength;
      if (frags.some(([s, e]) => s > e || e > cpLen)) { mismatches.push(`line ${lineNo} (${id}) points past the end of the text`); return; }
      const start = map.toUtf16(Math.min(...frags.map((f) => f[0])));
      const end = map.toUtf16(Math.max(...frags.map((f) => f[1])));
      const expected = frags.map(([s, e]) => text.slice(map.toUtf16(s), map.toUtf16(e))).join(' ');
      if (tab[2] !== undefined && tab[2] !== expected && tab[2].replace(/\s+/g, ' ') !== expected.replace(/\s+/g, ' ')) {
        mismatches.push(`line ${lineNo} (${id}) says "${clip(tab[2])}" where the text has "${clip(expected)}"`);
        return;
      }
      tbs.set(id, { id, type: m[1]!, start, end, line: lineNo });
    } else if (/^R\d+$/.test(id)) {
      const args = (tab[1] ?? '').split(' ').slice(1).map((x) => x.split(':')[1]).filter((x): x is string => !!x);
      if (args.length < 2) { warnings.push(`Line ${lineNo}: relation "${id}" needs two arguments; skipped.`); return; }
      links.push([args[0]!, args[1]!]);
    } else if (/^E\d+$/.test(id)) {
      const parts = (tab[1] ?? '').split(' ').map((x) => x.split(':')[1]).filter((x): x is string => !!x);
      for (const p of parts.slice(1)) links.push([parts[0]!, p]);
    } else if (/^[AM]\d+$/.test(id)) {
      const [name, target, value] = (tab[1] ?? '').split(' ');
      if (!name || !target) { warnings.push(`Line ${lineNo}: attribute "${id}" needs a name and a target; skipped.`); return; }
      let m = attrs.get(target);
      if (!m) attrs.set(target, (m = new Map()));
      m.set(name, value ?? 'true');
    } else if (/^#\d*$/.test(id)) {
      const target = (tab[1] ?? '').split(' ')[1];
      const body = tab.slice(2).join('\t');
      if (!target) return;
      const nm = /^(aa|aa-speaker) (\{.*\})$/.exec(body);
      if (!nm) return; // a person's note: not ours
      try {
        const data = JSON.parse(nm[2]!) as Record<string, unknown>;
        let x = notes.get(target);
        if (!x) notes.set(target, (x = {}));
        if (nm[1] === 'aa') x.aa = data;
        else if (typeof data.id === 'string' && typeof data.name === 'string') x.speaker = data as unknown as Speaker;
      } catch {
        warnings.push(`Line ${lineNo}: the note of ${target} is not valid JSON; it was ignored.`);
      }
    } else if (/^[N*]/.test(id)) {
      // normalisations and equivalences: nothing in the model holds them
    } else {
      warnings.push(`Line ${lineNo}: "${clip(line)}" is not brat standoff; skipped.`);
    }
  });
  if (mismatches.length) {
    throw new BratMismatchError(`The .ann does not fit the text: ${mismatches.slice(0, 3).join('; ')}${mismatches.length > 3 ? ` (and ${mismatches.length - 3} more)` : ''}; is it the .ann of this .txt, saved as UTF-8?`);
  }

  // attribution groups: connected components over relations / events
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let p = parent.get(x) ?? x;
    if (p !== x) { p = find(p); parent.set(x, p); }
    return p;
  };
  for (const [x, y] of links) if (tbs.has(x) && tbs.has(y)) parent.set(find(x), find(y));
  const role = (tb: TB) => {
    const t = tb.type.toLowerCase();
    return t === 'source' ? 'source' : t === 'cue' ? 'cue' : /^(content|quote|quotation)$/.test(t) ? 'content' : 'entity';
  };
  const groups = new Map<string, { source?: TB; cue?: TB; content: TB[] }>();
  for (const tb of tbs.values()) {
    const r = role(tb);
    if (r === 'entity') continue;
    const k = find(tb.id);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { content: [] }));
    if (r === 'content') g.content.push(tb);
    else if (r === 'source') g.source ??= tb;
    else g.cue ??= tb;
  }

  const ann: Annotations = { version: 1, topics: [], speakers: [], entities: [], quotes: [] };
  const speakers = new Map<string, Speaker>();
  const byName = new Map<string, string>();
  for (const x of notes.values()) if (x.speaker) speakers.set(x.speaker.id, x.speaker);
  const speakerFor = (name: string): string | undefined => {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean || PRONOUNS.has(clean.toLowerCase())) return undefined;
    const known = byName.get(clean.toLowerCase());
    if (known) return known;
    for (const s of speakers.values()) if (s.name.toLowerCase() === clean.toLowerCase() || s.aliases.some((a) => a.toLowerCase() === clean.toLowerCase())) return s.id;
    let id = slug(clean);
    for (let i = 2; speakers.has(id); i++) id = slug(clean) + '-' + i;
    speakers.set(id, { id, name: clean, aliases: [], kind: 'person' });
    byName.set(clean.toLowerCase(), id);
    return id;
  };
  const span = (tb: TB): Span => ({ start: tb.start, end: tb.end, text: text.slice(tb.start, tb.end) });
  const usedIds = new Set<string>();
  for (const x of notes.values()) if (typeof x.aa?.id === 'string') usedIds.add(x.aa.id);
  let eN = 0, qN = 0;
  const freshId = (p: string) => {
    let id: string;
    do id = p + (p === 'e' ? ++eN : ++qN); while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const str = (o: Record<string, unknown> | undefined, k: string) => (typeof o?.[k] === 'string' ? (o[k] as string) : undefined);
  const statusOf = (o: Record<string, unknown> | undefined, at: Map<string, string> | undefined): Status => {
    const s = (str(o, 'status') ?? at?.get('Status')) as Status | undefined;
    return s && STATUSES.has(s) ? s : 'confirmed';
  };
  const originOf = (o: Record<string, unknown> | undefined, at: Map<string, string> | undefined): Origin => {
    const s = (str(o, 'origin') ?? at?.get('Origin')) as Origin | undefined;
    return s && ORIGINS.has(s) ? s : 'manual';
  };

  for (const tb of [...tbs.values()].sort((x, y) => x.start - y.start || x.line - y.line)) {
    if (role(tb) !== 'entity') continue;
    const aa = notes.get(tb.id)?.aa;
    const at = attrs.get(tb.id);
    const e: Entity = { id: str(aa, 'id') ?? freshId('e'), type: str(aa, 'type') ?? entityTypeOf(tb.type), ...span(tb), origin: originOf(aa, at), status: statusOf(aa, at) };
    const role0 = str(aa, 'role');
    if (role0) e.role = role0;
    const sp = str(aa, 'speaker') ?? at?.get('Speaker');
    if (sp) e.speaker = sp;
    const prev = str(aa, 'previousStatus') as Status | undefined;
    if (prev && STATUSES.has(prev)) e.previousStatus = prev;
    ann.entities.push(e);
  }
  const contents: Array<{ tb: TB; g: { source?: TB; cue?: TB } }> = [];
  for (const g of groups.values()) for (const c of g.content) contents.push({ tb: c, g });
  contents.sort((x, y) => x.tb.start - y.tb.start || x.tb.line - y.tb.line);
  for (const { tb, g } of contents) {
    const aa = notes.get(tb.id)?.aa;
    const at = attrs.get(tb.id);
    const sp = span(tb);
    const kind0 = str(aa, 'kind') ?? at?.get('Kind');
    const kind: QuoteKind = kind0 === 'direct' || kind0 === 'indirect' ? kind0 : /^\s*["“«„‘']/.test(sp.text) ? 'direct' : 'indirect';
    const q: Quote = { id: str(aa, 'id') ?? freshId('q'), kind, ...sp, origin: originOf(aa, at), status: statusOf(aa, at) };
    const speaker = aa ? str(aa, 'speaker') : at?.get('Speaker') ?? (g.source ? speakerFor(span(g.source).text) : undefined);
    if (speaker) q.speaker = speaker;
    if (g.source) q.source = span(g.source);
    if (g.cue) q.cue = span(g.cue);
    const rule = str(aa, 'rule');
    if (rule) q.rule = rule;
    if (typeof aa?.confidence === 'number') q.confidence = aa.confidence;
    if (Array.isArray(aa?.topics)) q.topics = (aa.topics as unknown[]).filter((x): x is string => typeof x === 'string');
    const prev = str(aa, 'previousStatus') as Status | undefined;
    if (prev && STATUSES.has(prev)) q.previousStatus = prev;
    ann.quotes.push(q);
  }
  // speakers: those named by an imported annotation, in id order
  const named = new Set<string>();
  for (const x of [...ann.entities, ...ann.quotes]) if (x.speaker) named.add(x.speaker);
  for (const id of [...named].sort()) {
    const s = speakers.get(id);
    ann.speakers.push(s ?? { id, name: id, aliases: [], kind: 'person' });
  }
  return { annotations: ann, warnings };
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

/**
 * Adds imported annotations to a sidecar's: an imported item replaces the one with its id when
 * both cover the same span; an item already there (same span and type/kind) is not repeated;
 * others are added (renamed when their id is taken). Speakers are added or updated by id;
 * nothing already there is removed.
 */
export function mergeImported(existing: Annotations, imported: Annotations): { annotations: Annotations; added: number; updated: number } {
  const out: Annotations = { ...existing, speakers: [...existing.speakers], entities: [...existing.entities], quotes: [...existing.quotes] };
  let added = 0, updated = 0;
  const ids = new Set([...out.entities.map((e) => e.id), ...out.quotes.map((q) => q.id)]);
  const fresh = (id: string) => {
    let n = 2;
    while (ids.has(`${id}-${n}`)) n++;
    return `${id}-${n}`;
  };
  const mergeList = <T extends Entity | Quote>(list: T[], items: T[], same: (a: T, b: T) => boolean) => {
    for (const it of items) {
      const byId = list.findIndex((x) => x.id === it.id);
      if (byId >= 0 && list[byId]!.start === it.start && list[byId]!.end === it.end) {
        list[byId] = it;
        updated++;
        continue;
      }
      if (list.some((x) => same(x, it))) continue;
      const copy = ids.has(it.id) ? { ...it, id: fresh(it.id) } : it;
      ids.add(copy.id);
      list.push(copy);
      added++;
    }
  };
  mergeList(out.entities, imported.entities, (a, b) => a.start === b.start && a.end === b.end && a.type === b.type);
  mergeList(out.quotes, imported.quotes, (a, b) => a.start === b.start && a.end === b.end);
  for (const s of imported.speakers) {
    const i = out.speakers.findIndex((x) => x.id === s.id);
    if (i < 0) out.speakers.push(s);
    else if (!(s.name === s.id && s.aliases.length === 0)) out.speakers[i] = { ...out.speakers[i]!, ...s };
  }
  return { annotations: out, added, updated };
}
