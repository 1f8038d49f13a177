// Another repository's catalog.json read back as entities, so references into its namespaces
// resolve with the same checks as local ones. The file is untrusted: checked against
// schemas/catalog.schema.json and the format version before anything in it is used.

import { isKind, isRecord, KIND_INFO } from '../model/kinds.js';
import type { Entity, Lifecycle } from '../model/entity.js';
import { formatIdentity } from '../model/reference.js';
import { createAjv, loadSchema } from '../validate/ajv-instance.js';
import { displayPath } from '../validate/schema-errors.js';
import { CATALOG_FORMAT_VERSION } from './catalog-json.js';
import type { ValidateFunction } from 'ajv';

export interface ReadCatalog {
  entities: Entity[];
  /** The namespaces the repository says it defines, else those its entities use. */
  namespaces: string[];
  /** Whether the repository declared its namespaces (only then does it own them exclusively). */
  declared: boolean;
}

/** A catalog that cannot be used, with what is wrong in words for the person who configured it. */
export class CatalogFormatError extends Error {
  override readonly name = 'CatalogFormatError';
}

let validateCatalog: ValidateFunction | undefined;

const LIFECYCLES = new Set<Lifecycle>(['experimental', 'active', 'deprecated', 'retired']);

/** Parses and checks a catalog.json; its entities carry `origin: repository`. */
export function readCatalogJson(text: string, repository: string): ReadCatalog {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogFormatError(`it is not JSON (${error instanceof Error ? error.message : String(error)}); is it cut short?`);
  }
  if (!isRecord(value) || value.kind !== 'Catalog' || value.apiVersion !== 'dossier/v1')
    throw new CatalogFormatError(
      'it is not a Dossier catalog (no `apiVersion: dossier/v1`, `kind: Catalog`); write it with `dossier compile --out`',
    );
  if (typeof value.formatVersion === 'number' && value.formatVersion > CATALOG_FORMAT_VERSION)
    throw new CatalogFormatError(
      `it is in catalog format ${value.formatVersion}, newer than this Dossier reads (${CATALOG_FORMAT_VERSION}); upgrade Dossier`,
    );
  validateCatalog ??= createAjv().compile(loadSchema('catalog.schema.json'));
  if (!validateCatalog(value)) {
    const first = validateCatalog.errors?.[0];
    const where = first === undefined ? '' : displayPath(first.instancePath.split('/').slice(1));
    throw new CatalogFormatError(`it does not match schemas/catalog.schema.json: \`${where || '(root)'}\` ${first?.message ?? ''}`);
  }
  const entities = (value.entities as unknown[]).filter(isRecord).flatMap((json) => {
    const entity = entityFrom(json, repository);
    return entity === undefined ? [] : [entity];
  });
  const declared = Array.isArray(value.namespaces) ? value.namespaces.filter((ns): ns is string => typeof ns === 'string') : [];
  if (declared.length > 0) return { entities, namespaces: declared, declared: true };
  return { entities, namespaces: [...new Set(entities.map((e) => e.namespace))].sort(), declared: false };
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
    lifecycle: LIFECYCLES.has(lifecycle as Lifecycle) ? (lifecycle as Lifecycle) : 'active',
    metadata: isRecord(json.metadata) ? json.metadata : {},
    spec: isRecord(json.spec) ? json.spec : {},
    source: {
      file: typeof source.file === 'string' ? source.file : '',
      document: typeof source.document === 'number' ? source.document : 0,
      line: typeof source.line === 'number' ? source.line - 1 : 0,
      column: typeof source.column === 'number' ? source.column - 1 : 0,
    },
    references: [],
    valid: json.valid !== false,
    origin: repository,
  };
}
