// What depends on an entity downstream: dataset -> feature views -> model versions -> deployments.

import type { CatalogReader } from '../catalog/catalog.js';
import { DEPENDENCY_RELATIONS } from '../catalog/queries.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { Impact } from './change.js';
import { countOf } from '../ground/count-noun.js';

/** Relations followed from a dependency to what depends on it (incoming relation types). */
const DOWNSTREAM = new Set(DEPENDENCY_RELATIONS);

/**
 * Everything downstream of `identity`; with `member` (a feature, a schema field), only what reads
 * that member (or the whole entity) in the first step, and everything downstream of those.
 */
export function downstreamImpact(catalog: CatalogReader, identity: string, member?: string): Impact {
  const seen = new Set<string>([identity]);
  const queue = [identity];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const relation of catalog.incoming(current)) {
      if (!DOWNSTREAM.has(relation.type) || seen.has(relation.source)) continue;
      if (current === identity && member !== undefined && relation.member !== undefined && relation.member !== member) continue;
      seen.add(relation.source);
      queue.push(relation.source);
    }
  }
  seen.delete(identity);
  return impactOfEntities(catalog, seen);
}

/** `sources` themselves and everything downstream of them: what a reference they hold affects. */
export function impactThrough(catalog: CatalogReader, sources: readonly string[]): Impact {
  const reached = new Set(sources);
  for (const source of sources) {
    const below = downstreamImpact(catalog, source);
    for (const id of [...below.modelVersions, ...below.deployments]) reached.add(id);
  }
  return impactOfEntities(catalog, reached);
}

function impactOfEntities(catalog: CatalogReader, identities: Iterable<string>): Impact {
  const impacted = [...identities]
    .sort(compareStrings)
    .map((id) => catalog.get(id))
    .filter((e) => e !== undefined);
  const deployments = impacted.filter((e) => e.kind === 'Deployment' && e.lifecycle !== 'retired');
  return {
    modelVersions: impacted.filter((e) => e.kind === 'ModelVersion').map((e) => e.identity),
    deployments: deployments.map((e) => e.identity),
    productionDeployments: deployments.filter((e) => e.spec.environment === 'production').map((e) => e.identity),
  };
}

export function describeImpact(impact: Impact): string {
  const parts: string[] = [];
  if (impact.modelVersions.length > 0) parts.push(countOf(impact.modelVersions.length, 'model version'));
  if (impact.productionDeployments.length > 0) parts.push(countOf(impact.productionDeployments.length, 'production deployment'));
  const other = impact.deployments.length - impact.productionDeployments.length;
  if (other > 0) parts.push(countOf(other, 'other deployment'));
  return parts.length === 0 ? '' : `affects ${parts.join(', ')}`;
}
