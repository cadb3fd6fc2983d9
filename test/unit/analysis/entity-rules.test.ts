import * as assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/model';
import { prng } from '../../support/prng';

/** Types of the entities whose text is exactly `text`, in order. */
function typesOf(a: Analysis, text: string): string[] {
  return a.entities.filter((e) => e.text === text).map((e) => e.type);
}

// Every sentence below is invented for the rule it checks.
describe('entity rules: typing from the surrounding text', () => {
  it('a lone unfamiliar name that "it" refers to after speaking is an organisation, one that "he" refers to a person', () => {
    const a = analyze('After the storm, Zentrova said it would close two plants. Later Zentrova hired new staff.\n\n' +
      'On Monday, Kellbrook said he would appeal the ruling.\n');
    assert.deepEqual(typesOf(a, 'Zentrova'), ['organization', 'organization']);
    assert.deepEqual(typesOf(a, 'Kellbrook'), ['person']);
  });

  it('a sentence-initial adjective before a noun is no speaker name ("Recent reports have revealed")', () => {
    const a = analyze('Recent reports have revealed that the bridge was unsafe.\n\nZentrova said it was ready.\n');
    assert.deepEqual(typesOf(a, 'Recent'), []);
    const b = analyze('The vote was close. Zentrova said it was ready.\n');
    assert.deepEqual(typesOf(b, 'Zentrova'), ['organization']);
  });
});

describe('entity rules: incremental analysis', () => {
  it('the incremental analyzer agrees with a full analysis over random edits of text that uses these rules', () => {
    const base = 'Recent reports have revealed that Zentrova said it would close two plants.\n\n' +
      'On Monday, Kellbrook said he would appeal. Zentrova declined to comment.\n';
    const r = prng(23);
    const inc = new IncrementalAnalyzer();
    let text = base;
    inc.analyze(text);
    const alphabet = 'aZ ,.“”\n-’s';
    for (let i = 0; i < 300; i++) {
      const pos = Math.floor(r() * (text.length + 1));
      const del = Math.min(text.length - pos, Math.floor(r() * 3));
      const ins = r() < 0.3 ? '' : alphabet[Math.floor(r() * alphabet.length)];
      text = text.slice(0, pos) + ins + text.slice(pos + del);
      const got = inc.update(text, { start: pos, end: pos + del, newLength: ins.length });
      assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(analyze(text))), `edit ${i} at ${pos}`);
    }
  });
});
