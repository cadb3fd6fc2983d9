// @ts-check
// `npm start`: installs what is missing, builds, and opens the extension in a real VS Code
// (code-server) on the project's samples/ folder. Prints the URL; Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const require = createRequire(import.meta.url);

/** @param {string[]} argv */
function node(argv) {
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

try {
  setup();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
node(['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
node(['scripts/build.mjs']);
node(['scripts/build.mjs', '--tests']);

/** @type {typeof import('../test/harness/codeServer')} */
const cs = require(join(root, 'out/test/harness/codeServer.js'));
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, not "${process.env.PORT}".\n`);
  process.exit(2);
}
if (!(await cs.portIsFree(port))) {
  process.stderr.write(`Port ${port} on 127.0.0.1 is already in use; stop what uses it or run with another, e.g. "PORT=8081 npm start".\n`);
  process.exit(1);
}
const server = await cs.startCodeServer({ port, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
const url = cs.workbenchUrl(server, { folder: join(root, 'samples'), extensionDevelopmentPath: cs.devExtensionPath(server) });
process.stdout.write(`\nArticle Annotator is running in VS Code (code-server 4.100.3):\n\n  ${url}\n\nOpen that URL in a browser. Press Ctrl-C to stop.\n`);
// Keep running until Ctrl-C; the harness's handlers stop the server and remove its folders.
setInterval(() => {}, 1 << 30);
