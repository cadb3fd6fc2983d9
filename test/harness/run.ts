/**
 * `npm test` after setup and build: unit tests, then the integration suite in a real extension
 * host, then the UI tests; each part fails the run when it fails, and the run ends with one
 * line `N passed, N failed` summing all parts.
 *   node out/test/harness/run.js [--only unit|integration|ui]...
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runIntegration } from './integration';
import { projectRoot, resultsDir } from './paths';
import { readStats, type Stats } from './stats';

type Part = 'unit' | 'integration' | 'ui';
const ALL: Part[] = ['unit', 'integration', 'ui'];

function runMochaChild(part: Part, dirs: string[], timeoutMs: number): Promise<Stats> {
  const statsFile = path.join(resultsDir, `${part}-stats.json`);
  fs.rmSync(statsFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'out/test/harness/mochaChild.js'), statsFile, String(timeoutMs), ...dirs],
      { stdio: 'inherit', cwd: projectRoot },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const stats = readStats(statsFile);
      if (!stats) return reject(new Error(`${part} tests ended (${signal ?? code}) without reporting results`));
      if (code !== 0 && stats.failures === 0) stats.failures = 1;
      resolve(stats);
    });
  });
}

async function runPart(part: Part): Promise<Stats> {
  const out = (p: string) => path.join(projectRoot, 'out', 'test', p);
  switch (part) {
    case 'unit':
      return runMochaChild(part, [out('unit')], 20_000);
    case 'integration':
      return runIntegration();
    case 'ui':
      return runMochaChild(part, [out('ui')], 180_000);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.flatMap((a, i) => (args[i - 1] === '--only' ? [a as Part] : []));
  const parts = only.length ? ALL.filter((p) => only.includes(p)) : ALL;
  fs.mkdirSync(resultsDir, { recursive: true });
  const total: Stats = { passes: 0, failures: 0, pending: 0 };
  const lines: string[] = [];
  for (const part of parts) {
    const started = Date.now();
    process.stdout.write(`\n=== ${part} tests ===\n`);
    let stats: Stats;
    try {
      stats = await runPart(part);
    } catch (e) {
      process.stderr.write(`[${part}] ${e instanceof Error ? e.message : String(e)}\n`);
      stats = { passes: 0, failures: 1, pending: 0 };
    }
    total.passes += stats.passes;
    total.failures += stats.failures;
    total.pending += stats.pending;
    lines.push(
      `  ${part.padEnd(12)} ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
  process.stdout.write(`${total.passes} passed, ${total.failures} failed\n`);
  process.exitCode = total.failures > 0 || total.passes === 0 ? 1 : 0;
}

void main();
