// entity/owner-required on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

ruleTester.run('entity/owner-required', {
  valid: [
    {
      name: 'a dataset with an owner',
      yaml: 'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: clicks, owner: owners, description: Clicks per user per day.}\nspec: {location: {uri: "s3://b/c/"}}\n',
    },
    {
      name: 'a kind the rule is not about (a Term)',
      yaml: 'apiVersion: dossier/v1\nkind: Term\nmetadata: {name: churn}\nspec: {definition: A customer who leaves.}\n',
    },
  ],
  invalid: [
    {
      name: 'a dataset without an owner, reported where its metadata starts',
      yaml: 'apiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: clicks\n  description: Clicks per user per day.\nspec: {location: {uri: "s3://b/c/"}}\n',
      problems: [{ messageId: 'missing', data: { kind: 'Dataset', name: 'clicks' }, line: 4, column: 3, endLine: 4, endColumn: 4 }],
    },
  ],
});

ruleTester.run('entity/owner-required', {
  options: { kinds: ['Model'] },
  valid: [
    {
      name: 'with kinds: [Model], a dataset without an owner',
      yaml: 'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: clicks, description: Clicks per user per day.}\nspec: {location: {uri: "s3://b/c/"}}\n',
    },
  ],
  invalid: [
    {
      name: 'with kinds: [Model], a model without an owner',
      yaml: 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: ranker, description: Ranks the feed.}\nspec: {task: ranking, intendedUse: Feed ranking., limitations: English only.}\n',
      problems: [{ messageId: 'missing', data: { kind: 'Model', name: 'ranker' }, line: 3, column: 11, endLine: 3, endColumn: 12 }],
    },
  ],
});
