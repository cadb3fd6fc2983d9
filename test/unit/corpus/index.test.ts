import * as assert from 'node:assert/strict';
import { CorpusIndex, corpusStats, monthOf, readCorpusArticle, articlePathFor } from '../../../src/core/corpus';
import { emptyWorkspaceConfig } from '../../../src/core/workspace/types';
import { corpus, yamlOf } from './fixtures';

function build(config = emptyWorkspaceConfig()): CorpusIndex {
  const index = new CorpusIndex(config);
  for (const d of corpus()) assert.equal(index.update('/w/' + d.name.replace('.txt', '.annotations.yaml'), yamlOf(d)), undefined);
  return index;
}

describe('corpus index and aggregations', () => {
  it('counts articles, quotes (rejected left out) and quotes without a speaker', () => {
    const s = corpusStats(build());
    assert.equal(s.articles, 3);
    assert.equal(s.quotes, 5);
    assert.equal(s.unattributed, 1);
  });

  it('counts quotes and articles per speaker, with names and attributes from the sidecars', () => {
    const s = corpusStats(build());
    assert.deepEqual(s.speakers.map((x) => [x.key, x.label, x.quotes, x.articles]), [['ana-ruiz', 'Ana Ruiz', 3, 2], ['tom-berg', 'Tom Berg', 1, 1]]);
    assert.deepEqual(s.speakers[0]!.attributes, { gender: 'female', role: 'politician' });
  });

  it('gives quotes the article topics plus their own, and topics their articles', () => {
    const s = corpusStats(build());
    const t = Object.fromEntries(s.topics.map((x) => [x.key, [x.quotes, x.articles]]));
    assert.deepEqual(t, { transport: [5, 2], budget: [3, 1], tax: [1, 1] });
  });

  it('counts outlets and months, with articles without a date last', () => {
    const s = corpusStats(build());
    assert.deepEqual(s.outlets.map((o) => [o.key, o.articles, o.quotes]), [['Daily Post', 2, 2], ['Evening Star', 1, 3]]);
    assert.deepEqual(s.months.map((m) => [m.key, m.articles, m.quotes]), [['2024-01', 1, 2], ['2024-02', 1, 3], ['', 1, 0]]);
    assert.equal(monthOf('2021-05-18'), '2021-05');
    assert.equal(monthOf('May 2021'), '');
  });

  it('computes attribute shares overall, per outlet and per month, over quotes that have a speaker', () => {
    const s = corpusStats(build());
    const g = s.attributes.find((a) => a.id === 'gender')!;
    // Ana Ruiz is female in a.txt but has no attributes in b.txt: that quote counts as unknown
    assert.deepEqual(g.overall, [{ value: 'female', quotes: 2 }, { value: 'male', quotes: 1 }, { value: '', quotes: 1 }]);
    assert.deepEqual(g.byOutlet, [
      { outlet: 'Daily Post', shares: [{ value: 'female', quotes: 2 }] },
      { outlet: 'Evening Star', shares: [{ value: 'male', quotes: 1 }, { value: '', quotes: 1 }] },
    ]);
    assert.deepEqual(g.byMonth.map((m) => m.month), ['2024-01', '2024-02']);
  });

  it('lets the workspace file’s known speakers override names and attributes', () => {
    const config = emptyWorkspaceConfig();
    config.speakerAttributes.push({ id: 'gender', label: 'Gender' });
    config.speakers.push({ id: 'ana-ruiz', name: 'Ana María Ruiz', aliases: [], kind: 'person', attributes: { gender: 'female' } });
    const s = corpusStats(build(config));
    assert.equal(s.speakers[0]!.label, 'Ana María Ruiz');
    const g = s.attributes[0]!;
    assert.equal(g.label, 'Gender');
    assert.deepEqual(g.overall, [{ value: 'female', quotes: 3 }, { value: 'male', quotes: 1 }]);
  });

  it('updates incrementally: replacing, deleting and re-adding a sidecar gives the same counts as a fresh index', () => {
    const index = build();
    const before = corpusStats(index);
    const [a] = corpus();
    const key = '/w/a.annotations.yaml';
    a!.ann.quotes.pop();
    index.update(key, yamlOf(a!));
    assert.equal(corpusStats(index).quotes, 4);
    assert.equal(corpusStats(index).topics.find((t) => t.key === 'tax'), undefined, 'a topic with no quote left disappears');
    index.delete(key);
    assert.equal(corpusStats(index).articles, 2);
    index.update(key, yamlOf(corpus()[0]!));
    assert.deepEqual(corpusStats(index), before);
    assert.deepEqual([...index.counters()].sort(), [...build().counters()].sort());
  });

  it('records a sidecar that does not read as a failure and drops its old entry', () => {
    const index = build();
    const err = index.update('/w/a.annotations.yaml', 'version: 1\nquotes: [oops\n');
    assert.ok(err);
    assert.match(err.message, /^a\.annotations\.yaml line \d+:/);
    const s = corpusStats(index);
    assert.equal(s.articles, 2);
    assert.equal(s.failures.length, 1);
    index.update('/w/a.annotations.yaml', yamlOf(corpus()[0]!));
    assert.equal(corpusStats(index).failures.length, 0);
  });

  it('keeps offsets in code points and finds the article from source.file', () => {
    const b = corpus()[1]!;
    const r = readCorpusArticle('/w/b.annotations.yaml', yamlOf(b));
    assert.ok(!('message' in r));
    const q = r.quotes.find((x) => x.text === 'it fails')!;
    assert.equal(q.start, b.text.indexOf('it fails') - 1, 'the emoji before it counts as one code point');
    assert.equal(r.article, '/w/b.txt');
    assert.equal(articlePathFor('/w/x.annotations.yaml'), '/w/x.txt');
    assert.equal(articlePathFor('/w/x.annotations.yaml', 'x.md'), '/w/x.md');
  });

  it('lists every quote with its resolved speaker and topics', () => {
    const quotes = [...build().quotes()];
    assert.equal(quotes.length, 5);
    const who = quotes.find((q) => q.quote.text === '“Who?”')!;
    assert.equal(who.speaker, undefined);
    assert.deepEqual(who.topics, ['transport', 'budget']);
  });
});
