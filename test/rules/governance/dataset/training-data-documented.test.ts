// dataset/training-data-documented on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const trainedOn = (spec: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: reviews, version: "1", owner: owners, description: Product reviews with ratings.}\nspec:\n  location: {uri: "s3://b/reviews/1/"}\n${spec}---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: reviews@1, role: train}]\n`;

ruleTester.run('dataset/training-data-documented', {
  valid: [
    { name: 'training data with a licence and a classification', yaml: trainedOn('  license: CC-BY-4.0\n  classification: public\n') },
  ],
  invalid: [
    {
      name: 'training data without either, each reported',
      yaml: trainedOn(''),
      problems: [
        {
          messageId: 'missing',
          data: {
            identity: 'dataset:default/reviews@1',
            count: 1,
            plural: '',
            field: 'classification',
            hint: 'Add `spec.classification`: public, internal, confidential or restricted.',
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 4,
        },
        {
          messageId: 'missing',
          data: {
            identity: 'dataset:default/reviews@1',
            count: 1,
            plural: '',
            field: 'license',
            hint: 'Add `spec.license` (an SPDX id such as CC-BY-4.0, `proprietary`, or {name, url}).',
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 4,
        },
      ],
    },
  ],
});
