// Finds the metadata files of a repository on disk: fast-glob walks the configured roots, and the
// shared file selection (file-selection.ts) decides, as it does for a git revision.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { compareStrings } from '../ground/diagnostics.js';
import { ALWAYS_EXCLUDED, createFileSelector, gitignoreFolder, normalizedRoots, type FileSelection } from './file-selection.js';
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
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return path.resolve(dir);
  }
}

/** Synchronous on purpose, like reading: walking the tree this way is about twice as fast. */
export function discoverFiles(options: DiscoverOptions): FileToRead[] {
  const patterns: string[] = ['.gitignore'];
  for (const root of normalizedRoots(options.roots)) {
    const prefix = root === '' ? '' : fg.escapePath(root);
    for (const include of [...options.include, '**/.gitignore']) patterns.push(prefix === '' ? include : `${prefix}/${include}`);
  }
  const { entries, unreadableFolders } = walk(patterns, options);

  const gitignores = new Map<string, string>();
  for (const entry of entries) {
    const folder = gitignoreFolder(entry.path);
    if (folder !== undefined) gitignores.set(folder, readTextOrEmpty(path.join(options.rootDir, entry.path)));
  }
  const isSelected = createFileSelector(options, gitignores);
  // Display paths are the root's display path plus the entry's: one path.relative call, not one per file.
  const rootDisplay = toDisplayPath(options.cwd, options.rootDir);
  const displayPrefix = rootDisplay === '.' ? '' : `${rootDisplay}/`;
  const absolute = absolutePathIn(options.rootDir);
  const files: FileToRead[] = [];
  for (const entry of entries) {
    if (entry.dirent.isDirectory() || gitignoreFolder(entry.path) !== undefined || !isSelected(entry.path)) continue;
    const absolutePath = absolute(entry.path);
    if (absolutePath === options.configFile) continue;
    files.push({ absolutePath, displayPath: `${displayPrefix}${entry.path}`, isSymbolicLink: entry.dirent.isSymbolicLink() });
  }
  // A folder that cannot be listed is read as a file: reading it fails, and says why, where it is.
  for (const folder of unreadableFolders)
    files.push({ absolutePath: absolute(folder), displayPath: `${displayPrefix}${folder}`, isSymbolicLink: false });
  return files.sort((a, b) => compareStrings(a.displayPath, b.displayPath));
}

/** More folders that cannot be listed than this, and the walk gives up (each one costs a walk). */
const MAX_UNREADABLE_FOLDERS = 32;

/**
 * The walk's entries, and the folders (relative to the root) it could not list: a folder without
 * read permission stops fast-glob, which is then walked again without it, so that one such folder
 * does not hide every other file's problems.
 */
function walk(patterns: string[], options: DiscoverOptions): { entries: fg.Entry[]; unreadableFolders: string[] } {
  const unreadableFolders: string[] = [];
  for (;;) {
    try {
      const entries = fg.sync(patterns, {
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
      return { entries, unreadableFolders };
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

function readTextOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
