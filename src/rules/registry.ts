// Every rule Dossier knows, by id: the source of truth for configs, `dossier rules` and SARIF.

import type { CatalogRule } from './catalog-rule.js';
import { approvalRules } from '../ground/core-rules/approval.js';
import { entityRules } from '../ground/core-rules/entity.js';
import { fileRules } from '../ground/core-rules/file.js';
import { referenceRules } from '../ground/core-rules/reference.js';
import { schemaRules } from '../ground/core-rules/schema.js';
import { suppressionRules } from '../ground/core-rules/suppression.js';
import { yamlRules } from '../ground/core-rules/yaml.js';
import { governanceRules } from './governance/index.js';
import type { RuleMeta } from '../ground/rule-meta.js';
import { createAjv } from '../validate/ajv-instance.js';
import { patternProblems } from './patterns.js';
import { complianceProfiles } from './profiles/index.js';
import { profileRule } from './profiles/profile-rule.js';

/** Governance rules: checks over the whole Catalog, one module each, turned on by presets; then one rule per compliance profile. */
export const catalogRules: readonly CatalogRule[] = [...governanceRules, ...complianceProfiles.map(profileRule)];

export const allRules: readonly RuleMeta[] = [
  ...fileRules,
  ...yamlRules,
  ...schemaRules,
  ...entityRules,
  ...referenceRules,
  ...suppressionRules,
  ...approvalRules,
  ...catalogRules.map((rule) => rule.meta),
];

export const rulesById: ReadonlyMap<string, RuleMeta> = new Map(allRules.map((rule) => [rule.id, rule]));

export interface OptionsProblem {
  message: string;
  /** Where in the options, as JSON pointer segments. */
  pointer: string[];
}

/** Checks options against the rule's options schema, and that its patterns run in linear time. */
export function validateRuleOptions(ruleId: string, options: unknown): OptionsProblem | undefined {
  const rule = catalogRules.find((candidate) => candidate.meta.id === ruleId);
  const example = rule === undefined ? '' : `\`${ruleId}: [error, ${JSON.stringify(rule.defaultOptions)}]\``;
  if (rule?.meta.optionsSchema === undefined)
    return { message: `\`${ruleId}\` takes no options; write a severity only, e.g. \`${ruleId}: error\`.`, pointer: [] };
  const validate = createAjv().compile(rule.meta.optionsSchema);
  if (!validate(options)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || 'options'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` (\`${String(e.params.additionalProperty)}\`)` : ''}`,
    );
    return { message: `Invalid options for \`${ruleId}\`: ${problems.join('; ')}. A valid example: ${example}.`, pointer: [] };
  }
  const [problem] = patternProblems(rule.meta.optionsSchema, options);
  if (problem === undefined) return undefined;
  return {
    message: `The pattern /${problem.pattern}/ cannot be used: ${problem.reason}. Dossier runs configured patterns in linear time (RE2 syntax), so that no name can make lint hang; lookarounds and backreferences are not supported.`,
    pointer: problem.pointer,
  };
}
