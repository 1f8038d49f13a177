// What each entity's pages were built from, kept by a rebuild in `.dossier/cache/` (one state per
// output folder) so that the next build takes an entity's pages over without building their views when
// nothing they showed changed. An entity page records the Catalog lookups its view made
// (`Catalog.readsOf`: the entity, its relations, its neighbours, their versions, the wider lineage)
// and the fingerprint of each answer; with the entity's own inputs (problems, changes, commits of its
// file, audit) and the site's (templates, header, options), that is everything its bytes depend on.
// A build compares the recorded answers with the catalog's: a page whose answers all stand is left
// where it is in the old site, and the entity's text in catalog.json is taken from the old file.

import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { readKeys, type Catalog, type Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { contentHash } from '../ground/content-hash.js';
import type { CatalogJsonOptions } from '../compile/catalog-json.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../ground/text-column.js';

/** What one entity's pages were built from, and the pages with the hash of their inputs. */
interface EntityPages {
  /** The hash of the entity's own inputs. */
  own: string;
  /** Indexes into the state's keys. */
  reads: readonly number[] | Int32Array;
  pages: [path: string, inputs: string][];
  /** The fingerprint of the entity's search facts, and its listing (`EntityRows.listing`): both come from what its pages read. */
  searchFacts: string;
  listing: string;
}

/** What a site's entity pages were built from, as a cache keeps it between builds. */
export interface SitePageState {
  /** Everything every page depends on: templates, Dossier version, the layout's site data, options. */
  site: string;
  keys: string[];
  /** The answer each key had, as a fingerprint. */
  answers: string[];
  entities: Map<string, EntityPages>;
  /**
   * Where each entity's text is in the site's catalog.json ([start, length] in bytes), and that
   * file's stamp (size, modification time, inode: as git's index knows a file unchanged, without
   * reading 25 MB at 10k entities).
   */
  catalog?: { stamp: string; ranges: [string, number, number][] };
  /** Files made together from one set of inputs (the search index), by name: the inputs' hash and each file with its hash. */
  groups?: Map<string, FileGroup>;
}

/** Files made together from one set of inputs. */
export interface FileGroup {
  key: string;
  files: [path: string, hash: string][];
}

/**
 * A page state as its cache file keeps it: in columns (texts joined, numbers in typed arrays) rather
 * than hundreds of thousands of small values, which V8 reads and writes several times slower (11 MB
 * at 10k entities: 97 ms to read as objects).
 */
export interface StoredPageState {
  site: string;
  keys: TextColumn;
  answers: TextColumn;
  identities: TextColumn;
  own: TextColumn;
  /** Where each entity's reads start in `reads`, and where the last one ends. */
  readStarts: Int32Array;
  reads: Int32Array;
  /** Each entity's pages, path and hash alternating; `pageCounts` says how many are each entity's. */
  pages: TextColumn;
  pageCounts: Int32Array;
  searchFacts: TextColumn;
  listings: TextColumn;
  catalog?: { stamp: string; identities: TextColumn; ranges: Float64Array };
  groups?: Map<string, FileGroup>;
}

export function storedPageState(state: SitePageState): StoredPageState {
  const entities = [...state.entities];
  const readStarts = new Int32Array(entities.length + 1);
  for (const [index, [, pages]] of entities.entries()) readStarts[index + 1] = (readStarts[index] as number) + pages.reads.length;
  const reads = new Int32Array(readStarts[entities.length] as number);
  for (const [index, [, pages]] of entities.entries()) reads.set(pages.reads, readStarts[index]);
  return {
    site: state.site,
    keys: toTextColumn(state.keys),
    answers: toTextColumn(state.answers),
    identities: toTextColumn(entities.map(([identity]) => identity)),
    own: toTextColumn(entities.map(([, pages]) => pages.own)),
    readStarts,
    reads,
    pages: toTextColumn(entities.flatMap(([, { pages }]) => pages.flat())),
    pageCounts: Int32Array.from(entities, ([, { pages }]) => pages.length),
    searchFacts: toTextColumn(entities.map(([, pages]) => pages.searchFacts)),
    listings: toTextColumn(entities.map(([, pages]) => pages.listing)),
    ...(state.catalog === undefined
      ? {}
      : {
          catalog: {
            stamp: state.catalog.stamp,
            identities: toTextColumn(state.catalog.ranges.map(([identity]) => identity)),
            ranges: Float64Array.from(state.catalog.ranges.flatMap(([, start, length]) => [start, length])),
          },
        }),
    ...(state.groups === undefined ? {} : { groups: state.groups }),
  };
}

/** The page state a stored one keeps; undefined when it is not one (another format, damaged). */
export function pageStateOf(value: unknown): SitePageState | undefined {
  const stored = value as Partial<StoredPageState> | null;
  const keys = fromTextColumn(stored?.keys);
  const answers = fromTextColumn(stored?.answers);
  const identities = fromTextColumn(stored?.identities);
  const own = fromTextColumn(stored?.own);
  const pages = fromTextColumn(stored?.pages);
  const searchFacts = fromTextColumn(stored?.searchFacts);
  const listings = fromTextColumn(stored?.listings);
  const { readStarts, reads, pageCounts } = stored ?? {};
  if (
    typeof stored?.site !== 'string' ||
    keys === undefined ||
    answers?.length !== keys.length ||
    identities === undefined ||
    own?.length !== identities.length ||
    searchFacts?.length !== identities.length ||
    listings?.length !== identities.length ||
    pages === undefined ||
    !(readStarts instanceof Int32Array) ||
    !(reads instanceof Int32Array) ||
    !(pageCounts instanceof Int32Array) ||
    readStarts.length !== identities.length + 1 ||
    readStarts[identities.length] !== reads.length ||
    pageCounts.length !== identities.length ||
    pages.length !== 2 * pageCounts.reduce((sum, count) => sum + count, 0) ||
    (stored.groups !== undefined && !(stored.groups instanceof Map))
  )
    return undefined;
  const entities = new Map<string, EntityPages>();
  let page = 0;
  for (const [index, identity] of identities.entries()) {
    const entityPages: [string, string][] = [];
    for (let count = 0; count < (pageCounts[index] as number); count++, page += 2)
      entityPages.push([pages[page] as string, pages[page + 1] as string]);
    entities.set(identity, {
      own: own[index] as string,
      reads: reads.subarray(readStarts[index], readStarts[index + 1]),
      pages: entityPages,
      searchFacts: searchFacts[index] as string,
      listing: listings[index] as string,
    });
  }
  let catalog: SitePageState['catalog'];
  if (stored.catalog !== undefined) {
    const catalogIdentities = fromTextColumn(stored.catalog.identities);
    const ranges = stored.catalog.ranges;
    if (catalogIdentities === undefined || !(ranges instanceof Float64Array) || ranges.length !== 2 * catalogIdentities.length)
      return undefined;
    catalog = {
      stamp: stored.catalog.stamp,
      ranges: catalogIdentities.map((identity, index) => [identity, ranges[2 * index] as number, ranges[2 * index + 1] as number]),
    };
  }
  return {
    site: stored.site,
    keys,
    answers,
    entities,
    ...(catalog === undefined ? {} : { catalog }),
    ...(stored.groups === undefined ? {} : { groups: stored.groups }),
  };
}

const WINDOW_BYTES = 1 << 20;
const STANDS = 1;
const CHANGED = 2;
/** While marking: read by a page, and changed; its answer is looked at when asked. */
const UNKNOWN = 3;

const byteLength = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);

