// The diff of a pull request: base read from git at the merge base, head from the working tree
// (or a ref), both compiled by the same pipeline with the head's rules; each side reads the files
// its own dossier.yaml selects, and what dossier.yaml changed is part of the diff.

import type { CompileResult } from '../catalog/catalog.js';
import { compileSources } from '../compile/compile-sources.js';
import path from 'node:path';
import { CONFIG_FILE_NAME, type DossierConfig } from '../config/load-config.js';
import { configAt, selectedBy } from './revision-config.js';
import { configChanges, type ConfigAtRevision } from '../diff/config-changes.js';
import { toDisplayPath } from '../source/discover.js';
import type { SemanticDiff } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff-catalogs.js';
import { fromTop, suppressionChanges } from '../diff/suppression-changes.js';
import { gitIn, mergeBase, readRevisionFiles, repositoryTop, resolveCommit } from '../git/read-revision.js';
import { readProjectFiles } from '../source/project-files.js';
import { loadCatalogs } from '../federation/load-dependencies.js';
import { compileInput, fetchOptionsFor, loadProjectContext, type CompileOptions } from './compile-project.js';

export const WORKING_TREE = 'working tree';

export interface DiffOptions {
  cwd: string;
  config: DossierConfig;
  /** The revision to compare with; the diff starts at its merge base with the head. */
  base: string;
  /** A revision to compare instead of the working tree. */
  head?: string | undefined;
  /** The working tree's compile, when the caller already has it. */
  workingTree?: CompileResult;
  /** How dependency catalogs are fetched. */
  fetch?: CompileOptions;
}

export interface ProjectDiff {
  diff: SemanticDiff;
  /** Absolute path of the repository's top folder. */
  top: string;
  /** The base side's compile (at the merge base). */
  base: CompileResult;
  head: CompileResult;
  /** Problems that did not stop the diff, e.g. a dependent's catalog that could not be read. */
  warnings: string[];
}

export async function diffProject(options: DiffOptions): Promise<ProjectDiff> {
  const { cwd, config } = options;
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const headCommit = await resolveCommit(git, options.head ?? 'HEAD', 'head');
  const baseCommit = await mergeBase(git, await resolveCommit(git, options.base), headCommit);

  const warnings: string[] = [];
  const configFile = config.configFile ?? path.join(config.rootDir, CONFIG_FILE_NAME);
  const configDisplay = toDisplayPath(cwd, configFile);
  const baseConfig = await configAt(top, baseCommit.sha, configFile, configDisplay, config);
  // A head commit has its own dossier.yaml; the working tree's is the one given.
  const headConfig: ConfigAtRevision<DossierConfig> =
    options.head === undefined ? { config } : await configAt(top, headCommit.sha, configFile, configDisplay, config);
  for (const side of [baseConfig, headConfig]) if (side.problem !== undefined) warnings.push(side.problem);
  const settings = headConfig.config;

  // Both sides share one context (the head's rules, dependencies, a hub's sources): the diff is about
  // this repository's files, each side read as its own dossier.yaml selects them.
  const context = await loadProjectContext(settings, cwd, options.fetch);
  const baseFiles = await readRevisionFiles(top, baseCommit.sha, selectedBy(settings, baseConfig.config), cwd);
  const headFiles =
    options.head === undefined ? readProjectFiles(config, cwd) : await readRevisionFiles(top, headCommit.sha, settings, cwd);
  const base = compileSources(compileInput(context, baseFiles));
  const head =
    options.head === undefined && options.workingTree !== undefined
      ? options.workingTree
      : compileSources(compileInput(context, headFiles));
  const dependents =
    settings.dependents.length === 0 ? [] : await loadCatalogs(settings.dependents, fetchOptionsFor(settings, options.fetch));
  const consumers = dependents.flatMap((dependent) =>
    dependent.catalog === undefined ? [] : [{ repository: dependent.name, references: dependent.catalog.crossReferences }],
  );
  for (const dependent of dependents.filter((d) => d.catalog === undefined))
    warnings.push(
      `What ${dependent.name} reads of this repository is not known: its catalog could not be read (${dependent.problem ?? 'unknown'}).`,
    );
  const diff = diffCatalogs({
    base,
    head,
    baseSide: baseCommit,
    headSide: options.head === undefined ? { ref: WORKING_TREE, sha: headCommit.sha } : headCommit,
    accepted: settings.accepted,
    consumers,
    configChanges: [
      ...configChanges(baseConfig, headConfig, {
        display: configDisplay,
        inRepository: path.relative(top, configFile).split(path.sep).join('/'),
        today: new Date().toISOString().slice(0, 10),
      }),
      ...suppressionChanges(baseFiles.sources, headFiles.sources, fromTop(top, cwd)),
    ],
  });
  return { diff, top, base, head, warnings };
}
