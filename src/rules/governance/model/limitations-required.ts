// model/limitations-required: a model card states where the model fails.

import { createRule } from '../../catalog-rule.js';
import { isWritten } from './written-text.js';

export default createRule<'missing'>({
  meta: {
    id: 'model/limitations-required',
    defaultSeverity: 'warning',
    description: 'Require every Model to state its limitations.',
    family: 'documentation',
    preset: 'recommended',
    messages: {
      missing: {
        message: 'Model `{{name}}` does not state its limitations.',
        hint: 'Add `spec.limitations` to the model card: a text, or a list of the cases where the model is known to fail.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind === 'Model' && !isWritten(entity.spec.limitations))
        report(['spec', 'limitations'], 'missing', { name: entity.name }, 'key');
    };
  },
});
