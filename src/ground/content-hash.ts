// A short, stable fingerprint of several texts: what caches and manifests key their entries by.

import { createHash } from 'node:crypto';

/** SHA-1 over the parts, each ended by a NUL so that `a|bc` and `ab|c` differ. */
export function contentHash(...parts: readonly string[]): string {
  const digest = createHash('sha1');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
}
