// The lint cache (`.dossier/cache/`): what each file parses and validates to, keyed by its path and
// content hash, and the whole result of the last run, keyed by everything that changes it. The result
// is a file of its own, so that an unchanged repository reads only it; the analyses are spread over 256
// files by key, so that a one-file change reads and rewrites a few small ones. Each is written atomically; an entry
// from another Dossier version, a truncated or foreign file is ignored and rewritten, never trusted.
// Deleting the folder is always safe.

import path from 'node:path';
import type { Analysis } from '../compile/compile-sources.js';
import { isObject, readCacheFile, writeCacheFile } from './cache-file.js';
import { contentHash } from '../ground/content-hash.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { SourceText } from '../source/project-files.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { FileStamps, type StampChanges, type StoredStamps } from './file-stamps.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { analysisOfStored, isStoredAnalysis, lazyAnalysisOfStored, toStoredAnalysis, type StoredAnalysis } from './stored-analysis.js';

/** Since 3, an analysis names the files with suppression comments; since 4, its entities' bodies are read when looked at (stored-analysis.ts). */
const FORMAT = 4;
/** The result file's format (its stamps and owners in columns since 3). */
const RESULT_FORMAT = 3;
/** Analyses of keys starting with hex digits `dd` live in `analyses-<dd>.bin`. */
const analysesFile = (shard: string) => `analyses-${shard}.bin`;
const shardOfKey = (key: string) => key.slice(0, 2);
const RESULT_FILE = 'result.bin';

/** What a lint reports, as the cache keeps it: its problems, and what the reports count. */
export interface CachedResult {
  diagnostics: Diagnostic[];
  fileCount: number;
  /** Each entity's owning team (`ownedBy`), for the JSON report's per-owner counts. */
  owners: [string, string | undefined][];
}

/** The analyses of one shard's keys, as its file keeps them. */
type StoredAnalyses = Map<string, StoredAnalysis>;

/**
 * What a result was computed from beyond the files' contents (Dossier, schemas, configuration,
 * working directory), and the files' stamps when it was: an unchanged repository is answered from
 * them without reading a file, as git's index answers `git status`.
 */
export interface Stamped {
  context: string;
  files: FileStamps;
  /** When the stamps were taken: a file modified shortly before is read again next time, never trusted. */
  at: number;
}

interface Result {
  key: string;
  value: CachedResult;
  stamped?: Stamped;
  /** The generation of the link cache (link-store.ts) that goes on from this result. */
  link?: string;
}

/** The last run's result and which files changed since, by content. */
export interface Changes extends StampChanges {
  previous: CachedResult;
  /** The last run's stamps, each file's content key with them. */
  before: FileStamps;
  /** The link cache generation the last run left. */
  link: string | undefined;
}

/** A shard's analyses; an entry that is not whole is left out (its file is analysed again). */
function storedAnalyses(content: unknown): StoredAnalyses | undefined {
  if (!(content instanceof Map)) return undefined;
  for (const [key, stored] of content as Map<unknown, unknown>)
    if (typeof key !== 'string' || !isStoredAnalysis(stored)) content.delete(key);
  return content as StoredAnalyses;
}

/**
 * A result as its file keeps it: the stamps and owners of every file and entity in columns (joined
 * texts, numbers in a typed array) rather than tens of thousands of small arrays, which V8 reads and
 * writes ten times slower; every lint, warm or not, reads it.
 */
interface StoredResult {
  key: string;
  diagnostics: Diagnostic[];
  fileCount: number;
  identities: TextColumn;
  /** Each entity's owner, '' for none. */
  owners: TextColumn;
  stamped?: StoredStamps & { context: string; at: number };
  link?: string;
}

function storedResult({ key, value, stamped, link }: Result): StoredResult {
  return {
    key,
    diagnostics: value.diagnostics,
    fileCount: value.fileCount,
    identities: toTextColumn(value.owners.map(([identity]) => identity)),
    owners: toTextColumn(value.owners.map(([, owner]) => owner ?? '')),
    ...(stamped === undefined
      ? {}
      : {
          stamped: { context: stamped.context, at: stamped.at, ...stamped.files.toStored() },
        }),
    ...(link === undefined ? {} : { link }),
  };
}

/** The result a stored one keeps; undefined when it is not one (another format, damaged). */
function resultOf(value: unknown): Result | undefined {
  const stored = value as Partial<StoredResult> | null;
  const identities = fromTextColumn(stored?.identities);
  const owners = fromTextColumn(stored?.owners);
  if (
    typeof stored?.key !== 'string' ||
    !Array.isArray(stored.diagnostics) ||
    typeof stored.fileCount !== 'number' ||
    identities === undefined ||
    owners?.length !== identities.length
  )
    return undefined;
  let stamped: Stamped | undefined;
  if (stored.stamped !== undefined) {
    const { context, at } = stored.stamped;
    const files = FileStamps.stored(stored.stamped);
    if (typeof context !== 'string' || typeof at !== 'number' || files === undefined) return undefined;
    stamped = { context, at, files };
  }
  return {
    key: stored.key,
    value: {
      diagnostics: stored.diagnostics,
      fileCount: stored.fileCount,
      owners: identities.map((identity, index) => [identity, owners[index] === '' ? undefined : owners[index]]),
    },
    ...(stamped === undefined ? {} : { stamped }),
    ...(typeof stored.link === 'string' ? { link: stored.link } : {}),
  };
}

