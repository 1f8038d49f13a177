// Compile a repository on disk: its files read as the configuration says, the catalogs it depends
// on fetched, through the pure compile. The same at a past revision: compile-at.ts.

import type { CompileResult } from '../catalog/catalog.js';
import { compileSources, type CompileInput, type Federation, type Hub } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { catalogCacheDir } from '../cache/layout.js';
import { MAX_CATALOG_BYTES, type FetchOptions } from '../federation/fetch-catalog.js';
import { loadCatalogs } from '../federation/load-dependencies.js';
import { Ruleset } from '../rules/ruleset.js';
import { repositoryTop, toDisplayPath } from '../source/discover.js';
import { readProjectFiles, type LoadedSources } from '../source/project-files.js';

export interface CompileOptions {
  /** Use cached dependency catalogs only; never fetch. */
  offline?: boolean | undefined;
  /** Milliseconds before fetching a dependency's catalog is given up. */
  fetchTimeoutMs?: number | undefined;
  /** Folders outside the repository that local catalog paths may point into. */
  catalogPaths?: readonly string[] | undefined;
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
    readableDirs: [repositoryTop(config.rootDir), ...(options.catalogPaths ?? [])],
    cacheDir: catalogCacheDir(config),
    offline: options.offline === true,
    timeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes: MAX_CATALOG_BYTES,
  };
}

/** The namespaces dossier.yaml declares and the catalogs of its dependencies, fetched. */
async function loadFederation(config: DossierConfig, options: CompileOptions = {}): Promise<Federation> {
  const dependencies = config.dependencies.length === 0 ? [] : await loadCatalogs(config.dependencies, fetchOptionsFor(config, options));
  return { namespaces: config.namespaces, dependencies };
}

/** For a hub (`sources` in dossier.yaml): the catalogs it merges, fetched like dependencies. */
async function loadHub(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<Hub | undefined> {
  if (config.sources.length === 0) return undefined;
  return {
    configFile: config.configFile === undefined ? 'dossier.yaml' : toDisplayPath(cwd, config.configFile),
    sources: await loadCatalogs(config.sources, fetchOptionsFor(config, options)),
  };
}

/** What compiling any set of this repository's files needs: its rules and the other repositories' catalogs. */
export interface ProjectContext {
  ruleset: Ruleset;
  federation: Federation;
  hub: Hub | undefined;
}

/** Loads the context once; every compile of a command (working tree, revisions, history) shares it. */
export async function loadProjectContext(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<ProjectContext> {
  const [federation, hub] = await Promise.all([loadFederation(config, options), loadHub(config, cwd, options)]);
  return { ruleset: rulesetFor(config, cwd), federation, hub };
}

/** The compile input for some of the repository's files, read from disk or from git. */
export function compileInput(context: ProjectContext, files: LoadedSources): CompileInput {
  return {
    sources: files.sources,
    fileDiagnostics: files.fileDiagnostics,
    ruleset: context.ruleset,
    federation: context.federation,
    ...(context.hub === undefined ? {} : { hub: context.hub }),
  };
}

export async function compileProject(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<CompileResult> {
  const context = await loadProjectContext(config, cwd, options);
  return compileSources(compileInput(context, readProjectFiles(config, cwd)));
}
