// model-version/independent-approval on YAML snippets: `owners` owns the model, `ana` is one of them.

import { ruleTester } from '../../rule-tester.js';

const version = (approver: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: events@1, role: train}]\n  approvals:\n    - {by: ${approver}, date: 2024-08-01}\n`;

ruleTester.run('model-version/independent-approval', {
  valid: [{ name: 'approved by an independent team', yaml: version('model-risk') }],
  invalid: [
    {
      name: 'approved by the owning team',
      yaml: version('owners'),
      problems: [
        {
          messageId: 'selfApproved',
          data: { approver: 'team:default/owners', identity: 'modelversion:default/scorer@2' },
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'approved by a member of the owning team',
      yaml: version('ana'),
      problems: [
        {
          messageId: 'selfApproved',
          data: { approver: 'team:default/ana', identity: 'modelversion:default/scorer@2' },
          line: 10,
          column: 12,
          endLine: 10,
          endColumn: 15,
        },
      ],
    },
  ],
});
