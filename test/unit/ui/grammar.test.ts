/**
 * The TextMate grammar, tokenized by the same engine VS Code uses (vscode-textmate and
 * vscode-oniguruma as shipped inside the code-server that `npm test` installs).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const vscodeDir = path.join(root, '.vscode-test', 'code-server-4.100.3', 'node_modules', 'code-server', 'lib', 'vscode');
const vscodeModules = path.join(vscodeDir, 'node_modules');
/** The grammars by scope name: ours, and Markdown's as built into VS Code (for Markdown articles). */
const grammarFiles: Record<string, string> = {
  'text.article': path.join(root, 'syntaxes', 'article.tmLanguage.json'),
  'text.article.markdown': path.join(root, 'syntaxes', 'article-markdown.tmLanguage.json'),
  'article.quotes.injection': path.join(root, 'syntaxes', 'article-quotes.injection.tmLanguage.json'),
  'text.html.markdown': path.join(vscodeDir, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'),
};

interface Token {
  text: string;
  scopes: string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
async function tokenizer(scopeName: string): Promise<(text: string) => Token[][]> {
  const tm = require(path.join(vscodeModules, 'vscode-textmate'));
  const onig = require(path.join(vscodeModules, 'vscode-oniguruma'));
  const wasm = fs.readFileSync(path.join(vscodeModules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    // (as package.json contributes them; grammars Markdown embeds, such as code blocks' languages, are left out)
    loadGrammar: async (scope: string) => (grammarFiles[scope] ? tm.parseRawGrammar(fs.readFileSync(grammarFiles[scope], 'utf8'), grammarFiles[scope]) : null),
    getInjections: (scope: string) => (scope === 'text.article.markdown' ? ['article.quotes.injection'] : undefined),
  });
  const grammar = await registry.loadGrammar(scopeName);
  return (text: string) => {
    let state = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

/** The tokenizer of `scopeName`; skips the suite when code-server (with its TextMate engine) is not installed. */
async function tokenizerOrSkip(ctx: Mocha.Context, scopeName: string): Promise<(text: string) => Token[][]> {
  if (!fs.existsSync(path.join(vscodeModules, 'vscode-textmate'))) {
    // The TextMate engine comes with code-server; `npm test` (not --only unit) installs it.
    console.log('    (skipped: code-server is not installed; run "npm run setup")');
    ctx.skip();
  }
  return tokenizer(scopeName);
}

function scopeOf(lines: Token[][], text: string): string[] {
  for (const line of lines) for (const t of line) if (t.text === text) return t.scopes;
  throw new Error(`no token "${text}" in ${JSON.stringify(lines.map((l) => l.map((t) => t.text)))}`);
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

describe('grammar (syntaxes/article.tmLanguage.json)', function () {
  let tokenize: (text: string) => Token[][];
  before(async function () {
    tokenize = await tokenizerOrSkip(this, 'text.article');
  });

  const article = [
    ' date 2021-05-18 Afghanistan believes all levers should be used',
    '',
    'AT News',
    '',
    'KABUL: Top Chinese diplomat assured the Afghan authorities.',
    '',
    '“The NSA and Minister Wang Yi identified terrorism,” Mohib’s office said.',
    '',
    'He said "we are ready" and «nous sommes prêts» and „wir sind bereit“ today.',
    '',
    'WASHINGTON, May 18: another dateline. Not: a dateline.',
  ].join('\n');

  it('scopes the header: keyword, date and title', () => {
    const lines = tokenize(article);
    assert.ok(has(scopeOf(lines, 'date'), 'keyword.other.header'));
    assert.ok(has(scopeOf(lines, '2021-05-18'), 'constant.numeric.date'));
    assert.ok(has(scopeOf(lines, 'Afghanistan believes all levers should be used'), 'markup.heading.title'));
  });

  it('scopes the outlet line after the header, and nothing else as outlet', () => {
    const lines = tokenize(article);
    assert.ok(has(scopeOf(lines, 'AT News'), 'entity.name.tag.outlet'));
    const outlets = lines.flat().filter((t) => has(t.scopes, 'entity.name.tag.outlet'));
    assert.deepEqual(outlets.map((t) => t.text), ['AT News']);
  });

  it('leaves a long first paragraph alone when there is no outlet line', () => {
    const lines = tokenize(' date 2021-05-18 T\n\nKABUL: ' + 'word '.repeat(40) + '“quoted” here.');
    assert.ok(!lines.flat().some((t) => has(t.scopes, 'entity.name.tag.outlet')));
    assert.ok(has(scopeOf(lines, 'KABUL'), 'entity.name.section.dateline'));
    assert.ok(has(scopeOf(lines, 'quoted'), 'string.quoted'));
  });

  it('scopes datelines at the start of a paragraph only', () => {
    const lines = tokenize(article);
    assert.ok(has(scopeOf(lines, 'KABUL'), 'entity.name.section.dateline'));
    assert.ok(has(scopeOf(lines, 'WASHINGTON, May 18'), 'entity.name.section.dateline'));
    assert.ok(!lines.flat().some((t) => t.text.includes('Not') && has(t.scopes, 'entity.name.section.dateline')));
  });

  it('scopes direct quotes with curly, straight, low-9 quotes and guillemets, not apostrophes', () => {
    const lines = tokenize(article);
    assert.ok(has(scopeOf(lines, 'The NSA and Minister Wang Yi identified terrorism,'), 'string.quoted.double.curly'));
    assert.ok(has(scopeOf(lines, 'we are ready'), 'string.quoted.double.straight'));
    assert.ok(has(scopeOf(lines, 'nous sommes prêts'), 'string.quoted.guillemets'));
    assert.ok(has(scopeOf(lines, 'wir sind bereit'), 'string.quoted.double.low'));
    const said = lines[6]!.find((t) => t.text.includes('office said'));
    assert.ok(said && !has(said.scopes, 'string.quoted'), 'text after the closing quote is not a string');
  });
});

describe('grammar of Markdown articles (syntaxes/article-markdown.tmLanguage.json)', function () {
  let tokenize: (text: string) => Token[][];
  before(async function () {
    tokenize = await tokenizerOrSkip(this, 'text.article.markdown');
  });

  const md = [
    '# Harbour levy',
    '',
    'The councillor said “we will talk” and **nothing else**.',
    '',
    '- a list item with “a quote in it”',
    '',
    'Code such as `say “not a quote”` stays code.',
  ].join('\n');

  it('keeps Markdown\'s own highlighting', () => {
    const lines = tokenize(md);
    assert.ok(has(scopeOf(lines, 'Harbour levy'), 'entity.name.section.markdown'));
    assert.ok(lines.flat().some((t) => t.text === 'nothing else' && has(t.scopes, 'markup.bold')));
  });

  it('scopes the article\'s quotes in paragraphs and list items, not in code', () => {
    const lines = tokenize(md);
    assert.ok(has(scopeOf(lines, 'we will talk'), 'string.quoted.double.curly.article'));
    assert.ok(has(scopeOf(lines, 'a quote in it'), 'string.quoted.double.curly.article'));
    assert.ok(!lines[6]!.some((t) => has(t.scopes, 'string.quoted.double.curly.article')), JSON.stringify(lines[6]));
  });
});
