import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export const ARTICLE_EXTENSIONS = ['.txt', '.article', '.md'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test']);

export interface Discovered {
  files: string[];
  /** Paths that do not exist or cannot be read, with the reason. */
  missing: { path: string; reason: string }[];
}

/** Files named directly are taken as they are; folders are searched for articles. */
export async function discover(paths: string[]): Promise<Discovered> {
  const files: string[] = [];
  const missing: Discovered['missing'] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    const abs = path.resolve(f);
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push(f);
    }
  };
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(p);
      } else if (e.isFile() && ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
        add(p);
      }
    }
  }
  for (const p of paths) {
    try {
      const st = await fs.stat(p);
      if (st.isDirectory()) await walk(p);
      else add(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({ path: p, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? String(e)})` });
    }
  }
  return { files, missing };
}
