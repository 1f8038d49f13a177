// model-version/pii-term-required: a model trained on personal data is classified as such, whether
// it trains on the data, on data derived from it, or reads features computed from it.

import { formatIdentity } from '../../../model/reference.js';
import type { CatalogReader } from '../../../catalog/catalog.js';
import { createRule } from '../../catalog-rule.js';
import { describePath, LineageSearch } from '../../../catalog/lineage.js';
import { targetsOf, termsOf, trainingDataOf } from '../../../catalog/queries.js';
import type { Entity } from '../../../model/entity.js';
import type { MessageData } from '../../../ground/diagnostics.js';

type MessageId = 'unclassified' | 'unclassifiedUpstream' | 'unclassifiedFeatures';

/** Where the version's personal data comes from, as the message that says so; undefined when it reads none. */
function personalData(
  catalog: CatalogReader,
  lineage: LineageSearch,
  version: Entity,
): { messageId: MessageId; data: MessageData } | undefined {
  for (const { dataset } of trainingDataOf(catalog, version)) {
    const path = lineage.nearest(dataset);
    const source = path?.at(-1);
    if (path === undefined || source === undefined) continue;
    if (source === dataset) return { messageId: 'unclassified', data: { dataset: dataset.identity } };
    return { messageId: 'unclassifiedUpstream', data: { dataset: dataset.identity, source: source.identity, path: describePath(path) } };
  }
  for (const view of targetsOf(catalog, version, 'usesFeatures'))
    for (const dataset of targetsOf(catalog, view, 'sourcedFrom')) {
      const path = lineage.nearest(dataset);
      const source = path?.at(-1);
      if (path !== undefined && source !== undefined)
        return {
          messageId: 'unclassifiedFeatures',
          data: { view: view.identity, source: source.identity, path: describePath([view, ...path]) },
        };
    }
  return undefined;
}

export interface Options {
  /** Identity-less name of the Term that marks personal data. */
  term: string;
}

export default createRule<MessageId, Options>({
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
        hint: 'Add `{{term}}` to `metadata.terms` so privacy reviews find it.{{defineTerm}}',
      },
      unclassifiedUpstream: {
        message:
          '`{{identity}}` is trained on `{{dataset}}`, derived from `{{source}}`, which contains PII ({{path}}), but neither it nor its model carries the `{{term}}` term.',
        hint: 'Add `{{term}}` to `metadata.terms`: data derived from personal data is personal data until shown otherwise.{{defineTerm}}',
      },
      unclassifiedFeatures: {
        message:
          '`{{identity}}` reads features of `{{view}}`, computed from `{{source}}`, which contains PII ({{path}}), but neither it nor its model carries the `{{term}}` term.',
        hint: 'Add `{{term}}` to `metadata.terms` so privacy reviews find it.{{defineTerm}}',
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
    const lineage = new LineageSearch(catalog, (dataset) => dataset.spec.containsPII === true);
    return (version) => {
      if (version.kind !== 'ModelVersion') return;
      const personal = personalData(catalog, lineage, version);
      if (personal === undefined) return;
      const classified = [version, ...targetsOf(catalog, version, 'versionOf')].some((entity) =>
        [...termsOf(catalog, entity)].some((term) => term.endsWith(`/${options.term}`)),
      );
      if (classified) return;
      // Naming a Term that does not exist is a reference problem of its own: say to define it.
      const defined = catalog.versionsOf(formatIdentity('term', version.namespace, options.term)).length > 0;
      const defineTerm = defined
        ? ''
        : ` There is no Term \`${options.term}\` yet: define one (\`kind: Term\`, \`metadata.name: ${options.term}\`).`;
      report(
        ['metadata', 'terms'],
        personal.messageId,
        { identity: version.identity, ...personal.data, term: options.term, defineTerm },
        'key',
      );
    };
  },
});
