import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Stats {
  passes: number;
  failures: number;
  pending: number;
}

/** Test files below a folder, sorted, matching `*.test.js`. */
export function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function writeStats(file: string | undefined, stats: Stats): void {
  if (file) fs.writeFileSync(file, JSON.stringify(stats));
}

export function readStats(file: string): Stats | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Stats;
  } catch {
    return undefined;
  }
}
