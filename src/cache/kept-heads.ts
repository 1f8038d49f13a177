// What a site rebuild keeps of every file's analysis beside its stamps: each entity's head (kind,
// names, version, lifecycle, place, whether it is valid) and the file's own problems, in columns,
// by the file's content key. The next rebuild makes the entities of every unchanged file from them
// without reading the analyses cache, whose 256 shards hold their bodies too; a body is read from
// there only when a page looks at it. A file's key is its path and content, and its analysis depends
// on nothing else (the cache file's environment holds the schemas), so a head kept for a key is
// that file's, whichever build kept it.
//
// The bodies of Models and Teams are kept here too: a build reads every Model's body (a compliance
// profile selects models by a field of theirs) and, when a list changed, every owner's (the lists of
// what each team owns are headed with its name), and reading them from the analyses cache reads
// almost all of its shards. Few entities are Models or Teams, but a body is much larger than a
// head, so theirs are a good part of this file.

import { deserialize, serialize } from 'node:v8';
import type { Analysis } from '../compile/compile-sources.js';
import { formatIdentity } from '../model/reference.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { KIND_INFO, KINDS } from '../model/kinds.js';
import { LIFECYCLES, type Entity, type Lifecycle } from '../model/entity.js';
import { TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { isObject } from './cache-file.js';
import { lazyEntity, type EntityBody } from './stored-analysis.js';
import { pushAll } from '../ground/collections.js';

/** The kinds whose bodies are kept with the heads: every build reads them. */
const KEPT_BODY_KINDS: ReadonlySet<Entity['kind']> = new Set(['Model', 'Team']);

/** Numbers kept per entity: its document's index in the file, and the line and column it starts at. */
const PLACE_NUMBERS = 3;

/** The heads as a cache file keeps them. */
export interface StoredHeads {
  /** Each file's content key. */
  keys: TextColumn;
  /** Where each file's entities start in the entity columns, and where the last one's end. */
  entityStarts: Int32Array;
  /** Per entity: its kind (index into KINDS), namespace, name, version ('' and `versioned` 0 when none), lifecycle, place, validity. */
  kinds: Uint8Array;
  namespaces: TextColumn;
  names: TextColumn;
  versions: TextColumn;
  versioned: Uint8Array;
  lifecycles: Uint8Array;
  places: Int32Array;
  valid: Uint8Array;
  /** The bodies of the entities of KEPT_BODY_KINDS, serialized: `[entity index, body][]`. */
  keptBodies: Uint8Array;
  /** The problems of the files that have any, by file row. */
  diagnostics: Map<number, Diagnostic[]>;
  /** The rows of the files with suppression comments. */
  suppressing: Int32Array;
}

/** The heads of these files' analyses (by content key), as a cache file keeps them; their bodies are not looked at. */
export function toStoredHeads(files: Iterable<readonly [key: string, analysis: Analysis]>): StoredHeads {
  const keys: string[] = [];
  const entityStarts: number[] = [0];
  const entities: Entity[] = [];
  const diagnostics = new Map<number, Diagnostic[]>();
  const suppressing: number[] = [];
  for (const [key, analysis] of files) {
    const row = keys.push(key) - 1;
    pushAll(entities, analysis.entities);
    entityStarts.push(entities.length);
    if (analysis.diagnostics.length > 0) diagnostics.set(row, analysis.diagnostics);
    if (analysis.suppressing.length > 0) suppressing.push(row);
  }
  const places = new Int32Array(entities.length * PLACE_NUMBERS);
  entities.forEach(({ source }, index) => {
    places.set([source.document, source.line, source.column], index * PLACE_NUMBERS);
  });
  return {
    keys: toTextColumn(keys),
    entityStarts: Int32Array.from(entityStarts),
    kinds: Uint8Array.from(entities, (entity) => KINDS.indexOf(entity.kind)),
    namespaces: toTextColumn(entities.map((entity) => entity.namespace)),
    names: toTextColumn(entities.map((entity) => entity.name)),
    versions: toTextColumn(entities.map((entity) => entity.version ?? '')),
    versioned: Uint8Array.from(entities, (entity) => (entity.version === undefined ? 0 : 1)),
    lifecycles: Uint8Array.from(entities, (entity) => LIFECYCLES.indexOf(entity.lifecycle)),
    places,
    valid: Uint8Array.from(entities, (entity) => (entity.valid ? 1 : 0)),
    keptBodies: serialize(
      entities.flatMap((entity, index) =>
        KEPT_BODY_KINDS.has(entity.kind)
          ? [[index, { metadata: entity.metadata, spec: entity.spec, references: entity.references } satisfies EntityBody]]
          : [],
      ),
    ),
    diagnostics,
    suppressing: Int32Array.from(suppressing),
  };
}

export class KeptHeads {
  readonly #stored: StoredHeads;
  readonly #rows: ReadonlyMap<string, number>;
  readonly #namespaces: TextColumnReader;
  readonly #names: TextColumnReader;
  readonly #versions: TextColumnReader;
  readonly #suppressing: ReadonlySet<number>;
  #keptBodies: Map<number, EntityBody> | undefined;
  #hits = 0;

  private constructor(stored: StoredHeads, keys: TextColumnReader, texts: [TextColumnReader, TextColumnReader, TextColumnReader]) {
    this.#stored = stored;
    this.#rows = keys.rows();
    [this.#namespaces, this.#names, this.#versions] = texts;
    this.#suppressing = new Set(stored.suppressing);
  }

  /** The heads a cache file kept; undefined when they are not whole (another format, damaged). */
  static of(value: unknown): KeptHeads | undefined {
    const stored = value as Partial<StoredHeads> | null;
    const keys = TextColumnReader.of(stored?.keys);
    const texts = [stored?.namespaces, stored?.names, stored?.versions].map((column) => TextColumnReader.of(column));
    const { entityStarts, kinds, versioned, lifecycles, places, valid, keptBodies, diagnostics, suppressing } = stored ?? {};
    const count = kinds?.length ?? -1;
    const whole =
      keys !== undefined &&
      entityStarts instanceof Int32Array &&
      entityStarts.length === keys.length + 1 &&
      entityStarts[0] === 0 &&
      entityStarts[keys.length] === count &&
      entityStarts.every((start, row) => row === 0 || start >= (entityStarts[row - 1] as number)) &&
      kinds instanceof Uint8Array &&
      kinds.every((kind) => kind < KINDS.length) &&
      texts.every((column) => column?.length === count) &&
      [versioned, lifecycles, valid].every((column) => column instanceof Uint8Array && column.length === count) &&
      (lifecycles as Uint8Array).every((lifecycle) => lifecycle < LIFECYCLES.length) &&
      places instanceof Int32Array &&
      places.length === count * PLACE_NUMBERS &&
      keptBodies instanceof Uint8Array &&
      diagnostics instanceof Map &&
      [...diagnostics].every(([row, list]) => typeof row === 'number' && Array.isArray(list)) &&
      suppressing instanceof Int32Array;
    return whole ? new KeptHeads(stored as StoredHeads, keys, texts as [TextColumnReader, TextColumnReader, TextColumnReader]) : undefined;
  }

  /** The body of the entity at `index` when its kind's bodies are kept here. */
  #keptBody(index: number): EntityBody | undefined {
    this.#keptBodies ??= keptBodies(this.#stored.keptBodies, this.#stored.kinds.length);
    return this.#keptBodies.get(index);
  }

  /** Files whose heads were kept but not asked for: gone, or no longer with the content they were kept for. */
  get unused(): number {
    return this.#rows.size - this.#hits;
  }

  /**
   * The analysis of the file `file` whose content key is `key`, its entities' bodies read through
   * `bodies` (that file's analysis) when one is first looked at; undefined when none was kept for it.
   */
  analysisOf(key: string, file: string, bodies: () => Analysis): Analysis | undefined {
    const row = this.#rows.get(key);
    if (row === undefined) return undefined;
    this.#hits++;
    const stored = this.#stored;
    const entities: Entity[] = [];
    const first = stored.entityStarts[row] as number;
    for (let index = first; index < (stored.entityStarts[row + 1] as number); index++) {
      const kind = KINDS[stored.kinds[index] as number] as Entity['kind'];
      const kindSlug = KIND_INFO[kind].slug;
      const namespace = this.#namespaces.at(index);
      const name = this.#names.at(index);
      const version = stored.versioned[index] === 1 ? this.#versions.at(index) : undefined;
      const at = index * PLACE_NUMBERS;
      const body = (): EntityBody => {
        const whole = (KEPT_BODY_KINDS.has(kind) ? this.#keptBody(index) : undefined) ?? bodies().entities[index - first];
        if (whole === undefined) throw new WholeNeeded(`entity ${String(index - first)} of ${file}`);
        return whole;
      };
      entities.push(
        lazyEntity(
          {
            kind,
            kindSlug,
            namespace,
            name,
            version,
            identity: formatIdentity(kindSlug, namespace, name, version),
            groupKey: formatIdentity(kindSlug, namespace, name),
            lifecycle: LIFECYCLES[stored.lifecycles[index] as number] as Lifecycle,
            source: {
              file,
              document: stored.places[at] as number,
              line: stored.places[at + 1] as number,
              column: stored.places[at + 2] as number,
            },
            valid: stored.valid[index] === 1,
          },
          body,
        ),
      );
    }
    return { entities, diagnostics: stored.diagnostics.get(row) ?? [], suppressing: this.#suppressing.has(row) ? [file] : [] };
  }
}

/**
 * The kept bodies, by entity index; none (each body then read from the analyses cache) where the
 * bytes are not bodies, which only a damaged file can make.
 */
function keptBodies(bytes: Uint8Array, count: number): Map<number, EntityBody> {
  let pairs: unknown;
  try {
    pairs = deserialize(bytes);
  } catch {
    return new Map();
  }
  const isBody = (body: unknown): body is EntityBody =>
    isObject(body) &&
    isObject((body as Record<string, unknown>).metadata) &&
    isObject((body as Record<string, unknown>).spec) &&
    Array.isArray((body as Record<string, unknown>).references);
  const whole =
    Array.isArray(pairs) &&
    pairs.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && Number.isInteger(pair[0]) && pair[0] >= 0 && pair[0] < count && isBody(pair[1]),
    );
  return new Map<number, EntityBody>(whole ? (pairs as [number, EntityBody][]) : []);
}
