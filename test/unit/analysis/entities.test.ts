import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analysis';
import type { Analysis } from '../../../src/core/model';
import { assertIncrementalEqualsFull } from './randomEdits';

/** The type given to the entity whose text is exactly `text` (undefined when there is none). */
function typeOf(a: Analysis, text: string): string | undefined {
  return a.entities.find((e) => e.text === text)?.type;
}

function typesOf(a: Analysis, text: string): string[] {
  return a.entities.filter((e) => e.text === text).map((e) => e.type);
}

describe('entity rules (names the lists do not know)', () => {
  it('splits "and" between two names and "Name of Organisation"', () => {
    const a = analyze('The seats went to the Labour Party and Frederick Fung of the Civic Party on Sunday.\n');
    assert.equal(typeOf(a, 'Labour Party'), 'organization');
    assert.equal(typeOf(a, 'Frederick Fung'), 'person');
    assert.equal(typeOf(a, 'Civic Party'), 'organization');
    const b = analyze('Observers included Claudia Mo of Civic Party and others.\n');
    assert.equal(typeOf(b, 'Claudia Mo'), 'person');
    assert.equal(typeOf(b, 'Civic Party'), 'organization');
  });

  it('keeps a role joined by "and" whole ("State Councilor and Foreign Minister Wang Yi")', () => {
    const a = analyze('He spoke with State Councilor and Foreign Minister Wang Yi on Monday.\n');
    const wang = a.entities.find((e) => e.text === 'Wang Yi');
    assert.equal(wang?.type, 'person');
    assert.equal(wang?.role, 'State Councilor and Foreign Minister');
  });

  it('drops a leading article and splits at an abbreviation that ends a sentence', () => {
    const a = analyze('A columnist for The Huffington Post was held in Washington D.C. The hearing starts soon.\n');
    assert.equal(typeOf(a, 'Huffington Post'), 'organization');
    assert.equal(typeOf(a, 'The Huffington Post'), undefined);
    assert.equal(typeOf(a, 'Washington D.C.'), 'place');
  });

  it('splits a known place off a name that follows it', () => {
    const a = analyze('Speaking for Afghanistan, the ambassador to the United States Hamdullah Mohib arrived.\n');
    assert.equal(typeOf(a, 'United States'), 'place');
    assert.equal(typeOf(a, 'Hamdullah Mohib'), 'person');
  });

  it('reads unfamiliar names as people from their context', () => {
    const a = analyze('Tunisia replaced its goalkeeper Mouez Hassen, and the party of Junius Ho said it won. ' +
      'His wife Manju Sam, 36, attended with Lau Siu-lai.\n');
    assert.equal(typeOf(a, 'Mouez Hassen'), 'person');
    assert.equal(typeOf(a, 'Manju Sam'), 'person');
    assert.equal(typeOf(a, 'Lau Siu-lai'), 'person');
  });

  it('does not guess a person for unfamiliar capitalised words without evidence', () => {
    const a = analyze('Users of Internet Explorer complained about the browser on Tuesday.\n');
    assert.notEqual(typeOf(a, 'Internet Explorer'), 'person');
  });

  it('names listed with a known person are people too', () => {
    const a = analyze('The guests who came to the show this year included Stan Lee, Romelu Lukaku and Margaret Atwood.\n');
    assert.equal(typeOf(a, 'Romelu Lukaku'), 'person');
    assert.equal(typeOf(a, 'Stan Lee'), 'person');
  });

  it('three or more plain two-word names listed together are people; a hyphenated given name too', () => {
    const a = analyze('The side attacked early with Romelu Lukaku, Yannick Carrasco, and Dries Mertens up front, ' +
      'while the other coach watched from the bench with Hwang Hee-Chan beside him.\n');
    assert.deepEqual(['Romelu Lukaku', 'Yannick Carrasco', 'Dries Mertens', 'Hwang Hee-Chan'].map((n) => typeOf(a, n)),
      ['person', 'person', 'person', 'person']);
    const b = analyze('The report compared the Civic Passion and the Sea Org groups last week.\n');
    assert.notEqual(typeOf(b, 'Civic Passion'), 'person');
  });

  it('an ambiguous given name counts before a surname only ("Mark Rathbun", not "Mark")', () => {
    const a = analyze('The blog was written by Mark Rathbun last year.\n\nRathbun said the group had changed.\n');
    assert.deepEqual(typesOf(a, 'Mark Rathbun'), ['person']);
    assert.deepEqual(typesOf(a, 'Rathbun'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Rathbun')?.speaker, a.entities.find((e) => e.text === 'Mark Rathbun')?.speaker);
  });

  it('a town before its region is a place ("Evansville, Indiana"), and a word after "in" is one too', () => {
    const a = analyze('The exhibit opened in Evansville, Indiana, and later moved to a gallery in Kanata.\n');
    assert.equal(typeOf(a, 'Evansville'), 'place');
    assert.equal(typeOf(a, 'Indiana'), 'place');
    assert.equal(typeOf(a, 'Kanata'), 'place');
  });

  it('sites are places ("Kennedy Space Center", "Volgograd Arena"), bodies with "Center for" stay organisations', () => {
    const a = analyze('The shuttle left the Kennedy Space Center and the team played at the Volgograd Arena. ' +
      'The Center for Disease Control reported nothing.\n');
    assert.equal(typeOf(a, 'Kennedy Space Center'), 'place');
    assert.equal(typeOf(a, 'Volgograd Arena'), 'place');
    assert.equal(typeOf(a, 'Center for Disease Control'), 'organization');
  });

  it('a country acting as a body is an organisation, a country as a location stays a place', () => {
    const a = analyze('Sweden defeated South Korea 1 – 0 in the first game.\n\nTunisia’s goalkeeper was hurt.\n\n' +
      'Many pilgrims travel to Sweden every year.\n');
    assert.deepEqual(typesOf(a, 'Sweden'), ['organization', 'place']);
    assert.equal(typeOf(a, 'South Korea'), 'organization');
    assert.equal(typeOf(a, 'Tunisia'), 'organization');
  });

  it('organisations from the words around them, and later bare mentions follow', () => {
    const a = analyze('Former members of Scientology met on Monday.\n\nThe reporter wrote about Scientology again.\n\n' +
      'He posted the video on Twitter.\n');
    assert.deepEqual(typesOf(a, 'Scientology'), ['organization', 'organization']);
    assert.equal(typeOf(a, 'Twitter'), 'organization');
  });

  it('a lone surname that speaks is a person (well-known people are often named by surname only)', () => {
    const a = analyze('Trump says the deal is bad.\n\nPeter Novak arrived late.\n\nNovak said the talks failed.\n');
    assert.equal(typeOf(a, 'Trump'), 'person');
    assert.equal(typeOf(a, 'Novak'), 'person');
  });


  it('an acronym opening a run is an organisation of its own, before a title or a name', () => {
    const a = analyze('At the ceremony, NASA Administrator Charles Bolden announced the plan for the FIRST Global event.\n');
    assert.deepEqual(typesOf(a, 'NASA'), ['organization']);
    assert.equal(typeOf(a, 'Charles Bolden'), 'person');
    assert.equal(typeOf(a, 'FIRST'), 'organization');
  });

  it('"the Church", "the Administration": a capitalised head word after "the" names a body', () => {
    const a = analyze('She wrote about her years with the Church, and the Administration said nothing.\n');
    assert.equal(typeOf(a, 'Church'), 'organization');
    assert.equal(typeOf(a, 'Administration'), 'organization');
    const b = analyze('The Church of Scientology said nothing.\n');
    assert.equal(typeOf(b, 'Church of Scientology'), 'organization');
  });

  it('a place name keeps its opener at a sentence start ("New Zealand", "Western Australia")', () => {
    const a = analyze('New Zealand will vote soon.\n\nThe study covered Western Australia and East Los Angeles.\n');
    assert.equal(typeOf(a, 'New Zealand'), 'place');
    assert.equal(typeOf(a, 'Western Australia'), 'place');
    assert.equal(typeOf(a, 'East Los Angeles'), 'place');
  });

  it('a title or a name after an organisation\'s head is split off', () => {
    const a = analyze('After the leak, the State Department Spokesperson spoke, and the Refugee Council Enver Solomon told reporters.\n');
    assert.equal(typeOf(a, 'State Department'), 'organization');
    assert.equal(typeOf(a, 'Refugee Council'), 'organization');
    assert.equal(typeOf(a, 'Enver Solomon'), 'person');
  });

  it('a surname ending in "-ed" opening a sentence is still the person met before ("Mohamed")', () => {
    const a = analyze('Ahmed Mohamed, 14, was arrested on Monday.\n\nMohamed brought the clock to school.\n');
    assert.deepEqual(typesOf(a, 'Mohamed'), ['person']);
    assert.equal(a.entities.find((e) => e.text === 'Mohamed')?.speaker, a.entities.find((e) => e.text === 'Ahmed Mohamed')?.speaker);
  });

  it('"Sea Org", "Environment Canada": organisations by their head or a country after a plain word', () => {
    const a = analyze('He left the Sea Org last year, and forecasters at Environment Canada issued a warning.\n');
    assert.equal(typeOf(a, 'Sea Org'), 'organization');
    assert.equal(typeOf(a, 'Environment Canada'), 'organization');
  });

  it('an acronym with a possessive stays an acronym; a place name is not cut at a sentence start ("United States Navy")', () => {
    const a = analyze('The winners included FTU’s Kwok Wai-keung on Monday.\n\nImage: United States Navy.\n');
    assert.equal(typeOf(a, 'FTU'), 'organization');
    assert.equal(typeOf(a, 'United States Navy'), 'organization');
  });

  it('a name whose article was dropped still speaks with it: ", The Wall Street Journal reports"', () => {
    const a = analyze('Bonuses for bankers were $500 to $2,000 every three months, The Wall Street Journal reports.\n');
    assert.equal(typeOf(a, 'Wall Street Journal'), 'organization');
    const q = a.quotes.find((x) => x.kind === 'indirect');
    assert.ok(q, 'reported speech found');
    assert.equal(q.source?.text, 'The Wall Street Journal');
  });

  it('headlines (title case) get no guessed people', () => {
    const a = analyze('Election Results Shock Junius Ho Supporters\n\nThe count ended on Monday.\n');
    assert.equal(typeOf(a, 'Junius Ho'), undefined);
  });

  it('the incremental analyzer agrees with a full analysis over random edits of text that uses the new rules', () => {
    const base = 'Sweden defeated South Korea 1 – 0 at the Volgograd Arena, said coach Nabil Maaloul.\n\n' +
      'Former members of Scientology met Junius Ho and his wife Manju Sam, 36, in Evansville, Indiana.\n\n' +
      '“We are ready,” Scientology officials said.\n\nThe blog by Mark Rathbun, Stan Lee and Dries Mertens moved to Twitter.\n';
    assertIncrementalEqualsFull(base, 11);
  });
});
