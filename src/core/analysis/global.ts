/**
 * The global pass: one linear walk over the cached per-paragraph results that decides what needs
 * the whole document (short names resolving to earlier full names, pronouns, quotes continued
 * over paragraphs, speaker clusters) and assigns ids in document order.
 */
import type { Analysis, Entity, Quote, Span, Speaker, SpeakerKind } from '../model';
import type { Header } from './header';
import { PRONOUNS, TITLES } from './lexicon';
import type { LocalMention, LocalQuote, LocalResult } from './paragraph';

export interface Paragraph {
  /** Offset of the paragraph in the text. */
  start: number;
  /** The paragraph's text (a line, without its line break). */
  text: string;
  local: LocalResult;
}

interface Cluster {
  name: string;
  nameTokens: number;
  kind: SpeakerKind;
  aliases: string[];
  role?: string;
  gender?: 'm' | 'f';
  id: string;
  used: boolean;
  index: number;
}

/** Unknown two- or three-word names default to persons (measured worse on news: off). */
const PERSON_DEFAULT = false;
const NAME_TOKEN_RE = /[^\s]+/g;

function tokensOf(name: string): string[] {
  return name.toLowerCase().match(NAME_TOKEN_RE) ?? [];
}

export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'speaker';
}

const DETERMINER_RE = /^(?:the|a|an|another|one|some|several|two|three)\s+/i;
const ORG_HEADS = new Set(['office', 'ministry', 'government', 'committee', 'campaign', 'agency', 'department', 'embassy',
  'council', 'administration', 'team', 'website', 'newspaper', 'statement', 'report', 'study', 'survey', 'poll', 'military', 'army', 'police']);
const GROUP_HEADS = new Set(['media', 'press']);

function addAlias(c: Cluster, alias: string): void {
  if (alias !== c.name && !c.aliases.includes(alias)) c.aliases.push(alias);
}

