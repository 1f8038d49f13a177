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
import type { CatalogReader, Relation } from '../catalog/catalog.js';
import { parseReadKey } from '../engine/read-keys.js';
import type { Entity } from '../model/entity.js';
import { contentHash } from '../ground/content-hash.js';
import type { CatalogJsonOptions } from '../compile/catalog-json.js';
import { TextColumnBuilder, TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';

/** What one entity's pages were built from now, and the pages with the hash of their inputs. */
interface EntityPages {
  /** The hash of the entity's own inputs. */
  own: string;
  /** Indexes into the state's keys. */
  reads: readonly number[];
  pages: [path: string, inputs: string][];
  /** The fingerprint of the entity's search facts, and its listing (`EntityRows.listing`): both come from what its pages read. */
  searchFacts: string;
  listing: string;
}

/** Files made together from one set of inputs. */
export interface FileGroup {
  key: string;
  files: [path: string, hash: string][];
}

/**
 * What a site's entity pages were built from, as its cache file keeps it: in columns (texts joined,
 * numbers in typed arrays) rather than hundreds of thousands of small values, which V8 reads and
 * writes several times slower (11 MB at 10k entities: 97 ms to read as objects). A rebuild reads the
 * columns in place and writes the rows it kept as runs of them.
 */
export interface StoredPageState {
  /** Everything every page depends on: templates, Dossier version, the layout's site data, options. */
  site: string;
  /** The lookups (`readKeys`) pages made, and the answer each had, as a fingerprint. */
  keys: TextColumn;
  answers: TextColumn;
  identities: TextColumn;
  /** The hash of each entity's own inputs. */
  own: TextColumn;
  /** Where each entity's reads (indexes into `keys`) start in `reads`, and where the last one ends. */
  readStarts: Int32Array;
  reads: Int32Array;
  /** Each entity's pages, path and hash alternating; `pageCounts` says how many are each entity's. */
  pages: TextColumn;
  pageCounts: Int32Array;
  searchFacts: TextColumn;
  listings: TextColumn;
  /**
   * Where each entity's text is in the site's catalog.json (start and length in bytes, alternating),
   * and that file's stamp (size, modification time, inode: as git's index knows a file unchanged,
   * without reading 25 MB at 10k entities).
   */
  catalog?: { stamp: string; identities: TextColumn; ranges: Float64Array };
  /** Files made together from one set of inputs (the search index), by name: the inputs' hash and each file with its hash. */
  groups?: Map<string, FileGroup>;
}

/** What the previous build's entity pages were built from: its stored columns, read in place. */
export class PreviousPageState {
  readonly stored: StoredPageState;
  readonly keys: TextColumnReader;
  readonly answers: TextColumnReader;
  readonly identities: TextColumnReader;
  /** Each entity's row in the columns. */
  readonly rows: ReadonlyMap<string, number>;
  readonly own: TextColumnReader;
  readonly pages: TextColumnReader;
  readonly searchFacts: TextColumnReader;
  readonly listings: TextColumnReader;
  /** Where each entity's pages start in `pages` (two texts a page), and where the last one's end. */
  readonly #pageStarts: Int32Array;

  private constructor(
    stored: StoredPageState,
    columns: Pick<PreviousPageState, 'keys' | 'answers' | 'identities' | 'rows' | 'own' | 'pages' | 'searchFacts' | 'listings'>,
    pageStarts: Int32Array,
  ) {
    this.stored = stored;
    ({
      keys: this.keys,
      answers: this.answers,
      identities: this.identities,
      rows: this.rows,
      own: this.own,
      pages: this.pages,
      searchFacts: this.searchFacts,
      listings: this.listings,
    } = columns);
    this.#pageStarts = pageStarts;
  }

  /** The page state a stored one keeps; undefined when it is not one (another format, damaged). */
  static of(value: unknown): PreviousPageState | undefined {
    const stored = value as Partial<StoredPageState> | null;
    const keys = TextColumnReader.of(stored?.keys);
    const answers = TextColumnReader.of(stored?.answers);
    const identities = TextColumnReader.of(stored?.identities);
    const own = TextColumnReader.of(stored?.own);
    const pages = TextColumnReader.of(stored?.pages);
    const searchFacts = TextColumnReader.of(stored?.searchFacts);
    const listings = TextColumnReader.of(stored?.listings);
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
      readStarts[0] !== 0 ||
      readStarts[identities.length] !== reads.length ||
      pageCounts.length !== identities.length ||
      (stored.groups !== undefined && !(stored.groups instanceof Map)) ||
      (stored.catalog !== undefined && !isStoredCatalog(stored.catalog))
    )
      return undefined;
    for (let row = 0; row < identities.length; row++)
      if ((readStarts[row + 1] as number) < (readStarts[row] as number) || (pageCounts[row] as number) < 0) return undefined;
    if (reads.some((index) => index < 0 || index >= keys.length)) return undefined;
    const pageStarts = new Int32Array(identities.length + 1);
    for (let row = 0; row < identities.length; row++) pageStarts[row + 1] = (pageStarts[row] as number) + 2 * (pageCounts[row] as number);
    if (pageStarts[identities.length] !== pages.length) return undefined;
    return new PreviousPageState(
      stored as StoredPageState,
      { keys, answers, identities, rows: identities.rows(), own, pages, searchFacts, listings },
      pageStarts,
    );
  }

  get site(): string {
    return this.stored.site;
  }

  /** A row's reads: indexes into `keys`. */
  readsOf(row: number): Int32Array {
    const { readStarts, reads } = this.stored;
    return reads.subarray(readStarts[row], readStarts[row + 1]);
  }

  pagesOf(row: number): [string, string][] {
    const pages: [string, string][] = [];
    for (let text = this.pageTextsAt(row); text < this.pageTextsAt(row + 1); text += 2)
      pages.push([this.pages.at(text), this.pages.at(text + 1)]);
    return pages;
  }

  /** Where a row's pages start in `pages` (two texts a page); with the number of rows, where the last one's end. */
  pageTextsAt(row: number): number {
    return this.#pageStarts[row] as number;
  }
}

