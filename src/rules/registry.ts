// Every rule Dossier knows, by id: the source of truth for configs, `dossier rules` and SARIF.

import type { CatalogRule } from './catalog-rule.js';
import { entityRules } from '../ground/core-rules/entity.js';
import { fileRules } from '../ground/core-rules/file.js';
import { referenceRules } from '../ground/core-rules/reference.js';
import { schemaRules } from '../ground/core-rules/schema.js';
import { suppressionRules } from '../ground/core-rules/suppression.js';
import { yamlRules } from '../ground/core-rules/yaml.js';
import { governanceRules } from './governance/index.js';
import type { RuleMeta } from '../ground/rule-meta.js';
import { createAjv } from '../validate/ajv-instance.js';

/** Governance rules: checks over the whole Catalog, one module each, turned on by presets. */
export const catalogRules: readonly CatalogRule[] = governanceRules;

export const allRules: readonly RuleMeta[] = [
  ...fileRules,
  ...yamlRules,
  ...schemaRules,
  ...entityRules,
  ...referenceRules,
  ...suppressionRules,
  ...catalogRules.map((rule) => rule.meta),
];

export const rulesById: ReadonlyMap<string, RuleMeta> = new Map(allRules.map((rule) => [rule.id, rule]));

/** Checks options against the rule's options schema; returns a message with a valid example, or undefined. */
export function validateRuleOptions(ruleId: string, options: unknown): string | undefined {
  const rule = catalogRules.find((candidate) => candidate.meta.id === ruleId);
  const example = rule === undefined ? '' : `\`${ruleId}: [error, ${JSON.stringify(rule.defaultOptions)}]\``;
  if (rule?.meta.optionsSchema === undefined) return `\`${ruleId}\` takes no options; write a severity only, e.g. \`${ruleId}: error\`.`;
  const validate = createAjv().compile(rule.meta.optionsSchema);
  if (validate(options)) return undefined;
  const problems = (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || 'options'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (\`${String(e.params.additionalProperty)}\`)` : ''}`,
  );
  return `Invalid options for \`${ruleId}\`: ${problems.join('; ')}. A valid example: ${example}.`;
}
