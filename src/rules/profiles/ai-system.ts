// The AI system a compliance profile's duties attach to: a Model with the versions it runs in
// production (or its latest, before any is), their evaluations and training data, its production
// Deployments and their RuntimeConfigs, and the provider it declares.

import type { CatalogReader } from '../../catalog/catalog.js';
import { isInProduction, modelVersionsOf, resolvedTarget, sourcesOf, targetsOf, trainingDataOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import type { Kind } from '../../model/kinds.js';

export interface AiSystem {
  model: Entity;
  /** Whether any version is in production; before that the system is its latest version. */
  inProduction: boolean;
  /** The system's entities of each kind, the model first. */
  parts: ReadonlyMap<Kind, readonly Entity[]>;
}

const PROVIDER_POINTER = ['spec', 'compliance', 'euAiAct', 'provider'];

function unique(entities: readonly Entity[]): Entity[] {
  return [...new Map(entities.map((entity) => [entity.identity, entity])).values()];
}

/**
 * Whether a version is part of what runs in production: at stage production and not retired, or
 * served by a production Deployment that is not retired, whatever the version's own lifecycle says.
 */
export function runsInProduction(catalog: CatalogReader, version: Entity): boolean {
  if (version.lifecycle !== 'retired' && isInProduction(catalog, version)) return true;
  return sourcesOf(catalog, version, 'deploys').some(
    (deployment) => deployment.spec.environment === 'production' && deployment.lifecycle !== 'retired',
  );
}

export function aiSystemOf(catalog: CatalogReader, model: Entity): AiSystem {
  const production = modelVersionsOf(catalog, model).filter((version) => runsInProduction(catalog, version));
  const latest = catalog.latest(model.groupKey.replace(/^model:/, 'modelversion:'));
  const versions = production.length > 0 ? production : latest === undefined ? [] : [latest];
  const deployments = unique(
    versions.flatMap((version) =>
      sourcesOf(catalog, version, 'deploys').filter(
        (deployment) => deployment.spec.environment === 'production' && deployment.lifecycle !== 'retired',
      ),
    ),
  );
  const provider = resolvedTarget(catalog, model, PROVIDER_POINTER);
  const providerTeam = provider === undefined ? undefined : catalog.get(provider);
  const parts = new Map<Kind, readonly Entity[]>([
    ['Model', [model]],
    ['ModelVersion', versions],
    ['Evaluation', unique(versions.flatMap((version) => sourcesOf(catalog, version, 'evaluates')))],
    ['Dataset', unique(versions.flatMap((version) => trainingDataOf(catalog, version).map((data) => data.dataset)))],
    ['Deployment', deployments],
    ['RuntimeConfig', unique(deployments.flatMap((deployment) => targetsOf(catalog, deployment, 'runsOn')))],
    ['Team', providerTeam === undefined ? [] : [providerTeam]],
  ]);
  return { model, inProduction: production.length > 0, parts };
}

/** Every entity of the system, once. */
export function systemEntities(system: AiSystem): Entity[] {
  return unique([...system.parts.values()].flat());
}
