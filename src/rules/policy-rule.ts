// Policies from dossier.yaml turned into rules: "every Dataset with containsPII: true must have a
// retention and an owner", written as data. Nothing from the repository is ever executed.

import type { Entity } from '../model/entity.js';
import { createRule, type CatalogRule } from './catalog-rule.js';
import type { Policy } from './settings.js';
import { valueAt } from '../catalog/queries.js';
import { isPresent } from './present-value.js';

export const POLICY_PREFIX = 'policy/';

function matches(entity: Entity, where: Policy['when']['where']): boolean {
  for (const [path, expected] of Object.entries(where ?? {})) {
    const actual = valueAt(entity, path.split('.'));
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.some((value) => value === actual)) return false;
  }
  return true;
}

export function policyRule(policy: Policy): CatalogRule {
  const kinds = new Set(Array.isArray(policy.when.kind) ? policy.when.kind : [policy.when.kind]);
  return createRule({
    meta: {
      id: `${POLICY_PREFIX}${policy.id}`,
      defaultSeverity: policy.severity,
      description: policy.description ?? policy.message,
      family: 'policy',
      preset: 'recommended',
      messages: {
        missing: { message: '{{message}}: `{{path}}` is missing or empty.', hint: 'Add `{{path}}` (policy `{{id}}` in dossier.yaml).' },
      },
    },
    defaultOptions: {},
    create(context) {
      return (entity) => {
        if (!kinds.has(entity.kind) || !matches(entity, policy.when.where)) return;
        for (const path of policy.require) {
          const pointer = path.split('.');
          if (!isPresent(valueAt(entity, pointer)))
            context.report(pointer, 'missing', { message: policy.message, path, id: policy.id }, 'key');
        }
      };
    },
  });
}
