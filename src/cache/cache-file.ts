// One cache file: a value serialized with the format and environment (Dossier version, schemas, V8,
// this machine's key) it was written under, written atomically; read back only when both match and
// the value passes its check, so that a truncated, foreign or outdated file counts as no cache at all.
// The format and environment head the file as text, so a file written anywhere else is turned away
// before a byte of it is deserialized.

import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicSync } from '../ground/atomic-write.js';

/** For content whose own decoding checks it (columns): anything but a primitive. */
export const isObject = (content: unknown): content is object => typeof content === 'object' && content !== null;

/** A cache file's parts. */
export interface CacheFile<T> {
  format: number;
  environment: string;
  content: T;
}

function header(format: number, environment: string): Buffer {
  return Buffer.from(`dossier-cache ${format} ${environment}\n`, 'latin1');
}

/** A cache file's bytes: the header line the reader checks, then the serialized content. */
export function encodeCacheFile({ format, environment, content }: CacheFile<unknown>): Buffer {
  return Buffer.concat([header(format, environment), serialize(content)]);
}

/** A cache file's parts, whatever its environment (for looking into one, as tests do); undefined when it is none. */
export function decodeCacheFile(bytes: Uint8Array): CacheFile<unknown> | undefined {
  const end = bytes.indexOf(0x0a);
  const match = /^dossier-cache (\d+) (.*)$/.exec(Buffer.from(bytes.subarray(0, Math.max(end, 0))).toString('latin1'));
  if (end < 0 || match === null) return undefined;
  return { format: Number(match[1]), environment: match[2] ?? '', content: deserialize(bytes.subarray(end + 1)) };
}

/** The content of a cache file, when it is one written under this format and environment and it passes `valid`. */
export function readCacheFile<T>(
  file: string,
  format: number,
  environment: string,
  valid: (content: unknown) => content is T,
): T | undefined {
  try {
    const bytes = readFileSync(file);
    const expected = header(format, environment);
    if (bytes.length < expected.length || !bytes.subarray(0, expected.length).equals(expected)) return undefined;
    const content: unknown = deserialize(bytes.subarray(expected.length));
    return valid(content) ? content : undefined;
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
    writeFileAtomicSync(file, encodeCacheFile({ format, environment, content }));
    return true;
  } catch {
    return false;
  }
}
