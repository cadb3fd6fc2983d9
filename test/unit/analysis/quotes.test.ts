import * as assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer } from '../../../src/core/analysis';
import type { Analysis, Quote } from '../../../src/core/model';
import { assertIncrementalEqualsFull } from './randomEdits';

// What counts as a direct quote: words someone said or wrote, with a speaker. Quoted words that
// are not speech (titles of works, names of shows, nicknames, scare quotes, terms) are left out.
// Every sentence here is invented.

function direct(a: Analysis): Quote[] {
  return a.quotes.filter((q) => q.kind === 'direct');
}

function directTexts(text: string): string[] {
  return direct(analyze(text)).map((q) => q.text);
}

describe('direct quotes: titles of works are not quotations', () => {
  const titles: [string, string][] = [
    ['after a possessive (a network’s show)', 'The mayor spoke on Channel Nine’s “Morning Roundup” about the new tram line.'],
    ['after a possessive, with a speech verb before it', 'Ms. Varga told KXTV’s “Evening Desk” that the budget was balanced.'],
    ['after a preposition at a sentence start', 'On “Weekend Forum,” Senator Alma Ruiz defended the harbour plan.'],
    ['after a preposition, mid-sentence', 'The governor appeared in an episode of “The Kitchen Table Hour,” where she cooked soup.'],
    ['after a word for a work', 'Her new documentary “Salt And Stone” opens in Lisbon next week.'],
    ['after a word for a work and a comma', 'Watch the trailer for Okafor’s documentary, “9th,” below.'],
    ['after a year', 'The plan echoed his 1987 “Charter for Small Towns.”'],
    ['after "titled"', 'The 20-second spot, titled “Reckless,” runs in three states.'],
    ['with an elided letter', 'He hosts a Sunday radio show, his "Talkin\' It Over" hour, for farmers.'],
  ];
  for (const [what, text] of titles) {
    it(what, () => assert.deepEqual(directTexts(text), []));
  }

  it('does not let a title steal the speaker of the sentence that follows it', () => {
    const a = analyze('On “Weekend Forum,” Senator Alma Ruiz said the harbour plan would pass.');
    assert.equal(direct(a).length, 0);
    const r = a.quotes.find((q) => q.kind === 'indirect');
    assert.ok(r?.source?.text.includes('Alma Ruiz'), JSON.stringify(a.quotes));
  });

  const kept: [string, string, string][] = [
    ['a name given by a speaker (called)', 'The coach called his rival “The Slow Professor” at the press conference.', '“The Slow Professor”'],
    ['a name given by a speaker (hailed as)', 'A local paper hailed the mayor as “The Builder Of Bridges” in 1999.', '“The Builder Of Bridges”'],
    ['a slogan that is proclaimed', 'The minister proclaimed a goal of “Clean Rivers By Spring.”', '“Clean Rivers By Spring.”'],
    ['a chant that ends in "!"', 'The crowd greeted her with chants of “Go Maria!” at the rally.', '“Go Maria!”'],
    ['a title-case sentence that opens the paragraph', '“Never Again,” the survivor said quietly.', '“Never Again,”'],
    ['a title-case quote with its speaker after it', 'It was, in his words, a “Total Disaster,” Mr. Hale said.', '“Total Disaster,”'],
  ];
  for (const [what, text, quote] of kept) {
    it(`keeps ${what}`, () => assert.deepEqual(directTexts(text), [quote]));
  }

  it('drops a title in apposition to a word for a work, in any case', () => {
    assert.deepEqual(directTexts('Ann Lee’s column, “Why the river matters,” is worth reading.'), []);
    assert.deepEqual(directTexts('In her statement, “we are ready,” said the minister.'), ['“we are ready,”']);
  });

  it('drops a stage direction in a transcript, keeps a quote that starts with one', () => {
    assert.deepEqual(directTexts('"(CROSSTALK.)'), []);
    assert.deepEqual(directTexts('The host paused. “[Applause]” Then she went on.'), []);
    assert.deepEqual(directTexts('“(Laughs) I never said that,” the actor told us.'), ['“(Laughs) I never said that,”']);
  });

  it('still drops a nickname between two names', () => {
    assert.deepEqual(directTexts('Councillor Johanna "Jo" Lind opened the session.'), []);
  });
});

