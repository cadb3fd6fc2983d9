import * as assert from 'node:assert/strict';
import { analyze, IncrementalAnalyzer, parseHeader, slug } from '../../../src/core/analysis';
import { EditedText } from '../../../src/core/store/edits';
import type { Analysis, Quote } from '../../../src/core/model';
import { prng } from '../../support/prng';

const SAMPLE = ` date 2021-05-18 Afghanistan believes all levers of influence should be used to strengthen Afghanistan-China strategic relations

AT News

KABUL: Top Chinese diplomat assured the Afghan authorities of all-out support and expressed readiness to facilitate internal negotiations.

NSA Hamdullah Mohib had a telephonic conversation with China State Councilor and Foreign Minister Wang Yi, who offered China’s full support for peace and said China wants an independent, sovereign and unified Afghanistan, adding that a political settlement is the only viable solution.

“The NSA and Minister Wang Yi identified terrorism as a common threat that both sides should fight. Minister Wang Yi offered that China can increase its efforts, including regionally, in support of peace in Afghanistan,” Mohib’s office said in a statement.

Expressing China’s pledge to assist in provision of COVAX and laboratory equipment, Mr. Wang assured Minister Atmar of China’s continued assistance.

In a telephone conversation with Hamdullah Mohib, national security advisor to Afghan president, Wang said China and Afghanistan are traditional friendly neighbors, Chinese media reported.

Wang added that China is ready to continue to support Afghanistan on issues concerning its core interest.

Wang stressed that China endorses the “Afghan-led, Afghan-owned” principle and supports all parties in Afghanistan.

For his part, Mohib said the peace and reconciliation process in Afghanistan could go through a difficult period.

Afghanistan adheres to the one-China policy and firmly supports China in safeguarding its own sovereignty, Mohib said, adding that Afghanistan resolutely fights all forms of terrorism.
`;

function ents(a: Analysis, type: string): string[] {
  return a.entities.filter((e) => e.type === type).map((e) => e.text);
}

function quoteContaining(a: Analysis, needle: string, kind?: Quote['kind']): Quote {
  const q = a.quotes.find((x) => x.text.includes(needle) && (!kind || x.kind === kind));
  assert.ok(q, `no ${kind ?? ''} quote containing ${JSON.stringify(needle)}: ${JSON.stringify(a.quotes.map((x) => x.text))}`);
  return q;
}

function checkInvariants(text: string, a: Analysis): void {
  for (const e of a.entities) {
    assert.equal(text.slice(e.start, e.end), e.text);
    assert.equal(e.origin, 'auto');
    assert.equal(e.status, 'suggested');
  }
  for (const q of a.quotes) {
    assert.equal(text.slice(q.start, q.end), q.text);
    if (q.source) assert.equal(text.slice(q.source.start, q.source.end), q.source.text);
    if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
    if (q.speaker) assert.ok(a.speakers.some((s) => s.id === q.speaker), `unknown speaker ${q.speaker}`);
  }
  a.entities.forEach((e, i) => assert.equal(e.id, `e${i + 1}`));
  a.quotes.forEach((q, i) => assert.equal(q.id, `q${i + 1}`));
  for (let i = 1; i < a.quotes.length; i++) assert.ok(a.quotes[i - 1].start <= a.quotes[i].start);
  assert.equal(new Set(a.speakers.map((s) => s.id)).size, a.speakers.length);
}

