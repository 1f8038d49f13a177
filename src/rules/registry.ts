// Every rule Dossier knows, by id: the source of truth for configs, `dossier rules` and SARIF.

import { entityRules } from './core/entity.js';
import { fileRules } from './core/file.js';
import { referenceRules } from './core/reference.js';
import { schemaRules } from './core/schema.js';
import { yamlRules } from './core/yaml.js';
import type { RuleMeta } from './rule-meta.js';

export const allRules: readonly RuleMeta[] = [...fileRules, ...yamlRules, ...schemaRules, ...entityRules, ...referenceRules];

export const rulesById: ReadonlyMap<string, RuleMeta> = new Map(allRules.map((rule) => [rule.id, rule]));
