// What each entity's pages were built from, kept by a rebuild in `.dossier/cache/` (one state per
// output folder) so that the next build takes an entity's pages over without building their views
// when nothing they showed changed. An entity page records the Catalog lookups its view made and the
// fingerprint of each answer (`RecordedAnswers`); with the fingerprint of its own inputs and the
// site's (`EntityPage`, `SiteInputs`), that is everything its bytes depend on. A page whose answers
// all stand is left where it is in the old site, and the entity's text in catalog.json is taken from
// the old file (`CatalogJsonRanges`).

import type { CatalogReader } from '../../catalog/catalog.js';
import { catalogJsonChunks, type CatalogJsonOptions } from '../../compile/catalog-json.js';
import { readKeys } from '../../engine/read-keys.js';
import { RecordingReader } from '../../engine/recording-reader.js';
import type { Entity } from '../../model/entity.js';
import { appendTo } from '../../ground/collections.js';
import type { Diagnostic } from '../../ground/diagnostics.js';
import { fingerprint, type EntityPage } from '../page-inputs.js';
import { BuildEverything, type GroupKept, type PageReuse, type Reused } from './page-reuse.js';
import type { EntityPages, FileGroup, PreviousPageState, StoredPageState } from './page-state-format.js';
import { PageRowsBuilder } from './page-rows.js';
import type { PageWriter, WrittenFiles } from '../page-writer.js';
import type { SiteOutput } from '../site-output.js';
import { CatalogJsonRanges } from './previous-catalog-json.js';
import { RecordedAnswers, type EntityKey } from './recorded-answers.js';

export type { EntityKey } from './recorded-answers.js';

/** An entity's pages this build: kept as the previous build had them (its row there), or built now. */
export type EntityDecision = { kept: number } | { built: EntityPages };

/** What a rebuild goes on from: how entities' contents are identified, the previous state, what the link says changed. */
export interface PageStateOptions {
  entityKey: EntityKey;
  previous: PreviousPageState | undefined;
  /** The lookups whose answers changed since the previous build, when the link knows them: no other answer is looked at. */
  changedKeys?: ReadonlySet<string> | undefined;
}

/**
 * How a build into `outDir` reuses the previous one: a rebuild with a page state to go on from (or
 * none yet) keeps one; a first build, or one asked to keep nothing, makes every page.
 */
export function pageReuse(
  output: Pick<SiteOutput, 'outDir' | 'rebuilding'>,
  catalog: CatalogReader,
  pages: PageWriter,
  site: string,
  state: PageStateOptions | undefined,
): PageReuse {
  if (state === undefined) return new BuildEverything(catalog);
  // A first build into the folder keeps a state, but goes on from none: no page of it is there to take over.
  return new PageState(
    output.outDir,
    catalog,
    pages,
    site,
    output.rebuilding ? state : { ...state, previous: undefined, changedKeys: undefined },
  );
}

export class PageState implements PageReuse {
  readonly reader: RecordingReader;
  readonly #pages: PageWriter;
  readonly #previous: PreviousPageState | undefined;
  readonly #answers: RecordedAnswers;
  /** Each entity's pages, in the order the build wrote them. */
  readonly #decisions: EntityDecision[] = [];
  readonly #identities: string[] = [];
  readonly #decisionOf = new Map<string, number>();
  readonly #site: string;
  readonly #groups = new Map<string, FileGroup>();
  #parts: Map<string, string[]> | undefined;
  readonly #catalogJson: CatalogJsonRanges;

  /**
   * Going on from the state the previous build of the site in `outDir` kept, when it was built for
   * the same `site` inputs (their fingerprint): pages whose recorded lookups answer as before are taken over.
   */
  constructor(outDir: string, catalog: CatalogReader, pages: PageWriter, site: string, state: PageStateOptions) {
    this.reader = new RecordingReader(catalog);
    this.#pages = pages;
    this.#site = site;
    this.#previous = state.previous?.site === site ? state.previous : undefined;
    this.#answers = new RecordedAnswers(catalog, state.entityKey, this.#previous, state.changedKeys);
    this.#catalogJson = new CatalogJsonRanges(outDir, this.#previous?.stored.catalog);
  }

