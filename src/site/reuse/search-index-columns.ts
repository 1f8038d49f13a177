// The search index as a page state keeps it, in columns: every entity's search facts as text, every
// token's postings (all of them, not only those its entry shows) and entry, and the shards with the
// hash each file was written with. Made whole from a new index, or from the kept columns and the
// tokens a rebuild changed, the kept ones copied as runs of bytes.

import { compareStrings } from '../../ground/diagnostics.js';
import { TextColumnBuilder, TextColumnReader, toTextColumn, type TextColumn } from '../../engine/text-column.js';
import type { Posting } from '../search-index.js';

export interface StoredSearchIndex {
  /** The entities, in the order of the build that kept it, and each one's search facts as text. */
  identities: TextColumn;
  facts: TextColumn;
  /** The tokens, sorted, and each one's entry in its shard. */
  tokens: TextColumn;
  entries: TextColumn;
  /** Where each token's postings start in the posting columns, and where the last one's end. */
  starts: Int32Array;
  /** Per posting, in its token's order: its entity (row in `identities`), weight and place (row in `places`). */
  entities: Int32Array;
  weights: Int32Array;
  wheres: Int32Array;
  places: TextColumn;
  /** The shards' keys, sorted, and the hash each one's file was written with. */
  shards: TextColumn;
  shardHashes: TextColumn;
}

/** A changed token's postings, in order: each one's entity (its row now), weight and place. */
export interface TokenPostings {
  rows: Int32Array;
  weights: Int32Array;
  places: Int32Array;
}

/** The entities of a build, in its order, and each one's search facts as text. */
export interface EntityFactsTexts {
  identities: readonly string[];
  texts: readonly string[];
}

/** The shard keys in order, with their hashes. */
function shardColumns(shardHashes: ReadonlyMap<string, string>): Pick<StoredSearchIndex, 'shards' | 'shardHashes'> {
  const shards = [...shardHashes.keys()].sort(compareStrings);
  return { shards: toTextColumn(shards), shardHashes: toTextColumn(shards.map((key) => shardHashes.get(key) as string)) };
}

/**
 * The columns of an index made whole: its postings and entries by token, and each shard's hash.
 * Undefined when a posting names an entity that is not one of `current` (facts whose identity is not
 * the entity's): such an index is not kept.
 */
export function wholeIndexColumns(
  current: EntityFactsTexts,
  postings: ReadonlyMap<string, readonly Posting[]>,
  entries: ReadonlyMap<string, string>,
  shardHashes: ReadonlyMap<string, string>,
): StoredSearchIndex | undefined {
  const rows = new Map(current.identities.map((identity, row) => [identity, row]));
  const tokens = [...postings.keys()].sort(compareStrings);
  let total = 0;
  for (const list of postings.values()) total += list.length;
  const starts = new Int32Array(tokens.length + 1);
  const entities = new Int32Array(total);
  const weights = new Int32Array(total);
  const wheres = new Int32Array(total);
  const places = new Map<string, number>();
  let at = 0;
  for (const [index, token] of tokens.entries()) {
    for (const [identity, weight, , where] of postings.get(token) as Posting[]) {
      const row = rows.get(identity);
      if (row === undefined) return undefined;
      let place = places.get(where);
      if (place === undefined) places.set(where, (place = places.size));
      entities[at] = row;
      weights[at] = weight;
      wheres[at++] = place;
    }
    starts[index + 1] = at;
  }
  return {
    identities: toTextColumn(current.identities),
    facts: toTextColumn(current.texts),
    tokens: toTextColumn(tokens),
    entries: toTextColumn(tokens.map((token) => entries.get(token) as string)),
    starts,
    entities,
    weights,
    wheres,
    places: toTextColumn([...places.keys()]),
    ...shardColumns(shardHashes),
  };
}

/** Kept columns, read in place. */
export class SearchIndexColumns {
  readonly stored: StoredSearchIndex;
  readonly identities: TextColumnReader;
  readonly facts: TextColumnReader;
  readonly tokens: TextColumnReader;
  readonly entries: TextColumnReader;
  readonly places: TextColumnReader;
  readonly shards: TextColumnReader;
  readonly shardHashes: TextColumnReader;

  private constructor(stored: StoredSearchIndex, readers: TextColumnReader[]) {
    this.stored = stored;
    [this.identities, this.facts, this.tokens, this.entries, this.places, this.shards, this.shardHashes] = readers as [
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
    ];
  }

