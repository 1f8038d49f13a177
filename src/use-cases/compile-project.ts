// Compile a repository on disk: its files read as the configuration says, the catalogs it depends
// on fetched, through the pure compile.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { compileSources, type Federation, type Hub } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import type { FetchOptions } from '../federation/fetch-catalog.js';
import { loadCatalogs } from '../federation/load-dependencies.js';
import { gitIn, readRevisionFiles, repositoryTop, type Revision } from '../git/read-revision.js';
import { resolveAt } from '../git/resolve-at.js';
import { Ruleset } from '../rules/ruleset.js';
import { toDisplayPath } from '../source/discover.js';
import { readProjectFiles } from '../source/project-files.js';

export interface CompileOptions {
  /** Use cached dependency catalogs only; never fetch. */
  offline?: boolean | undefined;
  /** Milliseconds before fetching a dependency's catalog is given up. */
  fetchTimeoutMs?: number | undefined;
}

/** Where fetched catalogs are cached; deleting `.dossier/cache` is always safe. */
export function catalogCacheDir(config: DossierConfig): string {
  return path.join(config.rootDir, '.dossier', 'cache', 'catalogs');
}

const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

/** The rules a configuration turns on, with override globs relative to its folder. */
export function rulesetFor(config: DossierConfig, cwd: string): Ruleset {
  return new Ruleset(config, { rootDisplayPath: toDisplayPath(cwd, config.rootDir) });
}

/** Where and how catalogs of other repositories are fetched for this configuration. */
export function fetchOptionsFor(config: DossierConfig, options: CompileOptions = {}): FetchOptions {
  return {
    rootDir: config.rootDir,
    cacheDir: catalogCacheDir(config),
    offline: options.offline === true,
    timeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
  };
}

/** The namespaces dossier.yaml declares and the catalogs of its dependencies, fetched. */
export async function loadFederation(config: DossierConfig, options: CompileOptions = {}): Promise<Federation> {
  const dependencies = config.dependencies.length === 0 ? [] : await loadCatalogs(config.dependencies, fetchOptionsFor(config, options));
  return { namespaces: config.namespaces, dependencies };
}

/** For a hub (`sources` in dossier.yaml): the catalogs it merges, fetched like dependencies. */
export async function loadHub(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<Hub | undefined> {
  if (config.sources.length === 0) return undefined;
  return {
    configFile: config.configFile === undefined ? 'dossier.yaml' : toDisplayPath(cwd, config.configFile),
    sources: await loadCatalogs(config.sources, fetchOptionsFor(config, options)),
  };
}

export interface RevisionCompile {
  result: CompileResult;
  /** The commit read, and what the user asked for. */
  revision: Revision;
}

/**
 * The metadata as it was at a revision or date, read from git objects (never the working tree),
 * with today's configuration, as `dossier diff` reads its base.
 */
export async function compileAt(config: DossierConfig, cwd: string, at: string, options: CompileOptions = {}): Promise<RevisionCompile> {
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const revision = await resolveAt(git, at);
  const files = await readRevisionFiles(git, top, revision.sha, config, cwd);
  const [federation, hub] = await Promise.all([loadFederation(config, options), loadHub(config, cwd, options)]);
  const result = compileSources({
    sources: files.sources,
    fileDiagnostics: files.fileDiagnostics,
    ruleset: rulesetFor(config, cwd),
    federation,
    ...(hub === undefined ? {} : { hub }),
  });
  return { result, revision };
}

export async function compileProject(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<CompileResult> {
  const { sources, fileDiagnostics } = readProjectFiles(config, cwd);
  const [federation, hub] = await Promise.all([loadFederation(config, options), loadHub(config, cwd, options)]);
  return compileSources({ sources, fileDiagnostics, ruleset: rulesetFor(config, cwd), federation, ...(hub === undefined ? {} : { hub }) });
}
