// Long lists split into numbered pages: `owners.html`, `owners~2.html` ... with links between them.

export interface PageLink {
  number: number;
  path: string;
  current: boolean;
}

export interface ListPage<T> {
  path: string;
  /** `heading`, or `heading (page n)` when there are several pages. */
  title: string;
  /** `heading`, or `heading — page n of m`. */
  heading: string;
  items: T[];
  /** Links to every page; undefined when there is only one. */
  pages: PageLink[] | undefined;
}

/**
 * The path of page `n` (from 1) of a paginated list. The `~` is in no tag, name or path segment, so
 * page 2 of the list of tag `gpt` is never the list of tag `gpt-2`.
 */
export const pagePath = (basePath: string, n: number) => `${basePath}${n === 1 ? '' : `~${n}`}.html`;

/** The page of a paginated list the item at `index` (from 0) is on. */
export const pagePathOf = (basePath: string, index: number, pageSize: number) => pagePath(basePath, Math.floor(index / pageSize) + 1);

export function paginate<T>(basePath: string, heading: string, items: readonly T[], pageSize: number): ListPage<T>[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const pathOf = (n: number) => pagePath(basePath, n);
  const pages: ListPage<T>[] = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      path: pathOf(n),
      title: pageCount === 1 ? heading : `${heading} (page ${n})`,
      heading: pageCount === 1 ? heading : `${heading} — page ${n} of ${pageCount}`,
      items: items.slice((n - 1) * pageSize, n * pageSize),
      pages:
        pageCount === 1
          ? undefined
          : Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, path: pathOf(i + 1), current: i + 1 === n })),
    });
  }
  return pages;
}
