/** Shared set-up for UI tests: a code-server with the extension, a browser page, screenshots. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, waitForWorkbench } from '../harness/browser';
import { copyWorkspace, devExtensionPath, startCodeServer, workbenchUrl, type CodeServer, type ServerOptions } from '../harness/codeServer';
import { resultsDir, samplesDir } from '../harness/paths';

export interface Session {
  server: CodeServer;
  browser: Browser;
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

/** Starts a server (with the extension under development unless `installed`), opens the samples. */
export async function openWorkbench(
  opts: ServerOptions & { installed?: boolean; theme?: string } = {},
): Promise<Session> {
  const server = await startCodeServer({
    ...opts,
    settings: { ...(opts.theme ? { 'workbench.colorTheme': opts.theme } : {}), ...opts.settings },
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const workspace = copyWorkspace(server, samplesDir);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(
      workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: opts.installed ? undefined : devExtensionPath(server) }),
    );
    await waitForWorkbench(page);
    const b = browser;
    return {
      server,
      browser: b,
      page,
      workspace,
      async close() {
        await b.close();
        await server.stop();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

/** Whether the workbench shows `theme` (e.g. "Default Dark Modern") within 10 s. */
export async function themeApplied(page: Page, theme: string): Promise<boolean> {
  const cls = theme.replace(/^Default /, '').toLowerCase().replace(/ /g, '_');
  try {
    await page.locator(`.monaco-workbench[class*="${cls}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function waitForFile(file: string, ms = 15_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return fs.readFileSync(file, 'utf8');
}
