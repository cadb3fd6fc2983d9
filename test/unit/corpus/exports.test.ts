import * as assert from 'node:assert/strict';
import {
  CorpusIndex, fromBrat, mergeImported, quoteRows, reportData, reportHtml, reportMarkdown, toBrat, toCsv, toJsonl, toW3c, w3cAnnotations, BratMismatchError,
} from '../../../src/core/corpus';
import type { Annotations } from '../../../src/core/model';
import { parse, serialize } from '../../../src/core/store';
import { corpus, doc, yamlOf } from './fixtures';

function index(): CorpusIndex {
  const i = new CorpusIndex();
  for (const d of corpus()) i.update('/w/' + d.name.replace('.txt', '.annotations.yaml'), yamlOf(d));
  return i;
}

/** Minimal RFC 4180 reader for checking the CSV. */
function readCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], f = '', q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"' && s[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\r' && s[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
    else f += c;
  }
  return rows;
}

/** What a round trip must keep: everything of entities, quotes and speakers. */
function comparable(a: Annotations) {
  const norm = (x: object) => JSON.parse(JSON.stringify(x));
  return {
    entities: norm([...a.entities].sort((x, y) => x.start - y.start)),
    quotes: norm([...a.quotes].sort((x, y) => x.start - y.start)),
    speakers: norm([...a.speakers].sort((x, y) => (x.id < y.id ? -1 : 1))),
  };
}

