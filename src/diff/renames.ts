// An entity removed and one added with the same content apart from its name or namespace is one
// change, a rename, not a removal and an addition. References count by what they resolve to: an
// entity moved to another namespace must qualify the names it refers to (`default/owners`).

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { appendTo } from '../ground/collections.js';
import { stableStringify } from '../ground/stable-json.js';
import { isRecord } from '../model/kinds.js';

/** Removed identity -> added identity, for each removal that has exactly one addition of the same content. */
export function findRenames(base: CatalogReader, head: CatalogReader, identities: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  const added = onlyIn(head, base, identities);
  if (added.size === 0) return renames;
  for (const [key, removed] of onlyIn(base, head, identities)) {
    const candidates = added.get(key);
    // Two removals and two additions of one content cannot be told apart: left as they are.
    if (removed.length === 1 && candidates?.length === 1) renames.set(removed[0] as string, candidates[0] as string);
  }
  return renames;
}

/** The identities `side` has and `other` has not, by their content apart from name and namespace. */
function onlyIn(side: CatalogReader, other: CatalogReader, identities: readonly string[]): Map<string, string[]> {
  const byContent = new Map<string, string[]>();
  for (const identity of identities) {
    const entity = side.get(identity);
    if (entity !== undefined && other.get(identity) === undefined) appendTo(byContent, contentKey(entity, side), identity);
  }
  return byContent;
}

/**
 * What an entity is apart from its name and namespace: kind, version, lifecycle, the rest of its
 * document, each reference written as the identity it resolves to.
 */
function contentKey(entity: Entity, catalog: CatalogReader): string {
  const document = structuredClone({ metadata: entity.metadata, spec: entity.spec }) as Record<string, unknown>;
  for (const relation of catalog.outgoing(entity.identity))
    replaceAt(document, relation.pointer, relation.member === undefined ? relation.target : `${relation.target}#${relation.member}`);
  const metadata = Object.fromEntries(
    Object.entries(document.metadata as Record<string, unknown>).filter(([key]) => key !== 'name' && key !== 'namespace'),
  );
  return stableStringify({ kind: entity.kind, version: entity.version ?? null, metadata, spec: document.spec }, 0);
}

/** Sets the value at `pointer` inside `value`, where there is one. */
function replaceAt(value: Record<string, unknown>, pointer: readonly string[], replacement: string): void {
  let parent: unknown = value;
  for (const key of pointer.slice(0, -1))
    parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[key] : undefined;
  const last = pointer[pointer.length - 1];
  if (last !== undefined && (isRecord(parent) || Array.isArray(parent))) (parent as Record<string, unknown>)[last] = replacement;
}
