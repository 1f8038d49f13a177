// The stamps of a repository's files as `stat` sees them (size, modification time, inode) and, once
// known, each one's content key: what lets a warm lint answer without reading a file, as git's index
// answers `git status`. Kept in columns (paths, keys, and the numbers in one typed array), as the
// result file stores them: a warm lint of 10k files takes and compares them without allocating a
// record per file.

import { lstatSync, statSync } from 'node:fs';
import { sortedIndexOf } from '../ground/collections.js';
import { compareStrings } from '../ground/diagnostics.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';
import type { FileToRead } from '../source/read-source.js';

const SIZE = 0;
const MTIME_MS = 1;
const INO = 2;
/** Numbers kept per file. */
export const STAMP_NUMBERS = 3;
/** Files modified this close to when the stamps were taken are not trusted by their stamps. */
export const RACY_MS = 2000;

/** Stamps as a cache file keeps them: paths and keys as text columns, the numbers as they are. */
export interface StoredStamps {
  files: TextColumn;
  keys: TextColumn;
  numbers: Float64Array;
}

/** Which files changed since earlier stamps, by content. */
export interface StampChanges {
  /** Indexes of the files that are new or whose content key is not the one they had. */
  changed: number[];
  /** Files the earlier stamps had that are gone. */
  removed: string[];
}

export class FileStamps {
  /** Display paths, in the order files were discovered (sorted). */
  readonly files: readonly string[];
  /** Size, modification time (ms) and inode of each file, one after the other. */
  readonly numbers: Float64Array;
  /** Each file's content key; '' while unknown. */
  readonly keys: string[];
  /** Null when the paths are sorted (then searched); a map of them when not; undefined until asked. */
  #byFile: Map<string, number> | null | undefined;

  constructor(files: readonly string[], numbers: Float64Array, keys: string[]) {
    if (numbers.length !== files.length * STAMP_NUMBERS || keys.length !== files.length)
      throw new Error('file stamps: columns of different lengths');
    this.files = files;
    this.numbers = numbers;
    this.keys = keys;
  }

  /** The files' stamps, or undefined when one cannot be taken (then every file is read). */
  static of(files: readonly FileToRead[]): FileStamps | undefined {
    const numbers = new Float64Array(files.length * STAMP_NUMBERS);
    try {
      files.forEach((file, index) => {
        // lstat is a third cheaper than stat; a link's stamp is its target's.
        let stat = lstatSync(file.absolutePath);
        if (stat.isSymbolicLink()) stat = statSync(file.absolutePath);
        numbers[index * STAMP_NUMBERS + SIZE] = stat.size;
        numbers[index * STAMP_NUMBERS + MTIME_MS] = stat.mtimeMs;
        numbers[index * STAMP_NUMBERS + INO] = stat.ino;
      });
    } catch {
      return undefined;
    }
    return new FileStamps(
      files.map((file) => file.displayPath),
      numbers,
      files.map(() => ''),
    );
  }

  /** Stamps a cache file kept; undefined when they are not whole (another format, damaged). */
  static stored(value: Partial<StoredStamps> | undefined): FileStamps | undefined {
    const files = fromTextColumn(value?.files);
    const keys = fromTextColumn(value?.keys);
    const numbers = value?.numbers;
    if (files === undefined || keys?.length !== files.length || !(numbers instanceof Float64Array)) return undefined;
    return numbers.length === STAMP_NUMBERS * files.length ? new FileStamps(files, numbers, keys) : undefined;
  }

  /** These stamps as a cache file keeps them. */
  toStored(): StoredStamps {
    return { files: toTextColumn(this.files), keys: toTextColumn(this.keys), numbers: this.numbers };
  }

  /**
   * Gives each file its content key and tells which changed since `before`, taken at `at`. A file
   * whose stamp is as before, and that was modified well before `at`, keeps its key unread. Any
   * other is read (`keyOf`): a new or touched file, or one written shortly before `at`, which could
   * have been written again within the file system's time resolution (2 s on some) with the same
   * size and stamp (git's "racily clean" entries). Undefined when a file cannot be read as text.
   */
  keysSince(before: FileStamps, at: number, keyOf: (index: number) => string | undefined): StampChanges | undefined {
    // Usually the same files in the same order: compared by index, looked up by path only when not.
    const sameFiles = before.length === this.length && this.files.every((file, index) => before.files[index] === file);
    const seen = sameFiles ? undefined : new Set<string>();
    const changed: number[] = [];
    for (let index = 0; index < this.length; index++) {
      const file = this.files[index] as string;
      const beforeIndex = sameFiles ? index : before.indexOf(file);
      seen?.add(file);
      const trusted = beforeIndex !== -1 && this.sameStat(index, before, beforeIndex) && this.mtimeMs(index) < at - RACY_MS;
      const previousKey = beforeIndex === -1 ? undefined : before.keys[beforeIndex];
      const key = trusted ? previousKey : keyOf(index);
      if (key === undefined || key === '') return undefined;
      if (key !== previousKey) changed.push(index);
      this.keys[index] = key;
    }
    return { changed, removed: seen === undefined ? [] : before.files.filter((file) => !seen.has(file)) };
  }

  get length(): number {
    return this.files.length;
  }

  mtimeMs(index: number): number {
    return this.numbers[index * STAMP_NUMBERS + MTIME_MS] as number;
  }

  /** Whether file `index` here has the same size, modification time and inode as file `otherIndex` of `other`. */
  sameStat(index: number, other: FileStamps, otherIndex: number): boolean {
    const at = index * STAMP_NUMBERS;
    const otherAt = otherIndex * STAMP_NUMBERS;
    return (
      this.numbers[at + SIZE] === other.numbers[otherAt + SIZE] &&
      this.numbers[at + MTIME_MS] === other.numbers[otherAt + MTIME_MS] &&
      this.numbers[at + INO] === other.numbers[otherAt + INO]
    );
  }

  /** The index of a file; -1 when it is not here. By binary search over the paths, sorted as discovery sorts them, else by a map. */
  indexOf(file: string): number {
    // `??=` would check the order again on every call: null (sorted) is a known answer too.
    if (this.#byFile === undefined)
      this.#byFile = this.files.every((path, index) => index === 0 || compareStrings(this.files[index - 1] as string, path) < 0)
        ? null
        : new Map(this.files.map((path, index) => [path, index]));
    return this.#byFile === null ? sortedIndexOf(this.files, file, (path) => path, compareStrings) : (this.#byFile.get(file) ?? -1);
  }

  /** The content key the file had; undefined when it is not here. */
  keyOf(file: string): string | undefined {
    const index = this.indexOf(file);
    return index === -1 ? undefined : this.keys[index];
  }
}
