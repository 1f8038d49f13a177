// Another repository's catalog.json read back as entities, so references into its namespaces
// resolve with the same checks as local ones. The file is untrusted: checked against
// schemas/catalog.schema.json and the format version before anything in it is used.

import { parseBoundedJson } from '../source/bounded-json.js';
import { MAX_DEPTH } from '../source/yaml-limits.js';
import { isKind, isRecord, KIND_INFO } from '../model/kinds.js';
import { isLifecycle, type Entity } from '../model/entity.js';
import { formatIdentity } from '../model/reference.js';
import { compileWithSharedSchemas } from '../validate/ajv-instance.js';
import { displayPath } from '../validate/schema-errors.js';
import { CATALOG_FORMAT_VERSION } from './catalog-json.js';
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from '../ground/diagnostics.js';

export interface ReadCatalog {
  entities: Entity[];
  /** The namespaces the repository says it defines, else those its entities use. */
  namespaces: string[];
  /** Whether the repository declared its namespaces (only then does it own them exclusively). */
  declared: boolean;
  /** Its references to entities it does not define itself: what it reads from other repositories. */
  crossReferences: CrossReference[];
  /** Every reference of its entities, as relations from the referring entity. */
  relations: CatalogRelation[];
  /** The problems it was published with, located in its own files. */
  diagnostics: Diagnostic[];
}

export interface CatalogRelation {
  source: string;
  type: string;
  target: string;
  /** JSON pointer segments of the reference in the referring entity. */
  pointer: string[];
  member?: string;
}

/** A reference from an entity of one catalog to an entity of another repository. */
export interface CrossReference {
  /** The referring entity, with its kind and whether it runs in production. */
  source: string;
  sourceKind: string;
  inProduction: boolean;
  type: string;
  target: string;
  member?: string;
}

/** A catalog that cannot be used, with what is wrong in words for the person who configured it. */
export class CatalogFormatError extends Error {
  override readonly name = 'CatalogFormatError';
}

let validateCatalog: ValidateFunction | undefined;

/** The catalog, its list of entities, an entity: the levels above an entity's own values. */
const CATALOG_ENVELOPE_DEPTH = 3;

/** Parses and checks a catalog.json; its entities carry `origin: repository`. */
export function readCatalogJson(text: string, repository: string): ReadCatalog {
  let value: unknown;
  try {
    // An entity's values nest as deep as YAML lets them, inside the catalog's list of entities.
    value = parseBoundedJson(text, MAX_DEPTH + CATALOG_ENVELOPE_DEPTH);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('nested more than')) throw new CatalogFormatError(`its values are ${message}; none of its entities were read`);
    // Never the parser's message: it quotes the text, and the file may be anything (a secret, /etc/shadow).
    const position = /position (\d+)/.exec(message)?.[1];
    throw new CatalogFormatError(`it is not JSON${position === undefined ? '' : ` (at character ${position})`}; is it cut short?`);
  }
  if (!isRecord(value) || value.kind !== 'Catalog' || value.apiVersion !== 'dossier/v1')
    throw new CatalogFormatError(
      'it is not a Dossier catalog (no `apiVersion: dossier/v1`, `kind: Catalog`); write it with `dossier compile --out`',
    );
  if (typeof value.formatVersion === 'number' && value.formatVersion > CATALOG_FORMAT_VERSION)
    throw new CatalogFormatError(
      `it is in catalog format ${value.formatVersion}, newer than this Dossier reads (${CATALOG_FORMAT_VERSION}); upgrade Dossier`,
    );
  validateCatalog ??= compileWithSharedSchemas('catalog.schema.json');
  if (!validateCatalog(value)) {
    const first = validateCatalog.errors?.[0];
    const where = first === undefined ? '' : displayPath(first.instancePath.split('/').slice(1));
    throw new CatalogFormatError(
      `it does not match schemas/catalog.schema.json: \`${where || '(root)'}\` ${first?.message ?? ''}; none of its entities were read`,
    );
  }
  const entities = (value.entities as unknown[]).filter(isRecord).flatMap((json) => {
    const entity = entityFrom(json, repository);
    return entity === undefined ? [] : [entity];
  });
  const declared = Array.isArray(value.namespaces) ? value.namespaces.filter((ns): ns is string => typeof ns === 'string') : [];
  const relations = relationsOf(value.entities as unknown[]);
  const rest = {
    entities,
    crossReferences: crossReferencesOf(relations, entities),
    relations,
    diagnostics: (value.diagnostics as unknown[]).filter(isRecord).map((json) => diagnosticFrom(json, repository)),
  };
  if (declared.length > 0) return { ...rest, namespaces: declared, declared: true };
  return { ...rest, namespaces: [...new Set(entities.map((e) => e.namespace))].sort(), declared: false };
}

