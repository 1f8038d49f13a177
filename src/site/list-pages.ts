// Pages that list things, paginated: entities (by kind, tag, owner, or an entity's long relation),
// the index of tags and owners, and changes (the site's and an entity's timeline).

import type { CatalogReader } from '../catalog/catalog.js';
import { ownerOf } from '../catalog/queries.js';
import { groupBy } from '../ground/collections.js';
import { compareStrings } from '../ground/diagnostics.js';
import { pathSegment } from '../ground/path-segment.js';
import { displayName } from '../model/entity.js';
import { KINDS, type Kind } from '../model/kinds.js';
import { changeFilters, type EventView } from './changes.js';
import type { EntityRows } from './entity-rows.js';
import type { PageWriter } from './page-writer.js';
import { listData, listDataPath } from './list-data.js';
import { paginate } from './pagination.js';
import { listColumns, type ListColumn } from './row-details.js';
import { filtersFor, kindListPath, PLURAL, tagsOf, type OverflowList, type Row } from './view-models.js';

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
function writeIndexPages(
  index: { basePath: string; heading: string; column: string; items: readonly { label: string; path: string; count: number }[] },
  out: PageWriter,
): void {
  for (const indexPage of paginate(index.basePath, index.heading, index.items, INDEX_PAGE_SIZE)) {
    out.page(indexPage.path, indexPage.title, 'index-list', {
      heading: indexPage.heading,
      column: index.column,
      items: indexPage.items,
      pages: indexPage.pages,
    });
  }
}

/** The entities' rows as the lists group them: by kind, by tag (sorted), by owner (sorted, with the owner's name). */
export interface EntityLists {
  kinds: { kind: Kind; rows: Row[] }[];
  tags: { tag: string; rows: Row[] }[];
  owners: { owner: string; label: string; rows: Row[] }[];
}

/** An owner as its list names it: the team's name, or the reference when there is no such team. */
function ownerLabel(catalog: CatalogReader, owner: string): string {
  const team = catalog.get(owner);
  return team ? displayName(team) : owner;
}

export function entityLists(catalog: CatalogReader, entityRows: EntityRows): EntityLists {
  const rows = entityRows.all();
  const byTag = groupBy(
    catalog.entities.flatMap((e) => tagsOf(e).map((tag) => ({ tag, row: rows.get(e.identity) as Row }))),
    (x) => x.tag,
  );
  const byOwner = groupBy(
    [...rows.values()].filter((r) => r.owner !== ''),
    (r) => r.owner,
  );
  return {
    kinds: KINDS.map((kind) => ({ kind, rows: catalog.entities.filter((e) => e.kind === kind).map((e) => rows.get(e.identity) as Row) })),
    tags: [...byTag.keys()].sort(compareStrings).map((tag) => ({ tag, rows: (byTag.get(tag) ?? []).map((x) => x.row) })),
    owners: [...byOwner.keys()]
      .sort(compareStrings)
      .map((owner) => ({ owner, label: ownerLabel(catalog, owner), rows: byOwner.get(owner) ?? [] })),
  };
}

/**
 * The names of owners from other repositories, as the lists of what they own are headed: a local
 * team's name is in its own listing (the entity `catalog.get` answers with, as rows are made).
 */
export function foreignOwnerLabels(catalog: CatalogReader): [string, string][] {
  const owners = new Set(catalog.entities.map((e) => ownerOf(catalog, e)));
  return [...owners].flatMap((owner) =>
    owner === undefined || catalog.get(owner)?.origin === undefined ? [] : [[owner, ownerLabel(catalog, owner)]],
  );
}

/** The lists of entities by kind, tag and owner, and the indexes of tags and owners. */
export function writeEntityLists(lists: EntityLists, pageSize: number, out: PageWriter): void {
  for (const { kind, rows } of lists.kinds)
    writeListPages(
      {
        basePath: kindListPath(kind),
        heading: PLURAL[kind],
        intro: `${rows.length} ${PLURAL[kind].toLowerCase()}.`,
        rows,
        columns: listColumns(kind),
      },
      pageSize,
      out,
    );
  for (const { tag, rows } of lists.tags)
    writeListPages({ basePath: `tags/${pathSegment(tag)}`, heading: `#${tag}`, intro: `Entities tagged ${tag}.`, rows }, pageSize, out);
  writeIndexPages(
    {
      basePath: 'tags',
      heading: 'Tags',
      column: 'Tag',
      items: lists.tags.map(({ tag, rows }) => ({ label: `#${tag}`, path: `tags/${pathSegment(tag)}.html`, count: rows.length })),
    },
    out,
  );
  const owners = lists.owners.map(({ owner, label, rows }) => {
    const basePath = `owners/${pathSegment(owner.replace(':', '-').replace('/', '-'))}`;
    writeListPages({ basePath, heading: `Owned by ${label}`, intro: `${rows.length} entities owned by ${owner}.`, rows }, pageSize, out);
    return { label, path: `${basePath}.html`, count: rows.length };
  });
  writeIndexPages({ basePath: 'owners', heading: 'Owners', column: 'Owner', items: owners }, out);
}