describe('analysis engine: the sample article', () => {
  const a = analyze(SAMPLE);

  it('keeps offsets, ids and origins consistent', () => checkInvariants(SAMPLE, a));

  it('reads the header', () => {
    assert.equal(a.article.date, '2021-05-18');
    assert.equal(a.article.outlet, 'AT News');
    assert.ok(a.article.title?.startsWith('Afghanistan believes'));
  });

  it('splits titles and roles off names', () => {
    const wang = a.entities.find((e) => e.text === 'Wang Yi' && e.role);
    assert.ok(wang);
    assert.equal(wang.type, 'person');
    assert.equal(wang.role, 'State Councilor and Foreign Minister');
    const mohib = a.entities.find((e) => e.text === 'Hamdullah Mohib');
    assert.equal(mohib?.role, 'NSA');
  });

  it('finds places: datelines, hyphenated pairs, countries', () => {
    const places = ents(a, 'place');
    assert.ok(places.includes('KABUL'));
    assert.ok(places.includes('China'));
    const hy = SAMPLE.indexOf('Afghanistan-China');
    assert.ok(a.entities.some((e) => e.start === hy && e.text === 'Afghanistan' && e.type === 'place'));
    assert.ok(a.entities.some((e) => e.start === hy + 12 && e.text === 'China' && e.type === 'place'));
    assert.ok(!places.includes('Afghan'), 'demonyms are not places');
  });

  it('resolves short names to the earlier full name, one speaker with aliases', () => {
    const wang = a.speakers.find((s) => s.id === 'wang-yi');
    assert.ok(wang);
    assert.equal(wang.name, 'Wang Yi');
    assert.equal(wang.kind, 'person');
    assert.ok(wang.aliases.includes('Wang'));
    assert.ok(wang.aliases.includes('Mr. Wang'));
    assert.ok(wang.aliases.includes('Minister Wang Yi'));
    const mohib = a.speakers.find((s) => s.id === 'hamdullah-mohib');
    assert.ok(mohib?.aliases.includes('Mohib'));
    const short = a.entities.filter((e) => e.text === 'Wang');
    assert.ok(short.length >= 3);
    for (const e of short) assert.equal(e.speaker, 'wang-yi');
  });

  it('attributes the direct quote to Mohib’s office', () => {
    const q = quoteContaining(a, 'The NSA and Minister Wang Yi identified', 'direct');
    assert.ok(q.text.startsWith('“') && q.text.endsWith('”'));
    assert.equal(q.speaker, 'mohibs-office');
    assert.equal(q.source?.text, 'Mohib’s office');
    assert.equal(q.cue?.text, 'said');
    assert.equal(q.rule, 'after-quote');
    assert.ok((q.confidence ?? 0) > 0.9);
    const office = a.speakers.find((s) => s.id === 'mohibs-office');
    assert.equal(office?.kind, 'organization');
  });

  it('finds reported speech with its speaker', () => {
    const added = quoteContaining(a, 'China is ready to continue', 'indirect');
    assert.equal(added.speaker, 'wang-yi');
    assert.equal(added.cue?.text, 'added');
    assert.ok(!added.text.startsWith('that'));
    const stressed = quoteContaining(a, 'China endorses', 'indirect');
    assert.equal(stressed.cue?.text, 'stressed');
    const part = quoteContaining(a, 'the peace and reconciliation process', 'indirect');
    assert.equal(part.speaker, 'hamdullah-mohib');
  });

  it('splits "X said, adding that" into two passages', () => {
    const first = quoteContaining(a, 'Afghanistan adheres to the one-China policy', 'indirect');
    const second = quoteContaining(a, 'Afghanistan resolutely fights', 'indirect');
    assert.notEqual(first.id, second.id);
    assert.ok(first.end <= second.start);
    assert.equal(first.speaker, 'hamdullah-mohib');
    assert.equal(second.speaker, 'hamdullah-mohib');
    assert.equal(second.rule, 'adding-that');
    assert.equal(second.text.startsWith('Afghanistan resolutely'), true);
  });

  it('lets groups speak ("Chinese media reported")', () => {
    const q = quoteContaining(a, 'traditional friendly neighbors', 'indirect');
    assert.equal(q.source?.text, 'Chinese media');
    assert.equal(q.speaker, 'chinese-media');
    assert.equal(a.speakers.find((s) => s.id === 'chinese-media')?.kind, 'group');
  });

  it('finds a scare quote inside reported speech', () => {
    const q = quoteContaining(a, 'Afghan-led, Afghan-owned', 'direct');
    assert.equal(q.text, '“Afghan-led, Afghan-owned”');
  });

  it('finds dates', () => {
    assert.ok(ents(a, 'date').includes('2021-05-18'));
  });
});

