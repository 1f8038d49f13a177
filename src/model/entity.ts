// An entity as the Catalog holds it: identity, defaults applied, where it came from, what it references.

import type { CollectedReference } from './reference-sites.js';
import type { Kind } from './kinds.js';
import { DEFAULT_NAMESPACE } from './reference.js';

/** Every lifecycle, in the order an entity goes through them. */
export const LIFECYCLES = ['experimental', 'active', 'deprecated', 'retired'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const isLifecycle = (value: unknown): value is Lifecycle => (LIFECYCLES as readonly unknown[]).includes(value);

export interface EntitySource {
  /** Display path of the file. */
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  /** 0-based line and column of the document's root node. */
  line: number;
  column: number;
}

export interface Entity {
  kind: Kind;
  /** Lowercase kind, as used in references. */
  kindSlug: string;
  namespace: string;
  name: string;
  version: string | undefined;
  /** `kind:namespace/name[@version]`. */
  identity: string;
  /** `kind:namespace/name`: shared by all versions of one entity. */
  groupKey: string;
  lifecycle: Lifecycle;
  /** The document's metadata, as written. */
  metadata: Record<string, unknown>;
  /** The document's spec, as written. */
  spec: Record<string, unknown>;
  source: EntitySource;
  /** References the schemas found in the document, in document order. */
  references: CollectedReference[];
  /** Whether the document passed its schema; invalid entities still resolve, so others' references to them hold. */
  valid: boolean;
  /** The repository an entity read from another repository's catalog.json comes from; undefined for local ones. */
  origin?: string;
}

export function displayName(entity: Entity): string {
  const title = entity.metadata.title;
  return typeof title === 'string' && title !== '' ? title : entity.name;
}

/**
 * An entity as a line of text names it, a reference that resolves to it: `name@version` for a
 * version (two versions never read alike), `namespace/` before it outside the default namespace.
 */
export function shortReference(entity: Pick<Entity, 'namespace' | 'name' | 'version'>): string {
  const name = entity.namespace === DEFAULT_NAMESPACE ? entity.name : `${entity.namespace}/${entity.name}`;
  return entity.version === undefined ? name : `${name}@${entity.version}`;
}
