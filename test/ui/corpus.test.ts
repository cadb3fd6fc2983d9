import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { serialize } from '../../src/core/store';
import { makeArticle } from '../support/corpusGen';
import { prng } from '../support/prng';
import { openWorkbench, screenshot, themeApplied, waitForFile, type Session } from './harness';

/** The palette lists contributed commands once the extension host is up; retry until it does. */
async function paletteCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt >= 5) throw e;
      continue;
    }
    await page.keyboard.press('Enter');
    // the palette closes, or a command that asks something ("Save Corpus Report...") puts its own
    // quick input in the same widget at once: wait until the palette's filter is gone, not the widget
    await page.waitForFunction(`(() => {
      const i = document.querySelector('.quick-input-widget input');
      return !i || !i.checkVisibility() || !i.value.startsWith('>');
    })()`);
    return;
  }
}

/** 40 generated articles with sidecars and a workspace file declaring the gender and role attributes. */
function writeCorpus(workspace: string): void {
  {
    const dir = path.join(workspace, 'corpus');
    fs.mkdirSync(dir, { recursive: true });
    const r = prng(11);
    for (let i = 0; i < 40; i++) {
      const { text, ann } = makeArticle(r, i);
      fs.writeFileSync(path.join(dir, `story-${i}.txt`), text);
      fs.writeFileSync(path.join(dir, `story-${i}.annotations.yaml`), serialize(ann, text));
    }
    fs.writeFileSync(path.join(workspace, '.article-annotator.yaml'), 'version: 1\nspeakerAttributes:\n  - id: gender\n    label: Gender\n  - id: role\n    label: Role\n');
  }
}

describe('UI: the corpus report', () => {
  let s: Session;
  before(async () => {
    s = await openWorkbench();
    writeCorpus(s.workspace);
  });
  after(async () => {
    await s?.close();
  });

  it('shows the report in a themed webview with charts, and saves it as HTML (look at the PNG)', async () => {
    await paletteCommand(s.page, 'Article: Show Corpus Report');
    const frame = s.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Corpus report' }).waitFor({ timeout: 30_000 });
    await frame.locator('svg').first().waitFor();
    const cards = await frame.locator('.card b').allTextContents();
    assert.equal(cards[0], '40', 'forty articles');
    assert.ok(Number(cards[1]) > 0, 'some quotes');
    // the page follows the theme: its text colour is the workbench's foreground, not the browser default black
    const color = await frame.locator('body').evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(b).color);
    assert.notEqual(color, 'rgb(0, 0, 0)');
    assert.equal(await frame.locator('script').count(), 0);
    await frame.locator('h2', { hasText: 'Speaker attribute: Gender' }).waitFor();
    // the Corpus view in the Explorer, opened, beside the report
    await s.page.locator('.pane-header', { hasText: /^Corpus/i }).first().click();
    await s.page.locator('.monaco-list-row', { hasText: 'Speakers' }).first().waitFor();
    const shot = await screenshot(s.page, 'corpus-report');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    await frame.locator('h2', { hasText: 'Speaker attribute: Gender' }).scrollIntoViewIfNeeded();
    const shot2 = await screenshot(s.page, 'corpus-report-attributes');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot2)}`);

    await paletteCommand(s.page, 'Article: Save Corpus Report...');
    const pick = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'HTML' }).first();
    await pick.waitFor();
    await pick.click();
    // code-server's simple save dialog: accept the suggested path
    const input = s.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await s.page.keyboard.press('Enter');
    const html = await waitForFile(path.join(s.workspace, 'corpus-report.html'));
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /Gender/);
  });
});

describe('UI: the corpus report in a dark theme', () => {
  let s: Session;
  before(async () => {
    s = await openWorkbench({ theme: 'Default Dark Modern' });
    writeCorpus(s.workspace);
  });
  after(async () => {
    await s?.close();
  });

  it('uses the theme’s colours: light text on the dark editor background (look at the PNG)', async () => {
    assert.ok(await themeApplied(s.page, 'Default Dark Modern'), 'the workbench shows the dark theme');
    await paletteCommand(s.page, 'Article: Show Corpus Report');
    const frame = s.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h2', { hasText: 'Speaker attribute: Gender' }).waitFor({ timeout: 30_000 });
    const colours = () =>
      frame.locator('body').evaluate((b) => {
        const st = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle(b);
        return [st.color, st.backgroundColor];
      });
    const lum = (c: string) => (c.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number).reduce((a, x) => a + x, 0) / 3;
    // the webview receives the theme's variables from the workbench (they follow a theme change)
    let [fg, bg] = await colours();
    for (let i = 0; i < 50 && lum(fg) <= 150; i++) {
      await s.page.waitForTimeout(200);
      [fg, bg] = await colours();
    }
    assert.ok(lum(fg) > 150, `text is light (${fg})`);
    assert.ok(lum(bg) < 80, `background is dark (${bg})`);
    await frame.locator('h2', { hasText: 'Speaker attribute: Gender' }).scrollIntoViewIfNeeded();
    const shot = await screenshot(s.page, 'corpus-report-dark');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
  });
});
