// deployment/production-requires-approved-version on YAML snippets: scorer@1 of the base is approved, in production.

import { ruleTester } from '../../rule-tester.js';

const VERSION_2 = (stage: string, approvals = '') =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: ${stage}\n  training:\n    datasets: [{ref: events@1, role: train}]\n${approvals}---\n`;
const deployment = (version: string) =>
  `apiVersion: dossier/v1\nkind: Deployment\nmetadata: {name: scorer-2-prod, owner: owners}\nspec:\n  modelVersion: ${version}\n  runtime: cpu\n  environment: production\n  trafficPercent: 40\n  approvals: [{by: model-risk, date: 2024-08-02}]\n`;

ruleTester.run('deployment/production-requires-approved-version', {
  valid: [{ name: 'production runs an approved production version', yaml: deployment('scorer@1') }],
  invalid: [
    {
      name: 'production runs a staging version',
      yaml: VERSION_2('staging') + deployment('scorer@2'),
      problems: [
        {
          messageId: 'notProduction',
          data: { name: 'scorer-2-prod', version: 'modelversion:default/scorer@2', stage: 'staging' },
          line: 14,
          column: 17,
          endLine: 14,
          endColumn: 25,
        },
      ],
    },
  ],
});
