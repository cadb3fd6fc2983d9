/** Decoding article files: UTF-8 only, a BOM is dropped, binary files are refused. */

export class TextFileError extends Error {}

const BOM = 0xfeff;

/**
 * Decodes an article's bytes. Offsets in sidecars count from the first character after a BOM.
 * Throws TextFileError with one sentence for binary or non-UTF-8 content.
 */
export function decodeArticle(bytes: Uint8Array, name = 'the file'): { text: string; bom: boolean } {
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (probe.includes(0)) {
    throw new TextFileError(`${name} looks like a binary file (it contains NUL bytes); only UTF-8 text articles can be annotated.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new TextFileError(`${name} is not valid UTF-8 text; convert it to UTF-8 and try again.`);
  }
  if (text.charCodeAt(0) === BOM) return { text: text.slice(1), bom: true };
  return { text, bom: false };
}
