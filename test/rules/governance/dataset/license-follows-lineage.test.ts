// dataset/license-follows-lineage on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const dataset = (name: string, license: string, derivedFrom?: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: ${name}, version: "1", owner: owners, description: A dataset of reviews.}\nspec:\n  location: {uri: "s3://b/${name}/1/"}\n  license: ${license}\n${derivedFrom === undefined ? '' : `  derivedFrom: [${derivedFrom}]\n`}`;
const files = (...documents: string[]) => documents.join('---\n');

/** `sample` ← `cleaned` ← `research-set`: the licence of the last is what the chain is judged by. */
const chain = (research: string, cleaned: string, sample: string) =>
  files(dataset('research-set', research), dataset('cleaned', cleaned, 'research-set@1'), dataset('sample', sample, 'cleaned@1'));

ruleTester.run('dataset/license-follows-lineage', {
  valid: [
    { name: 'a clean two-hop chain', yaml: chain('CC-BY-4.0', 'CC-BY-4.0', 'MIT') },
    { name: 'every step keeps the non-commercial term', yaml: chain('CC-BY-NC-4.0', 'CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0') },
    {
      name: 'share-alike kept by a licence that is also non-commercial',
      yaml: chain('CC-BY-SA-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-SA-4.0'),
    },
    {
      name: 'a derived dataset without a licence says nothing to check',
      yaml: files(
        dataset('research-set', 'CC-BY-NC-4.0'),
        `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: sample, version: "1", owner: owners, description: A sample.}\nspec:\n  location: {uri: "s3://b/sample/1/"}\n  derivedFrom: [research-set@1]\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'two hops from non-commercial data, reported on each dataset that drops the term, naming the path',
      yaml: chain('CC-BY-NC-4.0', 'CC-BY-4.0', 'CC-BY-4.0'),
      problems: [
        {
          messageId: 'nonCommercialDropped',
          data: {
            identity: 'dataset:default/cleaned@1',
            license: 'CC-BY-4.0',
            source: 'dataset:default/research-set@1',
            sourceLicense: 'CC-BY-NC-4.0',
            path: '`dataset:default/cleaned@1` ← `dataset:default/research-set@1` (CC-BY-NC-4.0)',
          },
          line: 13,
          column: 12,
          endLine: 13,
          endColumn: 21,
        },
        {
          messageId: 'nonCommercialDropped',
          data: {
            identity: 'dataset:default/sample@1',
            license: 'CC-BY-4.0',
            source: 'dataset:default/research-set@1',
            sourceLicense: 'CC-BY-NC-4.0',
            path: '`dataset:default/sample@1` ← `dataset:default/cleaned@1` ← `dataset:default/research-set@1` (CC-BY-NC-4.0)',
          },
          line: 21,
          column: 12,
          endLine: 21,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'share-alike dropped after a step that kept it',
      yaml: chain('CC-BY-SA-4.0', 'CC-BY-SA-4.0', 'Apache-2.0'),
      problems: [
        {
          messageId: 'shareAlikeDropped',
          data: {
            identity: 'dataset:default/sample@1',
            license: 'Apache-2.0',
            source: 'dataset:default/cleaned@1',
            sourceLicense: 'CC-BY-SA-4.0',
            path: '`dataset:default/sample@1` ← `dataset:default/cleaned@1` (CC-BY-SA-4.0)',
          },
          line: 21,
          column: 12,
          endLine: 21,
          endColumn: 22,
        },
      ],
    },
  ],
});

ruleTester.run('dataset/license-follows-lineage', {
  options: { nonCommercial: 'research-only' },
  valid: [{ name: 'a custom pattern: CC-BY-NC is not what it names', yaml: chain('CC-BY-NC-4.0', 'MIT', 'MIT') }],
  invalid: [
    {
      name: 'a custom pattern names the non-commercial licences',
      yaml: files(dataset('research-set', 'research-only'), dataset('cleaned', 'MIT', 'research-set@1')),
      problems: [
        {
          messageId: 'nonCommercialDropped',
          data: {
            identity: 'dataset:default/cleaned@1',
            license: 'MIT',
            source: 'dataset:default/research-set@1',
            sourceLicense: 'research-only',
            path: '`dataset:default/cleaned@1` ← `dataset:default/research-set@1` (research-only)',
          },
          line: 13,
          column: 12,
          endLine: 13,
          endColumn: 15,
        },
      ],
    },
  ],
});
