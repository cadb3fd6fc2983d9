import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { quickOpen, runPaletteCommand } from '../harness/browser';
import { removeFolder, trackFolder } from '../harness/cleanup';
import { codeServerEntry, projectRoot } from '../harness/paths';
import { zipEntries } from '../harness/zip';
import { openWorkbench, waitForFile, type Session } from './harness';

const SAMPLE = 'afghanistan-china-2021-05-18.txt';
const VSIX = path.join(projectRoot, 'dist', 'article-annotator.vsix');

describe('UI: the packaged .vsix installed into code-server', () => {
  let extensionsDir: string;
  let s: Session | undefined;

  before(function () {
    this.timeout(180_000);
    fs.rmSync(VSIX, { force: true });
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: projectRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'article-annotator-ext-'));
    trackFolder(extensionsDir);
  });

  after(async () => {
    await s?.close();
    if (extensionsDir) removeFolder(extensionsDir);
    // Leave a development build behind for the tests and `npm start` that follow.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot });
  });

  it('holds only the bundle, grammars, manifest, README, licence and icons', () => {
    const listing = zipEntries(VSIX).sort();
    assert.deepEqual(listing, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/images/article-view.svg',
      'extension/images/icon.png',
      'extension/language-configuration.json',
      'extension/package.json',
      'extension/readme.md',
      'extension/syntaxes/article-markdown.tmLanguage.json',
      'extension/syntaxes/article-quotes.injection.tmLanguage.json',
      'extension/syntaxes/article.tmLanguage.json',
    ]);
  });

  it('installs with --install-extension and activates on an article', async function () {
    this.timeout(120_000);
    const out = execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', VSIX], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(extensionsDir, '.config'), XDG_DATA_HOME: path.join(extensionsDir, '.data') },
    });
    assert.match(out, /successfully installed/i);
    assert.ok(fs.readdirSync(extensionsDir).some((d) => d.startsWith('article-annotator.article-annotator-')));

    s = await openWorkbench({ extensionsDir, installed: true });
    await quickOpen(s.page, SAMPLE);
    await s.page.locator('.statusbar-item', { hasText: /^Article$/ }).first().waitFor({ timeout: 30_000 });
    await runPaletteCommand(s.page, 'Article: Save Annotations');
    const yaml = await waitForFile(path.join(s.workspace, SAMPLE.replace(/\.txt$/, '.annotations.yaml')));
    assert.equal(parse(yaml).version, 1);
  });
});
