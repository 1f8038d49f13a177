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

export function evaluationsTable(catalog: CatalogReader, version: Entity): Section[] {
  const rows: Cell[][] = [];
  for (const evaluation of sourcesOf(catalog, version, 'evaluates')) {
    const [dataset] = targetsOf(catalog, evaluation, 'evaluatedOn');
    for (const metric of records<Metric>(evaluation.spec.metrics)) {
      const higher = metric.higherIsBetter !== false;
      const threshold = typeof metric.threshold === 'number' ? metric.threshold : undefined;
      const value = typeof metric.value === 'number' ? metric.value : undefined;
      const passes =
        threshold === undefined || value === undefined ? '' : (higher ? value >= threshold : value <= threshold) ? 'pass' : 'fail';
      rows.push([
        link(evaluation),
        dataset ? link(dataset) : { text: '' },
        { text: `${text(metric.name)}${metric.slice ? ` (${text(metric.slice)})` : ''}` },
        { text: text(value), numeric: true },
        { text: threshold === undefined ? '' : `${higher ? '≥' : '≤'} ${threshold}`, numeric: true },
        { text: passes, ...(passes ? { pill: passes === 'pass' ? 'stage-production' : 'severity-error' } : {}) },
      ]);
    }
  }
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
