/**
 * The tagging commands: every command that changes annotations or moves between quotes.
 *
 * Argument convention (hovers, code actions and tree items call these by id): each annotation
 * command takes an optional first argument `{ uri, id }` (the document URI string and the quote
 * or entity id); without it the command acts at the active editor's cursor or selection. Some
 * take a second argument that skips their pick (documented per command).
 *
 * The changes themselves are the core's pure operations (`core/actions`), recorded per article
 * for Undo/Redo Annotation Change; the adapter only asks, applies and tells the sessions.
 */
import * as vscode from 'vscode';
import {
  AnnotationHistory,
  ActionError,
  acceptSuggestedSpeaker,
  annotationAt,
  clearSpeaker,
  confirm,
  confirmAll,
  findAnnotation,
  markEntity,
  markQuote,
  mergeSpeakers,
  needsSpeaker,
  nextQuote,
  previousQuote,
  quoteAt,
  reject,
  remove,
  renameSpeaker,
  setArticleTopics,
  setPassageTopics,
  setSpeakerAttributes,
  speakerChoices,
  speakerId,
  tagSpeaker,
  type Edit,
} from '../core/actions';
import type { ArticleSession } from '../core/session';
import type { Annotations, EntityType, Quote, QuoteKind, Speaker } from '../core/model';
import { addEntityTypes, addTopics, mergeSpeakersIn, upsertSpeaker } from '../core/workspace/config';
import type { SpeakerAttributeDef, TopicDef } from '../core/workspace/types';
import { isArticleDocument } from './languageDetector';
import type { OutputLogger } from './log';
import type { ArticleSessions } from './sessions';
import { settingsMergedSpeakers, settingsSpeakers, settingsTopics, type WorkspaceChange, type WorkspaceConfigService } from './workspaceConfig';

export const TAGGING_COMMANDS = {
  tagSpeaker: 'articleAnnotator.tagSpeaker',
  clearSpeaker: 'articleAnnotator.clearSpeaker',
  markQuote: 'articleAnnotator.markQuote',
  markEntity: 'articleAnnotator.markEntity',
  confirmSuggestion: 'articleAnnotator.confirmSuggestion',
  rejectSuggestion: 'articleAnnotator.rejectSuggestion',
  confirmAllSuggestions: 'articleAnnotator.confirmAllSuggestions',
  tagTopics: 'articleAnnotator.tagTopics',
  tagPassageTopic: 'articleAnnotator.tagPassageTopic',
  removeAnnotation: 'articleAnnotator.removeAnnotation',
  nextQuote: 'articleAnnotator.nextQuote',
  previousQuote: 'articleAnnotator.previousQuote',
  nextQuoteWithoutSpeaker: 'articleAnnotator.nextQuoteWithoutSpeaker',
  renameSpeaker: 'articleAnnotator.renameSpeaker',
  mergeSpeakers: 'articleAnnotator.mergeSpeakers',
  editSpeakerAttributes: 'articleAnnotator.editSpeakerAttributes',
  undoAnnotationChange: 'articleAnnotator.undoAnnotationChange',
  redoAnnotationChange: 'articleAnnotator.redoAnnotationChange',
  acceptSuggestedSpeaker: 'articleAnnotator.acceptSuggestedSpeaker',
} as const;

/** The optional first argument of every annotation command. */
export interface AnnotationRef {
  /** The article's URI (`uri.toString()`). */
  uri: string;
  /** A quote or entity id (for the speaker commands also a speaker id). */
  id?: string;
}

interface Ctx {
  doc: vscode.TextDocument;
  editor: vscode.TextEditor | undefined;
  session: ArticleSession;
  ann: Annotations;
  /** The cursor offset, when the article is in an editor. */
  offset: number | undefined;
  ref: AnnotationRef | undefined;
}

const BUILTIN_TYPES: { id: EntityType; label: string }[] = [
  { id: 'person', label: 'Person' },
  { id: 'organization', label: 'Organization' },
  { id: 'place', label: 'Place' },
  { id: 'date', label: 'Date' },
];

const DEFAULT_ATTRIBUTES: SpeakerAttributeDef[] = [{ id: 'gender', values: ['female', 'male', 'non-binary', 'unknown'] }, { id: 'affiliation' }];

type SpeakerItem = vscode.QuickPickItem & { speaker?: Speaker; isNew?: boolean };

