// entity/owner-required: the things people depend on have someone to call.

import { KINDS, type Kind } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

export interface Options {
  kinds: Kind[];
}

export default createRule<'missing', Options>({
  meta: {
    id: 'entity/owner-required',
    defaultSeverity: 'warning',
    description: 'Require an owner on models, datasets, feature views and deployments.',
    family: 'ownership',
    preset: 'recommended',
    messages: {
      missing: {
        message: '{{kind}} `{{name}}` has no owner.',
        hint: 'Add `metadata.owner: <team>`; the owner is who gets called when it breaks.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: { type: 'array', items: { enum: [...KINDS] }, uniqueItems: true, description: 'Kinds that must have an owner.' },
      },
    },
  },
  defaultOptions: { kinds: ['Model', 'Dataset', 'FeatureView', 'Deployment'] },
  create({ options, report }) {
    const kinds = new Set(options.kinds);
    return (entity) => {
      if (kinds.has(entity.kind) && entity.metadata.owner === undefined)
        report(['metadata', 'owner'], 'missing', { kind: entity.kind, name: entity.name }, 'key');
    };
  },
});
