// model-version/non-commercial-data-in-production: data licensed for non-commercial use only stays out of production.

import { createRule } from '../../catalog-rule.js';
import { licenseName, stageOf, trainingDataOf } from '../../../catalog/queries.js';

export interface Options {
  /** Regular expression for licenses that forbid commercial use. */
  pattern: string;
}

export default createRule<'nonCommercial', Options>({
  meta: {
    id: 'model-version/non-commercial-data-in-production',
    defaultSeverity: 'error',
    description: 'Disallow production model versions trained on data under a non-commercial license.',
    family: 'data',
    preset: 'recommended',
    messages: {
      nonCommercial: {
        message: '`{{identity}}` is in production but trained on `{{dataset}}`, licensed `{{license}}` (non-commercial).',
        hint: 'Retrain without that dataset, or obtain a commercial license and record it on the Dataset.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: { type: 'string', format: 'regex', description: 'Licenses matching this (case-insensitive) forbid commercial use.' },
      },
    },
  },
  defaultOptions: { pattern: '(^|-)NC(-|$)|non-?commercial' },
  create({ catalog, options, report }) {
    const nonCommercial = new RegExp(options.pattern, 'i');
    return (version) => {
      if (version.kind !== 'ModelVersion' || stageOf(version) !== 'production') return;
      for (const { dataset, pointer } of trainingDataOf(catalog, version)) {
        const license = licenseName(dataset);
        if (license !== undefined && nonCommercial.test(license))
          report(pointer, 'nonCommercial', { identity: version.identity, dataset: dataset.identity, license });
      }
    };
  },
});
