import * as assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../../../src/core/analysis';
import { analyzeParagraph, internedLowerForTests, sortSpans } from '../../../src/core/analysis/paragraph';
import { prng } from '../../support/prng';

// What the engine's speed work relies on: caches and reused scratch arrays never change a result.

const PARAGRAPHS = [
  ' date 2021-05-18 Afghanistan believes all levers of influence should be used',
  'AT News',
  'KABUL: NSA Hamdullah Mohib had a telephonic conversation with China State Councilor and Foreign Minister Wang Yi, who offered China’s full support.',
  '“The NSA and Minister Wang Yi identified terrorism as a common threat that both sides should fight,” Mohib’s office said in a statement.',
  'Afghanistan adheres to the one-China policy, Mohib said, adding that Afghanistan resolutely fights all forms of terrorism.',
  'According to the U.S. State Department, Mr. Jones’ office said on May 3, 2021 that the talks would resume.',
  '“It is late news for Kabul,” she said. “We will not stop.',
  '“Prices were expected to fall,” said Maria Karimi, the Health Ministry’s spokeswoman, told reporters.',
  'THE PRESIDENT’S OFFICE SAID: İstanbul, Ærø and Łódź — ΟΔΟΣ. Straße 🚀 emoji; U.S',
  'x',
  '',
  'Jones’',
  'well-',
];

function randomWord(r: () => number, len: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉİıßΣσ’-.';
  let w = '';
  for (let i = 0; i < len; i++) w += letters[Math.floor(r() * letters.length)];
  return w;
}

describe('analysis engine: speed caches change no result', () => {
  it('lower-cases every token as String.toLowerCase does, interned or not (long words, non-ASCII, full table)', function () {
    this.timeout(60000);
    const r = prng(11);
    const words = Array.from({ length: 50000 }, () => randomWord(r, 1 + Math.floor(r() * 16)));
    // twice: the first pass fills the table (beyond its capacity), the second reads it back
    for (let pass = 0; pass < 2; pass++) {
      for (const w of words) {
        const around = `x ${w}.`;
        assert.equal(internedLowerForTests(around, 2, 2 + w.length), w.toLowerCase(), JSON.stringify(w));
      }
    }
    assert.equal(internedLowerForTests('İ', 0, 1), 'i̇'); // one character in, two out
    assert.equal(internedLowerForTests('THE The the', 4, 7), 'the');
  });

  it('gives a paragraph the same result whatever was analysed before it (reused scratch arrays)', function () {
    this.timeout(60000);
    const alone = PARAGRAPHS.map((p) => JSON.stringify(analyzeParagraph(p)));
    const r = prng(5);
    // a long paragraph with many tokens, quotes and dates in between grows and dirties the scratch arrays
    const long = Array.from({ length: 150 }, (_, i) => `“Quote ${i} by Maria Karimi on May ${1 + (i % 28)}, 2021,” she said in Paris.`).join(' ');
    for (let round = 0; round < 8; round++) {
      const order = PARAGRAPHS.map((_, i) => i).sort(() => r() - 0.5);
      for (const i of order) {
        if (r() < 0.3) analyzeParagraph(long);
        assert.equal(JSON.stringify(analyzeParagraph(PARAGRAPHS[i])), alone[i], `paragraph ${i} in round ${round}`);
      }
    }
  });

  it('gives an article the same analysis before and after other articles filled the caches', function () {
    this.timeout(60000);
    const article = PARAGRAPHS.join('\n\n');
    const first = JSON.stringify(analyze(article));
    const r = prng(3);
    const names = Array.from({ length: 1500 }, () => randomWord(r, 4).replace(/^./, (c) => c.toUpperCase()));
    const other = names.map((n, i) => `${n} ${names[(i * 7) % names.length]} said the talks went well, adding that “${n} Office” agreed.`).join('\n\n');
    analyze(other);
    new IncrementalAnalyzer().analyze(other);
    assert.equal(JSON.stringify(analyze(article)), first);
  });

  it('sorts spans as Array.prototype.sort does, stably, short and long lists', () => {
    const r = prng(8);
    for (const n of [0, 1, 2, 5, 30, 64, 65, 200]) {
      for (const byEnd of [false, true]) {
        const xs = Array.from({ length: n }, (_, id) => ({ start: Math.floor(r() * 10), end: Math.floor(r() * 10), id }));
        const expected = xs.slice().sort(byEnd ? (x, y) => x.start - y.start || x.end - y.end : (x, y) => x.start - y.start);
        const got = xs.slice();
        sortSpans(got, byEnd);
        assert.deepEqual(got.map((x) => x.id), expected.map((x) => x.id), `n=${n} byEnd=${byEnd}`);
      }
    }
  });
});
