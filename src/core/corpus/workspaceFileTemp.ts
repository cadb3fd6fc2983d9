/**
 * TEMPORARY reader of `.article-annotator.yaml` for the corpus (CLI and adapter), until the real
 * parser `src/core/workspace/config.ts` (written in parallel) is merged: the lead swaps the
 * callers of `readWorkspaceFileTemp` for it. Lenient: reads topics, speakerAttributes and
 * speakers; anything it does not understand is ignored. Never throws.
 */
import * as YAML from 'yaml';
import type { Speaker } from '../model';
import { emptyWorkspaceConfig, type WorkspaceConfig } from '../workspace/types';

export function readWorkspaceFileTemp(text: string): WorkspaceConfig {
  const c = emptyWorkspaceConfig();
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch {
    return c;
  }
  if (!doc || typeof doc !== 'object') return c;
  const d = doc as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : []);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  for (const t of list(d.topics)) if (str(t.id)) c.topics.push({ id: t.id as string, ...(str(t.label) ? { label: t.label as string } : {}) });
  for (const a of list(d.speakerAttributes)) {
    if (!str(a.id)) continue;
    c.speakerAttributes.push({ id: a.id as string, ...(str(a.label) ? { label: a.label as string } : {}), ...(Array.isArray(a.values) ? { values: a.values.map(String) } : {}) });
  }
  for (const s of list(d.speakers)) {
    if (!str(s.id) || !str(s.name)) continue;
    const sp: Speaker = { id: s.id as string, name: s.name as string, aliases: Array.isArray(s.aliases) ? s.aliases.map(String) : [], kind: s.kind === 'organization' || s.kind === 'group' ? s.kind : 'person' };
    if (str(s.role)) sp.role = s.role as string;
    if (s.attributes && typeof s.attributes === 'object') sp.attributes = Object.fromEntries(Object.entries(s.attributes as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    c.speakers.push(sp);
  }
  return c;
}
