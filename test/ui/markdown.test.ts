/**
 * A Markdown file annotated as an article keeps its Markdown highlighting (headings, bold) and
 * gets the article's highlights and speaker hints on top (test-results/ui-markdown.png).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quickOpen } from '../harness/browser';
import { openWorkbench, screenshot, type Session } from './harness';

const NOTE = [
  '# Harbour levy talks',
  '',
  'The council met on **Tuesday** to discuss the harbour levy.',
  '',
  '“We will not raise the levy this year,” said Councillor Ines Varga.',
  '',
  '- the port asked for new cranes',
  '- the state was asked for help with dredging',
  '',
].join('\n');

describe('UI: a Markdown file annotated as an article', () => {
  let s: Session;
  before(async () => {
    s = await openWorkbench({
      theme: 'Default Dark Modern',
      settings: { 'editor.fontSize': 15, 'editor.minimap.enabled': false, 'articleAnnotator.annotate': 'plaintextAndMarkdown' },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('keeps Markdown highlighting and shows the article highlights', async () => {
    fs.writeFileSync(path.join(s.workspace, 'harbour-notes.md'), NOTE);
    await quickOpen(s.page, 'harbour-notes.md');
    // the language switches to the Markdown article language
    await s.page.locator('.statusbar-item', { hasText: /^Article \(Markdown\)$/ }).first().waitFor({ timeout: 30_000 });
    const deadline = Date.now() + 30_000;
    const decorated = () => s.page.locator('.monaco-editor .view-lines span[class*="ced-"]').count();
    while ((await decorated()) < 2 && Date.now() < deadline) await s.page.waitForTimeout(200);
    assert.ok((await decorated()) >= 2, 'article highlights are drawn');
    // Markdown's grammar still colours the heading: once the editor has tokenized the text (it
    // loads the grammars in the background), its words are drawn in another token class than
    // the plain paragraph text
    const classOf = async (text: string) => s.page.locator('.monaco-editor .view-line span span', { hasText: text }).first().getAttribute('class');
    let heading: string | null = null;
    let plain: string | null = null;
    for (const until = Date.now() + 20_000; Date.now() < until; await s.page.waitForTimeout(250)) {
      heading = await classOf('Harbour levy talks');
      plain = await classOf('to discuss the harbour levy.');
      if (heading && plain && heading !== plain) break;
    }
    await s.page.waitForTimeout(500);
    const shot = await screenshot(s.page, 'ui-markdown');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    assert.ok(heading && plain && heading !== plain, `heading ${heading}, paragraph ${plain}`);
  });
});
