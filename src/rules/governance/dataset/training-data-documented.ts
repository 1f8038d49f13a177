// dataset/training-data-documented: data a model learns from has a license and a classification.

import { createRule } from '../../catalog-rule.js';
import { sourcesOf } from '../../../catalog/queries.js';

export default createRule<'missing'>({
  meta: {
    id: 'dataset/training-data-documented',
    defaultSeverity: 'warning',
    description: 'Require a license and a classification on every dataset a model version trains on.',
    family: 'data',
    preset: 'recommended',
    messages: {
      missing: { message: 'Dataset `{{identity}}` trains {{count}} model version{{plural}} but has no {{field}}.', hint: '{{hint}}' },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    const hints: Record<string, string> = {
      license: 'Add `spec.license` (an SPDX id such as CC-BY-4.0, `proprietary`, or {name, url}).',
      classification: 'Add `spec.classification`: public, internal, confidential or restricted.',
    };
    return (dataset) => {
      if (dataset.kind !== 'Dataset') return;
      const trained = new Set(sourcesOf(catalog, dataset, 'trainedOn').map((v) => v.identity)).size;
      if (trained === 0) return;
      for (const field of ['license', 'classification']) {
        if (dataset.spec[field] === undefined) {
          report(
            ['spec', field],
            'missing',
            { identity: dataset.identity, count: trained, plural: trained === 1 ? '' : 's', field, hint: hints[field] as string },
            'key',
          );
        }
      }
    };
  },
});
