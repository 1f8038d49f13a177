// What a list row says of an entity beyond its name, owner and lifecycle: the columns of its kind a
// reader scans, sorts and filters a list by (a Model's production version, task, risk tier and last
// metric, a Dataset's classification, PII, license and size, a Deployment's environment, traffic
// and version ...). Every row of a kind has every column of the kind, empty where nothing is known.

import type { CatalogReader } from '../catalog/catalog.js';
import { licenseName, modelVersionsOf, stageOf, targetsOf } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import type { Kind } from '../model/kinds.js';
import { fields, list, records, text } from './kinds/sections.js';
import { latestEvaluation } from './kinds/summary.js';
import { formatBytes, formatCount } from './numbers.js';

/** One cell of a list row: its column's label, the text shown (a pill where it has a colour), and what it sorts by. */
export interface RowDetail {
  label: string;
  text: string;
  pill?: string;
  /** What the column sorts by when it is not the text: a number as digits, a date as ISO text. */
  sort?: string;
  /** Right-aligned: the column holds numbers. */
  numeric?: true;
  /** Said before the text where a list of several kinds shows the cells in one column ('' when the text says it: PII). */
  caption: string;
}

/** A column of a kind's list: its heading, and whether it holds numbers (right-aligned, sorted as numbers). */
export interface ListColumn {
  label: string;
  numeric: boolean;
}

type Cell = Omit<RowDetail, 'label' | 'numeric' | 'caption'> & { bare?: true };

interface KindColumns {
  columns: readonly ListColumn[];
  cells: (catalog: CatalogReader, entity: Entity) => Cell[];
}

const cell = (value: unknown, options: Omit<Cell, 'text'> = {}): Cell =>
  value === undefined || value === null || value === '' ? { text: '' } : { text: text(value), ...options };

const count = (value: number | undefined): Cell =>
  value === undefined || value === 0 ? { text: '' } : { text: formatCount(value), sort: String(value) };

const column = (label: string, numeric = false): ListColumn => ({ label, numeric });

const modelColumns: KindColumns = {
  columns: [column('Production'), column('Task'), column('Risk tier'), column('Last metric')],
  cells: (catalog, model) => {
    const production = modelVersionsOf(catalog, model)
      .filter((v) => stageOf(v) === 'production')
      .reverse();
    const [current] = production;
    const [metric] = current === undefined ? [] : latestEvaluation(catalog, current);
    return [
      cell(production.map((v) => v.version ?? v.name).join(', '), { pill: 'stage-production' }),
      cell(model.spec.task),
      cell(model.spec.riskTier),
      metric === undefined
        ? { text: '' }
        : metric.badges?.[0] === undefined
          ? cell(metric.text)
          : { text: `${metric.text} ${metric.badges[0].text}`, pill: metric.badges[0].pill },
    ];
  },
};

const versionColumns: KindColumns = {
  columns: [column('Stage'), column('Trained'), column('Approvals', true)],
  cells: (_catalog, version) => {
    const training = fields<'finishedAt'>(version.spec.training);
    return [
      cell(stageOf(version), { pill: `stage-${stageOf(version)}`, bare: true }),
      cell(typeof training.finishedAt === 'string' ? training.finishedAt.slice(0, 10) : undefined),
      count(list(version.spec.approvals).length),
    ];
  },
};

/** The sum of a numeric field over a dataset's splits; undefined when no split has it. */
function splitTotal(dataset: Entity, key: 'rows' | 'bytes'): number | undefined {
  const splits = records<'rows' | 'bytes'>(dataset.spec.splits);
  return splits.some((s) => typeof s[key] === 'number')
    ? splits.reduce((total, s) => total + (typeof s[key] === 'number' ? s[key] : 0), 0)
    : undefined;
}

const datasetColumns: KindColumns = {
  columns: [column('Versions', true), column('Classification'), column('PII'), column('License'), column('Size', true)],
  cells: (catalog, dataset) => {
    const bytes = splitTotal(dataset, 'bytes');
    const rows = splitTotal(dataset, 'rows');
    return [
      count(catalog.versionsOf(dataset.groupKey).length),
      cell(dataset.spec.classification),
      dataset.spec.containsPII === true
        ? { text: 'PII', pill: 'severity-error', bare: true }
        : cell(dataset.spec.containsPII === false ? 'no' : undefined),
      cell(licenseName(dataset)),
      bytes !== undefined
        ? { text: formatBytes(bytes), sort: String(bytes) }
        : rows !== undefined
          ? { text: `${formatCount(rows)} rows`, sort: String(rows) }
          : { text: '' },
    ];
  },
};

const deploymentColumns: KindColumns = {
  columns: [column('Environment'), column('Traffic', true), column('Version')],
  cells: (catalog, deployment) => {
    const [version] = targetsOf(catalog, deployment, 'deploys');
    const traffic = deployment.spec.trafficPercent;
    return [
      cell(deployment.spec.environment, { pill: `stage-${text(deployment.spec.environment)}`, bare: true }),
      typeof traffic === 'number' ? { text: `${text(traffic)}%`, sort: String(traffic) } : cell(traffic),
      cell(version === undefined ? undefined : (version.version ?? version.name)),
    ];
  },
};

const featureViewColumns: KindColumns = {
  columns: [column('Features', true), column('Online')],
  cells: (_catalog, view) => [count(list(view.spec.features).length), cell(view.spec.online === true ? 'yes' : undefined)],
};

const none: KindColumns = { columns: [], cells: () => [] };

const COLUMNS: Readonly<Record<Kind, KindColumns>> = {
  Model: modelColumns,
  ModelVersion: versionColumns,
  Dataset: datasetColumns,
  FeatureView: featureViewColumns,
  Evaluation: none,
  RuntimeConfig: none,
  Deployment: deploymentColumns,
  Team: none,
  Term: none,
};

/** The columns a list of one kind shows after the name, owner and lifecycle. */
export function listColumns(kind: Kind): readonly ListColumn[] {
  return COLUMNS[kind].columns;
}

/** A row's cells of its kind's columns, in their order, each with its column's label. */
export function rowDetails(catalog: CatalogReader, entity: Entity): RowDetail[] {
  const { columns, cells } = COLUMNS[entity.kind];
  return cells(catalog, entity).map(({ bare, ...c }, index) => {
    const label = columns[index]?.label ?? '';
    return { label, caption: bare ? '' : label.toLowerCase(), ...(columns[index]?.numeric ? { numeric: true as const } : {}), ...c };
  });
}