describe('corpus exports', () => {
  it('CSV: one row per quote with article, date, outlet, speaker, attribute columns, topics and text', () => {
    const rows = [...quoteRows(index(), (p) => p.slice(3))];
    const csv = toCsv(rows);
    const t = readCsv(csv);
    assert.deepEqual(t[0], ['article', 'title', 'date', 'outlet', 'quote_id', 'kind', 'status', 'speaker_id', 'speaker', 'speaker.gender', 'speaker.role', 'topics', 'start', 'end', 'offsets', 'text']);
    assert.equal(t.length, 1 + 5);
    const first = Object.fromEntries(t[0]!.map((h, i) => [h, t[1]![i]]));
    assert.equal(first.article, 'a.txt');
    assert.equal(first.date, '2024-01-10');
    assert.equal(first.outlet, 'Daily Post');
    assert.equal(first.speaker, 'Ana Ruiz');
    assert.equal(first['speaker.gender'], 'female');
    assert.equal(first.text, '“We will build the bridge,”', 'a comma inside the text survives quoting');
    const tax = t.find((r) => r[4] === 'q2' && r[0] === 'a.txt')!;
    assert.equal(tax[11], 'transport; tax');
    assert.ok(csv.endsWith('\r\n'));
  });

  it('JSONL: one JSON object per quote, speaker null when unknown, offsets in code points', () => {
    const lines = toJsonl(quoteRows(index())).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    const who = lines.find((l) => l.text === '“Who?”');
    assert.equal(who.speaker, null);
    const plan = lines.find((l) => l.text === 'the plan 😀 works');
    assert.deepEqual(plan.speaker, { id: 'ana-ruiz', name: 'Ana Ruiz', attributes: {} });
    const b = corpus()[1]!;
    assert.equal(lines.find((l) => l.text === 'it fails').start, b.text.indexOf('it fails') - 1);
    assert.equal(plan.offsets, 'codepoints');
  });

  it('W3C: JSON-LD annotations with TextQuoteSelector and a code-point TextPositionSelector', () => {
    const b = corpus()[1]!;
    const { items, skipped } = w3cAnnotations({ source: 'b.txt', text: b.text, annotations: b.ann });
    assert.equal(skipped, 1, 'the rejected quote is left out');
    const doc0 = JSON.parse(toW3c(items));
    assert.equal(doc0['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(doc0.type, 'AnnotationCollection');
    assert.equal(doc0.total, 3);
    const fails = doc0.first.items.find((x: { target: { selector: Array<{ exact?: string }> } }) => x.target.selector[0]!.exact === 'it fails');
    const [tq, tp] = fails.target.selector;
    assert.equal(tq.type, 'TextQuoteSelector');
    assert.ok(b.text.includes(tq.prefix + tq.exact + tq.suffix));
    assert.equal(tp.type, 'TextPositionSelector');
    const cps = Array.from(b.text);
    assert.equal(cps.slice(tp.start, tp.end).join(''), 'it fails', 'positions count code points');
    assert.ok(fails.body.some((x: { purpose: string; value: string }) => x.purpose === 'identifying' && x.value === 'Tom Berg'));
    assert.ok(fails.body.some((x: { purpose: string; value: string }) => x.purpose === 'tagging' && x.value === 'budget'));
    assert.equal(fails.target.source, 'b.txt');
  });

  it('brat: code-point offsets, Source/Cue/Content with relations, and the span text of each line', () => {
    const b = corpus()[1]!;
    const { ann } = toBrat(b.ann, b.text);
    const cps = Array.from(b.text);
    for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, typeSpan, txt] = line.split('\t');
      const [, s, e] = typeSpan!.split(' ');
      assert.equal(cps.slice(Number(s), Number(e)).join(''), txt, line);
    }
    const a = corpus()[0]!;
    const ea = toBrat(a.ann, a.text).ann;
    assert.match(ea, /^T\d+\tContent \d+ \d+\t“We will build the bridge,”$/m);
    assert.match(ea, /^T\d+\tSource \d+ \d+\tMayor Ana Ruiz$/m);
    assert.match(ea, /^R\d+\tSource Arg1:T\d+ Arg2:T\d+$/m);
    assert.match(ea, /^A\d+\tSpeaker T\d+ ana-ruiz$/m);
  });

  it('brat round trip: export then import gives back the same annotations (astral characters, line breaks, statuses)', () => {
    const text = 'Line one 😀 “Quote across\nthe line,” said Ana Ruiz.\n\nZoë said the 🌍 warms.';
    const d = doc('x.txt', text, {
      speakers: [{ id: 'ana-ruiz', name: 'Ana Ruiz', aliases: ['Ruiz'], kind: 'person', role: 'Mayor', attributes: { gender: 'female' } }, { id: 'zoe', name: 'Zoë', aliases: [], kind: 'person' }],
      entities: [{ text: 'Ana Ruiz', type: 'person', speaker: 'ana-ruiz', status: 'confirmed' }, { text: 'Zoë', type: 'person', speaker: 'zoe' }, { text: 'the 🌍', type: 'weapon with space' }],
      quotes: [
        { text: '“Quote across\nthe line,”', speaker: 'ana-ruiz', source: 'Ana Ruiz', cue: 'said', topics: ['climate', 'two words'] },
        { text: 'the 🌍 warms', speaker: 'zoe', kind: 'indirect', status: 'suggested' },
        { text: 'Line one', status: 'rejected' },
      ],
    });
    d.ann.quotes[1]!.rule = 'said-that';
    d.ann.quotes[1]!.confidence = 0.75;
    const { ann, skipped } = toBrat(d.ann, text);
    assert.equal(skipped, 0);
    assert.match(ann, /\tContent \d+ \d+;\d+ \d+\t“Quote across the line,”/, 'a span over a line break is two fragments');
    const back = fromBrat(ann, text);
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(comparable(back.annotations), comparable(d.ann));
    // and through the sidecar file, as the CLI does
    const y = serialize(back.annotations, text);
    assert.deepEqual(comparable(parse(y, text).annotations), comparable(d.ann));
  });

  it('brat import of a PolNeAR-style attribution (source / cue / content, no notes) makes a quote with a speaker', () => {
    const text = 'The senator said “we will win the vote,” and he later added that nothing was certain.';
    const cp = (s: string) => { const i = text.indexOf(s); return `${i} ${i + s.length}\t${s}`; };
    const ann = [
      `T1\tSource ${cp('The senator')}`, `T2\tCue ${cp('said')}`, `T3\tContent ${cp('“we will win the vote,”')}`,
      `T4\tSource ${cp('he')}`, `T5\tCue ${cp('later added')}`, `T6\tContent ${cp('nothing was certain')}`,
      'R1\tSOURCE Arg1:T2 Arg2:T1', 'R2\tCONTENT Arg1:T2 Arg2:T3',
      'E1\tCue:T5 Source:T4 Content:T6',
      'T7\tPER 4 11\tsenator', '#1\tAnnotatorNotes T7\tchecked by hand',
    ].join('\n');
    const r = fromBrat(ann, text).annotations;
    assert.equal(r.quotes.length, 2);
    const [q1, q2] = r.quotes;
    assert.equal(q1!.kind, 'direct');
    assert.equal(q1!.source?.text, 'The senator');
    assert.equal(q1!.cue?.text, 'said');
    assert.equal(q1!.speaker, 'the-senator');
    assert.equal(q2!.kind, 'indirect');
    assert.equal(q2!.speaker, undefined, 'a pronoun source gives no speaker');
    assert.equal(q2!.source?.text, 'he');
    assert.equal(q1!.origin, 'manual');
    assert.equal(q1!.status, 'confirmed');
    assert.deepEqual(r.entities.map((e) => [e.type, e.text]), [['person', 'senator']]);
    assert.deepEqual(r.speakers.map((s) => s.name), ['The senator']);
  });

  it('brat import refuses an .ann that does not fit the text, and skips lines it does not understand', () => {
    assert.throws(() => fromBrat('T1\tPerson 0 5\tHello\n', 'Goodbye world'), (e: unknown) => e instanceof BratMismatchError && /does not fit the text/.test((e as Error).message));
    assert.throws(() => fromBrat('T1\tPerson 0 99\tHello\n', 'Hello'), BratMismatchError);
    const r = fromBrat('T1\tPerson 0 5\tHello\nX1\tnonsense\nR1\tRel Arg1:T1\n', 'Hello world');
    assert.equal(r.annotations.entities.length, 1);
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0]!, /^Line 2:/);
  });

  it('merging an import keeps what the sidecar had and does not repeat what is already there', () => {
    const a = corpus()[0]!;
    const imported = fromBrat(toBrat(a.ann, a.text).ann, a.text).annotations;
    const existing: Annotations = JSON.parse(JSON.stringify(a.ann));
    existing.quotes.push({ id: 'q9', kind: 'indirect', start: 71, end: 87, text: a.text.slice(71, 87), origin: 'manual', status: 'confirmed' });
    const m = mergeImported(existing, imported);
    assert.equal(m.added, 0);
    assert.equal(m.annotations.quotes.length, 3, 'the manual quote stays');
    const other = { ...imported, quotes: imported.quotes.map((q) => ({ ...q, start: q.start + 1 })) };
    const m2 = mergeImported(existing, other);
    assert.equal(m2.added, 2);
    assert.ok(m2.annotations.quotes.some((q) => q.id === 'q1-2'), 'a taken id is renamed');
  });
});

