// evaluation/train-test-leakage on YAML snippets: scorer@1 of the base trains on events@1.

import { ruleTester } from '../../rule-tester.js';

const evaluation = (dataset: string) =>
  `apiVersion: dossier/v1\nkind: Evaluation\nmetadata: {name: scorer-1-check, owner: owners}\nspec:\n  modelVersion: scorer@1\n  dataset: ${dataset}\n  metrics: [{name: auc, value: 0.9}]\n`;

ruleTester.run('evaluation/train-test-leakage', {
  valid: [{ name: 'an evaluation on held-out data', yaml: evaluation('holdout@1') }],
  invalid: [
    {
      name: 'an evaluation on the training data, reported at its dataset',
      yaml: evaluation('events@1'),
      problems: [
        {
          messageId: 'leak',
          data: {
            evaluation: 'evaluation:default/scorer-1-check',
            version: 'modelversion:default/scorer@1',
            dataset: 'dataset:default/events@1',
            role: 'train',
          },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 20,
        },
      ],
    },
  ],
});
