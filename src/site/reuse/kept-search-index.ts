// The search index a rebuild keeps, to make the next one's from it: every token's postings (all of
// them, not only the ones its entry shows), each token's entry, the shards, and every entity's search
// facts as text, in columns. A rebuild after an edit of a few entities takes their postings out of
// the tokens they had, puts them in the tokens they have, and places again only the shards of the
// prefixes those tokens have (`shardPrefix`); the other shards stay as they are. The result is byte
// for byte the index made from scratch: a token's postings are in one total order (weight, then
// identity), and the shards of one prefix are placed from that prefix's tokens alone.

import type { SearchFacts } from '../search-index.js';
import {
  entityTokens,
  MAX_POSTINGS,
  placeInShards,
  postingsEntry,
  searchManifest,
  searchPostings,
  shardPrefix,
  type Posting,
} from '../search-index.js';
import { compareStrings } from '../../ground/diagnostics.js';
import { stableStringify } from '../../ground/stable-json.js';
import { sortedIndexOf } from '../../ground/collections.js';
import { TextColumnBuilder, TextColumnReader, toTextColumn, type TextColumn } from '../../engine/text-column.js';

/** More entities changed than this share of them, and the index is made from scratch: as fast, and simpler. */
const MAX_CHANGED_SHARE = 0.05;

/** The index as a page state keeps it. */
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

/** The facts of each entity of the catalog, in its order, as text; and each one's facts, read when needed. */
export interface SearchFactsTexts {
  identities: readonly string[];
  texts: readonly string[];
  facts: (index: number) => SearchFacts;
}

/** Where the index's files go: written (returning the hash they are kept by), or taken over from the last build. */
export interface SearchIndexOutput {
  place: (path: string, content: string) => string;
  takeOver: (path: string, hash: string) => boolean;
}

export const shardPath = (key: string): string => `search/${key}.json`;
export const SEARCH_MANIFEST = 'search/manifest.json';

/**
 * Writes the search index of these facts, made from the one `previous` build kept when it can be,
 * from scratch otherwise. Returns what to keep for the next build when `keep`.
 */
export function writeSearchIndex(
  current: SearchFactsTexts,
  previous: unknown,
  keep: boolean,
  out: SearchIndexOutput,
): StoredSearchIndex | undefined {
  const kept = KeptSearchIndex.of(previous);
  const updated = kept?.update(current, out);
  if (updated !== undefined) return keep ? updated : undefined;
  const postings = searchPostings(current.identities.map((_identity, index) => current.facts(index)));
  const entries = new Map<string, string>();
  const shards = new Map<string, string>();
  placeInShards(
    [...postings.keys()],
    (token) => {
      const entry = postingsEntry(token, postings.get(token) as Posting[]);
      entries.set(token, entry);
      return entry;
    },
    shards,
  );
  out.place(SEARCH_MANIFEST, stableStringify(searchManifest(shards.keys()), 0));
  const hashes = new Map<string, string>();
  for (const [key, shard] of shards) hashes.set(key, out.place(shardPath(key), shard));
  return keep ? storedIndex(current, postings, entries, hashes) : undefined;
}

/** The columns of a whole index: its postings and entries by token, and each shard's hash. */
function storedIndex(
  current: SearchFactsTexts,
  postings: ReadonlyMap<string, readonly Posting[]>,
  entries: ReadonlyMap<string, string>,
  shardHashes: ReadonlyMap<string, string>,
): StoredSearchIndex {
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
  tokens.forEach((token, index) => {
    for (const [identity, weight, , where] of postings.get(token) as Posting[]) {
      let place = places.get(where);
      if (place === undefined) places.set(where, (place = places.size));
      entities[at] = rows.get(identity) as number;
      weights[at] = weight;
      wheres[at++] = place;
    }
    starts[index + 1] = at;
  });
  const shards = [...shardHashes.keys()].sort(compareStrings);
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
    shards: toTextColumn(shards),
    shardHashes: toTextColumn(shards.map((key) => shardHashes.get(key) as string)),
  };
}

class KeptSearchIndex {
  readonly #stored: StoredSearchIndex;
  readonly #identities: TextColumnReader;
  readonly #facts: TextColumnReader;
  readonly #tokens: TextColumnReader;
  readonly #entries: TextColumnReader;
  readonly #places: TextColumnReader;
  readonly #shards: TextColumnReader;
  readonly #shardHashes: TextColumnReader;

  private constructor(stored: StoredSearchIndex, readers: TextColumnReader[]) {
    this.#stored = stored;
    [this.#identities, this.#facts, this.#tokens, this.#entries, this.#places, this.#shards, this.#shardHashes] = readers as [
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
      TextColumnReader,
    ];
  }

  /** The index a page state kept; undefined when it is not whole. */
  static of(value: unknown): KeptSearchIndex | undefined {
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
    return new KeptSearchIndex(stored as StoredSearchIndex, readers as TextColumnReader[]);
  }

