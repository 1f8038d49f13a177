// model-version/feature-type-mismatch on YAML snippets: user-stats#clicks_7d of the base is int64.

import { ruleTester } from '../../rule-tester.js';

const version = (type: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  signature:\n    inputs: [{name: clicks_7d, type: ${type}}]\n  training:\n    datasets: [{ref: events@1, role: train}]\n    features: [user-stats#clicks_7d]\n`;

ruleTester.run('model-version/feature-type-mismatch', {
  valid: [{ name: 'the input has the feature type', yaml: version('int64') }],
  invalid: [
    {
      name: 'the input has another type, reported at it',
      yaml: version('float32'),
      problems: [
        {
          messageId: 'mismatch',
          data: { name: 'clicks_7d', inputType: 'float32', view: 'featureview:default/user-stats', featureType: 'int64' },
          line: 8,
          column: 38,
          endLine: 8,
          endColumn: 45,
        },
      ],
    },
  ],
});
