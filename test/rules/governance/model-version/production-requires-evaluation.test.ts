// model-version/production-requires-evaluation on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const VERSION_2 =
  'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: production\n  training:\n    datasets: [{ref: events@1, role: train}]\n  approvals: [{by: model-risk, date: 2024-08-01}]\n';
const evaluation = (dataset: string) =>
  `---\napiVersion: dossier/v1\nkind: Evaluation\nmetadata: {name: scorer-2-check, owner: owners}\nspec: {modelVersion: scorer@2, dataset: ${dataset}, metrics: [{name: auc, value: 0.9}]}\n`;

ruleTester.run('model-version/production-requires-evaluation', {
  valid: [{ name: 'evaluated on held-out data', yaml: VERSION_2 + evaluation('holdout@1') }],
  invalid: [
    {
      name: 'not evaluated at all, reported at its stage',
      yaml: VERSION_2,
      problems: [
        { messageId: 'unevaluated', data: { identity: 'modelversion:default/scorer@2' }, line: 6, column: 10, endLine: 6, endColumn: 20 },
      ],
    },
  ],
});
