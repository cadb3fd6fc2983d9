/**
 * File access for the store behind a small interface: the VS Code adapter backs it with
 * `vscode.workspace.fs`, the CLI and tests with `NodeFileSystem` below. Saves are atomic: a
 * temporary file in the same folder, flushed, then renamed over the old one, so an interrupted
 * save leaves the old or the new file, never a truncated one. The temporary file a killed save
 * leaves behind is removed by the next load or save (removeStaleTemporaryFiles).
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { Annotations } from '../model';
import { parse, serialize, sidecarPathFor, type ParsedSidecar } from './sidecar';
import { reanchor, type ReanchorReport } from './reanchor';

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** undefined when the file does not exist. */
  stat(path: string): Promise<{ mtime: number; size: number } | undefined>;
  /** Names of the entries of a folder (optional: without it stale temporary files stay). */
  list?(dir: string): Promise<string[]>;
}

/** node:fs implementation; `writeFile` flushes to disk (fsync) before it resolves. */
export class NodeFileSystem implements FileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    return nodeFs.readFile(path);
  }
  async writeFile(path: string, data: Uint8Array): Promise<void> {
    const h = await nodeFs.open(path, 'w');
    try {
      await h.writeFile(data);
      await h.sync();
    } finally {
      await h.close();
    }
  }
  async rename(from: string, to: string): Promise<void> {
    await nodeFs.rename(from, to);
    // make the rename itself durable where the platform allows it (not on Windows)
    const dir = to.slice(0, Math.max(to.lastIndexOf('/'), 0)) || '.';
    try {
      const h = await nodeFs.open(dir, 'r');
      try { await h.sync(); } finally { await h.close(); }
    } catch { /* best effort */ }
  }
  async delete(path: string): Promise<void> {
    await nodeFs.rm(path, { force: true });
  }
  async list(dir: string): Promise<string[]> {
    return nodeFs.readdir(dir);
  }
  async stat(path: string): Promise<{ mtime: number; size: number } | undefined> {
    try {
      const s = await nodeFs.stat(path);
      return { mtime: s.mtimeMs, size: s.size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }
}

export type StoreErrorCode =
  | 'readOnly' | 'permission' | 'diskFull' | 'notFound' | 'io'
  | 'invalidSidecar' | 'newerVersion' | 'changedOnDisk';

/** An error with one clear sentence for people and a code for the UI (Retry, Open File...). */
export class StoreError extends Error {
  constructor(message: string, readonly code: StoreErrorCode, readonly path: string, readonly cause?: unknown) {
    super(message);
    this.name = 'StoreError';
  }
}

/** The sidecar on disk changed since it was loaded: merge (merge3) before saving. */
export class SidecarChangedError extends StoreError {
  constructor(path: string, readonly diskText: string | undefined, readonly diskParsed: ParsedSidecar | undefined) {
    super(`${baseName(path)} changed on disk since it was loaded; merge or reload before saving.`, 'changedOnDisk', path);
  }
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** One sentence for an I/O error (Node errno codes and vscode FileSystemError codes). */
export function describeIoError(e: unknown, path: string, action: 'save' | 'read'): StoreError {
  if (e instanceof StoreError) return e;
  const err = e as { code?: string; name?: string; message?: string };
  const code = err.code ?? err.name ?? '';
  const name = baseName(path);
  const kept = action === 'save' ? ' The annotations are kept in memory; retry when fixed.' : '';
  if (/EROFS/.test(code)) return new StoreError(`Could not ${action} ${name}: the folder is read-only.${kept}`, 'readOnly', path, e);
  if (/EACCES|EPERM|NoPermissions/.test(code)) return new StoreError(`Could not ${action} ${name}: permission denied.${kept}`, 'permission', path, e);
  if (/ENOSPC|EDQUOT/.test(code)) return new StoreError(`Could not ${action} ${name}: the disk is full.${kept}`, 'diskFull', path, e);
  if (/EISDIR|FileIsADirectory/.test(code)) return new StoreError(`Could not ${action} ${name}: a folder of that name is in the way.${kept}`, 'io', path, e);
  if (/ENOENT|ENOTDIR|FileNotFound/.test(code)) return new StoreError(`Could not ${action} ${name}: its folder does not exist.${kept}`, 'notFound', path, e);
  return new StoreError(`Could not ${action} ${name}: ${err.message ?? String(e)}.${kept}`.replace(/\.\./g, '.'), 'io', path, e);
}

/**
 * Write `data` to `path` atomically: a temporary file beside it, then a rename. On failure the
 * old file is untouched, the temporary file is removed and a StoreError says what happened.
 */
export async function atomicWrite(fs: FileSystem, path: string, data: Uint8Array): Promise<void> {
  const slash = path.lastIndexOf('/');
  const tmp = path.slice(0, slash + 1) + '.' + path.slice(slash + 1) + '.' + randomBytes(TMP_ID_BYTES).toString('hex') + '.tmp';
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, path);
  } catch (e) {
    try { await fs.delete(tmp); } catch { /* it may not exist */ }
    throw describeIoError(e, path, 'save');
  }
}

const TMP_ID_BYTES = 6;
/** A temporary file this old was left by a save that was killed (a live save renames it in well under this). */
export const STALE_TMP_MS = 30_000;

/**
 * Removes temporary files of our own naming (`.<name>.<12 hex digits>.tmp`, see atomicWrite)
 * left beside `path` by a save that was killed, when older than STALE_TMP_MS (younger ones may
 * belong to a save in progress in another process). Best effort: returns the names removed.
 */
