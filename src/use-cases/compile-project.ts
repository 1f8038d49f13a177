// Compile a repository on disk: its files read as the configuration says, the catalogs it depends
// on fetched, through the pure compile.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { compileSources, type CompileInput, type Federation, type Hub } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import type { FetchOptions } from '../federation/fetch-catalog.js';
import { loadCatalogs } from '../federation/load-dependencies.js';
import { gitIn, readRevisionFiles, repositoryTop, type Revision } from '../git/read-revision.js';
import { resolveAt } from '../git/resolve-at.js';
import { Ruleset } from '../rules/ruleset.js';
import { toDisplayPath } from '../source/discover.js';
import { readProjectFiles, type LoadedSources } from '../source/project-files.js';

export interface CompileOptions {
  /** Use cached dependency catalogs only; never fetch. */
  offline?: boolean | undefined;
  /** Milliseconds before fetching a dependency's catalog is given up. */
  fetchTimeoutMs?: number | undefined;
}

/** Where fetched catalogs are cached; deleting `.dossier/cache` is always safe. */
function catalogCacheDir(config: DossierConfig): string {
  return path.join(config.rootDir, '.dossier', 'cache', 'catalogs');
}

const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

/** The rules a configuration turns on, with override globs relative to its folder. */
function rulesetFor(config: DossierConfig, cwd: string): Ruleset {
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

/** The metadata files of a revision or date, read from git objects, never the working tree. */
export async function readFilesAt(config: DossierConfig, cwd: string, at: string): Promise<{ files: LoadedSources; revision: Revision }> {
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const revision = await resolveAt(git, at);
  return { files: await readRevisionFiles(top, revision.sha, config, cwd), revision };
}

export interface RevisionCompile {
  result: CompileResult;
  /** The commit read, and what the user asked for. */
  revision: Revision;
}

/** The metadata as it was at a revision or date, with today's configuration, as `dossier diff` reads its base. */
export async function compileAt(config: DossierConfig, cwd: string, at: string, options: CompileOptions = {}): Promise<RevisionCompile> {
  const [{ files, revision }, context] = await Promise.all([readFilesAt(config, cwd, at), loadProjectContext(config, cwd, options)]);
  return { result: compileSources(compileInput(context, files)), revision };
}

export async function compileProject(config: DossierConfig, cwd: string, options: CompileOptions = {}): Promise<CompileResult> {
  const context = await loadProjectContext(config, cwd, options);
  return compileSources(compileInput(context, readProjectFiles(config, cwd)));
}
