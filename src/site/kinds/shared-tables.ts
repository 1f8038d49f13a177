// Tables that pages of several kinds show: approvals, evaluations with their metrics, deployments.

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf, targetsOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { link, records, resolvedEntity, table, text, type Cell, type Section } from './sections.js';

type Approval = 'by' | 'date' | 'note';
type Metric = 'name' | 'slice' | 'value' | 'threshold' | 'higherIsBetter' | 'ci';

export function approvalsTable(catalog: CatalogReader, entity: Entity): Section[] {
  const approvals = records<Approval>(entity.spec.approvals);
  if (approvals.length === 0) return [];
  return [
    {
      heading: 'Approvals',
      table: table(
        ['By', 'Date', 'Note'],
        approvals.map((approval, index) => {
          const team = resolvedEntity(catalog, entity, ['spec', 'approvals', String(index), 'by']);
          return [team ? link(team) : { text: text(approval.by) }, { text: text(approval.date) }, { text: text(approval.note) }];
        }),
      ),
    },
  ];
}

/** One metric of one evaluation of a version, judged against its threshold. */
export interface MetricResult {
  evaluation: Entity;
  dataset: Entity | undefined;
  name: string;
  slice: string;
  value: number | undefined;
  threshold: number | undefined;
  higherIsBetter: boolean;
  /** `pass` or `fail` against the threshold; empty without one. */
  result: '' | 'pass' | 'fail';
}

/** Every metric of every evaluation of a version, in the order they were recorded. */
export function metricResults(catalog: CatalogReader, version: Entity): MetricResult[] {
  return sourcesOf(catalog, version, 'evaluates').flatMap((evaluation) => {
    const [dataset] = targetsOf(catalog, evaluation, 'evaluatedOn');
    return records<Metric>(evaluation.spec.metrics).map((metric) => {
      const higherIsBetter = metric.higherIsBetter !== false;
      const threshold = typeof metric.threshold === 'number' ? metric.threshold : undefined;
      const value = typeof metric.value === 'number' ? metric.value : undefined;
      const result =
        threshold === undefined || value === undefined
          ? ''
          : (higherIsBetter ? value >= threshold : value <= threshold)
            ? ('pass' as const)
            : ('fail' as const);
      return { evaluation, dataset, name: text(metric.name), slice: text(metric.slice), value, threshold, higherIsBetter, result };
    });
  });
}

export const RESULT_PILL = { pass: 'stage-production', fail: 'severity-error' } as const;

export function evaluationsTable(catalog: CatalogReader, version: Entity): Section[] {
  const rows: Cell[][] = metricResults(catalog, version).map((m) => [
    link(m.evaluation),
    m.dataset ? link(m.dataset) : { text: '' },
    { text: `${m.name}${m.slice ? ` (${m.slice})` : ''}` },
    { text: text(m.value), numeric: true },
    { text: m.threshold === undefined ? '' : `${m.higherIsBetter ? '≥' : '≤'} ${m.threshold}`, numeric: true },
    { text: m.result, ...(m.result === '' ? {} : { pill: RESULT_PILL[m.result] }) },
  ]);
  return rows.length === 0
    ? [{ heading: 'Evaluations', empty: 'No evaluations recorded.' }]
    : [{ heading: 'Evaluations', table: table(['Evaluation', 'Dataset', 'Metric', 'Value', 'Threshold', 'Result'], rows) }];
}

export function deploymentsTable(deployments: readonly Entity[], catalog: CatalogReader): Section[] {
  if (deployments.length === 0) return [];
  return [
    {
      heading: 'Deployments',
      table: table(
        ['Deployment', 'Environment', 'Version', 'Traffic', 'Lifecycle'],
        deployments.map((d) => {
          const [version] = targetsOf(catalog, d, 'deploys');
          return [
            link(d),
            { text: text(d.spec.environment), pill: `stage-${text(d.spec.environment)}` },
            version ? link(version) : { text: '' },
            { text: d.spec.trafficPercent === undefined ? '' : `${text(d.spec.trafficPercent)}%`, numeric: true },
            { text: d.lifecycle, pill: `lifecycle-${d.lifecycle}` },
          ];
        }),
      ),
    },
  ];
}