  /** The columns a page state kept; undefined when they are not whole. */
  static of(value: unknown): SearchIndexColumns | undefined {
    const stored = value as Partial<StoredSearchIndex> | null | undefined;
    if (typeof stored !== 'object' || stored === null) return undefined;
    const readers = [stored.identities, stored.facts, stored.tokens, stored.entries, stored.places, stored.shards, stored.shardHashes].map(
      (column) => TextColumnReader.of(column),
    );
    const [identities, facts, tokens, entries, places, shards, shardHashes] = readers;
    const { starts, entities, weights, wheres } = stored;
    if (
      identities === undefined ||
      facts?.length !== identities.length ||
      tokens === undefined ||
      entries?.length !== tokens.length ||
      places === undefined ||
      shards === undefined ||
      shardHashes?.length !== shards.length ||
      !(starts instanceof Int32Array) ||
      starts.length !== tokens.length + 1 ||
      starts[0] !== 0 ||
      !(entities instanceof Int32Array) ||
      starts[tokens.length] !== entities.length ||
      !(weights instanceof Int32Array) ||
      weights.length !== entities.length ||
      !(wheres instanceof Int32Array) ||
      wheres.length !== entities.length ||
      !starts.every((start, index) => index === 0 || start >= (starts[index - 1] as number)) ||
      !entities.every((row) => row >= 0 && row < identities.length) ||
      !wheres.every((place) => place >= 0 && place < places.length)
    )
      return undefined;
    return new SearchIndexColumns(stored as StoredSearchIndex, readers as TextColumnReader[]);
  }

  /**
   * The columns of the index made from these: kept tokens and unchanged entities copied as they were,
   * in runs, the kept tokens' entities renumbered (`renumbered`: each kept entity's row now).
   * `unchangedFrom` is each entity's kept row when its facts did not change, -1 otherwise; a token's
   * source is its kept row, or its postings when it changed, with its entry (`entryOf`).
   */
  next(
    current: EntityFactsTexts,
    { renumbered, unchangedFrom }: { renumbered: Int32Array; unchangedFrom: Int32Array },
    made: {
      tokens: readonly string[];
      sources: readonly (number | TokenPostings)[];
      entryOf: (token: string) => string;
      /** Every place the postings name: the kept ones in their rows, new ones after them. */
      places: readonly string[];
      shardHashes: ReadonlyMap<string, string>;
    },
  ): StoredSearchIndex {
    const { starts, entities, weights, wheres } = this.stored;
    const { tokens, sources } = made;
    const renumbering =
      this.identities.length !== current.identities.length || renumbered.some((row, previous) => row !== previous && row !== -1);
    const identities = new TextColumnBuilder();
    const facts = new TextColumnBuilder();
    for (let row = 0; row < unchangedFrom.length;) {
      const previous = unchangedFrom[row] as number;
      if (previous === -1) {
        identities.push(current.identities[row] as string);
        facts.push(current.texts[row] as string);
        row++;
        continue;
      }
      let end = row + 1;
      while (end < unchangedFrom.length && unchangedFrom[end] === previous + (end - row)) end++;
      identities.copy(this.identities, previous, previous + (end - row));
      facts.copy(this.facts, previous, previous + (end - row));
      row = end;
    }

    let total = 0;
    for (const source of sources)
      total += typeof source === 'number' ? (starts[source + 1] as number) - (starts[source] as number) : source.rows.length;
    const nextStarts = new Int32Array(sources.length + 1);
    const nextEntities = new Int32Array(total);
    const nextWeights = new Int32Array(total);
    const nextWheres = new Int32Array(total);
    const tokenColumn = new TextColumnBuilder();
    const entryColumn = new TextColumnBuilder();
    let at = 0;
    for (let position = 0; position < sources.length;) {
      const source = sources[position] as number | TokenPostings;
      if (typeof source !== 'number') {
        const token = tokens[position] as string;
        tokenColumn.push(token);
        entryColumn.push(made.entryOf(token));
        nextEntities.set(source.rows, at);
        nextWeights.set(source.weights, at);
        nextWheres.set(source.places, at);
        at += source.rows.length;
        nextStarts[++position] = at;
        continue;
      }
      // A run of kept tokens, next to each other in the kept columns too: copied at once.
      let end = position + 1;
      while (end < sources.length && sources[end] === source + (end - position)) end++;
      const last = source + (end - position);
      tokenColumn.copy(this.tokens, source, last);
      entryColumn.copy(this.entries, source, last);
      const from = starts[source] as number;
      const to = starts[last] as number;
      nextWeights.set(weights.subarray(from, to), at);
      nextWheres.set(wheres.subarray(from, to), at);
      if (renumbering)
        for (let posting = from; posting < to; posting++)
          nextEntities[at + posting - from] = renumbered[entities[posting] as number] as number;
      else nextEntities.set(entities.subarray(from, to), at);
      for (let token = source; token < last; token++) nextStarts[position + token - source + 1] = at + (starts[token + 1] as number) - from;
      at += to - from;
      position = end;
    }
    return {
      identities: identities.done(),
      facts: facts.done(),
      tokens: tokenColumn.done(),
      entries: entryColumn.done(),
      starts: nextStarts,
      entities: nextEntities,
      weights: nextWeights,
      wheres: nextWheres,
      places: toTextColumn(made.places),
      ...shardColumns(made.shardHashes),
    };
  }
}
