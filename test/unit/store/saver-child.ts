// Child process for the atomic-save kill test: saves A and B alternately until killed.
import { NodeFileSystem, atomicWrite } from '../../../src/core/store/files';

const [path, size] = [process.argv[2], Number(process.argv[3])];
const A = new Uint8Array(size).fill(65);
const B = new Uint8Array(size).fill(66);
const fs = new NodeFileSystem();
void (async () => {
  process.send?.('ready');
  for (let i = 0; ; i++) await atomicWrite(fs, path, i % 2 ? A : B);
})();
