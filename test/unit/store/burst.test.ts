import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis';
import { ArticleSession } from '../../../src/core/session';
import { EditedText } from '../../../src/core/store/edits';
import { mergeAnalysis } from '../../../src/core/store/merge';
import { int, noFiles, pick, plain, rng, sampleText } from './util';

/**
 * A typing burst: the session moves the annotations at every keystroke and hands the engine all
 * the edits of the burst at once when the suggestions are refreshed (one incremental update
 * while the edits lie close together). The result must be the one of refreshing after every edit.
 */

/** Counts the engine's incremental updates of a session, and its full runs (an update it could not do). */
function countUpdates(s: ArticleSession): { n: number; full: number } {
  const count = { n: 0, full: 0 };
  type Fn = (...a: unknown[]) => unknown;
  const analyzer = (s as unknown as { analyzer: { update: Fn; analyze: Fn } }).analyzer;
  const update = analyzer.update.bind(analyzer);
  const analyze = analyzer.analyze.bind(analyzer);
  analyzer.update = (...a: unknown[]) => {
    count.n++;
    return update(...a);
  };
  analyzer.analyze = (...a: unknown[]) => {
    count.full++;
    return analyze(...a);
  };
  return count;
}

const KEYS = ['x', ' ', 'e', '“', '”', '"', ' said', 'Wang Yi', '\n', '\n\n', ''];

describe('store/burst (the engine catches up once per typing burst)', () => {
  it('a burst of keystrokes then one refresh equals a refresh after every keystroke (property)', async function () {
    this.timeout(120_000);
    const text = sampleText();
    for (let seed = 1; seed <= 8; seed++) {
      const r = rng(seed);
      const burst = new ArticleSession(noFiles, undefined, text);
      const each = new ArticleSession(noFiles, undefined, text);
      await burst.load();
      await each.load();
      const updates = countUpdates(burst);
      for (let round = 0; round < 6; round++) {
        // typing around one place, now and then a jump far away (handed to the engine on its own)
        let at = int(r, burst.currentText.length);
        const n = 1 + int(r, 12);
        for (let k = 0; k < n; k++) {
          const t = burst.currentText;
          if (r() < 0.1) at = int(r, t.length);
          at = Math.max(0, Math.min(t.length, at + int(r, 7) - 3));
          const del = r() < 0.25 ? Math.min(t.length - at, 1 + int(r, 3)) : 0;
          const ins = pick(r, KEYS);
          const change = [{ start: at, end: at + del, text: ins }];
          burst.edit(change);
          each.edit(change);
          each.refreshSuggestions();
          at += ins.length;
          assert.equal(burst.currentText, each.currentText);
          // the annotations move at every keystroke, before the engine sees the edits
          const now = burst.currentText;
          const off = burst.annotations.entities.filter((e) => e.status !== 'orphaned' && now.slice(e.start, e.end) !== e.text);
          assert.deepEqual(off.map((e) => e.id), [], 'every entity still points at its own text');
        }
        assert.ok(burst.engineBehind, 'the engine has not seen the burst yet');
        const moved = structuredClone(burst.annotations);
        burst.refreshSuggestions();
        assert.ok(!burst.engineBehind);
        const where = `seed ${seed}, round ${round}`;
        assert.deepEqual(plain(burst.annotations), plain(mergeAnalysis(moved, analyze(burst.currentText))), `burst = full analysis merged (${where})`);
        assert.deepEqual(
          plain(burst.annotations.quotes.map(({ id: _, ...q }) => q)),
          plain(each.annotations.quotes.map(({ id: _, ...q }) => q)),
          `burst = refreshing at every keystroke (${where})`,
        );
        assert.deepEqual(plain(burst.annotations.entities.map(({ id: _, ...e }) => e)), plain(each.annotations.entities.map(({ id: _, ...e }) => e)));
      }
      assert.ok(updates.n >= 6, `the engine updated at least once per burst (${updates.n})`);
      assert.equal(updates.full, 0, 'every burst was an incremental update (the change handed over fits the text)');
    }
  });

  it('keystrokes close together cost one engine update; far apart, one per place', async () => {
    const text = sampleText();
    const s = new ArticleSession(noFiles, undefined, text);
    await s.load();
    const updates = countUpdates(s);
    const at = text.indexOf('\n\n', 500) + 2;
    for (let k = 0; k < 10; k++) s.edit([{ start: at + k, end: at + k, text: 'abcdefghij'[k]! }]);
    assert.equal(updates.n, 0, 'no engine update while typing');
    s.refreshSuggestions();
    assert.equal(updates.n, 1, 'one update for the burst');
    assert.equal(s.currentText.slice(at, at + 10), 'abcdefghij');
    // two places far apart: each re-analysed on its own
    const far = s.currentText.length - 100;
    s.edit([{ start: at, end: at, text: 'y' }]);
    s.edit([{ start: far, end: far, text: 'z' }]);
    s.refreshSuggestions();
    assert.equal(updates.n, 3);
    assert.equal(updates.full, 0, 'no full run');
    assert.deepEqual(plain(s.annotations), plain(mergeAnalysis(structuredClone(s.annotations), analyze(s.currentText))));
  });
});

describe('store/edits EditedText (a text edited without copying it whole)', () => {
  it('reads like the string edited the plain way, over random edits (property)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed);
      let plainText = 'The minister said: “We are ready.”\n\nKabul, Monday.';
      const t = new EditedText(plainText);
      for (let k = 0; k < 60; k++) {
        const start = int(r, plainText.length + 1);
        const end = Math.min(plainText.length, start + (r() < 0.5 ? 0 : int(r, 6)));
        const ins = pick(r, ['', 'x', 'ab', '“', '\n\n', 'Wang Yi said ']);
        plainText = plainText.slice(0, start) + ins + plainText.slice(end);
        t.apply(start, end, ins);
        assert.equal(t.length, plainText.length);
        const a = int(r, plainText.length + 1);
        const b = a + int(r, plainText.length - a + 1);
        assert.equal(t.slice(a, b), plainText.slice(a, b), `seed ${seed}, edit ${k}: slice ${a}-${b}`);
      }
      assert.equal(t.toString(), plainText);
    }
  });
});
