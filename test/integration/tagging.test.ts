/**
 * The tagging commands in the real extension host: each one runs as a user runs it (the test
 * answers the QuickPick / InputBox through the workbench's own commands), then the sidecar on
 * disk is checked.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { Annotations, Quote } from '../../src/core/model';
import type { ArticleSessions } from '../../src/vscode/sessions';
import type { WorkspaceConfigService } from '../../src/vscode/workspaceConfig';
import type { Tagging } from '../../src/vscode/tagging';
import { api as baseApi, copySample, exists, openArticle, readText, sidecarOf, waitFor, workspaceUri, writeText } from './util';

/** The extension's API with the workspace service (activate returns it beside the sessions). */
type Api = { sessions: ArticleSessions; workspaceConfig: WorkspaceConfigService; tagging: Tagging };
async function api(): Promise<Api> {
  return (await baseApi()) as unknown as Api;
}

const WORKSPACE_FILE = workspaceUri('.article-annotator.yaml');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Step = 'next' | 'accept' | 'toggle' | { type: string };

/** Waits for the pick / input box a command opened, then answers it step by step. */
async function answer(...steps: Step[]): Promise<void> {
  const a = await api();
  await waitFor('a pick or input box of the command', () => a.tagging.inputOpen);
  await pause(250); // the workbench shows it after the extension host asked
  for (const s of steps) {
    if (s === 'next') await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    else if (s === 'accept') await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    else if (s === 'toggle') await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    else assert.ok((await api()).tagging.typeIntoInput(s.type), 'a pick or input box is open to type into');
    await pause(s === 'accept' ? 400 : 150);
  }
}

interface SidecarFile {
  topics: string[];
  speakers: { id: string; name: string; aliases?: string[]; role?: string; attributes?: Record<string, string> }[];
  entities: { id: string; start: number; end: number; text: string; type: string; origin: string; status: string }[];
  quotes: (Omit<Quote, 'source' | 'cue'> & { topics?: string[] })[];
}

