// A search index the browser fetches piece by piece: tokens are sharded by prefix, and a shard that
// grows too large is split by a longer prefix, so one query loads a few small files even at 100k.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { displayName } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { compareStrings } from '../ground/diagnostics.js';
import { ownerOf } from '../catalog/queries.js';
import { groupBy } from '../ground/collections.js';

/**
 * [identity, weight, title, matched] — the identity also gives the page URL and the kind; `matched`
 * says what of the entity the token is in when it is not its name (`feature avg_amount_30d`, `tag fraud`).
 */
export type Posting = [string, number, string, string];

export interface SearchIndex {
  /** Shard keys (token prefixes), sorted; the browser picks the ones that fit a query. */
  manifest: { version: 1; shards: string[] };
  /** Each shard's JSON, by key: its tokens' postings, `{token: Posting[]}`. */
  shards: Map<string, string>;
}

/** Postings a token's entry shows: the best ones. */
export const MAX_POSTINGS = 50;
const MAX_SHARD_BYTES = 100_000;
/** Names like `features-1234` share long prefixes; shards split that deep to stay small. */
const MAX_PREFIX = 32;
const STOPWORDS = new Set(['the', 'and', 'for', 'with', 'from', 'that', 'this', 'are', 'was', 'per', 'its', 'not', 'all', 'one']);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length >= 2);
}

function namesIn(list: unknown): string[] {
  return Array.isArray(list) ? list.flatMap((item) => (isRecord(item) && typeof item.name === 'string' ? [item.name] : [])) : [];
}

/** What the search index shows of an entity: all it reads of the catalog, so that equal facts make equal entries. */
export interface SearchFacts {
  identity: string;
  name: string;
  /** The display name, when it is not the name. */
  title: string;
  tags: string[];
  terms: string[];
  owner: string | undefined;
  /** Feature names. */
  features: string[];
  /** Schema field names. */
  fields: string[];
  /** The first 400 characters of the description. */
  description: string;
  /** Among equal matches, the latest version of something still in use comes first. */
  boost: number;
}

const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);

export function searchFacts(catalog: CatalogReader, entity: Entity): SearchFacts {
  const title = displayName(entity);
  const schema = isRecord(entity.spec.schema) ? entity.spec.schema.fields : undefined;
  return {
    identity: entity.identity,
    name: entity.name,
    title: title === entity.name ? '' : title,
    tags: strings(entity.metadata.tags),
    terms: strings(entity.metadata.terms),
    owner: ownerOf(catalog, entity),
    features: namesIn(entity.spec.features),
    fields: namesIn(schema),
    description: typeof entity.metadata.description === 'string' ? entity.metadata.description.slice(0, 400) : '',
    boost:
      (catalog.latest(entity.groupKey) === entity ? 1 : 0.9) *
      (entity.lifecycle === 'retired' ? 0.5 : entity.lifecycle === 'deprecated' ? 0.8 : 1),
  };
}

