// The stamp store: the working tree's files as a warm run (a lint, a site rebuild) takes them. Each
// file's content key comes from the stamps the last run kept, where its stat is as it was, as git's
// index answers `git status`; its text is read only when something asks for it: linking places a
// problem or applies a file's suppressions, a history walk shares its parse. A run after a one-file
// change reads that file, not ten thousand. Beside its stamps, a run keeps what it will go on from.

import { WholeNeeded } from '../engine/loading-map.js';
import type { SourceText } from '../source/project-files.js';
import type { FileToRead } from '../source/read-source.js';
import { AnalysisCache } from './analysis-cache.js';
import { isObject, readCacheFile, writeCacheFile } from './cache-file.js';
import { CACHE_FORMATS } from './layout.js';
import { FileStamps, type StampChanges, type StoredStamps } from './file-stamps.js';

interface StoredSources extends StoredStamps {
  at: number;
  /** What the run that took these stamps kept with them, of the files as they were then. */
  kept?: unknown;
}

/** The working tree's sources with their content keys, and how to keep their stamps for the next run. */
export interface StampedSources {
  /** Every file discovered, in order; a file's text is read when first asked for, and checked against its key. */
  sources: SourceText[];
  /** Each file's content key, by display path. */
  keys: Map<string, string>;
  /** How many files were read to know their content keys (new, touched, or written just before the last run). */
  readCount: number;
  /** What changed since the last run's stamps, and what it kept with them; undefined when there were none. */
  since: (StampChanges & { before: FileStamps; kept: unknown }) | undefined;
  /** Keeps this run's stamps, with the keys and what the run keeps with them (`kept`), for the next run. */
  save: (kept?: unknown) => boolean;
}

/**
 * The files' sources and content keys; what changed since the stamps in `stampsFile` (none: every
 * file) is read now, the others when asked for. Undefined when a file cannot be stamped or read as
 * text: then the caller reads them all, with the problems of those it cannot.
 */
export function stampedSources(
  stampsFile: string,
  environment: string,
  files: readonly FileToRead[],
  read: (file: FileToRead) => SourceText | undefined,
): StampedSources | undefined {
  const at = Date.now();
  const stamps = FileStamps.of(files);
  if (stamps === undefined) return undefined;
  const stored = readCacheFile(stampsFile, CACHE_FORMATS.stamps, environment, isObject) as Partial<StoredSources> | undefined;
  const before = typeof stored?.at === 'number' ? FileStamps.stored(stored) : undefined;
  const texts = new Map<number, string>();
  const changes = stamps.keysSince(before ?? new FileStamps([], new Float64Array(0), []), stored?.at ?? 0, (index) => {
    const source = read(files[index] as FileToRead);
    if (source === undefined) return undefined;
    texts.set(index, source.text);
    return AnalysisCache.keyOf(source);
  });
  if (changes === undefined) return undefined;
  const keys = new Map<string, string>();
  const sources = files.map((file, index): SourceText => {
    const key = stamps.keys[index] as string;
    keys.set(file.displayPath, key);
    const text = texts.get(index);
    return text === undefined ? unreadSource(file, key, read) : { file: file.displayPath, text };
  });
  return {
    sources,
    keys,
    readCount: texts.size,
    since: before === undefined ? undefined : { ...changes, before, kept: stored?.kept },
    save: (kept) =>
      writeCacheFile(stampsFile, CACHE_FORMATS.stamps, environment, {
        at,
        ...stamps.toStored(),
        ...(kept === undefined ? {} : { kept }),
      } satisfies StoredSources),
  };
}

/** A source whose text is read when first asked for; one whose content is no longer `key` throws WholeNeeded. */
export function unreadSource(file: FileToRead, key: string, read: (file: FileToRead) => SourceText | undefined): SourceText {
  let text: string | undefined;
  return {
    file: file.displayPath,
    get text() {
      if (text === undefined) {
        const source = read(file);
        if (source === undefined || AnalysisCache.keyOf(source) !== key)
          throw new WholeNeeded(`${file.displayPath} changed while it was read`);
        text = source.text;
      }
      return text;
    },
  };
}
