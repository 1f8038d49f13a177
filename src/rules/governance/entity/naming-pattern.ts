// entity/naming-pattern: names a team agreed on, per kind.

import { KINDS, type Kind } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';
import { compilePattern } from '../../patterns.js';

export interface Options {
  patterns: Partial<Record<Kind, string>>;
}

export default createRule<'mismatch', Options>({
  meta: {
    id: 'entity/naming-pattern',
    defaultSeverity: 'warning',
    description: 'Require entity names to match the naming pattern configured for their kind.',
    family: 'hygiene',
    preset: 'strict',
    messages: {
      mismatch: {
        message: '{{kind}} name `{{name}}` does not match the pattern /{{pattern}}/.',
        hint: 'Rename it to follow the naming convention in dossier.yaml.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns: {
          type: 'object',
          description: 'A regular expression per kind, e.g. {"Deployment": "-(prod|staging|dev)$"}.',
          propertyNames: { enum: [...KINDS] },
          additionalProperties: { type: 'string', format: 'regex' },
        },
      },
    },
  },
  defaultOptions: { patterns: {} },
  create({ options, report }) {
    const patterns = new Map(Object.entries(options.patterns).map(([kind, pattern]) => [kind, compilePattern(pattern)]));
    return (entity) => {
      const pattern = patterns.get(entity.kind);
      if (pattern !== undefined && !pattern.test(entity.name))
        report(['metadata', 'name'], 'mismatch', { kind: entity.kind, name: entity.name, pattern: pattern.source });
    };
  },
});
