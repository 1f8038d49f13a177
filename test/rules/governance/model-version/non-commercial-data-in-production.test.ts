// model-version/non-commercial-data-in-production on YAML snippets.

import { ruleTester } from '../../rule-tester.js';

const trainedOn = (license: string, stage: string) =>
  `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: reviews, version: "1", owner: owners, description: Product reviews with ratings.}\nspec: {location: {uri: "s3://b/reviews/1/"}, license: ${license}, classification: internal, containsPII: false}\n---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: ${stage}\n  training:\n    datasets: [{ref: reviews@1, role: train}]\n  approvals: [{by: model-risk, date: 2024-08-01}]\n`;

ruleTester.run('model-version/non-commercial-data-in-production', {
  valid: [
    { name: 'production trained on commercially usable data', yaml: trainedOn('CC-BY-4.0', 'production') },
    { name: 'non-commercial data outside production', yaml: trainedOn('CC-BY-NC-4.0', 'staging') },
  ],
  invalid: [
    {
      name: 'production trained on CC-BY-NC data, reported at the training reference',
      yaml: trainedOn('CC-BY-NC-4.0', 'production'),
      problems: [
        {
          messageId: 'nonCommercial',
          data: { identity: 'modelversion:default/scorer@2', dataset: 'dataset:default/reviews@1', license: 'CC-BY-NC-4.0' },
          line: 13,
          column: 22,
          endLine: 13,
          endColumn: 31,
        },
      ],
    },
  ],
});

/** `cleaned@1`, licensed CC-BY-4.0, is derived from `reviews@1`, licensed CC-BY-NC-4.0; `review-stats` computes features from it. */
const DERIVED = `apiVersion: dossier/v1
kind: Dataset
metadata: {name: reviews, version: "1", owner: owners, description: Product reviews with ratings.}
spec: {location: {uri: "s3://b/reviews/1/"}, license: CC-BY-NC-4.0, classification: internal, containsPII: false}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: cleaned, version: "1", owner: owners, description: Reviews without spam.}
spec: {location: {uri: "s3://b/cleaned/1/"}, license: CC-BY-4.0, classification: internal, containsPII: false, derivedFrom: [reviews@1]}
---
apiVersion: dossier/v1
kind: FeatureView
metadata: {name: review-stats, owner: owners, description: Ratings per product.}
spec:
  source: cleaned@1
  entities: [{name: product, joinKeys: [product_id]}]
  features: [{name: mean_rating, type: float64}]
---
`;
const versionUsing = (training: string) =>
  `${DERIVED}apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "2", owner: owners}\nspec:\n  model: scorer\n  stage: production\n  training:\n${training}  approvals: [{by: model-risk, date: 2024-08-01}]\n`;

ruleTester.run('model-version/non-commercial-data-in-production', {
  valid: [
    {
      name: 'production trained on data with no non-commercial source',
      yaml: versionUsing('    datasets: [{ref: events@1, role: train}]\n'),
    },
  ],
  invalid: [
    {
      name: 'trained on a dataset that declares CC-BY-4.0 but is derived from CC-BY-NC data',
      yaml: versionUsing('    datasets: [{ref: cleaned@1, role: train}]\n'),
      problems: [
        {
          messageId: 'nonCommercialUpstream',
          data: {
            identity: 'modelversion:default/scorer@2',
            dataset: 'dataset:default/cleaned@1',
            source: 'dataset:default/reviews@1',
            license: 'CC-BY-NC-4.0',
            path: '`dataset:default/cleaned@1` ← `dataset:default/reviews@1` (CC-BY-NC-4.0)',
          },
          line: 26,
          column: 22,
          endLine: 26,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'reading features computed from non-commercial data',
      yaml: versionUsing('    datasets: [{ref: events@1, role: train}]\n    features: [review-stats#mean_rating]\n'),
      problems: [
        {
          messageId: 'nonCommercialFeatures',
          data: {
            identity: 'modelversion:default/scorer@2',
            view: 'featureview:default/review-stats',
            source: 'dataset:default/reviews@1',
            license: 'CC-BY-NC-4.0',
            path: '`featureview:default/review-stats` ← `dataset:default/cleaned@1` ← `dataset:default/reviews@1` (CC-BY-NC-4.0)',
          },
          line: 27,
          column: 16,
          endLine: 27,
          endColumn: 40,
        },
      ],
    },
  ],
});