describe('analysis engine: direct quotes', () => {
  it('handles straight, curly and guillemet quotes and speaker after the quote', () => {
    for (const [open, close] of [['"', '"'], ['“', '”'], ['«', '»']]) {
      const t = `The talks went well. ${open}We are ready to sign the deal,${close} said Maria Lopez, the negotiator.`;
      const a = analyze(t);
      checkInvariants(t, a);
      const q = quoteContaining(a, 'We are ready', 'direct');
      assert.equal(q.text, `${open}We are ready to sign the deal,${close}`);
      assert.equal(q.source?.text, 'Maria Lopez');
      assert.equal(q.speaker, 'maria-lopez');
      assert.equal(q.rule, 'after-quote-inverted');
    }
  });

  it('keeps nested single quotes inside the double quote', () => {
    const t = 'Smith said: “They told me ‘never again’ and I believed them.” Then he left.';
    const a = analyze(t);
    const direct = a.quotes.filter((q) => q.kind === 'direct');
    assert.equal(direct.length, 1);
    assert.ok(direct[0].text.includes('‘never again’'));
    assert.equal(direct[0].source?.text, 'Smith');
    assert.equal(direct[0].rule, 'before-quote');
  });

  it('handles quotes of several sentences and a speaker in the middle', () => {
    const t = '“We came here to talk. We will stay until it is done,” John Carter said. “Nobody leaves early.”';
    const a = analyze(t);
    const qs = a.quotes.filter((q) => q.kind === 'direct');
    assert.equal(qs.length, 2);
    assert.equal(qs[0].speaker, 'john-carter');
    assert.equal(qs[1].speaker, 'john-carter');
    assert.equal(qs[1].rule, 'continuation');
  });

  it('continues a quote over paragraphs', () => {
    const t = 'Mary Jones spoke at length.\n\n“The first thing is the budget, and it is late.\n\n“The second thing is the schedule,” she said.\n\n“Third, we need people.”';
    const a = analyze(t);
    checkInvariants(t, a);
    const qs = a.quotes.filter((q) => q.kind === 'direct');
    assert.equal(qs.length, 3);
    assert.ok(qs[0].text.startsWith('“The first thing') && qs[0].text.endsWith('late.'), 'an open quote stops at the paragraph end');
    assert.equal(qs[1].source?.text, 'she');
    assert.equal(qs[1].speaker, 'mary-jones');
    assert.equal(qs[2].speaker, 'mary-jones');
  });

  it('resolves pronouns to the nearest compatible person', () => {
    const t = 'Maria Lopez met John Carter in Paris.\n\n“We agreed on nothing,” she said.\n\n“It was a waste,” he said.';
    const a = analyze(t);
    const [q1, q2] = a.quotes.filter((q) => q.kind === 'direct');
    assert.equal(q1.source?.text, 'she');
    assert.equal(q1.speaker, 'maria-lopez');
    assert.equal(q2.source?.text, 'he');
    assert.equal(q2.speaker, 'john-carter');
  });

  it('never lets an unbalanced mark run away', () => {
    const t = 'He said “this is not closed and the sentence goes on\n\nA second paragraph without any quote mark, Smith said.\n\nA third one with a stray ” mark and more text.';
    const a = analyze(t);
    checkInvariants(t, a);
    const firstBreak = t.indexOf('\n');
    for (const q of a.quotes.filter((x) => x.kind === 'direct')) {
      assert.ok(!q.text.includes('\n'), `quote crosses a paragraph: ${JSON.stringify(q.text)}`);
      if (q.start < firstBreak) assert.ok(q.end <= firstBreak);
    }
  });

  it('skips quote marks in headlines with single quotes and apostrophes', () => {
    const a = analyze('Barlow’s ‘Big Plan’ For Cities Is Doomed\n\nIt’s the voters’ choice, the mayor’s aide said.');
    assert.equal(a.quotes.filter((q) => q.kind === 'direct').length, 0);
  });
});

describe('analysis engine: reported speech', () => {
  const cases: [string, string, string, string][] = [
    ['Wang said China is ready to help its neighbours.', 'China is ready to help its neighbours', 'Wang', 'said'],
    ['Mohib said that the process could be difficult.', 'the process could be difficult', 'Mohib', 'said'],
    ['The economy will grow by three percent next year, Sarah Kim said.', 'The economy will grow by three percent next year', 'Sarah Kim', 'said'],
    ['The economy will grow by three percent next year, said Sarah Kim.', 'The economy will grow by three percent next year', 'Sarah Kim', 'said'],
    ['According to Sarah Kim, the economy will grow next year.', 'the economy will grow next year', 'Sarah Kim', 'According'],
    ['The economy will grow next year, according to the central bank.', 'The economy will grow next year', 'the central bank', 'according'],
    ['Peter Novak told reporters the talks had failed badly.', 'the talks had failed badly', 'Peter Novak', 'told'],
    ['Peter Novak warned that the talks had failed badly.', 'the talks had failed badly', 'Peter Novak', 'warned'],
    ['Peter Novak noted that the talks had failed badly.', 'the talks had failed badly', 'Peter Novak', 'noted'],
    ['The troops will stay until June, a senior official said.', 'The troops will stay until June', 'a senior official', 'said'],
  ];
  for (const [text, content, source, cue] of cases) {
    it(JSON.stringify(text), () => {
      const a = analyze(text);
      checkInvariants(text, a);
      const q = quoteContaining(a, content, 'indirect');
      assert.equal(q.text, content);
      assert.equal(q.source?.text, source);
      assert.equal(q.cue?.text, cue);
      assert.ok(q.speaker);
    });
  }

  it('does not report sentences without a speech cue', () => {
    const a = analyze('The minister visited the border town on Tuesday and met farmers. Prices rose sharply.');
    assert.equal(a.quotes.length, 0);
  });
});

