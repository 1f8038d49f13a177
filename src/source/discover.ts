// Finds the metadata files of a repository on disk: fast-glob walks the configured roots, and the
// shared file selection (file-selection.ts) decides, as it does for a git revision.

import { readRegularFileSync } from '../ground/regular-file.js';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { compareStrings } from '../ground/diagnostics.js';
import {
  ALWAYS_EXCLUDED,
  createFileSelector,
  gitignoreFolder,
  includePatterns,
  inheritedGitignorePaths,
  type InheritedGitignore,
  normalizedRoots,
  type FileSelection,
} from './file-selection.js';
import type { FileToRead } from './read-source.js';

export interface DiscoverOptions extends FileSelection {
  /** Absolute folder globs are relative to. */
  rootDir: string;
  /** Absolute path of dossier.yaml, which is configuration, not an entity. */
  configFile: string | undefined;
  /** Folder display paths are relative to. */
  cwd: string;
}

export function toDisplayPath(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** The top of the git work tree `dir` is in (the nearest folder up with a `.git`), else `dir` itself. */
export function repositoryTop(dir: string): string {
  return findRepositoryTop(dir) ?? path.resolve(dir);
}

/** The top of the git work tree `dir` is in, if it is in one. */
export function findRepositoryTop(dir: string): string | undefined {
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** Synchronous on purpose, like reading: walking the tree this way is about twice as fast. */
export function discoverFiles(options: DiscoverOptions): FileToRead[] {
  return walkTree(options).files;
}

/** A file a walk found, by its path relative to the root. */
export interface WalkedEntry {
  path: string;
  isSymbolicLink: boolean;
}

/** What a walk of the tree found, and what it looked at to find it. */
export interface WalkedTree {
  /** The metadata files, sorted by display path. */
  files: FileToRead[];
  /** The same files as the walk found them: relative to the root, in the same order (dossier.yaml among them). */
  entries: WalkedEntry[];
  /**
   * When asked for, the folders whose entries the walk depends on, relative to the root ('' for the
   * root itself): every folder it read (each root's pattern for .gitignore files reads every folder
   * below it), and the root and the roots, which it may only look files up in.
   */
  folders: string[];
  /** The .gitignore files it read, relative to the root. */
  gitignores: string[];
  /** Whether it could list every folder. */
  complete: boolean;
}

/** Part of a tree to walk: below these folders, whose ancestors' .gitignore files are these (relative to the root). */
export interface WalkScope {
  folders: readonly string[];
  gitignores: readonly string[];
}

/**
 * Walks the tree (or only below the folders of `scope`) for its metadata files; with `listFolders`,
 * also names every folder it listed, so that a cache can tell by their stamps that a walk would find
 * the same files again.
 */
export function walkTree(options: DiscoverOptions, listFolders = false, scope?: WalkScope): WalkedTree {
  const patterns: string[] = scope === undefined ? ['.gitignore'] : scope.folders.map((folder) => `${fg.escapePath(folder)}/**`);
  if (scope === undefined)
    patterns.push(...includePatterns({ ...options, include: [...options.include, '**/.gitignore'] }, (root) => fg.escapePath(root)));
  const { entries, unreadableFolders, folders } = walk(patterns, options, listFolders);

  const gitignores = new Map<string, string>();
  for (const file of scope?.gitignores ?? [])
    if (!file.startsWith('../')) gitignores.set(gitignoreFolder(file) as string, readTextOrEmpty(path.join(options.rootDir, file)));
  const inherited = inheritedGitignores(options.rootDir);
  for (const entry of entries) {
    const folder = gitignoreFolder(entry.path);
    if (folder !== undefined) gitignores.set(folder, readTextOrEmpty(path.join(options.rootDir, entry.path)));
  }
  const isSelected = createFileSelector(options, gitignores, inherited);
  const selected: WalkedEntry[] = [];
  for (const entry of entries) {
    if (entry.dirent.isDirectory() || gitignoreFolder(entry.path) !== undefined || !isSelected(entry.path)) continue;
    selected.push({ path: entry.path, isSymbolicLink: entry.dirent.isSymbolicLink() });
  }
  // A folder that cannot be listed is read as a file: reading it fails, and says why, where it is.
  for (const folder of unreadableFolders) selected.push({ path: folder, isSymbolicLink: false });
  selected.sort((a, b) => compareStrings(a.path, b.path));
  const distinct = withoutLinksToSelectedFiles(options.rootDir, selected);
  return {
    files: filesAt(options, distinct),
    entries: distinct,
    folders: !listFolders ? [] : [...new Set([...folders, ...(scope === undefined ? ['', ...normalizedRoots(options.roots)] : [])])],
    // Those above the root too, there or not: one that turns up changes the selection.
    gitignores: [
      ...inherited.map(({ file }) => file),
      ...[...gitignores.keys()].map((folder) => (folder === '' ? '.gitignore' : `${folder}/.gitignore`)),
    ],
    complete: unreadableFolders.length === 0,
  };
}

/**
 * The entries less the symbolic links to a file the walk also selected: that file is read once, under
 * its own path, as a git revision (which keeps links as links) reads it. A link to a file that is not
 * selected (excluded, or outside the root) stays, and reading it decides.
 */
function withoutLinksToSelectedFiles(rootDir: string, entries: WalkedEntry[]): WalkedEntry[] {
  if (!entries.some((entry) => entry.isSymbolicLink)) return entries;
  const rootRealPath = realpathSync(rootDir);
  const files = new Set(entries.filter((entry) => !entry.isSymbolicLink).map((entry) => entry.path));
  return entries.filter((entry) => {
    if (!entry.isSymbolicLink) return true;
    try {
      const target = path
        .relative(rootRealPath, realpathSync(path.join(rootDir, entry.path)))
        .split(path.sep)
        .join('/');
      return !files.has(target);
    } catch {
      return true;
    }
  });
}

/** The files at these paths relative to the root, in their order, as discovery gives them (dossier.yaml left out). */
export function filesAt(options: DiscoverOptions, entries: readonly WalkedEntry[]): FileToRead[] {
  // Display paths are the root's display path plus the entry's: one path.relative call, not one per
  // file. A root above the working directory (a subfolder of the repository) needs one per file, so
  // that `models/a.yaml` shows as `a.yaml` from `models/`.
  const rootDisplay = toDisplayPath(options.cwd, options.rootDir);
  const displayPrefix = rootDisplay === '.' ? '' : `${rootDisplay}/`;
  const aboveCwd = rootDisplay === '..' || rootDisplay.startsWith('../');
  const absolute = absolutePathIn(options.rootDir);
  const files: FileToRead[] = [];
  for (const entry of entries) {
    const absolutePath = absolute(entry.path);
    if (absolutePath === options.configFile) continue;
    const displayPath = aboveCwd ? toDisplayPath(options.cwd, absolutePath) : `${displayPrefix}${entry.path}`;
    files.push({ absolutePath, displayPath, isSymbolicLink: entry.isSymbolicLink });
  }
  return files;
}

/** More folders that cannot be listed than this, and the walk gives up (each one costs a walk). */
const MAX_UNREADABLE_FOLDERS = 32;

/**
 * The walk's entries, and the folders (relative to the root) it could not list: a folder without
 * read permission stops fast-glob, which is then walked again without it, so that one such folder
 * does not hide every other file's problems.
 */
function walk(
  patterns: string[],
  options: DiscoverOptions,
  listFolders: boolean,
): { entries: fg.Entry[]; unreadableFolders: string[]; folders: string[] } {
  const unreadableFolders: string[] = [];
  for (;;) {
    // Every folder fast-glob reads, as it reads it: the folders a kept walk must watch (fast-glob
    // reads into some folders its exclusions leave out of the entries it returns).
    const folders: string[] = [];
    const fs = listFolders
      ? {
          readdirSync: ((folder: string, readOptions: { withFileTypes: true }) => {
            folders.push(path.relative(options.rootDir, folder).split(path.sep).join('/'));
            return readdirSync(folder, readOptions);
          }) as unknown as typeof readdirSync,
        }
      : undefined;
    try {
      const entries = fg.sync(patterns, {
        ...(fs === undefined ? {} : { fs }),
        cwd: options.rootDir,
        // The walk already skips excluded folders; the selector is the rule that decides.
        ignore: [
          ...ALWAYS_EXCLUDED,
          ...options.exclude,
          ...unreadableFolders.flatMap((folder) => [fg.escapePath(folder), `${fg.escapePath(folder)}/**`]),
        ],
        dot: true,
        followSymbolicLinks: false,
        onlyFiles: false,
        objectMode: true,
        unique: true,
      });
      return { entries, unreadableFolders, folders };
    } catch (error) {
      const folder = unlistedFolder(error, options.rootDir);
      if (folder === undefined || unreadableFolders.length >= MAX_UNREADABLE_FOLDERS || unreadableFolders.includes(folder)) throw error;
      unreadableFolders.push(folder);
    }
  }
}

/** The folder under `rootDir` a failed walk could not list, '/'-separated; undefined for any other failure. */
function unlistedFolder(error: unknown, rootDir: string): string | undefined {
  const { code, path: failed } = (error ?? {}) as { code?: unknown; path?: unknown };
  if ((code !== 'EACCES' && code !== 'EPERM') || typeof failed !== 'string') return undefined;
  const relative = path.relative(rootDir, failed);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * Absolute paths of the walk's entries, which are relative, normalized and '/'-separated: joined by
 * hand where '/' is the separator (path.join normalizes each of 10k paths again: a tenth of a warm
 * lint's garbage).
 */
function absolutePathIn(rootDir: string): (relativePath: string) => string {
  if (path.sep !== '/') return (relativePath) => path.join(rootDir, relativePath);
  const root = path.resolve(rootDir);
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return (relativePath) => `${prefix}${relativePath}`;
}

/** The .gitignore files above the root in its git repository, with their text ('' where there is none). */
function inheritedGitignores(rootDir: string): (InheritedGitignore & { file: string })[] {
  const top = findRepositoryTop(rootDir);
  if (top === undefined) return [];
  const rootInRepository = path.relative(top, path.resolve(rootDir)).split(path.sep).join('/');
  return inheritedGitignorePaths(rootInRepository).map(({ file, rootPath }) => ({
    file,
    rootPath,
    text: readTextOrEmpty(path.join(rootDir, file)),
  }));
}

/** A .gitignore's text: '' where there is none, or it is not a regular file (a FIFO is not waited on). */
function readTextOrEmpty(file: string): string {
  return readRegularFileSync(file)?.toString('utf8') ?? '';
}
