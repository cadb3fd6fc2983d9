/**
 * Multi-root: a `.code-workspace` of two folders, each with its own `.article-annotator.yaml`.
 * Tag Topics in an article of the second folder offers that folder's taxonomy, and a new topic
 * goes to that folder's file only. (The integration harness opens one folder; adding a second
 * one there would restart the extension host, so this runs in the browser.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { parse } from 'yaml';
import { launchBrowser, quickOpen, waitForWorkbench } from '../harness/browser';
import { devExtensionPath, startCodeServer, type CodeServer } from '../harness/codeServer';
import { samplesDir } from '../harness/paths';
import { screenshot } from './harness';

const SAMPLE = 'afghanistan-china-2021-05-18.txt';

describe('UI: tagging in a multi-root workspace', () => {
  let server: CodeServer;
  let browser: Browser | undefined;
  let desk: string;
  let archive: string;

  before(async () => {
    server = await startCodeServer({});
    desk = path.join(server.tmp, 'desk');
    archive = path.join(server.tmp, 'archive');
    fs.mkdirSync(desk, { recursive: true });
    fs.mkdirSync(archive, { recursive: true });
    fs.writeFileSync(path.join(desk, '.article-annotator.yaml'), 'topics:\n  - id: desk-topic\n');
    fs.writeFileSync(path.join(archive, '.article-annotator.yaml'), '# the archive taxonomy\ntopics:\n  - id: archive-history\n    description: Older coverage\n');
    fs.copyFileSync(path.join(samplesDir, SAMPLE), path.join(archive, SAMPLE));
    const ws = path.join(server.tmp, 'two.code-workspace');
    fs.writeFileSync(ws, JSON.stringify({ folders: [{ path: desk }, { path: archive }] }));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Tag Topics offers the taxonomy of the article\'s own folder and adds a new topic to that folder\'s file', async () => {
    assert.ok(browser);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', remote(devExtensionPath(server))]]));
    await page.goto(`${server.url}/?workspace=${encodeURIComponent(path.join(server.tmp, 'two.code-workspace'))}&payload=${payload}`);
    await waitForWorkbench(page);
    await quickOpen(page, SAMPLE);
    await page.locator('.statusbar-item', { hasText: /^Article$/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines').first().click();

    await page.keyboard.press('Alt+O'); // Tag Topics...
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    const labels = await rows.allTextContents();
    const shot = await screenshot(page, 'tag-topics-multi-root');
    console.log(`    screenshot: ${path.relative(process.cwd(), shot)}`);
    assert.equal(labels.length, 1, `one topic offered: ${labels.join(' | ')}`);
    assert.match(labels[0] ?? '', /archive-history/);
    await page.keyboard.type('elections');
    await page.keyboard.press('Enter');

    const sidecar = path.join(archive, SAMPLE.replace(/\.txt$/, '.annotations.yaml'));
    const deadline = Date.now() + 15_000;
    while (!(fs.existsSync(sidecar) && (parse(fs.readFileSync(sidecar, 'utf8')) as { topics: string[] }).topics.includes('elections'))) {
      if (Date.now() > deadline) throw new Error('the sidecar did not get the topic');
      await new Promise((r) => setTimeout(r, 200));
    }
    const archiveFile = fs.readFileSync(path.join(archive, '.article-annotator.yaml'), 'utf8');
    assert.match(archiveFile, /^# the archive taxonomy/);
    assert.deepEqual(parse(archiveFile).topics.map((t: { id: string }) => t.id), ['archive-history', 'elections']);
    assert.equal(fs.readFileSync(path.join(desk, '.article-annotator.yaml'), 'utf8'), 'topics:\n  - id: desk-topic\n', 'the other folder is untouched');
  });
});
