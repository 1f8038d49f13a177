// team/unused on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata:\n  name: growth\nspec: {type: team}\n';

ruleTester.run('team/unused', {
  valid: [
    {
      name: 'a team that owns something',
      yaml: `${TEAM}---\napiVersion: dossier/v1\nkind: Term\nmetadata: {name: churn, owner: growth}\nspec: {definition: A customer who leaves.}\n`,
    },
  ],
  invalid: [
    {
      name: 'a team nothing names, reported at its name',
      yaml: TEAM,
      problems: [{ messageId: 'unused', data: { identity: 'team:default/growth' }, line: 4, column: 9, endLine: 4, endColumn: 15 }],
    },
  ],
});
