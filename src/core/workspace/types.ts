/**
 * The workspace file `.article-annotator.yaml` at a workspace folder's root: the taxonomy and
 * registry shared by every article of the folder. The user edits it by hand; the tagging
 * commands change it too (comments and unknown keys survive, as in sidecars).
 *
 * ```yaml
 * version: 1
 * topics:                      # the topic taxonomy (article and passage topics use the ids)
 *   - id: security
 *     label: Security          # optional, defaults to the id
 *     description: Armed conflict, terrorism, policing.
 * entityTypes:                 # custom entity types beside person/organization/place/date
 *   - id: weapon
 *     label: Weapon
 *     color: "#b5651d"         # optional; a theme colour is used when absent
 * speakerAttributes:           # what "Edit Speaker Attributes" asks for each speaker
 *   - id: gender
 *     values: [female, male, non-binary, unknown]   # a pick; free text when absent
 *   - id: affiliation
 * speakers:                    # known speakers, shared by all articles
 *   - id: wang-yi
 *     name: Wang Yi
 *     aliases: [Wang, Mr. Wang]
 *     kind: person             # person | organization | group
 *     role: Foreign Minister
 *     attributes: {gender: male, affiliation: Government of China}
 * gazetteer:                   # overrides the engine: name -> type, or {type, aliases}, or ignore
 *   Taliban: organization
 *   Ashraf Ghani: {type: person, aliases: [Ghani, President Ghani]}
 *   Kabul Times: ignore
 * ```
 */
import type { EntityType, Speaker } from '../model';

export interface TopicDef {
  id: string;
  label?: string;
  description?: string;
}

export interface EntityTypeDef {
  id: EntityType;
  label?: string;
  /** A CSS colour ("#rrggbb" or "#rrggbbaa"); absent: a theme colour. */
  color?: string;
}

export interface SpeakerAttributeDef {
  id: string;
  label?: string;
  /** The allowed values; absent: free text. */
  values?: string[];
}

export interface WorkspaceGazetteerEntry {
  name: string;
  type: EntityType;
  aliases?: string[];
}

export interface WorkspaceConfig {
  version: 1;
  topics: TopicDef[];
  entityTypes: EntityTypeDef[];
  speakerAttributes: SpeakerAttributeDef[];
  /** Known speakers (same shape as a sidecar's speakers). */
  speakers: Speaker[];
  gazetteer: { entries: WorkspaceGazetteerEntry[]; ignore: string[] };
}

export const WORKSPACE_FILE = '.article-annotator.yaml';

export function emptyWorkspaceConfig(): WorkspaceConfig {
  return { version: 1, topics: [], entityTypes: [], speakerAttributes: [], speakers: [], gazetteer: { entries: [], ignore: [] } };
}
