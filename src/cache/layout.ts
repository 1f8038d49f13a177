// Where Dossier keeps its caches, in which format, and under which environment: the one place that
// names a cache file. Everything under `.dossier/cache/` beside dossier.yaml (or the folder a lint is
// given) may be deleted at any time; every file is signed with this machine's key (cache-file.ts).

import { readRegularFileSync } from '../ground/regular-file.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DossierConfig } from '../config/load-config.js';
import { contentHash } from '../ground/content-hash.js';
import { leavesThroughLink } from '../ground/contained-path.js';
import { LAZY_PACKAGES } from '../ground/lazy-module.js';
import { codeIdentity, installedVersions, packageVersion, SCHEMAS_DIR } from '../ground/package-root.js';

/**
 * Each cache's format: a file of another format is ignored and rewritten.
 * - analyses 4: an analysis names the files with suppression comments, its entities' bodies are read when looked at.
 * - analyses 5: a document whose version is none (`../x`) makes no entity.
 * - stamps 4: one store for lint and site, with what each run keeps beside its stamps; text columns as UTF-8 bytes.
 * - link 4: the index keeps the version groups' keys in a column, as UTF-8 bytes.
 * - link 5: a walk up a chain is read as the chain (`readKeys.closure`), which an older Linker would not invalidate.
 * - pageState 6: each entity's search facts and listing are kept as text; text columns as UTF-8 bytes.
 * - pageState 7: pages of a list after the first at `<list>~<n>.html`; owners' lists at `owners/team/<namespace>/<name>`.
 * - pageState 8: a group keeps what its writer goes on from (the search index's postings).
 * - pageState 9: a listing's text starts with its facets, on a line of their own.
 * - siteHistory 3: the events, audited models and reports in columns, as UTF-8 bytes.
 * - siteHeads (analyses × 100 +) 1: each file's entity heads and problems in columns, by content key.
 * - siteHeads 2: the bodies of Models kept with the heads.
 * - siteHeads 3: and of Teams.
 * - walk 1: the files the last walk found, with the stamps of the folders it listed and the .gitignore files it read.
 */
const ANALYSES_FORMAT = 5;
export const CACHE_FORMATS = {
  analyses: ANALYSES_FORMAT,
  stamps: 4,
  link: 5,
  pageState: 9,
  siteHistory: 3,
  walk: 1,
  // A kept head is what an analysis made: a new analyses format is a new heads format.
  siteHeads: ANALYSES_FORMAT * 100 + 3,
} as const;

/**
 * The cache folder of a repository when none is given; none when `.dossier` or a folder of the cache
 * is a link, or holds one (a pull request can commit one): a run then keeps no cache.
 */
export function defaultCacheDir(config: Pick<DossierConfig, 'rootDir'>): string | undefined {
  const dir = path.join(config.rootDir, '.dossier', 'cache');
  const leaves = (folder: string) => leavesThroughLink(config.rootDir, folder);
  return leaves(dir) || holdsLink(dir) ? undefined : dir;
}

/** Where other repositories' catalogs are kept, as fetched, when the repository keeps a cache. */
export function catalogCacheDir(config: Pick<DossierConfig, 'rootDir'>): string | undefined {
  const dir = defaultCacheDir(config);
  return dir === undefined ? undefined : path.join(dir, CATALOGS_FOLDER);
}

const CATALOGS_FOLDER = 'catalogs';

/** Whether the folder holds a symbolic link: Dossier writes none, so the cache was planted (its folders, e.g. the link's, would lead out). */
function holdsLink(folder: string): boolean {
  try {
    return readdirSync(folder, { withFileTypes: true }).some((entry) => entry.isSymbolicLink());
  } catch {
    return false;
  }
}

/** Where each cache lives inside a cache folder. */
export interface CacheLayout {
  dir: string;
  /** The files' analyses, in shards by key. */
  analyses: (shard: string) => string;
  /** A lint's stamps and result, and the folder of its link. */
  lint: { stamps: string; link: string };
  /** A site's caches, one set per output folder: its pages' state, its stamps (with its link's summary), its link, its files' entity heads. */
  site: (outDir: string) => { pages: string; stamps: string; link: string; heads: string };
  /** The site's semantic history and audit reports. */
  siteHistory: string;
  /** The files the last walk of the working tree found (lint and site alike). */
  walk: string;
  /** Other repositories' catalogs, as fetched. */
  catalogs: string;
}

export function cacheLayout(dir: string): CacheLayout {
  return {
    dir,
    analyses: (shard) => path.join(dir, `analyses-${shard}.bin`),
    lint: { stamps: path.join(dir, 'lint-stamps.bin'), link: path.join(dir, 'lint-link') },
    site: (outDir) => {
      const base = path.join(dir, `site-${contentHash(outDir).slice(0, 16)}`);
      return { pages: `${base}.bin`, stamps: `${base}-stamps.bin`, link: `${base}-link`, heads: `${base}-heads.bin` };
    },
    siteHistory: path.join(dir, 'site-history.bin'),
    walk: path.join(dir, 'walk.bin'),
    catalogs: path.join(dir, 'catalogs'),
  };
}

let environment: string | undefined;

/**
 * What every cache entry must have been written under: this Dossier (its version, and the code of
 * this build: two builds of one version may keep caches apart), the packages it loads from
 * node_modules at first use (their versions as installed), these schemas, this V8 (its serializer).
 */
export function cacheEnvironment(): string {
  environment ??= contentHash(
    packageVersion(),
    codeIdentity(),
    ...installedVersions(LAZY_PACKAGES),
    process.versions.v8,
    ...readdirSync(SCHEMAS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => `${file}\n${readFileSync(`${SCHEMAS_DIR}${file}`, 'utf8')}`),
  );
  return environment;
}

/** The text of dossier.yaml: every cached result depends on it. */
export function configText(config: DossierConfig): string {
  try {
    return config.configFile === undefined ? '' : (readRegularFileSync(config.configFile)?.toString('utf8') ?? '');
  } catch {
    return '';
  }
}
