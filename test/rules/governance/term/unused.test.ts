// term/unused on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const TERM = 'apiVersion: dossier/v1\nkind: Term\nmetadata:\n  name: churn\n  owner: owners\nspec: {definition: A customer who leaves.}\n';

ruleTester.run('term/unused', {
  valid: [
    {
      name: 'a term an entity is classified as',
      yaml: `${TERM}---\napiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: churned, owner: owners, description: Customers who left each month., terms: [churn]}\nspec: {location: {uri: "s3://b/churned/"}}\n`,
    },
  ],
  invalid: [
    {
      name: 'a term nothing is classified as, reported at its name',
      yaml: TERM,
      problems: [{ messageId: 'unused', data: { identity: 'term:default/churn' }, line: 4, column: 9, endLine: 4, endColumn: 14 }],
    },
  ],
});