describe('analysis engine: text forms', () => {
  it('returns an empty analysis for empty text', () => {
    assert.deepEqual(analyze(''), { article: {}, speakers: [], entities: [], quotes: [] });
    assert.deepEqual(analyze('\n\n  \n').quotes, []);
  });

  it('keeps UTF-16 offsets with CRLF line ends', () => {
    const t = SAMPLE.replace(/\n/g, '\r\n');
    const a = analyze(t);
    checkInvariants(t, a);
    assert.equal(a.article.outlet, 'AT News');
    assert.equal(quoteContaining(a, 'The NSA and Minister', 'direct').speaker, 'mohibs-office');
  });

  it('keeps UTF-16 offsets with emoji and astral characters', () => {
    const t = '🚀🚀 Big news 𝒳. “We won 🎉 today,” said Maria Lopez in 𝕻aris and Berlin.';
    const a = analyze(t);
    checkInvariants(t, a);
    const q = quoteContaining(a, 'We won', 'direct');
    assert.equal(q.start, t.indexOf('“'));
    assert.equal(q.speaker, 'maria-lopez');
    const berlin = a.entities.find((e) => e.text === 'Berlin');
    assert.equal(berlin?.start, t.indexOf('Berlin'));
  });

  it('reads Markdown articles: headings, emphasis, front matter', () => {
    const t = '---\ntitle: Talks resume\ndate: 2021-05-18\noutlet: AT News\n---\n\n# Talks resume in *Kabul*\n\n**Wang Yi** said _China_ is ready to support Afghanistan.\n\n“We are ready,” *Wang* said.';
    const a = analyze(t);
    checkInvariants(t, a);
    assert.deepEqual(a.article, { title: 'Talks resume', date: '2021-05-18', outlet: 'AT News' });
    assert.ok(a.entities.every((e) => e.start > t.indexOf('# Talks')), 'front matter is not analysed');
    assert.ok(ents(a, 'place').includes('Kabul'));
    assert.equal(quoteContaining(a, 'China', 'indirect').speaker, 'wang-yi');
    assert.equal(quoteContaining(a, 'We are ready', 'direct').speaker, 'wang-yi');
  });
});

describe('parseHeader', () => {
  it('reads the " date YYYY-MM-DD Title" line and the outlet', () => {
    assert.deepEqual(parseHeader(' date 2021-05-18 A title here\n\nAT News\n\nBody text.').article,
      { date: '2021-05-18', title: 'A title here', outlet: 'AT News' });
  });
  it('is lenient: no leading space, one-digit month, no blank line', () => {
    assert.deepEqual(parseHeader('Date: 2021-5-8 Title\nThe Outlet\nBody.').article,
      { date: '2021-05-08', title: 'Title', outlet: 'The Outlet' });
  });
  it('does not take a sentence for the outlet', () => {
    assert.equal(parseHeader(' date 2021-05-18 T\n\nThe minister said this is a long sentence.').article.outlet, undefined);
  });
  it('gives nothing for articles without a header, a Markdown title for Markdown', () => {
    assert.deepEqual(parseHeader('Just a story.\n\nMore.').article, {});
    assert.deepEqual(parseHeader('# The *Title*\n\nBody').article, { title: 'The Title' });
  });
});

describe('analysis engine: gazetteer', () => {
  it('forces names and aliases and ignores what the user ignores', () => {
    const t = 'Acme Widgets said profits rose. The WidgetCo chief, Zorblat, said prices fell. Paris was quiet, Zorblat said.';
    const a = analyze(t, {
      gazetteer: {
        entries: [
          { name: 'Acme Widgets', type: 'organization', aliases: ['WidgetCo'] },
          { name: 'Zorblat Quux', type: 'person', aliases: ['Zorblat'] },
        ],
        ignore: ['Paris'],
      },
    });
    checkInvariants(t, a);
    assert.ok(!a.entities.some((e) => e.text === 'Paris'));
    const z = a.entities.filter((e) => e.text === 'Zorblat');
    assert.equal(z.length, 2);
    assert.ok(z.every((e) => e.type === 'person' && e.speaker === 'zorblat-quux'));
    assert.equal(a.entities.find((e) => e.text === 'WidgetCo')?.type, 'organization');
    assert.ok(a.quotes.some((q) => q.speaker === 'zorblat-quux'));
  });

  it('makes slugs', () => {
    assert.equal(slug('Mohib’s office'), 'mohibs-office');
    assert.equal(slug('Wang Yi'), 'wang-yi');
    assert.equal(slug('José Martí'), 'jose-marti');
  });
});


/**
 * 2,500 random edits of an article's start (header included); after them `update` equals
 * `analyze`. `viaPieces`: the text handed over as an editor keeps it while typing (EditedText,
 * changed in place), not as a string.
 */
