import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from '../../../src/core/store';
export { prng as rng } from '../../support/prng';
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: () => number, n: number): number => Math.floor(r() * n);

/** Plain data (undefined fields dropped), for deepEqual. */
export const plain = (a: unknown): unknown => JSON.parse(JSON.stringify(a));

/** A file system for sessions that never touch a file. */
export const noFiles: FileSystem = {
  stat: async () => undefined,
  readFile: async () => { throw new Error('no files in this test'); },
  writeFile: async () => undefined,
  rename: async () => undefined,
  delete: async () => undefined,
};

const samples = path.join(__dirname, '..', '..', '..', '..', 'samples');

/** The project's sample articles, joined. */
export function sampleText(): string {
  const files = fs.readdirSync(samples).filter((f) => f.endsWith('.txt')).sort();
  return files.map((f) => fs.readFileSync(path.join(samples, f), 'utf8')).join('\n\n');
}