export class AnalysisCache {
  readonly #dir: string;
  readonly #environment: string;
  /**
   * The previous run's analyses not asked for yet, by shard, each shard read when first needed (an
   * unchanged repository needs none); one asked for leaves, so that it is not held twice.
   */
  readonly #previous = new Map<string, StoredAnalyses>();
  /** How many analyses each shard had. */
  readonly #previousSizes = new Map<string, number>();
  readonly #used = new Map<string, Map<string, Analysis>>();
  readonly #lazyBodies: boolean;
  readonly #analysed = new Set<string>();
  /** The last run's result, read when first asked for (a site rebuild, which keeps stamps of its own, never asks); null: none. */
  #loadedResult: Result | null | undefined;
  /** This run's result, when it stored or restamped one. */
  #result: Result | undefined;

  private constructor(dir: string, environment: string, lazyBodies: boolean) {
    this.#dir = dir;
    this.#environment = environment;
    this.#lazyBodies = lazyBodies;
  }

  get #previousResult(): Result | undefined {
    if (this.#loadedResult === undefined)
      this.#loadedResult = resultOf(readCacheFile(path.join(this.#dir, RESULT_FILE), RESULT_FORMAT, this.#environment, isObject)) ?? null;
    return this.#loadedResult ?? undefined;
  }

  /**
   * Opens the cache in `dir`; whatever cannot be read as this version's cache counts as empty. With
   * `lazyBodies`, the entities' metadata, specs and references are read when first looked at: for a
   * run that looks at few of them (a site rebuild going on from its last link); a run that reads
   * them all does better without (no accessor per entity, nothing held twice).
   */
  static open(dir: string, environment: string, options: { lazyBodies?: boolean } = {}): AnalysisCache {
    return new AnalysisCache(dir, environment, options.lazyBodies === true);
  }

  /**
   * Which files changed since the last run (`FileStamps.keysSince`), when it ran in the same
   * context; each stamp gets its file's content key. Undefined when a file cannot be read as text.
   */
  changesSince(context: string, stamps: FileStamps, keyOf: (index: number) => string | undefined): Changes | undefined {
    const previous = this.#previousResult;
    const stamped = previous?.stamped;
    if (previous === undefined || stamped?.context !== context) return undefined;
    const changes = stamps.keysSince(stamped.files, stamped.at, keyOf);
    return changes === undefined ? undefined : { ...changes, previous: previous.value, before: stamped.files, link: previous.link };
  }

  /** The key of a file's analysis: its path and content. */
  static keyOf(source: SourceText): string {
    return contentHash(source.file, source.text);
  }

  /** What the file with this key parses and validates to: from the cache when its content is unchanged. */
  analysisOf(key: string, analyze: () => Analysis): Analysis {
    const shard = shardOfKey(key);
    let previous = this.#previous.get(shard);
    if (previous === undefined) {
      previous =
        storedAnalyses(readCacheFile(path.join(this.#dir, analysesFile(shard)), FORMAT, this.#environment, isObject)) ??
        new Map<string, StoredAnalysis>();
      this.#previous.set(shard, previous);
      this.#previousSizes.set(shard, previous.size);
      this.#used.set(shard, new Map());
    }
    // One made earlier in this run, or the last run's.
    let analysis = this.#used.get(shard)?.get(key);
    if (analysis === undefined) {
      const stored = previous.get(key);
      if (stored === undefined) {
        analysis = analyze();
        this.#analysed.add(shard);
      } else {
        analysis = this.#lazyBodies ? lazyAnalysisOfStored(stored) : analysisOfStored(stored);
        previous.delete(key);
      }
    }
    this.#used.get(shard)?.set(key, analysis);
    return analysis;
  }

  /** The analysis the cache has for this key; WholeNeeded when it no longer has it (a link going on from the last one then links whole). */
  cachedAnalysisOf(key: string): Analysis {
    return this.analysisOf(key, () => {
      throw new WholeNeeded('an analysis the cache no longer has');
    });
  }

  /** The last run's result, when it was computed from exactly this input. */
  result(key: string): CachedResult | undefined {
    return this.#previousResult?.key === key ? this.#previousResult.value : undefined;
  }

  /** Keeps the last run's result under new stamps (files read again and found unchanged now carry their keys). */
  restampResult(stamped: Stamped): void {
    if (this.#previousResult !== undefined) this.#result = { ...this.#previousResult, stamped };
  }

  storeResult(key: string, value: CachedResult, stamped?: Stamped, link?: string): void {
    this.#result = { key, value, ...(stamped === undefined ? {} : { stamped }), ...(link === undefined ? {} : { link }) };
  }

  /**
   * Writes what changed, and the result. `pruned` (every file's analysis was asked for): each shard
   * that gained or lost a file keeps only this run's analyses; otherwise (a run that looked at the
   * changed files only) a shard that gained one keeps the others too, until the next whole run.
   */
  save(pruned = true): void {
    // One file at a time: each serialized shard is let go once written (all at once, 100k entities' analyses held twice).
    const write = (file: string, content: unknown) => writeCacheFile(path.join(this.#dir, file), FORMAT, this.#environment, content);
    const stored = (used: Map<string, Analysis>): StoredAnalyses =>
      new Map([...used].map(([key, analysis]) => [key, toStoredAnalysis(analysis)]));
    for (const [shard, used] of this.#used) {
      const written =
        pruned && (this.#analysed.has(shard) || this.#previousSizes.get(shard) !== used.size)
          ? write(analysesFile(shard), stored(used))
          : !pruned && this.#analysed.has(shard)
            ? write(analysesFile(shard), new Map([...(this.#previous.get(shard) ?? []), ...stored(used)]))
            : true;
      if (!written) return;
    }
    if (this.#result !== undefined)
      writeCacheFile(path.join(this.#dir, RESULT_FILE), RESULT_FORMAT, this.#environment, storedResult(this.#result));
  }
}
