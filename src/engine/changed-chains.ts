// Which chains a link step changed: a `closure` read (`readKeys.closure`) stands for every entity a
// chain reaches past its start, so it changes when any of them, or any of their relations, does.

import type { CatalogReader } from '../catalog/catalog.js';
import { readKeys } from './read-keys.js';

/**
 * Adds to `changedKeys` the chain of every entity that reaches one of `changed` (entities whose
 * content or outgoing relations changed) by one or more relations of one acyclic type, found by
 * walking those relations backwards from each. The walk follows the relations as they are now: an
 * entity whose chain ran through a removed relation lost that relation itself, so it is among
 * `changed`, and the walk starts again from there.
 */
export function addChangedChains(catalog: CatalogReader, changed: Iterable<string>, changedKeys: Set<string>): void {
  const queue: { relation: string; identity: string }[] = [];
  for (const identity of changed)
    for (const relation of catalog.incoming(identity))
      if (relation.acyclic === true) queue.push({ relation: relation.type, identity: relation.source });
  while (queue.length > 0) {
    const { relation, identity } = queue.pop() as (typeof queue)[number];
    const key = readKeys.closure(relation, identity);
    if (changedKeys.has(key)) continue;
    changedKeys.add(key);
    for (const next of catalog.incoming(identity)) if (next.type === relation) queue.push({ relation, identity: next.source });
  }
}
