// Linking: analysed files to a Catalog with every problem of the whole (duplicate identities,
// references, cycles, namespaces, governance rules), and again after some files changed.
//
// An incremental Linker records what each entity's references and rules read of the Catalog (as
// `readKeys`) and, after a change, checks again only the entities whose reads changed, as build
// systems re-run only the steps whose inputs changed. A one-shot compile links once, not recording.

import { duplicateDiagnostics, sourceOrder } from '../catalog/duplicate-identities.js';
import { Catalog, type CatalogReader, type CompileResult, type Relation } from '../catalog/catalog.js';
import { LinkedCatalog } from '../engine/linked-catalog.js';
import { readKeys } from '../engine/read-keys.js';
import { RecordingReader } from '../engine/recording-reader.js';
import { findCycles } from '../catalog/find-cycles.js';
import type { LocateNode } from '../catalog/locations.js';
import { ReferenceResolver } from '../catalog/resolve-references.js';
import { appendTo } from '../ground/collections.js';
import { compareDiagnostics, compareStrings, ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { applySuppressions } from '../rules/apply-suppressions.js';
import { applyRuleSettings, Ruleset } from '../rules/ruleset.js';
import { createRuleVisitors } from '../rules/run-rules.js';
import { SourceLocator } from '../source/locate.js';
import {
  hubDiagnostics,
  hubRelations,
  namespaceOwnership,
  namespaceProblems,
  uncheckedReason,
  type Federation,
  type Hub,
  type NamespaceOwnership,
} from './federation-checks.js';

/** One file as linking takes it: its text (to place and suppress problems), entities and own problems. */
export interface LinkedFile {
  /** Undefined for a file that could not be read as text. */
  text: string | undefined;
  entities: readonly Entity[];
  /** Problems of the file on its own: unreadable, YAML, schema. */
  diagnostics: readonly Diagnostic[];
  /** Whether its text has suppression comments; when false, the text is not read to apply them. */
  suppressions?: boolean;
}

/** The file's text to find suppressions in: none when it is known to have none (then it is not read). */
const suppressibleText = (linked: LinkedFile | undefined): string | undefined =>
  linked?.suppressions === false ? undefined : linked?.text;

export interface LinkSettings {
  ruleset?: Ruleset | undefined;
  federation?: Federation | undefined;
  hub?: Hub | undefined;
  /** Locators of file texts, by text, shared across links; the Linker drops those of texts its files no longer have. */
  locators?: Map<string, SourceLocator> | undefined;
  /** Hub relations need the schemas' relation names; the compile passes them when there is a hub. */
  relationInverses?: ReadonlyMap<string, string> | undefined;
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

const HUB_FILE = '\0hub';
const NO_LINK: Readonly<EntityLink> = { relations: [], references: [], referenceReads: [], namespace: [], rules: [], ruleReads: [] };

/** The entities that read one key, and that key as the one string every reader's list holds. */
export interface ReaderEntry {
  key: string;
  readers: Set<string>;
}

/** Which entities read a key, kept in step with what each entity last read. */
class Readers {
  readonly byKey: Map<string, ReaderEntry>;

  constructor(byKey = new Map<string, ReaderEntry>()) {
    this.byKey = byKey;
  }

  /**
   * Replaces what `reader` read; returns the keys it reads now as the instances this index holds,
   * so that thousands of entities reading one team's key keep one string, not thousands.
   */
  replace(reader: string, before: readonly string[], after: Iterable<string>): string[] {
    // Every entry changed is set again: a map loaded from a cache writes back what was set.
    for (const key of before) {
      const entry = this.byKey.get(key);
      if (entry?.readers.delete(reader) === true) this.byKey.set(key, entry);
    }
    const kept: string[] = [];
    for (const key of after) {
      const entry = this.byKey.get(key) ?? { key, readers: new Set<string>() };
      if (!entry.readers.has(reader)) {
        entry.readers.add(reader);
        this.byKey.set(key, entry);
      }
      kept.push(entry.key);
    }
    return kept;
  }

  of(keys: Iterable<string>, into: Set<string>): void {
    for (const key of keys) for (const reader of this.byKey.get(key)?.readers ?? []) into.add(reader);
  }
}

/** Where a link gathers diagnostics in named groups (a file's own, an entity's, the cycles), and how they become the result's list. */
interface Problems {
  /** Replaces a group. */
  set(group: string, diagnostics: readonly Diagnostic[]): void;
  /** A file whose text changed: its suppressions are read again. */
  touch(file: string): void;
  /** Every problem after suppressions and rule settings, sorted. */
  list(files: ReadonlyMap<string, LinkedFile>, ruleset: Ruleset): Diagnostic[];
}

/** A one-shot link's problems: one list, suppressed, set and sorted once. */
class ProblemList implements Problems {
  readonly #all: Diagnostic[] = [];

  set(_group: string, diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) this.#all.push(diagnostic);
  }

  touch(): void {
    // Read once, at the end.
  }

  list(files: ReadonlyMap<string, LinkedFile>, ruleset: Ruleset): Diagnostic[] {
    const sources = [...files].flatMap(([file, linked]) => {
      const text = suppressibleText(linked);
      return text === undefined ? [] : [{ file, text }];
    });
    return applyRuleSettings(applySuppressions(this.#all, sources), ruleset).sort(compareDiagnostics);
  }
}

/** An incremental link's problems: each file's groups, the files each group reaches, each file's final list. */
export interface ProblemGroups {
  byFile: Map<string, Map<string, readonly Diagnostic[]>>;
  filesOf: Map<string, readonly string[]>;
  /** After suppressions and rule settings, sorted: what the result lists, file by file. */
  final: Map<string, Diagnostic[]>;
}

/** An incremental link's problems: by file, each file's list redone when one of its groups changed. */
class ProblemsByFile implements Problems {
  readonly groups: ProblemGroups;
  readonly #byFile: Map<string, Map<string, readonly Diagnostic[]>>;
  readonly #filesOf: Map<string, readonly string[]>;
  readonly #final: Map<string, Diagnostic[]>;
  readonly #dirty = new Set<string>();

  constructor(groups: ProblemGroups = { byFile: new Map(), filesOf: new Map(), final: new Map() }) {
    this.groups = groups;
    this.#byFile = groups.byFile;
    this.#filesOf = groups.filesOf;
    this.#final = groups.final;
  }

  set(group: string, diagnostics: readonly Diagnostic[]): void {
    for (const file of this.#filesOf.get(group) ?? []) {
      const groups = this.#byFile.get(file);
      if (groups?.delete(group) === true) this.#byFile.set(file, groups);
      this.#dirty.add(file);
    }
    if (diagnostics.length === 0) {
      this.#filesOf.delete(group);
      return;
    }
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) appendTo(byFile, diagnostic.file, diagnostic);
    for (const [file, list] of byFile) {
      const groups = this.#byFile.get(file) ?? new Map<string, readonly Diagnostic[]>();
      this.#byFile.set(file, groups.set(group, list));
      this.#dirty.add(file);
    }
    this.#filesOf.set(group, [...byFile.keys()]);
  }

  touch(file: string): void {
    this.#dirty.add(file);
  }

  list(files: ReadonlyMap<string, LinkedFile>, ruleset: Ruleset): Diagnostic[] {
    for (const file of this.#dirty) {
      const text = suppressibleText(files.get(file));
      const inFile = [...(this.#byFile.get(file)?.values() ?? [])].flat();
      const diagnostics = applyRuleSettings(applySuppressions(inFile, text === undefined ? [] : [{ file, text }]), ruleset).sort(
        compareDiagnostics,
      );
      if (diagnostics.length === 0) this.#final.delete(file);
      else this.#final.set(file, diagnostics);
    }
    this.#dirty.clear();
    return [...this.#final.keys()].sort(compareStrings).flatMap((file) => this.#final.get(file) ?? []);
  }
}

export class Linker {
  readonly #ruleset: Ruleset;
  readonly #hub: Hub | undefined;
  readonly #incremental: boolean;
  readonly #ownership: NamespaceOwnership;
  readonly #unchecked: ReturnType<typeof uncheckedReason>;
  readonly #external: readonly Entity[];
  readonly #locators: Map<string, SourceLocator>;
  readonly #inverses: ReadonlyMap<string, string>;

  #files = new Map<string, LinkedFile>();
  #definitions = new Map<string, Entity[]>();
  #links = new Map<string, EntityLink>();
  #referenceReaders = new Readers();
  #ruleReaders = new Readers();
  #problems: Problems;
  /** Revised link by link when incremental; a one-shot link's is built once. */
  #catalog: LinkedCatalog | Catalog | undefined;
  #cycleEntities = new Set<string>();

  /**
   * `incremental`: keep what is needed to link again after changes (history does; a one-shot
   * compile does not). Without it, or with a hub, linking again links every file again.
   */
  constructor(settings: LinkSettings, incremental: boolean) {
    this.#ruleset = settings.ruleset ?? Ruleset.coreOnly();
    const federation = settings.federation ?? { namespaces: undefined, dependencies: [] };
    this.#hub = settings.hub;
    // A hub's relations come from its sources' catalogs, not from references: linked whole each time.
    this.#incremental = incremental && (settings.hub?.sources.length ?? 0) === 0;
    this.#ownership = namespaceOwnership(federation);
    this.#unchecked = uncheckedReason(federation, this.#ownership.owners);
    this.#external = federation.dependencies.flatMap((dependency) => dependency.catalog?.entities ?? []);
    this.#locators = settings.locators ?? new Map<string, SourceLocator>();
    this.#inverses = settings.relationInverses ?? new Map();
    this.#problems = this.#incremental ? new ProblemsByFile() : new ProblemList();
  }

  /** A Linker that goes on from a state an incremental one left (`state()`), perhaps in another process. */
  static resume(settings: LinkSettings, state: LinkState): Linker {
    const linker = new Linker(settings, true);
    if (!linker.#incremental) throw new Error('a link with a hub is not resumed');
    linker.#files = state.files;
    linker.#definitions = state.definitions;
    linker.#links = state.links;
    linker.#referenceReaders = new Readers(state.referenceReaders);
    linker.#ruleReaders = new Readers(state.ruleReaders);
    linker.#problems = new ProblemsByFile(state.problems);
    linker.#catalog = state.catalog;
    linker.#cycleEntities = new Set(state.cycleEntities);
    return linker;
  }

  /** What this incremental Linker knows after its last link, to resume from; undefined before one, or for a one-shot Linker. */
  state(): LinkState | undefined {
    if (!(this.#problems instanceof ProblemsByFile) || !(this.#catalog instanceof LinkedCatalog)) return undefined;
    return {
      files: this.#files,
      definitions: this.#definitions,
      links: this.#links,
      referenceReaders: this.#referenceReaders.byKey,
      ruleReaders: this.#ruleReaders.byKey,
      problems: this.#problems.groups,
      catalog: this.#catalog,
      cycleEntities: this.#cycleEntities,
    };
  }

  /** Links after the given files changed (undefined: removed); the first call gives every file. */
  link(changes: ReadonlyMap<string, LinkedFile | undefined>): LinkStep {
    if (!this.#incremental && this.#catalog !== undefined) return this.#relinkWhole(changes);
    const touched = new Set<string>();
    const replacedTexts = new Set<string>();
    // Locators kept for texts that files no longer have are dropped (none kept: none to drop, no old text read).
    const keptLocators = this.#locators.size > 0;
    for (const [file, linked] of changes) {
      const replaced = keptLocators ? this.#files.get(file)?.text : undefined;
      if (replaced !== undefined && replaced !== linked?.text) replacedTexts.add(replaced);
      for (const entity of this.#files.get(file)?.entities ?? []) {
        touched.add(entity.identity);
        this.#removeDefinition(entity);
      }
      if (linked === undefined) this.#files.delete(file);
      else {
        this.#files.set(file, linked);
        for (const entity of linked.entities) {
          touched.add(entity.identity);
          this.#define(entity);
        }
      }
      this.#problems.set(`file\0${file}`, linked?.diagnostics ?? []);
      this.#problems.touch(file);
    }
    if (this.#hub !== undefined && this.#catalog === undefined) this.#addHub(touched);
    // A text another file now has keeps its locator (hashing every text is not free: skipped when nothing was replaced).
    if (replacedTexts.size > 0) for (const [, linked] of changes) if (linked?.text !== undefined) replacedTexts.delete(linked.text);

    const locate = this.#locator();
    const changed = new Map<string, Entity | undefined>();
    for (const identity of touched) {
      const definitions = this.#definitions.get(identity) ?? [];
      if (definitions.length > 1) this.#definitions.set(identity, definitions.sort(sourceOrder));
      this.#problems.set(`duplicate\0${identity}`, duplicateDiagnostics(identity, definitions, locate));
      const kept = definitions[0];
      if (this.#catalog === undefined || kept !== this.#catalog.get(identity)) changed.set(identity, kept);
    }
    const previous = this.#catalog;
    const catalog = previous === undefined ? this.#firstCatalog() : this.#revised(previous, changed);
    this.#catalog = catalog;
    // What the references and rules of each entity read, when the link is incremental.
    const reader = this.#incremental ? new RecordingReader(catalog) : catalog;

    // What lookups answer differently now; on the first link everything is new and nobody has read yet.
    const changedKeys = new Set<string>();
    if (previous !== undefined) {
      for (const [identity, entity] of changed) {
        const before = previous.get(identity);
        const groupKey = (entity ?? before)?.groupKey;
        changedKeys.add(readKeys.entity(identity));
        if (groupKey !== undefined) changedKeys.add(readKeys.group(groupKey));
        if (entity === undefined || before === undefined) changedKeys.add(readKeys.names);
      }
    }

    const next = new Map<string, EntityLink>();
    const removed = new Set<string>();
    /** The entity's link of this step, started from the previous one. */
    const linkOf = (identity: string): EntityLink => {
      let link = next.get(identity);
      if (link === undefined) next.set(identity, (link = { ...(this.#links.get(identity) ?? NO_LINK) }));
      return link;
    };

    // References: of the entities that changed, and of those whose references read what changed.
    const resolving = this.#affected(changed, previous === undefined ? undefined : this.#referenceReaders, changedKeys, catalog);
    const resolver = new ReferenceResolver(reader, locate, { uncheckedReason: this.#unchecked });
    const relationChanges = new Map<string, readonly Relation[] | undefined>();
    for (const identity of resolving) {
      const entity = this.#localEntity(catalog, identity);
      if (entity === undefined) continue;
      const { value: resolution, reads } = recorded(reader, () => resolver.resolve(entity));
      const link = linkOf(identity);
      link.relations = resolution.relations;
      link.references = resolution.diagnostics;
      link.referenceReads = reads;
      if (previous === undefined || !sameRelations(this.#links.get(identity)?.relations ?? [], resolution.relations))
        relationChanges.set(identity, resolution.relations);
    }
    for (const [identity, entity] of changed) {
      if (entity !== undefined) linkOf(identity).namespace = namespaceProblems(entity, this.#ownership, locate);
      else if (this.#links.has(identity)) {
        removed.add(identity);
        next.set(identity, { ...NO_LINK });
        if ((this.#links.get(identity)?.relations.length ?? 0) > 0) relationChanges.set(identity, undefined);
      }
    }
    this.#applyRelations(catalog, previous, relationChanges, changedKeys);

    // Cycles: found again when a relation that must not cycle, or an entity on a cycle, changed.
    const acyclicChanged = [...relationChanges].some(
      ([identity, relations]) =>
        (relations ?? []).some((relation) => relation.acyclic === true) ||
        (this.#links.get(identity)?.relations ?? []).some((relation) => relation.acyclic === true),
    );
    if (previous === undefined || acyclicChanged || [...changed.keys()].some((identity) => this.#cycleEntities.has(identity))) {
      const acyclic = catalog.entities.flatMap((entity) =>
        (next.get(entity.identity) ?? this.#links.get(entity.identity) ?? NO_LINK).relations.filter(
          (relation) => relation.acyclic === true,
        ),
      );
      const cycles = findCycles(catalog, acyclic, locate);
      this.#cycleEntities = new Set(cycles.flatMap((diagnostic) => (diagnostic.entity === undefined ? [] : [diagnostic.entity])));
      this.#problems.set('cycles', cycles);
    }

    // Rules: of the entities that changed, and of those whose rules read what changed.
    const checking = this.#affected(changed, previous === undefined ? undefined : this.#ruleReaders, changedKeys, catalog);
    const check = createRuleVisitors(reader, this.#ruleset.activeCatalogRules(), locate);
    for (const identity of checking) {
      const entity = this.#localEntity(catalog, identity);
      if (entity === undefined) continue;
      const diagnostics: Diagnostic[] = [];
      const { reads } = recorded(reader, () => {
        check(entity, diagnostics);
      });
      const link = linkOf(identity);
      link.rules = diagnostics;
      link.ruleReads = reads;
    }

    const incremental = this.#incremental;
    for (const [identity, link] of next) {
      const before = this.#links.get(identity) ?? NO_LINK;
      const referenceReads = incremental ? this.#referenceReaders.replace(identity, before.referenceReads, link.referenceReads) : [];
      const ruleReads = incremental ? this.#ruleReaders.replace(identity, before.ruleReads, link.ruleReads) : [];
      if (removed.has(identity)) this.#links.delete(identity);
      else if (incremental) this.#links.set(identity, { ...link, referenceReads, ruleReads });
      this.#problems.set(`entity\0${identity}`, [...link.namespace, ...link.references, ...link.rules]);
    }

    for (const text of replacedTexts) this.#locators.delete(text);
    const fileCount = this.#files.size - (this.#files.has(HUB_FILE) ? 1 : 0);
    return {
      result: { catalog, diagnostics: this.#problems.list(this.#files, this.#ruleset), fileCount },
      changed: new Set(changed.keys()),
      ...(previous === undefined ? {} : { changedKeys }),
    };
  }

  #relinkWhole(changes: ReadonlyMap<string, LinkedFile | undefined>): LinkStep {
    const files = new Map(this.#files);
    files.delete(HUB_FILE);
    for (const [file, linked] of changes) {
      if (linked === undefined) files.delete(file);
      else files.set(file, linked);
    }
    const before = this.#catalog?.entities.map((entity) => entity.identity) ?? [];
    this.#files = new Map();
    this.#definitions = new Map();
    this.#links = new Map();
    this.#problems = new ProblemList();
    this.#catalog = undefined;
    const step = this.link(files);
    return { result: step.result, changed: new Set([...before, ...step.changed]) };
  }

  #define(entity: Entity): void {
    this.#definitions.set(entity.identity, [...(this.#definitions.get(entity.identity) ?? []), entity]);
  }

  #removeDefinition(entity: Entity): void {
    const definitions = this.#definitions.get(entity.identity)?.filter((definition) => definition !== entity) ?? [];
    if (definitions.length === 0) this.#definitions.delete(entity.identity);
    else this.#definitions.set(entity.identity, definitions);
  }

  /** A hub's sources: their entities as this catalog's own, their problems as they were published. */
  #addHub(touched: Set<string>): void {
    const entities = this.#hub?.sources.flatMap((source) => source.catalog?.entities ?? []) ?? [];
    this.#files.set(HUB_FILE, { text: undefined, entities, diagnostics: [] });
    for (const entity of entities) {
      touched.add(entity.identity);
      this.#define(entity);
    }
    this.#problems.set('hub', hubDiagnostics(this.#hub));
  }

  /** Where a node of a file's document is, from the file's text. */
  #locator(): LocateNode {
    return (file, document, pointer, part) => {
      const text = this.#files.get(file)?.text;
      if (text === undefined) return ZERO_RANGE;
      let locator = this.#locators.get(text);
      if (locator === undefined) {
        locator = new SourceLocator(text);
        this.#locators.set(text, locator);
      }
      return locator.locate(document, pointer, part);
    };
  }

  /** This repository's (or hub's) entity of that identity, not another repository's. */
  #localEntity(catalog: CatalogReader, identity: string): Entity | undefined {
    return this.#definitions.has(identity) ? catalog.get(identity) : undefined;
  }

  /** The catalog of a first link: revisable when the link is incremental. */
  #firstCatalog(): LinkedCatalog | Catalog {
    const entities = [...this.#definitions.values()].map((definitions) => definitions[0] as Entity);
    return this.#incremental ? LinkedCatalog.of(entities, this.#external) : new Catalog(entities, this.#external);
  }

  #revised(previous: LinkedCatalog | Catalog, changed: ReadonlyMap<string, Entity | undefined>): LinkedCatalog {
    return revisable(previous).revise(changed);
  }

  /** Every entity on the first link; then the changed ones and the readers of what changed. */
  #affected(
    changed: ReadonlyMap<string, Entity | undefined>,
    readers: Readers | undefined,
    changedKeys: ReadonlySet<string>,
    catalog: CatalogReader,
  ): Iterable<string> {
    if (readers === undefined) return catalog.entities.map((entity) => entity.identity);
    const affected = new Set(changed.keys());
    readers.of(changedKeys, affected);
    return affected;
  }

  /** Sets the catalog's relations, and adds to `changedKeys` the relation lists that changed. */
  #applyRelations(
    catalog: LinkedCatalog | Catalog,
    previous: CatalogReader | undefined,
    changes: ReadonlyMap<string, readonly Relation[] | undefined>,
    changedKeys: Set<string>,
  ): void {
    if (previous === undefined) {
      const relations = catalog.entities.flatMap((entity) => changes.get(entity.identity) ?? []);
      const hub = this.#hub?.sources ?? [];
      catalog.setRelations(hub.length === 0 ? relations : [...relations, ...hubRelations(catalog, hub, this.#inverses)]);
      return;
    }
    for (const [identity, relations] of changes) {
      changedKeys.add(readKeys.outgoing(identity));
      for (const relation of [...(this.#links.get(identity)?.relations ?? []), ...(relations ?? [])])
        changedKeys.add(readKeys.incoming(relation.target));
    }
    if (changes.size > 0) revisable(catalog).reviseRelations(changes);
  }
}

/** A catalog a link revises: only an incremental link's (a one-shot link links again whole, #relinkWhole). */
function revisable(catalog: LinkedCatalog | Catalog): LinkedCatalog {
  if (!(catalog instanceof LinkedCatalog)) throw new Error('a one-shot link does not revise its catalog');
  return catalog;
}

/** Runs `compute`, with what it read when the link records reads (a one-shot link records nothing). */
function recorded<T>(reader: CatalogReader, compute: () => T): { value: T; reads: readonly string[] } {
  if (!(reader instanceof RecordingReader)) return { value: compute(), reads: [] };
  const { value, reads } = reader.record(compute);
  return { value, reads: [...reads] };
}

function sameRelations(a: readonly Relation[], b: readonly Relation[]): boolean {
  return (
    a.length === b.length &&
    a.every((relation, index) => {
      const other = b[index] as Relation;
      return (
        relation.type === other.type &&
        relation.target === other.target &&
        relation.member === other.member &&
        relation.pointer.join('/') === other.pointer.join('/')
      );
    })
  );
}
