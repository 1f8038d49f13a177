// Each entity's row in the site's lists, made when first asked for: a rebuild that takes the lists and
// the home page over makes only the rows its rebuilt pages show, and reads nothing else of the
// entities it keeps (their metadata and specs then need not even be loaded).

import type { CatalogReader } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { contentHash } from '../ground/content-hash.js';
import { rowOf, tagsOf, type Row } from './view-models.js';

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

  /** Every row, by identity, in the catalog's order. */
  all(): Map<string, Row> {
    return new Map(this.#catalog.entities.map((entity) => [entity.identity, this.get(entity.identity) as Row]));
  }

  /**
   * The fingerprint of what the lists make of an entity: its row and its tags (one tag with a space
   * and two tags make the same row). An entity's pages read all it comes from, so it stands while they do.
   */
  static listing(catalog: CatalogReader, entity: Entity): string {
    return contentHash(JSON.stringify([rowOf(catalog, entity), tagsOf(entity)]));
  }
}
