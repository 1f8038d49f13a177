// An Evaluation's page: what was evaluated on which data, and every metric with its threshold.

import type { CatalogReader } from '../../catalog/catalog.js';
import type { Entity } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { facts, fields, records, relatedFact, table, text, type Section } from './sections.js';

type EvaluationSpec = 'split' | 'date' | 'source' | 'metrics';
type Metric = 'name' | 'slice' | 'value' | 'threshold' | 'higherIsBetter' | 'ci';

export function evaluationView(catalog: CatalogReader, evaluation: Entity): Section[] {
  const spec = fields<EvaluationSpec>(evaluation.spec);
  const source = fields<'name'>(spec.source);
  const metrics = records<Metric>(spec.metrics);
  return [
    {
      heading: 'Evaluation',
      facts: facts([
        relatedFact(catalog, evaluation, 'evaluates', 'Model version'),
        relatedFact(catalog, evaluation, 'evaluatedOn', 'Dataset'),
        ['Split', spec.split],
        ['Date', spec.date],
        ['Source', source.name],
      ]),
    },
    {
      heading: 'Metrics',
      table: table(
        ['Metric', 'Slice', 'Value', 'Threshold', 'Better', 'Confidence interval'],
        metrics.map((m) => {
          const ci = isRecord(m.ci) ? fields<'lower' | 'upper'>(m.ci) : undefined;
          return [
            { text: text(m.name) },
            { text: text(m.slice) },
            { text: text(m.value), numeric: true },
            { text: text(m.threshold), numeric: true },
            { text: m.higherIsBetter === false ? 'lower' : 'higher' },
            { text: ci ? `${text(ci.lower)} – ${text(ci.upper)}` : '' },
          ];
        }),
      ),
    },
  ];
}
