// model-version/independent-approval on YAML snippets: `owners` owns the model, `ana` is one of them.

import { ruleTester } from '../../rule-tester.js';

const version = (approver: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: events@1, role: train}]\n  approvals:\n    - {by: ${approver}, date: 2024-08-01}\n`;

/** A validating team, whose members may include an owner. */
const validators = (members: string) =>
  `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: validators}\nspec: {type: team, members: ${members}}\n---\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: ben}\nspec: {type: person}\n`;

ruleTester.run('model-version/independent-approval', {
  valid: [
    { name: 'approved by an independent team', yaml: version('model-risk') },
    { name: 'approved by a team with no owner among its members', yaml: `${validators('[ben]')}---\n${version('validators')}` },
  ],
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
    {
      name: 'approved by a team that counts one of the owners among its members',
      yaml: `${validators('[ben, ana]')}---\n${version('validators')}`,
      problems: [
        {
          messageId: 'sharedMember',
          data: { approver: 'team:default/validators', identity: 'modelversion:default/scorer@2', member: 'team:default/ana' },
          line: 20,
          column: 12,
          endLine: 20,
          endColumn: 22,
        },
      ],
    },
  ],
});
