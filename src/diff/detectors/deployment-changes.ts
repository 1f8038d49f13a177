// Deployments switched to another model version, with both versions' metrics side by side.

import type { CatalogReader } from '../../catalog/catalog.js';
import type { Entity } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { resolvedTarget, sourcesOf, targetsOf } from '../../catalog/queries.js';
import { compareStrings } from '../../ground/diagnostics.js';
import { namedItemKey } from '../../model/named-items.js';
import type { Detector } from '../detector.js';
import { shortReference } from '../../model/entity.js';

/**
 * A version's metrics by what they measure: the metric (and slice) on one dataset and split, so that
 * only numbers measured alike are set side by side; the newest evaluation of each is kept.
 */
function metricsOf(catalog: CatalogReader, version: string | undefined): Map<string, number> {
  const metrics = new Map<string, number>();
  const entity = version === undefined ? undefined : catalog.get(version);
  if (entity === undefined) return metrics;
  const evaluations = sourcesOf(catalog, entity, 'evaluates').sort((a, b) => compareStrings(dateOf(a), dateOf(b)));
  for (const evaluation of evaluations) {
    const dataset = targetsOf(catalog, evaluation, 'evaluatedOn')[0];
    const on = dataset === undefined ? '' : ` on \`${shortReference(dataset)}\``;
    const split = typeof evaluation.spec.split === 'string' ? ` (${evaluation.spec.split})` : '';
    for (const metric of Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []) {
      if (isRecord(metric) && typeof metric.name === 'string' && typeof metric.value === 'number')
        metrics.set(`\`${namedItemKey({ name: metric.name, slice: metric.slice })}\`${on}${split}`, metric.value);
    }
  }
  return metrics;
}

function dateOf(evaluation: Entity): string {
  const date: unknown = evaluation.spec.date;
  return typeof date === 'string' ? date : date instanceof Date ? date.toISOString() : '';
}

function versionOf(catalog: CatalogReader, deployment: Entity): string | undefined {
  return resolvedTarget(catalog, deployment, ['spec', 'modelVersion']);
}

export const detectDeploymentChanges: Detector = (pair, { base, head }) => {
  if (pair.base === undefined || pair.head?.kind !== 'Deployment') return [];
  const before = versionOf(base, pair.base);
  const after = versionOf(head, pair.head);
  if (before === after) return [];
  const beforeMetrics = metricsOf(base, before);
  const afterMetrics = metricsOf(head, after);
  const names = [...new Set([...beforeMetrics.keys(), ...afterMetrics.keys()])].sort();
  const details = names.map((name) => `${name}: ${beforeMetrics.get(name) ?? '–'} → ${afterMetrics.get(name) ?? '–'}`);
  return [
    {
      id: 'deployment-switched',
      level: 'warning',
      title: `Deployment \`${shortReference(pair.head)}\` (${String(pair.head.spec.environment)}) switched from \`${before ?? '?'}\` to \`${after ?? '?'}\`.`,
      details: details.length > 0 ? details : ['no evaluations recorded for either version'],
      field: 'spec.modelVersion',
      before,
      after,
      withImpact: true,
    },
  ];
};