function randomEditsEqualFull(viaPieces: boolean): void {
  const r = prng(20240518);
  const pieces = ['“', '”', '"', '‘', '’', '«', '»', '\n', '\n\n', '\r\n', ' ', ',', '.', ' said ', ', adding that ', 'Wang ',
    'Mohib', ' he said.', 'According to Wang, ', 'KABUL: ', '-', 'Mr. ', 'she ', '🚀', 'x', 'a', ' date 2021-05-18 ', '---\n'];
  const inc = new IncrementalAnalyzer();
  let text = SAMPLE.slice(0, 1800);
  const view = new EditedText(text);
  assert.deepEqual(inc.analyze(text), analyze(text));
  let edits = 0;
  for (let i = 0; i < 2500; i++) {
    const kind = r();
    let start = Math.floor(r() * (text.length + 1));
    let end = start;
    let ins = '';
    if (kind < 0.35) ins = pieces[Math.floor(r() * pieces.length)];
    else if (kind < 0.6) end = Math.min(text.length, start + 1 + Math.floor(r() * (r() < 0.8 ? 3 : 60)));
    else if (kind < 0.8) { end = Math.min(text.length, start + Math.floor(r() * 10)); ins = pieces[Math.floor(r() * pieces.length)]; }
    else if (kind < 0.9) {
      // join or split paragraphs
      const nl = text.indexOf('\n', start);
      if (nl >= 0 && r() < 0.5) { start = nl; end = Math.min(text.length, nl + 2); } else ins = '\n\n';
    } else {
      // move a sentence: delete a chunk and reinsert it elsewhere (two edits)
      end = Math.min(text.length, start + Math.floor(r() * 200));
    }
    if (text.length > 4000) { end = Math.min(text.length, start + 500); ins = ''; }
    const next = text.slice(0, start) + ins + text.slice(end);
    view.apply(start, end, ins);
    const got = inc.update(viaPieces ? view : next, { start, end, newLength: ins.length });
    text = next;
    edits++;
    if (i % 5 === 0 || i > 2400) assert.deepEqual(got, analyze(text), `edit ${i} diverged`);
  }
  assert.equal(edits, 2500);
}

describe('IncrementalAnalyzer', () => {
  it('equals a full analysis after thousands of random edits', function () {
    this.timeout(30000);
    randomEditsEqualFull(false);
  });

  it('equals a full analysis after thousands of random edits handed over as pieces, never made whole', function () {
    this.timeout(30000);
    randomEditsEqualFull(true);
  });

  it('equals a full analysis after edits of names and quotes in a long article (resumed walks that stop early)', function () {
    this.timeout(60000);
    const r = prng(777);
    const names = ['Maria Chen', 'John Karimi', 'Li Novak', 'Sarah Haddad', 'Omar Rossi', 'Elena Tanaka'];
    const paras: string[] = [];
    for (let i = 0; i < 260; i++) {
      const n = names[Math.floor(r() * names.length)];
      const last = n.split(' ')[1];
      const k = Math.floor(r() * 6);
      if (k === 0) paras.push(`“The talks will resume next week,” ${n} said in Kabul on Tuesday.`);
      else if (k === 1) paras.push(`The budget had been approved, ${last} said, adding that prices were expected to fall.`);
      else if (k === 2) paras.push(`According to the World Bank, security in the region had improved.`);
      else if (k === 3) paras.push(`${n} warned that the vote was postponed. “It is hard news,” she said.`);
      else if (k === 4) paras.push(`“More work is needed, and nobody was hurt.\n\n“We will not stop,” said ${n}.`);
      else paras.push(`Officials in Paris met Reuters to discuss the new policy.`);
    }
    let text = paras.join('\n\n');
    const pieces = ['“', '”', '"', ' said ', ', adding that ', 'Wang ', 'Chen', ' he said.', 'According to Karimi, ', 'Maria ',
      'x', 'e', '.', ',', ' ', 'The ', '\n\n', '\n', 'Reuters ', 'Li '];
    const inc = new IncrementalAnalyzer();
    assert.deepEqual(inc.analyze(text), analyze(text));
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(r() * (text.length + 1));
      const kind = r();
      let end = start;
      let ins = '';
      if (kind < 0.5) ins = pieces[Math.floor(r() * pieces.length)];
      else if (kind < 0.8) end = Math.min(text.length, start + 1 + Math.floor(r() * 6));
      else { end = Math.min(text.length, start + Math.floor(r() * 8)); ins = pieces[Math.floor(r() * pieces.length)]; }
      const next = text.slice(0, start) + ins + text.slice(end);
      const got = inc.update(next, { start, end, newLength: ins.length });
      text = next;
      assert.deepEqual(got, analyze(text), `edit ${i} (${JSON.stringify(ins)} at ${start}) diverged`);
    }
  });

  it('keeps an analysis it returned unchanged by the next update that walks again', () => {
    const inc = new IncrementalAnalyzer();
    const t = Array.from({ length: 40 }, (_, i) => `“Point ${i},” Wang Yi said. Mohib added that talks went well.`).join('\n\n');
    const first = inc.analyze(t);
    const snapshot = JSON.stringify({ n: first.entities.length, q: first.quotes.length });
    const pos = t.indexOf('Mohib', t.length / 2);
    const next = t.slice(0, pos) + 'The minister' + t.slice(pos + 5);
    const got = inc.update(next, { start: pos, end: pos + 5, newLength: 12 });
    assert.deepEqual(got, analyze(next));
    assert.equal(JSON.stringify({ n: first.entities.length, q: first.quotes.length }), snapshot);
  });

  it('falls back to a full analysis when the change does not fit the text', () => {
    const inc = new IncrementalAnalyzer();
    inc.analyze('Wang said China is ready to help.');
    const t = 'Completely different text, Mohib said.';
    assert.deepEqual(inc.update(t, { start: 0, end: 1, newLength: 1 }), analyze(t));
  });
});

