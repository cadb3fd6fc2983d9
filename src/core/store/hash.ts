import { createHash } from 'node:crypto';

/**
 * The `source.sha256` of a sidecar: SHA-256 (hex) of the UTF-8 encoding of the decoded article
 * text (BOM excluded, line endings as they are). The extension host and the CLI are both Node,
 * so node:crypto is available to the core.
 *
 * The last text hashed and its hash are kept: a load and the saves after it (autosave after
 * tagging, the article unchanged) hash the same text, so it is hashed once per text version.
 */
export function articleSha256(text: string): string {
  if (text !== lastText || lastHash === undefined) {
    lastHash = createHash('sha256').update(text, 'utf8').digest('hex');
    lastText = text;
  }
  return lastHash;
}

let lastText: string | undefined;
let lastHash: string | undefined;