const stampOf = (stats: Stats) => `${String(stats.size)}:${String(stats.mtimeMs)}:${String(stats.ino)}`;

/**
 * The previous build's catalog.json, open for reading entities' texts: a window of it is read at a
 * time, as kept entities come mostly in the file's order (one read a megabyte, not one an entity).
 */
class PreviousCatalog {
  readonly descriptor: number;
  readonly ranges: ReadonlyMap<string, [start: number, length: number]>;
  /** Read into again for every window (texts are decoded out of it): a new megabyte each time costs its page faults. */
  #buffer = Buffer.alloc(0);
  #window = Buffer.alloc(0);
  #windowStart = 0;

  constructor(descriptor: number, ranges: ReadonlyMap<string, [number, number]>) {
    this.descriptor = descriptor;
    this.ranges = ranges;
  }

  /**
   * The bytes of a text, as a view of the window: valid until the next read (the writer copies each
   * piece as it comes). Not decoded and encoded again: 26 MB of strings at 10k entities. Undefined
   * when the file is shorter.
   */
  read(start: number, length: number): Uint8Array | undefined {
    const offset = start - this.#windowStart;
    if (offset < 0 || offset + length > this.#window.length) {
      if (this.#buffer.length < Math.max(length, WINDOW_BYTES)) this.#buffer = Buffer.allocUnsafe(Math.max(length, WINDOW_BYTES));
      this.#window = this.#buffer.subarray(0, readSync(this.descriptor, this.#buffer, 0, this.#buffer.length, start));
      this.#windowStart = start;
      if (length > this.#window.length) return undefined;
      return this.#window.subarray(0, length);
    }
    return this.#window.subarray(offset, offset + length);
  }
}

/** What identifies an entity's content: the cheapest stable stand-in (its file's content key and place). */
export type EntityKey = (entity: Entity) => string;

const relationsPrint = (relations: readonly Relation[], other: (relation: Relation) => string) =>
  relations.map((r) => `${r.type}>${other(r)}#${r.member ?? ''}@${r.pointer.join('/')}`).join('|');

export class PageState {
  readonly #catalog: Catalog;
  readonly #entityKey: EntityKey;
  #previous: SitePageState | undefined;
  /** Whether each previous key's answer stands, by its index: STANDS, CHANGED or 0 (not looked at yet). */
  #stands: Uint8Array;
  /**
   * The keys pages read, with their answers: the previous build's, in their places (so that a kept
   * entity's reads stay as they were), and those read first now after them.
   */
  #keys: string[];
  #answers: string[];
  /** Each key's index; made when a page is first recorded. */
  #keyIndex: Map<string, number> | undefined;
  readonly #entities = new Map<string, EntityPages>();
  readonly #site: string;
  readonly #outDir: string;
  readonly #kept = new Set<string>();
  #catalogRanges: [string, number, number][] = [];
  #catalogOffset = 0;
  #catalogStamp: string | undefined;
  /** Where entities' texts are in the previous catalog.json, as the previous state said. */
  readonly #previousCatalogRanges: SitePageState['catalog'];
  readonly #previousGroups: ReadonlyMap<string, FileGroup> | undefined;
  readonly #groups = new Map<string, FileGroup>();
  /** The previous catalog.json, open, when it is the one the previous state describes; null once found not to be, or closed. */
  #previousCatalog: PreviousCatalog | null | undefined;

  /**
   * Going on from the state the previous build of the site in `outDir` kept, when it was built for
   * the same `site` inputs: pages whose recorded lookups answer as before are taken over.
   */
  constructor(
    outDir: string,
    catalog: Catalog,
    entityKey: EntityKey,
    site: string,
    previous: SitePageState | undefined,
    changedKeys?: ReadonlySet<string>,
  ) {
    this.#catalog = catalog;
    this.#entityKey = entityKey;
    this.#site = site;
    this.#outDir = outDir;
    this.#previous = previous?.site === site ? previous : undefined;
    this.#stands = new Uint8Array(this.#previous?.keys.length ?? 0);
    this.#keys = this.#previous === undefined ? [] : [...this.#previous.keys];
    this.#answers = this.#previous === undefined ? [] : [...this.#previous.answers];
    this.#previousCatalogRanges = this.#previous?.catalog;
    this.#previousGroups = this.#previous?.groups;
    if (changedKeys !== undefined && this.#previous !== undefined) this.#markUnchanged(this.#previous, changedKeys);
  }

  /**
   * With the lookups whose answers changed since the previous build (a link gone on from its link):
   * every other key some page read then stands without its answer looked at. A key no page read may
   * have an older answer; it is looked at.
   */
  #markUnchanged(previous: SitePageState, changedKeys: ReadonlySet<string>): void {
    for (const { reads } of previous.entities.values())
      for (const index of reads)
        if (this.#stands[index] === 0) this.#stands[index] = changedKeys.has(previous.keys[index] as string) ? UNKNOWN : STANDS;
    this.#stands.forEach((stands, index) => {
      if (stands === UNKNOWN) this.#stands[index] = 0;
    });
  }

  /** The files a group made in the previous build, when it made them from the same inputs (`key`). */
  groupFiles(name: string, key: string): FileGroup['files'] | undefined {
    const group = this.#previousGroups?.get(name);
    return group?.key === key ? group.files : undefined;
  }

  /** Keeps what a group of files was made from, and the files. */
  recordGroup(name: string, group: FileGroup): void {
    this.#groups.set(name, group);
  }

  /** The pages an entity had, when they can be taken over: its own inputs and every lookup its view made stand. */
  unchangedPages(identity: string, own: string): readonly [string, string][] | undefined {
    const before = this.#previous?.entities.get(identity);
    if (before?.own !== own || !before.reads.every((index) => this.#standing(index))) return undefined;
    return before.pages;
  }

  /**
   * Keeps what an entity's pages, built now, were built from: its own inputs, the lookups (`readKeys`)
   * their views made, and the pages; with the fingerprints of its search facts and listing, looked up meanwhile.
   */
  record(
    identity: string,
    own: string,
    reads: Iterable<string>,
    pages: [string, string][],
    made: Pick<EntityPages, 'searchFacts' | 'listing'>,
  ): void {
    const indexes: number[] = [];
    for (const key of reads) indexes.push(this.#index(key));
    this.#entities.set(identity, { own, reads: indexes, pages, ...made });
  }

  /** The fingerprint of an entity's search facts, when its pages were recorded or kept. */
  searchFactsOf(identity: string): string | undefined {
    return this.#entities.get(identity)?.searchFacts;
  }

  /** The fingerprint of an entity's listing (`EntityRows.listing`), when its pages were recorded or kept. */
  listingOf(identity: string): string | undefined {
    return this.#entities.get(identity)?.listing;
  }

  /** Keeps an entity's pages as they were (`unchangedPages` found every answer standing). */
  keep(identity: string): void {
    const before = this.#previous?.entities.get(identity);
    if (before === undefined) return;
    // Its reads are indexes into the previous keys, which keep their places.
    this.#entities.set(identity, before);
    this.#kept.add(identity);
  }

  /**
   * catalog.json as it is written, to know where each entity's text is in it (in bytes): a kept
   * entity's (whose pages read all that its text shows) is read from the previous file next time,
   * piece by piece, never the whole file at once (100 MB at 100k entities).
   */
  *catalogJson(chunks: Iterable<string | Uint8Array>): Generator<string | Uint8Array> {
    try {
      for (const chunk of chunks) {
        this.#catalogOffset += byteLength(chunk);
        yield chunk;
      }
    } finally {
      if (this.#previousCatalog) closeSync(this.#previousCatalog.descriptor);
      this.#previousCatalog = null;
    }
  }

  /** catalog.json is in place in the site: its stamp tells the next build it is still the file this state describes. */
  catalogPlaced(): void {
    try {
      this.#catalogStamp = stampOf(statSync(path.join(this.#outDir, 'catalog.json')));
    } catch {
      this.#catalogStamp = undefined;
    }
  }

  /** Catalog JSON options that take kept entities' texts from the previous catalog.json and note where each goes. */
  catalogReuse(): Required<Pick<CatalogJsonOptions<Uint8Array>, 'reuse' | 'written'>> {
    return {
      reuse: (entity) => {
        if (!this.#kept.has(entity.identity)) return undefined;
        const previous = this.#openPreviousCatalog();
        const range = previous?.ranges.get(entity.identity);
        if (previous === undefined || range === undefined) return undefined;
        return previous.read(range[0], range[1]);
      },
      written: (entity, text) => this.#catalogRanges.push([entity.identity, this.#catalogOffset, byteLength(text)]),
    };
  }

  /** The previous catalog.json, opened, when it is the file the previous state describes (by its stamp). */
  #openPreviousCatalog(): PreviousCatalog | undefined {
    if (this.#previousCatalog === undefined) {
      this.#previousCatalog = null;
      const stored = this.#previousCatalogRanges;
      if (stored === undefined) return undefined;
      let descriptor: number | undefined;
      try {
        descriptor = openSync(path.join(this.#outDir, 'catalog.json'), 'r');
        if (stampOf(fstatSync(descriptor)) === stored.stamp) {
          this.#previousCatalog = new PreviousCatalog(
            descriptor,
            new Map(stored.ranges.map(([identity, start, length]) => [identity, [start, length]])),
          );
          descriptor = undefined;
        }
      } catch {
        // No previous catalog.json: every entity's text is made.
      } finally {
        if (descriptor !== undefined) closeSync(descriptor);
      }
    }
    return this.#previousCatalog ?? undefined;
  }

  /**
   * The entity pages are written: what only deciding about them needed (the previous pages' reads
   * and answers, the index of keys) is let go before the rest of the site is built (at 100k entities,
   * tens of megabytes); where entities' texts are in the previous catalog.json stays.
   */
  pagesDone(): void {
    this.#previous = undefined;
    this.#stands = new Uint8Array(0);
    this.#keyIndex = undefined;
  }

  /** Entities whose pages were kept as they were. */
  get unchanged(): number {
    return this.#kept.size;
  }

  /** What this build's entity pages were built from, for the next build. */
  state(): SitePageState {
    return {
      site: this.#site,
      ...this.#readKeys(),
      groups: this.#groups,
      ...(this.#catalogStamp === undefined ? {} : { catalog: { stamp: this.#catalogStamp, ranges: this.#catalogRanges } }),
    };
  }

  /** A key's index, its answer now beside it. */
  #index(key: string): number {
    this.#keyIndex ??= new Map(this.#keys.map((known, index) => [known, index]));
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.#keys.length;
      this.#keys.push(key);
      this.#answers.push(this.#answer(key));
      this.#keyIndex.set(key, index);
    } else if (index >= this.#stands.length || !this.#standing(index)) this.#answers[index] = this.#answer(key);
    return index;
  }

  /**
   * The keys, answers and entities to keep: keys no page reads any more are dropped once they are
   * most of them (each entity's reads then renumbered), not at every build.
   */
  #readKeys(): Pick<SitePageState, 'keys' | 'answers' | 'entities'> {
    const used = new Uint8Array(this.#keys.length);
    let usedCount = 0;
    for (const { reads } of this.#entities.values())
      for (const index of reads) {
        if (used[index] === 1) continue;
        used[index] = 1;
        usedCount++;
      }
    if (usedCount * 2 >= this.#keys.length) return { keys: this.#keys, answers: this.#answers, entities: this.#entities };
    const renumbered = new Int32Array(this.#keys.length);
    const keys: string[] = [];
    const answers: string[] = [];
    used.forEach((isUsed, index) => {
      if (isUsed === 0) return;
      renumbered[index] = keys.length;
      keys.push(this.#keys[index] as string);
      answers.push(this.#answers[index] as string);
    });
    const entities = new Map<string, EntityPages>();
    for (const [identity, pages] of this.#entities)
      entities.set(identity, { ...pages, reads: Array.from(pages.reads, (index) => renumbered[index] as number) });
    return { keys, answers, entities };
  }

  #standing(index: number): boolean {
    let stands = this.#stands[index];
    if (stands === 0) {
      const key = this.#previous?.keys[index];
      stands = key !== undefined && this.#previous?.answers[index] === this.#answer(key) ? STANDS : CHANGED;
      this.#stands[index] = stands;
    }
    return stands === STANDS;
  }

  /** A lookup's answer now, as a fingerprint (`readKeys`: an entity, a version group, relations either way, the names). */
  #answer(key: string): string {
    const answer = this.#answerText(key);
    // Lists of relations or versions run long: kept as their hash, so that the state stays small.
    return answer.length > 64 ? contentHash(answer) : answer;
  }

  #answerText(key: string): string {
    const catalog = this.#catalog;
    const rest = key.slice(2);
    switch (key.slice(0, 2)) {
      case readKeys.entity(''): {
        const entity = catalog.get(rest);
        return entity === undefined ? '' : this.#entityKey(entity);
      }
      case readKeys.group(''):
        return catalog
          .versionsOf(rest)
          .map((entity) => `${entity.identity}=${this.#entityKey(entity)}`)
          .join('|');
      case readKeys.outgoing(''):
        return relationsPrint(catalog.outgoing(rest), (relation) => relation.target);
      case readKeys.incoming(''):
        return relationsPrint(catalog.incoming(rest), (relation) => relation.source);
      default:
        return [...catalog.groupKeys()].join('|');
    }
  }
}