  /**
   * Writes the index of `current` made from this one, and returns what to keep of it; undefined
   * (nothing written) when too much changed to be worth it.
   */
  update(current: SearchFactsTexts, out: SearchIndexOutput): StoredSearchIndex | undefined {
    const changes = this.#changes(current);
    if (changes === undefined) return undefined;
    const { renumbered, changedRows, gone } = changes;

    // Places keep their rows; a new one is added after them.
    const places = this.#places.texts();
    const placeRows = new Map(places.map((place, row) => [place, row]));
    const placeOf = (where: string) => {
      let place = placeRows.get(where);
      if (place === undefined) placeRows.set(where, (place = places.push(where) - 1));
      return place;
    };

    // The tokens whose postings change: those the changed entities had, and those they have.
    const { starts, entities } = this.#stored;
    const tokenList = this.#tokens.texts();
    const changedTokens = new Map<string, number | undefined>();
    for (let token = 0; token < tokenList.length; token++)
      for (let posting = starts[token] as number; posting < (starts[token + 1] as number); posting++)
        if (gone[entities[posting] as number] === 1) {
          changedTokens.set(tokenList[token] as string, token);
          break;
        }
    const gained = new Map<string, GainedPosting[]>();
    for (const row of changedRows) {
      const facts = current.facts(row);
      for (const [token, [weight, where]] of entityTokens(facts)) {
        const posting: GainedPosting = { row, weight: Math.round(weight * facts.boost), place: placeOf(where) };
        const list = gained.get(token);
        if (list === undefined) gained.set(token, [posting]);
        else list.push(posting);
        if (!changedTokens.has(token)) {
          const index = sortedIndexOf(tokenList, token, (text) => text, compareStrings);
          changedTokens.set(token, index === -1 ? undefined : index);
        }
      }
    }

    // The tokens in order, a changed one in its place (or gone, with no posting left); each token's
    // source is its row in the kept columns, or its postings when it changed.
    const changedInOrder = [...changedTokens.keys()].sort(compareStrings);
    const tokens: string[] = [];
    const sources: (number | TokenPostings)[] = [];
    for (let index = 0, next = 0; index < tokenList.length || next < changedInOrder.length;) {
      const keptToken = tokenList[index];
      const changedToken = changedInOrder[next];
      if (changedToken === undefined || (keptToken !== undefined && compareStrings(keptToken, changedToken) < 0)) {
        tokens.push(keptToken as string);
        sources.push(index++);
        continue;
      }
      if (keptToken === changedToken) index++;
      next++;
      const postings = this.#merged(changedTokens.get(changedToken), gained.get(changedToken) ?? [], { gone, renumbered }, current);
      if (postings.rows.length === 0) continue;
      tokens.push(changedToken);
      sources.push(postings);
    }

    // A changed token's entry shows its first postings, with their entities' titles.
    const titles = new Map<number, string>();
    const titleOf = (row: number) => {
      let title = titles.get(row);
      if (title === undefined) titles.set(row, (title = current.facts(row).title));
      return title;
    };
    const entryOf = (token: string, source: number | TokenPostings): string => {
      if (typeof source === 'number') return this.#entries.at(source);
      const shown: Posting[] = [];
      for (let posting = 0; posting < Math.min(MAX_POSTINGS, source.rows.length); posting++) {
        const row = source.rows[posting] as number;
        shown.push([
          current.identities[row] as string,
          source.weights[posting] as number,
          titleOf(row),
          places[source.places[posting] as number] as string,
        ]);
      }
      return postingsEntry(token, shown);
    };

    // The shards of the prefixes with a changed token are placed again; the others stay as they are.
    const prefixes = new Map(changedInOrder.map((token) => [shardPrefix(token), new Map<string, number>()]));
    tokens.forEach((token, position) => prefixes.get(shardPrefix(token))?.set(token, position));
    const placed = new Map<string, string>();
    for (const positions of prefixes.values())
      placeInShards(
        [...positions.keys()],
        (token) => entryOf(token, sources[positions.get(token) as number] as number | TokenPostings),
        placed,
      );
    const shardHashes = new Map<string, string>();
    for (let index = 0; index < this.#shards.length; index++) {
      const key = this.#shards.at(index);
      if (prefixes.has(shardPrefix(key))) continue;
      const hash = this.#shardHashes.at(index);
      if (!out.takeOver(shardPath(key), hash)) return undefined;
      shardHashes.set(key, hash);
    }
    for (const [key, shard] of placed) shardHashes.set(key, out.place(shardPath(key), shard));
    out.place(SEARCH_MANIFEST, stableStringify(searchManifest(shardHashes.keys()), 0));
    return this.#next(current, changes, { tokens, sources, entryOf, places, shardHashes });
  }