describe('corpus report', () => {
  it('Markdown: summary, quotes per speaker and topic, attribute shares per outlet and month, unattributed quotes', () => {
    const md = reportMarkdown(reportData(index(), (p) => p.slice(3), 20, new Date('2026-01-02T03:04:00Z')));
    assert.match(md, /^# Corpus report/);
    assert.match(md, /3 articles, 5 quotes, 2 speakers; 1 quotes without a speaker \(20\.0 %\)/);
    assert.match(md, /\| Ana Ruiz \| 3 \| 2 \| gender: female, role: politician \|/);
    assert.match(md, /## Speaker attribute: gender/);
    assert.match(md, /\| Evening Star \| male 50\.0 %, unknown 50\.0 % \|/);
    assert.match(md, /\| 2024-01 \| female 100\.0 % \|/);
    assert.match(md, /- b\.txt: “Who\?”/);
  });

  it('HTML: self-contained, strict CSP with the nonce, no script or remote URL, theme variables, escaped text', () => {
    const i = index();
    const evil = doc('e.txt', 'He said “<script>alert(1)</script>” loudly.', { outlet: '<b>Bad</b>', quotes: [{ text: '“<script>alert(1)</script>”' }] });
    i.update('/w/e.annotations.yaml', yamlOf(evil));
    const html = reportHtml(reportData(i), { nonce: 'abc123' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'nonce-abc123'/);
    assert.match(csp, /script-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /var\(--vscode-foreground/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /&lt;b&gt;Bad&lt;\/b&gt;/);
    assert.ok((html.match(/<svg /g) ?? []).length >= 4, 'bar charts for speakers, topics, attribute shares and months');
  });

  it('labels go through the translation function', () => {
    const md = reportMarkdown(reportData(index()), (m, ...a) => '«' + m.replace(/\{(\d+)\}/g, (_, n: string) => String(a[Number(n)])) + '»');
    assert.match(md, /^# «Corpus report»/);
  });

  it('a sidecar parse failure is listed in the report', () => {
    const i = index();
    i.update('/w/bad.annotations.yaml', 'version: 1\nquotes: {');
    assert.match(reportMarkdown(reportData(i)), /## Sidecars that could not be read\n\n- bad\.annotations\.yaml line/);
  });
});
