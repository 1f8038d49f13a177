// What a build may reuse of the previous one, as one interface with two implementations: a build that
// keeps nothing (`BuildEverything`: a site built once, as in CI, pays nothing for recording what it
// will not reuse) and a rebuild that goes on from the page state the last one kept (`PageState`). The
// site builder writes every page through it and never asks which one it has.

import type { CatalogReader } from '../../catalog/catalog.js';
import { catalogJsonChunks, type CatalogJsonOptions } from '../../compile/catalog-json.js';
import type { Diagnostic } from '../../ground/diagnostics.js';
import type { EntityPage } from '../page-inputs.js';
import type { StoredPageState } from './page-state-format.js';

/** What a group's writer may go on from, and whether what it returns is kept. */
export interface GroupKept {
  previous: unknown;
  keeping: boolean;
}

/** What a build reused, and what it keeps for the next one. */
export interface Reused {
  /** Entities whose pages were taken over without being built. */
  unchangedEntities: number;
  pageState?: StoredPageState;
}

export interface PageReuse {
  /** The reader entity pages read the catalog through (one that records, when a rebuild keeps what pages read). */
  readonly reader: CatalogReader;
  /** Makes an entity's pages (`build`), or takes over those the previous build made from the same inputs. */
  entity(page: EntityPage, build: () => void): void;
  /** Every entity's pages are decided: what deciding needed can go. */
  entitiesDone(): void;
  /** An entity's listing or search facts as text, as its pages were kept or made, when known. */
  listingOf(identity: string): string | undefined;
  searchFactsOf(identity: string): string | undefined;
  /**
   * Writes a group of files made from `inputs` (one value, fingerprinted whole), or takes the previous
   * build's over. Groups written by `write` are its parts (named `<name>/…`): taken over with it.
   * `write` may go on from what it kept the last time it wrote the group (`kept.previous`), and
   * returns what to keep for the next time, when the build keeps anything (`kept.keeping`).
   */
  group(name: string, inputs: unknown, write: (kept: GroupKept) => unknown): void;
  /** catalog.json, with the texts of entities whose pages were taken over copied from the previous file. */
  catalogJson(
    catalog: CatalogReader,
    diagnostics: readonly Diagnostic[],
    options: Pick<CatalogJsonOptions, 'namespaces'>,
  ): Iterable<string | Uint8Array>;
  /** catalog.json is in place. */
  catalogPlaced(): void;
  finish(): Reused;
}

/** A build that reuses nothing and keeps nothing: every page is made. */
export class BuildEverything implements PageReuse {
  readonly reader: CatalogReader;

  constructor(catalog: CatalogReader) {
    this.reader = catalog;
  }

  entity(_page: EntityPage, build: () => void): void {
    build();
  }

  entitiesDone(): void {
    // Nothing was kept for deciding.
  }

  listingOf(): undefined {
    return undefined;
  }

  searchFactsOf(): undefined {
    return undefined;
  }

  group(_name: string, _inputs: unknown, write: (kept: GroupKept) => unknown): void {
    write({ previous: undefined, keeping: false });
  }

  catalogJson(
    catalog: CatalogReader,
    diagnostics: readonly Diagnostic[],
    options: Pick<CatalogJsonOptions, 'namespaces'>,
  ): Iterable<string | Uint8Array> {
    return catalogJsonChunks(catalog, diagnostics, options);
  }

  catalogPlaced(): void {
    // Nothing records where texts are.
  }

  finish(): Reused {
    return { unchangedEntities: 0 };
  }
}
