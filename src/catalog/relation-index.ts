// Relations indexed by source and by target: what a Catalog answers `outgoing` and `incoming` from.
// A link indexes the relations it resolved; a rebuild reads the ones its last link kept, and revises
// that index where its own link changed some sources' relations, without indexing the rest again.

import { appendTo } from '../ground/collections.js';
import { compareStrings } from '../ground/diagnostics.js';

/** A reference between two entities, seen from both ends. */
export interface Relation {
  /** Relation name seen from the source, e.g. `trainedOn`. */
  type: string;
  /** Relation name seen from the target, e.g. `trains`. */
  inverse: string;
  source: string;
  target: string;
  /** Where the reference sits in the source document. */
  pointer: readonly string[];
  /** The feature or schema field named by `#member`. */
  member?: string;
  /** Whether the relation must not form cycles (derivedFrom, baseModels, parent). */
  acyclic?: boolean;
}

/** Each entity's relations either way; undefined where it has none. */
export interface RelationIndex {
  /** Relations from this entity, in document order. */
  outgoing(identity: string): readonly Relation[] | undefined;
  /** Relations to this entity, by their sources' identities, each source's in document order. */
  incoming(identity: string): readonly Relation[] | undefined;
}

/** Relations indexed by source and by target, each list in the order given. */
export function indexRelations(relations: readonly Relation[]): {
  outgoing: Map<string, readonly Relation[]>;
  incoming: Map<string, readonly Relation[]>;
} {
  const outgoing = new Map<string, Relation[]>();
  const incoming = new Map<string, Relation[]>();
  for (const relation of relations) {
    appendTo(outgoing, relation.source, relation);
    appendTo(incoming, relation.target, relation);
  }
  return { outgoing, incoming };
}

/** The index of relations given in the order of their sources' identities. */
export function relationIndexOf(relations: readonly Relation[]): RelationIndex {
  const { outgoing, incoming } = indexRelations(relations);
  return { outgoing: (identity) => outgoing.get(identity), incoming: (identity) => incoming.get(identity) };
}

/**
 * A target's relations with those of some sources replaced (`changes`; undefined: none), in the order
 * of their sources' identities: the others keep their places, each replacing source's relations go
 * after the sources that sort before it.
 */
export function incomingWithSourcesReplaced(
  kept: readonly Relation[],
  changes: ReadonlyMap<string, readonly Relation[] | undefined>,
  target: string,
): Relation[] {
  let relations = kept.filter((relation) => !changes.has(relation.source));
  for (const [source, replacing] of changes) {
    const added = (replacing ?? []).filter((relation) => relation.target === target);
    if (added.length === 0) continue;
    let at = relations.findIndex((relation) => compareStrings(relation.source, source) > 0);
    if (at === -1) at = relations.length;
    // Not `splice(at, 0, ...added)`: one entity may reference one target more times than a call takes arguments.
    relations = [...relations.slice(0, at), ...added, ...relations.slice(at)];
  }
  return relations;
}

/**
 * An index with some sources' relations replaced (an empty list: none left), answered from `base`
 * for every other entity; each target's list is revised when first asked for.
 */
export function revisedRelationIndex(base: RelationIndex, changes: ReadonlyMap<string, readonly Relation[]>): RelationIndex {
  if (changes.size === 0) return base;
  // The targets whose incoming relations a change reaches: those it took away and those it added.
  const reached = new Set<string>();
  for (const [source, relations] of changes) {
    for (const relation of base.outgoing(source) ?? []) reached.add(relation.target);
    for (const relation of relations) reached.add(relation.target);
  }
  const revised = new Map<string, readonly Relation[]>();
  return {
    outgoing: (identity) => {
      const changed = changes.get(identity);
      return changed === undefined ? base.outgoing(identity) : changed.length === 0 ? undefined : changed;
    },
    incoming: (identity) => {
      if (!reached.has(identity)) return base.incoming(identity);
      let relations = revised.get(identity);
      if (relations === undefined)
        revised.set(identity, (relations = incomingWithSourcesReplaced(base.incoming(identity) ?? [], changes, identity)));
      return relations.length === 0 ? undefined : relations;
    },
  };
}
