/**
 * The reader's fast path for entity lines in the written layout (yamlText's fastFlowItem) and
 * the writer's piecewise lines: same values as the `yaml` library, same positions in errors,
 * and any line that is not exactly the written layout still read by the general reader.
 */
import * as assert from 'node:assert/strict';
import * as YAML from 'yaml';
import type { Annotations, Entity, Quote } from '../../../src/core/model';
import { parse, serialize } from '../../../src/core/store/sidecar';
import { storedContext } from '../../../src/core/store/context';
import { fastRead } from '../../../src/core/store/yamlText';
import { rng, pick, int } from './util';

const HEAD = 'version: 1\ntopics: []\nspeakers: []\nentities:\n';

/** Entities with the context read beside them, as the `yaml` library sees the line. */
const withContext = (list: Entity[]) => list.map((a) => {
  const c = storedContext.get(a);
  return c ? { ...a, context: c } : { ...a };
});

describe('store/fast entity lines', () => {
  it('reads variants of the written line exactly as the yaml library does', () => {
    const lines = [
      '{id: e1, type: person, start: 1, end: 3, text: ab, origin: auto, status: suggested}',
      '{id: e2, type: person, start: 1, end: 3, text: "a, b", role: speaker, speaker: w, origin: manual, status: rejected, previousStatus: confirmed}',
      '{id: e3, type: person, start: 0012, end: 13, text: "x\\ty", origin: auto, status: suggested, context: {before: "", after: ", said"}}',
      '{id: e4, type: person, start: 1 , end: 3, text: ab , origin: auto, status: suggested}',
      "{id: e5, type: 'org', start: 1, end: 3, text: ab, origin: auto, status: suggested}",
      '{type: person, id: e6, start: 1, end: 3, text: ab, origin: auto, status: suggested}',
      '{id: e7, type: person, start: 1, end: 3, text: ab, origin: auto, status: suggested, extra: [1, 2]}',
      '{id: e8, type: person, start: 1, end: 3, text: ab, note: kept, origin: auto, status: suggested}',
      '{id: 9, type: person, start: 1, end: 3, text: 12, origin: auto, status: suggested}',
      '{id: e10, type: person, start: 1, end: 3, text: é😀’, origin: auto, status: suggested}   ',
      '{id: e11, type: person, start: 123456789012345678, end: 123456789012345679, text: ab, origin: auto, status: suggested}',
      '{id:  e12, type: person, start: 1, end:  3, text: ab, origin: auto, status: suggested, context: {before:  a, after: b}}',
      '{id: e13, type: person, start: 1, end: 3, text: ab,  origin: auto, status: suggested}',
    ];
    const src = HEAD + lines.map((l) => '  - ' + l + '\n').join('') + 'quotes: []\n';
    // which lines took the fast path (no NodeInfo) and which the general reader
    const raw = fastRead(src);
    const items = (raw.value as { entities: object[] }).entities;
    assert.deepEqual(items.map((o) => !raw.info.has(o)), [true, true, true, true, false, false, false, false, true, true, true, false, false]);
    const p = parse(src);
    const lib = YAML.parse(src, { version: '1.2', schema: 'core' }) as { entities: Array<Record<string, unknown>> };
    const fromLib = lib.entities.map((o) => {
      const { extra: _x, note: _n, ...rest } = o as Record<string, unknown>;
      for (const k of ['id', 'text']) if (typeof rest[k] === 'number') rest[k] = String(rest[k]);
      return rest;
    });
    assert.deepEqual(withContext(p.annotations.entities), fromLib);
    // unknown keys survive a rewrite, in the line they were on
    const out = serialize(p.annotations, 'ab'.repeat(10), p);
    assert.match(out, /id: e7,.*extra: \[1, 2\]/);
    assert.match(out, /id: e8,.*note: kept/);
  });

  it('a comment on a written line keeps the line, read by the general reader', () => {
    const src = HEAD + '  - {id: e1, type: person, start: 1, end: 3, text: ab, origin: auto, status: suggested}   # checked\n  - {id: e2, type: person, start: 4, end: 5, text: c, origin: auto, status: suggested}\nquotes: []\n';
    const p = parse(src);
    assert.equal(p.ok, true);
    assert.deepEqual(p.annotations.entities.map((e) => e.id), ['e1', 'e2']);
    const out = serialize(p.annotations, 'x'.repeat(10), p);
    assert.match(out, /id: e1, .*\}   # checked\n/);
    assert.match(out, /\n {2}- \{id: e2, type: person, start: 4, end: 5, text: c, origin: auto, status: suggested/);
  });

  it('problems in fast-read lines name their own line and column', () => {
    const ok = '  - {id: e1, type: person, start: 1, end: 3, text: ab, origin: auto, status: suggested}\n';
    const dup = '  - {id: e1, type: person, start: 4, end: 5, text: c, origin: auto, status: suggested}\n';
    const badOrigin = '  - {id: e3, type: person, start: 6, end: 7, text: d, origin: robot, status: suggested}\n';
    const src = HEAD + ok + ok.replace('e1', 'e2') + dup + badOrigin + 'quotes: []\n';
    const p = parse(src);
    const warn = p.diagnostics.find((d) => /Duplicate entity id "e1"/.test(d.message));
    assert.ok(warn, JSON.stringify(p.diagnostics));
    assert.equal(warn.line, 7);
    assert.equal(warn.column, dup.indexOf('id: e1') + 1);
    const err = p.diagnostics.find((d) => /"origin" must be auto or manual/.test(d.message));
    assert.ok(err);
    assert.equal(err.line, 8);
    assert.equal(err.column, badOrigin.indexOf('robot') + 1);
  });

  it('round-trips random entities and quotes exactly (write, read, write)', () => {
    const r = rng(5);
    const bits = ['Wang', ' ', 'Yi', ',', ': ', ' #', '"', "'", '\\', '\n', 'é', '😀', 'yes', '1', '- ', '[', '{', '}', '’', '\t', 'null', 'e1', '0x1'];
    const rs = () => { let s = ''; const n = int(r, 5); for (let i = 0; i < n; i++) s += pick(r, bits); return s; };
    let text = '';
    for (let i = 0; i < 400; i++) text += pick(r, bits);
    for (let k = 0; k < 50; k++) {
      const ann: Annotations = { version: 1, source: { file: 'a.txt', sha256: '' }, topics: [], speakers: [{ id: 's', name: 'S', aliases: [], kind: 'person' }], entities: [], quotes: [] };
      for (let i = 0; i < 20; i++) {
        // never inside a surrogate pair (offsets are stored in code points)
        const low = (n: number) => (/[\udc00-\udfff]/.test(text.charAt(n)) ? n - 1 : n);
        const start = low(int(r, text.length - 10));
        const end = low(start + int(r, 8));
        const e: Entity = { id: pick(r, ['e', 'x', 'n', 'yes', 'e-']) + i, type: rs() || 'person', start, end, text: text.slice(start, end), origin: 'auto', status: pick(r, ['suggested', 'confirmed', 'orphaned'] as const) };
        if (r() < 0.3) e.role = rs();
        if (r() < 0.3) e.speaker = 's';
        if (e.status === 'orphaned') e.previousStatus = 'confirmed';
        ann.entities.push(e);
        ann.quotes.push({ id: 'q' + i, kind: 'direct', start, end, text: text.slice(start, end), source: { start, end, text: rs() }, rule: rs(), confidence: r(), origin: 'manual', status: 'confirmed' });
      }
      const out = serialize(ann, text);
      const p = parse(out, text);
      assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
      assert.equal(serialize(p.annotations, text, p), out);
      const lib = YAML.parse(out, { version: '1.2', schema: 'core' }) as { entities: unknown[] };
      const p0 = parse(out);
      assert.deepEqual(withContext(p0.annotations.entities), lib.entities);
    }
  });
});

describe('store/fast quote blocks', () => {
  const QHEAD = 'version: 1\ntopics: []\nspeakers: []\nentities: []\nquotes:\n';
  /** Quotes with the context read beside them, as the `yaml` library sees the block. */
  const quotesWithContext = (list: object[]) => list.map((a) => {
    const c = storedContext.get(a as never);
    return c ? { ...a, context: c } : { ...a };
  });
  const BLOCK = [
    '  - id: q1',
    '    kind: direct',
    '    start: 3',
    '    end: 12',
    '    text: "ab: c # d"',
    '    speaker: wang-yi',
    '    source: {start: 13, end: 15, text: "Mohib’s \\"office\\""}',
    '    cue: {start: 16, end: 20, text: said}',
    '    rule: after-quote',
    '    confidence: 0.97',
    '    topics: [politics, "a, b"]',
    '    origin: auto',
    '    status: suggested',
    '    context: {before: " x", after: "\\n\\ny"}',
  ];
  const variant = (f: (lines: string[]) => string[]) => f([...BLOCK]).join('\n') + '\n';

  it('reads variants of the written block exactly as the yaml library does', () => {
    const blocks: Array<[string, boolean]> = [
      [variant((l) => l), true],
      [variant((l) => l.filter((x) => !/speaker|source|cue|rule|confidence|topics|context/.test(x))), true],
      [variant((l) => [...l, '    previousStatus: confirmed'].map((x) => x.replace('status: suggested', 'status: orphaned')).sort((a, b) => (a.includes('previousStatus') ? 1 : 0) - (b.includes('previousStatus') ? 1 : 0))), false],
      [variant((l) => l.map((x) => x.replace('text: "ab: c # d"', 'text: é😀’ “x”, y'))), true],
      [variant((l) => l.map((x) => x.replace('text: "ab: c # d"', 'text: ""'))), true],
      [variant((l) => l.map((x) => x.replace('text: "ab: c # d"', 'text: "  leading \\t\\\\ \\u2028"'))), true],
      [variant((l) => l.map((x) => x.replace('start: 3', 'start: 0003'))), true],
      [variant((l) => l.map((x) => x.replace('rule: after-quote', 'rule: 12'))), true],
      [variant((l) => l.map((x) => x.replace('speaker: wang-yi', 'speaker: yes'))), true],
      // not the written layout: read by the general reader
      [variant((l) => l.map((x) => x.replace('text: "ab: c # d"', 'text: plain   # a comment'))), false],
      [variant((l) => l.map((x) => x.replace('kind: direct', "kind: 'direct'"))), false],
      [variant((l) => l.map((x) => x.replace('end: 12', 'end:  12'))), false],
      [variant((l) => [l[0], l[2], l[1], ...l.slice(3)]), false],
      [variant((l) => [...l.slice(0, 5), '    note: kept', ...l.slice(5)]), false],
      [variant((l) => [...l.slice(0, 5), '    # a comment inside', ...l.slice(5)]), false],
      [variant((l) => [...l.slice(0, 5), '', ...l.slice(5)]), false],
      [variant((l) => l.map((x) => x.replace('    cue: {start: 16, end: 20, text: said}', '    cue: {start: 16, end: 20, text: said, x: 1}'))), false],
      [variant((l) => l.map((x) => x.replace('text: "ab: c # d"', 'text: ab   '))), false],
    ];
    const src = QHEAD + blocks.map(([b], i) => b.replace('id: q1', 'id: q' + (i + 1))).join('');
    const raw = fastRead(src);
    const list = (raw.value as { quotes: object[] }).quotes;
    const seqInfo = raw.info.get(list)!;
    assert.deepEqual(list.map((o, i) => !raw.info.has(o) && seqInfo.blockItems?.[i] === true), blocks.map(([, fast]) => fast));
    // the raw values (before the model) are the yaml library's
    const lib = YAML.parse(src, { version: '1.2', schema: 'core' }) as { quotes: Array<Record<string, unknown>> };
    assert.deepEqual(list, lib.quotes);
    const p = parse(src);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
    const fromLib = lib.quotes.map((o) => {
      const { note: _n, ...rest } = o;
      if (typeof rest.rule === 'number') rest.rule = String(rest.rule);
      if (typeof rest.speaker === 'boolean') rest.speaker = String(rest.speaker);
      const cue = rest.cue as Record<string, unknown> | undefined;
      if (cue && 'x' in cue) delete rest.cue; // an unknown key in a sub-span: kept out of the model
      return rest;
    });
    const model = quotesWithContext(p.annotations.quotes).map((q) => { const c = { ...q } as Record<string, unknown>; if (c.id === 'q17') delete c.cue; return c; });
    assert.deepEqual(model, fromLib);
    // the fast-read blocks are written back as block mappings; comments and unknown keys survive
    const out = serialize(p.annotations, 'ab'.repeat(40), p);
    assert.match(out, /\n {2}- id: q1\n {4}kind: direct\n {4}start: 3\n/);
    assert.match(out, /text: plain {3}# a comment\n/);
    assert.match(out, /\n {4}note: kept\n/);
    assert.match(out, /\n {4}# a comment inside\n/);
  });

  it('problems in fast-read blocks name their own line and column', () => {
    const good = variant((l) => l);
    const bad = variant((l) => l.map((x) => x.replace('status: suggested', 'status: maybe')).map((x) => x.replace('id: q1', 'id: q2')));
    const src = QHEAD + good + bad;
    const raw = fastRead(src);
    assert.deepEqual(raw.info.get((raw.value as { quotes: object[] }).quotes)!.blockItems, [true, true]);
    const p = parse(src);
    const err = p.diagnostics.find((d) => /"status" must be/.test(d.message));
    assert.ok(err, JSON.stringify(p.diagnostics));
    const lines = src.split('\n');
    assert.equal(err.line, lines.indexOf('    status: maybe') + 1);
    assert.equal(err.column, '    status: '.length + 1);
  });

  it('reads random quotes with awkward strings as the yaml library does, all by the fast path', () => {
    const r = rng(17);
    const bits = ['Wang', ' ', 'Yi', ',', ': ', ':', ' #', '#', '"', "'", '\\', '\n', '\t', 'é', '😀', '’', 'yes', 'null', '1', '0x1', '- ', '[', ']', '{', '}', '&a', '*', '!', '|', '>', '%', '@', '`', '~', '1e3', '\u2028', '\ufeff', '  '];
    const rs = () => { let s = ''; const n = int(r, 6); for (let i = 0; i < n; i++) s += pick(r, bits); return s; };
    let text = '';
    for (let i = 0; i < 300; i++) text += pick(r, bits);
    const low = (n: number) => (/[\udc00-\udfff]/.test(text.charAt(n)) ? n - 1 : n);
    for (let k = 0; k < 40; k++) {
      const ann: Annotations = { version: 1, source: { file: 'a.txt', sha256: '' }, topics: [], speakers: [{ id: 's', name: 'S', aliases: [], kind: 'person' }], entities: [], quotes: [] };
      for (let i = 0; i < 25; i++) {
        const start = low(int(r, text.length - 20));
        const end = low(start + int(r, 15));
        const q: Quote = { id: pick(r, ['q', 'n', 'yes', 'q-', '']) + i, kind: pick(r, ['direct', 'indirect'] as const), start, end, text: r() < 0.5 ? text.slice(start, end) : rs(), origin: 'auto', status: pick(r, ['suggested', 'confirmed', 'orphaned'] as const) };
        if (r() < 0.5) {
          q.speaker = r() < 0.5 ? 's' : rs() || 's';
          if (!ann.speakers.some((x) => x.id === q.speaker)) ann.speakers.push({ id: q.speaker, name: q.speaker, aliases: [], kind: 'person' });
        }
        if (r() < 0.5) q.source = { start, end, text: rs() };
        if (r() < 0.5) q.cue = { start: end, end, text: rs() };
        if (r() < 0.5) q.rule = rs();
        if (r() < 0.5) q.confidence = r();
        if (r() < 0.3) q.topics = [rs(), rs()];
        if (q.status === 'orphaned') q.previousStatus = 'confirmed';
        ann.quotes.push(q);
      }
      const out = serialize(ann, text);
      const raw = fastRead(out);
      const list = (raw.value as { quotes: object[] }).quotes;
      const fast = raw.info.get(list)!.blockItems ?? [];
      assert.equal(list.filter((_, i) => fast[i]).length, list.length, 'every written block takes the fast path');
      const lib = YAML.parse(out, { version: '1.2', schema: 'core' }) as { quotes: unknown[] };
      assert.deepEqual(list, lib.quotes);
      const p = parse(out, text);
      assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
      assert.equal(serialize(p.annotations, text, p), out);
    }
  });
});
