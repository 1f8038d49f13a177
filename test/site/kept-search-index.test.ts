// The search index a rebuild makes from the one the last build kept: after every edit of a few
// entities (tags, descriptions, titles, owners, versions, entities added, removed or moved), its
// files are byte for byte those of an index made from scratch, and only the shards of the prefixes
// the edit touched are written.

import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { writeSearchIndex, SEARCH_MANIFEST, shardPath, type StoredSearchIndex } from '../../src/site/reuse/kept-search-index.js';
import { buildSearchIndex, type SearchFacts } from '../../src/site/search-index.js';
import { stableStringify } from '../../src/ground/stable-json.js';
import { contentHash } from '../../src/ground/content-hash.js';
import { random } from '../edits.js';

/** Entities named alike (`feature-0001`…), so that one prefix's shard is split by longer prefixes. */
function entity(index: number): SearchFacts {
  const name = `feature-${String(index).padStart(4, '0')}`;
  return {
    identity: `feature/default/${name}`,
    name,
    title: index % 7 === 0 ? `Feature ${String(index)}` : '',
    tags: [`group-${String(index % 13)}`, ...(index % 5 === 0 ? ['pii'] : [])],
    terms: index % 11 === 0 ? ['churn'] : [],
    owner: `team/default/team-${String(index % 4)}`,
    features: [],
    fields: index % 3 === 0 ? [`field_${String(index % 50)}`] : [],
    description: `Feature ${String(index)} counts events per customer over ${String(index % 30)} days.`,
    boost: index % 9 === 0 ? 0.9 : 1,
  };
}

/** A site's files as the index writes them: placed, or taken over when their hash is the one they have. */
class SiteFiles {
  files = new Map<string, string>();
  #touched = new Set<string>();
  written = 0;

  readonly out = {
    place: (path: string, content: string) => {
      this.files.set(path, content);
      this.#touched.add(path);
      this.written++;
      return contentHash(content);
    },
    takeOver: (files: readonly (readonly [string, string])[]) => {
      const standing = files.every(([path, hash]) => {
        const content = this.files.get(path);
        return content !== undefined && contentHash(content) === hash;
      });
      if (standing) for (const [path] of files) this.#touched.add(path);
      return standing;
    },
  };

  /** Starts a build; after it, files neither placed nor taken over are gone, as from the site. */
  build<T>(write: () => T): T {
    this.#touched = new Set();
    this.written = 0;
    const result = write();
    for (const path of this.files.keys()) if (!this.#touched.has(path)) this.files.delete(path);
    return result;
  }
}

function fromScratch(entities: readonly SearchFacts[]): Map<string, string> {
  const index = buildSearchIndex(entities);
  return new Map([
    [SEARCH_MANIFEST, stableStringify(index.manifest, 0)],
    ...[...index.shards].map(([key, shard]) => [shardPath(key), shard] as const),
  ]);
}

const texts = (entities: readonly SearchFacts[]) => ({
  identities: entities.map((facts) => facts.identity),
  texts: entities.map((facts) => JSON.stringify(facts)),
  facts: (index: number) => JSON.parse(JSON.stringify(entities[index])) as SearchFacts,
});

describe('the search index a rebuild makes from the one kept', () => {
  it('is byte for byte the index made from scratch after each of 40 random edits, writing only the shards they touch', () => {
    let entities = Array.from({ length: 3000 }, (_, index) => entity(index));
    const site = new SiteFiles();
    let kept: unknown = site.build(() => writeSearchIndex(texts(entities), undefined, true, site.out));
    expect(site.files).toEqual(fromScratch(entities));
    // A prefix's shard too large is split by longer prefixes.
    expect([...site.files.keys()].some((path) => path.startsWith('search/feature-0'))).toBe(true);
    const next = random(28);
    const pick = () => Math.floor(next() * entities.length);
    const edits: ((list: SearchFacts[]) => void)[] = [
      (list) => {
        const at = pick();
        list[at] = { ...(list[at] as SearchFacts), tags: [...(list[at] as SearchFacts).tags, `new-tag-${String(pick())}`] };
      },
      (list) => {
        const at = pick();
        list[at] = { ...(list[at] as SearchFacts), description: `Rewritten: sums refunds ${String(pick())} times.` };
      },
      (list) => {
        const at = pick();
        list[at] = { ...(list[at] as SearchFacts), title: `Renamed ${String(pick())}` };
      },
      (list) => {
        const at = pick();
        list[at] = { ...(list[at] as SearchFacts), owner: 'team/default/team-9' };
      },
      (list) => {
        const at = pick();
        list[at] = { ...(list[at] as SearchFacts), boost: 0.45 };
      },
      (list) => {
        list.splice(pick(), 0, entity(10_000 + pick()));
      },
      (list) => {
        list.splice(pick(), 1);
      },
      (list) => {
        const [moved] = list.splice(pick(), 1);
        list.splice(pick(), 0, moved as SearchFacts);
      },
    ];
    let incremental = 0;
    for (let step = 0; step < 40; step++) {
      entities = [...entities];
      (edits[step % edits.length] as (list: SearchFacts[]) => void)(entities);
      // Through a cache file and back, as a page state keeps it.
      const previous = deserialize(serialize(kept)) as StoredSearchIndex;
      kept = site.build(() => writeSearchIndex(texts(entities), previous, true, site.out));
      expect(site.files, `step ${String(step)}`).toEqual(fromScratch(entities));
      if (site.written < site.files.size / 4) incremental++;
    }
    expect(incremental).toBeGreaterThan(30);
  });

  it('is made from scratch when the kept one is not whole, or too much changed', () => {
    const entities = Array.from({ length: 200 }, (_, index) => entity(index));
    const site = new SiteFiles();
    const kept = site.build(() => writeSearchIndex(texts(entities), undefined, true, site.out)) as StoredSearchIndex;
    const damaged = { ...kept, starts: kept.starts.subarray(1) };
    site.build(() => writeSearchIndex(texts(entities), damaged, true, site.out));
    expect(site.written).toBe(site.files.size);
    const rewritten = entities.map((facts) => ({ ...facts, description: 'All rewritten.' }));
    site.build(() => writeSearchIndex(texts(rewritten), kept, true, site.out));
    expect(site.files).toEqual(fromScratch(rewritten));
    expect(site.written).toBe(site.files.size);
  });

  it('names shards by whole characters: two tokens that differ in an emoji have shards of their own', () => {
    const tagged = (index: number, tag: string): SearchFacts => ({ ...entity(index), tags: [tag] });
    const index = buildSearchIndex([tagged(1, 'a😀'), tagged(2, 'a🤖')]);
    const keys = [...index.shards.keys()];
    const isWellFormed = (key: string) => Buffer.from(key, 'utf8').toString('utf8') === key;
    expect(keys.every(isWellFormed)).toBe(true);
    expect(new Set(keys.map((key) => Buffer.from(key, 'utf8').toString('hex'))).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['a😀', 'a🤖']));
  });
});
