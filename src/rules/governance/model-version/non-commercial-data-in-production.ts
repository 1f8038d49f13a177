// model-version/non-commercial-data-in-production: data licensed for non-commercial use only stays
// out of production, and so does data derived from it, whatever licence the derived dataset declares,
// whether a version trains on it or reads features computed from it.

import { createRule } from '../../catalog-rule.js';
import { compilePattern } from '../../patterns.js';
import type { Entity } from '../../../model/entity.js';
import { describePath, LineageSearch } from '../../../catalog/lineage.js';
import { licenseName, stageOf, targetsOf, trainingDataOf } from '../../../catalog/queries.js';

export interface Options {
  /** Regular expression for licenses that forbid commercial use. */
  pattern: string;
}

export default createRule<'nonCommercial' | 'nonCommercialUpstream' | 'nonCommercialFeatures', Options>({
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
      nonCommercialUpstream: {
        message: '`{{identity}}` is in production but trained on `{{dataset}}`, derived from non-commercial data: {{path}}.',
        hint: 'A licence of derived data cannot lift the restriction of its source: retrain without it, or obtain a commercial license for `{{source}}`.',
      },
      nonCommercialFeatures: {
        message: '`{{identity}}` is in production but reads features of `{{view}}`, computed from non-commercial data: {{path}}.',
        hint: 'Retrain without those features, or obtain a commercial license for `{{source}}`.',
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
    const nonCommercial = compilePattern(options.pattern, { ignoreCase: true });
    const licenseOf = (dataset: Entity) => licenseName(dataset) ?? '';
    const lineage = new LineageSearch(catalog, (dataset) => nonCommercial.test(licenseOf(dataset)));
    return (version) => {
      if (version.kind !== 'ModelVersion' || stageOf(version) !== 'production') return;
      for (const { dataset, pointer } of trainingDataOf(catalog, version)) {
        const path = lineage.nearest(dataset);
        const source = path?.at(-1);
        if (path === undefined || source === undefined) continue;
        const data = { identity: version.identity, dataset: dataset.identity, license: licenseOf(source) };
        if (source === dataset) report(pointer, 'nonCommercial', data);
        else report(pointer, 'nonCommercialUpstream', { ...data, source: source.identity, path: describePath(path, data.license) });
      }
      const reported = new Set<string>();
      for (const relation of catalog.outgoing(version.identity)) {
        const view = relation.type === 'usesFeatures' ? catalog.get(relation.target) : undefined;
        if (view === undefined || reported.has(view.identity)) continue;
        for (const dataset of targetsOf(catalog, view, 'sourcedFrom')) {
          const path = lineage.nearest(dataset);
          const source = path?.at(-1);
          if (path === undefined || source === undefined) continue;
          reported.add(view.identity);
          report(relation.pointer, 'nonCommercialFeatures', {
            identity: version.identity,
            view: view.identity,
            source: source.identity,
            license: licenseOf(source),
            path: describePath([view, ...path], licenseOf(source)),
          });
        }
      }
    };
  },
});
