import * as assert from 'node:assert/strict';
import { workspaceConfigFrom } from '../../../src/core/workspace/config';
import { CorpusIndex, corpusStats, forEachArticle, indexSidecars } from '../../../src/core/corpus';
import type { FileSystem } from '../../../src/core/store';
import { corpus, yamlOf } from './fixtures';

/** An in-memory FileSystem; reading a path in `broken` fails like a permission error. */
function memoryFs(files: Record<string, string>, broken: string[] = []): FileSystem {
  const enc = new TextEncoder();
  return {
    async readFile(p) {
      if (broken.includes(p)) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      if (!(p in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return enc.encode(files[p]);
    },
    async writeFile() { throw new Error('read-only'); },
    async rename() { throw new Error('read-only'); },
    async delete() { throw new Error('read-only'); },
    async stat(p) { return p in files ? { mtime: 0, size: files[p]!.length } : undefined; },
  };
}

describe('corpus loading', () => {
  const files: Record<string, string> = {};
  for (const d of corpus()) {
    files['/w/' + d.name] = d.text;
    files['/w/' + d.name.replace('.txt', '.annotations.yaml')] = yamlOf(d);
  }

  it('indexes sidecars through the FileSystem; an unreadable one becomes a failure, the others are counted', async () => {
    const index = new CorpusIndex();
    const paths = Object.keys(files).filter((p) => p.endsWith('.yaml'));
    const errors = await indexSidecars(index, memoryFs(files, ['/w/b.annotations.yaml']), paths, 2);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /^b\.annotations\.yaml could not be read: permission denied/);
    const s = corpusStats(index);
    assert.equal(s.articles, 2);
    assert.equal(s.failures.length, 1);
  });

  it('loads articles in the order given, with UTF-16 offsets, and names a missing article', async () => {
    const seen: string[] = [];
    const fs0 = memoryFs({ ...files, '/w/gone.annotations.yaml': files['/w/a.annotations.yaml']! });
    await forEachArticle(fs0, ['/w/b.txt', '/w/gone.txt', '/w/a.txt'], (p, l) => {
      seen.push(p);
      if (p === '/w/gone.txt') {
        assert.ok('error' in l);
        assert.match(l.error, /gone\.txt: the article beside its sidecar is missing/);
        return;
      }
      assert.ok(!('error' in l));
      for (const q of l.annotations.quotes) assert.equal(l.text.slice(q.start, q.end), q.text, `${p} ${q.id}`);
    }, 2);
    assert.deepEqual(seen, ['/w/b.txt', '/w/gone.txt', '/w/a.txt']);
  });

  it('workspace file for the corpus: topics, speaker attributes and known speakers; junk gives defaults', () => {
    const c = workspaceConfigFrom('version: 1\ntopics:\n  - {id: climate, label: Climate}\nspeakerAttributes:\n  - id: gender\n    values: [female, male]\nspeakers:\n  - {id: ana-ruiz, name: Ana Ruiz, attributes: {gender: female}}\n  - {name: no id}\n');
    assert.deepEqual(c.topics, [{ id: 'climate', label: 'Climate' }]);
    assert.deepEqual(c.speakerAttributes, [{ id: 'gender', values: ['female', 'male'] }]);
    assert.deepEqual(c.speakers, [{ id: 'ana-ruiz', name: 'Ana Ruiz', aliases: [], kind: 'person', attributes: { gender: 'female' } }]);
    assert.deepEqual(workspaceConfigFrom(': : [').speakers, []);
  });
});