describe('analysis engine: speaker rules', () => {
  function direct(a: Analysis): Quote[] {
    return a.quotes.filter((q) => q.kind === 'direct');
  }

  it('matches a short name with a name particle in any case ("De Vries" = "Marieke de Vries")', () => {
    const t = '“We want a deal,” said Marieke de Vries, the union’s negotiator.\n\nDe Vries said the union was ready to talk again on Monday.';
    const a = analyze(t);
    checkInvariants(t, a);
    assert.equal(a.speakers.filter((s) => s.kind === 'person').length, 1);
    assert.equal(quoteContaining(a, 'the union was ready', 'indirect').speaker, 'marieke-de-vries');
  });

  it('does not take a first name after an article for a person ("the Port of Rotterdam")', () => {
    const a = analyze('Dock workers at the Port of Rotterdam stayed home on Tuesday, the union said.');
    assert.ok(!a.entities.some((e) => e.text === 'Port' && e.type === 'person'));
    assert.ok(!a.speakers.some((s) => s.name === 'Port'));
  });

  it('reads a signature line after a quote (“…” ― Name)', () => {
    const t = 'Readers wrote in.\n\n“He never gives a straight answer.” ― Helen Marsh\n“I worry about what comes next.” ― Victor Salas';
    const [q1, q2] = direct(analyze(t));
    assert.equal(q1.source?.text, 'Helen Marsh');
    assert.equal(q1.rule, 'dash-attribution');
    assert.equal(q2.source?.text, 'Victor Salas');
  });

  it('skips a party label and a lead-in before the speaker after a quote', () => {
    const a = analyze('“It is a warning bell,” Rep. Nora Feld (D-Ore.) said Friday.');
    assert.equal(direct(a)[0].source?.text, 'Rep. Nora Feld');
    assert.equal(direct(a)[0].speaker, 'nora-feld');
    const b = analyze('“We will find the truth,” Fresno police Chief Walter Brandt said Monday.');
    assert.ok(direct(b)[0].source?.text.endsWith('Walter Brandt'));
    assert.equal(direct(b)[0].speaker, 'walter-brandt');
  });

  it('finds the speaker before a long appositive of several parts', () => {
    const t = '“It is a grab at the state budget,” Dennis Carrow, the Democratic attorney general of Nevada, one of the states challenging the board, said at a rally.';
    assert.equal(direct(analyze(t))[0].source?.text, 'Dennis Carrow');
    const u = 'Dennis Carrow, the Democratic attorney general of Nevada, one of the states challenging the board, said the fee was unlawful.';
    assert.equal(quoteContaining(analyze(u), 'the fee was unlawful', 'indirect').source?.text, 'Dennis Carrow');
  });

  it('gives a quoted fragment inside reported speech the reported speaker', () => {
    const t = 'A clerk who “pockets a few coins” is punished at once, Halvorsen said.';
    const q = direct(analyze(t))[0];
    assert.equal(q.source?.text, 'Halvorsen');
    assert.equal(q.rule, 'inside-reported');
  });

  it('continues a speaker over a list of quoted fragments', () => {
    const t = 'Dunmore called Pike a “reckless gambler,” a “habitual fibber,” a “coward” and a “braggart.”';
    const qs = direct(analyze(t));
    assert.equal(qs.length, 4);
    for (const q of qs) assert.equal(q.source?.text, 'Dunmore', q.text);
  });

  it('takes the speaker of a “He said:” paragraph for the quote that follows', () => {
    const t = 'Maria Lopez spoke about the city.\n\nShe said:\n\n“Our bus routes need a complete overhaul.”';
    const q = direct(analyze(t))[0];
    assert.equal(q.source?.text, 'She');
    assert.equal(q.speaker, 'maria-lopez');
  });

  it('does not give a mid-sentence quote to the subject of the next sentence', () => {
    const t = 'Whitfield says Barlow’s “remarks are beneath an officeholder.” Her aides say it shows his temper.';
    const q = direct(analyze(t))[0];
    assert.equal(q.source?.text, 'Whitfield');
  });
});

