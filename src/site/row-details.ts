// What a list row says of an entity beyond its name, owner and lifecycle: the few facts of its kind
// a reader scans a list for (a Model's production version and task, a Dataset's classification, PII,
// license and size, a Deployment's environment, traffic and version ...).

import type { CatalogReader } from '../catalog/catalog.js';
import { licenseName, sourcesOf, stageOf, targetsOf } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import type { Kind } from '../model/kinds.js';
import { fields, list, records, text } from './kinds/sections.js';
import { formatCount } from './numbers.js';

/** One fact of a list row: a label and a value, as a pill where the value has a colour. */
export interface RowDetail {
  label: string;
  text: string;
  pill?: string;
}

type RowDetails = (catalog: CatalogReader, entity: Entity) => RowDetail[];

const detail = (label: string, value: unknown, pill?: string): RowDetail[] =>
  value === undefined || value === null || value === '' ? [] : [{ label, text: text(value), ...(pill === undefined ? {} : { pill }) }];

const modelDetails: RowDetails = (catalog, model) => {
  const production = sourcesOf(catalog, model, 'versionOf').filter((v) => stageOf(v) === 'production');
  return [
    ...detail('production', production.map((v) => v.version ?? v.name).join(', '), 'stage-production'),
    ...detail('task', model.spec.task),
    ...detail('risk', model.spec.riskTier),
  ];
};

const versionDetails: RowDetails = (_catalog, version) => {
  const training = fields<'finishedAt'>(version.spec.training);
  const approvals = list(version.spec.approvals).length;
  return [
    ...detail('stage', stageOf(version), `stage-${stageOf(version)}`),
    ...detail('trained', typeof training.finishedAt === 'string' ? training.finishedAt.slice(0, 10) : undefined),
    ...detail('approvals', approvals === 0 ? undefined : formatCount(approvals)),
  ];
};

const datasetDetails: RowDetails = (_catalog, dataset) => {
  const rows = records<'rows'>(dataset.spec.splits).reduce((sum, s) => sum + (typeof s.rows === 'number' ? s.rows : 0), 0);
  return [
    ...detail('classification', dataset.spec.classification),
    ...(dataset.spec.containsPII === true ? [{ label: '', text: 'PII', pill: 'severity-error' }] : []),
    ...detail('license', licenseName(dataset)),
    ...detail('rows', rows === 0 ? undefined : formatCount(rows)),
  ];
};

const deploymentDetails: RowDetails = (catalog, deployment) => {
  const [version] = targetsOf(catalog, deployment, 'deploys');
  return [
    ...detail('', deployment.spec.environment, `stage-${text(deployment.spec.environment)}`),
    ...detail('traffic', deployment.spec.trafficPercent === undefined ? undefined : `${text(deployment.spec.trafficPercent)}%`),
    ...detail('version', version === undefined ? undefined : (version.version ?? version.name)),
  ];
};

const featureViewDetails: RowDetails = (_catalog, view) => {
  const features = list(view.spec.features).length;
  return [
    ...detail('features', features === 0 ? undefined : formatCount(features)),
    ...detail('online', view.spec.online === true ? 'yes' : undefined),
  ];
};

const none: RowDetails = () => [];

const DETAILS: Readonly<Record<Kind, RowDetails>> = {
  Model: modelDetails,
  ModelVersion: versionDetails,
  Dataset: datasetDetails,
  FeatureView: featureViewDetails,
  Evaluation: none,
  RuntimeConfig: none,
  Deployment: deploymentDetails,
  Team: none,
  Term: none,
};

/** The facts a list row shows of an entity, by its kind. */
export function rowDetails(catalog: CatalogReader, entity: Entity): RowDetail[] {
  return DETAILS[entity.kind](catalog, entity);
}
