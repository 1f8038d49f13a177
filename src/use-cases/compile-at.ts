// Compile a repository as it was at a revision or date: its files read from git objects, selected
// as that revision's dossier.yaml selects them (the metadata may have moved since), checked with
// today's rules and dependencies, as `dossier diff` reads its base. Apart from compile-project.ts so
// that what compiles the working tree (lint above all) does not load git.

import type { CompileResult } from '../catalog/catalog.js';
import { compileSources } from '../compile/compile-sources.js';
import path from 'node:path';
import { CONFIG_FILE_NAME, type DossierConfig } from '../config/load-config.js';
import { toDisplayPath } from '../source/discover.js';
import { configAt, selectedBy } from './revision-config.js';
import { gitIn, readRevisionFiles, repositoryTop, type Revision } from '../git/read-revision.js';
import { resolveAt } from '../git/resolve-at.js';
import type { LoadedSources } from '../source/project-files.js';
import { compileInput, loadProjectContext, type CompileOptions } from './compile-project.js';

/** The metadata files of a revision or date, as its dossier.yaml selects them, read from git objects, never the working tree. */
export async function readFilesAt(config: DossierConfig, cwd: string, at: string): Promise<{ files: LoadedSources; revision: Revision }> {
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const revision = await resolveAt(git, at);
  const configFile = config.configFile ?? path.join(config.rootDir, CONFIG_FILE_NAME);
  const then = await configAt(top, revision.sha, configFile, toDisplayPath(cwd, configFile), config);
  return { files: await readRevisionFiles(top, revision.sha, selectedBy(config, then.config), cwd), revision };
}

export interface RevisionCompile {
  result: CompileResult;
  /** The commit read, and what the user asked for. */
  revision: Revision;
}

/** The metadata as it was at a revision or date, with today's rules, as `dossier diff` reads its base. */
export async function compileAt(config: DossierConfig, cwd: string, at: string, options: CompileOptions = {}): Promise<RevisionCompile> {
  const [{ files, revision }, context] = await Promise.all([readFilesAt(config, cwd, at), loadProjectContext(config, cwd, options)]);
  return { result: compileSources(compileInput(context, files)), revision };
}
