import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from 'yaml';
import { quickOpen, runPaletteCommand } from '../harness/browser';
import { openWorkbench, screenshot, waitForFile, type Session } from './harness';

const SAMPLE = 'afghanistan-china-2021-05-18.txt';

describe('UI: the sample article in the workbench', () => {
  let s: Session;
  before(async () => {
    s = await openWorkbench();
  });
  after(async () => {
    await s?.close();
  });

  it('opens the sample as an article and saves its annotations from the palette (F1)', async () => {
    await quickOpen(s.page, SAMPLE);
    // The language indicator in the status bar switches to "Article" once the extension is active.
    await s.page.locator('.statusbar-item', { hasText: /^Article$/ }).first().waitFor({ timeout: 30_000 });
    await runPaletteCommand(s.page, 'Article: Save Annotations');
    const yaml = await waitForFile(path.join(s.workspace, SAMPLE.replace(/\.txt$/, '.annotations.yaml')));
    assert.equal(parse(yaml).version, 1);
    const shot = await screenshot(s.page, 'sample-article');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
  });
});
