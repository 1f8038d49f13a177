// A site's caches are kept per output folder (cacheLayout's `site`): building into many folders (a
// preview per branch, tests) would leave a set behind for each. Only the sets used most recently are
// kept; the others are removed as any cache may be, and a build into their folder starts cold.

import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** How many output folders keep their site caches. */
export const KEPT_SITE_CACHE_SETS = 4;

const SET_FILE = /^(site-[0-9a-f]{16})(?:\.bin|-stamps\.bin|-heads\.bin|-link)$/;

/** Removes the site cache sets of `dir` beyond the `keep` most recently written; never throws. */
export function pruneSiteCacheSets(dir: string, keep = KEPT_SITE_CACHE_SETS): void {
  try {
    const newest = new Map<string, number>();
    const entries = readdirSync(dir);
    for (const name of entries) {
      const set = SET_FILE.exec(name)?.[1];
      if (set === undefined) continue;
      const written = statSync(path.join(dir, name)).mtimeMs;
      newest.set(set, Math.max(newest.get(set) ?? 0, written));
    }
    const stale = new Set(
      [...newest]
        .sort((a, b) => b[1] - a[1])
        .slice(keep)
        .map(([set]) => set),
    );
    for (const name of entries) {
      const set = SET_FILE.exec(name)?.[1];
      if (set !== undefined && stale.has(set)) rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  } catch {
    // A cache folder that cannot be listed or cleaned costs disk space, not correctness.
  }
}
