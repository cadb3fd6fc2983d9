// @ts-check
// Installs what `npm test` and `npm start` need beyond node_modules, only when missing:
//   - Debian packages: chromium (UI tests), ripgrep (seeds code-server's ripgrep download),
//     libkrb5-dev (code-server's kerberos module);
//   - code-server 4.100.3 (VS Code 1.100.3 server + extension host) into .vscode-test/.
// Nothing is downloaded from outside the npm registry and Debian.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = fileURLToPath(new URL('..', import.meta.url));
export const codeServerDir = join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const marker = join(codeServerDir, '.installed');

const DEBIAN = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
  { pkg: 'libkrb5-dev', present: () => dpkgInstalled('libkrb5-dev') },
];

/** @param {string} pkg */
function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** @param {string} msg */
function log(msg) {
  process.stderr.write(`[setup] ${msg}\n`);
}

function ensureDebianPackages() {
  const missing = DEBIAN.filter((d) => !d.present()).map((d) => d.pkg);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `Missing Debian packages: ${missing.join(', ')}. Install them (e.g. "sudo apt-get install -y ${missing.join(' ')}") and run again.`,
    );
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  let r = install();
  if (r.status !== 0) {
    // Package lists may be empty or stale on a fresh machine.
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    r = install();
  }
  if (r.status !== 0) throw new Error(`apt-get could not install ${missing.join(', ')}.`);
}

function codeServerInstalled() {
  try {
    const pkg = JSON.parse(readFileSync(join(codeServerDir, 'node_modules', 'code-server', 'package.json'), 'utf8'));
    return pkg.version === CODE_SERVER_VERSION && existsSync(marker) && existsSync(codeServerBin);
  } catch {
    return false;
  }
}

function ensureCodeServer() {
  if (codeServerInstalled()) return;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (about 90 s on a cold npm cache)`);
  rmSync(codeServerDir, { recursive: true, force: true });
  const tmp = join(codeServerDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(codeServerDir, 'package.json'), JSON.stringify({ name: 'code-server-host', private: true }, null, 2));

  // @vscode/ripgrep's postinstall downloads rg from GitHub; seed its cache with Debian's rg.
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const stage = join(tmp, 'rg-stage');
  mkdirSync(cache, { recursive: true });
  mkdirSync(stage, { recursive: true });
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', stage, 'rg']);

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_nodedir: '/usr', // build native modules against the installed Node headers
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(codeServerBin)) {
    throw new Error(`Installing code-server ${CODE_SERVER_VERSION} failed (npm exit ${r.status}); see the npm output above.`);
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, new Date().toISOString() + '\n');
  log('code-server installed');
}

export function setup() {
  ensureDebianPackages();
  ensureCodeServer();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    setup();
  } catch (e) {
    log(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
