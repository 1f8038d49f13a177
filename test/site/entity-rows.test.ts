// The listings the lists are made from: read from the texts a rebuild kept, and made again from the
// catalog when a kept text is not a listing (a cache written by another version, or damaged).

import { describe, expect, it } from 'vitest';
import { EntityRows } from '../../src/site/entity-rows.js';
import { keptSearchFacts, searchFacts } from '../../src/site/search-index.js';
import { compileFiles, exampleFiles } from '../helpers.js';

describe('entity listings', () => {
  const { catalog } = compileFiles(exampleFiles());
  const rows = () => new EntityRows(catalog);
  const made = rows()
    .listings(() => undefined)
    .all();

  it('read from kept texts are the listings made from the catalog, with the same fingerprint', () => {
    const texts = new Map(made.map((listing) => [listing.identity, listing.text()]));
    const kept = rows().listings((identity) => texts.get(identity));
    expect(kept.all().map((listing) => [listing.row, listing.tags])).toEqual(made.map((listing) => [listing.row, listing.tags]));
    expect(kept.print()).toBe(
      rows()
        .listings(() => undefined)
        .print(),
    );
  });

  it('are made again where a kept text is not a listing', () => {
    for (const damaged of ['', '{', '[1,2]', '[{"path":"x"},[]]', 'null', '[{}, "tags"]']) {
      const listings = rows()
        .listings(() => damaged)
        .all();
      expect(listings.map((listing) => listing.row)).toEqual(made.map((listing) => listing.row));
    }
  });

  it('have search facts that are read back as kept, and refused when they are not facts', () => {
    const facts = searchFacts(catalog, catalog.entities[0] as (typeof catalog.entities)[number]);
    expect(keptSearchFacts(JSON.stringify(facts))).toEqual(JSON.parse(JSON.stringify(facts)));
    for (const damaged of ['', '{"identity":1}', '[]', JSON.stringify({ ...facts, tags: [1] })])
      expect(keptSearchFacts(damaged)).toBeUndefined();
  });
});
