// entity/description-required on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const dataset = (metadata: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: clicks\n  owner: owners\n${metadata}spec: {location: {uri: "s3://b/c/"}}\n`;

ruleTester.run('entity/description-required', {
  valid: [
    { name: 'a dataset described in a sentence', yaml: dataset('  description: Clicks per user per day.\n') },
    {
      name: 'a Team, which the rule does not ask about',
      yaml: 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: growth}\nspec: {type: team}\n',
    },
  ],
  invalid: [
    {
      name: 'a dataset without a description',
      yaml: dataset(''),
      problems: [{ messageId: 'missing', data: { kind: 'Dataset', name: 'clicks' }, line: 4, column: 3, endLine: 4, endColumn: 4 }],
    },
    {
      name: 'a placeholder description, reported at its value',
      yaml: dataset('  description: TODO\n'),
      problems: [
        {
          messageId: 'placeholder',
          data: { kind: 'Dataset', name: 'clicks', text: 'TODO' },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 20,
        },
      ],
    },
  ],
});
