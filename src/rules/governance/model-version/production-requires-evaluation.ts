// model-version/production-requires-evaluation: production models are measured on data they did not train on.

import { createRule } from '../../catalog-rule.js';
import { sourcesOf, stageOf, targetsOf, trainingDataOf } from '../../../catalog/queries.js';

export default createRule<'unevaluated'>({
  meta: {
    id: 'model-version/production-requires-evaluation',
    defaultSeverity: 'error',
    description: 'Require an Evaluation on held-out data for every model version in production.',
    family: 'evaluation',
    preset: 'recommended',
    messages: {
      unevaluated: {
        message: '`{{identity}}` is in production without an Evaluation on held-out data.',
        hint: 'Add an Evaluation whose dataset has the role `test` or is not among the training datasets.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (version) => {
      if (version.kind !== 'ModelVersion' || stageOf(version) !== 'production') return;
      const training = trainingDataOf(catalog, version);
      const heldOut = sourcesOf(catalog, version, 'evaluates').some((evaluation) =>
        targetsOf(catalog, evaluation, 'evaluatedOn').some((dataset) => {
          const uses = training.filter((t) => t.dataset === dataset);
          return uses.length === 0 || uses.every((t) => t.role === 'test');
        }),
      );
      if (!heldOut) report(['spec', 'stage'], 'unevaluated', { identity: version.identity });
    };
  },
});
