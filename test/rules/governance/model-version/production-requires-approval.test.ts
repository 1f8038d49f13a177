// model-version/production-requires-approval on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const version = (stage: string, approvals = '') =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: ${stage}\n  training:\n    datasets: [{ref: events@1, role: train}]\n${approvals}`;

ruleTester.run('model-version/production-requires-approval', {
  valid: [
    { name: 'a staging version without approvals', yaml: version('staging') },
    { name: 'a production version with an approval', yaml: version('production', '  approvals: [{by: model-risk, date: 2024-08-01}]\n') },
  ],
  invalid: [
    {
      name: 'a production version without an approval, reported at its stage',
      yaml: version('production'),
      problems: [
        { messageId: 'unapproved', data: { identity: 'modelversion:default/scorer@2' }, line: 6, column: 10, endLine: 6, endColumn: 20 },
      ],
    },
  ],
});
