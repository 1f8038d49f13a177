// evaluation/train-test-leakage: a model evaluated on its own training data proves nothing.

import { createRule } from '../../catalog-rule.js';
import { targetsOf, trainingDataOf } from '../../../catalog/queries.js';

export default createRule<'leak'>({
  meta: {
    id: 'evaluation/train-test-leakage',
    defaultSeverity: 'error',
    description: 'Disallow evaluating a model version on a dataset it was trained on.',
    family: 'evaluation',
    preset: 'recommended',
    messages: {
      leak: {
        message: '`{{evaluation}}` evaluates `{{version}}` on `{{dataset}}`, which it was trained on (role `{{role}}`).',
        hint: 'Evaluate on a held-out dataset, or one listed with role `test` only.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (evaluation) => {
      if (evaluation.kind !== 'Evaluation') return;
      const [dataset] = targetsOf(catalog, evaluation, 'evaluatedOn');
      if (dataset === undefined) return;
      for (const version of targetsOf(catalog, evaluation, 'evaluates')) {
        const leak = trainingDataOf(catalog, version).find((t) => t.dataset === dataset && t.role === 'train');
        if (leak !== undefined)
          report(['spec', 'dataset'], 'leak', {
            evaluation: evaluation.identity,
            version: version.identity,
            dataset: dataset.identity,
            role: leak.role,
          });
      }
    };
  },
});
