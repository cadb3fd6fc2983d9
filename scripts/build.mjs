// Builds the extension and CLI bundles (dist/) or, with --tests, transpiles sources, tests and
// benchmarks to out/ for mocha. Type-checking is `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineDataPlugin } from './esbuild-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** @param {string} dir @returns {string[]} */
function tsFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (args.has('--tests')) {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entryPoints = ['src', 'test', 'bench']
    .flatMap((d) => { try { return tsFiles(join(root, d)); } catch { return []; } })
    .map((p) => relative(root, p));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
} else {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // the engine's name lists reduced to the names it reads (build-time data step)
    plugins: [engineDataPlugin],
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
    esbuild.build({
      ...common,
      entryPoints: ['src/cli.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
  ]);
  chmodSync(join(root, 'dist/cli.js'), 0o755);
}
