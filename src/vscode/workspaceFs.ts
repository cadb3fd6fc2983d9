import { promises as nodeFs } from 'node:fs';
import * as vscode from 'vscode';
import type { FileSystem } from '../core/store';

/**
 * The store's FileSystem on `vscode.workspace.fs`. Paths are URI paths; scheme and authority
 * come from the article's URI, so remote and virtual folders work as well as local ones.
 */
export class WorkspaceFileSystem implements FileSystem {
  constructor(private base: vscode.Uri) {}

  /** An untitled article saved to a file: from now on paths are on the file's scheme. */
  rebase(uri: vscode.Uri): void {
    this.base = uri;
  }

  private uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }
  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }
  async writeFile(path: string, data: Uint8Array): Promise<void> {
    await vscode.workspace.fs.writeFile(this.uri(path), data);
  }
  async rename(from: string, to: string): Promise<void> {
    const src = this.uri(from);
    const dst = this.uri(to);
    // `workspace.fs.rename` with overwrite deletes the target first, then renames (VS Code's
    // FileService): a reader in between finds no sidecar at all. On local disk the system's
    // rename replaces the file in one step, which is what the atomic save relies on.
    if (src.scheme === 'file') return nodeFs.rename(src.fsPath, dst.fsPath);
    await vscode.workspace.fs.rename(src, dst, { overwrite: true });
  }
  async delete(path: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.uri(path));
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
    }
  }
  async list(dir: string): Promise<string[]> {
    return (await vscode.workspace.fs.readDirectory(this.uri(dir))).map(([name]) => name);
  }
  async stat(path: string): Promise<{ mtime: number; size: number } | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { mtime: s.mtime, size: s.size };
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      throw e;
    }
  }
}
