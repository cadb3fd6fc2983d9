/**
 * V8 compiles a function on its first call and optimizes it only after many: the first article
 * a user opens would pay for compiling the engine and the sidecar reader (10-15 ms for a small
 * article, on the path to its first highlights). `warmUp` runs both once over a small invented
 * article, for the extension to call while it is idle after activation.
 */
import { analyze } from './analysis';
import { emptyAnnotations } from './model';
import { mergeAnalysis } from './store/merge';
import { parse, serialize } from './store/sidecar';

/** Invented: a header, an outlet, names with roles, a direct quote, reported speech and a pronoun. */
const ARTICLE = [
  ' date 2024-03-02 Harbour council backs new ferry line',
  'Northbay Courier',
  'NORTHBAY: The harbour council on Tuesday approved a second ferry line, Mayor Ana Ruiz said.',
  '“This is the link the east side has waited for,” Ruiz told reporters at the town hall.',
  'Transport Minister Tom Berg said the ministry would pay half of the cost, adding that work could start in May.',
  'According to the Northbay Ferry Company, the boats will run every twenty minutes. He said the fares stay as they are.',
].join('\n\n');

/** Runs the engine, the merge, the sidecar writer and reader once; returns the annotations found. */
export function warmUp(): number {
  const analysis = analyze(ARTICLE);
  const annotations = mergeAnalysis(emptyAnnotations(), analysis);
  const parsed = parse(serialize(annotations, ARTICLE), ARTICLE);
  return parsed.annotations.entities.length + parsed.annotations.quotes.length;
}
