// The files the last walk of the working tree found, kept with the stamps of every folder it listed
// and every .gitignore it read. While none of them changed, a walk would find the same files again:
// a warm run (a lint, a site rebuild) takes them without walking, as git's untracked cache lets
// `git status` skip the folders whose modification time stands. Adding, removing or renaming a file
// changes its folder's stamp: then only below the folders that changed is the tree walked again.

import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { compareStrings } from '../ground/diagnostics.js';
import { contentHash } from '../ground/content-hash.js';
import { includePatterns, normalizedRoots } from '../source/file-selection.js';
import { filesAt, walkTree, type DiscoverOptions, type WalkedEntry, type WalkedTree } from '../source/discover.js';
import type { FileToRead } from '../source/read-source.js';
import { TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { isObject, readCacheFile, writeCacheFile } from './cache-file.js';
import { RACY_MS } from './file-stamps.js';
import { CACHE_FORMATS } from './layout.js';

/** Numbers kept of each folder and .gitignore: modification and change times, inode, size; -1 each when it is not there. */
const STAMP_NUMBERS = 4;
/** More changed folders than this (a checkout of another branch), and the whole tree is walked again. */
const MAX_FOLDERS_WALKED_AGAIN = 64;

interface StoredWalk {
  /** What the walk was of: the root, the working folder, dossier.yaml and the file selection. */
  key: string;
  /** When the walk started. */
  at: number;
  /** The folders listed, relative to the root ('' the root itself), and the .gitignore files read. */
  folders: TextColumn;
  gitignores: TextColumn;
  /** The stamps of the folders, then of the .gitignore files. */
  stamps: Float64Array;
  /** The files found, relative to the root, in order; `links` says which are symbolic links. */
  files: TextColumn;
  links: Uint8Array;
}

/** A kept walk, read. */
interface KeptWalk {
  at: number;
  folders: string[];
  gitignores: string[];
  stamps: Float64Array;
  entries: WalkedEntry[];
}

/** The files of the tree, as `discoverFiles` finds them: taken from the walk kept in `file`, walked again where a folder changed. */
export function discoverWithKeptWalk(file: string, environment: string, options: DiscoverOptions): FileToRead[] {
  const key = walkKey(options);
  const kept = keptWalkOf(readCacheFile(file, CACHE_FORMATS.walk, environment, isObject), key);
  const since = kept === undefined ? undefined : changesSince(kept, options.rootDir);
  if (since?.changed.length === 0) return filesAt(options, since.kept.entries);
  // The cache folder is made before walking: made after, it would change the stamp of the folder it is in.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    // Then the walk is not kept (writing it fails the same way); the files are found all the same.
  }
  const at = Date.now();
  const walked = (since === undefined ? undefined : walkedAgainBelow(options, since)) ?? wholeWalk(options);
  if (keepable(walked, options))
    writeCacheFile(file, CACHE_FORMATS.walk, environment, {
      key,
      at,
      folders: toTextColumn(walked.folders),
      gitignores: toTextColumn(walked.gitignores),
      stamps: walked.stamps,
      files: toTextColumn(walked.entries.map((entry) => entry.path)),
      links: Uint8Array.from(walked.entries, (entry) => (entry.isSymbolicLink ? 1 : 0)),
    } satisfies StoredWalk);
  return walked.files;
}

type StampedWalk = WalkedTree & { stamps: Float64Array };

function wholeWalk(options: DiscoverOptions): StampedWalk {
  const walked = walkTree(options, true);
  return { ...walked, stamps: stampsOf(options.rootDir, [...walked.folders, ...walked.gitignores]) };
}

/**
 * Whether a walk can be kept: it listed every folder, and no include pattern names a folder by `..`
 * (`../shared/*.yaml`, `models/../datasets/*.yml`): fast-glob reads such a folder by its resolved
 * path, and a walk below it would not name its files as the pattern does.
 */
const keepable = (walked: WalkedTree, options: DiscoverOptions) =>
  walked.complete && includePatterns(options).every((pattern) => !pattern.split('/').includes('..') && !path.posix.isAbsolute(pattern));

function walkKey({ rootDir, cwd, configFile, roots, include, exclude }: DiscoverOptions): string {
  return contentHash(JSON.stringify({ rootDir, cwd, configFile, roots, include, exclude }));
}

