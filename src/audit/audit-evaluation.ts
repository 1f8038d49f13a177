// An Evaluation as the audit records it at a promotion: its dataset, split, date and metrics, each
// metric with whether it met its threshold.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import type { AuditEvaluation } from './audit-report.js';

export function evaluationOf(catalog: CatalogReader, evaluation: Entity): AuditEvaluation {
  const dataset = catalog.outgoing(evaluation.identity).find((r) => r.type === 'evaluatedOn')?.target;
  const split = stringOf(evaluation.spec.split);
  const date = stringOf(evaluation.spec.date);
  const metrics = (Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []).flatMap((metric: unknown) => {
    if (!isRecord(metric) || typeof metric.name !== 'string' || typeof metric.value !== 'number') return [];
    const higherIsBetter = metric.higherIsBetter !== false;
    const threshold = typeof metric.threshold === 'number' ? metric.threshold : undefined;
    return [
      {
        name: metric.name,
        ...(typeof metric.slice === 'string' ? { slice: metric.slice } : {}),
        value: metric.value,
        ...(threshold === undefined
          ? {}
          : { threshold, higherIsBetter, passes: higherIsBetter ? metric.value >= threshold : metric.value <= threshold }),
      },
    ];
  });
  return {
    identity: evaluation.identity,
    ...(dataset === undefined ? {} : { dataset }),
    ...(split === undefined ? {} : { split }),
    ...(date === undefined ? {} : { date }),
    metrics,
  };
}

/** A value written as text (a date js-yaml read as one is turned back into its day). */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : undefined;
}
