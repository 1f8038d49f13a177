// Compile a repository as it was at a revision or date: its files read from git objects, with
// today's configuration and dependencies. Apart from compile-project.ts so that what compiles the
// working tree (lint above all) does not load git.

import type { CompileResult } from '../catalog/catalog.js';
import { compileSources } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { gitIn, readRevisionFiles, repositoryTop, type Revision } from '../git/read-revision.js';
import { resolveAt } from '../git/resolve-at.js';
import type { LoadedSources } from '../source/project-files.js';
import { compileInput, loadProjectContext, type CompileOptions } from './compile-project.js';

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
