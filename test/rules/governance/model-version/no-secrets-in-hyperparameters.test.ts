// model-version/no-secrets-in-hyperparameters on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const version = (hyperparameters: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: events@1, role: train}]\n    hyperparameters:\n${hyperparameters}`;

ruleTester.run('model-version/no-secrets-in-hyperparameters', {
  valid: [
    { name: 'ordinary hyperparameters', yaml: version('      learning_rate: 0.1\n      max_depth: 6\n') },
    { name: 'a secret named by reference', yaml: version('      wandb_api_key: ${WANDB_API_KEY}\n') },
  ],
  invalid: [
    {
      name: 'a value in a known token format',
      yaml: version('      tracking: ghp_0123456789abcdefghijABCDEFGHIJ012345\n'),
      problems: [
        {
          messageId: 'secretValue',
          data: { name: 'tracking', what: 'a known token or key format' },
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 57,
        },
      ],
    },
    {
      name: 'a secret-looking name with its value written out',
      yaml: version('      api_key: hunter2hunter2\n'),
      problems: [{ messageId: 'secretName', data: { name: 'api_key' }, line: 10, column: 16, endLine: 10, endColumn: 30 }],
    },
  ],
});
