// What depends on an entity downstream: dataset -> feature views -> model versions -> deployments.

import type { Catalog } from '../catalog/catalog.js';
import { DEPENDENCY_RELATIONS } from '../catalog/queries.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { Impact } from './change.js';

/** Relations followed from a dependency to what depends on it (incoming relation types). */
const DOWNSTREAM = new Set(DEPENDENCY_RELATIONS);

export function downstreamImpact(catalog: Catalog, identity: string): Impact {
  const seen = new Set<string>([identity]);
  const queue = [identity];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const relation of catalog.incoming(current)) {
      if (!DOWNSTREAM.has(relation.type) || seen.has(relation.source)) continue;
      seen.add(relation.source);
      queue.push(relation.source);
    }
  }
  seen.delete(identity);
  const impacted = [...seen]
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
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (impact.modelVersions.length > 0) parts.push(count(impact.modelVersions.length, 'model version'));
  if (impact.productionDeployments.length > 0) parts.push(count(impact.productionDeployments.length, 'production deployment'));
  const other = impact.deployments.length - impact.productionDeployments.length;
  if (other > 0) parts.push(count(other, 'other deployment'));
  return parts.length === 0 ? '' : `affects ${parts.join(', ')}`;
}
