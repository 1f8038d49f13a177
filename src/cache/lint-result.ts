// What a lint keeps beside its stamps (stamped-sources.ts) for the next run: its result, what the
// result was computed from, and the generation of the link to go on from. Kept in columns (owners as
// joined texts) rather than tens of thousands of small arrays, which V8 reads and writes ten times
// slower: every warm lint reads it.

import type { Diagnostic } from '../ground/diagnostics.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';

/** What a lint reports, as the cache keeps it: its problems, and what the reports count. */
export interface CachedResult {
  diagnostics: Diagnostic[];
  fileCount: number;
  /** Each entity's owning team (`ownedBy`), for the JSON report's per-owner counts. */
  owners: [string, string | undefined][];
}

/** A lint's result with what it depends on. */
export interface KeptLint {
  /** Everything but the files' contents that changes the result: Dossier, schemas, configuration, working directory. */
  context: string;
  /** The context and every file's content key: a run with the same key has the same result, whatever the stamps say. */
  key: string;
  result: CachedResult;
  /** The generation of the link cache that goes on from this result; undefined when none was kept. */
  link?: string | undefined;
}

interface StoredLint {
  context: string;
  key: string;
  diagnostics: Diagnostic[];
  fileCount: number;
  identities: TextColumn;
  /** Each entity's owner, '' for none. */
  owners: TextColumn;
  link?: string;
}

export function toStoredLint({ context, key, result, link }: KeptLint): StoredLint {
  return {
    context,
    key,
    diagnostics: result.diagnostics,
    fileCount: result.fileCount,
    identities: toTextColumn(result.owners.map(([identity]) => identity)),
    owners: toTextColumn(result.owners.map(([, owner]) => owner ?? '')),
    ...(link === undefined ? {} : { link }),
  };
}

/** The lint a stored one keeps; undefined when it is not one (another format, damaged, none). */
export function keptLintOf(value: unknown): KeptLint | undefined {
  const stored = value as Partial<StoredLint> | null | undefined;
  const identities = fromTextColumn(stored?.identities);
  const owners = fromTextColumn(stored?.owners);
  if (
    typeof stored?.context !== 'string' ||
    typeof stored.key !== 'string' ||
    !Array.isArray(stored.diagnostics) ||
    typeof stored.fileCount !== 'number' ||
    identities === undefined ||
    owners?.length !== identities.length
  )
    return undefined;
  return {
    context: stored.context,
    key: stored.key,
    result: {
      diagnostics: stored.diagnostics,
      fileCount: stored.fileCount,
      owners: identities.map((identity, index) => [identity, owners[index] === '' ? undefined : owners[index]]),
    },
    ...(typeof stored.link === 'string' ? { link: stored.link } : {}),
  };
}
