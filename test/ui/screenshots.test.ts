/**
 * Screenshots of the sample article with its highlights, speaker hints and the Article view, in
 * a light and a dark theme (test-results/ui-light.png, ui-dark.png). Look at them: a test that
 * only checks that decorations exist cannot tell that they are invisible.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { quickOpen, runPaletteCommand } from '../harness/browser';
import { openWorkbench, screenshot, themeApplied, type Session } from './harness';

const SAMPLE = 'afghanistan-china-2021-05-18.txt';

/** Inline decorations render as spans with generated `ced-` classes inside the view lines. */
async function decoratedSpans(page: Page): Promise<number> {
  return page.locator('.monaco-editor .view-lines span[class*="ced-"]').count();
}

/** The computed `content` of `::after` pseudo-elements: where the speaker hints are drawn. */
async function hintTexts(page: Page): Promise<string[]> {
  // Runs in the page (a string, since the project's TypeScript has no DOM types).
  return page.evaluate(`[...document.querySelectorAll('.monaco-editor .view-lines span')]
      .map((el) => getComputedStyle(el, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal' && c.includes('\u2014'))`) as Promise<string[]>;
}

for (const [name, theme] of [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
] as const) {
  describe(`UI: the sample article in a ${name} theme`, () => {
    let s: Session;
    before(async () => {
      s = await openWorkbench({ theme, settings: { 'editor.fontSize': 15, 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false } });
    });
    after(async () => {
      await s?.close();
    });

    it('shows entity and quote highlights, speaker hints and the Article view', async () => {
      assert.ok(await themeApplied(s.page, theme), `the workbench shows "${theme}"`);
      await quickOpen(s.page, SAMPLE);
      await s.page.locator('.statusbar-item', { hasText: /^Article$/ }).first().waitFor({ timeout: 30_000 });
      const deadline = Date.now() + 30_000;
      while ((await decoratedSpans(s.page)) < 20 && Date.now() < deadline) await s.page.waitForTimeout(200);
      assert.ok((await decoratedSpans(s.page)) >= 20, 'highlights are drawn in the editor');
      await runPaletteCommand(s.page, 'Article Annotator: Focus on Article View');
      await s.page.locator('.monaco-list-row', { hasText: 'Speakers' }).first().waitFor({ timeout: 15_000 });
      await s.page.locator('.statusbar-item', { hasText: /Quotes \d+\/\d+ · Topics \d+/ }).first().waitFor({ timeout: 15_000 });
      // Scroll to the direct quote so both kinds of speech and their hints are in view.
      await s.page.waitForTimeout(500);
      const hints = await hintTexts(s.page);
      assert.ok(hints.some((h) => h.includes('Wang Yi')), `speaker hints drawn: ${hints.join(' | ')}`);
      const shot = await screenshot(s.page, `ui-${name}`);
      console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    });

    it('shows a hover with the speaker, rule and command links over a quote', async () => {
      const word = s.page.locator('.monaco-editor .view-line > span > span', { hasText: /identified/ }).first();
      await word.hover();
      const hover = s.page.locator('.monaco-hover:not(.hidden)', { hasText: 'Direct quote' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await hover.innerText();
      assert.match(text, /speaker: Mohib’s office/);
      assert.match(text, /Tag speaker…/);
      await s.page.waitForTimeout(800); // the hover fades in
      const shot = await screenshot(s.page, `ui-${name}-hover`);
      console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    });
  });
}
