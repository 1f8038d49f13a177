// The pure core: source texts in, Catalog and diagnostics out. No file system, so git revisions compile alike.
// Two steps: analysing files (parse and validate, each file on its own) and linking the resulting
// entities into a Catalog (identities, references, cycles, rules).

import { buildCatalog } from '../catalog/build-catalog.js';
import type { Catalog, CompileResult, Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { findCycles } from '../catalog/find-cycles.js';
import type { LocateNode } from '../catalog/locations.js';
import { resolveReferences } from '../catalog/resolve-references.js';
import { namespaceNotOwned, sourceUnavailable } from '../ground/core-rules/entity.js';
import { compareDiagnostics, ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { applySuppressions } from '../rules/apply-suppressions.js';
import { Ruleset } from '../rules/ruleset.js';
import { runCatalogRules } from '../rules/run-rules.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import type { ReadCatalog } from './read-catalog-json.js';
import type { SourceText } from '../source/project-files.js';
import { DocumentValidator } from '../validate/validate-document.js';

export interface CompileInput {
  sources: readonly SourceText[];
  /** Problems found before parsing (unreadable, binary, too large ...). */
  fileDiagnostics?: readonly Diagnostic[];
  /** Which rules run at which severity; without one, only schema, reference and file checks run. */
  ruleset?: Ruleset;
  /** Namespaces this repository defines and other repositories' catalogs (`namespaces`, `dependencies`). */
  federation?: Federation;
  /** For a hub: the catalogs merged into this one (`sources`), their entities as its own. */
  hub?: Hub;
  /**
   * Locators of file texts, by text, shared by compiles of many revisions (history): a file's YAML
   * events are parsed once while its text stays the same. Entries are added; the caller prunes.
   */
  locators?: Map<string, SourceLocator>;
}

export interface Hub {
  /** Display path of dossier.yaml, where an unreadable source is reported. */
  configFile: string;
  sources: readonly DependencyCatalog[];
}

/** Another repository's catalog, as far as it could be read. */
export interface DependencyCatalog {
  /** The repository's name from dossier.yaml. */
  name: string;
  /** Its entities and namespaces; undefined when the catalog could not be read. */
  catalog: ReadCatalog | undefined;
  /** Why it could not be read. */
  problem?: string;
}

export interface Federation {
  /** The namespaces this repository defines; undefined when dossier.yaml does not say. */
  namespaces: readonly string[] | undefined;
  dependencies: readonly DependencyCatalog[];
}

/** What files say on their own, before entities are linked. */
export interface Analysis {
  entities: Entity[];
  diagnostics: Diagnostic[];
}

let sharedValidator: DocumentValidator | undefined;

/** Parses and validates each file on its own. */
export function analyzeSources(sources: readonly SourceText[]): Analysis {
  sharedValidator ??= new DocumentValidator();
  const validator = sharedValidator;
  const diagnostics: Diagnostic[] = [];
  const entities: Entity[] = [];
  for (const { file, text } of sources) {
    const locator = new SourceLocator(text);
    const parsed = parseYaml(text, file, locator);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) {
      const result = validator.validate({ file, document, locator });
      if (result.entity) entities.push(result.entity);
      diagnostics.push(...result.diagnostics);
    }
  }
  return { entities, diagnostics };
}

/** The analyses of several files as one, in their order: what linking takes when files are analysed apart (caches, history). */
export function mergeAnalyses(parts: readonly Analysis[]): Analysis {
  return { entities: parts.flatMap((part) => part.entities), diagnostics: parts.flatMap((part) => part.diagnostics) };
}

/** Links analysed entities into a Catalog: duplicate identities, references, cycles, rule settings. */
export function linkAnalysis(input: CompileInput, analysis: Analysis): CompileResult {
  const texts = new Map(input.sources.map((source) => [source.file, source.text]));
  const byText = input.locators ?? new Map<string, SourceLocator>();
  const locate: LocateNode = (file, document, pointer, part) => {
    const text = texts.get(file);
    if (text === undefined) return ZERO_RANGE;
    let locator = byText.get(text);
    if (locator === undefined) {
      locator = new SourceLocator(text);
      byText.set(text, locator);
    }
    return locator.locate(document, pointer, part);
  };

  const ruleset = input.ruleset ?? Ruleset.coreOnly();
  const federation = input.federation ?? { namespaces: undefined, dependencies: [] };
  const external = federation.dependencies.flatMap((dependency) => dependency.catalog?.entities ?? []);
  const hubSources = input.hub?.sources ?? [];
  const hubEntities = hubSources.flatMap((source) => source.catalog?.entities ?? []);
  const built = buildCatalog(hubEntities.length === 0 ? analysis.entities : [...analysis.entities, ...hubEntities], locate, external);
  const owners = namespaceOwners(federation);
  const resolution = resolveReferences(built.catalog, locate, { uncheckedReason: uncheckedReason(federation, owners) });
  built.catalog.setRelations(
    hubSources.length === 0 ? resolution.relations : [...resolution.relations, ...hubRelations(built.catalog, hubSources)],
  );
  const diagnostics = [
    ...(input.fileDiagnostics ?? []),
    ...analysis.diagnostics,
    ...built.diagnostics,
    ...hubDiagnostics(input.hub),
    ...checkNamespaces(built.catalog, federation, owners, locate),
    ...resolution.diagnostics,
    ...findCycles(built.catalog, resolution.relations, locate),
    ...runCatalogRules(built.catalog, ruleset.activeCatalogRules(), locate),
  ];
  return {
    catalog: built.catalog,
    diagnostics: applyRuleSettings(applySuppressions(diagnostics, input.sources), ruleset).sort(compareDiagnostics),
    fileCount: input.sources.length + (input.fileDiagnostics?.length ?? 0),
  };
}

export function compileSources(input: CompileInput): CompileResult {
  return linkAnalysis(input, analyzeSources(input.sources));
}

/** The relations the sources' catalogs recorded, kept where both ends are in the hub. */
function hubRelations(catalog: Catalog, sources: readonly DependencyCatalog[]): Relation[] {
  sharedValidator ??= new DocumentValidator();
  const inverses = sharedValidator.relationInverses();
  const relations: Relation[] = [];
  for (const source of sources) {
    for (const relation of source.catalog?.relations ?? []) {
      if (catalog.get(relation.source) === undefined || catalog.get(relation.target) === undefined) continue;
      relations.push({
        type: relation.type,
        inverse: inverses.get(relation.type) ?? relation.type,
        source: relation.source,
        target: relation.target,
        pointer: relation.pointer,
        ...(relation.member === undefined ? {} : { member: relation.member }),
      });
    }
  }
  return relations;
}

/** The problems the sources were published with, and the sources that could not be read. */
function hubDiagnostics(hub: Hub | undefined): Diagnostic[] {
  if (hub === undefined) return [];
  return hub.sources.flatMap((source) =>
    source.catalog === undefined
      ? [
          createDiagnostic(
            sourceUnavailable,
            'unavailable',
            { repository: source.name, reason: source.problem ?? 'unknown' },
            { file: hub.configFile, range: ZERO_RANGE },
          ),
        ]
      : source.catalog.diagnostics,
  );
}

/** Which repository defines each namespace its catalog declares. */
function namespaceOwners(federation: Federation): Map<string, string> {
  const owners = new Map<string, string>();
  for (const dependency of federation.dependencies) {
    if (dependency.catalog?.declared !== true) continue;
    for (const namespace of dependency.catalog.namespaces) owners.set(namespace, dependency.name);
  }
  return owners;
}

/**
 * References into a namespace nobody at hand defines cannot be called unresolved while a
 * dependency's catalog is missing: that catalog may define it.
 */
function uncheckedReason(
  federation: Federation,
  owners: ReadonlyMap<string, string>,
): ((namespace: string) => string | undefined) | undefined {
  const unavailable = federation.dependencies.filter((dependency) => dependency.catalog === undefined);
  if (unavailable.length === 0) return undefined;
  const reason = unavailable
    .map((dependency) => `the catalog of ${dependency.name} could not be read (${dependency.problem ?? 'unknown'})`)
    .join('; ');
  const local = federation.namespaces === undefined ? undefined : new Set(federation.namespaces);
  const seen = new Set(federation.dependencies.flatMap((dependency) => dependency.catalog?.namespaces ?? []));
  return (namespace) => (owners.has(namespace) || seen.has(namespace) || local?.has(namespace) === true ? undefined : reason);
}

/** Entities belong in the namespaces this repository defines, never in one a dependency defines. */
function checkNamespaces(catalog: Catalog, federation: Federation, owners: ReadonlyMap<string, string>, locate: LocateNode): Diagnostic[] {
  const declared = federation.namespaces === undefined ? undefined : new Set(federation.namespaces);
  if (declared === undefined && owners.size === 0) return [];
  const diagnostics: Diagnostic[] = [];
  for (const entity of catalog.entities) {
    // A hub's sources were checked where they live.
    if (entity.origin !== undefined) continue;
    const at = {
      file: entity.source.file,
      range: locate(
        entity.source.file,
        entity.source.document,
        entity.metadata.namespace === undefined ? ['metadata', 'name'] : ['metadata', 'namespace'],
      ),
      entity: entity.identity,
    };
    const owner = owners.get(entity.namespace);
    if (owner !== undefined) {
      diagnostics.push(
        createDiagnostic(
          namespaceNotOwned,
          'ownedElsewhere',
          { identity: entity.identity, namespace: entity.namespace, repository: owner },
          at,
        ),
      );
    } else if (declared !== undefined && !declared.has(entity.namespace)) {
      const namespaces = [...declared].join(', ');
      diagnostics.push(
        createDiagnostic(namespaceNotOwned, 'notListed', { identity: entity.identity, namespace: entity.namespace, namespaces }, at),
      );
    }
  }
  return diagnostics;
}

/** Drops diagnostics of rules that are off for their file and applies configured severities. */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], ruleset: Ruleset): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = ruleset.severityFor(diagnostic.ruleId, diagnostic.file);
    if (setting === 'off') continue;
    out.push(setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
  }
  return out;
}
