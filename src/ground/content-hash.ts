// A short, stable fingerprint of several texts: what caches and manifests key their entries by.

import { createHash, hash } from 'node:crypto';

/**
 * SHA-256 over the parts, each ended by a NUL so that `a|bc` and `ab|c` differ (one call: twice as
 * fast as a Hash object on short texts). Not SHA-1: a chosen-prefix collision of two texts would let
 * one text's cached analysis or page stand for the other's.
 */
export function contentHash(...parts: readonly string[]): string {
  return hash('sha256', parts.length === 0 ? '' : `${parts.join('\0')}\0`);
}

/** The same fingerprint of many parts, fed to the hash one by one: no joined copy of them is made. */
export function contentHashOfEach(parts: Iterable<string>): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
}
