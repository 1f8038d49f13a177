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
          data: { identity: 'modelversion:default/scorer@2', dataset: 'dataset:default/profiles@1', term: 'pii', defineTerm: '' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 4,
        },
      ],
    },
  ],
});

ruleTester.run('model-version/pii-term-required', {
  options: { term: 'personal-data' },
  valid: [
    {
      name: 'a version trained on data without personal data needs no term, defined or not',
      yaml: 'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec: {model: scorer, stage: staging, training: {datasets: [{ref: events@1, role: train}]}}\n',
    },
  ],
  invalid: [
    {
      name: 'a version without the term, where no Term of that name exists: the hint says to define it',
      yaml: trainedOnPersonalData('  terms: [pii]\n'),
      problems: [
        {
          messageId: 'unclassified',
          data: {
            identity: 'modelversion:default/scorer@2',
            dataset: 'dataset:default/profiles@1',
            term: 'personal-data',
            defineTerm: ' There is no Term `personal-data` yet: define one (`kind: Term`, `metadata.name: personal-data`).',
          },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 8,
        },
      ],
    },
  ],
});

/** `profiles@1` contains PII; `segments@1`, derived from it, says it does not; `segment-stats` computes features from it. */
const LINEAGE = `apiVersion: dossier/v1
kind: Dataset
metadata: {name: profiles, version: "1", owner: owners, description: User profiles with emails.}
spec: {location: {uri: "s3://b/profiles/1/"}, license: proprietary, classification: confidential, containsPII: true}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: segments, version: "1", owner: owners, description: Users grouped into segments.}
spec: {location: {uri: "s3://b/segments/1/"}, license: proprietary, classification: internal, containsPII: false, derivedFrom: [profiles@1]}
---
apiVersion: dossier/v1
kind: FeatureView
metadata: {name: segment-stats, owner: owners, description: Segment sizes per user.}
spec:
  source: segments@1
  entities: [{name: user, joinKeys: [user_id]}]
  features: [{name: segment_size, type: int64}]
---
`;
const versionReading = (training: string) =>
  `${LINEAGE}apiVersion: dossier/v1\nkind: ModelVersion\nmetadata:\n  name: scorer\n  version: "2"\n  owner: owners\nspec:\n  model: scorer\n  stage: staging\n  training:\n${training}`;

ruleTester.run('model-version/pii-term-required', {
  valid: [{ name: 'trained on data with no personal source', yaml: versionReading('    datasets: [{ref: events@1, role: train}]\n') }],
  invalid: [
    {
      name: 'trained on data derived from personal data that says it contains none',
      yaml: versionReading('    datasets: [{ref: segments@1, role: train}]\n'),
      problems: [
        {
          messageId: 'unclassifiedUpstream',
          data: {
            identity: 'modelversion:default/scorer@2',
            dataset: 'dataset:default/segments@1',
            source: 'dataset:default/profiles@1',
            path: '`dataset:default/segments@1` ← `dataset:default/profiles@1`',
            term: 'pii',
            defineTerm: '',
          },
          line: 22,
          column: 3,
          endLine: 22,
          endColumn: 4,
        },
      ],
    },
    {
      name: 'reading features computed from personal data',
      yaml: versionReading('    datasets: [{ref: events@1, role: train}]\n    features: [segment-stats#segment_size]\n'),
      problems: [
        {
          messageId: 'unclassifiedFeatures',
          data: {
            identity: 'modelversion:default/scorer@2',
            view: 'featureview:default/segment-stats',
            source: 'dataset:default/profiles@1',
            path: '`featureview:default/segment-stats` ← `dataset:default/segments@1` ← `dataset:default/profiles@1`',
            term: 'pii',
            defineTerm: '',
          },
          line: 22,
          column: 3,
          endLine: 22,
          endColumn: 4,
        },
      ],
    },
  ],
});
