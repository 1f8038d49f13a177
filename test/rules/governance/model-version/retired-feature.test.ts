// model-version/retired-feature on YAML snippets: user-stats#clicks_90d of the base is retired.

import { ruleTester } from '../../rule-tester.js';

const version = (feature: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: events@1, role: train}]\n    features: [${feature}]\n`;

ruleTester.run('model-version/retired-feature', {
  valid: [{ name: 'a version reading an active feature', yaml: version('user-stats#clicks_7d') }],
  invalid: [
    {
      name: 'a version reading a retired feature, reported at the reference',
      yaml: version('user-stats#clicks_90d'),
      problems: [
        {
          messageId: 'retired',
          data: { identity: 'modelversion:default/scorer@2', feature: 'clicks_90d', view: 'featureview:default/user-stats' },
          line: 9,
          column: 16,
          endLine: 9,
          endColumn: 37,
        },
      ],
    },
  ],
});
