// model/intended-use-required: a model card states what the model is for.

import { createRule } from '../../catalog-rule.js';
import { isWritten } from './written-text.js';

export default createRule<'missing'>({
  meta: {
    id: 'model/intended-use-required',
    defaultSeverity: 'warning',
    description: 'Require every Model to state its intended use.',
    family: 'documentation',
    preset: 'recommended',
    messages: {
      missing: { message: 'Model `{{name}}` does not state its intended use.', hint: 'Add `spec.intendedUse` to the model card.' },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind === 'Model' && !isWritten(entity.spec.intendedUse))
        report(['spec', 'intendedUse'], 'missing', { name: entity.name }, 'key');
    };
  },
});
