// dataset/orphan on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const DATASET =
  'apiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: clicks\n  owner: owners\n  description: Clicks per user per day.\nspec: {location: {uri: "s3://b/c/"}}\n';

ruleTester.run('dataset/orphan', {
  valid: [
    {
      name: 'a dataset a feature view reads',
      yaml: `${DATASET}---\napiVersion: dossier/v1\nkind: FeatureView\nmetadata: {name: click-stats, owner: owners, description: Click counts per user.}\nspec:\n  source: clicks\n  entities: [{name: user, joinKeys: [user_id]}]\n  features: [{name: clicks_1d, type: int64}]\n`,
    },
  ],
  invalid: [
    {
      name: 'a dataset nothing uses, reported at its name',
      yaml: DATASET,
      problems: [{ messageId: 'orphan', data: { identity: 'dataset:default/clicks' }, line: 4, column: 9, endLine: 4, endColumn: 15 }],
    },
  ],
});
