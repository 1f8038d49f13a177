// The metadata along the first-parent line: each commit that touches it, compiled from git objects
// with its first parent, oldest first. `dossier log` diffs each pair; `dossier audit` follows one model.
// The walk is incremental: git lists each commit's changed files (one `git log --raw`), one
// `git cat-file` process reads the changed blobs, each blob is parsed and validated once, and the
// Linker checks again only what a change can reach.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import { analyzeSources, compileSources, mergeAnalyses, type Analysis } from '../compile/compile-sources.js';
import { Linker } from '../compile/linker.js';
import type { LinkedFile, LinkStep } from '../compile/link-state.js';
import { blobIdOf } from '../git/blob-id.js';
import { BlobReader } from '../git/blob-reader.js';
import type { SourceText } from '../source/project-files.js';
import type { DossierConfig } from '../config/load-config.js';
import { firstParentCommits, shallowBoundary, type HistoryCommit, type TreeChange } from '../git/first-parent.js';
import { gitIn, repositoryTop, revisionText, type RevisionText } from '../git/read-revision.js';
import { RevisionFiles, type FileChanges } from '../git/revision-files.js';
import { compileInput, type ProjectContext } from './compile-project.js';
import type { SourceLocator } from '../source/locate.js';
import { toDisplayPath } from '../source/discover.js';
import { CONFIG_FILE_NAME } from '../config/load-config.js';
import type { ConfigAtRevision } from '../diff/config-changes.js';
import { stableStringify } from '../ground/stable-json.js';
import { configAt, selectedBy } from './revision-config.js';

/** Whether two sides' dossier.yaml say the same (a commit read whole may not have changed it). */
const sameConfig = (a: ConfigAtRevision, b: ConfigAtRevision) =>
  a.problem === b.problem && a.absent === b.absent && stableStringify(a.config, 0) === stableStringify(b.config, 0);

/** What decides which files a configuration reads. */
const selectionKey = (config: DossierConfig) =>
  stableStringify({ roots: config.roots, include: config.include, exclude: config.exclude }, 0);

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
  /** Files already analysed (the working tree's, by analyzeWorkingTree): not read or parsed again. */
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
 * Analyses working-tree files one by one, as history does; `files()` keys them by git's blob id of
 * their text (hashed when first asked for: a site whose history is cached never walks), so that a
 * walk over history reuses them for every commit that holds the same content.
 */
export function analyzeWorkingTree(
  sources: readonly SourceText[],
  analyze: (source: SourceText) => Analysis = (source) => analyzeSources([source]),
): { files: () => AnalyzedFiles; analysis: Analysis; parts: readonly Analysis[] } {
  const parts = sources.map(analyze);
  let files: AnalyzedFiles | undefined;
  return {
    files: () => {
      files ??= new Map(
        sources.map((source, index) => {
          const blob = blobIdOf(source.text);
          return [fileKey(blob, source.file), { text: { source: { ...source, blob } }, analysis: parts[index] as Analysis }];
        }),
      );
      return files;
    },
    analysis: mergeAnalyses(parts),
    parts,
  };
}

/** One commit with the metadata before it (its first parent; empty for a root commit) and after it. */
export interface HistoryStep {
  commit: HistoryCommit;
  base: CompileResult;
  head: CompileResult;
  /** Identities whose entity may differ between base and head; any other is the same object on both sides. Undefined: any may. */
  changed?: ReadonlySet<string>;
  /** The Catalog lookups (`readKeys`) whose answers differ between base and head. Undefined: any may. */
  changedKeys?: ReadonlySet<string>;
  /** dossier.yaml before and after the commit, when the commit changed it. */
  configs?: { base: ConfigAtRevision; head: ConfigAtRevision; display: string; inRepository: string };
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
  const root = inRepo(config.rootDir);
  // Each commit's changed files come with the log when it lists the whole metadata root; a log of
  // some paths only would leave out the rest of a commit's changes.
  const withChanges = paths.length === 0;
  const commits = await firstParentCommits(top, {
    rev: options.rev ?? 'HEAD',
    since: options.since,
    until: options.until,
    maxCount: options.maxCount,
    paths: paths.length > 0 ? paths : [root],
    withChanges,
  });
  const revision = new RevisionFiles(top, config, cwd);
  // Each commit is read as its own dossier.yaml selects its files (with today's rules): followed
  // where the walk starts and at each commit the log lists as changing it.
  const configFile = config.configFile ?? path.join(config.rootDir, CONFIG_FILE_NAME);
  const configInRepo = inRepo(configFile);
  const configDisplay = toDisplayPath(cwd, configFile);
  let configHere: ConfigAtRevision<DossierConfig> | undefined;
  const followConfig = async (sha: string): Promise<ConfigAtRevision<DossierConfig>> => {
    const side = await configAt(top, sha, configFile, configDisplay, config);
    if (configHere === undefined || selectionKey(side.config) !== selectionKey(configHere.config))
      revision.reselect(selectedBy(config, side.config));
    configHere = side;
    return side;
  };
  const blobs = new BlobReader(top);
  const settings = compileInput(context, { sources: [], fileDiagnostics: [] });
  const linker = new Linker({ ...settings, locators: new Map<string, SourceLocator>() }, true);
  // What a root commit is compared with.
  const empty = compileSources(settings);
  const analyzed = options.analyzed ?? new Map<string, AnalyzedFile>();
  let current: CompileResult | undefined;

