// Linking: analysed files to a Catalog with every problem of the whole (duplicate identities,
// references, cycles, namespaces, governance rules), and again after some files changed.
//
// An incremental Linker records what each entity's references and rules read of the Catalog (as
// `readKeys`) and, after a change, checks again only the entities whose reads changed, as build
// systems re-run only the steps whose inputs changed. A one-shot compile links once, not recording.

import { duplicateDiagnostics, sourceOrder } from '../catalog/duplicate-identities.js';
import { Catalog, type CatalogReader, type Relation } from '../catalog/catalog.js';
import { LinkedCatalog } from '../engine/linked-catalog.js';
import { readKeys } from '../engine/read-keys.js';
import { addChangedChains } from '../engine/changed-chains.js';
import { RecordingReader } from '../engine/recording-reader.js';
import { findCycles } from '../catalog/find-cycles.js';
import { explainStrandedReferences } from './explain-stranded.js';
import { ProblemList, ProblemsByFile, type Problems } from './link-problems.js';
import { NO_LINK, type EntityLink, type LinkedFile, type LinkState, type LinkStep } from './link-state.js';
import { Readers } from './lookup-readers.js';
import type { LocateNode } from '../catalog/locations.js';
import { ReferenceResolver } from '../catalog/resolve-references.js';
import { ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { Ruleset } from '../rules/ruleset.js';
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

export interface LinkSettings {
  ruleset?: Ruleset | undefined;
  federation?: Federation | undefined;
  hub?: Hub | undefined;
  /** Locators of file texts, by text, shared across links; the Linker drops those of texts its files no longer have. */
  locators?: Map<string, SourceLocator> | undefined;
  /** Hub relations need the schemas' relation names; the compile passes them when there is a hub. */
  relationInverses?: ReadonlyMap<string, string> | undefined;
}

const HUB_FILE = '\0hub';

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
  /** The lists of definitions the current link made: only those grow in place (a copy per copy of one identity was N^2). */
  #madeThisLink = new WeakSet<Entity[]>();
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
    this.#madeThisLink = new WeakSet();
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
    if (previous !== undefined) addChangedChains(catalog, [...changed.keys(), ...relationChanges.keys()], changedKeys);

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
      result: {
        catalog,
        diagnostics: explainStrandedReferences(this.#problems.list(this.#files, this.#ruleset), (file) => this.#files.get(file)?.text),
        fileCount,
      },
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
    const definitions = this.#definitions.get(entity.identity);
    if (definitions !== undefined && this.#madeThisLink.has(definitions)) definitions.push(entity);
    else {
      const made = [...(definitions ?? []), entity];
      this.#madeThisLink.add(made);
      this.#definitions.set(entity.identity, made);
    }
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
