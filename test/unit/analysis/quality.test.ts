import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/model';
import { assertIncrementalEqualsFull } from './randomEdits';

/** Types of the entities whose text is exactly `text`, in order. */
function typesOf(a: Analysis, text: string): string[] {
  return a.entities.filter((e) => e.text === text).map((e) => e.type);
}

// Every sentence below is invented for the rule it checks (quality pass on persons and direct quotes).
describe('quality rules: persons', () => {
  it('a descriptor with an English prefix before a name is the role, not part of the name ("Pan-democrat", "Ex-minister")', () => {
    const a = analyze('Pan-democrat Tam Kwai-lun from the Harbour Party won.\n\nEx-minister Ivan Dolgar resigned on Friday.\n');
    assert.deepEqual(typesOf(a, 'Tam Kwai-lun'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Tam Kwai-lun')?.role, 'Pan-democrat');
    assert.deepEqual(typesOf(a, 'Ivan Dolgar'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Ivan Dolgar')?.role, 'Ex-minister');
    assert.equal(a.entities.some((e) => e.text.startsWith('Pan-') || e.text.startsWith('Ex-')), false);
  });

  it('an Arabic particle joined by a hyphen continues the name ("el-Sisi", "al-Amr"), and a name that starts with one is no person', () => {
    const a = analyze('Defence chief General Yusuf al-Harbi visited the port.\n\nLater Omar Nasser el-Tamimi said he agreed.\n\n' +
      'Fighters of al-Nahda fled.\n');
    assert.deepEqual(typesOf(a, 'Yusuf al-Harbi'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Yusuf al-Harbi')?.role, 'General');
    assert.deepEqual(typesOf(a, 'Omar Nasser el-Tamimi'), ['person']);
    assert.equal(a.entities.some((e) => e.text.includes('al-Nahda')), false);
  });

  it('a town and a newspaper head word name the paper ("Perth Star"); "X and Y" after a capitalised "The" is one title', () => {
    const a = analyze('An editorial in the Perth Star, May 3, 2019, said so.\n\n' +
      'In a long letter, Martin Kell of The Lantern and Quill called the dispute silly.\n');
    assert.deepEqual(typesOf(a, 'Perth Star'), ['organization']);
    assert.deepEqual(typesOf(a, 'Star'), []);
    assert.deepEqual(typesOf(a, 'Lantern and Quill'), ['organization']);
    assert.deepEqual(typesOf(a, 'Quill'), []);
    assert.deepEqual(typesOf(a, 'Martin Kell'), ['person']);
  });

  it('a lone country after a title is a character or a contest, no person ("Captain Canada"); Mr. keeps its person', () => {
    const a = analyze('Two fans came dressed as Captain Canada on Sunday.\n\nMr. Paul Orton met them.\n');
    assert.deepEqual(typesOf(a, 'Canada'), []);
    assert.deepEqual(typesOf(a, 'Paul Orton'), ['person']);
  });

  it('a plural abstract noun ends no personal name ("Art Collections"); one that speaks is a body ("Grace Communications said")', () => {
    const a = analyze('The foundation gave two prints to the college’s Art Collections in 2007.\n\n' +
      'Later Grace Communications said it would help.\n');
    assert.equal(a.entities.some((e) => e.type === 'person'), false);
    assert.deepEqual(typesOf(a, 'Grace Communications'), ['organization']);
  });

  it('a plural group noun opening a sentence is no name, and it still speaks ("Investigators said")', () => {
    const a = analyze('Investigators said the fire was set on purpose. Critics argue that the plan fails.\n');
    assert.equal(a.entities.some((e) => e.text === 'Investigators' || e.text === 'Critics'), false);
    const q = a.quotes.find((x) => x.kind === 'indirect' && x.text.startsWith('the fire was set'));
    assert.equal(q?.source?.text, 'Investigators');
  });

  it('a lone given name after "in" is a town, unless it is the given name of a person named earlier', () => {
    const a = analyze('The strike in Eugene went on for days. Delegates met in Boise, Idaho.\n\n' +
      'Marion Keller spoke first. Trust in Marion grew after the hearing.\n');
    assert.deepEqual(typesOf(a, 'Eugene'), ['place']);
    assert.deepEqual(typesOf(a, 'Boise'), ['place']);
    assert.deepEqual(typesOf(analyze('As stated in Tracy\' column, the rule is old.\n'), 'Tracy'), ['person']);
    assert.deepEqual(typesOf(a, 'Marion'), ['person']);
    assert.ok(a.speakers.find((s) => s.name === 'Marion Keller')?.aliases.includes('Marion'));
  });

  it('the incremental analyzer agrees with a full analysis over random edits of text that uses these rules', function () {
    this.timeout(30000);
    const base = 'Pan-democrat Tam Kwai-lun from the Harbour Party won.\n\nDefence chief General Yusuf al-Harbi visited.\n\n' +
      'An editorial in the Perth Star, May 3, said so. Martin Kell of The Lantern and Quill agreed.\n\n' +
      'Fans came as Captain Canada. Later Grace Communications said it would help.\n\n' +
      'Investigators said the fire was set. The strike in Eugene went on.\n\nMarion Keller spoke. Trust in Marion grew.\n';
    assertIncrementalEqualsFull(base, 29);
  });
});