describe('direct quotes: a transcript quoted as a whole', () => {
  // each paragraph of the transcript opens with a mark and only the last one closes it, as in a
  // quotation continued over paragraphs; a turn that runs over several paragraphs is still dialogue
  const transcript = 'The host pressed the councillor on the budget.\n\n' +
    '"NOLAN: Will you raise the harbour levy?\n\n' +
    '"VARGA: Well, look, the levy has not changed in nine years, and the port needs new cranes.\n\n' +
    '"But the real question is who pays for the dredging. The city has asked the state for help three times.\n\n' +
    '"NOLAN: Thank you, Councillor.\n\n' +
    '"Read the whole exchange on the council website."\n';

  it('reads the paragraphs that go on with a dialogue turn as dialogue, up to the closing mark', () => {
    assert.deepEqual(directTexts(transcript), []);
  });

  it('still reads a quotation continued over paragraphs, and a quote after the transcript is closed', () => {
    assert.deepEqual(directTexts('The mayor wrote:\n\n"The port needs new cranes. We have waited nine years for them.\n\n' +
      '"The dredging comes first, and the state has to help."\n'),
    ['"The port needs new cranes. We have waited nine years for them.', '"The dredging comes first, and the state has to help."']);
    assert.deepEqual(directTexts(`${transcript}\n"The levy stays," Varga said later.\n`), ['"The levy stays,"']);
  });

  it('the incremental analyzer agrees with a full analysis when an edit opens or closes a turn', () => {
    const inc = new IncrementalAnalyzer();
    inc.analyze(transcript);
    // closing the first turn's line: the paragraphs after it are no longer part of a turn
    const at = transcript.indexOf('cranes.') + 'cranes.'.length;
    const closed = `${transcript.slice(0, at)}"${transcript.slice(at)}`;
    const got = inc.update(closed, { start: at, end: at, newLength: 1 });
    assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(analyze(closed))));
    assert.ok(direct(got).some((q) => q.text.startsWith('"But the real question')), JSON.stringify(direct(got)));
    const back = inc.update(transcript, { start: at, end: at + 1, newLength: 0 });
    assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(analyze(transcript))));
    assert.deepEqual(direct(back), []);
    assertIncrementalEqualsFull(transcript, 31);
  });
});

describe('direct quotes: scare quotes and terms are not quotations', () => {
  const scare: [string, string][] = [
    ['a term inside a noun phrase', 'The “low-carbon” label on the cartons was dropped in May.'],
    ['a coined word after an article', 'She opened a "bookbar" that closed two years later.'],
    ['a term at the end of a sentence', 'The leftover funds went into a separate "holding account."'],
    ['a quoted pronoun', 'In the poem the river is "she" throughout.'],
    ['two scare quotes in one sentence', 'The “eco” bags and the “green” cups cost more than before.'],
    ['a sentence-start word in capitals does not make it speech', 'Ironically, the “quick fix” took eleven years.'],
    ['a term with "as" after it', 'The plan needs a "buffer zone," which is defined as land within a mile of the coast.'],
    ['a term in a sentence that mentions a letter', 'The only "spare parts" that arrived came with a letter from the depot.'],
    ['a term after the noun "call"', 'They dropped a call for "open borders" from the platform.'],
    ['a term far after a naming verb that names something else', 'The councillor was called a fraud by rivals for selling “miracle” pills at the fair.'],
    ['a term before a naming verb that names something else', 'The “green” tram line, which the mayor called a triumph, opened in May.'],
  ];
  for (const [what, text] of scare) {
    it(what, () => assert.deepEqual(directTexts(text), []));
  }

  const kept: [string, string, string][] = [
    ['a fragment with a speech verb in the sentence', 'The mayor said the plan was “a bit rushed” but would go ahead.', '“a bit rushed”'],
    ['a fragment with a naming verb', 'Critics called the tower “an eyesore” at the hearing.', '“an eyesore”'],
    ['a fragment with a speech verb after it', 'The “mistakes” he cited were all made before 2019.', '“mistakes”'],
    ['a fragment with a participle of a speech verb', 'She ended the call stressing “calm and patience” for everyone.', '“calm and patience”'],
    ['a fragment with a capitalised speech word opening the sentence', 'According to the report, the works caused “minor delays” only.', '“minor delays”'],
    ['a fragment in a sentence with a statement noun', 'In a statement, the club promised “full refunds” to fans.', '“full refunds”'],
    ['a short quote with its speaker after it', 'The answer was “never again,” Ms. Okoro said.', '“never again,”'],
    ['a short quote that opens its sentence', '“Not yet.” That was all the coach offered.', '“Not yet.”'],
    ['a short exclamation', 'From the back of the hall came “Shame!” and then silence.', '“Shame!”'],
    ['a fragment after "as … put it"', 'The new rules are, as the union put it, "a step backwards."', '"a step backwards."'],
    ['a fragment with a signature line', 'All he has left is “the good old days.” ― Rosa Linde', '“the good old days.”'],
    ['a fragment before "as … put it"', 'The plan is "too costly by half," as a city auditor put it.', '"too costly by half,"'],
    ['a fragment after the verb "calling for"', 'The leaflet was calling for "fair rents" in the city.', '"fair rents"'],
    ['a fragment after the base form "accuse"', 'The union went on radio to accuse the board of “stalling” on wages.', '“stalling”'],
  ];
  for (const [what, text, quote] of kept) {
    it(`keeps ${what}`, () => assert.deepEqual(directTexts(text), [quote]));
  }

  it('keeps every name in a list after one naming verb', () => {
    assert.deepEqual(directTexts('The senator called her rival a "liar," a "coward" and a "bully" at the rally.'),
      ['"liar,"', '"coward"', '"bully"']);
  });
});