const isStoredCatalog = (catalog: unknown): catalog is NonNullable<StoredPageState['catalog']> => {
  const { stamp, identities, ranges } = catalog as Partial<NonNullable<StoredPageState['catalog']>>;
  const count = TextColumnReader.of(identities)?.length;
  return typeof stamp === 'string' && ranges instanceof Float64Array && count !== undefined && ranges.length === 2 * count;
};

/** The rows of a new page state, written column by column: a previous state's rows as runs of its columns, new rows one by one. */
class PageRowsBuilder {
  readonly identities = new TextColumnBuilder();
  readonly own = new TextColumnBuilder();
  readonly pages = new TextColumnBuilder();
  readonly searchFacts = new TextColumnBuilder();
  readonly listings = new TextColumnBuilder();
  readonly readCounts: number[] = [];
  readonly reads: ArrayLike<number>[] = [];
  readonly pageCounts: number[] = [];

  /** Rows `from` up to `to` of the previous state, as they were. */
  copy(previous: PreviousPageState, from: number, to: number): void {
    const { readStarts, reads, pageCounts } = previous.stored;
    this.identities.copy(previous.identities, from, to);
    this.own.copy(previous.own, from, to);
    this.searchFacts.copy(previous.searchFacts, from, to);
    this.listings.copy(previous.listings, from, to);
    this.pages.copy(previous.pages, previous.pageTextsAt(from), previous.pageTextsAt(to));
    this.reads.push(reads.subarray(readStarts[from], readStarts[to]));
    for (let row = from; row < to; row++) {
      this.readCounts.push((readStarts[row + 1] as number) - (readStarts[row] as number));
      this.pageCounts.push(pageCounts[row] as number);
    }
  }

  add(identity: string, pages: EntityPages): void {
    this.identities.push(identity);
    this.own.push(pages.own);
    this.searchFacts.push(pages.searchFacts);
    this.listings.push(pages.listing);
    this.readCounts.push(pages.reads.length);
    this.reads.push(pages.reads);
    this.pageCounts.push(pages.pages.length);
    for (const [pagePath, inputs] of pages.pages) {
      this.pages.push(pagePath);
      this.pages.push(inputs);
    }
  }

  /** The rows' reads, one array, and where each row's start. */
  readColumns(): Pick<StoredPageState, 'readStarts' | 'reads'> {
    const readStarts = new Int32Array(this.readCounts.length + 1);
    this.readCounts.forEach((count, row) => (readStarts[row + 1] = (readStarts[row] as number) + count));
    const reads = new Int32Array(readStarts[this.readCounts.length] as number);
    let offset = 0;
    for (const part of this.reads) {
      reads.set(part, offset);
      offset += part.length;
    }
    return { readStarts, reads };
  }
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
  /** Each entity's place in `ranges`. */
  readonly #rows: ReadonlyMap<string, number>;
  /** Each entity's text's start and length in bytes, alternating. */
  readonly #ranges: Float64Array;
  /** Read into again for every window (texts are decoded out of it): a new megabyte each time costs its page faults. */
  #buffer = Buffer.alloc(0);
  #window = Buffer.alloc(0);
  #windowStart = 0;

