// The listings the lists are made from: read from the texts a rebuild kept, and made again from the
// catalog when a kept text is not a listing (a cache written by another version, or damaged); their
// facets, which place them in the lists, read from the start of a kept text alone.

import { describe, expect, it } from 'vitest';
import { EntityRows, type EntityListings } from '../../src/site/entity-rows.js';
import { keptSearchFacts, searchFacts } from '../../src/site/search-index.js';
import { compileFiles, exampleFiles } from '../helpers.js';

describe('entity listings', () => {
  const { catalog } = compileFiles(exampleFiles());
  const rows = () => new EntityRows(catalog);
  const all = (listings: EntityListings) => catalog.entities.map((entity) => listings.listingOf(entity.identity));
  const made = all(rows().listings(() => undefined));

  it('read from kept texts are the listings made from the catalog, with the same fingerprint', () => {
    const texts = new Map(made.map((listing) => [listing.identity, listing.text()]));
    const kept = rows().listings((identity) => texts.get(identity));
    expect(all(kept).map((listing) => [listing.row, listing.tags])).toEqual(made.map((listing) => [listing.row, listing.tags]));
    expect(kept.print()).toBe(
      rows()
        .listings(() => undefined)
        .print(),
    );
  });

  it('are made again where a kept text is not a listing', () => {
    for (const damaged of ['', '{', '[1,2]', '[{"path":"x"},[]]', 'null', '[{}, "tags"]']) {
      const listings = rows().listings(() => damaged);
      expect(all(listings).map((listing) => listing.row)).toEqual(made.map((listing) => listing.row));
      expect(listings.facets()).toEqual(made.map((listing) => listing.facets()));
    }
  });

  it('have facets read from the first line of a kept text alone, as the listing made from the catalog has them', () => {
    const facets = made.map((listing) => listing.facets());
    expect(new Set(facets.map((facet) => facet.kind)).size).toBeGreaterThan(3);
    expect([facets.some((f) => f.tags.length > 0), facets.some((f) => f.owner !== ''), facets.some((f) => f.stage !== '')]).toEqual([
      true,
      true,
      true,
    ]);
    // Facets that say otherwise than the catalog, before a listing that is not one: read as they are, nothing made.
    const kept = rows().listings(() => `["Elsewhere","team:default/x","active","",["kept"]]\n{`);
    expect(kept.facets()).toEqual(
      facets.map(({ identity }) => ({
        identity,
        kind: 'Elsewhere',
        owner: 'team:default/x',
        lifecycle: 'active',
        stage: '',
        tags: ['kept'],
      })),
    );
  });

  it('have search facts that are read back as kept, and refused when they are not facts', () => {
    const facts = searchFacts(catalog, catalog.entities[0] as (typeof catalog.entities)[number]);
    expect(keptSearchFacts(JSON.stringify(facts))).toEqual(JSON.parse(JSON.stringify(facts)));
    for (const damaged of ['', '{"identity":1}', '[]', JSON.stringify({ ...facts, tags: [1] })])
      expect(keptSearchFacts(damaged)).toBeUndefined();
  });
});