describe('analysis engine: more reported speech', () => {
  it('splits an attribution placed mid-sentence', () => {
    const a = analyze('Water policy, Mr. Calloway often says, is the biggest worry for young families.');
    const qs = a.quotes.filter((q) => q.kind === 'indirect');
    assert.equal(qs.length, 2);
    assert.ok(qs.every((q) => q.source?.text === 'Calloway' || q.source?.text === 'Mr. Calloway'));
    assert.equal(qs[0].text, 'Water policy');
    assert.ok(qs[1].text.startsWith('is the biggest worry'));
  });

  it('accepts a short time or place tail after the cue', () => {
    const a = analyze('The budget is a slap at every renter, senior city lawmakers said Thursday afternoon in a statement.');
    const q = quoteContaining(a, 'The budget is a slap', 'indirect');
    assert.equal(q.source?.text, 'senior city lawmakers');
  });

  it('reads cues with a statement or place between the verb and "that", and verbs without "that"', () => {
    const a = analyze('Ashford says at a town hall in Eugene, Oregon, that it means Keller never paid rent.');
    assert.equal(quoteContaining(a, 'it means Keller never paid', 'indirect').source?.text, 'Ashford');
    const b = analyze('Last month, the Ashford administration announced it had met its target of 5,000 new homes.');
    assert.ok(quoteContaining(b, 'it had met its target', 'indirect').source?.text.endsWith('administration'));
  });

  it('never reports the date of a header line', () => {
    const a = analyze(' date 2022-09-14 Swiss glaciers lost six percent of their ice this year, researchers say\n\nGlacier Monitor\n\nBody text.');
    for (const q of a.quotes) assert.ok(!q.text.includes('2022'), q.text);
  });
});

describe('IncrementalAnalyzer: shared objects', () => {
  it('stays equal to a full analysis while a caller moves the returned spans (as the store does)', function () {
    this.timeout(30000);
    const r = prng(7);
    const inc = new IncrementalAnalyzer();
    let text = SAMPLE + '\n\n“We are ready,” Wang said.\n\n“And we will stay,” he added.\n';
    let held = inc.analyze(text);
    for (let i = 0; i < 400; i++) {
      const start = Math.floor(r() * (text.length + 1));
      const end = r() < 0.3 ? Math.min(text.length, start + 1) : start;
      const ins = r() < 0.7 ? 'abc ,.“”\nW'[Math.floor(r() * 10)] : '';
      const next = text.slice(0, start) + ins + text.slice(end);
      const d = ins.length - (end - start);
      // the store shifts every span it holds, nested source and cue spans included
      for (const q of held.quotes) {
        for (const sp of [q, q.source, q.cue]) {
          if (sp && sp.start >= end) { sp.start += d; sp.end += d; }
        }
      }
      for (const e of held.entities) if (e.start >= end) { e.start += d; e.end += d; }
      held = inc.update(next, { start, end, newLength: ins.length });
      text = next;
      assert.deepEqual(held, analyze(text), `edit ${i} diverged`);
    }
  });
});

describe('analysis engine: cues and phrases', () => {
  it('reads a participle clause after a comma: "…, arguing that …"', () => {
    const a = analyze('The newspaper filed a request to open the files, arguing that the town had a right to see them.');
    const q = quoteContaining(a, 'the town had a right to see them', 'indirect');
    assert.equal(q.rule, 'participle');
    assert.equal(q.cue?.text, 'arguing');
  });

  it('reads promises and appeals with an infinitive', () => {
    const a = analyze('Ostrander pledged to fight for a new law on school lunches.');
    assert.ok(quoteContaining(a, 'to fight for a new law', 'indirect').source?.text.includes('Ostrander'));
    const b = analyze('In his address, Pollard urged Democrats to back the new transit levy.');
    assert.equal(quoteContaining(b, 'Democrats to back the new', 'indirect').cue?.text, 'urged');
  });

  it('reads a noun-phrase content after "announced"', () => {
    const a = analyze('Officials announced the capture of a suspect in the burglary of a bakery.');
    assert.ok(quoteContaining(a, 'the capture of a suspect', 'indirect'));
  });

  it('reads weak cues only with an explicit complement', () => {
    const a = analyze('Auditors also asked whether the contracts obliged the vendors to report.');
    assert.ok(quoteContaining(a, 'the contracts obliged', 'indirect'));
    const b = analyze('Peter Novak asked the committee for more time and left the room early.');
    assert.equal(b.quotes.filter((q) => q.kind === 'indirect').length, 0);
  });

  it('does not take a listener and a time for what was said', () => {
    const a = analyze('Garrett told Dana O\'Connell of River Radio this week that the judges were biased.');
    assert.equal(quoteContaining(a, 'the judges were biased', 'indirect').source?.text, 'Garrett');
    const b = analyze('Lindqvist said Friday as he reached the summit.');
    assert.equal(b.quotes.length, 0);
  });

  it('attributes to the antecedent of "who said"', () => {
    const a = analyze('Garrett declined to pay a plumber who said he was cheated after he rebuilt a kitchen.');
    const q = quoteContaining(a, 'he was cheated', 'indirect');
    assert.ok(q.source);
  });

  it('reads "as X put it" next to a quote', () => {
    const a = analyze('The key condition is a “steady stream of donors,” as a Parks Department memo put it.');
    const q = a.quotes.find((x) => x.kind === 'direct');
    assert.equal(q?.source?.text, 'a Parks Department memo');
    assert.equal(q?.rule, 'as-put-it');
  });

  it('does not take a nickname in quotes for a quotation', () => {
    const a = analyze('State Del. Rebecca "Becca" Lowry spoke to the crowd.');
    assert.equal(a.quotes.filter((q) => q.kind === 'direct').length, 0);
  });

  it('cuts a run of capitalised words at a sentence start and drops caption words', () => {
    const a = analyze('He moved to Washington D.C. The Move was quick.\n\nOmar Haddad Image of the boy.');
    assert.ok(!a.entities.some((e) => e.text.endsWith(' The')));
    assert.ok(!a.entities.some((e) => e.text.endsWith(' Image')));
  });
});

