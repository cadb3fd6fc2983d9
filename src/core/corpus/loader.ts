/**
 * Filling the index from files, and loading one article with its annotations for the exports
 * that need the text (brat, W3C). File access goes through the store's `FileSystem`.
 */
import type { Annotations } from '../model';
import { loadSidecar, type FileSystem } from '../store';
import { decodeArticle } from '../textFile';
import type { CorpusError, CorpusIndex } from './corpusIndex';

export function decodeUtf8(bytes: Uint8Array): string {
  const s = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Reads the given sidecars into the index, `concurrency` reads at a time (parsing is
 * synchronous and quick). Unreadable files become index failures. Yields to the event loop
 * between files, so an editor stays responsive.
 */
export async function indexSidecars(index: CorpusIndex, fs: Pick<FileSystem, 'readFile'>, paths: readonly string[], concurrency = 16): Promise<CorpusError[]> {
  let next = 0;
  const errors: CorpusError[] = [];
  const worker = async () => {
    while (next < paths.length) {
      const p = paths[next++]!;
      let text: string;
      try {
        text = decodeUtf8(await fs.readFile(p));
      } catch (e) {
        const err = { sidecar: p, message: `${p.slice(p.lastIndexOf('/') + 1)} could not be read: ${(e as Error).message}` };
        errors.push(err);
        index.fail(err);
        continue;
      }
      const err = index.update(p, text);
      if (err) errors.push(err);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, paths.length)) }, worker));
  return errors;
}

export interface LoadedArticle {
  article: string;
  text: string;
  /** UTF-16 offsets into `text`, re-anchored when the article changed. */
  annotations: Annotations;
}

/** The article's text and annotations, or a one-sentence error. */
export async function loadArticle(fs: FileSystem, articlePath: string): Promise<LoadedArticle | { error: string }> {
  const name = articlePath.slice(articlePath.lastIndexOf('/') + 1);
  let text: string;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(articlePath);
  } catch {
    return { error: `${name}: the article beside its sidecar is missing or unreadable; it was left out.` };
  }
  try {
    text = decodeArticle(bytes, name).text;
  } catch (e) {
    return { error: (e as Error).message };
  }
  try {
    const loaded = await loadSidecar(fs, articlePath, text, { readOnly: true });
    if (!loaded.parsed.ok) {
      const d = loaded.parsed.diagnostics.find((x) => x.severity === 'error');
      return { error: `${name}: its sidecar line ${d?.line ?? 1}: ${d?.message ?? 'does not parse'}` };
    }
    return { article: articlePath, text, annotations: loaded.parsed.annotations };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Loads articles `window` at a time (reads overlap with parsing) and hands each to `each` in
 * the order given; memory holds one window, not the corpus.
 */
export async function forEachArticle(fs: FileSystem, paths: readonly string[], each: (path: string, loaded: LoadedArticle | { error: string }) => void | Promise<void>, window = 32): Promise<void> {
  for (let i = 0; i < paths.length; i += window) {
    const chunk = paths.slice(i, i + window);
    const loaded = await Promise.all(chunk.map((p) => loadArticle(fs, p)));
    for (let k = 0; k < chunk.length; k++) await each(chunk[k]!, loaded[k]!);
  }
}
