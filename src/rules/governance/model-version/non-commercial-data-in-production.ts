// model-version/non-commercial-data-in-production: data licensed for non-commercial use only stays
// out of production, and so does data derived from it, whatever licence the derived dataset declares,
// whether a version trains on it or reads features computed from it.

import { createRule } from '../../catalog-rule.js';
import type { CatalogReader } from '../../../catalog/catalog.js';
import { licenseName, stageOf, targetsOf, trainingDataOf, nearestInLineage } from '../../../catalog/queries.js';
import type { Entity } from '../../../model/entity.js';

export interface Options {
  /** Regular expression for licenses that forbid commercial use. */
  pattern: string;
}

/** The dataset itself or the nearest one it is derived from whose licence forbids commercial use, with that licence. */
function nonCommercialIn(catalog: CatalogReader, dataset: Entity, nonCommercial: RegExp): { source: Entity; license: string } | undefined {
  const licenseOf = (candidate: Entity) => {
    const license = licenseName(candidate);
    return license !== undefined && nonCommercial.test(license) ? license : undefined;
  };
  const source = nearestInLineage(catalog, dataset, (candidate) => licenseOf(candidate) !== undefined);
  return source === undefined ? undefined : { source, license: licenseOf(source) as string };
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
        message:
          '`{{identity}}` is in production but trained on `{{dataset}}`, derived from `{{source}}`, licensed `{{license}}` (non-commercial).',
        hint: 'A licence of derived data cannot lift the restriction of its source: retrain without it, or obtain a commercial license for `{{source}}`.',
      },
      nonCommercialFeatures: {
        message:
          '`{{identity}}` is in production but reads features of `{{view}}`, computed from `{{source}}`, licensed `{{license}}` (non-commercial).',
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
    const nonCommercial = new RegExp(options.pattern, 'i');
    return (version) => {
      if (version.kind !== 'ModelVersion' || stageOf(version) !== 'production') return;
      for (const { dataset, pointer } of trainingDataOf(catalog, version)) {
        const found = nonCommercialIn(catalog, dataset, nonCommercial);
        if (found === undefined) continue;
        const data = { identity: version.identity, dataset: dataset.identity, license: found.license };
        if (found.source === dataset) report(pointer, 'nonCommercial', data);
        else report(pointer, 'nonCommercialUpstream', { ...data, source: found.source.identity });
      }
      const reported = new Set<string>();
      for (const relation of catalog.outgoing(version.identity)) {
        const view = relation.type === 'usesFeatures' ? catalog.get(relation.target) : undefined;
        if (view === undefined || reported.has(view.identity)) continue;
        for (const dataset of targetsOf(catalog, view, 'sourcedFrom')) {
          const found = nonCommercialIn(catalog, dataset, nonCommercial);
          if (found === undefined) continue;
          reported.add(view.identity);
          report(relation.pointer, 'nonCommercialFeatures', {
            identity: version.identity,
            view: view.identity,
            source: found.source.identity,
            license: found.license,
          });
        }
      }
    };
  },
});
