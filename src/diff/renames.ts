// An entity removed and one added with the same content apart from its name or namespace is one
// change, a rename, not a removal and an addition.

import type { Catalog } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { stableStringify } from '../ground/stable-json.js';

/** Removed identity -> added identity, for each removal that has exactly one addition of the same content. */
export function findRenames(base: Catalog, head: Catalog, identities: readonly string[]): Map<string, string> {
  const added = new Map<string, string[]>();
  for (const identity of identities) {
    const entity = head.get(identity);
    if (entity === undefined || base.get(identity) !== undefined) continue;
    const key = contentKey(entity);
    added.set(key, [...(added.get(key) ?? []), identity]);
  }
  const renames = new Map<string, string>();
  if (added.size === 0) return renames;
  const removedByKey = new Map<string, string[]>();
  for (const identity of identities) {
    const entity = base.get(identity);
    if (entity === undefined || head.get(identity) !== undefined) continue;
    const key = contentKey(entity);
    removedByKey.set(key, [...(removedByKey.get(key) ?? []), identity]);
  }
  for (const [key, removed] of removedByKey) {
    const candidates = added.get(key);
    // Two removals and two additions of one content cannot be told apart: left as they are.
    if (removed.length === 1 && candidates?.length === 1) renames.set(removed[0] as string, candidates[0] as string);
  }
  return renames;
}

/** What an entity is apart from its name and namespace: kind, version, lifecycle, the rest of its document. */
function contentKey(entity: Entity): string {
  const metadata = Object.fromEntries(Object.entries(entity.metadata).filter(([key]) => key !== 'name' && key !== 'namespace'));
  return stableStringify({ kind: entity.kind, version: entity.version ?? null, metadata, spec: entity.spec }, 0);
}
