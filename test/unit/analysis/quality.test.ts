import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/model';

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
});
