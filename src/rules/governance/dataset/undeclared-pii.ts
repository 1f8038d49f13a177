// dataset/undeclared-pii: a Dataset whose own schema marks a field as personal data contains
// personal data. Every PII check downstream (the pii term on the models trained on it, features
// computed from it) asks `containsPII`, so a dataset that contradicts its schema escapes them all.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

export default createRule<'contradicted' | 'undeclared'>({
  meta: {
    id: 'dataset/undeclared-pii',
    defaultSeverity: 'error',
    description: 'Disallow schema fields marked `pii: true` in a Dataset not marked `containsPII: true`.',
    family: 'data',
    preset: 'recommended',
    messages: {
      contradicted: {
        message: 'Field `{{field}}` of `{{dataset}}` is PII, but the dataset says `containsPII: false`.',
        hint: 'Set `containsPII: true` (with a `retention`), or correct the field.',
      },
      undeclared: {
        message: 'Field `{{field}}` of `{{dataset}}` is PII, but the dataset is not marked `containsPII: true`.',
        hint: 'Add `containsPII: true` (with a `retention`) to its spec, or correct the field.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (dataset) => {
      if (dataset.kind !== 'Dataset' || dataset.spec.containsPII === true) return;
      const fields = isRecord(dataset.spec.schema) ? dataset.spec.schema.fields : undefined;
      if (!Array.isArray(fields)) return;
      const messageId = dataset.spec.containsPII === false ? 'contradicted' : 'undeclared';
      fields.forEach((field: unknown, index: number) => {
        if (isRecord(field) && field.pii === true)
          report(['spec', 'schema', 'fields', String(index), 'pii'], messageId, {
            field: String(field.name),
            dataset: dataset.identity,
          });
      });
    };
  },
});
