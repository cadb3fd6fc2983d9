/** The manifest and the code agree (no VS Code API: reads package.json and the sources as text). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [{ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') }] : [];
  });
}

const src = sources(path.join(root, 'src'));
const all = src.map((s) => s.text).join('\n');

function matches(re: RegExp, text = all): string[] {
  return [...text.matchAll(re)].map((m) => m[1] as string);
}

/** Command ids the code registers: through the COMMANDS table or literally. */
function registeredCommands(): Set<string> {
  const table = new Map(
    [...all.matchAll(/^\s*(\w+):\s*'(articleAnnotator\.[\w.]+)'/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
  const ids = new Set<string>();
  for (const key of matches(/registerCommand\(\s*(?:\w+_)?COMMANDS\.(\w+)/g)) {
    const id = table.get(key);
    assert.ok(id, `COMMANDS.${key} is registered but not defined`);
    ids.add(id);
  }
  for (const id of matches(/registerCommand\(\s*'(articleAnnotator\.[\w.]+)'/g)) ids.add(id);
  return ids;
}

describe('manifest', () => {
  const contributed: { command: string; category?: string; title: string }[] = pkg.contributes.commands;

  it('registers every contributed command, and contributes every public registered one', () => {
    const registered = registeredCommands();
    for (const c of contributed) assert.ok(registered.has(c.command), `${c.command} is contributed but never registered`);
    const declared = new Set(contributed.map((c) => c.command));
    for (const id of registered) {
      if (!id.startsWith('articleAnnotator._')) assert.ok(declared.has(id), `${id} is registered but not contributed`);
    }
  });

  it('gives every command the "Article" category and the articleAnnotator prefix', () => {
    for (const c of contributed) {
      assert.match(c.command, /^articleAnnotator\.\w+$/);
      assert.equal(c.category, 'Article', c.command);
    }
  });

  it('hides internal commands and shows palette entries only in articles', () => {
    const palette: { command: string; when?: string }[] = pkg.contributes.menus?.commandPalette ?? [];
    for (const c of contributed) {
      const entry = palette.find((p) => p.command === c.command);
      assert.ok(entry?.when, `${c.command} has no "when" in menus.commandPalette`);
      if (c.command.startsWith('articleAnnotator._')) assert.equal(entry.when, 'false');
    }
  });

  it('declares every articleAnnotator setting the code reads', () => {
    const declared = new Set(Object.keys(pkg.contributes.configuration.properties));
    const used = new Set<string>();
    for (const s of src) {
      if (!s.text.includes("getConfiguration('articleAnnotator')")) continue;
      for (const key of matches(/\.get<[^>]+>\(\s*'([\w.]+)'/g, s.text)) used.add(`articleAnnotator.${key}`);
    }
    assert.ok(used.size > 0, 'found no settings in the code');
    for (const key of used) assert.ok(declared.has(key), `${key} is read but not declared`);
    for (const key of declared) assert.ok(used.has(key), `${key} is declared but never read`);
  });

  it('declares every articleAnnotator colour the code uses', () => {
    const declared = new Set((pkg.contributes.colors ?? []).map((c: { id: string }) => c.id));
    for (const id of matches(/ThemeColor\(\s*'(articleAnnotator\.[\w.]+)'/g)) {
      assert.ok(declared.has(id), `colour ${id} is used but not declared`);
    }
    for (const c of pkg.contributes.colors ?? []) {
      for (const theme of ['dark', 'light', 'highContrast']) assert.ok(c.defaults?.[theme], `${c.id} has no ${theme} default`);
    }
  });

  it('names only real context keys in "when" clauses', () => {
    const set = new Set(matches(/setContext['"],\s*'(articleAnnotator\.[\w.]+)'/g));
    // Only "when" clauses (colour and view ids elsewhere in the manifest are not context keys).
    const clauses = JSON.stringify(pkg.contributes).match(/"when":"(?:[^"\\]|\\.)*"/g) ?? [];
    assert.ok(clauses.length > 0, 'found no "when" clauses');
    const whens = clauses.flatMap((w) => w.match(/articleAnnotator\.\w+(?=\s*(?:==|!=|&&|\|\||\)|"|$))/g) ?? []);
    const commandIds = new Set(contributed.map((c) => c.command));
    const viewIds = new Set(Object.values(pkg.contributes.views ?? {}).flatMap((vs) => (vs as { id: string }[]).map((v) => v.id)));
    for (const key of whens) {
      if (commandIds.has(key) || viewIds.has(key) || key in (pkg.contributes.configuration.properties ?? {})) continue;
      assert.ok(set.has(key), `"when" uses context key ${key}, which the code never sets`);
    }
  });

  it('activates on the article language and commands, never on "*"', () => {
    assert.ok(!(pkg.activationEvents ?? []).includes('*'));
    assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === 'article'));
  });

  it('points at files that exist', () => {
    for (const g of pkg.contributes.grammars) assert.ok(fs.existsSync(path.join(root, g.path)), g.path);
    for (const l of pkg.contributes.languages) {
      if (l.configuration) assert.ok(fs.existsSync(path.join(root, l.configuration)), l.configuration);
    }
    assert.ok(fs.existsSync(path.join(root, pkg.icon)), pkg.icon);
  });

  it('targets the VS Code that runs here, with matching types', () => {
    assert.equal(pkg.engines.vscode, '^1.100.0');
    assert.match(pkg.devDependencies['@types/vscode'], /^~?1\.100\./);
  });
});
