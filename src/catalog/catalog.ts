// The Catalog: every entity indexed by identity and by version group, and the relations between them.

// The function modules only: loading all of semver costs more start-up time than the rest of the check.
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { appendTo, groupBy } from '../ground/collections.js';
import { LayeredMap } from '../ground/layered-map.js';
import { WholeNeeded } from '../ground/loading-map.js';

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

/**
 * What a lookup in the Catalog read, as a key an incremental link compares with what changed: an
 * entity (`get`), a version group (`versionsOf`, `latest`), an entity's relations either way, or the
 * list of all names (asked for "did you mean").
 */
export const readKeys = {
  entity: (identity: string) => `e\0${identity}`,
  group: (groupKey: string) => `g\0${groupKey}`,
  outgoing: (identity: string) => `o\0${identity}`,
  incoming: (identity: string) => `i\0${identity}`,
  names: '*names',
} as const;

/** The entities whose outgoing relations changed, as a link step's changed lookups name them. */
export function relationsChanged(changedKeys: Iterable<string>): string[] {
  const prefix = readKeys.outgoing('');
  const identities: string[] = [];
  for (const key of changedKeys) if (key.startsWith(prefix)) identities.push(key.slice(prefix.length));
  return identities;
}

function byIdentity(a: Entity, b: Entity): number {
  return compareStrings(a.identity, b.identity);
}

/** The Catalog's lookups: each entity by identity, each version group, the relations either way. */
export interface CatalogLookups {
  byIdentity: LayeredMap<string, Entity>;
  groups: LayeredMap<string, readonly Entity[]>;
  outgoing: LayeredMap<string, readonly Relation[]>;
  incoming: LayeredMap<string, readonly Relation[]>;
}

const NOT_LISTED = (): readonly Entity[] => {
  throw new WholeNeeded('the list of every entity');
};

export class Catalog {
  /** Entities of other repositories' catalogs that references here may point to; found by lookups, never checked. */
  readonly external: readonly Entity[];
  /** Sorted by identity; undefined until asked for when the catalog was resumed from a cache's lookups. */
  #entities: readonly Entity[] | undefined;
  #listEntities: () => readonly Entity[] = NOT_LISTED;
  #byIdentity: LayeredMap<string, Entity>;
  #groups: LayeredMap<string, readonly Entity[]>;
  readonly #latest = new Map<string, Entity | undefined>();
  #outgoing = new LayeredMap<string, readonly Relation[]>();
  #incoming = new LayeredMap<string, readonly Relation[]>();
  #reads: Set<string> | undefined;

  constructor(entities: readonly Entity[], external: readonly Entity[] = []) {
    const sorted = [...entities].sort(byIdentity);
    this.#entities = sorted;
    // A local definition wins over another repository's (that conflict is reported where namespaces are checked).
    const local = new Set(sorted.map((entity) => entity.identity));
    this.external = external.filter((entity) => !local.has(entity.identity)).sort(byIdentity);
    const all = this.external.length === 0 ? sorted : [...sorted, ...this.external];
    this.#byIdentity = new LayeredMap(new Map(all.map((entity) => [entity.identity, entity])));
    this.#groups = new LayeredMap<string, readonly Entity[]>(groupBy(all, (entity) => entity.groupKey));
  }

  /**
   * A catalog answering from lookups a cache keeps, loaded one key at a time (`LoadingMap` bases):
   * what a link resumed in another process reads. It cannot list every entity (WholeNeeded).
   */
  static resume(lookups: CatalogLookups): Catalog {
    const resumed = new Catalog([]);
    resumed.#entities = undefined;
    resumed.#byIdentity = lookups.byIdentity;
    resumed.#groups = lookups.groups;
    resumed.#outgoing = lookups.outgoing;
    resumed.#incoming = lookups.incoming;
    return resumed;
  }