/** Search facts as a rebuild kept them (`JSON.stringify(searchFacts(…))`); undefined when the text is not that. */
export function keptSearchFacts(text: string): SearchFacts | undefined {
  try {
    const facts: unknown = JSON.parse(text);
    const stringLists = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
    return isRecord(facts) &&
      typeof facts.identity === 'string' &&
      typeof facts.name === 'string' &&
      typeof facts.title === 'string' &&
      typeof facts.description === 'string' &&
      typeof facts.boost === 'number' &&
      (facts.owner === undefined || typeof facts.owner === 'string') &&
      [facts.tags, facts.terms, facts.features, facts.fields].every(stringLists)
      ? (facts as unknown as SearchFacts)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Tokens of one entity with their weights and where each is (its best place): an exact name counts most, description words least. */
export function entityTokens(facts: SearchFacts): Map<string, [number, string]> {
  const weights = new Map<string, [number, string]>();
  const add = (token: string, weight: number, where: string) => {
    if (weight > (weights.get(token)?.[0] ?? 0)) weights.set(token, [weight, where]);
  };
  const addName = (name: string, whole: number, part: number, where: string) => {
    add(name.toLowerCase(), whole, where);
    for (const token of tokenize(name)) add(token, part, where);
  };
  addName(facts.name, 100, 40, '');
  for (const token of tokenize(facts.title || facts.name)) add(token, 30, '');
  for (const tag of facts.tags) addName(tag, 25, 20, `tag ${tag}`);
  for (const term of facts.terms) addName(term, 20, 15, `term ${term}`);
  if (facts.owner !== undefined) {
    const owner = facts.owner.slice(facts.owner.indexOf('/') + 1);
    addName(owner, 15, 10, `owner ${owner}`);
  }
  for (const name of facts.features) addName(name, 35, 15, `feature ${name}`);
  for (const name of facts.fields) addName(name, 35, 15, `field ${name}`);
  for (const token of tokenize(facts.description)) if (token.length >= 3 && !STOPWORDS.has(token)) add(token, 5, 'description');
  return weights;
}

/** Keys that are array indexes come first in an object's JSON, in numeric order, whatever order they were added in. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;

/** The JSON of an object of these entries (`"token":[…]`), keyed by their sorted tokens, as JSON.stringify writes it. */
function objectJson(tokens: readonly string[], entries: ReadonlyMap<string, string>): string {
  const indexes = tokens.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  const keys = indexes.length === 0 ? tokens : [...indexes, ...tokens.filter((token) => !isArrayIndex(token))];
  return `{${keys.map((token) => entries.get(token) as string).join(',')}}`;
}

/** Postings in the order a token's entry lists them: the heaviest first, then by identity. */
const comparePostings = (a: Posting, b: Posting): number => b[1] - a[1] || compareStrings(a[0], b[0]);

/** Every token's postings, in the index's order, from these entities' facts (`searchFacts`). */
export function searchPostings(entities: readonly SearchFacts[]): Map<string, Posting[]> {
  const postings = new Map<string, Posting[]>();
  for (const facts of entities) {
    for (const [token, [weight, where]] of entityTokens(facts)) {
      const posting: Posting = [facts.identity, Math.round(weight * facts.boost), facts.title, where];
      const list = postings.get(token);
      if (list === undefined) postings.set(token, [posting]);
      else list.push(posting);
    }
  }
  for (const list of postings.values()) list.sort(comparePostings);
  return postings;
}

/** A token's entry in its shard's JSON (`"token":[…]`), from its postings in order: the first MAX_POSTINGS. */
export function postingsEntry(token: string, postings: readonly Posting[]): string {
  return `${JSON.stringify(token)}:${JSON.stringify(postings.length > MAX_POSTINGS ? postings.slice(0, MAX_POSTINGS) : postings)}`;
}

/**
 * The first `length` characters of a token, counted in code points: a shard key never ends in half
 * of a surrogate pair, which a file name cannot hold (two such keys would name one file).
 */
function prefixOf(token: string, length: number): string {
  let end = 0;
  for (let counted = 0; counted < length && end < token.length; counted++) end += (token.codePointAt(end) as number) > 0xffff ? 2 : 1;
  return token.slice(0, end);
}

/** The prefix a token's shard key starts with: the tokens of one prefix are placed in shards apart from the others'. */
export const shardPrefix = (token: string): string => prefixOf(token, FIRST_PREFIX);
const FIRST_PREFIX = 2;

/**
 * Places tokens in shards by prefix (into `shards`, key to JSON), given each token's entry. A shard
 * whose JSON would be too large is split by a longer prefix. Tokens of different prefixes
 * (`shardPrefix`) never share a shard, so the shards of one prefix can be placed again alone.
 */
export function placeInShards(tokens: readonly string[], entryOf: (token: string) => string, shards: Map<string, string>): void {
  const entries = new Map(tokens.map((token) => [token, entryOf(token)]));
  const jsonLength = (group: readonly string[]) =>
    group.reduce((sum, token) => sum + (entries.get(token) as string).length, 1 + group.length);
  const place = (group: readonly string[], prefixLength: number) => {
    for (const [key, prefixed] of groupBy(group, (token) => prefixOf(token, prefixLength))) {
      prefixed.sort(compareStrings);
      const longer = prefixed.filter((token) => token !== key);
      if (jsonLength(prefixed) > MAX_SHARD_BYTES && prefixLength < MAX_PREFIX && longer.length > 0) {
        // Tokens as long as the prefix stay here; the rest move to longer prefixes.
        const exact = prefixed.filter((token) => token === key);
        if (exact.length > 0) shards.set(key, objectJson(exact, entries));
        place(longer, prefixLength + 1);
      } else {
        shards.set(key, objectJson(prefixed, entries));
      }
    }
  };
  place(tokens, FIRST_PREFIX);
}

/** The index of every token's postings (`searchPostings`); each token's entry also put in `entries`, when given. */
export function indexOfPostings(postings: ReadonlyMap<string, readonly Posting[]>, entries?: Map<string, string>): SearchIndex {
  const shards = new Map<string, string>();
  placeInShards(
    [...postings.keys()],
    (token) => {
      const entry = postingsEntry(token, postings.get(token) as Posting[]);
      entries?.set(token, entry);
      return entry;
    },
    shards,
  );
  return { manifest: searchManifest(shards.keys()), shards };
}

export const searchManifest = (shardKeys: Iterable<string>): SearchIndex['manifest'] => ({
  version: 1,
  shards: [...shardKeys].sort(compareStrings),
});

/** The search index of these entities' facts (`searchFacts`), in the catalog's order. */
export function buildSearchIndex(entities: readonly SearchFacts[]): SearchIndex {
  return indexOfPostings(searchPostings(entities));
}
