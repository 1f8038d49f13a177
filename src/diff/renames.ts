// An entity removed and one added with the same content apart from its name or namespace is one
// change, a rename, not a removal and an addition.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { groupBy } from '../ground/collections.js';
import { stableStringify } from '../ground/stable-json.js';
import { isRecord } from '../model/kinds.js';

/**
 * Removed identity -> added identity, for each removal that has exactly one addition of the same
 * content: as written (entities moved together keep naming each other alike), else with references
 * as they resolve (an entity moved alone qualifies the names it refers to).
 */
export function findRenames(base: CatalogReader, head: CatalogReader, identities: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  const removed = identities.filter((identity) => base.get(identity) !== undefined && head.get(identity) === undefined);
  const added = identities.filter((identity) => head.get(identity) !== undefined && base.get(identity) === undefined);
  if (removed.length === 0 || added.length === 0) return renames;
  for (const resolved of [false, true]) {
    const byContent = (side: CatalogReader, list: string[]) =>
      groupBy(list, (identity) => contentKey(side.get(identity) as Entity, resolved ? side : undefined));
    // Each pass matches what the one before left unmatched.
    const renamedTo = new Set(renames.values());
    const additions = byContent(
      head,
      added.filter((id) => !renamedTo.has(id)),
    );
    const removals = byContent(
      base,
      removed.filter((id) => !renames.has(id)),
    );
    for (const [key, from] of removals) {
      const to = additions.get(key);
      // Two removals and two additions of one content cannot be told apart: left as they are.
      if (from.length === 1 && to?.length === 1) renames.set(from[0] as string, to[0] as string);
    }
  }
  return renames;
}

/**
 * What an entity is apart from its name and namespace: kind, version, lifecycle, the rest of its
 * document; with a catalog, each reference written as the identity it resolves to there.
 */
function contentKey(entity: Entity, resolvedIn: CatalogReader | undefined): string {
  const document = structuredClone({ metadata: entity.metadata, spec: entity.spec }) as Record<string, unknown>;
  for (const relation of resolvedIn?.outgoing(entity.identity) ?? [])
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
