// @ts-check
// `npm test`: installs what is missing (Debian packages, code-server), builds and type-checks,
// then runs unit, integration (real extension host) and UI tests. Extra arguments go to the
// runner, e.g. `npm test -- --only unit`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const unitOnly = args.includes('--only') && args.every((a, i) => args[i - 1] !== '--only' || a === 'unit');

/** @param {string} cmd @param {string[]} argv */
function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`\n"${[cmd, ...argv].join(' ')}" failed.\n0 passed, 1 failed\n`);
    process.exit(r.status ?? 1);
  }
}

try {
  if (!unitOnly) setup();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n0 passed, 1 failed\n`);
  process.exit(1);
}
run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['scripts/build.mjs', '--tests']);
const r = spawnSync(process.execPath, ['out/test/harness/run.js', ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
