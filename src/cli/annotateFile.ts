import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { annotateArticle } from '../core/annotate';
import { NodeFileSystem } from '../core/store';
import { decodeArticle } from '../core/textFile';

export interface FileResult {
  file: string;
  ok: boolean;
  /** One sentence saying why the file failed. */
  error?: string;
  warnings?: string[];
  /** With --stdout: the sidecar text. */
  yaml?: string;
}

/**
 * Lists each folder once per run. The store lists an article's folder to find temporary files
 * left by killed saves; doing that for every article is quadratic in a folder of many articles.
 * A listing that is a few seconds old is enough: only files older than STALE_TMP_MS are removed.
 */
export class ListOnceFileSystem extends NodeFileSystem {
  private readonly listings = new Map<string, Promise<string[]>>();

  override list(dir: string): Promise<string[]> {
    let names = this.listings.get(dir);
    if (!names) {
      names = super.list(dir);
      this.listings.set(dir, names);
    }
    return names;
  }
}

const nodeFs = new ListOnceFileSystem();

/** Annotates one article file; never throws (a failure comes back with its reason). */
export async function annotateFile(file: string, opts: { stdout: boolean }): Promise<FileResult> {
  try {
    const bytes = await fs.readFile(file);
    const { text } = decodeArticle(bytes, 'it');
    // Sidecar paths use '/' (the store's path logic is POSIX, shared with VS Code URIs).
    const articlePath = path.resolve(file).split(path.sep).join('/');
    const r = await annotateArticle(nodeFs, articlePath, text, { write: !opts.stdout });
    return { file, ok: true, warnings: r.warnings, yaml: opts.stdout ? r.yaml : undefined };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    let message = err instanceof Error ? err.message : String(e);
    if (err.code === 'EISDIR') message = 'is a folder.';
    else if (err.code === 'ENOENT') message = 'no such file.';
    else if (err.code === 'EACCES') message = 'permission denied.';
    return { file, ok: false, error: message.replace(/^it /, '') };
  }
}
