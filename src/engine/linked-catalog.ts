// The Catalog an incremental link keeps: revised change by change, each revision readable on its own
// and sharing what did not change (layered lookups), or resumed in another process from lookups a
// cache loads one key at a time. Only a resumed catalog cannot list every entity (WholeNeeded).

import { latestOf } from '../model/version-order.js';
import { byIdentity, computeClosure, sortedEntities, type CatalogReader, type Relation } from '../catalog/catalog.js';
import { incomingWithSourcesReplaced, indexRelations } from '../catalog/relation-index.js';
import { groupBy } from '../ground/collections.js';
import type { Entity } from '../model/entity.js';
import { LayeredMap } from './layered-map.js';
import { WholeNeeded } from './loading-map.js';

/** The lookups a LinkedCatalog answers from: each entity by identity, each version group, the relations either way. */
export interface CatalogLookups {
  byIdentity: LayeredMap<string, Entity>;
  groups: LayeredMap<string, readonly Entity[]>;
  outgoing: LayeredMap<string, readonly Relation[]>;
  incoming: LayeredMap<string, readonly Relation[]>;
}

const NOT_LISTED = (): readonly Entity[] => {
  throw new WholeNeeded('the list of every entity');
};

export class LinkedCatalog implements CatalogReader {
  readonly external: readonly Entity[];
  /** Sorted by identity; undefined until asked for when the catalog was resumed from a cache's lookups. */
  #entities: readonly Entity[] | undefined;
  #listEntities: () => readonly Entity[] = NOT_LISTED;
  #lookups: CatalogLookups;
  readonly #latest = new Map<string, Entity | undefined>();

  private constructor(entities: readonly Entity[] | undefined, external: readonly Entity[], lookups: CatalogLookups) {
    this.#entities = entities;
    this.external = external;
    this.#lookups = lookups;
  }

  static of(entities: readonly Entity[], external: readonly Entity[] = []): LinkedCatalog {
    const sorted = sortedEntities(entities, external);
    const all = sorted.external.length === 0 ? sorted.entities : [...sorted.entities, ...sorted.external];
    return new LinkedCatalog(sorted.entities, sorted.external, {
      byIdentity: new LayeredMap(new Map(all.map((entity) => [entity.identity, entity]))),
      groups: new LayeredMap<string, readonly Entity[]>(groupBy(all, (entity) => entity.groupKey)),
      outgoing: new LayeredMap(),
      incoming: new LayeredMap(),
    });
  }

  /** A catalog answering from lookups a cache keeps, loaded one key at a time: what a link resumed in another process reads. */
  static resume(lookups: CatalogLookups): LinkedCatalog {
    return new LinkedCatalog(undefined, [], lookups);
  }

  /** The lookups, for a cache to keep. */
  get lookups(): CatalogLookups {
    return this.#lookups;
  }

  get entities(): readonly Entity[] {
    this.#entities ??= this.#listEntities();
    return this.#entities;
  }

  /**
   * This catalog with some local entities replaced, added (by identity) or removed (undefined), its
   * relations still this one's: the lookups that did not change are shared, not rebuilt. This
   * catalog is left as it is.
   */
  revise(changes: ReadonlyMap<string, Entity | undefined>): LinkedCatalog {
    const { outgoing, incoming } = this.#lookups;
    if (this.external.length > 0) {
      // Whether a local entity hides an external one changes with every addition: rebuilt whole (rare: history with dependencies).
      const kept = this.entities.filter((entity) => !changes.has(entity.identity));
      const added = [...changes.values()].filter((entity) => entity !== undefined);
      const revised = LinkedCatalog.of([...kept, ...added], this.external);
      revised.#lookups = { ...revised.#lookups, outgoing, incoming };
      return revised;
    }
    const groups = new Map<string, Entity[]>();
    // Whether an identity comes or goes (the sorted list is rebuilt), or entities are only replaced.
    let membersChanged = false;
    for (const [identity, entity] of changes) {
      const previous = this.#lookups.byIdentity.get(identity);
      membersChanged ||= (previous === undefined) !== (entity === undefined);
      const groupKey = (entity ?? previous)?.groupKey;
      if (groupKey === undefined) continue;
      const members = (groups.get(groupKey) ?? this.#lookups.groups.get(groupKey) ?? []).filter((member) => member.identity !== identity);
      if (entity !== undefined) members.push(entity);
      groups.set(groupKey, members.sort(byIdentity));
    }
    const list = (): readonly Entity[] =>
      !membersChanged
        ? this.entities.map((entity) => changes.get(entity.identity) ?? entity)
        : [
            ...this.entities.filter((entity) => !changes.has(entity.identity)),
            ...[...changes.values()].filter((e) => e !== undefined),
          ].sort(byIdentity);
    const revised = new LinkedCatalog(undefined, [], {
      byIdentity: this.#lookups.byIdentity.revise(changes),
      groups: this.#lookups.groups.revise([...groups].map(([key, members]) => [key, members.length === 0 ? undefined : members] as const)),
      outgoing,
      incoming,
    });
    // Listed now when this one is (a chain of revisions must not hold on to every predecessor), else when asked.
    if (this.#entities === undefined) revised.#listEntities = list;
    else revised.#entities = list();
    return revised;
  }

  get(identity: string): Entity | undefined {
    return this.#lookups.byIdentity.get(identity);
  }

  versionsOf(groupKey: string): readonly Entity[] {
    return this.#lookups.groups.get(groupKey) ?? [];
  }

  groupKeys(): IterableIterator<string> {
    return this.#lookups.groups.keys();
  }

  latest(groupKey: string): Entity | undefined {
    if (this.#latest.has(groupKey)) return this.#latest.get(groupKey);
    const latest = latestOf(this.versionsOf(groupKey));
    this.#latest.set(groupKey, latest);
    return latest;
  }

  outgoing(identity: string): readonly Relation[] {
    return this.#lookups.outgoing.get(identity) ?? [];
  }

  incoming(identity: string): readonly Relation[] {
    return this.#lookups.incoming.get(identity) ?? [];
  }

  readonly closure = computeClosure;

  setRelations(relations: readonly Relation[]): void {
    const { outgoing, incoming } = indexRelations(relations);
    this.#lookups = { ...this.#lookups, outgoing: new LayeredMap(outgoing), incoming: new LayeredMap(incoming) };
  }

  /**
   * Replaces the outgoing relations of some entities (undefined: none), keeping every list in the
   * order `setRelations` gives when relations come in the order of their sources' identities.
   */
  reviseRelations(changes: ReadonlyMap<string, readonly Relation[] | undefined>): void {
    const targets = new Set<string>();
    for (const [source, relations] of changes) {
      for (const relation of this.outgoing(source)) targets.add(relation.target);
      for (const relation of relations ?? []) targets.add(relation.target);
    }
    const incoming: [string, readonly Relation[] | undefined][] = [];
    for (const target of targets) {
      const revised = incomingWithSourcesReplaced(this.incoming(target), changes, target);
      incoming.push([target, revised.length === 0 ? undefined : revised]);
    }
    this.#lookups = {
      ...this.#lookups,
      outgoing: this.#lookups.outgoing.revise(
        [...changes].map(
          ([source, relations]) => [source, relations === undefined || relations.length === 0 ? undefined : relations] as const,
        ),
      ),
      incoming: this.#lookups.incoming.revise(incoming),
    };
  }
}
