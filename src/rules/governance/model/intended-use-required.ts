// model/intended-use-required: a model card states what the model is for and where it fails.

import { createRule } from '../../catalog-rule.js';

/** A non-empty text, or a list with at least one (`limitations` may be either). */
function isWritten(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isWritten);
  return typeof value === 'string' && value.trim() !== '';
}

export default createRule<'missing'>({
  meta: {
    id: 'model/intended-use-required',
    defaultSeverity: 'warning',
    description: 'Require every Model to state its intended use and its limitations.',
    family: 'documentation',
    preset: 'recommended',
    messages: {
      missing: { message: 'Model `{{name}}` does not state its {{field}}.', hint: 'Add `spec.{{field}}` to the model card.' },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind !== 'Model') return;
      for (const field of ['intendedUse', 'limitations']) {
        if (!isWritten(entity.spec[field])) report(entity, ['spec', field], 'missing', { name: entity.name, field }, 'key');
      }
    };
  },
});
