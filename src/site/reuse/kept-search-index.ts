// The search index made from the one the last build kept (`search-index-columns.ts`). A rebuild after
// an edit of a few entities takes their postings out of the tokens they had, puts them in the tokens
// they have, and places again only the shards of the prefixes those tokens have (`shardPrefix`); the
// other shards are taken over as they are. The result is byte for byte the index made from scratch:
// a token's postings are in one total order (weight, then identity), and the shards of one prefix
// are placed from that prefix's tokens alone.

import type { SearchFacts } from '../search-index.js';
import {
  entityTokens,
  indexOfPostings,
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
import {
  SearchIndexColumns,
  wholeIndexColumns,
  type EntityFactsTexts,
  type StoredSearchIndex,
  type TokenPostings,
} from './search-index-columns.js';

export type { StoredSearchIndex } from './search-index-columns.js';

/** More entities changed than this share of them, and the index is made from scratch: as fast, and simpler. */
const MAX_CHANGED_SHARE = 0.05;

/** The facts of each entity of the catalog, in its order, as text; and each one's facts, read when needed. */
export interface SearchFactsTexts extends EntityFactsTexts {
  facts: (index: number) => SearchFacts;
}

/** Where the index's files go: written (returning the hash they are kept by), or taken over from the last build, all or none. */
export interface SearchIndexOutput {
  place: (path: string, content: string) => string;
  takeOver: (files: readonly (readonly [path: string, hash: string])[]) => boolean;
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
  const columns = SearchIndexColumns.of(previous);
  const updated = columns === undefined ? undefined : new KeptSearchIndex(columns).update(current, out);
  if (updated !== undefined) return keep ? updated : undefined;
  const postings = searchPostings(current.identities.map((_identity, index) => current.facts(index)));
  // Entries are held for the columns only when they are kept: a build of 100k entities keeps nothing.
  const entries = keep ? new Map<string, string>() : undefined;
  const index = indexOfPostings(postings, entries);
  out.place(SEARCH_MANIFEST, stableStringify(index.manifest, 0));
  const hashes = new Map<string, string>();
  for (const [key, shard] of index.shards) hashes.set(key, out.place(shardPath(key), shard));
  return entries === undefined ? undefined : wholeIndexColumns(current, postings, entries, hashes);
}

/** An index kept by the last build, and how a rebuild makes the next from it. */
class KeptSearchIndex {
  readonly #kept: SearchIndexColumns;

  constructor(kept: SearchIndexColumns) {
    this.#kept = kept;
  }

  /**
   * Writes the index of `current` made from this one, and returns what to keep of it; undefined, with
   * nothing written, when too much changed to be worth it or a shard it would keep is not there.
   */
  update(current: SearchFactsTexts, out: SearchIndexOutput): StoredSearchIndex | undefined {
    const changes = this.#changes(current);
    if (changes === undefined) return undefined;
    const kept = this.#kept;
    const { changedRows, gone } = changes;
    const factsOf = memoized((row: number) => current.facts(row));

    // Places keep their rows and a new one is added after them; one no posting names any more stays
    // until the index is next made from scratch.
    const places = kept.places.texts();
    const placeRows = new Map(places.map((place, row) => [place, row]));
    const placeOf = (where: string) => {
      let place = placeRows.get(where);
      if (place === undefined) placeRows.set(where, (place = places.push(where) - 1));
      return place;
    };

    // The tokens whose postings change: those the changed entities had, and those they have.
    const { starts, entities } = kept.stored;
    const tokenList = kept.tokens.texts();
    const changedTokens = new Map<string, number | undefined>();
    for (let token = 0; token < tokenList.length; token++)
      for (let posting = starts[token] as number; posting < (starts[token + 1] as number); posting++)
        if (gone[entities[posting] as number] === 1) {
          changedTokens.set(tokenList[token] as string, token);
          break;
        }
    const gained = new Map<string, GainedPosting[]>();
    for (const row of changedRows) {
      const facts = factsOf(row);
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
      const postings = this.#merged(changedTokens.get(changedToken), gained.get(changedToken) ?? [], changes, current);
      if (postings.rows.length === 0) continue;
      tokens.push(changedToken);
      sources.push(postings);
    }

    // A changed token's entry shows its first postings, with their entities' titles.
    const changedEntries = new Map<string, string>();
    const entryOf = (token: string, source: number | TokenPostings): string => {
      if (typeof source === 'number') return kept.entries.at(source);
      let entry = changedEntries.get(token);
      if (entry === undefined) {
        const shown: Posting[] = [];
        for (let posting = 0; posting < Math.min(MAX_POSTINGS, source.rows.length); posting++) {
          const row = source.rows[posting] as number;
          shown.push([
            current.identities[row] as string,
            source.weights[posting] as number,
            factsOf(row).title,
            places[source.places[posting] as number] as string,
          ]);
        }
        changedEntries.set(token, (entry = postingsEntry(token, shown)));
      }
      return entry;
    };

    // The shards of the prefixes with a changed token are placed again; the others are taken over.
    const prefixes = new Map(changedInOrder.map((token) => [shardPrefix(token), new Map<string, number>()]));
    tokens.forEach((token, position) => prefixes.get(shardPrefix(token))?.set(token, position));
    const shardHashes = new Map<string, string>();
    for (let index = 0; index < kept.shards.length; index++) {
      const key = kept.shards.at(index);
      if (!prefixes.has(shardPrefix(key))) shardHashes.set(key, kept.shardHashes.at(index));
    }
    if (!out.takeOver([...shardHashes].map(([key, hash]) => [shardPath(key), hash] as const))) return undefined;
    const placed = new Map<string, string>();
    for (const positions of prefixes.values())
      placeInShards(
        [...positions.keys()],
        (token) => entryOf(token, sources[positions.get(token) as number] as number | TokenPostings),
        placed,
      );
    for (const [key, shard] of placed) shardHashes.set(key, out.place(shardPath(key), shard));
    out.place(SEARCH_MANIFEST, stableStringify(searchManifest(shardHashes.keys()), 0));
    return kept.next(current, changes, {
      tokens,
      sources,
      entryOf: (token) => changedEntries.get(token) as string,
      places,
      shardHashes,
    });
  }

  /**
   * What changed since the kept index. `renumbered`: each kept entity's row now, -1 when it went or
   * its facts changed. `unchangedFrom`: each entity's kept row when its facts did not change, -1
   * otherwise. `changedRows`: the entities whose facts changed, or that came. `gone`: the kept rows
   * whose postings go. Undefined when too many entities changed.
   */
  #changes(current: SearchFactsTexts): Changes | undefined {
    const kept = this.#kept;
    const count = current.identities.length;
    const previousRows = kept.identities.rows();
    const rows = new Map(current.identities.map((identity, row) => [identity, row]));
    if (rows.size !== count || previousRows.size !== kept.identities.length) return undefined;
    const renumbered = new Int32Array(kept.identities.length).fill(-1);
    const unchangedFrom = new Int32Array(count).fill(-1);
    const changedRows: number[] = [];
    let added = 0;
    for (let row = 0; row < count; row++) {
      const previous = previousRows.get(current.identities[row] as string);
      if (previous === undefined) added++;
      if (previous !== undefined && kept.facts.at(previous) === current.texts[row]) {
        unchangedFrom[row] = previous;
        renumbered[previous] = row;
      } else changedRows.push(row);
    }
    // Entities that changed, came or went, each counted once.
    const removed = kept.identities.length - (count - added);
    if (changedRows.length + removed > Math.max(1, count * MAX_CHANGED_SHARE)) return undefined;
    const gone = Uint8Array.from(renumbered, (row) => (row === -1 ? 1 : 0));
    return { renumbered, unchangedFrom, changedRows, gone };
  }

  /** A changed token's postings, in order: those it kept (renumbered), with those it gained merged in. */
  #merged(index: number | undefined, gained: GainedPosting[], { gone, renumbered }: Changes, current: SearchFactsTexts): TokenPostings {
    const { starts, entities, weights, wheres } = this.#kept.stored;
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
}

/** A posting a changed entity gives a token: its row now, weight and place. */
interface GainedPosting {
  row: number;
  weight: number;
  place: number;
}

interface Changes {
  renumbered: Int32Array;
  unchangedFrom: Int32Array;
  changedRows: readonly number[];
  gone: Uint8Array;
}

/** A function of a row, computed once per row. */
function memoized<T>(compute: (row: number) => T): (row: number) => T {
  const known = new Map<number, T>();
  return (row) => {
    let value = known.get(row);
    if (value === undefined) known.set(row, (value = compute(row)));
    return value;
  };
}
