// A DocRef checked against the file it names: only a path inside the metadata's folder, never a
// URL (nothing is fetched), and only when the DocRef gives the file's sha256.

import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EvidenceRecord } from './compliance-report.js';

export type DocumentStatus = NonNullable<EvidenceRecord['document']>['status'];

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The file a DocRef with a sha256 names, relative to the metadata's folder (`/`-separated); undefined for a URL, an absolute path or one that leaves the folder. */
export function checkablePath(document: Record<string, unknown>): string | undefined {
  const { url, sha256 } = document;
  if (typeof url !== 'string' || typeof sha256 !== 'string' || URL_SCHEME.test(url) || url.startsWith('/') || path.isAbsolute(url))
    return undefined;
  const file = path.posix.normalize(url.split('#')[0] ?? url);
  return file === '..' || file.startsWith('../') ? undefined : file;
}

/** Whether the bytes read (undefined: no such file) are the ones the DocRef's sha256 names. */
export function hashStatus(document: Record<string, unknown>, bytes: Buffer | undefined): DocumentStatus {
  return bytes !== undefined && createHash('sha256').update(bytes).digest('hex') === document.sha256 ? 'hash verified' : 'hash mismatch';
}
