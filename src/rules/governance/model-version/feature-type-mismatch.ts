// model-version/feature-type-mismatch: the signature and the feature store agree on every input's type.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';
import { targetsOf } from '../../../catalog/queries.js';

export default createRule<'mismatch'>({
  meta: {
    id: 'model-version/feature-type-mismatch',
    defaultSeverity: 'error',
    description: 'Require signature inputs to have the type of the feature of the same name that the version reads.',
    family: 'features',
    preset: 'recommended',
    messages: {
      mismatch: {
        message: 'Signature input `{{name}}` is `{{inputType}}`, but feature `{{name}}` of `{{view}}` is `{{featureType}}`.',
        hint: 'Make the types agree; a silent cast at serving time changes predictions.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (version) => {
      if (version.kind !== 'ModelVersion' || !isRecord(version.spec.signature) || !Array.isArray(version.spec.signature.inputs)) return;
      const featureTypes = new Map<string, { type: string; view: string }>();
      for (const view of targetsOf(catalog, version, 'usesFeatures')) {
        for (const feature of Array.isArray(view.spec.features) ? view.spec.features : []) {
          if (isRecord(feature) && typeof feature.name === 'string' && typeof feature.type === 'string')
            featureTypes.set(feature.name, { type: feature.type, view: view.identity });
        }
      }
      version.spec.signature.inputs.forEach((input: unknown, index: number) => {
        if (!isRecord(input) || typeof input.name !== 'string' || typeof input.type !== 'string') return;
        const feature = featureTypes.get(input.name);
        if (feature !== undefined && feature.type !== input.type) {
          report(['spec', 'signature', 'inputs', String(index), 'type'], 'mismatch', {
            name: input.name,
            inputType: input.type,
            view: feature.view,
            featureType: feature.type,
          });
        }
      });
    };
  },
});