class Cancelled extends Error {}

export class Tagging {
  private readonly histories = new Map<string, AnnotationHistory>();
  /** What a recorded edit also changed in the workspace file (or the settings). */
  private readonly external = new WeakMap<Edit, WorkspaceChange[]>();
  /** The pick or input box a command has open (so a test can type into it, as a person would). */
  private active: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox | undefined;

  constructor(
    private readonly sessions: ArticleSessions,
    private readonly workspace: WorkspaceConfigService,
    private readonly log: OutputLogger,
  ) {}

  register(): vscode.Disposable[] {
    // Commands run one after the other: keys pressed quickly (Alt+Y then Alt+I) must act on the
    // cursor the previous command left, not race it.
    const wrap =
      <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) =>
      (...args: A) => {
        const run = () => this.guard(() => fn(...args));
        const p = this.queue.then(run, run);
        this.queue = p;
        return p;
      };
    return this.registrations(wrap);
  }

  private queue: Promise<unknown> = Promise.resolve();

  private async guard(fn: () => Promise<unknown>): Promise<unknown> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      if (e instanceof ActionError) {
        void vscode.window.showInformationMessage(e.message);
        return undefined;
      }
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('The annotation change failed: {0}', message));
      return undefined;
    }
  }

  private registrations(wrap: <A extends unknown[]>(fn: (...args: A) => Promise<unknown>) => (...args: A) => Promise<unknown>): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(TAGGING_COMMANDS.tagSpeaker, wrap((ref?: AnnotationRef, speaker?: string) => this.tagSpeaker(ref, speaker))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.acceptSuggestedSpeaker, wrap((ref?: AnnotationRef) => this.acceptSuggested(ref))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.clearSpeaker, wrap((ref?: AnnotationRef) => this.onQuote(ref, (a, q) => clearSpeaker(a, q.id)))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.markQuote, wrap((ref?: AnnotationRef, kind?: QuoteKind) => this.markQuote(ref, kind))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.markEntity, wrap((ref?: AnnotationRef, type?: string) => this.markEntity(ref, type))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.confirmSuggestion, wrap((ref?: AnnotationRef) => this.onAnnotation(ref, (a, id) => confirm(a, id)))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.rejectSuggestion, wrap((ref?: AnnotationRef) => this.onAnnotation(ref, (a, id) => reject(a, id)))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.removeAnnotation, wrap((ref?: AnnotationRef) => this.onAnnotation(ref, (a, id) => remove(a, id)))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.confirmAllSuggestions, wrap((ref?: AnnotationRef, min?: number) => this.confirmAll(ref, min))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.tagTopics, wrap((ref?: AnnotationRef, topics?: string[]) => this.tagTopics(ref, topics))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.tagPassageTopic, wrap((ref?: AnnotationRef, topics?: string[]) => this.tagPassageTopic(ref, topics))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.nextQuote, wrap((ref?: AnnotationRef) => this.move(ref, 'next'))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.previousQuote, wrap((ref?: AnnotationRef) => this.move(ref, 'previous'))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.nextQuoteWithoutSpeaker, wrap((ref?: AnnotationRef) => this.move(ref, 'needsSpeaker'))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.renameSpeaker, wrap((ref?: AnnotationRef, name?: string) => this.renameSpeaker(ref, name))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.mergeSpeakers, wrap((ref?: AnnotationRef, into?: string) => this.mergeSpeakers(ref, into))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.editSpeakerAttributes, wrap((ref?: AnnotationRef, values?: Record<string, string>) => this.editAttributes(ref, values))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.undoAnnotationChange, wrap((ref?: AnnotationRef) => this.undoRedo(ref, 'undo'))),
      vscode.commands.registerCommand(TAGGING_COMMANDS.redoAnnotationChange, wrap((ref?: AnnotationRef) => this.undoRedo(ref, 'redo'))),
    ];
  }

  /**
   * Types `text` into the open pick or input box of a tagging command (tests: the extension host
   * cannot send key presses to the workbench's input). Returns false when none is open.
   */
  typeIntoInput(text: string): boolean {
    if (!this.active) return false;
    this.active.value = text;
    return true;
  }

  /** True while a pick or input box of a tagging command is open. */
  get inputOpen(): boolean {
    return this.active !== undefined;
  }

  /** `showQuickPick` (one item) as a created QuickPick (so it is `active` while open). */
  private pickOne<T extends vscode.QuickPickItem>(items: readonly T[], o: { title: string; matchOnDescription?: boolean }): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = o.title;
    qp.matchOnDescription = o.matchOnDescription ?? false;
    qp.items = items;
    this.active = qp as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    return new Promise((resolve) => {
      let result: T | undefined;
      qp.onDidAccept(() => {
        result = qp.selectedItems[0] ?? qp.activeItems[0];
        if (result) qp.hide();
      });
      qp.onDidHide(() => {
        if (this.active === (qp as unknown)) this.active = undefined;
        qp.dispose();
        resolve(result);
      });
      qp.show();
    });
  }

  /** `showInputBox` as a created InputBox (so it is `active` while open); undefined when cancelled. */
  private inputBox(o: { title: string; value?: string; prompt?: string; validateInput?: (v: string) => string | undefined }): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.value = o.value ?? '';
    box.prompt = o.prompt;
    this.active = box;
    return new Promise((resolve) => {
      let result: string | undefined;
      const validate = (): string | undefined => (box.validationMessage = o.validateInput?.(box.value));
      box.onDidChangeValue(validate);
      box.onDidAccept(() => {
        if (validate()) return;
        result = box.value;
        box.hide();
      });
      box.onDidHide(() => {
        if (this.active === box) this.active = undefined;
        box.dispose();
        resolve(result);
      });
      box.show();
    });
  }

  // -------------------------------------------------------------------------------------------
  // Context

  private async context(ref: AnnotationRef | undefined, writes = true): Promise<Ctx> {
    let doc: vscode.TextDocument | undefined;
    let editor: vscode.TextEditor | undefined;
    if (ref?.uri) {
      const uri = vscode.Uri.parse(ref.uri);
      doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
      editor = vscode.window.activeTextEditor?.document === doc ? vscode.window.activeTextEditor : vscode.window.visibleTextEditors.find((e) => e.document === doc);
    } else {
      editor = vscode.window.activeTextEditor;
      doc = editor?.document;
    }
    if (!doc || !isArticleDocument(doc)) throw new ActionError(vscode.l10n.t('Open an article first.'));
    const session = await this.sessions.get(doc);
    if (!session) throw new ActionError(vscode.l10n.t('Open an article first.'));
    if (writes && session.state === 'readOnly') {
      throw new ActionError(vscode.l10n.t('The annotations of this article are read-only: {0}', session.stateMessage ?? ''));
    }
    const offset = editor ? doc.offsetAt(editor.selection.active) : undefined;
    return { doc, editor, session, ann: session.annotations, offset, ref };
  }

  private history(uri: vscode.Uri): AnnotationHistory {
    const key = uri.toString();
    let h = this.histories.get(key);
    if (!h) this.histories.set(key, (h = new AnnotationHistory()));
    return h;
  }

  /** Records the edit for undo and tells the sessions (redraw, save after the delay). */
  private commit(ctx: Ctx, edit: Edit | undefined): Edit | undefined {
    if (!edit) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Article: nothing to change'), 2000);
      return undefined;
    }
    this.history(ctx.doc.uri).record(edit);
    this.sessions.changed(ctx.doc.uri);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Article: {0}', edit.label), 3000);
    return edit;
  }

  private quote(ctx: Ctx): Quote {
    const id = ctx.ref?.id;
    if (id !== undefined) {
      const q = ctx.ann.quotes.find((x) => x.id === id);
      if (!q) throw new ActionError(vscode.l10n.t('The quote {0} no longer exists.', id));
      return q;
    }
    const q = ctx.offset === undefined ? undefined : quoteAt(ctx.ann, ctx.offset);
    if (!q) throw new ActionError(vscode.l10n.t('Put the cursor in a quote first (Next Quote moves there).'));
    return q;
  }

  private annotationId(ctx: Ctx): string {
    if (ctx.ref?.id !== undefined) return ctx.ref.id;
    const a = ctx.offset === undefined ? undefined : annotationAt(ctx.ann, ctx.offset);
    if (!a) throw new ActionError(vscode.l10n.t('Put the cursor in an annotation first.'));
    return a.id;
  }

  private selection(ctx: Ctx): { start: number; end: number } {
    const sel = ctx.editor?.selection;
    if (!sel || sel.isEmpty) throw new ActionError(vscode.l10n.t('Select the text to annotate first.'));
    return { start: ctx.doc.offsetAt(sel.start), end: ctx.doc.offsetAt(sel.end) };
  }

  private async onQuote(ref: AnnotationRef | undefined, fn: (a: Annotations, q: Quote) => Edit | undefined): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    return this.commit(ctx, fn(ctx.ann, this.quote(ctx)));
  }

  private async onAnnotation(ref: AnnotationRef | undefined, fn: (a: Annotations, id: string) => Edit | undefined): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    return this.commit(ctx, fn(ctx.ann, this.annotationId(ctx)));
  }

  // -------------------------------------------------------------------------------------------
  // Speakers

  private async tagSpeaker(ref: AnnotationRef | undefined, speaker?: string): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const q = this.quote(ctx);
    const known = this.workspace.configFor(ctx.doc.uri).speakers;
    let chosen: Speaker | string;
    if (speaker !== undefined) {
      const s = ctx.ann.speakers.find((x) => x.id === speaker) ?? known.find((x) => x.id === speaker);
      if (!s) throw new ActionError(vscode.l10n.t('There is no speaker "{0}" in this article or the workspace.', speaker));
      chosen = s;
    } else {
      chosen = await this.pickSpeaker(ctx, q, known);
    }
    // the session may have refreshed while the pick was open: act on its current model
    const ann = ctx.session.annotations;
    ctx.ann = ann;
    const isNew = typeof chosen !== 'string' && !ann.speakers.some((s) => s.id === chosen.id) && !known.some((s) => s.id === chosen.id);
    const edit = this.commit(ctx, tagSpeaker(ann, q.id, chosen));
    if (isNew && typeof chosen !== 'string') await this.registerSpeaker(ctx.doc.uri, chosen, edit);
    return edit;
  }

  private pickSpeaker(ctx: Ctx, q: Quote, known: readonly Speaker[]): Promise<Speaker> {
    const items: SpeakerItem[] = [];
    let group = '';
    const groupLabel = { suggested: vscode.l10n.t('Suggested'), article: vscode.l10n.t('In this article'), workspace: vscode.l10n.t('Known speakers') };
    for (const c of speakerChoices(ctx.ann, q, known)) {
      if (c.kind === 'new') {
        items.push({ kind: vscode.QuickPickItemKind.Separator, label: '' });
        items.push({ label: vscode.l10n.t('New speaker...'), iconPath: new vscode.ThemeIcon('add'), alwaysShow: true, isNew: true });
        continue;
      }
      if (c.kind !== group) {
        group = c.kind;
        items.push({ kind: vscode.QuickPickItemKind.Separator, label: groupLabel[c.kind] });
      }
      const aliases = c.speaker.aliases.filter((a) => a !== c.speaker.name).join(', ');
      items.push({
        label: c.speaker.name,
        description: [c.why, aliases, c.speaker.role].filter(Boolean).join(' · '),
        iconPath: new vscode.ThemeIcon(c.kind === 'suggested' ? 'lightbulb' : c.kind === 'article' ? 'person' : 'organization'),
        speaker: c.speaker,
      });
    }
    const qp = vscode.window.createQuickPick<SpeakerItem>();
    this.active = qp as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    qp.title = vscode.l10n.t('Speaker of {0}', preview(q.text));
    qp.placeholder = vscode.l10n.t('Type to filter by name or alias; a new name + "New speaker..." adds one');
    qp.matchOnDescription = true;
    qp.items = items;
    return new Promise<Speaker>((resolve, reject) => {
      let done = false;
      qp.onDidAccept(async () => {
        const item = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!item) return;
        done = true;
        const typed = qp.value.trim();
        qp.hide();
        if (item.speaker) return resolve(item.speaker);
        const name =
          typed ||
          (await this.inputBox({ title: vscode.l10n.t('New speaker'), prompt: vscode.l10n.t('The speaker\'s name'), validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A speaker name cannot be empty.')) }))?.trim();
        if (!name) return reject(new Cancelled());
        const taken = new Set([...ctx.session.annotations.speakers, ...known].map((s) => s.id));
        resolve({ id: speakerId(name, taken), name, aliases: [], kind: 'person' });
      });
      qp.onDidHide(() => {
        if (this.active === (qp as unknown)) this.active = undefined;
        qp.dispose();
        if (!done) reject(new Cancelled());
      });
      qp.show();
    });
  }

  /** A new speaker goes to the workspace's known speakers too (the registry shared by articles). */
  private async registerSpeaker(article: vscode.Uri, speaker: Speaker, edit: Edit | undefined): Promise<void> {
    this.attach(
      edit,
      await this.workspace.update(
        article,
        (text) => upsertSpeaker(text, speaker),
        (config) => ({ speakers: settingsSpeakers(config, speaker) }),
      ),
    );
  }

  /** Undo/redo of `edit` also undoes/redoes `change` (the workspace file part of the command). */
  private attach(edit: Edit | undefined, change: WorkspaceChange | undefined): void {
    if (!edit || !change) return;
    const list = this.external.get(edit) ?? [];
    list.push(change);
    this.external.set(edit, list);
  }

  private async acceptSuggested(ref: AnnotationRef | undefined): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const q = this.quote(ctx);
    if (q.speaker === undefined) return this.tagSpeaker(ref ?? { uri: ctx.doc.uri.toString(), id: q.id });
    const edit = this.commit(ctx, acceptSuggestedSpeaker(ctx.ann, q.id));
    // In the keyboard flow the cursor goes on to the next quote that needs a speaker.
    if (!ref && ctx.editor) await this.move(undefined, 'needsSpeaker', true);
    return edit;
  }

  /** The speaker a command is about: the argument (a speaker, quote or entity id), the cursor's quote or mention, or a pick. */
  private async speakerOf(ctx: Ctx, title: string): Promise<Speaker> {
    const id = ctx.ref?.id;
    let sid: string | undefined;
    if (id !== undefined) sid = ctx.ann.speakers.some((s) => s.id === id) ? id : findAnnotation(ctx.ann, id)?.speaker;
    else if (ctx.offset !== undefined) sid = annotationAt(ctx.ann, ctx.offset)?.speaker ?? quoteAt(ctx.ann, ctx.offset)?.speaker;
    const s = sid === undefined ? undefined : ctx.ann.speakers.find((x) => x.id === sid);
    if (s) return s;
    return this.pickArticleSpeaker(ctx.ann.speakers, title);
  }

  private async pickArticleSpeaker(speakers: readonly Speaker[], title: string): Promise<Speaker> {
    if (!speakers.length) throw new ActionError(vscode.l10n.t('This article has no speakers yet.'));
    const pick = await this.pickOne(
      [...speakers].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ label: s.name, description: s.aliases.join(', '), speaker: s })),
      { title, matchOnDescription: true },
    );
    if (!pick) throw new Cancelled();
    return pick.speaker;
  }

  private async renameSpeaker(ref: AnnotationRef | undefined, name?: string): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const s = await this.speakerOf(ctx, vscode.l10n.t('Rename which speaker?'));
    const next =
      name ??
      (await this.inputBox({
        title: vscode.l10n.t('Rename speaker {0}', s.name),
        value: s.name,
        prompt: vscode.l10n.t('The old name is kept as an alias.'),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A speaker name cannot be empty.')),
      }));
    if (next === undefined) throw new Cancelled();
    const edit = this.commit(ctx, renameSpeaker(ctx.session.annotations, s.id, next));
    const registered = this.workspace.configFor(ctx.doc.uri).speakers.find((x) => x.id === s.id);
    const after = ctx.session.annotations.speakers.find((x) => x.id === s.id);
    if (edit && registered && after) await this.registerSpeaker(ctx.doc.uri, after, edit);
    return edit;
  }

  private async mergeSpeakers(ref: AnnotationRef | undefined, into?: string): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const from = await this.speakerOf(ctx, vscode.l10n.t('Merge which speaker?'));
    const others = ctx.ann.speakers.filter((s) => s.id !== from.id);
    let target: Speaker | undefined;
    if (into !== undefined) {
      target = others.find((s) => s.id === into);
      if (!target) throw new ActionError(vscode.l10n.t('There is no other speaker "{0}" in this article.', into));
    } else {
      if (!others.length) throw new ActionError(vscode.l10n.t('This article has no other speaker to merge {0} into.', from.name));
      target = await this.pickArticleSpeaker(others, vscode.l10n.t('Merge {0} into...', from.name));
    }
    const edit = this.commit(ctx, mergeSpeakers(ctx.session.annotations, from.id, target.id));
    // the registry follows: the merged speaker's entry joins the target's
    const merged = target;
    this.attach(
      edit,
      await this.workspace.update(
        ctx.doc.uri,
        (text) => mergeSpeakersIn(text, from.id, merged),
        (config) => {
          const speakers = settingsMergedSpeakers(config, from.id, merged);
          return speakers ? { speakers } : {};
        },
      ),
    );
    return edit;
  }

  private async editAttributes(ref: AnnotationRef | undefined, values?: Record<string, string>): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const s = await this.speakerOf(ctx, vscode.l10n.t('Edit the attributes of which speaker?'));
    const defs = this.workspace.configFor(ctx.doc.uri).speakerAttributes;
    const attrs: SpeakerAttributeDef[] = [{ id: 'role', label: vscode.l10n.t('Role') }, ...(defs.length ? defs : DEFAULT_ATTRIBUTES)];
    let answers = values;
    if (!answers) {
      answers = {};
      for (const [i, a] of attrs.entries()) {
        const current = a.id === 'role' ? s.role ?? '' : s.attributes?.[a.id] ?? '';
        const title = vscode.l10n.t('{0} of {1} ({2}/{3})', a.label ?? a.id, s.name, i + 1, attrs.length);
        if (a.values?.length) {
          const none = vscode.l10n.t('(not set)');
          const items = [...a.values, none].map((v) => ({ label: v, picked: v === current, description: v === current ? vscode.l10n.t('current') : undefined }));
          // the current value first, so Enter keeps it
          items.sort((x, y) => Number(y.picked) - Number(x.picked));
          const pick = await this.pickOne(items, { title });
          if (!pick) throw new Cancelled();
          answers[a.id] = pick.label === none ? '' : pick.label;
        } else {
          const v = await this.inputBox({ title, value: current, prompt: vscode.l10n.t('Empty removes it.') });
          if (v === undefined) throw new Cancelled();
          answers[a.id] = v;
        }
      }
    }
    const edit = this.commit(ctx, setSpeakerAttributes(ctx.session.annotations, s.id, answers));
    const after = ctx.session.annotations.speakers.find((x) => x.id === s.id);
    if (after) {
      // the registry gets the same values (empty ones remove the attribute there too)
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(answers)) if (k !== 'role') attributes[k] = v;
      await this.registerSpeaker(ctx.doc.uri, { ...after, attributes }, edit);
    }
    return edit;
  }

  // -------------------------------------------------------------------------------------------
  // New annotations

  private async markQuote(ref: AnnotationRef | undefined, kind?: QuoteKind): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const { start, end } = this.selection(ctx);
    let k = kind;
    if (!k) {
      const text = ctx.doc.getText().slice(start, end).trim();
      const direct = { label: vscode.l10n.t('Direct quote'), description: vscode.l10n.t('the speaker\'s own words'), quoteKind: 'direct' as QuoteKind };
      const indirect = { label: vscode.l10n.t('Reported speech'), description: vscode.l10n.t('indirect: what someone said, in other words'), quoteKind: 'indirect' as QuoteKind };
      const looksDirect = /^["“«„'‘]/.test(text);
      const pick = await this.pickOne(looksDirect ? [direct, indirect] : [indirect, direct], { title: vscode.l10n.t('Mark quote: {0}', preview(text)) });
      if (!pick) throw new Cancelled();
      k = pick.quoteKind;
    }
    return this.commit(ctx, markQuote(ctx.session.annotations, ctx.session.currentText, start, end, k as QuoteKind));
  }

  private async markEntity(ref: AnnotationRef | undefined, type?: string): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const { start, end } = this.selection(ctx);
    let t = type;
    const custom = this.workspace.entityTypes(ctx.doc.uri);
    if (!t) {
      const items: (vscode.QuickPickItem & { id?: string; isNew?: boolean })[] = [
        ...BUILTIN_TYPES.map((b) => ({ label: b.label, id: b.id })),
        ...custom.filter((c) => !BUILTIN_TYPES.some((b) => b.id === c.id)).map((c) => ({ label: c.label ?? c.id, description: c.id, id: c.id })),
        { label: vscode.l10n.t('New type...'), iconPath: new vscode.ThemeIcon('add'), alwaysShow: true, isNew: true },
      ];
      const pick = await this.pickOne(items, { title: vscode.l10n.t('Entity type of {0}', preview(ctx.doc.getText().slice(start, end))) });
      if (!pick) throw new Cancelled();
      if (pick.isNew) {
        const v = await this.inputBox({
          title: vscode.l10n.t('New entity type'),
          prompt: vscode.l10n.t('An id such as "weapon" (letters, digits, "-")'),
          validateInput: (x) => (/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u.test(x.trim()) ? undefined : vscode.l10n.t('Use letters, digits, "-", "_" and "." only.')),
        });
        if (!v) throw new Cancelled();
        t = v.trim();
      } else {
        t = pick.id as string;
      }
    }
    const isNew = !BUILTIN_TYPES.some((b) => b.id === t) && !custom.some((c) => c.id === t);
    const edit = this.commit(ctx, markEntity(ctx.session.annotations, ctx.session.currentText, start, end, t));
    if (isNew) {
      const def = { id: t };
      this.attach(edit, await this.workspace.update(ctx.doc.uri, (text) => addEntityTypes(text, [def]), (config) => ({ entityTypes: [...config.entityTypes, def] })));
    }
    return edit;
  }

  private async confirmAll(ref: AnnotationRef | undefined, min?: number): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    let m = min;
    if (m === undefined) {
      const v = await this.inputBox({
        title: vscode.l10n.t('Confirm all suggested quotes with a confidence of at least...'),
        value: '0.9',
        validateInput: (x) => (/^\s*(0(\.\d+)?|1(\.0*)?|\.\d+)\s*$/.test(x) ? undefined : vscode.l10n.t('Enter a number from 0 to 1, e.g. 0.9.')),
      });
      if (v === undefined) throw new Cancelled();
      m = Number(v);
    }
    const edit = this.commit(ctx, confirmAll(ctx.session.annotations, m));
    const n = edit ? edit.changes.length : 0;
    void vscode.window.showInformationMessage(vscode.l10n.t('Confirmed {0} suggested quote(s) with a confidence of at least {1}.', n, m));
    return edit;
  }

  // -------------------------------------------------------------------------------------------
  // Topics

  /** A multi-select pick of the taxonomy; a typed name that is not there is created (Enter). */
  private pickTopics(ctx: Ctx, current: readonly string[], title: string): Promise<{ ids: string[]; created: TopicDef[] }> {
    const taxonomy = this.workspace.configFor(ctx.doc.uri).topics;
    type Item = vscode.QuickPickItem & { id: string };
    const items: Item[] = taxonomy.map((t) => ({ label: t.label ?? t.id, description: t.label ? t.id : undefined, detail: t.description, id: t.id }));
    for (const id of current) if (!items.some((i) => i.id === id)) items.push({ label: id, description: vscode.l10n.t('not in the taxonomy'), id });
    const qp = vscode.window.createQuickPick<Item>();
    this.active = qp as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    qp.title = title;
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.placeholder = vscode.l10n.t('Check topics; type a new topic and press Enter to add it');
    qp.items = items;
    qp.selectedItems = items.filter((i) => current.includes(i.id));
    return new Promise((resolve, reject) => {
      let done = false;
      qp.onDidAccept(() => {
        done = true;
        const ids = qp.selectedItems.map((i) => i.id);
        const created: TopicDef[] = [];
        const typed = qp.value.trim();
        if (typed) {
          const match = items.find((i) => i.id.toLowerCase() === typed.toLowerCase() || i.label.toLowerCase() === typed.toLowerCase());
          if (match) {
            if (!ids.includes(match.id)) ids.push(match.id);
          } else {
            const id = typed.replace(/\s+/g, '-');
            created.push({ id });
            ids.push(id);
          }
        }
        qp.hide();
        resolve({ ids, created });
      });
      qp.onDidHide(() => {
        if (this.active === (qp as unknown)) this.active = undefined;
        qp.dispose();
        if (!done) reject(new Cancelled());
      });
      qp.show();
    });
  }

  private async addToTaxonomy(article: vscode.Uri, topics: readonly TopicDef[], edit: Edit | undefined): Promise<void> {
    if (!topics.length) return;
    this.attach(edit, await this.workspace.update(article, (text) => addTopics(text, topics), (config) => ({ topics: settingsTopics(config, topics) })));
  }

  private async tagTopics(ref: AnnotationRef | undefined, topics?: string[]): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const taxonomy = this.workspace.configFor(ctx.doc.uri).topics;
    const chosen = topics
      ? { ids: topics, created: topics.filter((t) => !taxonomy.some((x) => x.id === t)).map((id) => ({ id })) }
      : await this.pickTopics(ctx, ctx.ann.topics, vscode.l10n.t('Topics of this article'));
    const edit = this.commit(ctx, setArticleTopics(ctx.session.annotations, chosen.ids));
    await this.addToTaxonomy(ctx.doc.uri, chosen.created, edit);
    return edit;
  }

  private async tagPassageTopic(ref: AnnotationRef | undefined, topics?: string[]): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    let q: Quote | undefined;
    if (ref?.id !== undefined || !ctx.editor || ctx.editor.selection.isEmpty) q = this.quote(ctx);
    else {
      // the quote the selection overlaps most
      const s = ctx.doc.offsetAt(ctx.editor.selection.start);
      const e = ctx.doc.offsetAt(ctx.editor.selection.end);
      let best = 0;
      for (const x of ctx.ann.quotes) {
        if (x.status === 'rejected' || x.status === 'orphaned') continue;
        const o = Math.min(e, x.end) - Math.max(s, x.start);
        if (o > best) (best = o), (q = x);
      }
      if (!q) throw new ActionError(vscode.l10n.t('Passage topics belong to a quote: select a quote (or mark the passage as a quote first).'));
    }
    const taxonomy = this.workspace.configFor(ctx.doc.uri).topics;
    const chosen = topics
      ? { ids: topics, created: topics.filter((t) => !taxonomy.some((x) => x.id === t)).map((id) => ({ id })) }
      : await this.pickTopics(ctx, q.topics ?? [], vscode.l10n.t('Topics of the passage {0}', preview(q.text)));
    const edit = this.commit(ctx, setPassageTopics(ctx.session.annotations, q.id, chosen.ids));
    await this.addToTaxonomy(ctx.doc.uri, chosen.created, edit);
    return edit;
  }

  // -------------------------------------------------------------------------------------------
  // Navigation, undo

  private async move(ref: AnnotationRef | undefined, where: 'next' | 'previous' | 'needsSpeaker', quiet = false): Promise<string | undefined> {
    const ctx = await this.context(ref, false);
    const editor = ctx.editor ?? (await vscode.window.showTextDocument(ctx.doc));
    const offset = ctx.editor ? (ctx.offset as number) : 0;
    const ann = ctx.session.annotations;
    // "next" starts after the quote the cursor is in, so repeated presses walk the quotes
    const inside = quoteAt(ann, offset);
    const from = where === 'previous' ? offset : Math.max(offset, inside ? inside.start : offset);
    const q =
      where === 'previous' ? previousQuote(ann, inside ? inside.start : from) : nextQuote(ann, from, where === 'needsSpeaker' ? needsSpeaker : undefined);
    if (!q) {
      if (!quiet || where === 'needsSpeaker') {
        vscode.window.setStatusBarMessage(
          where === 'needsSpeaker' ? vscode.l10n.t('Article: every quote has a confirmed speaker') : vscode.l10n.t('Article: no quotes'),
          4000,
        );
      }
      return undefined;
    }
    const pos = ctx.doc.positionAt(q.start);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, ctx.doc.positionAt(q.end)), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return q.id;
  }

  private async undoRedo(ref: AnnotationRef | undefined, which: 'undo' | 'redo'): Promise<Edit | undefined> {
    const ctx = await this.context(ref);
    const h = this.history(ctx.doc.uri);
    const edit = which === 'undo' ? h.undo(ctx.session.annotations) : h.redo(ctx.session.annotations);
    if (!edit) {
      vscode.window.setStatusBarMessage(which === 'undo' ? vscode.l10n.t('Article: no annotation change to undo') : vscode.l10n.t('Article: no annotation change to redo'), 3000);
      return undefined;
    }
    this.sessions.changed(ctx.doc.uri);
    const external = this.external.get(edit) ?? [];
    for (const c of which === 'undo' ? [...external].reverse() : external) {
      if (!(await (which === 'undo' ? c.undo() : c.redo()))) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('The workspace file changed since this annotation change; its part of the change was left as it is.'),
        );
      }
    }
    vscode.window.setStatusBarMessage(which === 'undo' ? vscode.l10n.t('Article: undid {0}', edit.label) : vscode.l10n.t('Article: redid {0}', edit.label), 3000);
    return edit;
  }
}

function preview(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 57) + '...' : t;
}
