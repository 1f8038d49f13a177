// The rows of a new page state, written column by column: a previous state's rows as runs of its
// columns, new rows one by one.

import { concatenated } from '../../ground/collections.js';
import { TextColumnBuilder } from '../../engine/text-column.js';
import type { EntityPages, PreviousPageState, StoredPageState } from './page-state-format.js';

export class PageRowsBuilder {
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
    return { readStarts, reads: concatenated(Int32Array, this.reads) };
  }
}
