/**
 * The one pipeline the CLI and the editor share: read the sidecar (re-anchoring when the article
 * changed), run the engine, keep the user's work and refresh the suggestions, write atomically.
 */
import { analyze, type AnalyzeOptions } from './analysis';
import type { Annotations } from './model';
import {
  loadSidecar,
  mergeAnalysis,
  saveSidecar,
  serialize,
  StoreError,
  type FileSystem,
  type ParsedSidecar,
} from './store';

export interface AnnotateResult {
  annotations: Annotations;
  /** The sidecar text (written, or to print). */
  yaml: string;
  /** Repairs and re-anchoring worth telling the user about. */
  warnings: string[];
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Refuses a sidecar that does not parse or is of a newer version, naming the line. */
export function assertWritable(parsed: ParsedSidecar, sidecarPath: string): void {
  const name = baseName(sidecarPath);
  if (!parsed.ok) {
    const d = parsed.diagnostics.find((x) => x.severity === 'error');
    throw new StoreError(
      `${name} line ${d?.line ?? 1}, column ${d?.column ?? 1}: ${d?.message ?? 'it does not parse.'} It was left unchanged.`,
      'invalidSidecar',
      sidecarPath,
    );
  }
  if (parsed.readOnly) {
    throw new StoreError(parsed.readOnlyMessage ?? `${name} uses a newer schema version; it was left unchanged.`, 'newerVersion', sidecarPath);
  }
}

export async function annotateArticle(
  fs: FileSystem,
  articlePath: string,
  text: string,
  options: { write: boolean; analysis?: AnalyzeOptions },
): Promise<AnnotateResult> {
  const loaded = await loadSidecar(fs, articlePath, text);
  assertWritable(loaded.parsed, loaded.path);
  const warnings = loaded.parsed.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${baseName(loaded.path)} line ${d.line}: ${d.message}`);
  const orphaned = loaded.reanchored?.orphaned.length ?? 0;
  if (orphaned > 0) warnings.push(`${orphaned} annotation(s) no longer match the edited article and are marked orphaned.`);
  const annotations = mergeAnalysis(loaded.parsed.annotations, analyze(text, options.analysis));
  const yaml = options.write
    ? await saveSidecar(fs, articlePath, annotations, text, { previous: loaded.parsed, expectedDiskText: loaded.diskText ?? null })
    : serialize(annotations, text, loaded.parsed, { file: baseName(articlePath) });
  return { annotations, yaml, warnings };
}