  constructor(descriptor: number, rows: ReadonlyMap<string, number>, ranges: Float64Array) {
    this.descriptor = descriptor;
    this.#rows = rows;
    this.#ranges = ranges;
  }

  /**
   * The bytes of an entity's text, as a view of the window: valid until the next read (the writer
   * copies each piece as it comes). Not decoded and encoded again: 26 MB of strings at 10k entities.
   * Undefined when the file has none for it, or is shorter.
   */
  textOf(identity: string): Uint8Array | undefined {
    const row = this.#rows.get(identity);
    if (row === undefined) return undefined;
    const start = this.#ranges[2 * row] as number;
    const length = this.#ranges[2 * row + 1] as number;
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

/** An entity's pages this build: kept as the previous build had them (its row there), or built now. */
type PagesEntry = number | EntityPages;

export class PageState {
  readonly #catalog: CatalogReader;
  readonly #entityKey: EntityKey;
  readonly #previous: PreviousPageState | undefined;
  /** Whether each previous key's answer stands, by its index: STANDS, CHANGED or 0 (not looked at yet). */
  #stands: Uint8Array;
  /** The previous build's keys, in their places (so that a kept entity's reads stay as they were). */
  readonly #previousKeys: number;
  /** Keys read first now, after the previous ones, with their answers. */
  readonly #newKeys: string[] = [];
  readonly #newAnswers: string[] = [];
  /** Previous keys whose answer changed, by index. */
  readonly #changedAnswers = new Map<number, string>();
  /** Each key's index; made when a page is first recorded. */
  #keyIndex: Map<string, number> | undefined;
  /** Each entity's pages, in the order the build wrote them. */
  readonly #entries: PagesEntry[] = [];
  readonly #entryIdentities: string[] = [];
  readonly #entryOf = new Map<string, number>();
  readonly #site: string;
  readonly #outDir: string;
  readonly #catalogIdentities: string[] = [];
  /** Each entity's text's start and length in catalog.json, alternating. */
  readonly #catalogRanges: number[] = [];
  #catalogOffset = 0;
  #catalogStamp: string | undefined;
  readonly #groups = new Map<string, FileGroup>();
  /** The previous catalog.json, open, when it is the one the previous state describes; null once found not to be, or closed. */
  #previousCatalog: PreviousCatalog | null | undefined;

  /**
   * Going on from the state the previous build of the site in `outDir` kept, when it was built for
   * the same `site` inputs: pages whose recorded lookups answer as before are taken over.
   */
  constructor(
    outDir: string,
    catalog: CatalogReader,
    entityKey: EntityKey,
    site: string,
    previous: PreviousPageState | undefined,
    changedKeys?: ReadonlySet<string>,
  ) {
    this.#catalog = catalog;
    this.#entityKey = entityKey;
    this.#site = site;
    this.#outDir = outDir;
    this.#previous = previous?.site === site ? previous : undefined;
    this.#previousKeys = this.#previous?.keys.length ?? 0;
    this.#stands = new Uint8Array(this.#previousKeys);
    if (changedKeys !== undefined && this.#previous !== undefined) this.#markUnchanged(this.#previous, changedKeys);
  }

  /**
   * With the lookups whose answers changed since the previous build (a link gone on from its link):
   * every other key some page read then stands without its answer looked at. A key no page read may
   * have an older answer; it is looked at.
   */
  #markUnchanged(previous: PreviousPageState, changedKeys: ReadonlySet<string>): void {
    // Indexed loops over the reads here and below: run once, a for-of makes an object an element (7 MB at 10k entities).
    const { reads } = previous.stored;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let at = 0; at < reads.length; at++) {
      const index = reads[at] as number;
      if (this.#stands[index] === 0) this.#stands[index] = changedKeys.has(previous.keys.at(index)) ? UNKNOWN : STANDS;
    }
    this.#stands.forEach((stands, index) => {
      if (stands === UNKNOWN) this.#stands[index] = 0;
    });
  }

  /** The files a group made in the previous build, when it made them from the same inputs (`key`). */
  groupFiles(name: string, key: string): FileGroup['files'] | undefined {
    const group = this.#previous?.stored.groups?.get(name);
    return group?.key === key ? group.files : undefined;
  }

