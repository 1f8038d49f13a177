// model-version/retired-feature: a model cannot read a feature that is no longer computed.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

export default createRule<'retired'>({
  meta: {
    id: 'model-version/retired-feature',
    defaultSeverity: 'error',
    description: 'Disallow active model versions reading features whose lifecycle is retired.',
    family: 'features',
    preset: 'recommended',
    messages: {
      retired: {
        message: '`{{identity}}` reads feature `{{feature}}` of `{{view}}`, which is retired.',
        hint: 'Retrain without the feature, or point to its replacement.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (version) => {
      if (version.kind !== 'ModelVersion' || version.lifecycle === 'retired') return;
      for (const relation of catalog.outgoing(version.identity)) {
        if (relation.type !== 'usesFeatures' || relation.member === undefined) continue;
        const view = catalog.get(relation.target);
        const features: unknown[] = Array.isArray(view?.spec.features) ? view.spec.features : [];
        const feature = features.find((f) => isRecord(f) && f.name === relation.member);
        if (isRecord(feature) && feature.lifecycle === 'retired') {
          report(relation.pointer, 'retired', { identity: version.identity, feature: relation.member, view: relation.target });
        }
      }
    };
  },
});
