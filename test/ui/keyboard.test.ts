/**
 * The whole tagging flow by keyboard in a real browser: next quote without speaker -> accept the
 * suggestion or pick the speaker (typing to filter) -> next, then the YAML on disk is checked.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { quickOpen } from '../harness/browser';
import { openWorkbench, screenshot, waitForFile, type Session } from './harness';

const SAMPLE = 'afghanistan-china-2021-05-18.txt';

interface Q {
  text: string;
  speaker?: string;
  status: string;
  rule?: string;
}

describe('UI: tagging speakers with the keyboard only', () => {
  let s: Session;
  before(async () => {
    s = await openWorkbench();
  });
  after(async () => {
    await s?.close();
  });

  it('Alt+N, Alt+Y, Alt+I (type to filter, Enter), Alt+N, Alt+Y: the sidecar on disk has the speakers, confirmed', async () => {
    const page = s.page;
    await quickOpen(page, SAMPLE);
    await page.locator('.statusbar-item', { hasText: /^Article$/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');

    await page.keyboard.press('Alt+N'); // first quote without a confirmed speaker
    await page.keyboard.press('Alt+Y'); // accept the suggestion (Wang Yi), go on to the next
    await page.keyboard.press('Alt+I'); // Tag Speaker...
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Wang Yi' }).first().waitFor({ state: 'visible' });
    const shot = await screenshot(page, 'tag-speaker-pick');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    // the suggested speaker is the first row, with why it was suggested
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    assert.match((await first.textContent()) ?? '', /^Wang Yi"adding" before the quote, names "Minister Wang Yi", 0\.85.*Suggested$/);
    await page.keyboard.type('Hamdullah');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Hamdullah Mohib' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await page.keyboard.press('Alt+N');
    await page.keyboard.press('Alt+Y');

    const file = path.join(s.workspace, SAMPLE.replace(/\.txt$/, '.annotations.yaml'));
    await waitFor(async () => {
      if (!fs.existsSync(file)) return false;
      const quotes = (parse(fs.readFileSync(file, 'utf8')) as { quotes: Q[] }).quotes;
      return quotes.filter((q) => q.status === 'confirmed').length === 3;
    });
    const quotes = (parse(await waitForFile(file)) as { quotes: Q[] }).quotes;
    const at = (t: string) => quotes.find((q) => q.text.startsWith(t));
    assert.deepEqual([at('China wants')?.speaker, at('China wants')?.status], ['wang-yi', 'confirmed']);
    assert.deepEqual([at('a political settlement')?.speaker, at('a political settlement')?.status, at('a political settlement')?.rule], ['hamdullah-mohib', 'confirmed', 'manual']);
    assert.deepEqual([at('“The NSA and Minister')?.speaker, at('“The NSA and Minister')?.status], ['mohibs-office', 'confirmed']);
    assert.equal(quotes.filter((q) => q.status === 'confirmed').length, 3, 'nothing else was confirmed');
    await screenshot(page, 'tagging-after-flow');
  });
});

async function waitFor(probe: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`the sidecar did not reach the expected state within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
