/**
 * The integration suite's entry, loaded by the extension host (code-server here,
 * @vscode/test-electron elsewhere) through `extensionTestsPath`.
 */
import Mocha from 'mocha';
import { findTests, writeStats } from '../harness/stats';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
  for (const f of findTests(__dirname)) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        writeStats(process.env.ARTICLE_ANNOTATOR_TEST_STATS, {
          passes: s?.passes ?? 0,
          failures: s?.failures ?? failures,
          pending: s?.pending ?? 0,
        });
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
