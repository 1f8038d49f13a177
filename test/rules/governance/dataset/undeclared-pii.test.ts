// dataset/undeclared-pii on YAML snippets: a dataset's own schema marks a field as personal data.

import { ruleTester } from '../../rule-tester.js';

const dataset = (containsPII: string, pii: boolean) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: contacts, version: "1", owner: owners, description: Contact details per user.}\nspec:\n  location: {uri: "s3://bucket/contacts/1/"}\n${containsPII}  schema:\n    fields:\n      - {name: user_id, type: string}\n      - {name: email, type: string, pii: ${String(pii)}}\n`;

ruleTester.run('dataset/undeclared-pii', {
  valid: [
    { name: 'a PII field in a dataset marked containsPII', yaml: dataset('  containsPII: true\n', true) },
    { name: 'no PII field in a dataset marked containsPII: false', yaml: dataset('  containsPII: false\n', false) },
    { name: 'no PII field and no containsPII', yaml: dataset('', false) },
  ],
  invalid: [
    {
      name: 'a PII field where the dataset says containsPII: false, reported at the field',
      yaml: dataset('  containsPII: false\n', true),
      problems: [
        {
          messageId: 'contradicted',
          data: { field: 'email', dataset: 'dataset:default/contacts@1' },
          line: 10,
          column: 42,
          endLine: 10,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'a PII field where the dataset does not say containsPII',
      yaml: dataset('', true),
      problems: [
        {
          messageId: 'undeclared',
          data: { field: 'email', dataset: 'dataset:default/contacts@1' },
          line: 9,
          column: 42,
          endLine: 9,
          endColumn: 46,
        },
      ],
    },
  ],
});
