// Each entity's row in the site's lists, made when first asked for, and its listing: the row with its
// tags, all the lists and the home page show of it. A rebuild keeps each listing as text, so that
// lists are made again from the listings alone, without reading the entities they show (their
// metadata and specs then need not even be loaded). The text starts with the listing's facets (the
// lists it is in, and what the home page counts) on a line of their own: a rebuild places every
// entity in its lists by them, and reads the whole listing only of the lists it makes again.

import type { CatalogReader } from '../catalog/catalog.js';
import { contentHash, contentHashOfEach } from '../ground/content-hash.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { rowOf, tagsOf, type Row } from './view-models.js';

/** What places an entity in the lists and the home page's counts: its kind, owner, lifecycle, stage and tags. */
export interface ListingFacets {
  identity: string;
  kind: string;
  owner: string;
  lifecycle: string;
  stage: string;
  tags: readonly string[];
}

const facetsText = (row: Row, tags: readonly string[]) => JSON.stringify([row.kind, row.owner, row.lifecycle, row.stage, tags]);

/** JSON has no line break of its own (one in a text is escaped): the facets end at the first. */
const listingText = (row: Row, tags: readonly string[]) => `${facetsText(row, tags)}\n${JSON.stringify([row, tags])}`;

/** The facets a kept listing text starts with; undefined when they are not. */
function keptFacets(identity: string, text: string): ListingFacets | undefined {
  const end = text.indexOf('\n');
  try {
    const facets: unknown = JSON.parse(end === -1 ? '' : text.slice(0, end));
    if (!Array.isArray(facets) || facets.length !== 5) return undefined;
    const [kind, owner, lifecycle, stage, tags] = facets as unknown[];
    if (typeof kind !== 'string' || typeof owner !== 'string' || typeof lifecycle !== 'string' || typeof stage !== 'string')
      return undefined;
    return Array.isArray(tags) && tags.every((tag) => typeof tag === 'string')
      ? { identity, kind, owner, lifecycle, stage, tags }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A listing as a rebuild kept it (`listingText`); undefined when the text is not one. */
function keptListing(text: string): [Row, string[]] | undefined {
  const end = text.indexOf('\n');
  if (end === -1) return undefined;
  try {
    const listing: unknown = JSON.parse(text.slice(end + 1));
    if (!Array.isArray(listing) || listing.length !== 2) return undefined;
    const [row, tags] = listing as unknown[];
    const isRow =
      isRecord(row) &&
      ['path', 'label', 'title', 'kind', 'owner', 'ownerName', 'lifecycle', 'stage', 'tags'].every(
        (field) => typeof row[field] === 'string',
      ) &&
      Array.isArray(row.details);
    return isRow && Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') ? [row as unknown as Row, tags] : undefined;
  } catch {
    return undefined;
  }
}

/** What the lists show of an entity: its row and its tags (one tag with a space and two tags make the same row). */
export class Listing {
  readonly identity: string;
  readonly row: Row;
  readonly tags: readonly string[];
  #text: string | undefined;
  #print: string | undefined;

  constructor(identity: string, row: Row, tags: readonly string[], text?: string) {
    this.identity = identity;
    this.row = row;
    this.tags = tags;
    this.#text = text;
  }

  /** The listing as text: equal listings, equal texts. */
  text(): string {
    this.#text ??= listingText(this.row, this.tags);
    return this.#text;
  }

  /** The fingerprint of the listing. */
  print(): string {
    this.#print ??= contentHash(this.text());
    return this.#print;
  }

  facets(): ListingFacets {
    const { row, tags } = this;
    return { identity: this.identity, kind: row.kind, owner: row.owner, lifecycle: row.lifecycle, stage: row.stage, tags };
  }
}

export class EntityRows {
  readonly #catalog: CatalogReader;
  /** The entity each row is of; of several with one identity, the last (as a map of rows made in order keeps). */
  readonly #entities: ReadonlyMap<string, Entity>;
  readonly #rows = new Map<string, Row>();

  constructor(catalog: CatalogReader) {
    this.#catalog = catalog;
    this.#entities = new Map(catalog.entities.map((entity) => [entity.identity, entity]));
  }

  /**
   * The row of the entity with this identity; undefined for an entity not in the catalog's own (another
   * repository's). Made `through` a page's reader, it is made anew so that the reader records what the
   * row reads (a Model's row reads its versions' stages).
   */
  get(identity: string, through?: CatalogReader): Row | undefined {
    if (through !== undefined) {
      const entity = this.#entities.get(identity);
      return entity === undefined ? undefined : rowOf(through, entity);
    }
    let row = this.#rows.get(identity);
    if (row === undefined) {
      const entity = this.#entities.get(identity);
      if (entity === undefined) return undefined;
      row = rowOf(this.#catalog, entity);
      this.#rows.set(identity, row);
    }
    return row;
  }

  /** Every entity's listing: read from the text the previous build kept (`kept`) when there is one, made otherwise. */
  listings(kept: (identity: string) => string | undefined): EntityListings {
    return new EntityListings(this.#catalog, kept, (identity) => {
      const entity = this.#entities.get(identity) as Entity;
      return new Listing(identity, this.get(identity) as Row, tagsOf(entity));
    });
  }

  /** An entity's listing as text, read through `catalog` (a page's reader, which records what the row reads). */
  static listingText(catalog: CatalogReader, entity: Entity): string {
    return listingText(rowOf(catalog, entity), tagsOf(entity));
  }
}

/**
 * Every entity's listing, in the catalog's order, made or read when first asked for; their facets,
 * read from the start of the kept texts alone; and their fingerprint, made from the kept texts alone,
 * so that a rebuild whose listings all stand reads none.
 */
export class EntityListings {
  readonly #catalog: CatalogReader;
  readonly #kept: (identity: string) => string | undefined;
  readonly #make: (identity: string) => Listing;
  readonly #listings = new Map<string, Listing>();
  readonly #prints = new Map<string, string>();
  #facets: ListingFacets[] | undefined;
  #print: string | undefined;

  constructor(catalog: CatalogReader, kept: (identity: string) => string | undefined, make: (identity: string) => Listing) {
    this.#catalog = catalog;
    this.#kept = kept;
    this.#make = make;
  }

  /** The listing of an entity of the catalog. */
  listingOf(identity: string): Listing {
    let listing = this.#listings.get(identity);
    if (listing === undefined) {
      const text = this.#kept(identity);
      const kept = text === undefined ? undefined : keptListing(text);
      listing = kept === undefined ? this.#make(identity) : new Listing(identity, kept[0], kept[1], text);
      this.#listings.set(identity, listing);
    }
    return listing;
  }

  /** The fingerprint of an entity's listing, from its kept text when there is one (not read as a listing). */
  printOf(identity: string): string {
    let print = this.#prints.get(identity);
    if (print === undefined) {
      const text = this.#kept(identity);
      this.#prints.set(identity, (print = text === undefined ? this.listingOf(identity).print() : contentHash(text)));
    }
    return print;
  }

  /** Every entity's facets, in the catalog's order. */
  facets(): readonly ListingFacets[] {
    this.#facets ??= this.#catalog.entities.map(({ identity }) => {
      const text = this.#kept(identity);
      return (text === undefined ? undefined : keptFacets(identity, text)) ?? this.listingOf(identity).facets();
    });
    return this.#facets;
  }

  /** The fingerprint of every listing with its identity. */
  print(): string {
    this.#print ??= contentHashOfEach(this.#identitiesAndTexts());
    return this.#print;
  }

  *#identitiesAndTexts(): Generator<string> {
    for (const { identity } of this.#catalog.entities) {
      yield identity;
      yield this.#kept(identity) ?? this.listingOf(identity).text();
    }
  }
}
