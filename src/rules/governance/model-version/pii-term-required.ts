// model-version/pii-term-required: a model trained on personal data is classified as such.

import { createRule } from '../../catalog-rule.js';
import { targetsOf, termsOf, trainingDataOf } from '../../../catalog/queries.js';

export interface Options {
  /** Identity-less name of the Term that marks personal data. */
  term: string;
}

export default createRule<'unclassified', Options>({
  meta: {
    id: 'model-version/pii-term-required',
    defaultSeverity: 'error',
    description: 'Require the PII term on model versions trained on data that contains PII.',
    family: 'data',
    preset: 'recommended',
    messages: {
      unclassified: {
        message:
          '`{{identity}}` is trained on `{{dataset}}`, which contains PII, but neither it nor its model carries the `{{term}}` term.',
        hint: 'Add `{{term}}` to `metadata.terms` so privacy reviews find it.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { term: { type: 'string', minLength: 1, description: 'Name of the Term that marks personal data.' } },
    },
  },
  defaultOptions: { term: 'pii' },
  create({ catalog, options, report }) {
    return (version) => {
      if (version.kind !== 'ModelVersion') return;
      const personal = trainingDataOf(catalog, version).find((t) => t.dataset.spec.containsPII === true);
      if (personal === undefined) return;
      const classified = [version, ...targetsOf(catalog, version, 'versionOf')].some((entity) =>
        [...termsOf(catalog, entity)].some((term) => term.endsWith(`/${options.term}`)),
      );
      if (!classified)
        report(
          ['metadata', 'terms'],
          'unclassified',
          { identity: version.identity, dataset: personal.dataset.identity, term: options.term },
          'key',
        );
    };
  },
});
