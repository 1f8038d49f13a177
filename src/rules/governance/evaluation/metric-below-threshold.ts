// evaluation/metric-below-threshold: a metric that misses its own bar is a failed evaluation.

import { isRecord } from '../../../model/kinds.js';
import { createRule } from '../../catalog-rule.js';

export default createRule<'belowThreshold'>({
  meta: {
    id: 'evaluation/metric-below-threshold',
    defaultSeverity: 'error',
    description: 'Report metrics worse than their own threshold, respecting whether higher or lower is better.',
    family: 'evaluation',
    preset: 'recommended',
    messages: {
      belowThreshold: {
        message: '`{{metric}}`{{slice}} is {{value}}, {{worse}} its threshold {{threshold}} ({{direction}} is better).',
        hint: 'Do not promote this version, or record why the threshold does not apply.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (evaluation) => {
      if (evaluation.kind !== 'Evaluation' || !Array.isArray(evaluation.spec.metrics)) return;
      evaluation.spec.metrics.forEach((metric: unknown, index: number) => {
        if (!isRecord(metric) || typeof metric.value !== 'number' || typeof metric.threshold !== 'number') return;
        const higherIsBetter = metric.higherIsBetter !== false;
        const fails = higherIsBetter ? metric.value < metric.threshold : metric.value > metric.threshold;
        if (!fails) return;
        report(evaluation, ['spec', 'metrics', String(index), 'value'], 'belowThreshold', {
          metric: String(metric.name),
          slice: typeof metric.slice === 'string' ? ` (slice ${metric.slice})` : '',
          value: metric.value,
          worse: higherIsBetter ? 'below' : 'above',
          threshold: metric.threshold,
          direction: higherIsBetter ? 'higher' : 'lower',
        });
      });
    };
  },
});
