// The Catalog: every entity indexed by identity and by version group, and the relations between them.

// The function modules only: loading all of semver costs more start-up time than the rest of the check.
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { appendTo, groupBy } from '../ground/collections.js';

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

export class Catalog {
  /** This repository's entities, sorted by identity; for duplicated identities only the first definition. */
  readonly entities: readonly Entity[];
  /** Entities of other repositories' catalogs that references here may point to; found by lookups, never checked. */
  readonly external: readonly Entity[];
  readonly #byIdentity: ReadonlyMap<string, Entity>;
  readonly #groups: ReadonlyMap<string, readonly Entity[]>;
  readonly #latest = new Map<string, Entity | undefined>();
  #outgoing = new Map<string, Relation[]>();
  #incoming = new Map<string, Relation[]>();

  constructor(entities: readonly Entity[], external: readonly Entity[] = []) {
    this.entities = [...entities].sort((a, b) => compareStrings(a.identity, b.identity));
    // A local definition wins over another repository's (that conflict is reported where namespaces are checked).
    const local = new Set(this.entities.map((entity) => entity.identity));
    this.external = external.filter((entity) => !local.has(entity.identity)).sort((a, b) => compareStrings(a.identity, b.identity));
    const all = this.external.length === 0 ? this.entities : [...this.entities, ...this.external];
    this.#byIdentity = new Map(all.map((entity) => [entity.identity, entity]));
    this.#groups = groupBy(all, (entity) => entity.groupKey);
  }

  get(identity: string): Entity | undefined {
    return this.#byIdentity.get(identity);
  }

  /** All versions of `kind:namespace/name` (a single entity for unversioned kinds). */
  versionsOf(groupKey: string): readonly Entity[] {
    return this.#groups.get(groupKey) ?? [];
  }

  groupKeys(): IterableIterator<string> {
    return this.#groups.keys();
  }

  /**
   * The version a reference without `@version` means: the highest by semantic version when every
   * version parses as semver, else the lexicographically greatest (FORMAT.md § References).
   */
  latest(groupKey: string): Entity | undefined {
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
    this.#outgoing = outgoing;
    this.#incoming = incoming;
  }

  /** Relations from this entity to others, in document order. */
  outgoing(identity: string): readonly Relation[] {
    return this.#outgoing.get(identity) ?? [];
  }

  /** Relations from other entities to this one. */
  incoming(identity: string): readonly Relation[] {
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
