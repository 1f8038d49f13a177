// `--at <rev|date>`: the commit a time-travelling command reads. A revision is taken as it is; a
// date means the last commit on the first-parent line of HEAD at or before the end of that day.

import type { SimpleGit } from 'simple-git';
import { UsageError } from '../ground/errors.js';
import { flagCommit, type Revision } from './read-revision.js';

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date as the upper end of a range for git: a bare date includes the whole day. */
export function upToDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} 23:59:59` : date;
}

export async function resolveAt(git: SimpleGit, at: string): Promise<Revision> {
  if (!DATE.test(at)) return { ref: at, sha: await flagCommit(git, '--at', at) };
  const before = upToDate(at);
  const sha = (await git.raw(['rev-list', '--first-parent', '-1', `--before=${before}`, 'HEAD'])).trim();
  if (sha === '') {
    const first = (await git.raw(['log', '--first-parent', '--reverse', '--format=%cs', 'HEAD'])).split('\n')[0] ?? '';
    throw new UsageError(`There is no commit at or before ${at}: the history of this clone starts on ${first}${await shallowNote(git)}.`);
  }
  return { ref: at, sha };
}

async function shallowNote(git: SimpleGit): Promise<string> {
  const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
  return shallow ? ' (a shallow clone: `git fetch --unshallow` brings the rest)' : '';
}
