/** Runs the integration suite inside code-server's extension host, driven through chromium. */
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { copyWorkspace, devExtensionPath, startCodeServer, workbenchUrl } from './codeServer';
import { projectRoot, samplesDir } from './paths';
import { readStats, type Stats } from './stats';

const VERBOSE = !!process.env.ARTICLE_ANNOTATOR_VERBOSE;
/** Workbench start-up chatter that says nothing about the suite (shown with ARTICLE_ANNOTATOR_VERBOSE=1). */
const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND|connect ECONNREFUSED 127\.0\.0\.1:9|\s+at )/;
const TIME_LIMIT_MS = Number(process.env.ARTICLE_ANNOTATOR_INTEGRATION_TIMEOUT ?? 300_000);

export async function runIntegration(): Promise<Stats> {
  const statsFile = path.join(projectRoot, 'test-results', 'integration-stats.json');
  const server = await startCodeServer({ env: { ARTICLE_ANNOTATOR_TEST_STATS: statsFile, ARTICLE_ANNOTATOR_TEST: '1' } });
  const browser = await launchBrowser().catch(async (e) => {
    await server.stop();
    throw e;
  });
  try {
    const folder = copyWorkspace(server, samplesDir);
    const page = await browser.newPage();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the integration suite did not finish within ${TIME_LIMIT_MS / 1000} s`)),
        TIME_LIMIT_MS,
      );
      void (async () => {
        await page.exposeFunction('codeAutomationExit', (code: number) => {
          clearTimeout(timer);
          resolve(code);
        });
        await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
          const line = format(...args);
          if (VERBOSE || !WORKBENCH_NOISE.test(line)) process.stdout.write(`${type === 'error' ? '[error] ' : ''}${line}\n`);
        });
        await page.goto(
          workbenchUrl(server, {
            folder,
            extensionDevelopmentPath: devExtensionPath(server),
            extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
          }),
        );
      })().catch(reject);
    });
    const stats = readStats(statsFile);
    if (!stats) throw new Error(`the integration suite exited with code ${exitCode} without reporting results`);
    if (exitCode !== 0 && stats.failures === 0) stats.failures = 1;
    return stats;
  } catch (e) {
    process.stderr.write(`[integration] ${e instanceof Error ? e.message : String(e)}\n${server.output().slice(-4000)}\n`);
    throw e;
  } finally {
    await browser.close();
    await server.stop();
  }
}
