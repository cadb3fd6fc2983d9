import * as assert from 'node:assert/strict';
import * as YAML from 'yaml';
import type { Annotations } from '../../../src/core/model';
import { parse, serialize, sidecarPathFor, SLOW_PATH_MAX_CHARS } from '../../../src/core/store/sidecar';
import { articleSha256 } from '../../../src/core/store/hash';
import { storedContext } from '../../../src/core/store/context';
import { cpuNow } from '../../../src/core/store/yamlText';
import { rng, pick, int } from './util';

const ARTICLE = 'x'.repeat(240) + 'Hi, Wang Yi said. ' + 'y'.repeat(2000);

const EXAMPLE = `version: 1
source: {file: story.txt, sha256: 9f2c}
article: {date: 2021-05-18, title: Talks, outlet: AT News}   # when the header has them
topics: []
speakers:
  - {id: mohibs-office, name: Mohib’s office, aliases: [], kind: organization}
  - {id: wang-yi, name: Wang Yi, aliases: [Wang, Mr. Wang], kind: person}
entities:
  - {id: e1, type: person, start: 245, end: 252, text: Wang Yi, origin: auto, status: suggested}
quotes:
  - id: q1
    kind: direct            # direct | indirect (reported speech)
    start: 751              # Unicode code points
    end: 971
    text: "…"
    speaker: mohibs-office  # a speaker id; absent when unknown
    source: {start: 972, end: 986, text: Mohib’s office}
    cue: {start: 987, end: 991, text: said}
    rule: after-quote
    confidence: 0.97
    origin: auto            # auto | manual
    status: suggested       # suggested | confirmed | rejected | orphaned
`;

/** Runs `f` and checks it used less than `ms` of CPU time (the parser's own measure; wall time on a busy machine says little). */
function timed<T>(f: () => T, ms = 1000): T {
  const t = cpuNow();
  const r = f();
  assert.ok(cpuNow() - t < ms, `took ${(cpuNow() - t).toFixed(0)} ms of CPU time`);
  return r;
}

