// A file's analysis as the lint cache keeps it: each entity's head (kind, names, identity, lifecycle,
// source) as it is, and the bodies (metadata, spec, references) of all its entities serialized apart,
// read only when one of them is first looked at. A site rebuild looks at the bodies of the entities it
// rebuilds, not at those of the ten thousand it keeps, and V8 reads back a few small objects per
// entity instead of every value its metadata holds. Each bodies buffer carries its CRC-32: a damaged
// one counts as no analysis at all, never as a failure found later.

import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import type { Analysis } from '../compile/compile-sources.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';

export type EntityBody = Pick<Entity, 'metadata' | 'spec' | 'references'>;
export type EntityHead = Omit<Entity, keyof EntityBody>;

export interface StoredAnalysis {
  heads: EntityHead[];
  /** The entities' bodies, in their order, serialized. */
  bodies: Uint8Array;
  bodiesCrc: number;
  diagnostics: Diagnostic[];
  suppressing: string[];
}

export function toStoredAnalysis(analysis: Analysis): StoredAnalysis {
  const bodies = serialize(analysis.entities.map(({ metadata, spec, references }): EntityBody => ({ metadata, spec, references })));
  return {
    heads: analysis.entities.map(headOf),
    bodies,
    bodiesCrc: crc32(bodies),
    diagnostics: analysis.diagnostics,
    suppressing: analysis.suppressing,
  };
}

function headOf(entity: Entity): EntityHead {
  const head: Partial<Entity> = { ...entity };
  delete head.metadata;
  delete head.spec;
  delete head.references;
  return head as EntityHead;
}

/** Whether a cache file's value is a stored analysis whose bodies are whole. */
export function isStoredAnalysis(value: unknown): value is StoredAnalysis {
  const stored = value as Partial<StoredAnalysis> | null;
  return (
    Array.isArray(stored?.heads) &&
    stored.bodies instanceof Uint8Array &&
    stored.bodiesCrc === crc32(stored.bodies) &&
    Array.isArray(stored.diagnostics) &&
    Array.isArray(stored.suppressing)
  );
}

/** The analysis a stored one keeps, its entities' bodies read now: for a run that looks at every entity (a whole link). */
export function analysisOfStored(stored: StoredAnalysis): Analysis {
  const bodies = deserialize(stored.bodies) as EntityBody[];
  return {
    entities: stored.heads.map((head, index) => wholeEntity(head, bodies[index] as EntityBody)),
    diagnostics: stored.diagnostics,
    suppressing: stored.suppressing,
  };
}

/**
 * The analysis a stored one keeps, its entities' bodies read when one is first looked at. Only the
 * serialized bodies are held on to, and only until they are read.
 */
export function lazyAnalysisOfStored(stored: StoredAnalysis): Analysis {
  let serialized: Uint8Array | undefined = stored.bodies;
  let bodies: EntityBody[] | undefined;
  const bodyOf = (index: number) => {
    if (bodies === undefined) {
      bodies = deserialize(serialized as Uint8Array) as EntityBody[];
      serialized = undefined;
    }
    return bodies[index] as EntityBody;
  };
  return {
    entities: stored.heads.map((head, index) => lazyEntity(head, () => bodyOf(index))),
    diagnostics: stored.diagnostics,
    suppressing: stored.suppressing,
  };
}

/** An entity from its head and body, its fields in the order the validator makes them. */
function wholeEntity(head: EntityHead, body: EntityBody): Entity {
  const { kind, kindSlug, namespace, name, version, identity, groupKey, lifecycle, source, valid, ...rest } = head;
  const { metadata, spec, references } = body;
  return { kind, kindSlug, namespace, name, version, identity, groupKey, lifecycle, metadata, spec, source, references, valid, ...rest };
}

/** How each lazy entity reads its body; kept beside the entities, not on them, so that they stay plain data. */
const bodyReaders = new WeakMap<object, () => EntityBody>();

const bodyAccessor = (field: keyof EntityBody): PropertyDescriptor => ({
  get(this: object) {
    return (bodyReaders.get(this) as () => EntityBody)()[field];
  },
  enumerable: true,
});
// One getter per field, shared by every lazy entity: V8 then gives them all one hidden class. Getters
// made for each entity (in an object literal) would leave each entity in slow dictionary mode.
const METADATA = bodyAccessor('metadata');
const SPEC = bodyAccessor('spec');
const REFERENCES = bodyAccessor('references');

/** An entity whose body is read when first looked at; its fields in the order the validator makes them. */
export function lazyEntity(head: EntityHead, body: () => EntityBody): Entity {
  const { kind, kindSlug, namespace, name, version, identity, groupKey, lifecycle, source, valid, ...rest } = head;
  const entity = { kind, kindSlug, namespace, name, version, identity, groupKey, lifecycle };
  Object.defineProperty(entity, 'metadata', METADATA);
  Object.defineProperty(entity, 'spec', SPEC);
  Object.assign(entity, { source });
  Object.defineProperty(entity, 'references', REFERENCES);
  Object.assign(entity, { valid }, rest);
  bodyReaders.set(entity, body);
  return entity as Entity;
}
