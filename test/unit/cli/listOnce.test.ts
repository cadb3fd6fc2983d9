/** The CLI's file system lists each folder once per run, and stale temporary files still go. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { annotateFile, ListOnceFileSystem } from '../../../src/cli/annotateFile';
import { STALE_TMP_MS } from '../../../src/core/store/files';

describe('CLI: one folder listing per run', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aa-list-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ListOnceFileSystem reads a folder once and answers later calls from that listing', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'x');
    const lfs = new ListOnceFileSystem();
    const first = await lfs.list(dir);
    fs.writeFileSync(path.join(dir, 'b.txt'), 'y'); // not seen: the listing is the run's first
    assert.deepEqual(await lfs.list(dir), first);
    assert.deepEqual(first, ['a.txt']);
    assert.deepEqual(await new ListOnceFileSystem().list(dir), ['a.txt', 'b.txt']);
  });

  it('annotating many articles of one folder still removes every stale temporary file', async () => {
    const old = new Date(Date.now() - STALE_TMP_MS - 60_000);
    const names = Array.from({ length: 12 }, (_, i) => `story-${i}.txt`);
    for (const n of names) {
      fs.writeFileSync(path.join(dir, n), ` date 2024-01-0${(names.indexOf(n) % 9) + 1} Title\nOutlet\n\n“We will see,” Ana Lopez said.\n`);
      const tmp = path.join(dir, `.${n.replace('.txt', '.annotations.yaml')}.0123456789ab.tmp`);
      fs.writeFileSync(tmp, 'half a save');
      fs.utimesSync(tmp, old, old);
    }
    for (const n of names) {
      const r = await annotateFile(path.join(dir, n), { stdout: false });
      assert.ok(r.ok, r.error);
    }
    const left = fs.readdirSync(dir).sort();
    assert.deepEqual(left.filter((f) => f.endsWith('.tmp')), []);
    assert.equal(left.filter((f) => f.endsWith('.annotations.yaml')).length, names.length);
  });
});
