/** Starts code-server (the real VS Code server and extension host) for tests and `npm start`. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stopGroup, trackFolder, trackGroup, removeFolder } from './cleanup';
import { codeServerEntry, projectRoot } from './paths';

export interface ServerOptions {
  /** Port to bind on 127.0.0.1; a free one when absent. */
  port?: number;
  /** Extensions folder (for an installed .vsix); a fresh empty one when absent. */
  extensionsDir?: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Keep the temporary folder after stop (npm start keeps nothing either; for debugging). */
  keep?: boolean;
}

export interface CodeServer {
  port: number;
  url: string;
  /** The run's own temporary folder (user data, TMPDIR, XDG dirs, workspaces). */
  tmp: string;
  extensionsDir: string;
  output(): string;
  stop(): Promise<void>;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function startCodeServer(opts: ServerOptions = {}): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed at ${codeServerEntry}; run "npm run setup".`);
  }
  const port = opts.port ?? (await freePort());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'article-annotator-'));
  if (!opts.keep) trackFolder(tmp);
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    tmp: path.join(tmp, 'tmp'),
    config: path.join(tmp, 'config'),
    data: path.join(tmp, 'data'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const extensionsDir = opts.extensionsDir ?? path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2),
  );

  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
  ];
  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so the extension host dies with it
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      TMPDIR: dirs.tmp,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      // No marketplace here: point the gallery at a closed local port instead of a public host.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/', itemUrl: 'http://127.0.0.1:9/' }),
      ...opts.env,
    },
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start.');
  trackGroup(pid);
  child.unref();
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));

  const output = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  let stopped = false;
  const server: CodeServer = {
    port,
    url: `http://127.0.0.1:${port}`,
    tmp,
    extensionsDir,
    output,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopGroup(pid);
      if (!opts.keep) removeFolder(tmp);
    },
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      await server.stop();
      throw new Error(`code-server exited with code ${exited} before it was ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      const log = output();
      await server.stop();
      throw new Error(`code-server did not answer on ${server.url} within 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

export interface WorkbenchTarget {
  /** Absolute folder to open. */
  folder: string;
  /** Load the extension under development from this folder. */
  extensionDevelopmentPath?: string;
  /** Run this compiled mocha suite index in the extension host. */
  extensionTestsPath?: string;
}

/** The workbench URL; development and test paths travel in the `payload` parameter. */
export function workbenchUrl(server: CodeServer, target: WorkbenchTarget): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  let url = `${server.url}/?folder=${encodeURIComponent(target.folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * The folder to open as `extensionDevelopmentPath`: links, in the server's temporary folder, to
 * every top-level entry of the project except `.vscode-test/`. code-server is installed inside
 * `.vscode-test/`, and when its built-in extensions lie under the extension development path the
 * web workbench does not load their themes: it ignores `workbench.colorTheme` and shows Light+
 * (found by bisecting: the same project through a link works). Links, not copies, so a rebuild
 * is seen at the next window reload.
 */
export function devExtensionPath(server: CodeServer): string {
  const dest = path.join(server.tmp, 'extension-under-development');
  if (fs.existsSync(dest)) return dest;
  fs.mkdirSync(dest);
  for (const entry of fs.readdirSync(projectRoot)) {
    if (entry === '.vscode-test') continue;
    fs.symlinkSync(path.join(projectRoot, entry), path.join(dest, entry));
  }
  return dest;
}

/** Copies a folder (e.g. samples/) into the server's temporary folder and returns the copy. */
export function copyWorkspace(server: CodeServer, from: string, name = 'workspace'): string {
  const dest = path.join(server.tmp, name);
  fs.cpSync(from, dest, { recursive: true });
  return dest;
}
