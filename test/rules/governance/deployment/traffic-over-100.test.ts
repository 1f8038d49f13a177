// deployment/traffic-over-100 on YAML snippets: the base already sends 60% of production traffic to scorer@1.

import { ruleTester } from '../../rule-tester.js';

const canary = (percent: number, environment = 'production') =>
  `apiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-canary, owner: owners}\nspec:\n  modelVersion: scorer@1\n  runtime: cpu\n  environment: ${environment}\n  trafficPercent: ${String(percent)}\n  approvals: [{by: model-risk, date: 2024-07-03}]\n`;

ruleTester.run('deployment/traffic-over-100', {
  valid: [
    { name: 'a canary that brings production to exactly 100%', yaml: canary(40) },
    { name: 'a deployment in another environment', yaml: canary(90, 'staging') },
  ],
  invalid: [
    {
      name: 'a canary that brings production to 130%: both deployments are reported, this one in the snippet',
      yaml: canary(70),
      problems: [
        {
          messageId: 'overCommitted',
          data: {
            model: 'model:default/scorer',
            environment: 'production',
            total: 130,
            deployments: '`scorer-canary` 70%, `scorer-prod` 60%',
          },
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 21,
        },
      ],
    },
  ],
});
