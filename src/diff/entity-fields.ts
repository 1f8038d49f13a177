// The fields of an entity that changed between two catalogs, as its readers mean them: a
// reference spelled another way (`events@1`, `dataset:default/events@1`; `risk`, `team:risk`) that
// reaches the same target, or that followed its target's rename, is no change, so the diff does not
// call a reworded reference a rewrite.
// Values that look like secrets are not repeated.

import type { CatalogReader } from '../catalog/catalog.js';
import { valueAt } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { DEFAULT_NAMESPACE, formatIdentity, parseReference } from '../model/reference.js';
import { fieldChanges, type FieldChange } from './field-changes.js';
import { REDACTED, secretKind, withoutSecrets } from '../rules/governance/secret-values.js';
import { displayPath } from '../validate/schema-errors.js';
import { withReferencesReplaced, type Document } from './replaced-references.js';

/** FORMAT.md's defaults in a spec, written out or not: deleting `stage: development` changes nothing. */
const SPEC_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ModelVersion: { stage: 'development' },
  Team: { type: 'team' },
};

/** The document as diffed, with FORMAT.md's defaults written in: writing `namespace: default` out is no change. */
function documentOf(entity: Entity): Document {
  return {
    metadata: { ...entity.metadata, namespace: entity.namespace, lifecycle: entity.lifecycle },
    spec: { ...SPEC_DEFAULTS[entity.kind], ...entity.spec },
  };
}

/**
 * The entity's document with every reference that resolved spelled out in full, as the identity it
 * resolved to (through `renamed`, for the base side: a reference that followed a rename is the same
 * reference), keeping whether it named a version and the member it named.
 */
function spelledDocument(entity: Entity, catalog: CatalogReader, renamed: ReadonlyMap<string, string>): Document {
  return withReferencesReplaced(documentOf(entity), entity, catalog, (relation) => {
    const written = valueAt(entity, relation.pointer);
    const reference = typeof written === 'string' ? parseReference(written) : undefined;
    const target = parseReference(renamed.get(relation.target) ?? relation.target);
    if (reference?.ok !== true || !target.ok || target.reference.kind === undefined) return undefined;
    const { kind, namespace = DEFAULT_NAMESPACE, name, version } = target.reference;
    const identity = formatIdentity(kind, namespace, name, reference.reference.version === undefined ? undefined : version);
    return reference.reference.member === undefined ? identity : `${identity}#${reference.reference.member}`;
  });
}

/** The changed fields, with the values as written on each side, secrets left out (a diff is posted as a PR comment). */
export function changedFields(
  before: Entity,
  after: Entity,
  catalogs: { base: CatalogReader; head: CatalogReader },
  renamed: ReadonlyMap<string, string>,
): FieldChange[] {
  const written = fieldChanges(documentOf(before), documentOf(after));
  if (written.length === 0) return written;
  const meant = new Set(
    fieldChanges(spelledDocument(before, catalogs.base, renamed), spelledDocument(after, catalogs.head, new Map())).map((f) => f.path),
  );
  return written
    .filter((field) => meant.has(field.path))
    .map((field) => {
      const name = field.pointer.at(-1) ?? '';
      // A key can be a token too (`env: {ghp_…: x}`): the path shows it redacted.
      const pointer = field.pointer.map((key) => (secretKind('', key) === undefined ? key : REDACTED));
      return { pointer, path: displayPath(pointer), before: withoutSecrets(field.before, name), after: withoutSecrets(field.after, name) };
    });
}
