// Many short texts as one string and their lengths: what caches keep instead of arrays of
// strings, which V8 serializes and reads back several times slower. Lengths, not a separator, so
// that no text can break the column whatever it contains.

export interface TextColumn {
  text: string;
  lengths: Int32Array;
}

export function toTextColumn(texts: readonly string[]): TextColumn {
  // A loop, not Int32Array.from(texts, mapper): that goes through the iterator protocol, ten times slower.
  const lengths = new Int32Array(texts.length);
  for (let index = 0; index < texts.length; index++) lengths[index] = (texts[index] as string).length;
  return { text: texts.join(''), lengths };
}

/** The texts a column holds; undefined when it is not one (its lengths do not add up). */
export function fromTextColumn(column: unknown): string[] | undefined {
  const reader = TextColumnReader.of(column);
  if (reader === undefined) return undefined;
  const texts: string[] = [];
  for (let index = 0; index < reader.length; index++) texts.push(reader.at(index));
  return texts;
}

/**
 * A column read in place: each text sliced out when asked for (a slice shares the column's text, so
 * nothing is copied), for a cache of which a run looks at a few rows and keeps the rest as they were.
 */
export class TextColumnReader {
  readonly column: TextColumn;
  /** Where each text starts in the column's text, and where the last one ends. */
  readonly #starts: Float64Array;

  private constructor(column: TextColumn, starts: Float64Array) {
    this.column = column;
    this.#starts = starts;
  }

  /** A reader of the column; undefined when it is not one (its lengths do not add up). */
  static of(column: unknown): TextColumnReader | undefined {
    const { text, lengths } = (column ?? {}) as Partial<TextColumn>;
    if (typeof text !== 'string' || !(lengths instanceof Int32Array)) return undefined;
    const starts = new Float64Array(lengths.length + 1);
    for (let index = 0; index < lengths.length; index++) {
      const length = lengths[index] as number;
      if (length < 0) return undefined;
      starts[index + 1] = (starts[index] as number) + length;
    }
    return starts[lengths.length] === text.length ? new TextColumnReader({ text, lengths }, starts) : undefined;
  }

  get length(): number {
    return this.column.lengths.length;
  }

  at(index: number): string {
    return this.column.text.slice(this.#starts[index], this.#starts[index + 1]);
  }

  /** Each text's row (the last one's, for a text the column holds twice). */
  rows(): Map<string, number> {
    const rows = new Map<string, number>();
    for (let index = 0; index < this.length; index++) rows.set(this.at(index), index);
    return rows;
  }

  /** The texts from `from` up to `to`, joined. */
  joined(from: number, to: number): string {
    return this.column.text.slice(this.#starts[from], this.#starts[to]);
  }
}

/** A column made of runs of other columns' texts and of new texts, a run copied at once rather than text by text. */
export class TextColumnBuilder {
  readonly #texts: string[] = [];
  readonly #lengths: Int32Array[] = [];
  /** New texts' lengths, not yet added to `#lengths`. */
  #pending: number[] = [];

  /** Adds texts `from` up to `to` of a column. */
  copy(reader: TextColumnReader, from: number, to: number): void {
    if (to <= from) return;
    this.#flush();
    this.#texts.push(reader.joined(from, to));
    this.#lengths.push(reader.column.lengths.subarray(from, to));
  }

  push(text: string): void {
    this.#texts.push(text);
    this.#pending.push(text.length);
  }

  done(): TextColumn {
    this.#flush();
    const lengths = new Int32Array(this.#lengths.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of this.#lengths) {
      lengths.set(part, offset);
      offset += part.length;
    }
    return { text: this.#texts.join(''), lengths };
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    this.#lengths.push(Int32Array.from(this.#pending));
    this.#pending = [];
  }
}
