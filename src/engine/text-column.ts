// Many short texts as one run of bytes and their lengths: what caches keep instead of arrays of
// strings. V8 serializes and reads back an array of strings, or even one big string, character by
// character, but a byte array as it is, so a column keeps its texts encoded in UTF-8 one after
// another and each text's length in bytes. Lengths, not a separator, so that no text can break the
// column whatever it contains.
//
// A JavaScript string need not be valid Unicode: a lone surrogate (half of a pair, as a JSON or
// YAML escape can produce) has no UTF-8 form, and encoding it would give back U+FFFD. A column must
// give back exactly the text it was given, so such a text is kept as its UTF-16 code units instead,
// its length negated to say so. Texts from files and paths are always well formed; the other form
// only keeps the column honest.

import { isAscii } from 'node:buffer';
import { concatenated } from '../ground/collections.js';

export interface TextColumn {
  /** The texts one after another, each in UTF-8 (or in UTF-16LE when its length is negative). */
  bytes: Uint8Array;
  /** Each text's length in bytes; negated for a text that is not well formed, kept in UTF-16LE. */
  lengths: Int32Array;
}

/** The bytes of U+FFFD in UTF-8, what a lone surrogate becomes when encoded. */
const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/** Whether a string is valid Unicode (String.prototype.isWellFormed, in Node 20 but not in this lib). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** The bytes and lengths of texts; each text encoded as a column keeps it. */
function encoded(texts: readonly string[]): { bytes: Buffer; lengths: Int32Array } {
  // A loop, not Int32Array.from(texts, mapper): that goes through the iterator protocol, ten times slower.
  const lengths = new Int32Array(texts.length);
  let total = 0;
  for (let index = 0; index < texts.length; index++) total += lengths[index] = Buffer.byteLength(texts[index] as string, 'utf8');
  const bytes = Buffer.from(texts.join(''), 'utf8');
  // A lone surrogate became U+FFFD, or paired with one across two texts (and the lengths do not add
  // up): only then is each text looked at.
  if (bytes.length === total && bytes.indexOf(REPLACEMENT) === -1) return { bytes, lengths };
  const parts: Buffer[] = [];
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] as string;
    const wellFormed = isWellFormed(text);
    const part = Buffer.from(text, wellFormed ? 'utf8' : 'utf16le');
    parts.push(part);
    lengths[index] = wellFormed ? part.length : -part.length;
  }
  return { bytes: Buffer.concat(parts), lengths };
}

export function toTextColumn(texts: readonly string[]): TextColumn {
  return encoded(texts);
}

/** The texts a column holds; undefined when it is not one (its lengths do not add up). */
export function fromTextColumn(column: unknown): string[] | undefined {
  return TextColumnReader.of(column)?.texts();
}

/**
 * A column read in place: each text decoded from its bytes when asked for, for a cache of which a run
 * looks at a few rows and keeps the rest as they were (copied as bytes, never decoded). A column read
 * whole, when it is all ASCII (paths, identities, hashes), is decoded at once and its texts sliced out.
 */
export class TextColumnReader {
  readonly column: TextColumn;
  /** The column's bytes, as a Buffer over the same memory. */
  readonly #bytes: Buffer;
  /** Where each text starts in the column's bytes, and where the last one ends. */
  readonly #starts: Float64Array;
  /** The whole column as one string, once read whole, when it is all ASCII (a byte is a character). */
  #ascii: string | undefined;

  private constructor(column: TextColumn, bytes: Buffer, starts: Float64Array) {
    this.column = column;
    this.#bytes = bytes;
    this.#starts = starts;
  }