export async function removeStaleTemporaryFiles(fs: FileSystem, path: string, now = Date.now()): Promise<string[]> {
  if (!fs.list) return [];
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const removed: string[] = [];
  let names: string[];
  try {
    names = await fs.list(dir === '' ? '.' : dir.length > 1 ? dir.slice(0, -1) : dir);
  } catch {
    return removed;
  }
  const prefix = '.' + base + '.';
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const id = name.slice(prefix.length, -4);
    if (id.length !== TMP_ID_BYTES * 2 || !/^[0-9a-f]+$/.test(id)) continue;
    try {
      const st = await fs.stat(dir + name);
      if (!st || now - st.mtime < STALE_TMP_MS) continue;
      await fs.delete(dir + name);
      removed.push(name);
    } catch { /* another process may have removed it */ }
  }
  return removed;
}

async function readText(fs: FileSystem, path: string, action: 'save' | 'read' = 'read'): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    if ((await fs.stat(path)) === undefined) return undefined;
    bytes = await fs.readFile(path);
  } catch (e) {
    const code = (e as { code?: string; name?: string }).code ?? (e as { name?: string }).name ?? '';
    if (/ENOENT|FileNotFound/.test(code)) return undefined;
    throw describeIoError(e, path, action);
  }
  let s = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  return s;
}

export interface LoadedSidecar {
  path: string;
  /** The file's text; undefined when there is no sidecar yet. */
  diskText: string | undefined;
  parsed: ParsedSidecar;
  /** Set when the article changed since the sidecar was written and annotations were re-anchored. */
  reanchored?: ReanchorReport;
}

/**
 * Read the sidecar of `articlePath` for the article `text` (UTF-16 offsets in the result).
 * A missing sidecar gives empty annotations. When the article changed (sha256 differs) or an
 * annotation no longer matches its text, the annotations are re-anchored.
 * A sidecar that fails to parse comes back with `parsed.ok === false` and its diagnostics;
 * `saveSidecar` will refuse to overwrite it.
 */
export async function loadSidecar(
  fs: FileSystem,
  articlePath: string,
  text: string,
  /** `readOnly`: a reader that never writes (corpus reports, exports) leaves the folder alone. */
  options: { readOnly?: boolean } = {},
): Promise<LoadedSidecar> {
  const path = sidecarPathFor(articlePath);
  const diskText = await readText(fs, path);
  // (listing the folder for every sidecar would make reading a large folder quadratic)
  if (!options.readOnly) await removeStaleTemporaryFiles(fs, path);
  if (diskText === undefined) {
    return { path, diskText, parsed: parse('version: 1\n', text) };
  }
  const parsed = parse(diskText, text, { readOnly: options.readOnly });
  const loaded: LoadedSidecar = { path, diskText, parsed };
  if (parsed.ok && (parsed.stale || needsReanchor(parsed.annotations, text))) {
    loaded.reanchored = reanchor(parsed.annotations, text);
  }
  return loaded;
}

function needsReanchor(ann: Annotations, text: string): boolean {
  for (const a of ann.entities) if (a.status !== 'orphaned' && !text.startsWith(a.text, a.start)) return true;
  for (const a of ann.quotes) if (a.status !== 'orphaned' && !text.startsWith(a.text, a.start)) return true;
  return false;
}

export interface SaveOptions {
  /** The sidecar as loaded: its comments and unknown keys are carried over. */
  previous?: ParsedSidecar;
  /**
   * The disk text this editor last loaded or saved (null: there was no file). When given and
   * the disk differs, the save is refused with SidecarChangedError so nothing is overwritten
   * silently.
   */
  expectedDiskText?: string | null;
}

/**
 * Write the sidecar of `articlePath` atomically. Refuses (StoreError) to overwrite a sidecar
 * that fails to parse (naming the line) or has a newer schema version. Returns the text written
 * (unchanged text is not rewritten).
 */
export async function saveSidecar(fs: FileSystem, articlePath: string, ann: Annotations, text: string, options: SaveOptions = {}): Promise<string> {
  const path = sidecarPathFor(articlePath);
  const name = baseName(path);
  const disk = await readText(fs, path, 'save');
  if (options.expectedDiskText !== undefined && (disk ?? null) !== options.expectedDiskText) {
    throw new SidecarChangedError(path, disk, disk === undefined ? undefined : parse(disk));
  }
  let previous = options.previous;
  if (disk !== undefined && !(options.expectedDiskText !== undefined && previous)) {
    const onDisk = parse(disk);
    if (!onDisk.ok) {
      const d = onDisk.diagnostics.find((x) => x.severity === 'error')!;
      throw new StoreError(`${name} line ${d.line}, column ${d.column}: ${d.message} It was not overwritten; fix it and save again.`, 'invalidSidecar', path);
    }
    previous ??= onDisk;
  }
  if (previous && !previous.ok) {
    const d = previous.diagnostics.find((x) => x.severity === 'error');
    throw new StoreError(`${name} line ${d?.line ?? 1}, column ${d?.column ?? 1}: ${d?.message ?? 'it does not parse.'} It was not overwritten; fix it and save again.`, 'invalidSidecar', path);
  }
  if (previous?.readOnly) {
    throw new StoreError(`${name} uses a newer schema version; it is read-only in this version of the extension.`, 'newerVersion', path);
  }
  const out = serialize(ann, text, previous, { file: baseName(articlePath) });
  await removeStaleTemporaryFiles(fs, path);
  if (out === disk) return out;
  await atomicWrite(fs, path, new TextEncoder().encode(out));
  return out;
}