  entity(page: EntityPage, build: () => void): void {
    const { identity } = page.entity;
    const own = fingerprint(page.own) ?? '';
    const row = this.#standingRow(identity, own);
    const decision: EntityDecision = row === undefined ? { built: this.#build(page, own, build) } : { kept: row };
    const at = this.#decisionOf.get(identity);
    if (at === undefined) {
      this.#decisionOf.set(identity, this.#decisions.length);
      this.#decisions.push(decision);
      this.#identities.push(identity);
    } else this.#decisions[at] = decision;
  }

  /** The entity's row in the previous state, when its pages can be taken over: its own inputs and every lookup its view made stand, and its pages are there. */
  #standingRow(identity: string, own: string): number | undefined {
    const previous = this.#previous;
    const row = previous?.rows.get(identity);
    if (previous === undefined || row === undefined || own === '' || previous.own.at(row) !== own) return undefined;
    for (const index of previous.readsOf(row)) if (!this.#answers.standing(index)) return undefined;
    return this.#pages.takeOver(previous.pagesOf(row)) ? row : undefined;
  }

  /** Builds an entity's pages, recording the lookups (`readKeys`) their views made; its search facts and listing are made meanwhile. */
  #build(page: EntityPage, own: string, build: () => void): EntityPages {
    const pages: WrittenFiles = [];
    let searchFacts = '';
    let listing = '';
    const { reads } = this.reader.record(() => {
      this.#pages.listing(pages, build);
      searchFacts = page.searchFactsText();
      listing = page.listingText();
    });
    for (const key of ownReads(page.entity)) reads.add(key);
    const indexes: number[] = [];
    for (const key of reads) indexes.push(this.#answers.index(key));
    return { own, reads: indexes, pages, searchFacts, listing };
  }

  entitiesDone(): void {
    this.#answers.release();
  }

  listingOf(identity: string): string | undefined {
    return this.#made(identity, 'listing');
  }

  searchFactsOf(identity: string): string | undefined {
    return this.#made(identity, 'searchFacts');
  }

  #made(identity: string, what: 'searchFacts' | 'listing'): string | undefined {
    const at = this.#decisionOf.get(identity);
    if (at === undefined) return undefined;
    const decision = this.#decisions[at] as EntityDecision;
    if ('built' in decision) return decision.built[what];
    const previous = this.#previous as PreviousPageState;
    return what === 'searchFacts' ? previous.searchFacts.at(decision.kept) : previous.listings.at(decision.kept);
  }

  group(name: string, inputs: unknown, write: (kept: GroupKept) => unknown): void {
    const key = fingerprint(inputs);
    const groups = this.#previous?.stored.groups;
    const previous = groups?.get(name);
    if (previous !== undefined && previous.key === key && previous.files.length > 0 && this.#pages.takeOver(previous.files)) {
      this.#groups.set(name, previous);
      // The groups it was made of (`name/…`) stand with it, for the build that makes it again.
      for (const part of this.#partsOf(name)) this.#groups.set(part, groups?.get(part) as FileGroup);
      return;
    }
    const files: WrittenFiles = [];
    let kept: unknown;
    this.#pages.listing(files, () => {
      kept = write({ previous: previous?.kept, keeping: key !== undefined });
    });
    if (key !== undefined) this.#groups.set(name, kept === undefined ? { key, files } : { key, files, kept });
  }

  /** The previous build's groups that were parts of `name` (`name/…`), found through an index made once. */
  #partsOf(name: string): readonly string[] {
    if (this.#parts === undefined) {
      this.#parts = new Map();
      for (const part of this.#previous?.stored.groups?.keys() ?? [])
        for (let slash = part.indexOf('/'); slash !== -1; slash = part.indexOf('/', slash + 1))
          appendTo(this.#parts, part.slice(0, slash), part);
    }
    return this.#parts.get(name) ?? [];
  }

  catalogJson(
    catalog: CatalogReader,
    diagnostics: readonly Diagnostic[],
    options: Pick<CatalogJsonOptions, 'namespaces'>,
  ): Iterable<string | Uint8Array> {
    const ranges = this.#catalogJson;
    const reuse = (entity: { identity: string }) => {
      const at = this.#decisionOf.get(entity.identity);
      return at === undefined || !('kept' in (this.#decisions[at] as EntityDecision)) ? undefined : ranges.previousText(entity.identity);
    };
    return ranges.count(
      catalogJsonChunks<Uint8Array>(catalog, diagnostics, {
        ...options,
        reuse,
        written: (entity, text) => {
          ranges.written(entity, text);
        },
      }),
    );
  }

  catalogPlaced(): void {
    this.#catalogJson.placed();
  }

  finish(): Reused {
    return {
      unchangedEntities: this.#decisions.filter((decision) => 'kept' in decision).length,
      pageState: this.#stored(),
    };
  }

  /** What this build's entity pages were built from, for the next build, as its cache file keeps it. */
  #stored(): StoredPageState {
    const rows = new PageRowsBuilder();
    const decisions = this.#decisions;
    for (let at = 0; at < decisions.length;) {
      const decision = decisions[at] as EntityDecision;
      if ('built' in decision) {
        rows.add(this.#identities[at] as string, decision.built);
        at++;
        continue;
      }
      // A run of kept rows that were next to each other then too: copied at once.
      let end = at + 1;
      while (end < decisions.length && (decisions[end] as { kept?: number }).kept === decision.kept + (end - at)) end++;
      rows.copy(this.#previous as PreviousPageState, decision.kept, decision.kept + (end - at));
      at = end;
    }
    const { readStarts, reads } = rows.readColumns();
    return {
      site: this.#site,
      ...this.#answers.stored(reads),
      identities: rows.identities.done(),
      own: rows.own.done(),
      readStarts,
      reads,
      pages: rows.pages.done(),
      pageCounts: Int32Array.from(rows.pageCounts),
      searchFacts: rows.searchFacts.done(),
      listings: rows.listings.done(),
      groups: this.#groups,
      ...this.#catalogJson.stored(),
    };
  }
}

/** The lookups the entity object stands for; with the version group, also all its text in catalog.json shows. */
function ownReads({ identity, groupKey }: Entity): string[] {
  return [readKeys.entity(identity), readKeys.outgoing(identity), readKeys.incoming(identity), readKeys.group(groupKey)];
}
