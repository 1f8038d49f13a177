// The analyses cache (`.dossier/cache/analyses-*.bin`): what each file parses and validates to, keyed
// by its path and content hash, shared by lint, the site and history. The analyses are spread over 256
// files by key, so that a one-file change reads and rewrites a few small ones. Each is written atomically; an entry
// from another Dossier version, a truncated or foreign file is ignored and rewritten, never trusted.
// Deleting the folder is always safe.

import type { Analysis } from '../compile/compile-sources.js';
import { isObject, readCacheFile, writeCacheFile } from './cache-file.js';
import { contentHash } from '../ground/content-hash.js';
import type { SourceText } from '../source/project-files.js';
import { CACHE_FORMATS, type CacheLayout } from './layout.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { analysisOfStored, isStoredAnalysis, lazyAnalysisOfStored, toStoredAnalysis, type StoredAnalysis } from './stored-analysis.js';

const shardOfKey = (key: string) => key.slice(0, 2);

/** The analyses of one shard's keys, as its file keeps them. */
type StoredAnalyses = Map<string, StoredAnalysis>;

/** A shard's analyses; an entry that is not whole is left out (its file is analysed again). */
function storedAnalyses(content: unknown): StoredAnalyses | undefined {
  if (!(content instanceof Map)) return undefined;
  for (const [key, stored] of content as Map<unknown, unknown>)
    if (typeof key !== 'string' || !isStoredAnalysis(stored)) content.delete(key);
  return content as StoredAnalyses;
}

export class AnalysisCache {
  readonly #layout: CacheLayout;
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

  private constructor(layout: CacheLayout, environment: string, lazyBodies: boolean) {
    this.#layout = layout;
    this.#environment = environment;
    this.#lazyBodies = lazyBodies;
  }

  /**
   * Opens the cache in `dir`; whatever cannot be read as this version's cache counts as empty. With
   * `lazyBodies`, the entities' metadata, specs and references are read when first looked at: for a
   * run that looks at few of them (a site rebuild going on from its last link); a run that reads
   * them all does better without (no accessor per entity, nothing held twice).
   */
  static open(layout: CacheLayout, environment: string, options: { lazyBodies?: boolean } = {}): AnalysisCache {
    return new AnalysisCache(layout, environment, options.lazyBodies === true);
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
        storedAnalyses(readCacheFile(this.#layout.analyses(shard), CACHE_FORMATS.analyses, this.#environment, isObject)) ??
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

  /**
   * Writes what changed. `pruned` (every file's analysis was asked for): each shard
   * that gained or lost a file keeps only this run's analyses; otherwise (a run that looked at the
   * changed files only) a shard that gained one keeps the others too, those of the `live` keys only
   * when they are given (until then, until the next whole run). Saving again writes only what was
   * analysed since.
   */
  save(pruned = true, live?: ReadonlySet<string>): void {
    // One file at a time: each serialized shard is let go once written (all at once, 100k entities' analyses held twice).
    const write = (shard: string, content: unknown) =>
      writeCacheFile(this.#layout.analyses(shard), CACHE_FORMATS.analyses, this.#environment, content);
    const stored = (used: Map<string, Analysis>): StoredAnalyses =>
      new Map([...used].map(([key, analysis]) => [key, toStoredAnalysis(analysis)]));
    for (const [shard, used] of this.#used) {
      const written =
        pruned && (this.#analysed.has(shard) || this.#previousSizes.get(shard) !== used.size)
          ? write(shard, stored(used))
          : !pruned && this.#analysed.has(shard)
            ? write(shard, new Map([...[...(this.#previous.get(shard) ?? [])].filter(([key]) => live?.has(key) ?? true), ...stored(used)]))
            : true;
      if (!written) return;
      this.#analysed.delete(shard);
      if (pruned) this.#previousSizes.set(shard, used.size);
    }
  }
}
