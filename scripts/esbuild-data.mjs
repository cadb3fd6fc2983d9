// Build-time data step for the bundles (extension, CLI, engine bench): the analysis engine's name
// lists are taken from npm data packages, but a bundle needs only the names. This esbuild plugin
// replaces each package's data, at bundle time, by a module holding just the fields the engine
// reads (lexicon.ts), as one string literal split at load (a long string parses far faster than
// an array or object literal). The sources keep importing the packages themselves, so type
// checking and the unbundled test build (out/) read the full data unchanged.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const SEP = '\n';

/** A module whose default export is `names` (strings without a line break), cheap to parse. */
function stringList(names) {
  const clean = names.filter((n) => typeof n === 'string' && !n.includes(SEP));
  return `export default ${JSON.stringify(clean.join(SEP))}.split(${JSON.stringify(SEP)});\n`;
}

/** @type {import('esbuild').Plugin} */
export const engineDataPlugin = {
  name: 'article-annotator-engine-data',
  setup(build) {
    // @vvo/tzdb: 112 KB of time zones, of which the engine reads only the main cities' names
    build.onLoad({ filter: /[\\/]@vvo[\\/]tzdb[\\/]raw-time-zones\.json$/ }, async (args) => {
      /** @type {{ mainCities?: string[] }[]} */
      const zones = JSON.parse(await readFile(args.path, 'utf8'));
      const cities = [...new Set(zones.flatMap((z) => z.mainCities ?? []))];
      if (!cities.length) throw new Error(`${args.path}: no mainCities found; the @vvo/tzdb data format changed.`);
      return {
        contents: `const c = ${JSON.stringify(cities.join(SEP))}.split(${JSON.stringify(SEP)});\nexport default [{ mainCities: c }];\n`,
        loader: 'js',
      };
    });
    // @stdlib first-name lists: arrays of strings
    build.onLoad({ filter: /[\\/]@stdlib[\\/]datasets-(?:male|female)-first-names-en[\\/]data[\\/]names\.json$/ }, async (args) => {
      const names = JSON.parse(await readFile(args.path, 'utf8'));
      if (!Array.isArray(names) || !names.length) throw new Error(`${args.path}: not a list of names; the data format changed.`);
      return { contents: stringList(names), loader: 'js' };
    });
    // countries-list: the engine reads each country's name, aliases and capital
    build.onResolve({ filter: /^countries-list$/ }, (args) => ({
      path: createRequire(args.importer || import.meta.url).resolve('countries-list'),
      namespace: 'engine-countries',
    }));
    build.onLoad({ filter: /.*/, namespace: 'engine-countries' }, (args) => {
      const { countries } = createRequire(args.path)(args.path);
      /** @type {Record<string, { name: string; alias?: string[]; capital?: string }>} */
      const slim = {};
      for (const [code, c] of Object.entries(countries)) {
        slim[code] = { name: c.name };
        if (Array.isArray(c.alias) && c.alias.length) slim[code].alias = c.alias;
        if (c.capital) slim[code].capital = c.capital;
      }
      if (!Object.keys(slim).length) throw new Error(`${args.path}: no countries found; the countries-list data format changed.`);
      return { contents: `export const countries = JSON.parse(${JSON.stringify(JSON.stringify(slim))});\n`, loader: 'js' };
    });
  },
};
