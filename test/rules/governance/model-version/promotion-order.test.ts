// model-version/promotion-order on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const VERSION_2 =
  'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: production\n  training:\n    datasets: [{ref: events@1, role: train}]\n  approvals: [{by: model-risk, date: 2024-08-01}]\n';
const STAGING =
  '---\napiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-2-staging, owner: owners}\nspec: {modelVersion: scorer@2, runtime: cpu, environment: staging}\n';

ruleTester.run('model-version/promotion-order', {
  valid: [{ name: 'in production after a staging deployment', yaml: VERSION_2 + STAGING }],
  invalid: [
    {
      name: 'in production without ever being staged, reported at its stage',
      yaml: VERSION_2,
      problems: [
        {
          messageId: 'skippedStaging',
          data: { identity: 'modelversion:default/scorer@2' },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
        },
      ],
    },
  ],
});
