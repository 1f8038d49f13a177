// An entity removed and one added with the same content apart from its name or namespace is one
// change, a rename, not a removal and an addition.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { groupBy } from '../ground/collections.js';
import { stableStringify } from '../ground/stable-json.js';
import { withReferencesReplaced } from './replaced-references.js';

/** Renamed entities name each other through renames: a chain (model, version, evaluation) is this deep at most. */
const MAX_RENAME_PASSES = 8;

/**
 * Removed identity -> added identity, for each removal that has exactly one addition of the same
 * content: as written (entities moved together keep naming each other alike), else with references
 * as they resolve (an entity moved alone qualifies the names it refers to), a reference to an
 * entity found renamed counting as one to its new name (a model renamed with its versions, whose
 * evaluations name the versions), again until no pass finds another.
 */
export function findRenames(base: CatalogReader, head: CatalogReader, identities: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  const removed = identities.filter((identity) => base.get(identity) !== undefined && head.get(identity) === undefined);
  const added = identities.filter((identity) => head.get(identity) !== undefined && base.get(identity) === undefined);
  if (removed.length === 0 || added.length === 0) return renames;
  const match = (resolved: boolean) => {
    const byContent = (side: CatalogReader, list: string[], renamed: ReadonlyMap<string, string>) =>
      groupBy(list, (identity) => contentKey(side.get(identity) as Entity, resolved ? side : undefined, renamed));
    // Each pass matches what the ones before left unmatched.
    const renamedTo = new Set(renames.values());
    const additions = byContent(
      head,
      added.filter((id) => !renamedTo.has(id)),
      new Map(),
    );
    const removals = byContent(
      base,
      removed.filter((id) => !renames.has(id)),
      renames,
    );
    for (const [key, from] of removals) {
      const to = additions.get(key);
      // Two removals and two additions of one content cannot be told apart: left as they are.
      if (from.length === 1 && to?.length === 1) renames.set(from[0] as string, to[0] as string);
    }
  };
  match(false);
  for (let pass = 0, found = -1; pass < MAX_RENAME_PASSES && renames.size !== found; pass++) {
    found = renames.size;
    match(true);
  }
  return renames;
}

/**
 * What an entity is apart from its name and namespace: kind, version, lifecycle, the rest of its
 * document; with a catalog, each reference written as the identity it resolves to there, or the
 * name that identity was found `renamed` to.
 */
function contentKey(entity: Entity, resolvedIn: CatalogReader | undefined, renamed: ReadonlyMap<string, string>): string {
  const written = { metadata: entity.metadata, spec: entity.spec };
  const document =
    resolvedIn === undefined
      ? written
      : withReferencesReplaced(written, entity, resolvedIn, (relation) => {
          const target = renamed.get(relation.target) ?? relation.target;
          return relation.member === undefined ? target : `${target}#${relation.member}`;
        });
  const metadata = Object.fromEntries(
    Object.entries(document.metadata as Record<string, unknown>).filter(([key]) => key !== 'name' && key !== 'namespace'),
  );
  return stableStringify({ kind: entity.kind, version: entity.version ?? null, metadata, spec: document.spec }, 0);
}
