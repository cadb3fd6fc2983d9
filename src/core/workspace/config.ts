/**
 * Reading, validating and changing the workspace file `.article-annotator.yaml` (see types.ts).
 *
 * Parsing reports every problem with its line and column and still returns what is valid (a bad
 * topic does not hide the good ones). Changes go through the `yaml` Document API so a person's
 * comments, ordering and unknown keys survive. The file is small (a taxonomy and a registry), so
 * the general parser is fast enough here.
 */
import * as YAML from 'yaml';
import type { Speaker, SpeakerKind } from '../model';
import {
  emptyWorkspaceConfig,
  type EntityTypeDef,
  type SpeakerAttributeDef,
  type TopicDef,
  type WorkspaceConfig,
  type WorkspaceGazetteerEntry,
} from './types';

export interface ConfigProblem {
  message: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface ParsedWorkspaceConfig {
  config: WorkspaceConfig;
  /** Empty when the file is valid. */
  problems: ConfigProblem[];
}

const KINDS: readonly SpeakerKind[] = ['person', 'organization', 'group'];
const BUILTIN_TYPES = ['person', 'organization', 'place', 'date'];
const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_.\-]*$/u;

export function parseWorkspaceConfig(text: string): ParsedWorkspaceConfig {
  const config = emptyWorkspaceConfig();
  const problems: ConfigProblem[] = [];
  const lc = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (node: unknown, message: string) => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const pos = lc.linePos(range ? range[0] : 0);
    problems.push({ message, line: pos.line, column: pos.col });
  };
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    problems.push({ message: e.message.split('\n')[0] ?? 'invalid YAML', line: pos.line, column: pos.col });
  }
  if (doc.errors.length) return { config, problems };
  const root = doc.contents;
  if (root === null || root === undefined) return { config, problems };
  if (!YAML.isMap(root)) {
    at(root, 'The workspace file must be a mapping with keys such as topics, entityTypes, speakers and gazetteer.');
    return { config, problems };
  }
  const version: unknown = root.get('version', true);
  if (version !== undefined && (!YAML.isScalar(version) || version.value !== 1)) {
    at(version, 'version must be 1 (this extension reads version 1 of the workspace file).');
  }

  const seq = (key: string): YAML.YAMLSeq | undefined => {
    const n = root.get(key, true);
    if (n === undefined || n === null || (YAML.isScalar(n) && n.value === null)) return undefined;
    if (!YAML.isSeq(n)) {
      at(n, `${key} must be a list.`);
      return undefined;
    }
    return n;
  };
  const str = (m: YAML.YAMLMap, key: string, where: string, required = false): string | undefined => {
    const n = m.get(key, true);
    if (n === undefined || (YAML.isScalar(n) && n.value === null)) {
      if (required) at(m, `${where} needs a "${key}".`);
      return undefined;
    }
    if (!YAML.isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number') || String(n.value).trim() === '') {
      at(n, `${where}: "${key}" must be a non-empty text.`);
      return undefined;
    }
    return String(n.value).trim();
  };
  const strList = (n: unknown, where: string): string[] | undefined => {
    if (n === undefined) return undefined;
    if (!YAML.isSeq(n)) {
      at(n, `${where} must be a list of texts.`);
      return undefined;
    }
    const out: string[] = [];
    for (const it of n.items) {
      if (YAML.isScalar(it) && (typeof it.value === 'string' || typeof it.value === 'number') && String(it.value).trim()) out.push(String(it.value).trim());
      else at(it, `${where} must contain texts only.`);
    }
    return out;
  };
  const idOf = (m: YAML.YAMLMap, where: string, seen: Set<string>): string | undefined => {
    const id = str(m, 'id', where, true);
    if (id === undefined) return undefined;
    if (!ID.test(id)) {
      at(m.get('id', true), `${where}: id "${id}" may contain letters, digits, "-", "_" and "." only.`);
      return undefined;
    }
    if (seen.has(id)) {
      at(m.get('id', true), `${where}: id "${id}" is used twice.`);
      return undefined;
    }
    seen.add(id);
    return id;
  };

  // topics: a mapping per topic, or just its id
  const topicIds = new Set<string>();
  for (const [i, it] of (seq('topics')?.items ?? []).entries()) {
    const where = `topics[${i + 1}]`;
    if (YAML.isScalar(it) && typeof it.value === 'string' && ID.test(it.value.trim())) {
      const id = it.value.trim();
      if (topicIds.has(id)) at(it, `${where}: id "${id}" is used twice.`);
      else config.topics.push({ id }), topicIds.add(id);
      continue;
    }
    if (!YAML.isMap(it)) {
      at(it, `${where} must be a topic id or a mapping with id, label and description.`);
      continue;
    }
    const id = idOf(it, where, topicIds);
    if (id === undefined) continue;
    const t: TopicDef = { id };
    const label = str(it, 'label', where);
    const description = str(it, 'description', where);
    if (label) t.label = label;
    if (description) t.description = description;
    config.topics.push(t);
  }

  const typeIds = new Set<string>();
  for (const [i, it] of (seq('entityTypes')?.items ?? []).entries()) {
    const where = `entityTypes[${i + 1}]`;
    if (!YAML.isMap(it)) {
      at(it, `${where} must be a mapping with id, label and color.`);
      continue;
    }
    const id = idOf(it, where, typeIds);
    if (id === undefined) continue;
    const t: EntityTypeDef = { id };
    const label = str(it, 'label', where);
    const color = str(it, 'color', where);
    if (label) t.label = label;
    if (color !== undefined) {
      if (COLOR.test(color)) t.color = color;
      else at(it.get('color', true), `${where}: color "${color}" must be "#rrggbb" or "#rrggbbaa".`);
    }
    config.entityTypes.push(t);
  }

  const attrIds = new Set<string>();
  for (const [i, it] of (seq('speakerAttributes')?.items ?? []).entries()) {
    const where = `speakerAttributes[${i + 1}]`;
    if (YAML.isScalar(it) && typeof it.value === 'string' && ID.test(it.value.trim())) {
      const id = it.value.trim();
      if (!attrIds.has(id)) config.speakerAttributes.push({ id }), attrIds.add(id);
      else at(it, `${where}: id "${id}" is used twice.`);
      continue;
    }
    if (!YAML.isMap(it)) {
      at(it, `${where} must be an attribute id or a mapping with id, label and values.`);
      continue;
    }
    const id = idOf(it, where, attrIds);
    if (id === undefined) continue;
    const a: SpeakerAttributeDef = { id };
    const label = str(it, 'label', where);
    const values = strList(it.get('values', true), `${where}.values`);
    if (label) a.label = label;
    if (values) a.values = values;
    config.speakerAttributes.push(a);
  }

  const speakerIds = new Set<string>();
  for (const [i, it] of (seq('speakers')?.items ?? []).entries()) {
    const where = `speakers[${i + 1}]`;
    if (!YAML.isMap(it)) {
      at(it, `${where} must be a mapping with id, name, aliases, kind and attributes.`);
      continue;
    }
    const id = idOf(it, where, speakerIds);
    const name = str(it, 'name', where, true);
    if (id === undefined || name === undefined) continue;
    const kindNode = it.get('kind', true);
    let kind: SpeakerKind = 'person';
    const k = str(it, 'kind', where);
    if (k !== undefined) {
      if ((KINDS as readonly string[]).includes(k)) kind = k as SpeakerKind;
      else at(kindNode, `${where}: kind "${k}" must be one of ${KINDS.join(', ')}.`);
    }
    const s: Speaker = { id, name, aliases: strList(it.get('aliases', true), `${where}.aliases`) ?? [], kind };
    const role = str(it, 'role', where);
    if (role) s.role = role;
    const attrs = it.get('attributes', true);
    if (attrs !== undefined && !(YAML.isScalar(attrs) && attrs.value === null)) {
      if (!YAML.isMap(attrs)) at(attrs, `${where}.attributes must be a mapping of attribute to value.`);
      else {
        const rec: Record<string, string> = {};
        for (const pair of attrs.items) {
          const key = YAML.isScalar(pair.key) ? String(pair.key.value) : undefined;
          const v = pair.value;
          if (key === undefined || !YAML.isScalar(v) || v.value === null || typeof v.value === 'object') {
            at(pair.key ?? attrs, `${where}.attributes: each attribute needs a text value.`);
            continue;
          }
          rec[key] = String(v.value);
        }
        if (Object.keys(rec).length) s.attributes = rec;
      }
    }
    config.speakers.push(s);
  }

  const gz = root.get('gazetteer', true);
  if (gz !== undefined && !(YAML.isScalar(gz) && gz.value === null)) {
    if (!YAML.isMap(gz)) at(gz, 'gazetteer must be a mapping of name to entity type, {type, aliases} or ignore.');
    else {
      const known = new Set([...BUILTIN_TYPES, ...config.entityTypes.map((t) => String(t.id))]);
      for (const pair of gz.items) {
        const name = YAML.isScalar(pair.key) ? String(pair.key.value ?? '').trim() : '';
        if (!name) {
          at(pair.key ?? gz, 'gazetteer: every entry needs a name.');
          continue;
        }
        const v = pair.value;
        const typeOk = (type: string, node: unknown) => {
          if (known.has(type)) return true;
          at(node, `gazetteer "${name}": unknown entity type "${type}" (use ${[...known].join(', ')}, or declare it under entityTypes).`);
          return false;
        };
        if (YAML.isScalar(v) && typeof v.value === 'string') {
          if (v.value === 'ignore') config.gazetteer.ignore.push(name);
          else if (typeOk(v.value, v)) config.gazetteer.entries.push({ name, type: v.value });
        } else if (YAML.isMap(v)) {
          const type = str(v, 'type', `gazetteer "${name}"`, true);
          if (type === undefined || !typeOk(type, v.get('type', true))) continue;
          const e: WorkspaceGazetteerEntry = { name, type };
          const aliases = strList(v.get('aliases', true), `gazetteer "${name}".aliases`);
          if (aliases?.length) e.aliases = aliases;
          config.gazetteer.entries.push(e);
        } else {
          at(v ?? pair.key, `gazetteer "${name}" must be an entity type, {type, aliases} or ignore.`);
        }
      }
    }
  }
  return { config, problems };
}

