// An entity's document with its references rewritten, for comparing two revisions by what the
// references mean (the identity each resolved to) rather than how they are written.

import type { CatalogReader, Relation } from '../catalog/catalog.js';
import { isRecord } from '../model/kinds.js';
import type { Entity } from '../model/entity.js';

export type Document = Record<string, unknown>;

/** A copy of `root` with `value` at `pointer`, sharing every part off the path. */
function withValueAt(root: Document, pointer: readonly string[], value: unknown): Document {
  const [key, ...rest] = pointer;
  if (key === undefined) return root;
  const current: unknown = root[key];
  const copy: Document = Array.isArray(root) ? ([...(root as unknown[])] as unknown as Document) : { ...root };
  copy[key] =
    rest.length === 0 ? value : isRecord(current) || Array.isArray(current) ? withValueAt(current as Document, rest, value) : current;
  return copy;
}

/**
 * `document` (the entity's, as the caller lays it out) with each reference that resolved in
 * `catalog` replaced by the text `replacement` gives it (undefined: left as written). A copy: the
 * entity is not changed.
 */
export function withReferencesReplaced(
  document: Document,
  entity: Entity,
  catalog: CatalogReader,
  replacement: (relation: Relation) => string | undefined,
): Document {
  let replaced = document;
  for (const relation of catalog.outgoing(entity.identity)) {
    const text = replacement(relation);
    if (text !== undefined) replaced = withValueAt(replaced, relation.pointer, text);
  }
  return replaced;
}
