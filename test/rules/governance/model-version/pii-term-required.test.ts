// model-version/pii-term-required on YAML snippets: the base has the Term `pii`.

import { ruleTester } from '../../rule-tester.js';

const trainedOnPersonalData = (terms: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: profiles, version: "1", owner: owners, description: User profiles with emails.}\nspec: {location: {uri: "s3://b/profiles/1/"}, license: proprietary, classification: confidential, containsPII: true}\n---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata:\n  name: scorer\n  version: "2"\n  owner: owners\n${terms}spec:\n  model: scorer\n  stage: staging\n  training:\n    datasets: [{ref: profiles@1, role: train}]\n`;

ruleTester.run('model-version/pii-term-required', {
  valid: [{ name: 'a version that carries the pii term', yaml: trainedOnPersonalData('  terms: [pii]\n') }],
  invalid: [
    {
      name: 'a version trained on personal data without the term',
      yaml: trainedOnPersonalData(''),
      problems: [
        {
          messageId: 'unclassified',
          data: { identity: 'modelversion:default/scorer@2', dataset: 'dataset:default/profiles@1', term: 'pii' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 4,
        },
      ],
    },
  ],
});
