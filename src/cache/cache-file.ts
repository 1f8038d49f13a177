// One cache file: a value serialized with the format and environment (Dossier version, schemas, V8)
// it was written under, written atomically; read back only when both match and the value passes
// its check, so that a truncated, foreign or outdated file counts as no cache at all.

import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicSync } from '../ground/atomic-write.js';

interface CacheFile<T> {
  format: number;
  environment: string;
  content: T;
}

/** For content whose own decoding checks it (columns): anything but a primitive. */
export const isObject = (content: unknown): content is object => typeof content === 'object' && content !== null;

/** The content of a cache file, when it is one written under this format and environment and it passes `valid`. */
export function readCacheFile<T>(
  file: string,
  format: number,
  environment: string,
  valid: (content: unknown) => content is T,
): T | undefined {
  try {
    const value: unknown = deserialize(readFileSync(file));
    if (typeof value !== 'object' || value === null) return undefined;
    const candidate = value as Partial<CacheFile<unknown>>;
    return candidate.format === format && candidate.environment === environment && valid(candidate.content) ? candidate.content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically; false when it cannot be (a cache never fails the run). Synchronously:
 * a lint writes a few small files, and each step of an asynchronous write waited for the thread pool
 * (a one-file change wrote its dozen files in 60 ms, now 15).
 */
export function writeCacheFile(file: string, format: number, environment: string, content: unknown): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomicSync(file, serialize({ format, environment, content } satisfies CacheFile<unknown>));
    return true;
  } catch {
    return false;
  }
}
