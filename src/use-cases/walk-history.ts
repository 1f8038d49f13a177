// The metadata along the first-parent line: each commit that touches it, compiled from git objects
// with its first parent, oldest first. `dossier log` diffs each pair; `dossier audit` follows one model.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { analyzeSources, compileSources, linkAnalysis, mergeAnalyses, type Analysis } from '../compile/compile-sources.js';
import { blobIdOf } from '../git/blob-id.js';
import { compareStrings } from '../ground/diagnostics.js';
import type { SourceText } from '../source/project-files.js';
import type { DossierConfig } from '../config/load-config.js';
import { firstParentCommits, shallowBoundary, type HistoryCommit } from '../git/first-parent.js';
import {
  gitIn,
  listRevisionFiles,
  loadedSources,
  readRevisionTexts,
  repositoryTop,
  type RevisionFile,
  type RevisionText,
} from '../git/read-revision.js';
import { compileInput, type ProjectContext } from './compile-project.js';
import type { SourceLocator } from '../source/locate.js';

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
  /** Files already analysed (the working tree's, by analyzeWorkingTree); the walk adds the ones it reads. */
  analyzed?: AnalyzedFiles;
}

/** A file as history reads it, parsed and validated once per content and path. */
export interface AnalyzedFile {
  text: RevisionText;
  analysis: Analysis;
}

/** Analysed files by content and path (`fileKey`). */
export type AnalyzedFiles = Map<string, AnalyzedFile>;

export function fileKey(blob: string, file: string): string {
  return `${blob}\0${file}`;
}

/**
 * Analyses working-tree files one by one, as history does, keyed by git's blob id of their text:
 * a walk over history then reuses them for every commit that holds the same content.
 */
export function analyzeWorkingTree(sources: readonly SourceText[]): { files: AnalyzedFiles; analysis: Analysis } {
  const files: AnalyzedFiles = new Map();
  const parts = sources.map((source) => {
    const blob = blobIdOf(source.text);
    const analysis = analyzeSources([source]);
    files.set(fileKey(blob, source.file), { text: { source: { ...source, blob } }, analysis });
    return analysis;
  });
  return { files, analysis: mergeAnalyses(parts) };
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
  // read, parsed and validated once per content and path (its blob id) while it stays unchanged:
  // most commits change a few files.
  let cached: { sha: string; result: CompileResult } | undefined;
  const files: AnalyzedFiles = options.analyzed ?? new Map<string, AnalyzedFile>();
  const locators = new Map<string, SourceLocator>();
  const keyOf = (file: RevisionFile) => fileKey(file.blob, file.file);
  const compileAt = async (sha: string | undefined): Promise<CompileResult> => {
    if (sha === undefined) return compileSources(compileInput(context, { sources: [], fileDiagnostics: [] }));
    if (cached?.sha === sha) return cached.result;
    const listing = await listRevisionFiles(git, top, sha, config, cwd);
    const unread = listing.files.filter((file) => !files.has(keyOf(file)));
    const texts = await readRevisionTexts(top, unread);
    unread.forEach((file, index) => {
      const text = texts[index] as RevisionText;
      const analysis = text.source === undefined ? { entities: [], diagnostics: [] } : analyzeSources([text.source]);
      files.set(keyOf(file), { text, analysis });
    });
    // In the order of a compile of the same files: by path.
    const known = [...listing.files].sort((a, b) => compareStrings(a.file, b.file)).map((file) => files.get(keyOf(file)) as AnalyzedFile);
    const analysis = mergeAnalyses(known.map((part) => part.analysis));
    const result = linkAnalysis(
      {
        ...compileInput(
          context,
          loadedSources(
            listing,
            known.map((part) => part.text),
          ),
        ),
        locators,
      },
      analysis,
    );
    cached = { sha, result };
    // The walk goes forward: a file's older contents are not needed again (but for a revert, read
    // again), so only this commit's analyses are kept, and memory stays that of one revision.
    const current = new Set(listing.files.map(keyOf));
    for (const key of files.keys()) if (!current.has(key)) files.delete(key);
    const currentTexts = new Set(known.flatMap((part) => (part.text.source === undefined ? [] : [part.text.source.text])));
    for (const text of locators.keys()) if (!currentTexts.has(text)) locators.delete(text);
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
