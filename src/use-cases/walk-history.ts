// The metadata along the first-parent line: each commit that touches it, compiled from git objects
// with its first parent, oldest first. `dossier log` diffs each pair; `dossier audit` follows one model.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { analyzeSources, compileSources, linkAnalysis, type Analysis } from '../compile/compile-sources.js';
import type { DossierConfig } from '../config/load-config.js';
import { firstParentCommits, shallowBoundary, type HistoryCommit } from '../git/first-parent.js';
import { gitIn, readRevisionFiles, repositoryTop } from '../git/read-revision.js';
import type { SourceText } from '../source/project-files.js';
import { compileInput, type ProjectContext } from './compile-project.js';

export interface WalkOptions {
  config: DossierConfig;
  cwd: string;
  context: ProjectContext;
  /** The newest commit (default HEAD). */
  rev?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  maxCount?: number | undefined;
  /** Files or folders, relative to `cwd`, whose changes count; the metadata root when empty. */
  paths?: readonly string[];
}

/** One commit with the metadata before it (its first parent; empty for a root commit) and after it. */
export interface HistoryStep {
  commit: HistoryCommit;
  base: CompileResult;
  head: CompileResult;
}

export interface Walk {
  /** The commits walked, newest first. */
  commits: HistoryCommit[];
  /** Set when the clone is shallow and the walk reached its oldest commit. */
  shallowAt?: string;
  /** A path relative to `cwd` as git names it: relative to the repository's top. */
  inRepo: (fromCwd: string) => string;
}

export async function walkHistory(options: WalkOptions, visit: (step: HistoryStep) => void): Promise<Walk> {
  const { config, cwd, context } = options;
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const inRepo = (fromCwd: string) => path.relative(top, path.resolve(cwd, fromCwd)).split(path.sep).join('/') || '.';
  const paths = (options.paths ?? []).map(inRepo);
  const commits = await firstParentCommits(git, {
    rev: options.rev ?? 'HEAD',
    since: options.since,
    until: options.until,
    maxCount: options.maxCount,
    paths: paths.length > 0 ? paths : [inRepo(config.rootDir)],
  });
  // One compile per commit; each is the base of the next, so only the last one is kept. A file is
  // parsed and validated once per content and path (its blob id): most commits change a few files.
  let cached: { sha: string; result: CompileResult } | undefined;
  const analyses = new Map<string, Analysis>();
  const analysisOf = (source: SourceText): Analysis => {
    const key = `${source.blob ?? ''}\0${source.file}`;
    let analysis = analyses.get(key);
    if (analysis === undefined) {
      analysis = analyzeSources([source]);
      if (source.blob !== undefined) analyses.set(key, analysis);
    }
    return analysis;
  };
  const compileAt = async (sha: string | undefined): Promise<CompileResult> => {
    if (sha === undefined) return compileSources(compileInput(context, { sources: [], fileDiagnostics: [] }));
    if (cached?.sha === sha) return cached.result;
    const files = await readRevisionFiles(git, top, sha, config, cwd);
    const parts = files.sources.map(analysisOf);
    const analysis = { entities: parts.flatMap((part) => part.entities), diagnostics: parts.flatMap((part) => part.diagnostics) };
    const result = linkAnalysis(compileInput(context, files), analysis);
    cached = { sha, result };
    return result;
  };

  for (const commit of [...commits].reverse()) {
    const base = await compileAt(commit.parent);
    visit({ commit, base, head: await compileAt(commit.sha) });
  }
  const oldest = commits.at(-1);
  const boundary = await shallowBoundary(git);
  return { commits, inRepo, ...(boundary !== undefined && oldest?.sha === boundary ? { shallowAt: boundary } : {}) };
}