describe('direct quotes: straight and curly marks in one paragraph', () => {
  it('reads curly quotes inside a paragraph quoted as a whole with a straight mark left open', () => {
    const text = 'The reporter wrote:\n\n"The evening ended early. She called it a “nightmare,” and her neighbour only said “never again.”';
    assert.deepEqual(directTexts(text), ['“nightmare,”', '“never again.”']);
  });

  it('still pairs a curly mark with a straight one when a writer mixes them', () => {
    assert.deepEqual(directTexts('The engineer said there was “no sign" of damage to the bridge.'), ['“no sign"']);
    assert.deepEqual(directTexts('The engineer said it would take "two more weeks” to reopen the bridge.'), ['"two more weeks”']);
  });

  it('keeps a closed straight quote with curly quotes nested in it as one quotation', () => {
    const text = '"We read the sign: “Keep out.” Then we turned back," the hiker said.';
    const qs = direct(analyze(text));
    assert.equal(qs.length, 1);
    assert.equal(qs[0].text, '"We read the sign: “Keep out.” Then we turned back,"');
    assert.equal(qs[0].source?.text, 'the hiker');
  });
});

describe('direct quotes: a quote left open before a paragraph that opens with the other kind of mark', () => {
  // a quotation continued over paragraphs opens each of them with the same kind of mark; a
  // paragraph opened with a straight mark left open and followed by one that opens with curly
  // marks (or the other way round) is an excerpt's block quote marker, its speech quoted in the other kind
  const excerpt = 'The profile went on:\n\n"The kettle was whistling.\n\n“Come and sit down,” she said. “It is starting.”\n';

  it('drops the open quote when the next paragraph opens with the other kind', () => {
    assert.deepEqual(directTexts(excerpt), ['“Come and sit down,”', '“It is starting.”']);
    assert.deepEqual(directTexts('The diary went on:\n\n“The boat left at dawn and nobody waved.\n\n"We will be back," the captain said.\n'),
      ['"We will be back,"']);
  });

  it('looks past blank lines and Markdown block quote markers to the next paragraph', () => {
    assert.deepEqual(directTexts('The profile went on:\n\n"The kettle was whistling.\n\n\n\n“Sit down,” she said.\n'), ['“Sit down,”']);
    assert.deepEqual(directTexts('The profile went on:\n\n> "The kettle was whistling.\n>\n> “Sit down,” she said.\n'), ['“Sit down,”']);
  });

  it('keeps a quote continued with the same kind of mark, or before a paragraph with no mark', () => {
    assert.deepEqual(directTexts('The mayor wrote:\n\n"The port needs new cranes. We have waited nine years for them.\n\n' +
      '"The dredging comes first, and the state has to help."\n'),
    ['"The port needs new cranes. We have waited nine years for them.', '"The dredging comes first, and the state has to help."']);
    assert.deepEqual(directTexts('The mayor wrote:\n\n"The port needs new cranes. We have waited nine years for them.\n\nThe letter went out on Monday.\n'),
      ['"The port needs new cranes. We have waited nine years for them.']);
  });

  it('keeps a quote opened inside its paragraph', () => {
    assert.deepEqual(directTexts('Ms. Lee told reporters at the depot: "We are not giving up on the line, whatever the board says.\n\n' +
      '“The vote is on Tuesday,” Mr. Ortiz said.\n'),
    ['"We are not giving up on the line, whatever the board says.', '“The vote is on Tuesday,”']);
  });

  it('the incremental analyzer agrees with a full analysis when an edit changes the mark the next paragraph opens with', function () {
    this.timeout(20000);
    // the excerpt's first paragraph is the last one before a checkpoint (every 16 paragraphs)
    const filler: string[] = [];
    for (let i = 0; i < 14; i++) filler.push(`The ferry number ${i + 1} left the harbour on time.`);
    const text = `${filler.join('\n\n')}\n\n${excerpt}\nThe ferry number 15 left the harbour late.\n`;
    const inc = new IncrementalAnalyzer();
    inc.analyze(text);
    const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
    for (let at = 0; at < text.length; at = text.indexOf('\n', at) + 1 || text.length) {
      // insert or replace the paragraph's first character, then undo the edit
      for (const ins of ['"', '“', 'x', '\n', '']) {
        for (const del of ins ? [0, 1] : [1]) {
          const edited = text.slice(0, at) + ins + text.slice(at + del);
          assert.deepEqual(json(inc.update(edited, { start: at, end: at + del, newLength: ins.length })), json(analyze(edited)), `${JSON.stringify(ins)} at ${at}`);
          assert.deepEqual(json(inc.update(text, { start: at, end: at + ins.length, newLength: del })), json(analyze(text)), `undo at ${at}`);
        }
      }
    }
    assertIncrementalEqualsFull(text, 47, 'a ."“”\n');
  });
});

