// One cache file: a value serialized with the format and environment (Dossier version, schemas, V8)
// it was written under, written atomically; read back only when both match and the value passes
// its check, so that a truncated, foreign or outdated file counts as no cache at all.

import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../ground/atomic-write.js';

interface CacheFile<T> {
  format: number;
  environment: string;
  content: T;
}

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

export function writeCacheFile(file: string, format: number, environment: string, content: unknown): Promise<void> {
  return writeFileAtomic(file, serialize({ format, environment, content } satisfies CacheFile<unknown>));
}
