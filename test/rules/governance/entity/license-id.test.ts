// entity/license-id on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const dataset = (license: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: reviews, version: "1", owner: owners, description: Product reviews with ratings.}\nspec:\n  location: {uri: "s3://b/reviews/1/"}\n  license: ${license}\n`;

ruleTester.run('entity/license-id', {
  valid: [
    { name: 'an SPDX id', yaml: dataset('Apache-2.0') },
    { name: 'an SPDX expression', yaml: dataset('MIT OR Apache-2.0') },
    { name: 'a LicenseRef of ones own', yaml: dataset('LicenseRef-acme-data') },
    { name: 'proprietary', yaml: dataset('proprietary') },
    {
      name: 'a licence SPDX does not list, as {name, url}',
      yaml: dataset('{name: Acme Data Licence, url: "https://acme.example/licence"}'),
    },
  ],
  invalid: [
    {
      name: 'words that name an id: the hint gives it',
      yaml: dataset('Apache 2.0'),
      problems: [
        {
          messageId: 'readAs',
          data: { license: 'Apache 2.0', kind: 'Dataset', name: 'reviews', id: 'Apache-2.0' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'an id in the wrong case',
      yaml: dataset('cc-by-nc-4.0'),
      problems: [
        {
          messageId: 'readAs',
          data: { license: 'cc-by-nc-4.0', kind: 'Dataset', name: 'reviews', id: 'CC-BY-NC-4.0' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'words that name no id',
      yaml: dataset('internal use only'),
      problems: [
        {
          messageId: 'notSpdx',
          data: { license: 'internal use only', kind: 'Dataset', name: 'reviews' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'an expression: each licence read on its own, none dropped or changed',
      yaml: dataset('mit or gpl-3.0-only'),
      problems: [
        {
          messageId: 'readAs',
          data: { license: 'mit or gpl-3.0-only', kind: 'Dataset', name: 'reviews', id: 'MIT OR GPL-3.0-only' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'a malformed expression is not read as a licence',
      yaml: dataset('"(MIT"'),
      problems: [
        {
          messageId: 'notSpdx',
          data: { license: '(MIT', kind: 'Dataset', name: 'reviews' },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 18,
        },
      ],
    },
  ],
});
