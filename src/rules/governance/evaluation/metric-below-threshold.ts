// evaluation/metric-below-threshold: a metric that misses its own bar is a failed evaluation; an error
// where it gates production, a warning where it records an honest result of a version not there.

import { isRecord } from '../../../model/kinds.js';
import { isInProduction, targetsOf } from '../../../catalog/queries.js';
import { createRule } from '../../catalog-rule.js';

export default createRule<'belowThresholdInProduction' | 'belowThreshold'>({
  meta: {
    id: 'evaluation/metric-below-threshold',
    defaultSeverity: 'error',
    description: 'Report metrics worse than their own threshold, respecting whether higher or lower is better.',
    family: 'evaluation',
    preset: 'recommended',
    messages: {
      belowThresholdInProduction: {
        message:
          '`{{metric}}`{{slice}} is {{value}}, {{worse}} its threshold {{threshold}} ({{direction}} is better), and `{{version}}` is in production.',
        hint: 'Take the version out of production, or record why the threshold does not apply.',
      },
      belowThreshold: {
        message: '`{{metric}}`{{slice}} is {{value}}, {{worse}} its threshold {{threshold}} ({{direction}} is better).',
        hint: 'Do not promote `{{version}}` to production while its evaluation fails, or record why the threshold does not apply.',
        // A failing result of a version not in production is a record worth keeping, not a broken build.
        severity: 'warning',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (evaluation) => {
      if (evaluation.kind !== 'Evaluation' || !Array.isArray(evaluation.spec.metrics)) return;
      const failing = evaluation.spec.metrics.flatMap((metric: unknown, index: number) => {
        if (!isRecord(metric) || typeof metric.value !== 'number' || typeof metric.threshold !== 'number') return [];
        const higherIsBetter = metric.higherIsBetter !== false;
        const fails = higherIsBetter ? metric.value < metric.threshold : metric.value > metric.threshold;
        return fails ? [{ metric, value: metric.value, threshold: metric.threshold, higherIsBetter, index }] : [];
      });
      if (failing.length === 0) return;
      // Looked up only for a failing evaluation: what a rule reads is what re-runs it after an edit.
      const version = targetsOf(catalog, evaluation, 'evaluates')[0];
      const messageId = version !== undefined && isInProduction(catalog, version) ? 'belowThresholdInProduction' : 'belowThreshold';
      for (const { metric, value, threshold, higherIsBetter, index } of failing)
        report(['spec', 'metrics', String(index), 'value'], messageId, {
          metric: String(metric.name),
          slice: typeof metric.slice === 'string' ? ` (slice ${metric.slice})` : '',
          value,
          worse: higherIsBetter ? 'below' : 'above',
          threshold,
          direction: higherIsBetter ? 'higher' : 'lower',
          version: version?.identity ?? String(evaluation.spec.modelVersion),
        });
    };
  },
});