  /** A reader of the column; undefined when it is not one (its lengths do not add up to its bytes). */
  static of(column: unknown): TextColumnReader | undefined {
    if (typeof column !== 'object' || column === null) return undefined;
    const { bytes, lengths } = column as Partial<TextColumn>;
    if (!(bytes instanceof Uint8Array) || !(lengths instanceof Int32Array)) return undefined;
    const starts = new Float64Array(lengths.length + 1);
    for (let index = 0; index < lengths.length; index++) {
      const length = lengths[index] as number;
      // A text kept in UTF-16LE has an even, non-zero number of bytes.
      if (length < 0 && length % 2 !== 0) return undefined;
      starts[index + 1] = (starts[index] as number) + Math.abs(length);
    }
    if (starts[lengths.length] !== bytes.length) return undefined;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new TextColumnReader({ bytes, lengths }, buffer, starts);
  }

  get length(): number {
    return this.column.lengths.length;
  }

  at(index: number): string {
    if (this.#ascii !== undefined) return this.#ascii.slice(this.#starts[index], this.#starts[index + 1]);
    const encoding = (this.column.lengths[index] as number) < 0 ? 'utf16le' : 'utf8';
    return this.#bytes.toString(encoding, this.#starts[index], this.#starts[index + 1]);
  }

  /** Whether the texts at two rows are the same, compared as bytes: neither is decoded. */
  sameAt(row: number, other: number): boolean {
    const lengths = this.column.lengths;
    if (lengths[row] !== lengths[other]) return false;
    // Byte by byte: texts in a column are short, and Buffer.compare costs more to call than this loop.
    const bytes = this.#bytes;
    const start = this.#starts[row] as number;
    const otherStart = this.#starts[other] as number;
    const length = (this.#starts[row + 1] as number) - start;
    for (let offset = 0; offset < length; offset++) if (bytes[start + offset] !== bytes[otherStart + offset]) return false;
    return true;
  }

  /** Every text, in order. */
  texts(): string[] {
    this.#readWhole();
    const texts: string[] = [];
    for (let index = 0; index < this.length; index++) texts.push(this.at(index));
    return texts;
  }

  /** Each text's row (the last one's, for a text the column holds twice). */
  rows(): Map<string, number> {
    this.#readWhole();
    const rows = new Map<string, number>();
    for (let index = 0; index < this.length; index++) rows.set(this.at(index), index);
    return rows;
  }

  /** The bytes of the texts from `from` up to `to`, over the column's memory (not copied). */
  bytesOf(from: number, to: number): Uint8Array {
    return this.#bytes.subarray(this.#starts[from], this.#starts[to]);
  }

  /**
   * Decodes an ASCII column at once (latin1 is then the same and fastest), its texts then sliced out
   * rather than each decoded. A text kept in UTF-16LE has a byte of its surrogate above 0x7F, so an
   * ASCII column holds none.
   */
  #readWhole(): void {
    if (this.#ascii === undefined && this.length > 1 && isAscii(this.#bytes)) this.#ascii = this.#bytes.toString('latin1');
  }
}

/** A column made of runs of other columns' texts and of new texts, a run copied as bytes at once rather than text by text. */
export class TextColumnBuilder {
  readonly #bytes: Uint8Array[] = [];
  readonly #lengths: Int32Array[] = [];
  /** New texts, not yet encoded. */
  #pending: string[] = [];

  /** Adds texts `from` up to `to` of a column. */
  copy(reader: TextColumnReader, from: number, to: number): void {
    if (to <= from) return;
    this.#flush();
    this.#bytes.push(reader.bytesOf(from, to));
    this.#lengths.push(reader.column.lengths.subarray(from, to));
  }

  push(text: string): void {
    this.#pending.push(text);
  }

  /** Adds every text of a column. */
  append(column: TextColumn): void {
    if (column.lengths.length === 0) return;
    this.#flush();
    this.#bytes.push(column.bytes);
    this.#lengths.push(column.lengths);
  }

  done(): TextColumn {
    this.#flush();
    return { bytes: Buffer.concat(this.#bytes), lengths: concatenated(Int32Array, this.#lengths) };
  }

  /** Encodes the new texts since the last run, all at once. */
  #flush(): void {
    if (this.#pending.length === 0) return;
    const { bytes, lengths } = encoded(this.#pending);
    this.#bytes.push(bytes);
    this.#lengths.push(lengths);
    this.#pending = [];
  }
}
