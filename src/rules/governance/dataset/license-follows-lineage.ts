// dataset/license-follows-lineage: a dataset derived from non-commercial or share-alike data keeps
// that term in its own licence. Cleaning, sampling or joining data does not change its terms, and a
// derived dataset that declares a freer licence is how restricted data reaches products unnoticed.

import { createRule } from '../../catalog-rule.js';
import { compilePattern } from '../../patterns.js';
import { describePath, LineageSearch } from '../../../catalog/lineage.js';
import { licenseName } from '../../../catalog/queries.js';

export interface Options {
  /** Regular expression (case-insensitive) for licences that forbid commercial use. */
  nonCommercial: string;
  /** Regular expression (case-insensitive) for licences that require derived data to be shared alike. */
  shareAlike: string;
}

type MessageId = 'nonCommercialDropped' | 'shareAlikeDropped';

const TERMS: readonly { option: keyof Options; messageId: MessageId }[] = [
  { option: 'nonCommercial', messageId: 'nonCommercialDropped' },
  { option: 'shareAlike', messageId: 'shareAlikeDropped' },
];

export default createRule<MessageId, Options>({
  meta: {
    id: 'dataset/license-follows-lineage',
    defaultSeverity: 'error',
    description: "Disallow derived datasets whose licence drops a source's non-commercial or share-alike term.",
    family: 'data',
    preset: 'recommended',
    messages: {
      nonCommercialDropped: {
        message: '`{{identity}}` is licensed `{{license}}`, but it is derived from non-commercial data: {{path}}.',
        hint: 'A derived dataset keeps the terms of its sources: license it under terms that keep the non-commercial restriction (as `{{sourceLicense}}` does), or record a commercial licence on `{{source}}`.',
      },
      shareAlikeDropped: {
        message: '`{{identity}}` is licensed `{{license}}`, but it is derived from share-alike data: {{path}}.',
        hint: 'Data derived from share-alike data is shared under the same terms: license it as `{{sourceLicense}}`, or derive it from other data.',
      },
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nonCommercial: { type: 'string', format: 'regex', description: 'Licences matching this (case-insensitive) forbid commercial use.' },
        shareAlike: { type: 'string', format: 'regex', description: 'Licences matching this (case-insensitive) require sharing alike.' },
      },
    },
  },
  defaultOptions: { nonCommercial: '(^|-)NC(-|$)|non-?commercial', shareAlike: '(^|-)SA(-|$)|share-?alike|^ODbL' },
  create({ catalog, options, report }) {
    const checks = TERMS.map(({ option, messageId }) => {
      const pattern = compilePattern(options[option], { ignoreCase: true });
      const carries = (license: string | undefined) => license !== undefined && pattern.test(license);
      return { messageId, carries, lineage: new LineageSearch(catalog, (dataset) => carries(licenseName(dataset))) };
    });
    return (dataset) => {
      if (dataset.kind !== 'Dataset') return;
      const license = licenseName(dataset);
      if (license === undefined) return;
      for (const { messageId, carries, lineage } of checks) {
        if (carries(license)) continue;
        const path = lineage.inherited(dataset);
        const source = path?.at(-1);
        if (path === undefined || source === undefined) continue;
        const sourceLicense = licenseName(source) ?? '';
        report(['spec', 'license'], messageId, {
          identity: dataset.identity,
          license,
          source: source.identity,
          sourceLicense,
          path: describePath(path, sourceLicense),
        });
      }
    };
  },
});
