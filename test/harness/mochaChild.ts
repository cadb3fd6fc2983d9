/**
 * Runs mocha over compiled test folders in this process and writes the counts to a file:
 *   node out/test/harness/mochaChild.js STATS_FILE TIMEOUT_MS DIR...
 */
import Mocha from 'mocha';
import { findTests, writeStats } from './stats';

const [statsFile, timeout, ...dirs] = process.argv.slice(2);
const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: Number(timeout) || 10_000, color: false });
for (const dir of dirs) for (const f of findTests(dir)) mocha.addFile(f);
const runner = mocha.run((failures) => {
  const s = runner.stats;
  writeStats(statsFile, { passes: s?.passes ?? 0, failures: s?.failures ?? failures, pending: s?.pending ?? 0 });
  process.exitCode = failures ? 1 : 0;
});