/** A file of another repository, as messages and the site show it. */
export function fileIn(repository: string, file: string): string {
  return `${repository}:${file}`;
}

function relationsOf(entities: readonly unknown[]): CatalogRelation[] {
  const found: CatalogRelation[] = [];
  for (const json of entities) {
    if (!isRecord(json) || typeof json.identity !== 'string' || !Array.isArray(json.relations)) continue;
    for (const relation of json.relations) {
      if (
        !isRecord(relation) ||
        relation.direction !== 'outgoing' ||
        typeof relation.target !== 'string' ||
        typeof relation.type !== 'string'
      )
        continue;
      found.push({
        source: json.identity,
        type: relation.type,
        target: relation.target,
        pointer: typeof relation.field === 'string' ? pointerOf(relation.field) : [],
        ...(typeof relation.member === 'string' ? { member: relation.member } : {}),
      });
    }
  }
  return found;
}

/** `spec.training.datasets[0].ref` -> ['spec', 'training', 'datasets', '0', 'ref'] */
function pointerOf(field: string): string[] {
  return field.split(/\.|\[|\]/).filter((segment) => segment !== '');
}

function diagnosticFrom(json: Record<string, unknown>, repository: string): Diagnostic {
  const number = (value: unknown) => (typeof value === 'number' && value >= 1 ? value - 1 : 0);
  const severity = json.severity === 'error' || json.severity === 'warning' ? json.severity : 'info';
  const diagnostic: Diagnostic = {
    ruleId: typeof json.ruleId === 'string' ? json.ruleId : 'unknown',
    messageId: 'published',
    data: {},
    severity,
    message: typeof json.message === 'string' ? json.message : '',
    file: fileIn(repository, typeof json.file === 'string' ? json.file : ''),
    range: {
      start: { line: number(json.line), column: number(json.column) },
      end: { line: number(json.endLine), column: number(json.endColumn) },
    },
  };
  if (typeof json.hint === 'string') diagnostic.hint = json.hint;
  if (typeof json.entity === 'string') diagnostic.entity = json.entity;
  return diagnostic;
}

/** The relations whose target the catalog does not define: what it reads from other repositories. */
function crossReferencesOf(relations: readonly CatalogRelation[], entities: readonly Entity[]): CrossReference[] {
  const byIdentity = new Map(entities.map((entity) => [entity.identity, entity]));
  return relations.flatMap((relation) => {
    if (byIdentity.has(relation.target)) return [];
    const source = byIdentity.get(relation.source);
    const inProduction = source?.spec.stage === 'production' || source?.spec.environment === 'production';
    return [
      {
        source: relation.source,
        sourceKind: source?.kind ?? '',
        inProduction,
        type: relation.type,
        target: relation.target,
        ...(relation.member === undefined ? {} : { member: relation.member }),
      },
    ];
  });
}

function entityFrom(json: Record<string, unknown>, repository: string): Entity | undefined {
  const { kind, namespace, name, version, lifecycle } = json;
  if (!isKind(kind) || typeof namespace !== 'string' || typeof name !== 'string') return undefined;
  const versionText = typeof version === 'string' ? version : undefined;
  const source = isRecord(json.source) ? json.source : {};
  return {
    kind,
    kindSlug: KIND_INFO[kind].slug,
    namespace,
    name,
    version: versionText,
    identity: formatIdentity(KIND_INFO[kind].slug, namespace, name, versionText),
    groupKey: formatIdentity(KIND_INFO[kind].slug, namespace, name),
    lifecycle: isLifecycle(lifecycle) ? lifecycle : 'active',
    metadata: isRecord(json.metadata) ? json.metadata : {},
    spec: isRecord(json.spec) ? json.spec : {},
    source: {
      file: fileIn(repository, typeof source.file === 'string' ? source.file : ''),
      document: typeof source.document === 'number' ? source.document : 0,
      line: typeof source.line === 'number' ? source.line - 1 : 0,
      column: typeof source.column === 'number' ? source.column - 1 : 0,
    },
    references: [],
    valid: json.valid !== false,
    origin: repository,
  };
}
