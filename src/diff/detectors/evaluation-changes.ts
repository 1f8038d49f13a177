// Evaluations: metrics that got worse, direction-aware; a warning once they miss their threshold.

import { isRecord } from '../../model/kinds.js';
import type { Detector, DetectedChange } from '../detector.js';
import { namedItemKey } from '../../model/named-items.js';
import { resolvedTarget } from '../../catalog/queries.js';

interface Metric {
  key: string;
  value: number;
  higherIsBetter: boolean;
  threshold: number | undefined;
}

function metrics(list: unknown): Map<string, Metric> {
  const found = new Map<string, Metric>();
  for (const metric of Array.isArray(list) ? list : []) {
    if (!isRecord(metric) || typeof metric.name !== 'string' || typeof metric.value !== 'number') continue;
    const key = namedItemKey({ name: metric.name, slice: metric.slice });
    found.set(key, {
      key,
      value: metric.value,
      higherIsBetter: metric.higherIsBetter !== false,
      threshold: typeof metric.threshold === 'number' ? metric.threshold : undefined,
    });
  }
  return found;
}

export const detectEvaluationChanges: Detector = (pair, { head }) => {
  if (pair.base === undefined || pair.head?.kind !== 'Evaluation') return [];
  const before = metrics(pair.base.spec.metrics);
  const evaluated = resolvedTarget(head, pair.head, ['spec', 'modelVersion']);
  const changes: DetectedChange[] = [];
  for (const metric of metrics(pair.head.spec.metrics).values()) {
    const old = before.get(metric.key);
    if (old === undefined || old.value === metric.value) continue;
    const worse = metric.higherIsBetter ? metric.value < old.value : metric.value > old.value;
    if (!worse) continue;
    const failing =
      metric.threshold !== undefined && (metric.higherIsBetter ? metric.value < metric.threshold : metric.value > metric.threshold);
    changes.push({
      id: 'metric-regressed',
      level: failing ? 'warning' : 'info',
      title: `\`${metric.key}\` of \`${pair.identity}\` regressed ${old.value} → ${metric.value} (${metric.higherIsBetter ? 'higher' : 'lower'} is better)${failing ? `, beyond its threshold ${String(metric.threshold)}` : ''}.`,
      field: `spec.metrics.${metric.key}`,
      covers: [`spec.metrics.${metric.key}.value`],
      before: old.value,
      after: metric.value,
      withImpact: true,
      ...(evaluated === undefined ? {} : { impactFrom: evaluated, details: [`evaluates \`${evaluated}\``] }),
    });
  }
  return changes;
};