  /** The lookups, for a cache to keep. */
  get lookups(): CatalogLookups {
    return { byIdentity: this.#byIdentity, groups: this.#groups, outgoing: this.#outgoing, incoming: this.#incoming };
  }

  /** This repository's entities, sorted by identity; for duplicated identities only the first definition. */
  get entities(): readonly Entity[] {
    this.#entities ??= this.#listEntities();
    return this.#entities;
  }

  /**
   * This catalog with some local entities replaced, added (by identity) or removed (undefined), its
   * relations still this one's: the lookups that did not change are shared, not rebuilt. This
   * catalog is left as it is.
   */
  revise(changes: ReadonlyMap<string, Entity | undefined>): Catalog {
    if (this.external.length > 0) {
      // Whether a local entity hides an external one changes with every addition: rebuilt whole (rare: history with dependencies).
      const kept = this.entities.filter((entity) => !changes.has(entity.identity));
      const added = [...changes.values()].filter((entity) => entity !== undefined);
      const revised = new Catalog([...kept, ...added], this.external);
      revised.#outgoing = this.#outgoing;
      revised.#incoming = this.#incoming;
      return revised;
    }
    const revised = new Catalog([]);
    const groups = new Map<string, Entity[]>();
    // Whether an identity comes or goes (the sorted list is rebuilt), or entities are only replaced.
    let membersChanged = false;
    for (const [identity, entity] of changes) {
      const previous = this.#byIdentity.get(identity);
      membersChanged ||= (previous === undefined) !== (entity === undefined);
      const groupKey = (entity ?? previous)?.groupKey;
      if (groupKey === undefined) continue;
      const members = (groups.get(groupKey) ?? this.#groups.get(groupKey) ?? []).filter((member) => member.identity !== identity);
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
    // Listed now when this one is (a chain of revisions must not hold on to every predecessor), else when asked.
    if (this.#entities === undefined) {
      revised.#entities = undefined;
      revised.#listEntities = list;
    } else revised.#entities = list();
    revised.#byIdentity = this.#byIdentity.revise(changes);
    revised.#groups = this.#groups.revise([...groups].map(([key, members]) => [key, members.length === 0 ? undefined : members] as const));
    revised.#outgoing = this.#outgoing;
    revised.#incoming = this.#incoming;
    return revised;
  }

  /**
   * Runs `compute` and says what its lookups read (as `readKeys`): an incremental link knows by
   * them which entities to check again after a change, an audit whether to look again.
   */
  readsOf<T>(compute: () => T): { value: T; reads: Set<string> } {
    const outer = this.#reads;
    const reads = new Set<string>();
    this.#reads = reads;
    try {
      return { value: compute(), reads };
    } finally {
      this.#reads = outer;
    }
  }

  /** Whether lookups are being recorded: caches of answers derived from lookups must not answer then. */
  get recording(): boolean {
    return this.#reads !== undefined;
  }

  get(identity: string): Entity | undefined {
    this.#reads?.add(readKeys.entity(identity));
    return this.#byIdentity.get(identity);
  }

  /** All versions of `kind:namespace/name` (a single entity for unversioned kinds). */
  versionsOf(groupKey: string): readonly Entity[] {
    this.#reads?.add(readKeys.group(groupKey));
    return this.#groups.get(groupKey) ?? [];
  }

  groupKeys(): IterableIterator<string> {
    this.#reads?.add(readKeys.names);
    return this.#groups.keys();
  }

  /**
   * The version a reference without `@version` means: the highest by semantic version when every
   * version parses as semver, else the lexicographically greatest (FORMAT.md § References).
   */
  latest(groupKey: string): Entity | undefined {
    this.#reads?.add(readKeys.group(groupKey));
    if (this.#latest.has(groupKey)) return this.#latest.get(groupKey);
    const group = this.versionsOf(groupKey);
    const versioned = group.filter((entity) => entity.version !== undefined);
    let latest: Entity | undefined = group[0];
    if (versioned.length > 0) {
      const allSemver = versioned.every((entity) => semverValid(entity.version as string) !== null);
      latest = versioned.reduce((best, entity) =>
        (
          allSemver
            ? semverCompare(entity.version as string, best.version as string) > 0
            : compareStrings(entity.version as string, best.version as string) > 0
        )
          ? entity
          : best,
      );
    }
    this.#latest.set(groupKey, latest);
    return latest;
  }

  setRelations(relations: readonly Relation[]): void {
    const outgoing = new Map<string, Relation[]>();
    const incoming = new Map<string, Relation[]>();
    for (const relation of relations) {
      appendTo(outgoing, relation.source, relation);
      appendTo(incoming, relation.target, relation);
    }
    this.#outgoing = new LayeredMap<string, readonly Relation[]>(outgoing);
    this.#incoming = new LayeredMap<string, readonly Relation[]>(incoming);
  }

  /**
   * Replaces the outgoing relations of some entities (undefined: none), keeping every list in the
   * order `setRelations` gives when relations come in the order of their sources' identities.
   */
  reviseRelations(changes: ReadonlyMap<string, readonly Relation[] | undefined>): void {
    const targets = new Set<string>();
    for (const [source, relations] of changes) {
      for (const relation of this.#outgoing.get(source) ?? []) targets.add(relation.target);
      for (const relation of relations ?? []) targets.add(relation.target);
    }
    const incoming: [string, readonly Relation[] | undefined][] = [];
    for (const target of targets) {
      const kept = (this.#incoming.get(target) ?? []).filter((relation) => !changes.has(relation.source));
      for (const [source, relations] of changes) {
        const added = (relations ?? []).filter((relation) => relation.target === target);
        if (added.length === 0) continue;
        // After the relations of sources that sort before this one, in their order.
        let at = kept.findIndex((relation) => compareStrings(relation.source, source) > 0);
        if (at === -1) at = kept.length;
        kept.splice(at, 0, ...added);
      }
      incoming.push([target, kept.length === 0 ? undefined : kept]);
    }
    this.#outgoing = this.#outgoing.revise(
      [...changes].map(
        ([source, relations]) => [source, relations === undefined || relations.length === 0 ? undefined : relations] as const,
      ),
    );
    this.#incoming = this.#incoming.revise(incoming);
  }

  /** Relations from this entity to others, in document order. */
  outgoing(identity: string): readonly Relation[] {
    this.#reads?.add(readKeys.outgoing(identity));
    return this.#outgoing.get(identity) ?? [];
  }

  /** Relations from other entities to this one. */
  incoming(identity: string): readonly Relation[] {
    this.#reads?.add(readKeys.incoming(identity));
    return this.#incoming.get(identity) ?? [];
  }
}

/** The result of compiling a repository: the Catalog and every problem found on the way. */
export interface CompileResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Files read, whether or not they held entities. */
  fileCount: number;
}
