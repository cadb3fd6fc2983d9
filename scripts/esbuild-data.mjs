// Build-time data step for the bundles (extension, CLI, engine bench). The analysis engine's name
// lists come from npm data packages (src/core/analysis/names.ts derives one word table from them).
// Deriving that table at every start costs milliseconds (ten thousand strings hashed into sets),
// so this esbuild plugin runs names.ts once, at build time, and replaces the module in the bundle
// by its finished exports written as literals: a WordTable becomes three literals handed to its
// constructor (no per-word work at load), a string list one string split at load (a long string
// parses far faster than an array literal). Neither the packages' data nor the derivation code
// enter the bundle. The unbundled test build (out/) and type checking read names.ts itself; a
// unit test checks both give the same table.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const NAMES_MODULE = /[\\/]src[\\/]core[\\/]analysis[\\/]names\.ts$/;
const SEP = '\n';

/**
 * The exports of `file` (a TypeScript module with its imports) computed by running it: bundled
 * to CommonJS in memory, with no plugin, and evaluated in this process.
 * @param {string} file
 * @returns {Promise<Record<string, unknown>>}
 */
async function evaluateModule(file) {
  const out = await esbuild.build({
    entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(file));
  return /** @type {Record<string, unknown>} */ (module.exports);
}

/**
 * The source of a module that exports the same values as `exports` as literals.
 * @param {Record<string, unknown>} exports
 * @param {string} file for messages
 */
function literalModule(exports, file) {
  const lines = [];
  let needsTable = false;
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'number' || typeof value === 'string') {
      lines.push(`export const ${name} = ${JSON.stringify(value)};`);
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes(SEP))) {
      lines.push(`export const ${name} = ${JSON.stringify(value.join(SEP))}.split(${JSON.stringify(SEP)});`);
    } else if (value && typeof value === 'object' && typeof (/** @type {{ encoded?: unknown }} */ (value).encoded) === 'function') {
      const { records, lens, anchors, size } = /** @type {{ encoded(): { records: string; lens: string; anchors: number[]; size: number } }} */ (value).encoded();
      needsTable = true;
      lines.push(`export const ${name} = /* @__PURE__ */ new WordTable(${JSON.stringify(records)}, ${JSON.stringify(lens)}, ` +
        `${JSON.stringify(anchors)}, ${size});`);
    } else {
      throw new Error(`${file}: export "${name}" is not a WordTable, a list of strings, a string or a number; the build step cannot write it.`);
    }
  }
  if (needsTable) lines.unshift(`import { WordTable } from './wordtable';`);
  return lines.join('\n') + '\n';
}

/** @type {Map<string, Promise<string>>} one evaluation per file and build process (the bundles build in parallel) */
const literalSources = new Map();

/** @type {import('esbuild').Plugin} */
export const engineDataPlugin = {
  name: 'article-annotator-engine-data',
  setup(build) {
    build.onLoad({ filter: NAMES_MODULE }, async (args) => {
      let source = literalSources.get(args.path);
      if (!source) {
        source = evaluateModule(args.path).then((exports) => literalModule(exports, args.path));
        literalSources.set(args.path, source);
      }
      return { contents: await source, loader: 'js', resolveDir: dirname(args.path), watchFiles: [args.path] };
    });
  },
};

/** For tests: the literal module that replaces `file` in the bundles. @param {string} file */
export async function literalNamesModule(file) {
  return literalModule(await evaluateModule(file), file);
}