function keptWalkOf(value: unknown, key: string): KeptWalk | undefined {
  const stored = value as Partial<StoredWalk> | undefined;
  const folders = TextColumnReader.of(stored?.folders);
  const gitignores = TextColumnReader.of(stored?.gitignores);
  const files = TextColumnReader.of(stored?.files);
  const { stamps, links, at } = stored ?? {};
  if (
    stored?.key !== key ||
    typeof at !== 'number' ||
    folders === undefined ||
    gitignores === undefined ||
    files === undefined ||
    !(stamps instanceof Float64Array) ||
    !(links instanceof Uint8Array) ||
    stamps.length !== (folders.length + gitignores.length) * STAMP_NUMBERS ||
    links.length !== files.length
  )
    return undefined;
  const entries = files.texts().map((entry, index) => ({ path: entry, isSymbolicLink: links[index] === 1 }));
  return { at, folders: folders.texts(), gitignores: gitignores.texts(), stamps, entries };
}

/** A kept walk, with the stamps of what it looked at as they are now and which of them changed. */
interface KeptWalkSince {
  kept: KeptWalk;
  now: Float64Array;
  /** Indexes into the folders, then the .gitignore files. */
  changed: number[];
}

function changesSince(kept: KeptWalk, rootDir: string): KeptWalkSince {
  const now = stampsOf(rootDir, [...kept.folders, ...kept.gitignores]);
  return { kept, now, changed: changedFolders(kept, now) };
}

/**
 * The indexes of the folders and .gitignore files whose stamps changed, or changed within the window
 * of the kept walk (a change then may not have changed the stamp the walk kept).
 */
function changedFolders(kept: KeptWalk, now: Float64Array): number[] {
  const changed: number[] = [];
  for (let index = 0; index < now.length / STAMP_NUMBERS; index++) {
    const at = index * STAMP_NUMBERS;
    let same = Math.max(now[at] as number, now[at + 1] as number) < kept.at - RACY_MS;
    for (let number = at; same && number < at + STAMP_NUMBERS; number++) same = now[number] === kept.stamps[number];
    if (!same) changed.push(index);
  }
  return changed;
}

/**
 * The kept walk with the tree walked again below the folders that changed; undefined when the whole
 * tree must be walked (a .gitignore, the root or a root folder changed, too many folders did, one
 * cannot be listed, or a new .gitignore turned up).
 */
function walkedAgainBelow(options: DiscoverOptions, { kept, now, changed }: KeptWalkSince): StampedWalk | undefined {
  const roots = new Set(['', ...normalizedRoots(options.roots)]);
  if (
    changed.length > MAX_FOLDERS_WALKED_AGAIN ||
    changed.some((index) => index >= kept.folders.length || roots.has(kept.folders[index] as string))
  )
    return undefined;
  // The changed folders that no other changed folder is above: walking below them walks below the rest.
  const changedPaths = changed.map((index) => kept.folders[index] as string).sort(compareStrings);
  const tops = changedPaths.filter((folder, index) => !changedPaths.slice(0, index).some((above) => isBelow(folder, above)));
  // A folder is walked below by a glob of its path: one whose name a glob cannot say as it is (`+(x)`, a backslash) is not.
  if (tops.some((top) => fg.escapePath(top) !== top || top.includes('\\'))) return undefined;
  const below = (entry: string) => tops.some((top) => isBelow(entry, top));
  const walked = walkTree(options, true, { folders: tops, gitignores: kept.gitignores });
  if (!walked.complete || walked.gitignores.length !== kept.gitignores.length) return undefined;

  const entries = [...kept.entries.filter((entry) => !below(entry.path)), ...walked.entries].sort((a, b) => compareStrings(a.path, b.path));
  const keptFolders = kept.folders.flatMap((folder, index) => (below(folder) || tops.includes(folder) ? [] : [[folder, index] as const]));
  const folders = [...keptFolders.map(([folder]) => folder), ...walked.folders];
  const walkedStamps = stampsOf(options.rootDir, walked.folders);
  const stamps = new Float64Array((folders.length + kept.gitignores.length) * STAMP_NUMBERS);
  keptFolders.forEach(([, index], at) => {
    stamps.set(now.subarray(index * STAMP_NUMBERS, (index + 1) * STAMP_NUMBERS), at * STAMP_NUMBERS);
  });
  stamps.set(walkedStamps, keptFolders.length * STAMP_NUMBERS);
  stamps.set(now.subarray(kept.folders.length * STAMP_NUMBERS), folders.length * STAMP_NUMBERS);
  return { ...walked, files: filesAt(options, entries), entries, folders, gitignores: kept.gitignores, stamps };
}

const isBelow = (entry: string, folder: string) => entry.startsWith(`${folder}/`);

function stampsOf(rootDir: string, looked: readonly string[]): Float64Array {
  const stamps = new Float64Array(looked.length * STAMP_NUMBERS).fill(-1);
  looked.forEach((relative, index) => {
    try {
      const stat = statSync(path.join(rootDir, relative));
      stamps.set([stat.mtimeMs, stat.ctimeMs, stat.ino, stat.size], index * STAMP_NUMBERS);
    } catch {
      // Not there (or not readable): kept as such, and it stands while that stays so.
    }
  });
  return stamps;
}