  /** Keeps what a group of files was made from, and the files. */
  recordGroup(name: string, group: FileGroup): void {
    this.#groups.set(name, group);
  }

  /** The pages an entity had, when they can be taken over: its own inputs and every lookup its view made stand. */
  unchangedPages(identity: string, own: string): readonly [string, string][] | undefined {
    const previous = this.#previous;
    const row = previous?.rows.get(identity);
    if (previous === undefined || row === undefined || previous.own.at(row) !== own) return undefined;
    for (const index of previous.readsOf(row)) if (!this.#standing(index)) return undefined;
    return previous.pagesOf(row);
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
    this.#place(identity, { own, reads: indexes, pages, ...made });
  }

  /** Keeps an entity's pages as they were (`unchangedPages` found every answer standing). */
  keep(identity: string): void {
    const row = this.#previous?.rows.get(identity);
    if (row === undefined) return;
    // Its reads are indexes into the previous keys, which keep their places.
    this.#place(identity, row);
  }

  #place(identity: string, entry: PagesEntry): void {
    const at = this.#entryOf.get(identity);
    if (at === undefined) {
      this.#entryOf.set(identity, this.#entries.length);
      this.#entries.push(entry);
      this.#entryIdentities.push(identity);
    } else this.#entries[at] = entry;
  }

  /** The fingerprint of an entity's search facts, when its pages were recorded or kept. */
  searchFactsOf(identity: string): string | undefined {
    const entry = this.#entryOf.get(identity);
    return entry === undefined ? undefined : this.#made(this.#entries[entry] as PagesEntry, 'searchFacts');
  }

  /** The fingerprint of an entity's listing (`EntityRows.listing`), when its pages were recorded or kept. */
  listingOf(identity: string): string | undefined {
    const entry = this.#entryOf.get(identity);
    return entry === undefined ? undefined : this.#made(this.#entries[entry] as PagesEntry, 'listing');
  }

