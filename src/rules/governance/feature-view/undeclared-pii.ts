// feature-view/undeclared-pii: personal data in features means personal data in the source.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';
import { targetsOf } from '../../../catalog/queries.js';

export default createRule<'undeclared'>({
  meta: {
    id: 'feature-view/undeclared-pii',
    defaultSeverity: 'error',
    description: 'Disallow PII features in a FeatureView whose source Dataset is not marked containsPII.',
    family: 'data',
    preset: 'recommended',
    messages: {
      undeclared: {
        message: 'Feature `{{feature}}` is PII, but the source dataset `{{dataset}}` is not marked `containsPII: true`.',
        hint: 'Mark the source Dataset `containsPII: true` (with its retention), or correct the feature.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (view) => {
      if (view.kind !== 'FeatureView' || !Array.isArray(view.spec.features)) return;
      const [source] = targetsOf(catalog, view, 'sourcedFrom');
      if (source === undefined || source.spec.containsPII === true) return;
      view.spec.features.forEach((feature: unknown, index: number) => {
        if (isRecord(feature) && feature.pii === true)
          report(['spec', 'features', String(index), 'pii'], 'undeclared', {
            feature: String(feature.name),
            dataset: source.identity,
          });
      });
    };
  },
});
