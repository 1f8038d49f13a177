// The page state as a rebuild stores it in `.dossier/cache/`, and the checks a stored one must pass
// before a build trusts it: what each entity's pages were built from, in columns.

import { TextColumnReader, type TextColumn } from '../../engine/text-column.js';

/** What one entity's pages were built from now, and the pages with the hash of their inputs. */
export interface EntityPages {
  /** The fingerprint of the entity's own inputs. */
  own: string;
  /** Indexes into the state's keys. */
  reads: readonly number[];
  pages: [path: string, inputs: string][];
  /** The entity's search facts and its listing (`Listing`) as text: both come from what its pages read. */
  searchFacts: string;
  listing: string;
}

/** Files made together from one set of inputs. */
export interface FileGroup {
  key: string;
  files: [path: string, hash: string][];
  /** What the group's writer kept to go on from the next time (the search index's postings). */
  kept?: unknown;
}

/**
 * What a site's entity pages were built from, as its cache file keeps it: in columns (texts joined,
 * numbers in typed arrays) rather than hundreds of thousands of small values, which V8 reads and
 * writes several times slower (bench/RESULTS.md). A rebuild reads the columns in place and writes the
 * rows it kept as runs of them.
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
   * without reading it; it runs to tens of megabytes at 10k entities).
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