  /** The files that changed, read (those not analysed already), parsed and validated. */
  const linkedFiles = async (changes: FileChanges): Promise<Map<string, LinkedFile | undefined>> => {
    const unread = [...changes].filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !analyzed.has(fileKey(entry[1], entry[0])),
    );
    const bytes = await blobs.read(unread.map(([, blob]) => blob));
    const linked = new Map<string, LinkedFile | undefined>();
    for (const [file, blob] of changes) {
      if (blob === undefined) {
        linked.set(file, undefined);
        continue;
      }
      const known = analyzed.get(fileKey(blob, file));
      const text = known?.text ?? revisionText(file, blob, bytes.get(blob) ?? Buffer.alloc(0), config.maxFileSize);
      const analysis =
        known?.analysis ?? (text.source === undefined ? { entities: [], diagnostics: [], suppressing: [] } : analyzeSources([text.source]));
      linked.set(file, {
        text: text.source?.text,
        entities: analysis.entities,
        diagnostics: text.diagnostic === undefined ? analysis.diagnostics : [text.diagnostic, ...analysis.diagnostics],
      });
    }
    return linked;
  };
  const moveTo = async (sha: string, changes?: readonly TreeChange[]): Promise<LinkStep> => {
    if (configHere === undefined) await followConfig(sha);
    const moved = await revision.moveTo(sha, changes);
    if (current !== undefined && moved.size === 0) return { result: current, changed: new Set(), changedKeys: new Set() };
    const step = linker.link(await linkedFiles(moved));
    current = step.result;
    return step;
  };
  // Between two commits of the log, the metadata did not change (the log lists every commit that
  // changes it): the first parent of a commit has the metadata of the commit before it in the log.
  const baseOf = async (parent: string): Promise<CompileResult> =>
    current !== undefined && (revision.sha === parent || withChanges) ? current : (await moveTo(parent)).result;

  try {
    for (const commit of [...commits].reverse()) {
      if (commit.parent === undefined) {
        visit({ commit, base: empty, head: (await moveTo(commit.sha)).result });
        continue;
      }
      const base = await baseOf(commit.parent);
      const before = configHere;
      // Without each commit's changed files (a log of some paths), dossier.yaml is read at every commit.
      const configChanged =
        before !== undefined && (commit.changes === undefined || commit.changes.some((change) => change.path === configInRepo));
      const after = configChanged ? await followConfig(commit.sha) : undefined;
      const head = await moveTo(commit.sha, configChanged ? undefined : commit.changes);
      visit({
        commit,
        base,
        head: head.result,
        changed: head.changed,
        ...(head.changedKeys === undefined ? {} : { changedKeys: head.changedKeys }),
        ...(before === undefined || after === undefined || (commit.changes === undefined && sameConfig(before, after))
          ? {}
          : { configs: { base: before, head: after, display: configDisplay, inRepository: configInRepo } }),
      });
    }
  } finally {
    blobs.close();
  }
  const oldest = commits.at(-1);
  const boundary = await shallowBoundary(git);
  return { commits, inRepo, ...(boundary !== undefined && oldest?.sha === boundary ? { shallowAt: boundary } : {}) };
}
