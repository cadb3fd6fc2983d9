/** The annotation store: sidecar YAML, offsets, live edits, re-anchoring, merging, atomic files. */
export { OffsetMap } from './offsets';
export { articleSha256 } from './hash';
export {
  sidecarPathFor, serialize, parse, emptyExtras, SUPPORTED_VERSION, MAX_SIDECAR_CHARS, SLOW_PATH_MAX_CHARS,
  type ParsedSidecar, type SidecarDiagnostic, type SidecarExtras, type ItemExtras, type SerializeOptions, type ParseOptions,
} from './sidecar';
export { applyEdit, type TextChange, type EditResult } from './edits';
export { reanchor, type ReanchorReport } from './reanchor';
export { mergeAnalysis, mergeRegion, mergeSorted, merge3, isUserOwned, type MergeConflict, type MergeResult, type ConflictKind } from './merge';
export {
  NodeFileSystem, atomicWrite, loadSidecar, saveSidecar, describeIoError, StoreError, SidecarChangedError, removeStaleTemporaryFiles, STALE_TMP_MS,
  type FileSystem, type LoadedSidecar, type SaveOptions, type StoreErrorCode,
} from './files';
