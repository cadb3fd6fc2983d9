import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  addEntityTypes,
  addTopics,
  describeProblems,
  folderFor,
  gazetteerOf,
  NEW_WORKSPACE_FILE,
  mergeSpeakersIn,
  parseWorkspaceConfig,
  upsertSpeaker,
} from '../../../src/core/workspace/config';

const FULL = `# our newsroom's taxonomy
version: 1
topics:
  - id: security
    label: Security
    description: Armed conflict, terrorism, policing.
  - diplomacy            # short form
entityTypes:
  - id: weapon
    label: Weapon
    color: "#b5651d"
speakerAttributes:
  - id: gender
    values: [female, male, non-binary, unknown]
  - affiliation
speakers:
  - id: wang-yi
    name: Wang Yi
    aliases: [Wang, Mr. Wang]
    kind: person
    role: Foreign Minister
    attributes: {gender: male, affiliation: Government of China}
    x-note: kept           # unknown key
gazetteer:
  Taliban: organization
  Ashraf Ghani: {type: person, aliases: [Ghani, President Ghani]}
  Kabul Times: ignore
  AK-47: weapon
reviewers: [ana, bo]      # unknown top-level key
`;

describe('workspace: the .article-annotator.yaml file', () => {
  it('parses every section of a valid file', () => {
    const { config, problems } = parseWorkspaceConfig(FULL);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.topics, [{ id: 'security', label: 'Security', description: 'Armed conflict, terrorism, policing.' }, { id: 'diplomacy' }]);
    assert.deepEqual(config.entityTypes, [{ id: 'weapon', label: 'Weapon', color: '#b5651d' }]);
    assert.deepEqual(config.speakerAttributes, [{ id: 'gender', values: ['female', 'male', 'non-binary', 'unknown'] }, { id: 'affiliation' }]);
    assert.deepEqual(config.speakers, [
      { id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang', 'Mr. Wang'], kind: 'person', role: 'Foreign Minister', attributes: { gender: 'male', affiliation: 'Government of China' } },
    ]);
    assert.deepEqual(config.gazetteer, {
      entries: [{ name: 'Taliban', type: 'organization' }, { name: 'Ashraf Ghani', type: 'person', aliases: ['Ghani', 'President Ghani'] }, { name: 'AK-47', type: 'weapon' }],
      ignore: ['Kabul Times'],
    });
    assert.deepEqual(gazetteerOf(config), config.gazetteer);
  });

  it('an empty file is an empty, valid configuration', () => {
    const { config, problems } = parseWorkspaceConfig('');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.topics, []);
    assert.equal(gazetteerOf(config), undefined);
  });

  it('reports bad values with line and column and keeps the valid parts', () => {
    const text = [
      'version: 1',
      'topics:',
      '  - id: security',
      '  - label: no id',
      '  - id: security',
      'entityTypes:',
      '  - id: weapon',
      '    color: brown',
      'speakers:',
      '  - id: x',
      '    name: X',
      '    kind: robot',
      'gazetteer:',
      '  Kabul: city',
    ].join('\n');
    const { config, problems } = parseWorkspaceConfig(text);
    assert.deepEqual(config.topics.map((t) => t.id), ['security']);
    assert.deepEqual(config.entityTypes, [{ id: 'weapon' }]);
    assert.equal(config.speakers[0]?.kind, 'person');
    const lines = problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    assert.deepEqual(lines, [
      '4:5 topics[2] needs a "id".',
      '5:9 topics[3]: id "security" is used twice.',
      '8:12 entityTypes[1]: color "brown" must be "#rrggbb" or "#rrggbbaa".',
      '12:11 speakers[1]: kind "robot" must be one of person, organization, group.',
      '14:10 gazetteer "Kabul": unknown entity type "city" (use person, organization, place, date, weapon, or declare it under entityTypes).',
    ]);
    assert.equal(
      describeProblems('.article-annotator.yaml', problems),
      '.article-annotator.yaml line 4, column 5: topics[2] needs a "id" (and 4 more problems); the valid parts are used until it is fixed.',
    );
  });

  it('reports YAML syntax errors and wrong shapes with their place', () => {
    const bad = parseWorkspaceConfig('topics:\n  - id: a\n   - id: b\n');
    assert.ok(bad.problems.length > 0);
    assert.equal(bad.problems[0]?.line, 3);
    const list = parseWorkspaceConfig('- a\n- b\n');
    assert.match(list.problems[0]?.message ?? '', /must be a mapping/);
    const topics = parseWorkspaceConfig('version: 2\ntopics: security\n');
    assert.deepEqual(topics.problems.map((p) => [p.line, p.message]), [
      [1, 'version must be 1 (this extension reads version 1 of the workspace file).'],
      [2, 'topics must be a list.'],
    ]);
  });

  it('is created on first use with a starter template that parses', () => {
    const text = addTopics('', [{ id: 'security' }]);
    assert.ok(text.startsWith('# Article Annotator workspace file'));
    const { config, problems } = parseWorkspaceConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.topics, [{ id: 'security' }]);
    assert.deepEqual(parseWorkspaceConfig(NEW_WORKSPACE_FILE).problems, []);
  });

  it('adds topics and entity types, keeping comments, unknown keys and existing entries', () => {
    let text = addTopics(FULL, [{ id: 'security' }, { id: 'health', description: 'Pandemic' }]);
    text = addEntityTypes(text, [{ id: 'vehicle' }, { id: 'weapon' }]);
    assert.match(text, /# our newsroom's taxonomy/);
    assert.match(text, /- diplomacy +# short form/);
    assert.match(text, /x-note: kept/);
    assert.deepEqual(parse(text).reviewers, ['ana', 'bo']);
    const { config } = parseWorkspaceConfig(text);
    assert.deepEqual(config.topics.map((t) => t.id), ['security', 'diplomacy', 'health']);
    assert.deepEqual(config.entityTypes.map((t) => t.id), ['weapon', 'vehicle']);
  });

  it('adds a new speaker and updates a known one (aliases combined, attributes set or removed)', () => {
    let text = upsertSpeaker(FULL, { id: 'mohib', name: 'Hamdullah Mohib', aliases: ['Mohib'], kind: 'person', attributes: { gender: 'male' } });
    text = upsertSpeaker(text, { id: 'wang-yi', name: 'Wang Yi', aliases: ['FM Wang'], kind: 'person', role: 'Foreign Minister', attributes: { affiliation: '', gender: 'male' } });
    assert.match(text, /x-note: kept/);
    const { config, problems } = parseWorkspaceConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.speakers, [
      { id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang', 'Mr. Wang', 'FM Wang'], kind: 'person', role: 'Foreign Minister', attributes: { gender: 'male' } },
      { id: 'mohib', name: 'Hamdullah Mohib', aliases: ['Mohib'], kind: 'person', attributes: { gender: 'male' } },
    ]);
  });

  it('merges a known speaker into another: its entry goes, its name, aliases and missing attributes join', () => {
    const withMohib = upsertSpeaker(FULL, { id: 'fm-wang', name: 'FM Wang', aliases: ['Minister Wang Yi'], kind: 'person', attributes: { gender: 'male', region: 'Asia' } });
    const into = { id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang'], kind: 'person' as const };
    const text = mergeSpeakersIn(withMohib, 'fm-wang', into);
    assert.match(text, /x-note: kept/);
    assert.match(text, /# our newsroom's taxonomy/);
    const { config, problems } = parseWorkspaceConfig(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.speakers, [
      {
        id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang', 'Mr. Wang', 'FM Wang', 'Minister Wang Yi'], kind: 'person', role: 'Foreign Minister',
        attributes: { gender: 'male', affiliation: 'Government of China', region: 'Asia' },
      },
    ]);
    // only the merged one known: it becomes the target's entry
    const only = mergeSpeakersIn(withMohib, 'fm-wang', { id: 'w2', name: 'W. Yi', aliases: [], kind: 'person' });
    assert.deepEqual(parseWorkspaceConfig(only).config.speakers.map((x) => [x.id, x.aliases]), [['wang-yi', ['Wang', 'Mr. Wang']], ['w2', ['FM Wang', 'Minister Wang Yi']]]);
    // unknown to the registry, or no file yet: nothing changes (no file is created)
    assert.equal(mergeSpeakersIn(FULL, 'nobody', into), FULL);
    assert.equal(mergeSpeakersIn('', 'fm-wang', into), '');
  });

  it('refuses to change a file that does not parse (it is left as it is)', () => {
    assert.throws(() => addTopics('topics: [a\n', [{ id: 'b' }]), /does not parse/);
  });

  it('resolves an article to its innermost workspace folder (multi-root), or none', () => {
    const folders = ['file:///w/news', 'file:///w/news/archive', 'file:///w/other'];
    assert.equal(folderFor('file:///w/news/a.txt', folders), 'file:///w/news');
    assert.equal(folderFor('file:///w/news/archive/2021/a.txt', folders), 'file:///w/news/archive');
    assert.equal(folderFor('file:///w/other/b.txt', folders), 'file:///w/other');
    assert.equal(folderFor('file:///w/newsroom/c.txt', folders), undefined, 'a prefix of the name is not a parent folder');
    assert.equal(folderFor('untitled:Untitled-1', folders), undefined);
  });
});