/** Whether a non-person mention could be a name already seen as a person. */
export function globalPass(paragraphs: Paragraph[], header: Header): Analysis {
  const entities: Entity[] = [];
  const entityCluster: (Cluster | undefined)[] = [];
  const quotes: Quote[] = [];
  const clusters: Cluster[] = [];
  const byName = new Map<string, Cluster>(); // full person name (lower) -> cluster
  const byLast = new Map<string, Cluster>(); // last name token (lower) -> cluster
  const byToken = new Map<string, Cluster>(); // any name token (lower) -> cluster
  const orgSpeakers = new Map<string, Cluster>();
  // recent persons for pronouns: positions and clusters
  const recentPos: number[] = [];
  const recentCluster: Cluster[] = [];
  let lastOrgCluster: Cluster | undefined;
  let prevIntro: { lq: LocalQuote; text: string; base: number; firstEntity: number; para: number } | undefined;
  let prevDirect: { q: Quote; openEnd: boolean; para: number; speaker: Cluster | undefined } | undefined;
  const fm = header.frontMatter;

  const newCluster = (name: string, kind: SpeakerKind): Cluster => {
    const c: Cluster = { name, nameTokens: name.split(' ').length, kind, aliases: [], id: '', used: false, index: clusters.length };
    clusters.push(c);
    return c;
  };
  const registerPerson = (c: Cluster, name: string, known?: string[]): void => {
    const toks = known ?? tokensOf(name);
    byName.set(toks.join(' '), c);
    if (toks.length) byLast.set(toks[toks.length - 1], c);
    if (name !== name.toUpperCase()) for (const tk of toks) if (tk.length > 1) byToken.set(tk, c);
  };

  const personFor = (m: LocalMention): Cluster | undefined => {
    const toks = m.toks ?? tokensOf(m.name);
    const key = toks.join(' ');
    let c = byName.get(key);
    if (!c && toks.length === 1) c = byLast.get(key) ?? byToken.get(key);
    if (!c && toks.length > 1) {
      // "Hamdullah Mohib" after a bare "Mohib"
      const prev = byLast.get(toks[toks.length - 1]);
      if (prev && prev.nameTokens === 1) {
        prev.name = m.name;
        prev.nameTokens = toks.length;
        c = prev;
      }
    }
    return c;
  };

  for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi];
    const base = para.start;
    if (fm && base < fm.end && base >= fm.start) continue;
    const local = para.local;
    if (!local.mentions.length && !local.quotes.length) continue;
    const text = para.text;
    const firstEntity = entities.length;

    // ---- mentions
    for (const m of local.mentions) {
      let type: string = m.type;
      let cluster: Cluster | undefined;
      if (m.fixed) {
        if (type === 'person') {
          cluster = byName.get(m.name.toLowerCase());
          if (!cluster) { cluster = newCluster(m.name, 'person'); registerPerson(cluster, m.name); }
        }
      } else if (type === 'person') {
        cluster = personFor(m);
        if (!cluster) { cluster = newCluster(m.name, 'person'); }
        registerPerson(cluster, m.name, m.toks);
      } else if (type === 'unknown' || (type === 'organization' && m.name.length > 3 && m.name === m.name.toUpperCase())) {
        cluster = type === 'organization' ? byLast.get(m.name.toLowerCase()) : personFor(m);
        if (cluster) type = 'person';
        else if (type === 'organization') { /* acronym-like all-caps word */ }
        else if (m.weak && !m.speaks) continue;
        else if (m.speaks) {
          type = 'person';
          cluster = newCluster(m.name, 'person');
          registerPerson(cluster, m.name);
        } else {
          const n = tokensOf(m.name).length;
          if (PERSON_DEFAULT && n >= 2 && n <= 3 && !/\d/.test(m.name)) {
            type = 'person';
            cluster = newCluster(m.name, 'person');
            registerPerson(cluster, m.name);
          } else continue; // capitalised but unknown: not suggested
        }
      } else if (type === 'organization' && m.weak) {
        continue;
      }
      if (cluster) {
        if (m.gender && !cluster.gender) cluster.gender = m.gender;
        if (m.role && !cluster.role) cluster.role = m.role;
        addAlias(cluster, text.slice(m.start, m.end));
        if (m.titledStart !== undefined) {
          const titled = text.slice(m.titledStart, m.end);
          const title = titled.slice(0, titled.length - (m.end - m.start)).trim().replace(/\.$/, '').toLowerCase();
          if (TITLES.has(title)) addAlias(cluster, titled);
        }
        recentPos.push(base + m.start);
        recentCluster.push(cluster);
      }
      const e: Entity = {
        id: '', type, start: base + m.start, end: base + m.end, text: text.slice(m.start, m.end),
        origin: 'auto', status: 'suggested',
      };
      if (m.role) e.role = m.role;
      entities.push(e);
      entityCluster.push(cluster);
    }

    // ---- quotes
    const localSpeakers: (Cluster | undefined)[] = [];
    for (let qi = 0; qi < local.quotes.length; qi++) {
      const lq = local.quotes[qi];
      const q: Quote = {
        id: '', kind: lq.kind, start: base + lq.start, end: base + lq.end, text: text.slice(lq.start, lq.end),
        origin: 'auto', status: 'suggested',
      };
      let speaker: Cluster | undefined;
      let rule = lq.rule;
      let confidence = lq.confidence;
      if (lq.source) {
        q.source = span(text, base, lq.source);
        speaker = resolveSource(lq, text, base, firstEntity);
      } else if (lq.inherit !== undefined) {
        speaker = localSpeakers[lq.inherit];
        const src = local.quotes[lq.inherit];
        if (src && src.source) q.source = span(text, base, src.source);
        if (src && src.cue) q.cue = span(text, base, src.cue);
      } else if (lq.paragraphStart && prevIntro && prevIntro.para === pi - 1 - blankRun(paragraphs, pi)) {
        const pv = prevIntro;
        q.source = span(pv.text, pv.base, pv.lq.source!);
        q.cue = span(pv.text, pv.base, pv.lq.cue!);
        speaker = resolveSource(pv.lq, pv.text, pv.base, pv.firstEntity);
        rule = pv.lq.rule;
        confidence = pv.lq.confidence;
      } else if (lq.paragraphStart && prevDirect && prevDirect.para === pi - 1 - blankRun(paragraphs, pi)) {
        const pq = prevDirect.q;
        if (pq.speaker !== undefined || pq.source) {
          speaker = prevDirect.speaker;
          if (pq.source) q.source = { ...pq.source };
          if (pq.cue) q.cue = { ...pq.cue };
          rule = prevDirect.openEnd ? 'continued-paragraph' : 'continuation';
          confidence = prevDirect.openEnd ? 0.9 : 0.6;
        }
      }
      if (lq.cue && !q.cue) q.cue = span(text, base, lq.cue);
      if (speaker) { q.speaker = '\u0000' + speaker.index; speaker.used = true; }
      if (rule !== undefined && (q.source || q.speaker)) q.rule = rule;
      if (confidence !== undefined && q.rule) q.confidence = confidence;
      localSpeakers.push(speaker);
      quotes.push(q);
      if (lq.kind === 'direct') prevDirect = { q, openEnd: !!lq.openEnd, para: pi, speaker };
    }
    if (local.intro) prevIntro = { lq: local.intro, text, base, firstEntity, para: pi };
  }

  // ---- resolve helpers (closures over the state above)
  function resolveSource(lq: LocalQuote, text: string, base: number, firstEntity: number): Cluster | undefined {
    const src = lq.source!;
    const abs = base + src.start;
    if (lq.sourceKind === 'pronoun') {
      const pr = PRONOUNS.get(text.slice(src.start, src.end).toLowerCase());
      if (pr === 'm' || pr === 'f') {
        for (let i = recentPos.length - 1, steps = 0; i >= 0 && steps < 60; i--, steps++) {
          if (recentPos[i] >= abs) continue;
          const c = recentCluster[i];
          if (!c.gender || c.gender === pr) return c;
        }
        return undefined;
      }
      if (pr === 'n' || pr === 'p') return lastOrgCluster;
      return undefined;
    }
    // a mention inside the source span
    let personInside: Cluster | undefined;
    let mentionInside: Entity | undefined;
    for (let i = firstEntity; i < entities.length; i++) {
      const e = entities[i];
      if (e.start >= base + src.end) break;
      if (e.end > abs && e.start < base + src.end && e.type !== 'date') {
        if (entityCluster[i]) { personInside = entityCluster[i]; }
        mentionInside = e;
      }
    }
    const srcText = text.slice(src.start, src.end);
    if (lq.sourceKind === 'mention') {
      if (personInside) return personInside;
      if (mentionInside) return orgSpeaker(mentionInside.text, 'organization');
      return orgSpeaker(srcText, 'organization');
    }
    // noun phrase: "Mohib’s office", "Chinese media", "a source", "the minister"
    const np = srcText.replace(DETERMINER_RE, '');
    const head = np.toLowerCase().split(/\s+/).pop() ?? '';
    if (!personInside && TITLES.has(head) && /^(?:the|a)\s/i.test(srcText) === /^the\s/i.test(srcText)) {
      for (let i = recentCluster.length - 1, steps = 0; i >= 0 && steps < 40; i--, steps++) {
        const c = recentCluster[i];
        if (c.role && c.role.toLowerCase().includes(head)) return c;
      }
    }
    if (personInside && /[’']s\b/.test(srcText) === false && !ORG_HEADS.has(head) && !GROUP_HEADS.has(head)) return personInside;
    const kind: SpeakerKind = GROUP_HEADS.has(head) ? 'group' : ORG_HEADS.has(head) || personInside ? 'organization' : 'group';
    return orgSpeaker(np, kind);
  }

  function orgSpeaker(name: string, kind: SpeakerKind): Cluster {
    const key = name.toLowerCase();
    let c = orgSpeakers.get(key);
    if (!c) {
      c = newCluster(name, kind);
      orgSpeakers.set(key, c);
    }
    lastOrgCluster = c;
    return c;
  }

  // quotes carry provisional ids ("\0" + cluster index) while walking; final ids come last
  return finish();

  function finish(): Analysis {
    const speakers: Speaker[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < clusters.length; i++) {
      const c = clusters[i];
      if (c.kind !== 'person' && !c.used) continue;
      let id = slug(c.name);
      if (taken.has(id)) {
        let k = 2;
        while (taken.has(`${id}-${k}`)) k++;
        id = `${id}-${k}`;
      }
      taken.add(id);
      c.id = id;
      const s: Speaker = { id, name: c.name, aliases: c.aliases.filter((a) => a !== c.name), kind: c.kind };
      if (c.role) s.role = c.role;
      speakers.push(s);
    }
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      e.id = 'e' + (i + 1);
      const c = entityCluster[i] ?? (e.type === 'organization' || e.type === 'place' ? orgSpeakers.get(e.text.toLowerCase()) : undefined);
      if (c && (c.kind === 'person' || c.used)) e.speaker = c.id;
    }
    for (let i = 0; i < quotes.length; i++) {
      const q = quotes[i];
      q.id = 'q' + (i + 1);
      if (q.speaker !== undefined) {
        const c = clusters[Number(q.speaker.slice(1))];
        if (c.id) q.speaker = c.id;
        else delete q.speaker;
      }
    }
    return { article: header.article, speakers, entities, quotes };
  }
}

function span(text: string, base: number, s: { start: number; end: number }): Span {
  return { start: base + s.start, end: base + s.end, text: text.slice(s.start, s.end) };
}

/** Number of blank paragraphs right before paragraph `pi`. */
function blankRun(paragraphs: Paragraph[], pi: number): number {
  let n = 0;
  for (let i = pi - 1; i >= 0 && paragraphs[i].text.trim() === ''; i--) n++;
  return n;
}
