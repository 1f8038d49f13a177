// An entity page's facts panel: what matters at a glance for each kind (a Model's production version
// and how its latest evaluation stands against the thresholds, a Dataset's classification, PII and
// size ...), read through the page's CatalogReader like the rest of the page.

import type { CatalogReader } from '../../catalog/catalog.js';
import { licenseName, modelVersionsOf, sourcesOf, stageOf, targetsOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import type { Kind } from '../../model/kinds.js';
import { formatBytes, formatCount } from '../numbers.js';
import { entityPath } from '../urls.js';
import { fields, link, records, resolvedEntity, text, yesNo } from './sections.js';
import { metricResults, RESULT_PILL } from './shared-tables.js';

/** One value of a fact: text, linked, as a pill, or with a note after it. */
export interface SummaryItem {
  text: string;
  path?: string;
  pill?: string;
  note?: string;
  /** Pills after the value: a metric's `pass` or `fail`, a dataset's license and PII. */
  badges?: { text: string; pill: string }[];
}

export interface SummaryFact {
  label: string;
  items: SummaryItem[];
}

type Summary = (catalog: CatalogReader, entity: Entity) => SummaryFact[];

const item = (value: unknown, options: Omit<SummaryItem, 'text'> = {}): SummaryItem[] =>
  value === undefined || value === null || value === '' ? [] : [{ text: text(value), ...options }];

/** The facts with something to say. */
function summary(entries: [string, SummaryItem[]][]): SummaryFact[] {
  return entries.filter(([, items]) => items.length > 0).map(([label, items]) => ({ label, items }));
}

const entityItem = (entity: Entity, note?: string): SummaryItem => ({
  text: link(entity).text,
  path: entityPath(entity),
  ...(note === undefined ? {} : { note }),
});

/** Pass and fail counts of a version's metrics with thresholds, as pills. */
function passFail(catalog: CatalogReader, version: Entity): SummaryItem[] {
  const results = metricResults(catalog, version).filter((m) => m.result !== '');
  const passed = results.filter((m) => m.result === 'pass').length;
  const failed = results.length - passed;
  return [
    // Counts of metrics, said as such: the fact is labelled Evaluations, and one evaluation holds several.
    ...(passed > 0 ? [{ text: `${passed} ${passed === 1 ? 'metric passes' : 'metrics pass'}`, pill: RESULT_PILL.pass }] : []),
    ...(failed > 0 ? [{ text: `${failed} ${failed === 1 ? 'metric fails' : 'metrics fail'}`, pill: RESULT_PILL.fail }] : []),
  ];
}

/** The newest evaluation of a version (by its date, else the last recorded), its metrics against their thresholds. */
export function latestEvaluation(catalog: CatalogReader, version: Entity): SummaryItem[] {
  const evaluations = sourcesOf(catalog, version, 'evaluates');
  const newest = evaluations.reduce<Entity | undefined>(
    (best, e) => (best === undefined || text(e.spec.date) >= text(best.spec.date) ? e : best),
    undefined,
  );
  if (newest === undefined) return [];
  return metricResults(catalog, version)
    .filter((m) => m.evaluation === newest && m.value !== undefined)
    .map((m) => ({
      text: `${m.name}${m.slice ? ` (${m.slice})` : ''} ${formatCount(m.value)}`,
      note: m.threshold === undefined ? '' : `(${m.higherIsBetter ? '≥' : '≤'} ${m.threshold})`,
      ...(m.result === '' ? {} : { badges: [{ text: m.result, pill: RESULT_PILL[m.result] }] }),
    }));
}

const modelSummary: Summary = (catalog, model) => {
  const versions = modelVersionsOf(catalog, model);
  // Newest first: with a canary, the latest version in production is the one whose evaluation shows.
  const production = versions.filter((v) => stageOf(v) === 'production').reverse();
  const [current] = production;
  return summary([
    ['Production version', production.map((v) => entityItem(v))],
    ['Latest evaluation', current === undefined ? [] : latestEvaluation(catalog, current)],
    ['Versions', item(versions.length === 0 ? undefined : formatCount(versions.length))],
    ['Task', item(model.spec.task)],
    ['Risk tier', item(model.spec.riskTier)],
    ['License', item(licenseName(model))],
  ]);
};

type TrainingDataset = 'ref' | 'role';

const modelVersionSummary: Summary = (catalog, version) => {
  const approvals = records<'by' | 'date'>(version.spec.approvals);
  const training = fields<'datasets'>(version.spec.training);
  // Each dataset once, with its roles (a snapshot is often both train and validation).
  const trainedOn = new Map<Entity, string[]>();
  records<TrainingDataset>(training.datasets).forEach((item, index) => {
    const dataset = resolvedEntity(catalog, version, ['spec', 'training', 'datasets', String(index), 'ref']);
    if (dataset !== undefined)
      trainedOn.set(dataset, [...(trainedOn.get(dataset) ?? []), ...(item.role === undefined ? [] : [text(item.role)])]);
  });
  const deployments = sourcesOf(catalog, version, 'deploys');
  return summary([
    ['Stage', [{ text: stageOf(version), pill: `stage-${stageOf(version)}` }]],
    ['Model', targetsOf(catalog, version, 'versionOf').map((m) => entityItem(m))],
    [
      'Approvals',
      approvals.length === 0
        ? [{ text: 'none', pill: 'severity-warning' }]
        : approvals.map((a, index) => {
            const team = resolvedEntity(catalog, version, ['spec', 'approvals', String(index), 'by']);
            return team === undefined ? { text: text(a.by), note: text(a.date) } : entityItem(team, text(a.date));
          }),
    ],
    [
      'Trained on',
      [...trainedOn].map(([dataset, roles]) => {
        const license = licenseName(dataset);
        return {
          ...entityItem(dataset, roles.join(', ')),
          badges: [
            ...(license === undefined ? [] : [{ text: license, pill: 'plain' }]),
            ...(dataset.spec.containsPII === true ? [{ text: 'PII', pill: 'severity-error' }] : []),
          ],
        };
      }),
    ],
    ['Evaluations', passFail(catalog, version)],
    ['Deployed', deployments.map((d) => entityItem(d, text(d.spec.environment)))],
  ]);
};

const datasetSummary: Summary = (catalog, dataset) => {
  const splits = records<'rows' | 'bytes'>(dataset.spec.splits);
  const sum = (key: 'rows' | 'bytes') =>
    splits.some((s) => typeof s[key] === 'number')
      ? splits.reduce((total, s) => total + (typeof s[key] === 'number' ? s[key] : 0), 0)
      : undefined;
  const rows = sum('rows');
  const bytes = sum('bytes');
  const versions = catalog.versionsOf(dataset.groupKey);
  return summary([
    ['Classification', item(dataset.spec.classification, { pill: 'plain' })],
    ['Contains PII', item(yesNo(dataset.spec.containsPII), dataset.spec.containsPII === true ? { pill: 'severity-error' } : {})],
    ['License', item(licenseName(dataset))],
    ['Versions', item(versions.length > 1 ? formatCount(versions.length) : undefined)],
    [
      'Size',
      [
        ...item(rows === undefined ? undefined : `${formatCount(rows)} rows`),
        ...item(bytes === undefined ? undefined : formatBytes(bytes)),
      ],
    ],
  ]);
};

const deploymentSummary: Summary = (catalog, deployment) =>
  summary([
    ['Environment', item(deployment.spec.environment, { pill: `stage-${text(deployment.spec.environment)}` })],
    ['Traffic', item(deployment.spec.trafficPercent === undefined ? undefined : `${text(deployment.spec.trafficPercent)}%`)],
    ['Version', targetsOf(catalog, deployment, 'deploys').map((v) => entityItem(v))],
    ['Runtime', targetsOf(catalog, deployment, 'runsOn').map((r) => entityItem(r))],
  ]);

const noSummary: Summary = () => [];

const SUMMARIES: Readonly<Record<Kind, Summary>> = {
  Model: modelSummary,
  ModelVersion: modelVersionSummary,
  Dataset: datasetSummary,
  FeatureView: noSummary,
  Evaluation: noSummary,
  RuntimeConfig: noSummary,
  Deployment: deploymentSummary,
  Team: noSummary,
  Term: noSummary,
};

/** The facts panel of an entity's page. */
export function summaryOf(catalog: CatalogReader, entity: Entity): SummaryFact[] {
  return SUMMARIES[entity.kind](catalog, entity);
}
