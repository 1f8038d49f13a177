// model-version/non-commercial-data-in-production on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const trainedOn = (license: string, stage: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: reviews, version: "1", owner: owners, description: Product reviews with ratings.}\nspec: {location: {uri: "s3://b/reviews/1/"}, license: ${license}, classification: internal, containsPII: false}\n---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: ${stage}\n  training:\n    datasets: [{ref: reviews@1, role: train}]\n  approvals: [{by: model-risk, date: 2024-08-01}]\n`;

ruleTester.run('model-version/non-commercial-data-in-production', {
  valid: [
    { name: 'production trained on commercially usable data', yaml: trainedOn('CC-BY-4.0', 'production') },
    { name: 'non-commercial data outside production', yaml: trainedOn('CC-BY-NC-4.0', 'staging') },
  ],
  invalid: [
    {
      name: 'production trained on CC-BY-NC data, reported at the training reference',
      yaml: trainedOn('CC-BY-NC-4.0', 'production'),
      problems: [
        {
          messageId: 'nonCommercial',
          data: { identity: 'modelversion:default/scorer@2', dataset: 'dataset:default/reviews@1', license: 'CC-BY-NC-4.0' },
          line: 13,
          column: 22,
          endLine: 13,
          endColumn: 31,
        },
      ],
    },
  ],
});
