import * as path from 'node:path';

/** The project root (this file runs from out/test/harness). */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const codeServerEntry = path.join(
  projectRoot,
  '.vscode-test',
  `code-server-${CODE_SERVER_VERSION}`,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const resultsDir = path.join(projectRoot, 'test-results');
export const samplesDir = path.join(projectRoot, 'samples');