  #made(entry: PagesEntry, what: 'searchFacts' | 'listing'): string {
    if (typeof entry !== 'number') return entry[what];
    const previous = this.#previous as PreviousPageState;
    return what === 'searchFacts' ? previous.searchFacts.at(entry) : previous.listings.at(entry);
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
        const entry = this.#entryOf.get(entity.identity);
        if (entry === undefined || typeof this.#entries[entry] !== 'number') return undefined;
        return this.#openPreviousCatalog()?.textOf(entity.identity);
      },
      written: (entity, text) => {
        this.#catalogIdentities.push(entity.identity);
        this.#catalogRanges.push(this.#catalogOffset, byteLength(text));
      },
    };
  }

  /** The previous catalog.json, opened, when it is the file the previous state describes (by its stamp). */
  #openPreviousCatalog(): PreviousCatalog | undefined {
    if (this.#previousCatalog === undefined) {
      this.#previousCatalog = null;
      const stored = this.#previous?.stored.catalog;
      if (stored === undefined) return undefined;
      let descriptor: number | undefined;
      try {
        descriptor = openSync(path.join(this.#outDir, 'catalog.json'), 'r');
        if (stampOf(fstatSync(descriptor)) === stored.stamp) {
          const identities = TextColumnReader.of(stored.identities) as TextColumnReader;
          this.#previousCatalog = new PreviousCatalog(descriptor, identities.rows(), stored.ranges);
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
   * The entity pages are written: what only deciding about them needed (which previous answers stand,
   * the index of keys) is let go before the rest of the site is built (at 100k entities, megabytes).
   */
  pagesDone(): void {
    this.#stands = new Uint8Array(0);
    this.#keyIndex = undefined;
  }

  /** Entities whose pages were kept as they were. */
  get unchanged(): number {
    return this.#entries.filter((entry) => typeof entry === 'number').length;
  }

  /** What this build's entity pages were built from, for the next build, as its cache file keeps it. */
  state(): StoredPageState {
    const rows = new PageRowsBuilder();
    const previous = this.#previous;
    for (let at = 0; at < this.#entries.length;) {
      const entry = this.#entries[at] as PagesEntry;
      if (typeof entry !== 'number') {
        rows.add(this.#entryIdentities[at] as string, entry);
        at++;
        continue;
      }
      // A run of kept rows that were next to each other then too: copied at once.
      let end = at + 1;
      while (end < this.#entries.length && this.#entries[end] === entry + (end - at)) end++;
      rows.copy(previous as PreviousPageState, entry, entry + (end - at));
      at = end;
    }
    const { readStarts, reads } = rows.readColumns();
    return {
      site: this.#site,
      ...this.#keysAndAnswers(reads),
      identities: rows.identities.done(),
      own: rows.own.done(),
      readStarts,
      reads,
      pages: rows.pages.done(),
      pageCounts: Int32Array.from(rows.pageCounts),
      searchFacts: rows.searchFacts.done(),
      listings: rows.listings.done(),
      groups: this.#groups,
      ...(this.#catalogStamp === undefined
        ? {}
        : {
            catalog: {
              stamp: this.#catalogStamp,
              identities: toTextColumn(this.#catalogIdentities),
              ranges: Float64Array.from(this.#catalogRanges),
            },
          }),
    };
  }

  /** A key's index, its answer now beside it. */
  #index(key: string): number {
    this.#keyIndex ??= this.#previous?.keys.rows() ?? new Map<string, number>();
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.#previousKeys + this.#newKeys.length;
      this.#newKeys.push(key);
      this.#newAnswers.push(this.#answer(key));
      this.#keyIndex.set(key, index);
    } else if (index < this.#previousKeys && !this.#standing(index)) this.#changedAnswers.set(index, this.#answer(key));
    return index;
  }

  #keyAt(index: number): string {
    return index < this.#previousKeys
      ? (this.#previous as PreviousPageState).keys.at(index)
      : (this.#newKeys[index - this.#previousKeys] as string);
  }

  #answerAt(index: number): string {
    if (index >= this.#previousKeys) return this.#newAnswers[index - this.#previousKeys] as string;
    return this.#changedAnswers.get(index) ?? (this.#previous as PreviousPageState).answers.at(index);
  }

  /**
   * The keys and answers to keep, given every entity's `reads` (renumbered here when keys are
   * dropped): keys no page reads any more are dropped once they are most of them, not at every build.
   * Otherwise the previous columns are kept, with the changed answers and the new keys.
   */
  #keysAndAnswers(reads: Int32Array): Pick<StoredPageState, 'keys' | 'answers'> {
    const count = this.#previousKeys + this.#newKeys.length;
    const used = new Uint8Array(count);
    let usedCount = 0;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- indexed, as in #markUnchanged
    for (let at = 0; at < reads.length; at++) {
      const index = reads[at] as number;
      if (used[index] === 0) {
        used[index] = 1;
        usedCount++;
      }
    }
    const keys = new TextColumnBuilder();
    const answers = new TextColumnBuilder();
    if (usedCount * 2 < count) {
      const renumbered = new Int32Array(count);
      let kept = 0;
      used.forEach((isUsed, index) => {
        if (isUsed === 0) return;
        renumbered[index] = kept++;
        keys.push(this.#keyAt(index));
        answers.push(this.#answerAt(index));
      });
      reads.forEach((index, at) => (reads[at] = renumbered[index] as number));
      return { keys: keys.done(), answers: answers.done() };
    }
    const previous = this.#previous;
    if (previous !== undefined) {
      keys.copy(previous.keys, 0, this.#previousKeys);
      let from = 0;
      for (const index of [...this.#changedAnswers.keys()].sort((a, b) => a - b)) {
        answers.copy(previous.answers, from, index);
        answers.push(this.#changedAnswers.get(index) as string);
        from = index + 1;
      }
      answers.copy(previous.answers, from, this.#previousKeys);
    }
    for (const key of this.#newKeys) keys.push(key);
    for (const answer of this.#newAnswers) answers.push(answer);
    return { keys: keys.done(), answers: answers.done() };
  }

  #standing(index: number): boolean {
    let stands = this.#stands[index];
    if (stands === 0) {
      const previous = this.#previous as PreviousPageState;
      stands = previous.answers.at(index) === this.#answer(previous.keys.at(index)) ? STANDS : CHANGED;
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
    const read = parseReadKey(key);
    switch (read?.kind) {
      case 'entity': {
        const entity = catalog.get(read.identity);
        return entity === undefined ? '' : this.#entityKey(entity);
      }
      case 'group':
        return catalog
          .versionsOf(read.groupKey)
          .map((entity) => `${entity.identity}=${this.#entityKey(entity)}`)
          .join('|');
      case 'outgoing':
        return relationsPrint(catalog.outgoing(read.identity), (relation) => relation.target);
      case 'incoming':
        return relationsPrint(catalog.incoming(read.identity), (relation) => relation.source);
      case 'names':
        return [...catalog.groupKeys()].join('|');
      case undefined:
        // A key no reader made (a damaged state): an answer no lookup gives, so the page is built again.
        return '\0unknown';
    }
  }
}
