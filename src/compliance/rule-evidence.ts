// A rule as evidence: it runs on the AI system's entities, whatever the repository's preset, and
// the requirement holds when it reports nothing there.

import type { CatalogReader } from '../catalog/catalog.js';
import type { LocateNode } from '../catalog/locations.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { catalogRules } from '../rules/registry.js';
import { createRuleVisitors } from '../rules/run-rules.js';

/** The problems `ruleId` reports on `entities`; undefined when no such rule exists. */
export function ruleProblemsOn(
  catalog: CatalogReader,
  ruleId: string,
  entities: readonly Entity[],
  locate: LocateNode,
  options: unknown = {},
): Diagnostic[] | undefined {
  const rule = catalogRules.find((candidate) => candidate.meta.id === ruleId);
  if (rule === undefined) return undefined;
  const visit = createRuleVisitors(catalog, [{ rule, options }], locate);
  const problems: Diagnostic[] = [];
  for (const entity of entities) visit(entity, problems);
  return problems;
}
