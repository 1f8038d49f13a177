// The link cache (`.dossier/cache/link*.bin`): what an incremental link knows after a lint (each
// entity's link and what it read, who read each key, the problems by group and file, the catalog's
// lookups), kept so that the next lint in a new process re-links only what a change reaches, as the
// incremental Linker does within one process. Records are spread over 256 shard files by key, so a
// one-file change loads and rewrites a few of them; entities are not stored twice but as their file
// and place, from the analyses the lint cache already keeps.
//
// Every write is atomic. A shard carries the generation that wrote it and the index file lists the
// generation it expects of each: a shard from an interrupted or concurrent run, a truncated or
// foreign file, is never trusted (the link is redone whole, and the store rewritten).

import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Relation } from '../catalog/catalog.js';
import { LinkedCatalog } from '../engine/linked-catalog.js';
import { Linker, type LinkSettings } from '../compile/linker.js';
import type { EntityLink, LinkedFile, LinkState, LinkStep } from '../compile/link-state.js';
import type { ReaderEntry } from '../compile/lookup-readers.js';
import { groupBy } from '../ground/collections.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { LayeredMap } from '../engine/layered-map.js';
import { isLoadingMap, LoadingMap, WholeNeeded } from '../engine/loading-map.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { CACHE_FORMATS } from './layout.js';
import type { Entity } from '../model/entity.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';

const FORMAT = CACHE_FORMATS.link;
const SHARDS = 256;
const INDEX_FILE = 'link.bin';
const shardFile = (shard: number) => `link-${shard.toString(16).padStart(2, '0')}.bin`;

/** An entity as the store refers to it: its file and its place among the file's entities. */
type EntityRef = readonly [file: string, index: number];

/** The kinds of record, each one map of the link's state. */
type MapName =
  'definitions' | 'links' | 'referenceReaders' | 'ruleReaders' | 'problemGroups' | 'problemFiles' | 'byIdentity' | 'groups' | 'incoming';

interface StoreIndex {
  generation: string;
  /** The generation each shard must carry. */
  tags: string[];
  cycleEntities: string[];
  /** Every version group's key: a column, read only when a link asks for the names. */
  groupKeys: TextColumn;
  fileCount: number;
}

interface Shard {
  /** The generation that wrote it. */
  tag: string;
  records: Map<string, unknown>;
}

const isIndex = (value: unknown): value is StoreIndex =>
  typeof (value as Partial<StoreIndex> | null)?.generation === 'string' &&
  Array.isArray((value as StoreIndex).tags) &&
  (value as StoreIndex).tags.length === SHARDS;
const isShard = (value: unknown): value is Shard =>
  typeof (value as Partial<Shard> | null)?.tag === 'string' && (value as Shard).records instanceof Map;

/**
 * A record's shard: by the version group it is about (an entity, a read key, a problem group) or
 * its file, so that what one change reaches (a version, its siblings, their links and readers) sits
 * in few shards. FNV-1a: cheap, and the same in every process.
 */
function shardOf(recordKey: string): number {
  const about = recordKey.slice(recordKey.lastIndexOf('\0') + 1);
  const at = about.indexOf('@');
  const group = at === -1 ? about : about.slice(0, at);
  let hash = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) hash = Math.imul(hash ^ group.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SHARDS;
}

const recordKey = (map: MapName, key: string) => `${map}\0${key}`;

const readerEntry = (readers: string[], key: string): ReaderEntry => ({ key, readers: new Set(readers) });

/** How a resumed link gets a file as it was last linked: its entities from the analyses cache, its text from disk, checked. */
export type PreviousFile = (file: string) => LinkedFile | undefined;

/** Where a resumed link's state comes from, and where what it changed goes. */
export class LinkStore {
  readonly #dir: string;
  readonly #environment: string;
  readonly #index: StoreIndex;
  readonly #shards = new Map<number, Map<string, unknown>>();
  #previousFiles: LoadingMap<string, LinkedFile> | undefined;

  private constructor(dir: string, environment: string, index: StoreIndex) {
    this.#dir = dir;
    this.#environment = environment;
    this.#index = index;
  }

  /** The store `generation` names (the one the last result was linked with), if it is there whole. */
  static open(dir: string, environment: string, generation: string): LinkStore | undefined {
    const index = readCacheFile(path.join(dir, INDEX_FILE), FORMAT, environment, isIndex);
    return index?.generation === generation ? new LinkStore(dir, environment, index) : undefined;
  }

