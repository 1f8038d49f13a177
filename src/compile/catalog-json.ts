// catalog.json: the resolved Catalog as one document, described by schemas/catalog.schema.json.

import type { CatalogReader, Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { KINDS } from '../model/kinds.js';
import { compareStrings, countDiagnostics, type Diagnostic } from '../ground/diagnostics.js';
import { stableStringify } from '../ground/stable-json.js';
import { displayPath } from '../validate/schema-errors.js';
import { oneBasedRange } from '../ground/location.js';

export const CATALOG_FORMAT_VERSION = 1;

export interface CatalogRelationJson {
  type: string;
  direction: 'outgoing' | 'incoming';
  /** Identity of the entity on the other end. */
  target: string;
  /** Field of the referring entity that holds the reference. */
  field: string;
  member?: string;
}

export interface CatalogDiagnosticJson {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: string;
  hint?: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  entity?: string;
}

export function toDiagnosticJson(d: Diagnostic): CatalogDiagnosticJson {
  const json: CatalogDiagnosticJson = {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    ...oneBasedRange(d.range),
  };
  if (d.hint !== undefined) json.hint = d.hint;
  if (d.entity !== undefined) json.entity = d.entity;
  return json;
}

function relationJson(relation: Relation, direction: 'outgoing' | 'incoming'): CatalogRelationJson {
  const json: CatalogRelationJson = {
    type: direction === 'outgoing' ? relation.type : relation.inverse,
    direction,
    target: direction === 'outgoing' ? relation.target : relation.source,
    field: displayPath(relation.pointer),
  };
  if (relation.member !== undefined) json.member = relation.member;
  return json;
}

function compareRelations(a: CatalogRelationJson, b: CatalogRelationJson): number {
  return (
    compareStrings(a.direction, b.direction) ||
    compareStrings(a.type, b.type) ||
    compareStrings(a.target, b.target) ||
    compareStrings(a.field, b.field) ||
    compareStrings(a.member ?? '', b.member ?? '')
  );
}

function entityJson(catalog: CatalogReader, entity: Entity): Record<string, unknown> {
  const relations = [
    ...catalog.outgoing(entity.identity).map((r) => relationJson(r, 'outgoing')),
    ...catalog.incoming(entity.identity).map((r) => relationJson(r, 'incoming')),
  ].sort(compareRelations);
  const latest = catalog.latest(entity.groupKey);
  return {
    identity: entity.identity,
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
    version: entity.version,
    latest: entity.version === undefined ? undefined : latest === entity,
    lifecycle: entity.lifecycle,
    valid: entity.valid,
    source: { file: entity.source.file, document: entity.source.document, line: entity.source.line + 1, column: entity.source.column + 1 },
    metadata: entity.metadata,
    spec: entity.spec,
    relations,
  };
}

function catalogSummary(catalog: CatalogReader, diagnostics: readonly Diagnostic[]): Record<string, unknown> {
  const byKind: Record<string, number> = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  for (const entity of catalog.entities) byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
  return { entities: catalog.entities.length, byKind, diagnostics: countDiagnostics(diagnostics) };
}

/** `Reused`: how an earlier file's texts come, as they are (its bytes) or decoded. */
export interface CatalogJsonOptions<Reused extends string | Uint8Array = string> {
  /** The namespaces the repository defines, when dossier.yaml says. */
  namespaces?: readonly string[] | undefined;
  /**
   * An entity's text as an earlier catalog.json had it, when it is known to be the same (a site
   * rebuild takes it over); yielded as it is, and not kept once the next piece is asked for.
   */
  reuse?: (entity: Entity) => Reused | undefined;
  /** Told each entity's text (indented as in the file, without the comma) just before it is yielded. */
  written?: (entity: Entity, text: string | Reused) => void;
}

/** The whole catalog as one value; for large catalogs prefer the streamed {@link catalogJsonChunks}. */
export function catalogToJson(
  catalog: CatalogReader,
  diagnostics: readonly Diagnostic[],
  options: CatalogJsonOptions = {},
): Record<string, unknown> {
  return {
    apiVersion: 'dossier/v1',
    kind: 'Catalog',
    formatVersion: CATALOG_FORMAT_VERSION,
    ...(options.namespaces === undefined ? {} : { namespaces: [...options.namespaces] }),
    summary: catalogSummary(catalog, diagnostics),
    entities: catalog.entities.map((entity) => entityJson(catalog, entity)),
    diagnostics: diagnostics.map(toDiagnosticJson),
  };
}

/**
 * catalog.json piece by piece, byte-identical to `stableStringify(catalogToJson(...))`, so that a
 * catalog of 100k entities is never held in memory as one string.
 */
export function* catalogJsonChunks<Reused extends string | Uint8Array = string>(
  catalog: CatalogReader,
  diagnostics: readonly Diagnostic[],
  options: CatalogJsonOptions<Reused> = {},
): Generator<string | Reused> {
  const indentItem = (json: string) => `    ${json.replaceAll('\n', '\n    ')}`;
  function* list<T>(key: string, items: readonly T[], textOf: (item: T) => string | Reused, last: boolean): Generator<string | Reused> {
    if (items.length === 0) {
      yield `  "${key}": []${last ? '' : ','}\n`;
      return;
    }
    yield `  "${key}": [\n`;
    for (let i = 0; i < items.length; i++) {
      yield textOf(items[i] as T);
      yield i < items.length - 1 ? ',\n' : '\n';
    }
    yield `  ]${last ? '' : ','}\n`;
  }
  const entityText = (entity: Entity): string | Reused => {
    const text = options.reuse?.(entity) ?? indentItem(stableStringify(entityJson(catalog, entity)));
    options.written?.(entity, text);
    return text;
  };
  // Keys in sorted order, as stableStringify would print them.
  yield `{\n  "apiVersion": "dossier/v1",\n`;
  yield* list('diagnostics', diagnostics, (diagnostic) => indentItem(stableStringify(toDiagnosticJson(diagnostic))), false);
  yield* list('entities', catalog.entities, entityText, false);
  yield `  "formatVersion": ${CATALOG_FORMAT_VERSION},\n  "kind": "Catalog",\n`;
  if (options.namespaces !== undefined) yield `  "namespaces": ${stableStringify(options.namespaces).replaceAll('\n', '\n  ')},\n`;
  yield `  "summary": ${stableStringify(catalogSummary(catalog, diagnostics)).replaceAll('\n', '\n  ')}\n}\n`;
}

export function renderCatalogJson(catalog: CatalogReader, diagnostics: readonly Diagnostic[], options: CatalogJsonOptions = {}): string {
  return [...catalogJsonChunks(catalog, diagnostics, options)].join('');
}
