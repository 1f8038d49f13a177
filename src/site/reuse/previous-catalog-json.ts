// The previous build's catalog.json, and where each entity's text is in the one written now: a kept
// entity's text (its pages read all that it shows) is copied from the previous file by its byte
// range next time, piece by piece, never the whole file at once.

import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Entity } from '../../model/entity.js';
import { TextColumnReader, toTextColumn } from '../../engine/text-column.js';
import type { StoredPageState } from './page-state-format.js';

const WINDOW_BYTES = 1 << 20;
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
   * copies each piece as it comes). Not decoded and encoded again: that would make tens of megabytes
   * of strings at 10k entities.
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

/** Where entities' texts are in catalog.json: read from the previous file, noted in the new one as it is written. */
export class CatalogJsonRanges {
  readonly #outDir: string;
  readonly #stored: StoredPageState['catalog'];
  readonly #identities: string[] = [];
  /** Each entity's text's start and length in catalog.json, alternating. */
  readonly #ranges: number[] = [];
  #offset = 0;
  #stamp: string | undefined;
  /** The previous catalog.json, open, when it is the one the previous state describes; null once found not to be, or closed. */
  #previous: PreviousCatalog | null | undefined;

  /** For the site in `outDir`, whose previous state knew the ranges of its catalog.json as `stored`. */
  constructor(outDir: string, stored: StoredPageState['catalog']) {
    this.#outDir = outDir;
    this.#stored = stored;
  }

  /** The previous file's bytes of an entity's text (a view valid until the next call), when the file is still the one described. */
  previousText(identity: string): Uint8Array | undefined {
    return this.#open()?.textOf(identity);
  }

  /** Notes where an entity's text goes in the file being written. */
  written(entity: Entity, text: string | Uint8Array): void {
    this.#identities.push(entity.identity);
    this.#ranges.push(this.#offset, byteLength(text));
  }

  /** catalog.json as it is written, counting its bytes; the previous file is closed once it is done. */
  *count(chunks: Iterable<string | Uint8Array>): Generator<string | Uint8Array> {
    try {
      for (const chunk of chunks) {
        this.#offset += byteLength(chunk);
        yield chunk;
      }
    } finally {
      if (this.#previous) closeSync(this.#previous.descriptor);
      this.#previous = null;
    }
  }

  /** catalog.json is in place in the site: its stamp tells the next build it is still the file these ranges describe. */
  placed(): void {
    try {
      this.#stamp = stampOf(statSync(path.join(this.#outDir, 'catalog.json')));
    } catch {
      this.#stamp = undefined;
    }
  }

  /** The ranges to store, when the file was placed. */
  stored(): Pick<StoredPageState, 'catalog'> {
    return this.#stamp === undefined
      ? {}
      : { catalog: { stamp: this.#stamp, identities: toTextColumn(this.#identities), ranges: Float64Array.from(this.#ranges) } };
  }

  /** The previous catalog.json, opened, when it is the file the previous state describes (by its stamp). */
  #open(): PreviousCatalog | undefined {
    if (this.#previous === undefined) {
      this.#previous = null;
      const stored = this.#stored;
      if (stored === undefined) return undefined;
      let descriptor: number | undefined;
      try {
        descriptor = openSync(path.join(this.#outDir, 'catalog.json'), 'r');
        if (stampOf(fstatSync(descriptor)) === stored.stamp) {
          const identities = TextColumnReader.of(stored.identities) as TextColumnReader;
          this.#previous = new PreviousCatalog(descriptor, identities.rows(), stored.ranges);
          descriptor = undefined;
        }
      } catch {
        // No previous catalog.json: every entity's text is made.
      } finally {
        if (descriptor !== undefined) closeSync(descriptor);
      }
    }
    return this.#previous ?? undefined;
  }
}
