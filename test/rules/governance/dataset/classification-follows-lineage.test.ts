// dataset/classification-follows-lineage on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const dataset = (name: string, classification: string | undefined, derivedFrom?: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}, owner: owners, description: Card events.}\nspec:\n  location: {uri: "s3://b/${name}/"}\n${classification === undefined ? '' : `  classification: ${classification}\n`}${derivedFrom === undefined ? '' : `  derivedFrom: [${derivedFrom}]\n`}`;
const chain = (raw: string | undefined, curated: string | undefined, features: string | undefined) =>
  [dataset('raw', raw), dataset('curated', curated, 'raw'), dataset('features', features, 'curated')].join('---\n');

ruleTester.run('dataset/classification-follows-lineage', {
  valid: [
    { name: 'each step as high as its source', yaml: chain('confidential', 'confidential', 'restricted') },
    { name: 'nothing classified upstream', yaml: chain(undefined, undefined, 'public') },
    { name: 'derived from public data, unclassified', yaml: chain('public', undefined, undefined) },
    {
      name: 'a cycle of derivations ends',
      yaml: [dataset('a', 'internal', 'b'), dataset('b', 'internal', 'a')].join('---\n'),
    },
  ],
  invalid: [
    {
      name: 'lowered two hops down, naming the path to the restricted source',
      yaml: chain('restricted', 'restricted', 'internal'),
      problems: [
        {
          messageId: 'lowered',
          data: {
            identity: 'dataset:default/features',
            classification: 'internal',
            source: 'dataset:default/curated',
            sourceClassification: 'restricted',
            path: '`dataset:default/features` ← `dataset:default/curated` (restricted)',
          },
          line: 21,
          column: 19,
          endLine: 21,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'an unclassified step passes the source on to the next',
      yaml: chain('confidential', undefined, 'internal'),
      problems: [
        {
          messageId: 'unclassified',
          data: {
            identity: 'dataset:default/curated',
            source: 'dataset:default/raw',
            sourceClassification: 'confidential',
            path: '`dataset:default/curated` ← `dataset:default/raw` (confidential)',
          },
          line: 11,
          column: 1,
          endLine: 11,
          endColumn: 5,
        },
        {
          messageId: 'lowered',
          data: {
            identity: 'dataset:default/features',
            classification: 'internal',
            source: 'dataset:default/raw',
            sourceClassification: 'confidential',
            path: '`dataset:default/features` ← `dataset:default/curated` ← `dataset:default/raw` (confidential)',
          },
          line: 20,
          column: 19,
          endLine: 20,
          endColumn: 27,
        },
      ],
    },
  ],
});
