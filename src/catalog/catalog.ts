// The Catalog: every entity indexed by identity and by version group, and the relations between them.
// Rules, views, audits and diffs read it through `CatalogReader`; `Catalog` is the reader built from a
// list of entities at once. An incremental link keeps another reader that it revises change by change
// (engine/linked-catalog.ts).

import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { groupBy } from '../ground/collections.js';
import { latestOf } from '../model/version-order.js';
import { relationIndexOf, type Relation, type RelationIndex } from './relation-index.js';

export type { Relation } from './relation-index.js';

/** What may be asked of a Catalog: lookups and relations, nothing that changes it. */
export interface CatalogReader {
  /** This repository's entities, sorted by identity; for duplicated identities only the first definition. */
  readonly entities: readonly Entity[];
  /** Entities of other repositories' catalogs that references here may point to; found by lookups, never checked. */
  readonly external: readonly Entity[];
  get(identity: string): Entity | undefined;
  /** All versions of `kind:namespace/name` (a single entity for unversioned kinds). */
  versionsOf(groupKey: string): readonly Entity[];
  /** The key of every version group. */
  groupKeys(): Iterable<string>;
  /**
   * The version a reference without `@version` means: the highest by semantic version when every
   * version parses as semver, else the lexicographically greatest (FORMAT.md § References).
   */
  latest(groupKey: string): Entity | undefined;
  /** Relations from this entity to others, in document order. */
  outgoing(identity: string): readonly Relation[];
  /** Relations from other entities to this one. */
  incoming(identity: string): readonly Relation[];
  /**
   * Runs `compute`, which reads only the chain `identity` heads along `relation` (a relation the
   * schemas make acyclic, such as `derivedFrom` or `parent`): the entities it reaches by outgoing
   * relations of that type, itself included, and their outgoing relations. A reader that records
   * reads records the chain as one read, however long it is, so a walk may remember its answer for
   * one entity of a chain and give it for any entity whose chain reaches that one.
   */
  closure<T>(identity: string, relation: string, compute: () => T): T;
}

/** `closure` of a reader that records nothing: the computation, as it is. */
export function computeClosure<T>(_identity: string, _relation: string, compute: () => T): T {
  return compute();
}

export function byIdentity(a: Entity, b: Entity): number {
  return compareStrings(a.identity, b.identity);
}

/** This repository's entities, sorted, and the external ones that no local definition hides. */
export function sortedEntities(
  entities: readonly Entity[],
  external: readonly Entity[],
): { entities: readonly Entity[]; external: readonly Entity[] } {
  const sorted = [...entities].sort(byIdentity);
  if (external.length === 0) return { entities: sorted, external: [] };
  // A local definition wins over another repository's (that conflict is reported where namespaces are checked).
  const local = new Set(sorted.map((entity) => entity.identity));
  return { entities: sorted, external: external.filter((entity) => !local.has(entity.identity)).sort(byIdentity) };
}

const NO_RELATIONS: RelationIndex = { outgoing: () => undefined, incoming: () => undefined };

const isRelationList = (relations: readonly Relation[] | RelationIndex): relations is readonly Relation[] => Array.isArray(relations);

/** A Catalog built from its entities at once; its relations are set once, after references are resolved. */
export class Catalog implements CatalogReader {
  readonly entities: readonly Entity[];
  readonly external: readonly Entity[];
  readonly #byIdentity: ReadonlyMap<string, Entity>;
  readonly #groups: ReadonlyMap<string, readonly Entity[]>;
  readonly #latest = new Map<string, Entity | undefined>();
  #relations: RelationIndex = NO_RELATIONS;

  /** `relations` as a list in the order of their sources' identities, or an index of them. */
  constructor(entities: readonly Entity[], external: readonly Entity[] = [], relations?: readonly Relation[] | RelationIndex) {
    ({ entities: this.entities, external: this.external } = sortedEntities(entities, external));
    const all = this.external.length === 0 ? this.entities : [...this.entities, ...this.external];
    this.#byIdentity = new Map(all.map((entity) => [entity.identity, entity]));
    this.#groups = groupBy(all, (entity) => entity.groupKey);
    if (relations !== undefined) this.setRelations(relations);
  }

  get(identity: string): Entity | undefined {
    return this.#byIdentity.get(identity);
  }

  versionsOf(groupKey: string): readonly Entity[] {
    return this.#groups.get(groupKey) ?? [];
  }

  groupKeys(): IterableIterator<string> {
    return this.#groups.keys();
  }

  latest(groupKey: string): Entity | undefined {
    if (this.#latest.has(groupKey)) return this.#latest.get(groupKey);
    const latest = latestOf(this.versionsOf(groupKey));
    this.#latest.set(groupKey, latest);
    return latest;
  }

  setRelations(relations: readonly Relation[] | RelationIndex): void {
    this.#relations = isRelationList(relations) ? relationIndexOf(relations) : relations;
  }

  outgoing(identity: string): readonly Relation[] {
    return this.#relations.outgoing(identity) ?? [];
  }

  incoming(identity: string): readonly Relation[] {
    return this.#relations.incoming(identity) ?? [];
  }

  readonly closure = computeClosure;
}

/** The result of compiling a repository: the Catalog and every problem found on the way. */
export interface CompileResult {
  catalog: CatalogReader;
  diagnostics: Diagnostic[];
  /** Files read, whether or not they held entities. */
  fileCount: number;
}