describe('speakers: words that cannot name a speaker', () => {
  function sourceOf(text: string): string | undefined {
    const q = direct(analyze(text))[0];
    assert.ok(q, `no direct quote in ${JSON.stringify(text)}`);
    return q.source?.text;
  }

  it('never takes a sentence adverb or an opening preposition for the speaker', () => {
    assert.notEqual(sourceOf('Meanwhile, the union attacked the mayor, saying he “has failed the workers of this town.”'), 'Meanwhile');
    assert.notEqual(sourceOf('After saying the water was “perfectly safe to drink,” she was taken to hospital.'), 'After');
  });

  it('never takes a weekday for the speaker', () => {
    assert.notEqual(sourceOf('Hospital officials met with families early Friday saying that the ward was “ready to reopen.”'), 'Friday');
    assert.notEqual(sourceOf('“We will appeal the ruling,” Senate Minority Leader Anna Berg, D-Ore., said Tuesday.'), 'Tuesday');
  });

  it('reads past "on Tuesday" between the speaker and the cue', () => {
    const a = analyze('Mayor Lena Ortiz on Tuesday said the bridge will reopen in May.');
    const q = a.quotes.find((x) => x.kind === 'indirect');
    assert.ok(q?.source?.text.includes('Lena Ortiz'), JSON.stringify(a.quotes));
  });
});

describe('speakers: participles and noun-like cues', () => {
  function sourceOf(text: string): string | undefined {
    return direct(analyze(text))[0]?.source?.text;
  }

  it('gives a quote after ", saying" to the subject of the clause', () => {
    assert.equal(sourceOf('Meanwhile, the union attacked the mayor, saying he “has failed the workers of this town.”'), 'the union');
    assert.equal(sourceOf('The coach praised the keeper, saying she “kept us in the game all night.”'), 'The coach');
  });

  it('gives a quote inside an opening participle clause to the subject after it', () => {
    assert.equal(sourceOf('After saying the water was “perfectly safe to drink,” she was taken to hospital.'), 'she');
    assert.equal(sourceOf('Bemoaning the “broken system,” Smith accused the board of bias.'), 'Smith');
  });

  it('skips an adverb and an opening phrase to the clause subject, and makes no person of a name it passes', () => {
    const text = 'However, in the filing, it described the fund as Rural Water Relief Fund, adding the words "and Drought" to the name.';
    const a = analyze(text);
    assert.equal(direct(a)[0]?.source?.text, 'it');
    assert.ok(!a.entities.some((e) => e.type === 'person'), JSON.stringify(a.entities));
  });

  it('reads a signature line that starts with "The"', () => {
    const q = direct(analyze('"Floods close the coast road." — The Harbour Gazette, 3 May'))[0];
    assert.equal(q?.source?.text, 'The Harbour Gazette');
  });

  it('does not take a plural noun that looks like a cue for one ("of Labour claims")', () => {
    assert.notEqual(sourceOf('The site rated 30% of Labour claims as “false” last year.'), 'Labour');
  });
});

describe('speakers: roles before a name and "according to" after the quote', () => {
  it('reads a role and a party label between the quote and the cue', () => {
    const q = direct(analyze('“We will appeal the ruling,” Senate Minority Leader Anna Berg, D-Ore., said Tuesday.'))[0];
    assert.equal(q.source?.text, 'Anna Berg');
    assert.equal(q.cue?.text, 'said');
  });

  it('does not take the object of a preposition for the speaker', () => {
    const q = direct(analyze('Residents marching through the streets chanted “Not in our name!” until midnight.'))[0];
    assert.equal(q.source?.text, 'Residents');
  });

  it('takes "according to X" later in the quote’s sentence, not in the next sentence', () => {
    const q = direct(analyze('The band was greeted with chants of “Encore!” at the festival, according to organiser Tom Reyes.'))[0];
    assert.equal(q.source?.text, 'organiser Tom Reyes');
    assert.equal(q.rule, 'according-to');
    const r = direct(analyze('The minister asked the council to act "without delay." The vote is on Monday, according to an aide.'))[0];
    assert.notEqual(r.source?.text, 'an aide');
  });
});
