// One cache file: a value serialized under the format and environment (Dossier version, schemas, V8)
// it was written for, signed with this machine's key (an HMAC over format, environment and content),
// written atomically. It is read back only when the signature holds and the value passes its check:
// a truncated, foreign, outdated or edited file counts as no cache at all, and nothing of it is
// deserialized before its signature is checked.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicSync } from '../ground/atomic-write.js';
import { machineKey } from '../ground/machine-key.js';

/** A cache file's parts. */
export interface CacheFile<T> {
  format: number;
  environment: string;
  content: T;
}

/** For content whose own decoding checks it (columns): anything but a primitive. */
export const isObject = (content: unknown): content is object => typeof content === 'object' && content !== null;

/** Bytes of the signature after the first line (`dossier-cache <format>`). */
export const CACHE_SIGNATURE_BYTES = 32;

const magic = (format: number) => Buffer.from(`dossier-cache ${format}\n`, 'latin1');

function signature(format: number, environment: string, payload: Uint8Array, key: string): Buffer {
  return createHmac('sha256', key).update(`${format}\n${environment}\n`).update(payload).digest();
}

/** A cache file's parts: a line with the format, the signature, then the serialized content. */
function cacheFileParts({ format, environment, content }: CacheFile<unknown>, key: string): Buffer[] {
  const payload = serialize(content);
  return [magic(format), signature(format, environment, payload, key), payload];
}

/** A cache file's bytes: a line with the format, the signature, then the serialized content. */
export function encodeCacheFile(file: CacheFile<unknown>, key: string = machineKey()): Buffer {
  return Buffer.concat(cacheFileParts(file, key));
}

/** The content of cache file bytes signed for this format and environment with this machine's key; undefined otherwise. */
export function decodeCacheFile(bytes: Uint8Array, format: number, environment: string): unknown {
  const line = magic(format);
  const header = line.length + CACHE_SIGNATURE_BYTES;
  if (bytes.length < header || !Buffer.from(bytes.subarray(0, line.length)).equals(line)) return undefined;
  const payload = bytes.subarray(header);
  const expected = signature(format, environment, payload, machineKey());
  if (!timingSafeEqual(bytes.subarray(line.length, header), expected)) return undefined;
  return deserialize(payload);
}

/** The content of a cache file, when it is one written under this format and environment and it passes `valid`. */
export function readCacheFile<T>(
  file: string,
  format: number,
  environment: string,
  valid: (content: unknown) => content is T,
): T | undefined {
  try {
    const content = decodeCacheFile(readFileSync(file), format, environment);
    return valid(content) ? content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically; false when it cannot be (a cache never fails the run). Synchronously:
 * a lint writes a few small files, and each step of an asynchronous write waited for the thread pool,
 * which cost a warm lint more than the writes themselves.
 */
export function writeCacheFile(file: string, format: number, environment: string, content: unknown): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // In its parts: joining them would copy the content, megabytes for a site's page state, once more.
    writeFileAtomicSync(file, cacheFileParts({ format, environment, content }, machineKey()));
    return true;
  } catch {
    return false;
  }
}