describe('tagging: the annotation commands in a real extension host', function () {
  this.timeout(60_000);
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let n = 0;

  async function session() {
    const s = await (await api()).sessions.get(doc);
    assert.ok(s, 'the article has a session');
    return s;
  }
  const ann = async (): Promise<Annotations> => (await session()).annotations;

  /** Flushes the debounced save and reads the sidecar on disk. */
  async function sidecar(): Promise<SidecarFile> {
    await vscode.commands.executeCommand('articleAnnotator.saveAnnotations');
    return parse(await readText(sidecarOf(uri))) as SidecarFile;
  }

  function cursor(offset: number, end = offset): void {
    editor.selection = new vscode.Selection(doc.positionAt(offset), doc.positionAt(end));
  }
  const offsetOf = (s: string, from = 0) => {
    const i = doc.getText().indexOf(s, from);
    assert.ok(i >= 0, `the sample contains "${s}"`);
    return i;
  };
  const quoteStarting = (file: SidecarFile, text: string) => {
    const q = file.quotes.find((x) => x.text.startsWith(text));
    assert.ok(q, `a quote starting "${text}"`);
    return q;
  };

  async function workspaceFile(text: string, ready: (a: Awaited<ReturnType<typeof api>>) => boolean): Promise<void> {
    await writeText(WORKSPACE_FILE, text);
    const a = await api();
    await waitFor('the workspace file to be reloaded', () => ready(a));
  }

  beforeEach(async () => {
    uri = await copySample(`tagging-${++n}.txt`);
    doc = await openArticle(uri);
    editor = await vscode.window.showTextDocument(doc);
    await session();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const u of [uri, sidecarOf(uri)]) if (await exists(u)) await vscode.workspace.fs.delete(u);
  });

  after(async () => {
    if (await exists(WORKSPACE_FILE)) await vscode.workspace.fs.delete(WORKSPACE_FILE);
  });

  it('Tag Speaker: the pick lists the suggested speaker first, then the article\'s; choosing one confirms it on disk (saved after the delay)', async () => {
    cursor(offsetOf('China wants an independent'));
    const done = vscode.commands.executeCommand('articleAnnotator.tagSpeaker');
    // Wang Yi (suggested), then the article's speakers by name: Atmar’s office, Chinese media, Hamdullah Mohib
    await answer('next', 'next', 'next', 'accept');
    await done;
    const file = await waitFor('the sidecar written by the debounced save', async () => {
      if (!(await exists(sidecarOf(uri)))) return undefined;
      const f = parse(await readText(sidecarOf(uri))) as SidecarFile;
      return f.quotes.find((q) => q.speaker === 'hamdullah-mohib' && q.text.startsWith('China wants')) ? f : undefined;
    });
    const q = quoteStarting(file, 'China wants');
    assert.deepEqual([q.speaker, q.status, q.rule], ['hamdullah-mohib', 'confirmed', 'manual']);
  });

  it('Tag Speaker: typing filters; a new name + "New speaker..." creates the speaker in the article and the workspace registry', async () => {
    cursor(offsetOf('a political settlement'));
    const existed = await exists(WORKSPACE_FILE);
    const done = vscode.commands.executeCommand('articleAnnotator.tagSpeaker');
    await answer({ type: 'Ahmad Zia Massoud' }, 'accept');
    await done;
    const file = await sidecar();
    assert.equal(quoteStarting(file, 'a political settlement').speaker, 'ahmad-zia-massoud');
    assert.ok(file.speakers.some((s) => s.id === 'ahmad-zia-massoud' && s.name === 'Ahmad Zia Massoud'));
    const registry = parse(await readText(WORKSPACE_FILE));
    assert.ok(registry.speakers.some((s: { id: string }) => s.id === 'ahmad-zia-massoud'), 'the new speaker is a known speaker of the workspace');
    // Undo takes back both parts: the sidecar's tag and the registry entry (a file created by the command goes again)
    await vscode.commands.executeCommand('articleAnnotator.undoAnnotationChange');
    assert.equal(quoteStarting(await sidecar(), 'a political settlement').speaker, 'wang-yi');
    if (!existed) assert.equal(await exists(WORKSPACE_FILE), false, 'the workspace file created on first use is gone again');
    else assert.equal(parse(await readText(WORKSPACE_FILE)).speakers?.some((s: { id: string }) => s.id === 'ahmad-zia-massoud') ?? false, false);
  });

  it('Tag Speaker with a speaker id argument (hover links) tags a known workspace speaker without a pick', async () => {
    await workspaceFile('speakers:\n  - id: ashraf-ghani\n    name: Ashraf Ghani\n    aliases: [Ghani]\n', (a) => a.workspaceConfig.configFor(uri).speakers[0]?.id === 'ashraf-ghani');
    const q = (await ann()).quotes[0] as Quote;
    await vscode.commands.executeCommand('articleAnnotator.tagSpeaker', { uri: uri.toString(), id: q.id }, 'ashraf-ghani');
    const file = await sidecar();
    assert.equal(file.quotes.find((x) => x.id === q.id)?.speaker, 'ashraf-ghani');
    assert.deepEqual(file.speakers.find((s) => s.id === 'ashraf-ghani')?.aliases, ['Ghani']);
  });

  it('the keyboard flow: Next Quote Without Speaker -> Accept Suggested Speaker (moves on) -> Clear Speaker', async () => {
    cursor(0);
    await vscode.commands.executeCommand('articleAnnotator.nextQuoteWithoutSpeaker');
    assert.equal(doc.offsetAt(editor.selection.active), offsetOf('China wants an independent'));
    await vscode.commands.executeCommand('articleAnnotator.acceptSuggestedSpeaker');
    assert.equal(doc.offsetAt(editor.selection.active), offsetOf('a political settlement'), 'the cursor went on to the next quote');
    await vscode.commands.executeCommand('articleAnnotator.clearSpeaker');
    const file = await sidecar();
    assert.deepEqual([quoteStarting(file, 'China wants').speaker, quoteStarting(file, 'China wants').status], ['wang-yi', 'confirmed']);
    const cleared = quoteStarting(file, 'a political settlement');
    assert.deepEqual([cleared.speaker, cleared.status], [undefined, 'confirmed']);
  });

  it('Next / Previous Quote walk the quotes (wrapping)', async () => {
    const a = await ann();
    const starts = a.quotes.filter((q) => q.status !== 'rejected').map((q) => q.start);
    cursor(0);
    await vscode.commands.executeCommand('articleAnnotator.nextQuote');
    assert.equal(doc.offsetAt(editor.selection.active), starts[0]);
    await vscode.commands.executeCommand('articleAnnotator.nextQuote');
    assert.equal(doc.offsetAt(editor.selection.active), starts[1]);
    await vscode.commands.executeCommand('articleAnnotator.previousQuote');
    assert.equal(doc.offsetAt(editor.selection.active), starts[0]);
    await vscode.commands.executeCommand('articleAnnotator.previousQuote');
    assert.equal(doc.offsetAt(editor.selection.active), starts[starts.length - 1], 'wraps to the last quote');
  });

  it('Mark Quote picks direct or reported speech; Remove Annotation deletes it again', async () => {
    const s = offsetOf('Minister Atmar also appreciated');
    const e = offsetOf('COVID-19.') + 'COVID-19'.length;
    cursor(s, e);
    const done = vscode.commands.executeCommand('articleAnnotator.markQuote');
    await answer('next', 'accept'); // reported speech first (no opening quote mark), then direct
    await done;
    let file = await sidecar();
    const q = quoteStarting(file, 'Minister Atmar also appreciated');
    assert.deepEqual([q.kind, q.origin, q.status, q.end - q.start], ['direct', 'manual', 'confirmed', e - s]);
    cursor(s + 3);
    await vscode.commands.executeCommand('articleAnnotator.removeAnnotation', { uri: uri.toString(), id: q.id });
    file = await sidecar();
    assert.equal(file.quotes.some((x) => x.id === q.id), false);
  });

  it('Mark Entity offers the custom types of the workspace file; a new type is added to the file', async () => {
    await workspaceFile('# our types\nentityTypes:\n  - id: weapon\n    color: "#b5651d"\n', (a) => a.workspaceConfig.entityTypes(uri).length === 1);
    const s = offsetOf('telephonic conversation');
    cursor(s, s + 'telephonic conversation'.length);
    let done = vscode.commands.executeCommand('articleAnnotator.markEntity');
    await answer('next', 'next', 'next', 'next', 'accept'); // Person, Organization, Place, Date, Weapon
    await done;
    let file = await sidecar();
    assert.deepEqual(file.entities.filter((x) => x.start === s).map((x) => [x.type, x.origin, x.status]), [['weapon', 'manual', 'confirmed']]);
    const t = offsetOf('laboratory equipment');
    cursor(t, t + 'laboratory equipment'.length);
    done = vscode.commands.executeCommand('articleAnnotator.markEntity', undefined, 'equipment');
    await done;
    file = await sidecar();
    assert.equal(file.entities.find((x) => x.start === t)?.type, 'equipment');
    const ws = await readText(WORKSPACE_FILE);
    assert.match(ws, /^# our types/);
    assert.deepEqual(parse(ws).entityTypes.map((x: { id: string }) => x.id), ['weapon', 'equipment']);
  });

  it('Confirm and Reject Suggestion act at the cursor; Undo and Redo Annotation Change restore them', async () => {
    cursor(offsetOf('KABUL') + 1);
    await vscode.commands.executeCommand('articleAnnotator.confirmSuggestion');
    cursor(offsetOf('Pakistan') + 2);
    await vscode.commands.executeCommand('articleAnnotator.rejectSuggestion');
    let file = await sidecar();
    const kabul = file.entities.find((x) => x.text === 'KABUL');
    const pakistan = file.entities.find((x) => x.text === 'Pakistan');
    assert.deepEqual([kabul?.status, pakistan?.status], ['confirmed', 'rejected']);
    await vscode.commands.executeCommand('articleAnnotator.undoAnnotationChange');
    file = await sidecar();
    assert.equal(file.entities.find((x) => x.text === 'Pakistan')?.status, 'suggested');
    await vscode.commands.executeCommand('articleAnnotator.undoAnnotationChange');
    file = await sidecar();
    assert.equal(file.entities.find((x) => x.text === 'KABUL')?.status, 'suggested');
    await vscode.commands.executeCommand('articleAnnotator.redoAnnotationChange');
    file = await sidecar();
    assert.equal(file.entities.find((x) => x.text === 'KABUL')?.status, 'confirmed');
  });

  it('Confirm All Suggestions asks for the confidence (0.9 proposed) and confirms only the quotes above it', async () => {
    const before = await ann();
    const expected = before.quotes.filter((q) => q.status === 'suggested' && (q.confidence ?? 0) >= 0.9).map((q) => q.id);
    assert.ok(expected.length > 0 && expected.length < before.quotes.length, 'the sample has quotes on both sides of 0.9');
    const done = vscode.commands.executeCommand('articleAnnotator.confirmAllSuggestions');
    await answer('accept');
    await done;
    const file = await sidecar();
    assert.deepEqual(file.quotes.filter((q) => q.status === 'confirmed').map((q) => q.id), expected);
  });

  it('Tag Topics: check topics of the workspace taxonomy, or type a new one (added to the taxonomy)', async () => {
    await workspaceFile(
      'topics:\n  - id: security\n    description: Armed conflict\n  - id: diplomacy\n',
      (a) => a.workspaceConfig.configFor(uri).topics.length === 2,
    );
    let done = vscode.commands.executeCommand('articleAnnotator.tagTopics');
    await answer('next', 'next', 'toggle', 'accept'); // security, [diplomacy] (no item is active until the first move)
    await done;
    assert.deepEqual((await sidecar()).topics, ['diplomacy']);
    done = vscode.commands.executeCommand('articleAnnotator.tagTopics');
    await answer({ type: 'covid response' }, 'accept');
    await done;
    assert.deepEqual((await sidecar()).topics, ['diplomacy', 'covid-response']);
    const ws = parse(await readText(WORKSPACE_FILE));
    assert.deepEqual(ws.topics.map((t: { id: string }) => t.id), ['security', 'diplomacy', 'covid-response']);
    const ids = async () => parse(await readText(WORKSPACE_FILE)).topics.map((t: { id: string }) => t.id);
    await vscode.commands.executeCommand('articleAnnotator.undoAnnotationChange');
    assert.deepEqual((await sidecar()).topics, ['diplomacy']);
    assert.deepEqual(await ids(), ['security', 'diplomacy'], 'the new topic left the taxonomy too');
    await vscode.commands.executeCommand('articleAnnotator.redoAnnotationChange');
    assert.deepEqual((await sidecar()).topics, ['diplomacy', 'covid-response']);
    assert.deepEqual(await ids(), ['security', 'diplomacy', 'covid-response']);
  });

  it('Tag Passage Topic sets the topics of the selected quote', async () => {
    await workspaceFile('topics: [security, diplomacy]\n', (a) => a.workspaceConfig.configFor(uri).topics.length === 2);
    const s = offsetOf('a political settlement');
    cursor(s, s + 10);
    const done = vscode.commands.executeCommand('articleAnnotator.tagPassageTopic');
    await answer('next', 'toggle', 'accept');
    await done;
    assert.deepEqual(quoteStarting(await sidecar(), 'a political settlement').topics, ['security']);
  });

  it('Rename Speaker keeps the old name as an alias; Merge Speakers moves every quote and combines aliases', async () => {
    await vscode.commands.executeCommand('articleAnnotator.renameSpeaker', { uri: uri.toString(), id: 'wang-yi' }, 'Wang Yi (FM)');
    let file = await sidecar();
    const wang = file.speakers.find((s) => s.id === 'wang-yi');
    assert.equal(wang?.name, 'Wang Yi (FM)');
    assert.ok(wang?.aliases?.includes('Wang Yi'));
    // merge the speaker of the quote at the cursor ("Mohib’s office") into Hamdullah Mohib, picked
    cursor(offsetOf('“The NSA and Minister Wang Yi') + 5);
    const done = vscode.commands.executeCommand('articleAnnotator.mergeSpeakers');
    await answer('next', 'next', 'accept'); // Atmar’s office, Chinese media, [Hamdullah Mohib]
    await done;
    file = await sidecar();
    assert.equal(file.speakers.some((s) => s.id === 'mohibs-office'), false);
    assert.ok(file.speakers.find((s) => s.id === 'hamdullah-mohib')?.aliases?.includes('Mohib’s office'));
    assert.equal(quoteStarting(file, '“The NSA and Minister').speaker, 'hamdullah-mohib');
  });

  it('Edit Speaker Attributes asks role and each workspace attribute; writes the sidecar and the registry', async () => {
    await workspaceFile(
      'speakerAttributes:\n  - id: gender\n    values: [female, male]\n  - id: affiliation\nspeakers: []\n',
      (a) => a.workspaceConfig.configFor(uri).speakerAttributes.length === 2,
    );
    cursor(offsetOf('China wants an independent'));
    const done = vscode.commands.executeCommand('articleAnnotator.editSpeakerAttributes');
    await answer('accept'); // role: keep "State Councilor and Foreign Minister"
    await answer('next', 'accept'); // gender: female, [male]
    await answer({ type: 'Government of China' }, 'accept'); // affiliation
    await done;
    const file = await sidecar();
    const s = file.speakers.find((x) => x.id === 'wang-yi');
    assert.equal(s?.role, 'State Councilor and Foreign Minister');
    assert.deepEqual(s?.attributes, { gender: 'male', affiliation: 'Government of China' });
    const registry = parse(await readText(WORKSPACE_FILE));
    assert.deepEqual(registry.speakers.find((x: { id: string }) => x.id === 'wang-yi')?.attributes, { gender: 'male', affiliation: 'Government of China' });
  });

  it('the workspace gazetteer reaches the engine: open articles are re-analysed when it changes', async () => {
    assert.ok((await ann()).entities.some((e) => e.text === 'AT News' && e.status === 'suggested'));
    await workspaceFile('gazetteer:\n  AT News: ignore\n  telephonic conversation: organization\n', (a) => a.workspaceConfig.configFor(uri).gazetteer.ignore.length === 1);
    await waitFor('the re-analysis', async () => !(await ann()).entities.some((e) => e.text === 'AT News'));
    assert.ok((await ann()).entities.some((e) => e.text === 'telephonic conversation' && e.type === 'organization'));
  });

  it('a workspace file with mistakes is reported in Problems with line and column; the valid parts are used', async () => {
    await writeText(WORKSPACE_FILE, 'topics:\n  - id: security\n  - label: no id\nentityTypes:\n  - id: weapon\n    color: brown\n');
    const diags = await waitFor('the diagnostics', () => {
      const d = vscode.languages.getDiagnostics(WORKSPACE_FILE);
      return d.length === 2 ? d : undefined;
    });
    assert.deepEqual(diags.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message]), [
      [3, 5, 'topics[2] needs a "id".'],
      [6, 12, 'entityTypes[1]: color "brown" must be "#rrggbb" or "#rrggbbaa".'],
    ]);
    const a = await api();
    assert.deepEqual(a.workspaceConfig.configFor(uri).topics, [{ id: 'security' }]);
  });

  it('an article outside every workspace folder takes its taxonomy from the user settings, and new topics go there', async () => {
    const config = vscode.workspace.getConfiguration('articleAnnotator');
    await config.update('topics', ['from-settings'], vscode.ConfigurationTarget.Global);
    try {
      const untitled = await vscode.workspace.openTextDocument({ language: 'article', content: ' date 2021-05-18 Title\n\nWang Yi said China is ready.\n' });
      const ed = await vscode.window.showTextDocument(untitled);
      const a = await api();
      await waitFor('the settings taxonomy', () => a.workspaceConfig.configFor(untitled.uri).topics.length === 1);
      let done = vscode.commands.executeCommand('articleAnnotator.tagTopics');
      await answer('next', 'toggle', 'accept');
      await done;
      const s = await a.sessions.get(ed.document);
      assert.deepEqual(s?.annotations.topics, ['from-settings']);
      done = vscode.commands.executeCommand('articleAnnotator.tagTopics');
      await answer({ type: 'elsewhere' }, 'accept');
      await done;
      assert.deepEqual(s?.annotations.topics, ['from-settings', 'elsewhere']);
      const topics = vscode.workspace.getConfiguration('articleAnnotator').get<unknown[]>('topics');
      assert.deepEqual(topics, [{ id: 'from-settings' }, { id: 'elsewhere' }]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await config.update('topics', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a sidecar of a newer schema is read-only: commands refuse with one sentence and the file is left as it is', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const newer = 'version: 2\ntopics: [kept]\nfuture: {x: 1}\n';
    await writeText(sidecarOf(uri), newer);
    doc = await openArticle(uri);
    editor = await vscode.window.showTextDocument(doc);
    await waitFor('the read-only state', async () => (await session()).state === 'readOnly');
    const q = (await ann()).quotes[0] as Quote;
    const r = await vscode.commands.executeCommand('articleAnnotator.confirmSuggestion', { uri: uri.toString(), id: q.id });
    assert.equal(r, undefined, 'nothing was changed');
    assert.equal((await ann()).quotes[0]?.status, 'suggested');
    await pause(1500); // longer than the save delay
    assert.equal(await readText(sidecarOf(uri)), newer);
  });

  it('the keybindings are active in articles only and clash with none of VS Code\'s default keybindings', async () => {
    const pkg = vscode.extensions.all.find((e) => e.packageJSON?.name === 'article-annotator')?.packageJSON as {
      contributes: { keybindings: { command: string; key: string; when: string }[] };
    };
    const ours = pkg.contributes.keybindings;
    assert.ok(ours.length >= 10);
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const defaults = await waitFor('the default keybindings', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && /keybindings\.json$/.test(d.uri.path) ? d.getText() : undefined;
    });
    const list = JSON.parse(defaults.replace(/^\s*\/\/.*$/gm, '')) as { key: string; command: string; when?: string }[];
    assert.ok(list.length > 500, `read ${list.length} default keybindings`);
    const norm = (k: string) => k.split(' ').map((c) => c.split('+').sort().join('+')).join(' ');
    const taken = new Map(list.filter((k) => !k.command.startsWith('articleAnnotator.')).map((k) => [norm(k.key), k.command]));
    const clashes: string[] = [];
    for (const k of ours) {
      assert.ok(k.when.includes('editorLangId =~ /^article(-markdown)?$/'), `${k.command} is for articles only (plain-text and Markdown ones)`);
      const other = taken.get(norm(k.key));
      if (other) clashes.push(`${k.key} (${k.command}) is also VS Code's default for ${other}`);
    }
    if (process.env.ARTICLE_ANNOTATOR_VERBOSE || clashes.length) {
      const free = [...'abcdefghijklmnopqrstuvwxyz.,;[]/'].flatMap((c) => [`alt+${c}`, `alt+shift+${c}`]).filter((k) => !taken.has(norm(k)));
      console.log(`    free alt keys: ${free.join(' ')}`);
    }
    assert.deepEqual(clashes, []);
  });
});