  /**
   * What changed since this index: each kept entity's row now (`renumbered`; -1 when it went or its
   * facts changed), each entity's kept row when its facts did not change (`unchangedFrom`), the rows of entities whose facts changed or that came, and the
   * kept rows whose postings go (`gone`: the entity went, or its facts changed). Undefined when too much did.
   */
  #changes(current: SearchFactsTexts): Changes | undefined {
    const count = current.identities.length;
    const previousRows = this.#identities.rows();
    const rows = new Map(current.identities.map((identity, row) => [identity, row]));
    if (rows.size !== count || previousRows.size !== this.#identities.length) return undefined;
    const renumbered = new Int32Array(this.#identities.length).fill(-1);
    const unchangedFrom = new Int32Array(count).fill(-1);
    const changedRows: number[] = [];
    for (let row = 0; row < count; row++) {
      const previous = previousRows.get(current.identities[row] as string);
      if (previous !== undefined && this.#facts.at(previous) === current.texts[row]) {
        unchangedFrom[row] = previous;
        renumbered[previous] = row;
      } else changedRows.push(row);
    }
    const gone = new Uint8Array(this.#identities.length);
    let goneCount = 0;
    renumbered.forEach((row, previous) => {
      if (row !== -1) return;
      gone[previous] = 1;
      goneCount++;
    });
    if (changedRows.length + goneCount > Math.max(1, count * MAX_CHANGED_SHARE)) return undefined;
    return { renumbered, unchangedFrom, changedRows, gone };
  }

  /** A changed token's postings, in order: those it kept (renumbered), with those it gained merged in. */
  #merged(
    index: number | undefined,
    gained: GainedPosting[],
    { gone, renumbered }: Pick<Changes, 'gone' | 'renumbered'>,
    current: SearchFactsTexts,
  ): TokenPostings {
    const { starts, entities, weights, wheres } = this.#stored;
    const from = index === undefined ? 0 : (starts[index] as number);
    const to = index === undefined ? 0 : (starts[index + 1] as number);
    const before = (a: { row: number; weight: number }, b: { row: number; weight: number }) =>
      b.weight - a.weight || compareStrings(current.identities[a.row] as string, current.identities[b.row] as string);
    gained.sort(before);
    const length = to - from + gained.length;
    const merged: TokenPostings = { rows: new Int32Array(length), weights: new Int32Array(length), places: new Int32Array(length) };
    let at = 0;
    const put = (row: number, weight: number, place: number) => {
      merged.rows[at] = row;
      merged.weights[at] = weight;
      merged.places[at++] = place;
    };
    let next = 0;
    for (let posting = from; posting < to; posting++) {
      const entity = entities[posting] as number;
      if (gone[entity] === 1) continue;
      const kept = { row: renumbered[entity] as number, weight: weights[posting] as number };
      for (; next < gained.length && before(gained[next] as GainedPosting, kept) < 0; next++) {
        const { row, weight, place } = gained[next] as GainedPosting;
        put(row, weight, place);
      }
      put(kept.row, kept.weight, wheres[posting] as number);
    }
    for (; next < gained.length; next++) {
      const { row, weight, place } = gained[next] as GainedPosting;
      put(row, weight, place);
    }
    return { rows: merged.rows.subarray(0, at), weights: merged.weights.subarray(0, at), places: merged.places.subarray(0, at) };
  }

  /**
   * The columns of the index made from this one: kept tokens and unchanged entities copied as they
   * were, in runs, the kept tokens' entities renumbered.
   */
  #next(
    current: SearchFactsTexts,
    { renumbered, unchangedFrom }: Changes,
    made: {
      tokens: readonly string[];
      sources: readonly (number | TokenPostings)[];
      entryOf: (token: string, source: TokenPostings) => string;
      places: readonly string[];
      shardHashes: ReadonlyMap<string, string>;
    },
  ): StoredSearchIndex {
    const { starts, entities, weights, wheres } = this.#stored;
    const { tokens, sources, shardHashes } = made;
    const renumbering =
      this.#identities.length !== current.identities.length || renumbered.some((row, previous) => row !== previous && row !== -1);
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
      identities.copy(this.#identities, previous, previous + (end - row));
      facts.copy(this.#facts, previous, previous + (end - row));
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
        entryColumn.push(made.entryOf(token, source));
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
      tokenColumn.copy(this.#tokens, source, last);
      entryColumn.copy(this.#entries, source, last);
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
    const shards = [...shardHashes.keys()].sort(compareStrings);
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
      shards: toTextColumn(shards),
      shardHashes: toTextColumn(shards.map((key) => shardHashes.get(key) as string)),
    };
  }
}

/** A posting a changed entity gives a token: its row now, weight and place. */
interface GainedPosting {
  row: number;
  weight: number;
  place: number;
}

/** A changed token's postings, in order: each one's entity (row now), weight and place. */
interface TokenPostings {
  rows: Int32Array;
  weights: Int32Array;
  places: Int32Array;
}

interface Changes {
  renumbered: Int32Array;
  unchangedFrom: Int32Array;
  changedRows: readonly number[];
  gone: Uint8Array;
}
