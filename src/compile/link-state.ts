// What a link is made of and what an incremental Linker knows between links: the one shape of a
// link's state, which a cache keeps across processes (cache/link-store.ts).

import type { CompileResult, Relation } from '../catalog/catalog.js';
import type { LinkedCatalog } from '../engine/linked-catalog.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import type { ProblemGroups, SuppressibleFile } from './link-problems.js';
import type { ReaderEntry } from './lookup-readers.js';

/** One file as linking takes it: its text (to place and suppress problems), entities and own problems. */
export interface LinkedFile extends SuppressibleFile {
  entities: readonly Entity[];
  /** Problems of the file on its own: unreadable, YAML, schema. */
  diagnostics: readonly Diagnostic[];
}

/** What one link gives: the result, and what differs from the previous link's. */
export interface LinkStep {
  result: CompileResult;
  /** Identities whose entity is not the one the previous link had. */
  changed: ReadonlySet<string>;
  /** The Catalog lookups (`readKeys`) whose answers changed; undefined when all may have (the first link). */
  changedKeys?: ReadonlySet<string>;
}

/** What linking found for one entity, with what it read to find it when the link is incremental. */
export interface EntityLink {
  relations: readonly Relation[];
  references: readonly Diagnostic[];
  referenceReads: readonly string[];
  namespace: readonly Diagnostic[];
  rules: readonly Diagnostic[];
  ruleReads: readonly string[];
}

/**
 * What an incremental Linker knows between links, for a cache to keep across processes: the files,
 * every definition of each identity, each entity's link, who read what, the problems by group and
 * file, the catalog and the entities on cycles. Resumed from `LoadingMap`s, a link loads only what
 * the change reaches; one that needs the whole (cycles to find again) throws WholeNeeded.
 */
export interface LinkState {
  files: Map<string, LinkedFile>;
  definitions: Map<string, Entity[]>;
  links: Map<string, EntityLink>;
  referenceReaders: Map<string, ReaderEntry>;
  ruleReaders: Map<string, ReaderEntry>;
  problems: ProblemGroups;
  catalog: LinkedCatalog;
  cycleEntities: ReadonlySet<string>;
}

/** The link of an entity nothing has linked yet. */
export const NO_LINK: Readonly<EntityLink> = { relations: [], references: [], referenceReads: [], namespace: [], rules: [], ruleReads: [] };
