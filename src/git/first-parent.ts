// The commits of the first-parent line of a revision that touch the metadata, newest first, with
// what a history needs of each: date, author, subject and first parent.

import type { SimpleGit } from 'simple-git';
import { UsageError } from '../ground/errors.js';
import { upToDate } from './resolve-at.js';

export interface HistoryCommit {
  sha: string;
  /** The first parent, compared with for a merge too; undefined for a root commit. */
  parent: string | undefined;
  /** ISO 8601 author date. */
  date: string;
  author: string;
  subject: string;
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
}

const FIELD = '\u001f';
const DATE = /^\d{4}-\d{2}-\d{2}/;

export async function firstParentCommits(git: SimpleGit, range: CommitRange): Promise<HistoryCommit[]> {
  const args = ['log', '--first-parent', `--format=%H${FIELD}%P${FIELD}%aI${FIELD}%an${FIELD}%s`];
  let rev = range.rev;
  if (range.until !== undefined) {
    if (DATE.test(range.until)) args.push(`--until=${upToDate(range.until)}`);
    else rev = range.until;
  }
  if (range.since !== undefined) {
    if (DATE.test(range.since)) args.push(`--since=${range.since}`);
    else rev = `${range.since}..${rev}`;
  }
  if (range.maxCount !== undefined) args.push(`--max-count=${range.maxCount}`);
  let output: string;
  try {
    // Paths are relative to the repository's top, wherever git runs from.
    output = await git.raw([
      ...args,
      rev,
      '--',
      ...(range.paths.length === 0 ? ['.'] : range.paths).map((p) => (p === '.' ? ':(top)' : `:(top)${p}`)),
    ]);
  } catch (error) {
    throw new UsageError(
      `Cannot read the history of \`${rev}\`: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
    );
  }
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [sha = '', parents = '', date = '', author = '', subject = ''] = line.split(FIELD);
      const parent = parents.split(' ')[0];
      return { sha, parent: parent === '' ? undefined : parent, date, author, subject };
    });
}

/** Where the history of a shallow clone stops, if it does. */
export async function shallowBoundary(git: SimpleGit): Promise<string | undefined> {
  const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
  if (!shallow) return undefined;
  const root = (await git.raw(['rev-list', '--max-parents=0', '--first-parent', 'HEAD'])).trim().split('\n').pop();
  return root === undefined || root === '' ? undefined : root;
}