describe('analysis engine: more quote attributions', () => {
  function direct(a: Analysis): Quote[] {
    return a.quotes.filter((q) => q.kind === 'direct');
  }

  it('reads "According to X, “…”"', () => {
    const q = direct(analyze('According to Prescott, “the board is telling another story this time.”'))[0];
    assert.equal(q.source?.text, 'Prescott');
    assert.equal(q.rule, 'according-to');
  });

  it('skips a few words before the name after an inverted cue', () => {
    const q = direct(analyze('“We want our answers now,” said 2019 flood survivor Janet Kowal.'))[0];
    assert.equal(q.source?.text, 'Janet Kowal');
  });

  it('takes "X made the following comment:" as the speaker of the next paragraph', () => {
    const t = 'On March 3, Gordon Tibbs made the following comment:\n\n“Rural broadband is a national priority.”';
    const q = direct(analyze(t))[0];
    assert.equal(q.source?.text, 'Gordon Tibbs');
    assert.equal(q.speaker, 'gordon-tibbs');
  });

  it('reads "concluded" as a cue', () => {
    const q = direct(analyze('“I think that cost her,” Tolliver concluded.'))[0];
    assert.equal(q.source?.text, 'Tolliver');
  });
});

describe('analysis engine: reported speech variants', () => {
  const cases: [string, string, string][] = [
    ['The change today, he told me on Sunday, is that he can finally speak his mind.', 'he can finally speak his mind', 'he'],
    ['The State Department is saying that the audit findings prove the case for change.', 'the audit findings prove the case', 'State Department'],
    ['Mr. Calloway told his aides to find a way to lower fares without the council.', 'his aides to find a way', 'Calloway'],
    ['It does not settle whether Reyes had a knife, as police have said.', 'It does not settle whether Reyes had a knife', 'police'],
    ['Harbor Savings just this week announced it would scrap these bonuses.', 'it would scrap these bonuses', 'Harbor Savings'],
    ['Park Ji-hoon, the chairman of the Asian Rowing Federation, vowed not to make that error again.', 'not to make that error again', 'Park Ji-hoon'],
  ];
  for (const [text, content, source] of cases) {
    it(JSON.stringify(text), () => {
      const a = analyze(text);
      checkInvariants(text, a);
      const q = quoteContaining(a, content, 'indirect');
      assert.ok(q.source?.text.includes(source), `${q.source?.text} for ${source}`);
    });
  }

  it('reads a cue at the end of a title-case headline', () => {
    const a = analyze('Mayor Could Expand Bus Service, Laura Whitby Says.\n\nBody text follows here.');
    assert.equal(quoteContaining(a, 'Mayor Could Expand Bus Service', 'indirect').source?.text, 'Laura Whitby');
    assert.ok(!a.entities.some((e) => e.text.endsWith('Says')));
  });
});

describe('analysis engine: outer speakers', () => {
  function direct(a: Analysis): Quote[] {
    return a.quotes.filter((q) => q.kind === 'direct');
  }

  it('prefers the named speaker of a reported frame over a pronoun inside it', () => {
    const a = analyze('Whitfield says she admired the grit of a nurse during what she calls a “brutal winter.”');
    assert.equal(direct(a)[0].source?.text, 'Whitfield');
    const b = analyze('Okafor said she recalled thinking, "Here we go again, like always, you\'re sitting there at the table and people just look past you."');
    assert.equal(direct(b)[0].source?.text, 'Okafor');
  });

  it('gives a quote after a claim to the owner of the claim', () => {
    const q = direct(analyze('FactWatch jumped on Garrett’s claim that there were “hundreds of break-ins” in Tacoma.'))[0];
    assert.equal(q.source?.text, 'Garrett');
    assert.equal(q.rule, 'claim-owner');
  });

  it('takes the named subject before a colon over a pronoun after the quote', () => {
    const q = direct(analyze('Sen. Ruth Halloran scolded him: “The medical profession is not on your side,” she said.'))[0];
    assert.ok(q.source?.text.endsWith('Ruth Halloran'));
  });

  it('names a relative "which" as the source without inventing a speaker', () => {
    const a = analyze('They turned to the Tacoma Fire Department which reported “1,240 kitchen fires” in the city.');
    const q = direct(a)[0];
    assert.equal(q.source?.text, 'which');
    assert.equal(q.speaker, undefined);
  });
});
