// The lint cache (`.dossier/cache/`): what each file parses and validates to, keyed by its path and
// content hash, and the whole result of the last run, keyed by everything that changes it. One file,
// written atomically; an entry from another Dossier version, a truncated or foreign file is ignored
// and rewritten, never trusted. Deleting the folder is always safe.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Relation } from '../catalog/catalog.js';
import type { Analysis } from '../compile/compile-sources.js';
import { writeFileAtomic } from '../ground/atomic-write.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import type { SourceText } from '../source/project-files.js';

const FORMAT = 1;
const FILE_NAME = 'lint-cache.bin';

/** A compile's outcome as the cache keeps it: enough to rebuild the Catalog without linking. */
export interface CachedResult {
  entities: Entity[];
  relations: Relation[];
  diagnostics: Diagnostic[];
  fileCount: number;
}

interface CacheFile {
  format: number;
  /** Dossier version, schemas and V8: a cache written under anything else is not read. */
  environment: string;
  files: Map<string, Analysis>;
  result?: { key: string; value: CachedResult };
}

function hash(...parts: readonly string[]): string {
  const digest = createHash('sha1');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
}

function isCacheFile(value: unknown, environment: string): value is CacheFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<CacheFile>;
  return candidate.format === FORMAT && candidate.environment === environment && candidate.files instanceof Map;
}

export class AnalysisCache {
  readonly #file: string;
  readonly #environment: string;
  readonly #previous: CacheFile | undefined;
  readonly #used = new Map<string, Analysis>();
  #result: CacheFile['result'];
  #changed = false;

  private constructor(file: string, environment: string, previous: CacheFile | undefined) {
    this.#file = file;
    this.#environment = environment;
    this.#previous = previous;
    this.#result = previous?.result;
  }

  /** Opens the cache in `dir`; whatever cannot be read as this version's cache counts as empty. */
  static open(dir: string, environment: string): AnalysisCache {
    const file = path.join(dir, FILE_NAME);
    let previous: CacheFile | undefined;
    try {
      const value: unknown = deserialize(readFileSync(file));
      if (isCacheFile(value, environment)) previous = value;
    } catch {
      previous = undefined;
    }
    return new AnalysisCache(file, environment, previous);
  }

  /** The key of a file's analysis: its path and content. */
  static keyOf(source: SourceText): string {
    return hash(source.file, source.text);
  }

  /** What the file with this key parses and validates to: from the cache when its content is unchanged. */
  analysisOf(key: string, analyze: () => Analysis): Analysis {
    let analysis = this.#previous?.files.get(key);
    if (analysis === undefined) {
      analysis = analyze();
      this.#changed = true;
    }
    this.#used.set(key, analysis);
    return analysis;
  }

  /** The last run's result, when it was computed from exactly this input. */
  result(key: string): CachedResult | undefined {
    return this.#result?.key === key ? this.#result.value : undefined;
  }

  storeResult(key: string, value: CachedResult): void {
    if (this.#result?.key === key) return;
    this.#result = { key, value };
    this.#changed = true;
  }

  /** Writes the cache when anything changed, keeping only the files of this run. */
  async save(): Promise<void> {
    const dropped = this.#previous !== undefined && this.#previous.files.size !== this.#used.size;
    if (!this.#changed && !dropped && this.#previous !== undefined) return;
    const content: CacheFile = {
      format: FORMAT,
      environment: this.#environment,
      files: this.#used,
      ...(this.#result === undefined ? {} : { result: this.#result }),
    };
    await writeFileAtomic(this.#file, serialize(content));
  }
}

/** A key over everything a whole compile depends on. */
export function resultKey(...parts: readonly string[]): string {
  return hash(...parts);
}
