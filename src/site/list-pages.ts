// Pages that list things, paginated: entities (by kind, tag, owner, or an entity's long relation),
// the index of tags and owners, and changes (the site's and an entity's timeline).

import type { CatalogReader } from '../catalog/catalog.js';
import { groupBy } from '../ground/collections.js';
import { compareStrings } from '../ground/diagnostics.js';
import { ownerListPath, tagListPath } from './urls.js';
import { displayName } from '../model/entity.js';
import { KINDS } from '../model/kinds.js';
import { changeFilters, type EventView } from './changes.js';
import type { ListingFacets } from './entity-rows.js';
import type { PageWriter } from './page-writer.js';
import { listData, listDataPath } from './list-data.js';
import { paginate } from './pagination.js';
import { listColumns, type ListColumn } from './row-details.js';
import { filtersFor, kindListPath, PLURAL, type OverflowList } from './view-models.js';

/** Index lists (tags, owners) come in pages small enough to load at 100k entities. */
const INDEX_PAGE_SIZE = 500;

/**
 * A list's pages. Its filters offer the values of every page: a list of several pages is sorted and
 * filtered whole, from its rows' JSON (`listData`), which the pages name.
 */
export function writeListPages(list: OverflowList & { columns?: readonly ListColumn[] }, pageSize: number, out: PageWriter): void {
  const pages = paginate(list.basePath, list.heading, list.rows, pageSize);
  const filters = filtersFor(list.rows);
  const all = pages.length > 1 ? listDataPath(list.basePath) : undefined;
  for (const listPage of pages) {
    out.page(listPage.path, listPage.title, 'list', {
      heading: listPage.heading,
      intro: list.intro,
      rows: listPage.items,
      columns: list.columns !== undefined && list.columns.length > 0 ? list.columns : undefined,
      filters,
      all,
      total: list.rows.length,
      pages: listPage.pages,
    });
  }
  if (all !== undefined) out.place(all, listData(list.rows));
}

export function writeChangesPages(
  list: { basePath: string; heading: string; intro: string; events: readonly EventView[]; subjects?: Readonly<Record<string, string>> },
  pageSize: number,
  out: PageWriter,
): void {
  for (const changesPage of paginate(list.basePath, list.heading, list.events, pageSize)) {
    out.page(changesPage.path, changesPage.title, 'changes', {
      heading: changesPage.heading,
      intro: list.intro,
      events: changesPage.items,
      filters: changeFilters(changesPage.items),
      pages: changesPage.pages,
      // Only those of the commits on the page.
      subjects: Object.fromEntries(
        changesPage.items.flatMap((event) =>
          list.subjects?.[event.commit] === undefined ? [] : [[event.commit, list.subjects[event.commit]]],
        ),
      ),
    });
  }
}

/** `tags.html`, `owners.html` ...: an index of lists. */
export interface IndexList {
  basePath: string;
  heading: string;
  column: string;
  items: readonly { label: string; path: string; count: number }[];
}

export function writeIndexPages(index: IndexList, out: PageWriter): void {
  for (const indexPage of paginate(index.basePath, index.heading, index.items, INDEX_PAGE_SIZE)) {
    out.page(indexPage.path, indexPage.title, 'index-list', {
      heading: indexPage.heading,
      column: index.column,
      items: indexPage.items,
      pages: indexPage.pages,
    });
  }
}

/** A list of entities, by their identities; its rows are their listings' (`EntityListings`). */
export interface EntityList extends Omit<OverflowList, 'rows'> {
  columns?: readonly ListColumn[];
  members: readonly string[];
}

/** An owner as its list names it: the team's name, or the reference when there is no such team. */
function ownerLabel(catalog: CatalogReader, owner: string): string {
  const team = catalog.get(owner);
  return team ? displayName(team) : owner;
}

/** A list of these entities. */
const listOf = (list: Omit<EntityList, 'members'> & { members: readonly ListingFacets[] }): EntityList => ({
  ...list,
  members: list.members.map((facets) => facets.identity),
});

/**
 * The lists of entities by kind, by tag (sorted) and by owner (sorted, with the owner's name), and the
 * indexes of tags and owners, made from every entity's listing facets in the catalog's order.
 */
export function entityLists(catalog: CatalogReader, listings: readonly ListingFacets[]): { lists: EntityList[]; indexes: IndexList[] } {
  const byTag = groupBy(
    listings.flatMap((listing) => listing.tags.map((tag) => ({ tag, listing }))),
    (x) => x.tag,
  );
  const byOwner = groupBy(
    listings.filter((listing) => listing.owner !== ''),
    (listing) => listing.owner,
  );
  const kinds = KINDS.map((kind) => {
    const members = listings.filter((listing) => listing.kind === kind);
    return listOf({
      basePath: kindListPath(kind),
      heading: PLURAL[kind],
      intro: `${members.length} ${PLURAL[kind].toLowerCase()}.`,
      members,
      columns: listColumns(kind),
    });
  });
  const tags = [...byTag.keys()].sort(compareStrings).map((tag) =>
    listOf({
      basePath: tagListPath(tag),
      heading: `#${tag}`,
      intro: `Entities tagged ${tag}.`,
      members: (byTag.get(tag) ?? []).map((x) => x.listing),
    }),
  );
  const owners = [...byOwner.keys()].sort(compareStrings).map((owner) => {
    const members = byOwner.get(owner) ?? [];
    const label = ownerLabel(catalog, owner);
    const list = listOf({
      basePath: ownerListPath(owner),
      heading: `Owned by ${label}`,
      intro: `${members.length} entities owned by ${owner}.`,
      members,
    });
    return { list, label };
  });
  const itemOf = (list: EntityList, label: string) => ({ label, path: `${list.basePath}.html`, count: list.members.length });
  return {
    lists: [...kinds, ...tags, ...owners.map(({ list }) => list)],
    indexes: [
      { basePath: 'tags', heading: 'Tags', column: 'Tag', items: tags.map((list) => itemOf(list, list.heading)) },
      { basePath: 'owners', heading: 'Owners', column: 'Owner', items: owners.map(({ list, label }) => itemOf(list, label)) },
    ],
  };
}
