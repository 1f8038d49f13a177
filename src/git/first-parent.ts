// The commits of the first-parent line of a revision that touch the metadata, newest first, with
// what a history needs of each: date, author, subject and first parent.

import type { SimpleGit } from 'simple-git';
import { flagCommit, gitBytes, gitIn } from './read-revision.js';
import { UsageError } from '../ground/errors.js';
import { fromDate, isDate, upToDate } from './resolve-at.js';

export interface HistoryCommit {
  sha: string;
  /** The first parent, compared with for a merge too; undefined for a root commit. */
  parent: string | undefined;
  /**
   * ISO 8601 committer date: when the commit entered the history (a rebased or merged change keeps
   * an older author date). `--at`, `--since` and `--until` read the same date.
   */
  date: string;
  author: string;
  subject: string;
  /** The files the commit changed against its first parent, when the walk asked for them (`withChanges`). */
  changes?: TreeChange[];
}

/** A file a commit added, modified or deleted (no rename detection: a move is a delete and an add). */
export interface TreeChange {
  /** Path relative to the repository's top. */
  path: string;
  /** The blob after the change; undefined when the file was deleted. */
  blob: string | undefined;
  /** The file mode after the change (120000: a symbolic link). */
  mode: string;
}

export interface CommitRange {
  /** The newest commit: a revision (default HEAD). */
  rev: string;
  /** A date (YYYY-MM-DD...) or a revision: only commits after it. */
  since?: string | undefined;
  /** A date or a revision: only commits up to it. */
  until?: string | undefined;
  maxCount?: number | undefined;
  /** Paths relative to the repository's top whose changes count; all of it when empty. */
  paths: readonly string[];
  /** Also list each commit's changed files under `paths` (one `git log --raw`, not a process per commit). */
  withChanges?: boolean;
}

const FIELD = '\u001f';

const RECORD = 0x1e;

export async function firstParentCommits(top: string, range: CommitRange): Promise<HistoryCommit[]> {
  const args = ['log', '--first-parent', `--format=%x1e%H${FIELD}%P${FIELD}%cI${FIELD}%an${FIELD}%s`];
  // Submodules are not metadata, and a .gitmodules git cannot read (a hostile `update`) would fail the whole log.
  if (range.withChanges === true)
    args.push('--raw', '-r', '-z', '--no-renames', '--no-abbrev', '--diff-merges=first-parent', '--ignore-submodules=all');
  // Revisions are resolved to commits first and dates go in one `--since=<date>` token: no value the
  // user gave can reach git log as an option (`--rev=--output=x` would make it write a file).
  const git = gitIn(top);
  let rev = await flagCommit(git, '--rev', range.rev);
  if (range.until !== undefined) {
    if (isDate(range.until)) args.push(`--until=${upToDate(range.until)}`);
    else rev = await flagCommit(git, '--until', range.until);
  }
  if (range.since !== undefined) {
    if (isDate(range.since)) args.push(`--since=${fromDate(range.since)}`);
    else rev = `${await flagCommit(git, '--since', range.since)}..${rev}`;
  }
  if (range.maxCount !== undefined) args.push(`--max-count=${range.maxCount}`);
  let output: Buffer;
  try {
    // Paths are relative to the repository's top, wherever git runs from.
    output = await gitBytes(top, [
      ...args,
      '--end-of-options',
      rev,
      '--',
      ...(range.paths.length === 0 ? ['.'] : range.paths).map((p) => (p === '.' ? ':(top)' : `:(top)${p}`)),
    ]);
  } catch (error) {
    throw new UsageError(
      `Cannot read the history of \`${range.rev}\`: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
    );
  }
  const commits: HistoryCommit[] = [];
  let offset = output.indexOf(RECORD);
  while (offset !== -1) {
    const next = output.indexOf(RECORD, offset + 1);
    const end = next === -1 ? output.length : next;
    // The header ends at the line's end, or at the NUL that -z puts after it.
    let headerEnd = output.indexOf(range.withChanges === true ? 0 : 10, offset);
    if (headerEnd === -1 || headerEnd > end) headerEnd = end;
    const [sha = '', parents = '', date = '', author = '', subject = ''] = output
      .toString('utf8', offset + 1, headerEnd)
      .trim()
      .split(FIELD);
    const parent = parents.split(' ')[0];
    const commit: HistoryCommit = { sha, parent: parent === '' ? undefined : parent, date, author, subject };
    if (range.withChanges === true) commit.changes = parseRawChanges(output, headerEnd + 1, end);
    commits.push(commit);
    offset = next;
  }
  return commits;
}

/** `git log --raw -z` (and `git diff-tree -z`) entries: `:<old mode> <new mode> <old blob> <new blob> <status>` NUL `<path>` NUL. */
export function parseRawChanges(output: Buffer, start: number, end: number): TreeChange[] {
  const changes: TreeChange[] = [];
  let offset = start;
  for (;;) {
    while (offset < end && output[offset] === 10) offset++;
    if (offset >= end || output[offset] !== 0x3a) return changes;
    const metaEnd = output.indexOf(0, offset);
    const pathEnd = output.indexOf(0, metaEnd + 1);
    if (metaEnd === -1 || pathEnd === -1 || pathEnd > end) return changes;
    const [, mode = '', , blob = '', status = ''] = output.toString('latin1', offset + 1, metaEnd).split(' ');
    changes.push({ path: output.toString('utf8', metaEnd + 1, pathEnd), blob: status.startsWith('D') ? undefined : blob, mode });
    offset = pathEnd + 1;
  }
}

/** Where the history of a shallow clone stops, if it does. */
export async function shallowBoundary(git: SimpleGit): Promise<string | undefined> {
  const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
  if (!shallow) return undefined;
  const root = (await git.raw(['rev-list', '--max-parents=0', '--first-parent', 'HEAD'])).trim().split('\n').pop();
  return root === undefined || root === '' ? undefined : root;
}