describe('store/sidecar', () => {
  it('sidecarPathFor', () => {
    assert.equal(sidecarPathFor('story.txt'), 'story.annotations.yaml');
    assert.equal(sidecarPathFor('/a/b/a.b.md'), '/a/b/a.b.annotations.yaml');
    assert.equal(sidecarPathFor('/c:/x.y/story'), '/c:/x.y/story.annotations.yaml');
    assert.equal(sidecarPathFor('dir/.hidden'), 'dir/.hidden.annotations.yaml');
  });

  it('reads the full schema v1 example and writes it back unchanged except the sha256', () => {
    const p = parse(EXAMPLE);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
    assert.equal(p.diagnostics.length, 0);
    assert.deepEqual(p.annotations, YAML.parse(EXAMPLE));
    const text = 'z'.repeat(1000);
    const out = serialize(p.annotations, text, p);
    // the store adds the text around each annotation (schema v1 addition, see context.ts)
    const z = 'z'.repeat(24);
    const context = `context: {before: ${z}, after: ${z}}`;
    const expected = EXAMPLE.replace('9f2c', articleSha256(text)).replace('text: "…"', 'text: …')
      .replace('status: suggested}', `status: suggested, ${context}}`)
      .replace(/(status: suggested +# suggested.*\n)/, `$1    ${context}\n`);
    assert.equal(out, expected);
    const withContext = (a: object) => ({ ...a, context: { before: z, after: z } });
    const y = YAML.parse(EXAMPLE);
    assert.deepEqual(YAML.parse(out), { ...y, source: { file: 'story.txt', sha256: articleSha256(text) }, entities: y.entities.map(withContext), quotes: y.quotes.map(withContext) });
  });

  it('writes the context of each placed annotation and reads it back beside the annotation', () => {
    const text = 'Intro 😀' + 'g'.repeat(23) + 'Wang Yi would come; Wang Yi.';
    const ann: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [
      { id: 'e1', type: 'person', start: 31, end: 38, text: 'Wang Yi', origin: 'manual', status: 'confirmed' },
      { id: 'e2', type: 'person', start: 0, end: 0, text: 'Mohib', origin: 'manual', status: 'orphaned', previousStatus: 'confirmed' },
    ] };
    assert.equal(text.slice(31, 38), 'Wang Yi');
    const out = serialize(ann, text);
    const p = parse(out, text);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
    const c = storedContext.get(p.annotations.entities.find((e) => e.id === 'e1')!);
    // 24 units before would split the surrogate pair of 😀: the context starts after it
    assert.deepEqual(c, { before: 'g'.repeat(23), after: ' would come; Wang Yi.' });
    assert.equal(storedContext.get(p.annotations.entities.find((e) => e.id === 'e2')!), undefined, 'no context for an orphan');
    assert.deepEqual(Object.keys(p.annotations.entities[0]).includes('context'), false, 'not a model field');
    // the contexts of a load stay with its annotations through later loads, are the ones read
    // (not another load's), and can be replaced and removed one by one
    const p2 = parse(out.replace(/before: g+/, 'before: other'), text);
    const e1 = p.annotations.entities.find((e) => e.id === 'e1')!;
    const e1b = p2.annotations.entities.find((e) => e.id === 'e1')!;
    assert.deepEqual(storedContext.get(e1), c);
    assert.equal(storedContext.get(e1b)?.before, 'other');
    assert.equal(storedContext.has(p2.annotations.entities.find((e) => e.id === 'e2')!), false);
    const p3 = parse(out, text);
    const e1c = p3.annotations.entities.find((e) => e.id === 'e1')!;
    storedContext.set(e1c, { before: 'set', after: '' });
    assert.equal(storedContext.get(e1c)?.before, 'set', 'a context set after the load wins');
    assert.equal(storedContext.delete(e1b), true);
    assert.equal(storedContext.has(e1b), false);
    assert.equal(Object.keys(p3.annotations).includes('context'), false);
    const bad = parse(out.replace(/context: \{before: [^}]*\}/, 'context: 5'), text);
    assert.equal(bad.ok, true);
    assert.match(bad.diagnostics.map((d) => d.message).join(' '), /"context" must be a mapping/);
  });

  it('keeps comments, blank lines and unknown keys (top level and in items, matched by id)', () => {
    const src = `# Notes by Anna
version: 1
reviewer: anna   # unknown top-level key
source: {file: story.txt, sha256: abc, fetched: 2021-05-19}
topics: [politics]
speakers: []

entities:
  # checked
  - {id: e2, type: place, start: 10, end: 15, text: Kabul, origin: manual, status: confirmed, note: capital} # ok
  - {id: e1, type: person, start: 1, end: 5, text: Wang, origin: auto, status: suggested}
quotes:
  - id: q1 # the first
    kind: indirect
    # reviewed twice
    start: 20
    end: 30
    text: ready to help
    origin: manual
    status: confirmed
    checked: [yes, 2]
# end of file
`;
    const p = parse(src);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
    // change one thing: remove e1, confirm e2 stays with its comments
    p.annotations.entities = p.annotations.entities.filter((e) => e.id !== 'e1');
    p.annotations.quotes[0].status = 'rejected';
    const out = serialize(p.annotations, 'x'.repeat(100), p);
    for (const s of ['# Notes by Anna', 'reviewer: anna   # unknown top-level key', 'fetched: 2021-05-19', '  # checked',
      'note: capital} # ok', '  - id: q1 # the first', '    # reviewed twice', '    checked: ["yes", 2]', '# end of file', '\n\nentities:']) {
      assert.ok(out.includes(s), `missing ${JSON.stringify(s)} in\n${out}`);
    }
    assert.ok(!out.includes('id: e1'));
    assert.ok(out.includes('status: rejected'));
    // the rewrite reads back the same and is stable
    const p2 = parse(out);
    assert.equal(p2.ok, true);
    assert.equal(serialize(p2.annotations, 'x'.repeat(100), p2), out);
  });

  it('keeps comments through the general YAML path too (block scalars, other layouts)', () => {
    const src = `version: 1
notes: |
  a block scalar
  over two lines
entities:
  # first
  - id: e1
    type: person
    start: 0
    end: 4
    text: Wang
    origin: manual # typed by hand
    status: confirmed
quotes: []
`;
    const p = parse(src);
    assert.equal(p.ok, true, JSON.stringify(p.diagnostics));
    const out = serialize(p.annotations, 'Wang Yi', p);
    assert.ok(out.includes('  # first'), out);
    assert.ok(out.includes('origin: manual # typed by hand'), out);
    assert.equal(YAML.parse(out).notes, 'a block scalar\nover two lines\n');
  });

  it('sorts lists by position (speakers by id) and writes one annotation per line/block', () => {
    const ann: Annotations = {
      version: 1, topics: [], speakers: [{ id: 'b', name: 'B', aliases: [], kind: 'person' }, { id: 'a', name: 'A', aliases: [], kind: 'group' }],
      entities: [
        { id: 'e2', type: 'place', start: 5, end: 7, text: 'cd', origin: 'auto', status: 'suggested' },
        { id: 'e1', type: 'person', start: 0, end: 2, text: 'ab', origin: 'auto', status: 'suggested' },
      ],
      quotes: [],
    };
    const out = serialize(ann, 'ab   cd');
    const lines = out.split('\n');
    assert.ok(lines.indexOf('  - {id: a, name: A, aliases: [], kind: group}') < lines.indexOf('  - {id: b, name: B, aliases: [], kind: person}'));
    assert.ok(out.indexOf('id: e1') < out.indexOf('id: e2'));
  });

  it('stores code points and reads back UTF-16 offsets with astral characters', () => {
    const text = '😀😀 Wang Yi 𝄞 said';
    const ann: Annotations = { version: 1, topics: [], speakers: [], quotes: [], entities: [{ id: 'e1', type: 'person', start: text.indexOf('Wang'), end: text.indexOf('Wang') + 7, text: 'Wang Yi', origin: 'auto', status: 'suggested' }] };
    const out = serialize(ann, text);
    assert.ok(out.includes('start: 3, end: 10'), out);
    const p = parse(out, text);
    assert.equal(p.offsets, 'utf16');
    assert.equal(p.stale, false);
    assert.equal(p.annotations.entities[0].start, text.indexOf('Wang'));
    assert.equal(text.slice(p.annotations.entities[0].start, p.annotations.entities[0].end), 'Wang Yi');
  });

  it('quotes strings that would read back as something else', () => {
    const tricky = ['yes', 'no', 'null', '~', '1.5', '0x1f', '- a', 'a: b', 'a #b', '#x', '[x]', '{x}', 'a, b', ' lead', 'trail ', 'line\nbreak', 'tab\tx', '"q"', "it's", 'back\\slash', '\u2028', '\ufeff', '@x', '`x', '%x', '&x', '*x', '!x', '|x', '>x', "'x", 'é😀', '', '2021-05-18T10:00:00Z', 'True', 'ON', '.inf', '-.5', '+1', '1_000', '12:30'];
    const ann: Annotations = { version: 1, topics: tricky, speakers: [], entities: tricky.map((t, i) => ({ id: t || 'empty', type: t, start: i, end: i, text: t, origin: 'manual', status: 'confirmed' })), quotes: [] };
    const out = serialize(ann, 'x'.repeat(100));
    const viaLib = YAML.parse(out);
    assert.deepEqual(viaLib.topics, tricky);
    assert.deepEqual(viaLib.entities.map((e: { text: string }) => e.text), tricky);
    const p = parse(out);
    assert.deepEqual(p.annotations.topics, tricky);
    assert.deepEqual(p.annotations.entities.map((e) => e.text), tricky);
  });

  it('the fast reader agrees with the yaml library on random sidecars', function () {
    this.timeout(30000);
    const r = rng(11);
    const bits = ['Wang', ' ', 'Yi', ',', ':', '#', '"', "'", '\\', '\n', 'é', '😀', 'yes', '1', '-', '[', '{', '’', '\t', 'null'];
    for (let k = 0; k < 300; k++) {
      const rs = () => { let s = ''; const n = int(r, 6); for (let i = 0; i < n; i++) s += pick(r, bits); return s; };
      const ann: Annotations = { version: 1, source: { file: rs(), sha256: 'x' }, article: { title: rs() }, topics: [rs()], speakers: [{ id: 's' + k, name: rs(), aliases: [rs(), rs()], kind: 'person', role: rs() }], entities: [], quotes: [] };
      for (let i = 0; i < 5; i++) ann.entities.push({ id: 'e' + i, type: rs() || 'person', start: i, end: i + 1, text: rs(), origin: 'auto', status: 'suggested', speaker: 's' + k });
      ann.quotes.push({ id: 'q1', kind: 'direct', start: 1, end: 3, text: rs(), source: { start: 0, end: 1, text: rs() }, cue: { start: 4, end: 5, text: rs() }, rule: rs(), confidence: r(), origin: 'manual', status: 'confirmed', topics: [rs()] });
      const out = serialize(ann, 'x'.repeat(50));
      const p = parse(out);
      assert.equal(p.ok, true, JSON.stringify(p.diagnostics) + out);
      const lib = YAML.parse(out);
      const fast = (list: Array<object>) => list.map((a) => ({ ...a, context: storedContext.get(a as never) }));
      assert.deepEqual(fast(p.annotations.entities), lib.entities);
      assert.deepEqual(fast(p.annotations.quotes), lib.quotes);
      assert.deepEqual(p.annotations.speakers, lib.speakers);
    }
  });

  it('opens a newer version read-only with a message', () => {
    const p = parse('version: 2\ntopics: []\nentities: []\nquotes: []\nspeakers: []\nfuture: {x: 1}\n');
    assert.equal(p.readOnly, true);
    assert.match(p.readOnlyMessage!, /version 2.*read-only/);
  });

  it('names the line and column of errors', () => {
    const src = 'version: 1\nentities:\n  - {id: e1, type: person, start: 5, end: 2, text: ab, origin: auto, status: suggested}\n  - {id: e2, type: person, start: 1, end: 2, text: a, origin: auto, status: maybe}\n';
    const p = parse(src);
    assert.equal(p.ok, false);
    const [a, b] = p.diagnostics;
    assert.equal(a.severity, 'error');
    assert.equal(a.line, 3);
    assert.match(a.message, /start.*end/);
    assert.equal(b.line, 4);
    assert.equal(b.column, src.split('\n')[3].indexOf('maybe') + 1);
    const syntax = parse('version: 1\nentities: [\n  {id: e1\n');
    assert.equal(syntax.ok, false);
    assert.ok(syntax.diagnostics[0].line >= 2);
  });

  describe('hostile input (each finishes fast, never throws)', () => {
    it('alias bomb', () => {
      let s = 'version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n';
      for (let i = 1; i < 20; i++) s += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
      const p = timed(() => parse(s));
      assert.equal(p.ok, false);
      assert.match(p.diagnostics.map((d) => d.message).join(' '), /[Aa]lias/);
    });
    it('deep nesting (flow and block)', () => {
      const p1 = timed(() => parse('version: 1\nx: ' + '['.repeat(100000) + ']'.repeat(100000) + '\n'));
      assert.equal(p1.ok, false);
      let s = 'version: 1\nx:\n';
      for (let i = 1; i < 2000; i++) s += ' '.repeat(i) + 'k:\n';
      const p2 = timed(() => parse(s));
      assert.equal(p2.ok, false);
    });
    it('a 100 MB sidecar is refused at once', () => {
      const big = 'version: 1\n#' + 'x'.repeat(100 * 1024 * 1024);
      const p = timed(() => parse(big), 200);
      assert.equal(p.ok, false);
      assert.match(p.diagnostics[0].message, /MB/);
    });
    it('a large file outside the written layout is refused with its line', () => {
      const s = 'version: 1\nnotes: |\n' + '  line\n'.repeat(SLOW_PATH_MAX_CHARS / 7 + 10);
      const p = timed(() => parse(s));
      assert.equal(p.ok, false);
      assert.equal(p.diagnostics[0].line, 2);
    });
    it('the general parser gives up within the limit on a large file outside the written layout', () => {
      // tags and block scalars send it to the `yaml` library, which reads ~1 MB/s
      let s = 'version: 1\nentities:\n';
      for (let i = 0; s.length < SLOW_PATH_MAX_CHARS - 200; i++) s += `  - id: !!str e${i}\n    type: person\n    start: ${i}\n    end: ${i + 1}\n    text: |\n      x\n    origin: auto\n    status: suggested\n`;
      const p = timed(() => parse(s));
      // read in time, or refused with a clear message: either way within the limit
      if (!p.ok) assert.match(p.diagnostics[0].message, /too long/);
      else assert.ok(p.annotations.entities.length > 3000);
      const p2 = timed(() => parse(s, undefined, { timeLimitMs: 50 }));
      assert.equal(p2.ok, false);
      assert.match(p2.diagnostics[0].message, /too long/);
    });
    it('wrong types', () => {
      for (const s of ['[1, 2]', 'just text', 'version: one', 'version: 1\nentities: {a: 1}', 'version: 1\nentities: [1, "x"]', 'version: 1\nquotes: [{id: q1, kind: direct, start: "a", end: 2, text: x, origin: auto, status: suggested}]', 'version: 1\nspeakers: [{id: [x]}]', '', '\x00\x01', 'version: 1\nsource: 5\n']) {
        const p = timed(() => parse(s));
        assert.equal(p.ok, false, s);
        for (const d of p.diagnostics) assert.ok(d.line >= 1 && d.column >= 1);
      }
    });
    it('offsets past the end -> orphaned with a warning', () => {
      const text = 'short text';
      const src = serialize({ version: 1, topics: [], speakers: [], quotes: [], entities: [{ id: 'e1', type: 'person', start: 50, end: 55, text: 'Wang', origin: 'manual', status: 'confirmed' }] }, text);
      const p = timed(() => parse(src, text));
      assert.equal(p.ok, true);
      assert.equal(p.annotations.entities[0].status, 'orphaned');
      assert.equal(p.annotations.entities[0].previousStatus, 'confirmed');
      assert.equal(p.diagnostics[0].severity, 'warning');
      assert.equal(p.diagnostics[0].line, 6);
    });
    it('duplicate ids -> renamed with a warning; unknown speaker -> added with a warning', () => {
      const src = 'version: 1\nentities:\n  - {id: e1, type: person, start: 0, end: 1, text: a, origin: auto, status: suggested, speaker: ghost}\n  - {id: e1, type: person, start: 1, end: 2, text: b, origin: auto, status: suggested}\n';
      const p = timed(() => parse(src));
      assert.equal(p.ok, true);
      assert.deepEqual(p.annotations.entities.map((e) => e.id), ['e1', 'e1-2']);
      assert.deepEqual(p.annotations.speakers.map((s) => s.id), ['ghost']);
      assert.equal(p.diagnostics.length, 2);
      assert.ok(p.diagnostics.every((d) => d.severity === 'warning'));
      assert.deepEqual(p.diagnostics.map((d) => d.line).sort(), [3, 4]);
    });
    it('duplicate keys, tabs, several documents, __proto__', () => {
      for (const s of ['version: 1\nversion: 1\n', 'version: 1\n---\nversion: 1\n', 'version: 1\nentities:\n\t- x\n']) {
        const p = timed(() => parse(s));
        assert.equal(p.ok, false, s);
      }
      const p = parse('version: 1\n__proto__: {polluted: true}\n');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(p.ok, true);
    });
  });

  it('flags a stale sidecar when the article changed', () => {
    const out = serialize({ version: 1, topics: [], speakers: [], entities: [], quotes: [] }, ARTICLE);
    assert.equal(parse(out, ARTICLE).stale, false);
    assert.equal(parse(out, ARTICLE + '!').stale, true);
  });
});