/** One sentence for a toast: the first problem with its place, and how many more there are. */
export function describeProblems(fileName: string, problems: readonly ConfigProblem[]): string | undefined {
  const p = problems[0];
  if (!p) return undefined;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${fileName} line ${p.line}, column ${p.column}: ${p.message.replace(/\.$/, '')}${more}; the valid parts are used until it is fixed.`;
}

// ---------------------------------------------------------------------------------------------
// Changing the file (comments and unknown keys survive)

export const NEW_WORKSPACE_FILE = `# Article Annotator workspace file: the taxonomy and known speakers shared by every article here.
# Edit it by hand or through the Article commands; see the README for every key.
version: 1
topics: []
entityTypes: []
speakerAttributes:
  - id: gender
    values: [female, male, non-binary, unknown]
  - id: affiliation
speakers: []
gazetteer: {}
`;

function load(text: string): YAML.Document.Parsed {
  const doc = YAML.parseDocument(text.trim() ? text : NEW_WORKSPACE_FILE);
  if (doc.errors.length) {
    const e = doc.errors[0] as YAML.YAMLError;
    throw new Error(`The workspace file does not parse (${e.message.split('\n')[0]}); fix it before changing it from a command.`);
  }
  if (doc.contents !== null && !YAML.isMap(doc.contents)) throw new Error('The workspace file is not a mapping; fix it before changing it from a command.');
  if (doc.contents === null) doc.contents = doc.createNode({ version: 1 }) as never;
  return doc;
}

function seqOf(doc: YAML.Document.Parsed, key: string): YAML.YAMLSeq {
  const n = doc.get(key, true);
  if (YAML.isSeq(n)) {
    if (n.flow && n.items.length === 0) n.flow = false;
    return n;
  }
  const s = doc.createNode([]) as YAML.YAMLSeq;
  s.flow = false;
  doc.set(key, s);
  return s;
}

function findById(s: YAML.YAMLSeq, id: string): YAML.YAMLMap | undefined {
  for (const it of s.items) {
    if (YAML.isMap(it) && String(it.get('id')) === id) return it;
  }
  return undefined;
}

function out(doc: YAML.Document.Parsed): string {
  return doc.toString({ lineWidth: 0 });
}

/** Adds topics that are not there yet (by id). */
export function addTopics(text: string, topics: readonly TopicDef[]): string {
  const doc = load(text);
  const s = seqOf(doc, 'topics');
  const have = new Set(s.items.map((it) => (YAML.isMap(it) ? String(it.get('id')) : YAML.isScalar(it) ? String(it.value) : '')));
  for (const t of topics) {
    if (have.has(t.id)) continue;
    s.add(doc.createNode(stripEmpty(t)));
    have.add(t.id);
  }
  return out(doc);
}

/** Adds entity types that are not there yet (by id). */
export function addEntityTypes(text: string, types: readonly EntityTypeDef[]): string {
  const doc = load(text);
  const s = seqOf(doc, 'entityTypes');
  for (const t of types) if (!findById(s, String(t.id))) s.add(doc.createNode(stripEmpty(t)));
  return out(doc);
}

/**
 * Adds the speaker to the registry, or updates the registry's entry with the same id: name,
 * aliases (combined), kind, role, and attributes (given keys set; an empty value removes one).
 */
export function upsertSpeaker(text: string, speaker: Speaker): string {
  const doc = load(text);
  const s = seqOf(doc, 'speakers');
  const m = findById(s, speaker.id);
  if (!m) {
    const node = doc.createNode(stripEmpty({ ...speaker, aliases: speaker.aliases.length ? speaker.aliases : undefined })) as YAML.YAMLMap;
    const aliases = node.get('aliases', true);
    if (YAML.isSeq(aliases)) aliases.flow = true;
    const attrs = node.get('attributes', true);
    if (YAML.isMap(attrs)) attrs.flow = true;
    s.add(node);
    return out(doc);
  }
  m.set('name', speaker.name);
  const old = m.get('aliases', true);
  const merged = [...(YAML.isSeq(old) ? old.items.map((x) => String(YAML.isScalar(x) ? x.value : x)) : [])];
  for (const a of speaker.aliases) if (!merged.includes(a)) merged.push(a);
  if (merged.length) {
    const seq = doc.createNode(merged) as YAML.YAMLSeq;
    seq.flow = true;
    m.set('aliases', seq);
  }
  if (speaker.kind !== 'person' || m.has('kind')) m.set('kind', speaker.kind);
  if (speaker.role) m.set('role', speaker.role);
  else m.delete('role');
  if (speaker.attributes !== undefined) setAttributesIn(doc, m, speaker.attributes);
  return out(doc);
}

function setAttributesIn(doc: YAML.Document.Parsed, m: YAML.YAMLMap, attributes: Record<string, string>): void {
  const existing: unknown = m.get('attributes', true);
  let a: YAML.YAMLMap;
  if (YAML.isMap(existing)) a = existing;
  else {
    a = doc.createNode({}) as YAML.YAMLMap;
    a.flow = true;
    m.set('attributes', a);
  }
  for (const [k, v] of Object.entries(attributes)) {
    if (v.trim()) a.set(k, v.trim());
    else a.delete(k);
  }
  if (a.items.length === 0) m.delete('attributes');
}

function stripEmpty<T extends object>(o: T): Partial<T> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') r[k] = v;
  return r as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Which workspace folder an article belongs to

/** The innermost folder (a URI string ending without '/') that contains `uri`; undefined outside all. */
export function folderFor(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const base = f.endsWith('/') ? f : f + '/';
    if ((uri.startsWith(base) || uri === f) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

/** The engine's gazetteer option from a workspace config (undefined when there is none). */
export function gazetteerOf(config: WorkspaceConfig): { entries: WorkspaceGazetteerEntry[]; ignore: string[] } | undefined {
  return config.gazetteer.entries.length || config.gazetteer.ignore.length ? config.gazetteer : undefined;
}

/** The workspace file's valid parts (its problems are reported by the editor's workspace service). */
export function workspaceConfigFrom(text: string): WorkspaceConfig {
  return parseWorkspaceConfig(text).config;
}

/**
 * Merge Speakers in the registry: the known speaker `fromId` goes, and its name, aliases and the
 * attributes `into` lacks join `into`'s entry (added when only `fromId` was known). The text is
 * returned unchanged when the registry does not know `fromId`.
 */
export function mergeSpeakersIn(text: string, fromId: string, into: Speaker): string {
  if (!text.trim()) return text;
  const doc = load(text);
  const s = doc.get('speakers', true);
  if (!YAML.isSeq(s)) return text;
  const from = findById(s, fromId);
  if (!from) return text;
  const known = parseWorkspaceConfig(text).config.speakers;
  const fromSpeaker = known.find((x) => x.id === fromId);
  const target = known.find((x) => x.id === into.id);
  s.items.splice(s.items.indexOf(from), 1);
  const aliases = [...into.aliases];
  for (const a of [fromSpeaker?.name, ...(fromSpeaker?.aliases ?? [])]) if (a && a !== into.name && !aliases.includes(a)) aliases.push(a);
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(fromSpeaker?.attributes ?? {})) if (!target?.attributes?.[k] && !into.attributes?.[k]) attributes[k] = v;
  return upsertSpeaker(out(doc), {
    ...(target ?? into),
    name: into.name,
    aliases,
    role: target?.role ?? into.role ?? fromSpeaker?.role,
    attributes: { ...(target?.attributes ?? into.attributes), ...attributes },
  });
}
