// What a repository's place among others adds to linking: namespaces it owns or must not use,
// dependencies' catalogs that references may point into, and a hub's merged sources.

import type { CatalogReader, Relation } from '../catalog/catalog.js';
import type { LocateNode } from '../catalog/locations.js';
import { namespaceNotOwned, sourceUnavailable } from '../ground/core-rules/entity.js';
import { ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { Entity } from '../model/entity.js';
import type { ReadCatalog } from './read-catalog-json.js';

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

/** The relations the sources' catalogs recorded, kept where both ends are in the hub. */
export function hubRelations(
  catalog: CatalogReader,
  sources: readonly DependencyCatalog[],
  inverses: ReadonlyMap<string, string>,
): Relation[] {
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
export function hubDiagnostics(hub: Hub | undefined): Diagnostic[] {
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
export function namespaceOwners(federation: Federation): Map<string, string> {
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
export function uncheckedReason(
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

/** What decides whose namespace an entity is in: the namespaces dossier.yaml declares, and who defines which elsewhere. */
export interface NamespaceOwnership {
  declared: ReadonlySet<string> | undefined;
  owners: ReadonlyMap<string, string>;
}

export function namespaceOwnership(federation: Federation): NamespaceOwnership {
  return {
    declared: federation.namespaces === undefined ? undefined : new Set(federation.namespaces),
    owners: namespaceOwners(federation),
  };
}

/** Entities belong in the namespaces this repository defines, never in one a dependency defines. */
export function namespaceProblems(entity: Entity, { declared, owners }: NamespaceOwnership, locate: LocateNode): Diagnostic[] {
  // A hub's sources were checked where they live.
  if ((declared === undefined && owners.size === 0) || entity.origin !== undefined) return [];
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
    return [
      createDiagnostic(
        namespaceNotOwned,
        'ownedElsewhere',
        { identity: entity.identity, namespace: entity.namespace, repository: owner },
        at,
      ),
    ];
  }
  if (declared !== undefined && !declared.has(entity.namespace)) {
    const namespaces = [...declared].join(', ');
    return [createDiagnostic(namespaceNotOwned, 'notListed', { identity: entity.identity, namespace: entity.namespace, namespaces }, at)];
  }
  return [];
}
