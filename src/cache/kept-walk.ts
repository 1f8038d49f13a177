// The files the last walk of the working tree found, kept with the stamps of every folder it listed
// and every .gitignore it read. While none of them changed, a walk would find the same files again:
// a warm run (a lint, a site rebuild) takes them without walking, as git's untracked cache lets
// `git status` skip the folders whose modification time stands. Adding, removing or renaming a file
// changes its folder's stamp, and then the tree is walked again.

import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../ground/content-hash.js';
import { filesAt, walkTree, type DiscoverOptions } from '../source/discover.js';
import type { FileToRead } from '../source/read-source.js';
import { TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { isObject, readCacheFile, writeCacheFile } from './cache-file.js';
import { RACY_MS } from './file-stamps.js';
import { CACHE_FORMATS } from './layout.js';

/** Numbers kept of each folder and .gitignore: modification and change times, inode, size; -1 each when it is not there. */
const STAMP_NUMBERS = 4;

interface StoredWalk {
  /** What the walk was of: the root, the working folder, dossier.yaml and the file selection. */
  key: string;
  /** When the walk started. */
  at: number;
  /** The folders listed, then the .gitignore files read, relative to the root. */
  looked: TextColumn;
  stamps: Float64Array;
  /** The files found, relative to the root, in order; `links` says which are symbolic links. */
  files: TextColumn;
  links: Uint8Array;
}

/** The files of the tree, as `discoverFiles` finds them: taken from `file` while what the last walk looked at stands. */
export function discoverWithKeptWalk(file: string, environment: string, options: DiscoverOptions): FileToRead[] {
  const key = walkKey(options);
  const kept = keptFiles(readCacheFile(file, CACHE_FORMATS.walk, environment, isObject), key, options);
  if (kept !== undefined) return kept;
  // The cache folder is made before the walk: made after, it would change the stamp of the folder it is in.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch {
    // Then the walk is not kept (writing it fails the same way); the files are found all the same.
  }
  const at = Date.now();
  const walked = walkTree(options, true);
  if (walked.complete) {
    const looked = [...walked.folders, ...walked.gitignores];
    writeCacheFile(file, CACHE_FORMATS.walk, environment, {
      key,
      at,
      looked: toTextColumn(looked),
      stamps: stampsOf(options.rootDir, looked),
      files: toTextColumn(walked.entries.map((entry) => entry.path)),
      links: Uint8Array.from(walked.entries, (entry) => (entry.isSymbolicLink ? 1 : 0)),
    } satisfies StoredWalk);
  }
  return walked.files;
}

function walkKey({ rootDir, cwd, configFile, roots, include, exclude }: DiscoverOptions): string {
  return contentHash(JSON.stringify({ rootDir, cwd, configFile, roots, include, exclude }));
}

/** The kept walk's files, when it is one of this tree and everything it looked at stands; undefined otherwise. */
function keptFiles(value: unknown, key: string, options: DiscoverOptions): FileToRead[] | undefined {
  const stored = value as Partial<StoredWalk> | undefined;
  const looked = TextColumnReader.of(stored?.looked);
  const files = TextColumnReader.of(stored?.files);
  const { stamps, links, at } = stored ?? {};
  if (
    stored?.key !== key ||
    typeof at !== 'number' ||
    looked === undefined ||
    files === undefined ||
    !(stamps instanceof Float64Array) ||
    !(links instanceof Uint8Array) ||
    stamps.length !== looked.length * STAMP_NUMBERS ||
    links.length !== files.length
  )
    return undefined;
  const now = stampsOf(options.rootDir, looked.texts());
  for (let index = 0; index < now.length; index++) if (now[index] !== stamps[index]) return undefined;
  // Changed within the window of the walk, a folder's stamp may not tell that what the walk saw changed.
  for (let index = 0; index < now.length; index += STAMP_NUMBERS)
    if (Math.max(now[index] as number, now[index + 1] as number) >= at - RACY_MS) return undefined;
  const paths = files.texts();
  return filesAt(
    options,
    paths.map((entry, index) => ({ path: entry, isSymbolicLink: links[index] === 1 })),
  );
}

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
