import { createHash } from 'node:crypto';

/**
 * The `source.sha256` of a sidecar: SHA-256 (hex) of the UTF-8 encoding of the decoded article
 * text (BOM excluded, line endings as they are). The extension host and the CLI are both Node,
 * so node:crypto is available to the core.
 */
export function articleSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