  /**
   * Goes on from the last link: links the changed files (undefined: removed) and keeps what changed.
   * `previousFile` gives the files as the last link had them, `previousDiagnostics` are the last
   * result's problems. The link step, and the new generation (undefined when it could not be
   * written). Throws WholeNeeded when the change needs the whole.
   */
  relink(
    settings: LinkSettings,
    previousFile: PreviousFile,
    previousDiagnostics: readonly Diagnostic[],
    changed: ReadonlyMap<string, LinkedFile | undefined>,
  ): { step: LinkStep; generation: string | undefined } {
    const linker = Linker.resume(
      settings,
      this.#resume(
        previousFile,
        groupBy(previousDiagnostics, (diagnostic) => diagnostic.file),
      ),
    );
    const step = linker.link(changed);
    const state = linker.state();
    return { step, generation: state === undefined ? undefined : this.#saveChanges(state) };
  }

  /**
   * The last link's state, loaded one key at a time: `previousFile` gives the files, `final` each
   * file's problems as the last result listed them.
   */
  #resume(previousFile: PreviousFile, final: Map<string, Diagnostic[]>): LinkState {
    // Entities are looked up among the files as the last link had them, whatever this link replaces.
    const previous = new LoadingMap<string, LinkedFile>(previousFile);
    this.#previousFiles = previous;
    const files = new LoadingMap<string, LinkedFile>((file) => previous.get(file), { count: this.#index.fileCount });
    const entity = ([file, index]: EntityRef): Entity => {
      const found = previous.get(file)?.entities[index];
      if (found === undefined) throw new WholeNeeded(`entity ${index} of ${file}`);
      return found;
    };
    const map = <V>(
      name: MapName,
      decode: (stored: never, key: string) => V | undefined,
      options: { keys?: () => Iterable<string> } = {},
    ) =>
      new LoadingMap<string, V>((key) => {
        const stored = this.#record(recordKey(name, key));
        return stored === undefined ? undefined : decode(stored as never, key);
      }, options);
    const same = <V>(stored: V) => stored;
    const entities = (refs: readonly EntityRef[]) => refs.map(entity);
    const groupKeys = () => {
      const keys = fromTextColumn(this.#index.groupKeys);
      if (keys === undefined) throw new WholeNeeded('the link cache index');
      return keys;
    };
    return {
      files,
      definitions: map('definitions', entities),
      links: map<EntityLink>('links', same),
      referenceReaders: map('referenceReaders', readerEntry),
      ruleReaders: map('ruleReaders', readerEntry),
      problems: {
        byFile: map('problemGroups', (groups: [string, Diagnostic[]][]) => new Map(groups)),
        filesOf: map<readonly string[]>('problemFiles', same),
        final,
      },
      catalog: LinkedCatalog.resume({
        byIdentity: new LayeredMap(map('byIdentity', entity)),
        groups: new LayeredMap(map('groups', entities, { keys: groupKeys })),
        // An entity's relations are its link's: kept once.
        outgoing: new LayeredMap(
          map<readonly Relation[]>('links', (link: EntityLink) => (link.relations.length === 0 ? undefined : link.relations)),
        ),
        incoming: new LayeredMap(map<readonly Relation[]>('incoming', same)),
      }),
      cycleEntities: new Set(this.#index.cycleEntities),
    };
  }

  #record(key: string): unknown {
    const shard = shardOf(key);
    let records = this.#shards.get(shard);
    if (records === undefined) {
      records = readShard(this.#dir, this.#environment, shard, this.#index.tags[shard] as string);
      this.#shards.set(shard, records);
    }
    return records.get(key);
  }

  /** Writes what a resumed link changed: the shards holding its changed records, then the index. Returns the new generation. */
  #saveChanges(state: LinkState): string | undefined {
    const generation = newGeneration();
    const changed = new Map<number, Map<string, unknown>>();
    for (const [key, value] of encodeState(state, this.#previousFiles)) {
      const shard = shardOf(key);
      let records = changed.get(shard);
      if (records === undefined) {
        records = new Map(this.#shards.get(shard) ?? readShard(this.#dir, this.#environment, shard, this.#index.tags[shard] as string));
        changed.set(shard, records);
      }
      if (value === undefined) records.delete(key);
      else records.set(key, value);
    }
    const tags = [...this.#index.tags];
    for (const [shard, records] of changed) {
      tags[shard] = generation;
      if (!writeShard(this.#dir, this.#environment, shard, generation, records)) return undefined;
    }
    const groupKeys = sameGroups(state) ? this.#index.groupKeys : undefined;
    return writeIndex(this.#dir, this.#environment, indexOf(state, generation, tags, groupKeys)) ? generation : undefined;
  }
}

/** Writes a whole link's state as a new store. Returns its generation; undefined when it could not be written. */
export function saveLinkState(dir: string, environment: string, state: LinkState): string | undefined {
  const generation = newGeneration();
  const shards = Array.from({ length: SHARDS }, () => new Map<string, unknown>());
  for (const [key, value] of encodeState(state)) if (value !== undefined) shards[shardOf(key)]?.set(key, value);
  // One at a time, each let go once written: a serialized shard of a 100k-entity catalog is megabytes.
  for (const [shard, records] of shards.entries()) {
    if (!writeShard(dir, environment, shard, generation, records)) return undefined;
    shards[shard] = new Map();
  }
  return writeIndex(dir, environment, indexOf(state, generation, new Array<string>(SHARDS).fill(generation))) ? generation : undefined;
}

function newGeneration(): string {
  return randomBytes(8).toString('hex');
}

function indexOf(state: LinkState, generation: string, tags: string[], groupKeys?: TextColumn): StoreIndex {
  return {
    generation,
    tags,
    cycleEntities: [...state.cycleEntities],
    groupKeys: groupKeys ?? toTextColumn([...state.catalog.lookups.groups.keys()]),
    fileCount: state.files.size,
  };
}

/** Whether a resumed link kept the version groups of the store it loaded: it only revised groups that were there (an edit, usually). */
function sameGroups(state: LinkState): boolean {
  const { base, changes } = state.catalog.lookups.groups.layers;
  for (const [key, members] of changes) if (members === undefined || base.get(key) === undefined) return false;
  return isLoadingMap(base);
}

function readShard(dir: string, environment: string, shard: number, tag: string): Map<string, unknown> {
  const value = readCacheFile(path.join(dir, shardFile(shard)), FORMAT, environment, isShard);
  if (value?.tag !== tag) throw new WholeNeeded(`link cache shard ${shard}`);
  return value.records;
}

function writeShard(dir: string, environment: string, shard: number, tag: string, records: Map<string, unknown>): boolean {
  return writeCacheFile(path.join(dir, shardFile(shard)), FORMAT, environment, { tag, records } satisfies Shard);
}

function writeIndex(dir: string, environment: string, index: StoreIndex): boolean {
  return writeCacheFile(path.join(dir, INDEX_FILE), FORMAT, environment, index);
}

/**
 * The state's records as the store keeps them: all of them, or, for a resumed link (the files it
 * went on from: `previous`), those it wrote (undefined for a deleted one). Entities become
 * references to their file and place.
 */
function* encodeState(state: LinkState, previous?: LoadingMap<string, LinkedFile>): Generator<[string, unknown]> {
  const which = previous === undefined ? 'whole' : 'changes';
  const partial = (): never => {
    throw new Error('link cache: a partly loaded state is saved by its changes');
  };
  const refs = new Map<Entity, EntityRef>();
  const place = (files: Iterable<[string, LinkedFile]>, skip: (file: string) => boolean = () => false) => {
    for (const [file, linked] of files) if (!skip(file)) linked.entities.forEach((entity, index) => refs.set(entity, [file, index]));
  };
  const current = state.files;
  if (previous === undefined) place(current.entries());
  else {
    if (!isLoadingMap(current)) throw new Error('link cache: a resumed link has its files from the store');
    const replaced = new Set([...current.written()].map(([file]) => file));
    place(previous.loaded(), (file) => replaced.has(file));
    place(current.loaded());
  }
  const ref = (entity: Entity): EntityRef => {
    const found = refs.get(entity);
    if (found === undefined) throw new Error(`link cache: ${entity.identity} is in no file`);
    return found;
  };
  const entries = <V>(map: ReadonlyMap<string, V> | LayeredMap<string, V>): Iterable<[string, V | undefined]> => {
    if (map instanceof LayeredMap) {
      const { base, changes } = map.layers;
      if (isLoadingMap(base)) return which === 'changes' ? changes : partial();
      return [...map.keys()].map((key) => [key, map.get(key)] as [string, V]);
    }
    if (isLoadingMap(map)) return which === 'changes' ? map.written() : partial();
    return map.entries();
  };
  function* encoded<V>(name: MapName, map: ReadonlyMap<string, V> | LayeredMap<string, V>, encode: (value: V) => unknown) {
    for (const [key, value] of entries(map))
      yield [recordKey(name, key), value === undefined ? undefined : encode(value)] as [string, unknown];
  }
  const same = <V>(value: V) => value;
  const readers = (entry: ReaderEntry) => (entry.readers.size === 0 ? undefined : [...entry.readers]);
  const lookups = state.catalog.lookups;
  yield* encoded('definitions', state.definitions, (definitions) => definitions.map(ref));
  yield* encoded('links', state.links, same);
  yield* encoded('referenceReaders', state.referenceReaders, readers);
  yield* encoded('ruleReaders', state.ruleReaders, readers);
  yield* encoded('problemGroups', state.problems.byFile, (groups) => (groups.size === 0 ? undefined : [...groups]));
  yield* encoded('problemFiles', state.problems.filesOf, same);
  yield* encoded('byIdentity', lookups.byIdentity, ref);
  yield* encoded('groups', lookups.groups, (members) => members.map(ref));
  yield* encoded('incoming', lookups.incoming, same);
}
