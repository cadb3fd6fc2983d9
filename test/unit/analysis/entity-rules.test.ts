import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/model';
import { assertIncrementalEqualsFull } from './randomEdits';

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

describe('entity rules: span boundaries and split names', () => {
  it('a capitalised preposition inside a run marks a lost sentence break, a surname "To" does not', () => {
    const a = analyze('Seats went to the Civic League’s Dorota Quell In the northern district the turnout rose.\n');
    assert.deepEqual(typesOf(a, 'Dorota Quell'), ['person']);
    const b = analyze('The seat was won by Martin To of the Harbour Party.\n');
    assert.deepEqual(typesOf(b, 'Martin To'), ['person']);
  });

  it('a name after an inverted "said" between commas is a person', () => {
    const a = analyze('Most lenders, said Vantorff, will raise their rates.\n');
    assert.deepEqual(typesOf(a, 'Vantorff'), ['person']);
  });

  it('"Relations" ends an organisation and the name after it is a person', () => {
    const a = analyze('Director of the Council on Baltic Relations Mira Kostadin said the plan failed.\n');
    assert.deepEqual(typesOf(a, 'Council on Baltic Relations'), ['organization']);
    assert.deepEqual(typesOf(a, 'Mira Kostadin'), ['person']);
  });

  it('"Governor of <place> <given name> <surname>": the place and the person apart', () => {
    const a = analyze('In a letter, Governor of Washington Ellen Marchetti said the site was chosen.\n');
    assert.deepEqual(typesOf(a, 'Washington'), ['place']);
    assert.deepEqual(typesOf(a, 'Ellen Marchetti'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Ellen Marchetti')?.role, 'Governor of Washington');
  });

  it('a role word and a given name make a person even when the surname is a place head ("Hill", "Park")', () => {
    const a = analyze('The essay by historian Helen Ashby Hill was praised.\n');
    assert.deepEqual(typesOf(a, 'Helen Ashby Hill'), ['person']);
    const b = analyze('They walked through Ashby Hill at dawn.\n');
    assert.notDeepEqual(typesOf(b, 'Ashby Hill'), ['person']);
  });

  it('a place before a bare title ("the Houston Sheriff’s office") is the place alone', () => {
    const a = analyze('A deputy from the Houston Sheriff’s office arrived.\n');
    assert.deepEqual(typesOf(a, 'Houston'), ['place']);
    assert.deepEqual(typesOf(a, 'Houston Sheriff'), []);
  });

  it('a single word listed among places ending in "and" is a place; a list of given names stays people', () => {
    const a = analyze('Trials ran in Western Canada, Victoria, Northern Ireland and Manitoba last year.\n');
    assert.deepEqual(typesOf(a, 'Victoria'), ['place']);
    assert.deepEqual(typesOf(a, 'Manitoba'), ['place']);
    const b = analyze('We met Kevin, Victoria and Lukas in Madrid.\n');
    assert.deepEqual(typesOf(b, 'Victoria'), ['person']);
    const c = analyze('At a rally in Wixom, Michigan, Kellbrook said he was ready.\n');
    assert.deepEqual(typesOf(c, 'Kellbrook'), ['person']);
  });

  it('a capitalised descriptor before a full name is split off ("Nonpartisan", "Pan-liberal", "Scientologist")', () => {
    const a = analyze('The count ended. Nonpartisan Paul Verhoek and Pan-liberal Gary Lindqvist lost their seats.\n');
    assert.deepEqual(typesOf(a, 'Paul Verhoek'), ['person']);
    assert.deepEqual(typesOf(a, 'Gary Lindqvist'), ['person']);
    const b = analyze('A clip featuring Buddhist Laura Mendelow went viral.\n');
    assert.deepEqual(typesOf(b, 'Laura Mendelow'), ['person']);
  });
});

describe('entity rules: roles, surnames and adjectives', () => {
  it('a lone word after a role\'s "of" is what the role belongs to, not the person ("Co-founder of Zentrova")', () => {
    const a = analyze('Co-founder of Zentrova, Sergey Malkin, met the pupils. Zentrova’s headquarters were open.\n');
    assert.deepEqual(typesOf(a, 'Sergey Malkin'), ['person']);
    assert.deepEqual(typesOf(a, 'Zentrova'), ['organization', 'organization']);
  });

  it('a surname that is also a city is the person once the full name was given ("Valeska Paris … Paris said")', () => {
    const a = analyze('Noemi Paris said she had sued the firm.\n\nParis claims she was never paid. She left Paris in May.\n');
    assert.deepEqual(typesOf(a, 'Paris'), ['person', 'person']);
    const b = analyze('She left Paris in May.\n');
    assert.deepEqual(typesOf(b, 'Paris'), ['place']);
  });

  it('a direction before a demonym is an adjective ("North American integration")', () => {
    const a = analyze('Growth relies on North American trade, said Luis Ortega.\n');
    assert.deepEqual(typesOf(a, 'North American'), []);
  });
});

describe('entity rules: places from their neighbours', () => {
  it('a dateline town before a known region is a place, and so are unknown words after "in" before a region', () => {
    const a = analyze('Brookvale, Indiana, United States – The fair opened.\n\nThe office sits in Cedar Hollow, California, near the bay.\n');
    assert.deepEqual(typesOf(a, 'Brookvale'), ['place']);
    assert.deepEqual(typesOf(a, 'Cedar Hollow'), ['place']);
    const b = analyze('It was the best match of the Mirror Cup, Sweden won it.\n');
    assert.deepEqual(typesOf(b, 'Mirror Cup'), []);
    const c = analyze('Sen. Dana Kowalczyk, Texas Republican, objected.\n');
    assert.deepEqual(typesOf(c, 'Dana Kowalczyk'), ['person']);
  });

  it('"City" stays with the place before it ("the Taipei City Lantern Festival")', () => {
    const a = analyze('Crowds came to the Taipei City Lantern Festival on Friday.\n');
    assert.deepEqual(typesOf(a, 'Taipei City'), ['place']);
  });

  it('a mission code after "on" is no part of a name ("Brenton Space Center on STS-9")', () => {
    const a = analyze('The craft lifted off from the Brenton Space Center on STS-9 that spring.\n');
    assert.deepEqual(typesOf(a, 'Brenton Space Center'), ['place']);
  });

  it('a capitalised "The" inside a sentence opens a title or a band, never a person ("The Laura Fenwick Show")', () => {
    const a = analyze('She spoke on The Laura Fenwick Show and played records by The Velvet Underground.\n');
    assert.deepEqual(typesOf(a, 'Laura Fenwick Show'), []);
    assert.deepEqual(typesOf(a, 'Velvet Underground'), []);
  });
});

describe('entity rules: words that are never people', () => {
  it('a pronoun after a role, a lone direction, a compound with a hyphen and a web address are no persons', () => {
    const a = analyze('The Home Secretary and I are looking into it. Talks began after North and South Korea met.\n\n' +
      'Orwin, a Booker Prize-winner, spoke. Sites such as Rantbox.com have stated that they will keep the clip.\n');
    assert.deepEqual(typesOf(a, 'I'), []);
    assert.deepEqual(typesOf(a, 'North'), []);
    assert.deepEqual(typesOf(a, 'Booker Prize-winner'), []);
    assert.deepEqual(typesOf(a, 'Rantbox.com'), ['organization']);
  });

  it('"Shadow" belongs to the role ("Labour’s Shadow Home Secretary Yvette Cooper")', () => {
    const a = analyze('The Greens’ Shadow Home Secretary Marta Lindahl said her party has a plan.\n');
    assert.deepEqual(typesOf(a, 'Shadow'), []);
    assert.equal(a.entities.find((e) => e.text === 'Marta Lindahl')?.role, 'Shadow Home Secretary');
  });
});

describe('entity rules: organisations from their people', () => {
  it('a capitalised name after "the" that speaks is a body ("The Harbour Office is saying")', () => {
    const a = analyze('The Harbour Office is saying that the pier will close.\n');
    assert.deepEqual(typesOf(a, 'Harbour Office'), ['organization']);
    const b = analyze('Later the Quarry Lane said on Monday that the pier would close.\n');
    assert.deepEqual(typesOf(b, 'Quarry Lane'), ['organization']);
  });

  it('a person\'s affiliation is an organisation ("Nathan Law of Demosisto", "Youngspiration\'s Baggio Leung")', () => {
    const a = analyze('Winners included Martin Kovac of Novagrad and Brightfront’s Paul Verhoek.\n\n' +
      'Brightfront’s Shadow Home Secretary Marta Lindahl spoke.\n');
    assert.deepEqual(typesOf(a, 'Novagrad'), ['organization']);
    assert.deepEqual(typesOf(a, 'Brightfront'), ['organization', 'organization']);
  });

  it('a plural after a role\'s "for" is neither a person nor an organisation ("Justice for Victims of …")', () => {
    const a = analyze('They passed the Justice for Victims of Fraud Act last year.\n');
    assert.deepEqual(typesOf(a, 'Victims'), []);
  });
});

describe('entity rules: places from what they have', () => {
  it('a possessive before a site or a place noun, and a name before "region", are places', () => {
    const a = analyze('A crane fell into Qarnah’s Grand Mosque. Velmora’s streets were calm. The Tarvesa region voted.\n');
    assert.deepEqual(typesOf(a, 'Qarnah'), ['place']);
    assert.deepEqual(typesOf(a, 'Velmora'), ['place']);
    assert.deepEqual(typesOf(a, 'Tarvesa'), ['place']);
    const b = analyze('The Brightfront’s Battleground States average moved.\n');
    assert.deepEqual(typesOf(b, 'Brightfront'), []);
  });

  it('an unfamiliar word after a place and a comma that closes the phrase is a place; one before "and" is not', () => {
    const a = analyze('The file was found in Kanata, Ontario, in a brown envelope.\n');
    assert.deepEqual(typesOf(a, 'Ontario'), ['place']);
    const b = analyze('After the surge in Iraq, Kellbrook and his aides left.\n');
    assert.notDeepEqual(typesOf(b, 'Kellbrook'), ['place']);
  });
});

describe('entity rules: abbreviations', () => {
  it('common abbreviations and Roman numerals are no organisations', () => {
    const a = analyze('He was a VIP guest at 15:11 GMT, part XVII of the saga, and lost 15 IQ points.\n');
    for (const w of ['VIP', 'GMT', 'XVII', 'IQ']) assert.deepEqual(typesOf(a, w), [], w);
  });

  it('an abbreviation in brackets after a name takes its type, and so do its later uses; a dateline does not', () => {
    const a = analyze('The crew flew from the Marlow Space Center (MSC) in May.\n\nMany MSC employees watched.\n');
    assert.deepEqual(typesOf(a, 'MSC'), ['place', 'place']);
    const b = analyze('MADRID (AP) — The vote was close.\n');
    assert.deepEqual(typesOf(b, 'AP'), ['organization']);
  });

  it('"Municipality of X" is an organisation', () => {
    const a = analyze('The request came from the Municipality of Bellaria last year.\n');
    assert.deepEqual(typesOf(a, 'Municipality of Bellaria'), ['organization']);
  });
});

describe('entity rules: towns and pageants', () => {
  it('a town before a state abbreviation is a place even when it is also a given name ("Charlotte, N.C.")', () => {
    const a = analyze('Protests spread to cities like Charlotte, N.C. and Flint, Mich., last week.\n');
    assert.deepEqual(typesOf(a, 'Charlotte'), ['place']);
    assert.deepEqual(typesOf(a, 'N.C.'), ['place']);
    assert.deepEqual(typesOf(a, 'Flint'), ['place']);
    const b = analyze('Earlier, Miss Okafor and her sister left.\n');
    assert.deepEqual(typesOf(b, 'Okafor'), ['person']);
  });

  it('"Miss Universe" is a title, not a person; the name after it is', () => {
    const a = analyze('He mocked former Miss Universe Daniela Orsini and later a former Miss Universe again.\n');
    assert.deepEqual(typesOf(a, 'Daniela Orsini'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Daniela Orsini')?.role, 'Miss Universe');
    assert.deepEqual(typesOf(a, 'Universe'), []);
  });
});

describe('entity rules: bare roles', () => {
  it('a bare role names nobody, an honorific before a title-like surname does ("Mr. King")', () => {
    const a = analyze('Dana Kowalczyk, the Secretary of State, met the Vice President. Mr. King said so.\n');
    assert.deepEqual(typesOf(a, 'Secretary of State'), []);
    assert.deepEqual(typesOf(a, 'Vice President'), []);
    assert.deepEqual(typesOf(a, 'King'), ['person']);
    const c = analyze('“Mr. President, will you pledge to stay?” she asked. Dr. Okafor agreed.\n');
    assert.deepEqual(typesOf(c, 'President'), []);
    assert.deepEqual(typesOf(c, 'Okafor'), ['person']);
    const b = analyze('The Justice Department agreed.\n');
    assert.deepEqual(typesOf(b, 'Justice Department'), ['organization']);
  });

  it('an ordinal opens no personal name ("Pagliano\'s Fifth Amendment claims")', () => {
    const a = analyze('They cited Dana Kowalczyk’s Fifth Amendment claims. She invoked her 5th Amendment rights.\n');
    assert.deepEqual(typesOf(a, 'Fifth Amendment'), []);
    assert.deepEqual(typesOf(a, 'Amendment'), []);
  });

  it('the body before "High Commissioner for …" stays whole', () => {
    const a = analyze('It followed the United Nations High Commissioner for Refugees on Monday.\n');
    assert.deepEqual(typesOf(a, 'United Nations'), ['organization']);
    assert.deepEqual(typesOf(a, 'Refugees'), []);
  });
});

describe('entity rules: captions', () => {
  it('names marked (left) / (right) in a caption are people, and so are their later bare uses', () => {
    const a = analyze('Okafor (left) and Lindahl (right) in May. Image: Government.\n\nOkafor with the minister in June.\n');
    assert.deepEqual(typesOf(a, 'Okafor'), ['person', 'person']);
    assert.deepEqual(typesOf(a, 'Lindahl'), ['person']);
  });
});

describe('entity rules: incremental analysis', () => {
  it('the incremental analyzer agrees with a full analysis over random edits of text that uses these rules', function () {
    this.timeout(30000); // 300 full analyses: seconds on a busy machine
    const base = 'Recent reports have revealed that Zentrova said it would close two plants.\n\n' +
      'On Monday, Kellbrook said he would appeal. Zentrova declined to comment.\n\n' +
      'Trials ran in Western Canada, Victoria, Northern Ireland and Manitoba. Most lenders, said Vantorff, agree.\n\n' +
      'In a letter, Governor of Washington Ellen Marchetti met the Civic League’s Dorota Quell In the north.\n\n' +
      'Noemi Paris met the Co-founder of Zentrova.\n\nParis claims North American firms paid.\n\n' +
      'Brookvale, Indiana – The Taipei City fair sat in Cedar Hollow, California, near The Velvet Underground.\n\n' +
      'The Harbour Office is saying Martin Kovac of Novagrad and Brightfront’s Paul Verhoek won.\n\n' +
      'The crew flew from the Marlow Space Center (MSC) as a VIP, part XVII.\n\nMany MSC employees watched.\n';
    assertIncrementalEqualsFull(base, 23);
  });
});
