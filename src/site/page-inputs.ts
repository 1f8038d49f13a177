// A page's inputs, made once as one value: its view is made from that value, and so is the
// fingerprint that decides whether a rebuild makes it again. A view reads the catalog through the
// value's reader (which a rebuild records), and everything else it shows (site options, history,
// problems, changes) from its fields, which are fingerprinted whole: an input added to a page is
// fingerprinted because it is there, with no list of what to hash to keep in step.

import type { CatalogReader } from '../catalog/catalog.js';
import type { Commit } from '../git/history.js';
import { contentHash } from '../ground/content-hash.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import type { EventView } from './changes.js';
import { EntityRows } from './entity-rows.js';
import { searchFacts } from './search-index.js';
import type { Row } from './view-models.js';

/**
 * An input made only when a page is built, and identified meanwhile by a fingerprint of what it is
 * made from (the two made side by side, in one place). A print of undefined says that it cannot be
 * identified: whatever reads it is made at every build.
 */
export class LazyInput<T> {
  readonly #print: () => string | undefined;
  readonly #make: () => T;
  #made: { value: T } | undefined;

  constructor(print: () => string | undefined, make: () => T) {
    this.#print = print;
    this.#make = make;
  }

  get value(): T {
    this.#made ??= { value: this.#make() };
    return this.#made.value;
  }

  print(): string | undefined {
    return this.#print();
  }
}

/** An input made at every build: what reads it is never taken over from the previous build. */
export const eachBuild = <T>(make: () => T): LazyInput<T> => new LazyInput(() => undefined, make);

/**
 * The fingerprint of an input value: the hash of its JSON, with maps and sets as their entries and
 * lazy inputs as their prints. Undefined when a lazy input cannot be identified.
 */
export function fingerprint(value: unknown): string | undefined {
  const lazy = { unidentified: false };
  // In an array, so that undefined is JSON too.
  const json = JSON.stringify([value], (_key, item: unknown) => {
    if (item instanceof LazyInput) {
      const print = item.print();
      if (print === undefined) lazy.unidentified = true;
      return print ?? null;
    }
    if (item instanceof Map || item instanceof Set) return [...(item as Iterable<unknown>)];
    if (typeof item === 'function') throw new TypeError('A page input is data: a function cannot be fingerprinted.');
    return item;
  });
  return lazy.unidentified ? undefined : contentHash(json);
}

/** The data of the layout every page is rendered into (the header, the footer), but for the page's own canonical address. */
export interface LayoutSite {
  title: string;
  version: string;
  kinds: { kind: string; plural: string; path: string }[];
  canonical: string;
  hasChanges: boolean;
  /** `site.footer` in dossier.yaml: a line shown at the foot of every page. */
  footer?: string;
  /** Where the site's copy of `site.logo` is, from its root. */
  logo?: string;
}

/** What every page is rendered with or may show: one value, fingerprinted whole into every page's inputs. */
export interface SiteInputs {
  /** Dossier's version and every template (`templatesFingerprint`). */
  templates: string;
  layout: LayoutSite;
  /** Absolute URL the site is served from, for canonical links. */
  baseUrl: string | undefined;
  history: { available: boolean; partial: boolean };
  /** The repository's web address, for links to commits. */
  webUrl: string | undefined;
  /** Where other repositories' files can be browsed, by repository name. */
  filesUrls: ReadonlyMap<string, string>;
  /** Rows a list page shows, and changes an entity page shows before its timeline's own pages. */
  pageSize: number;
  timelinePreview: number;
}

/** What an entity's pages show besides the catalog and the site: fingerprinted whole. */
export interface EntityInputs {
  problems: readonly Diagnostic[];
  /** The commits that changed the entity's file. */
  commits: LazyInput<readonly Commit[]>;
  /** Its changes in the semantic history, newest first. */
  events: LazyInput<readonly EventView[]>;
  audit: { path: string } | undefined;
  /** A model's documentation pages under compliance profiles. */
  compliance: readonly { title: string; path: string }[];
}

/** A model's documentation under a compliance profile (`dossier compliance`), as the body of a page. */
export interface CompliancePage {
  model: string;
  title: string;
  path: string;
  body: string;
}

/**
 * The one value an entity's pages are made from: the entity, the catalog's reader, the site's inputs
 * and its own. The entity object stands for the lookups of itself, its relations and its versions,
 * which a rebuild records with what the view read.
 */
export class EntityPage {
  readonly entity: Entity;
  readonly catalog: CatalogReader;
  readonly site: SiteInputs;
  readonly own: EntityInputs;
  readonly #rows: EntityRows;

  constructor(entity: Entity, catalog: CatalogReader, site: SiteInputs, own: EntityInputs, rows: EntityRows) {
    this.entity = entity;
    this.catalog = catalog;
    this.site = site;
    this.own = own;
    this.#rows = rows;
  }

  /** Another entity's row in a list: reading it is reading that entity and its owner. */
  rowOf(identity: string): Row | undefined {
    this.catalog.get(identity);
    this.catalog.outgoing(identity);
    // Made through this page's reader: a row reads more than the two (a Model's, its versions' stages).
    return this.#rows.get(identity, this.catalog);
  }

  /** What the search index shows of the entity, as text: a rebuild makes the index again from it. */
  searchFactsText(): string {
    return JSON.stringify(searchFacts(this.catalog, this.entity));
  }

  /** What the lists show of the entity, as text (`Listing`): a rebuild makes the lists again from it. */
  listingText(): string {
    return EntityRows.listingText(this.catalog, this.entity);
  }
}
