// `--at <rev|date>`: the commit a time-travelling command reads. A revision is taken as it is; a
// date means the last commit on the first-parent line of HEAD at or before the end of that day.

import type { SimpleGit } from 'simple-git';
import { UsageError } from '../ground/errors.js';
import { flagCommit, type Revision } from './read-revision.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether a flag's value is a date that exists (YYYY-MM-DD, with a time and zone or without).
 * Anything else is taken as a revision; git's own date parser would read 2024-02-30 as "now".
 */
export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const part = (group: number) => Number(match[group] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const offset = /^[+-](\d{2}):?(\d{2})$/.exec(match[7] ?? '+00:00');
  const validOffset = offset !== null && Number(offset[1]) <= 14 && Number(offset[2]) < 60;
  return (
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    part(4) < 24 &&
    part(5) < 60 &&
    part(6) < 60 &&
    (match[7] === 'Z' || validOffset)
  );
}

/** A date as the upper end of a range for git: a bare date includes the whole day. */
export function upToDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} 23:59:59` : date;
}

/** A date as the lower end of a range for git: a bare date includes the whole day (git would start it at the time of day it runs). */
export function fromDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} 00:00:00` : date;
}

export async function resolveAt(git: SimpleGit, at: string): Promise<Revision> {
  if (!isDate(at)) return { ref: at, sha: await flagCommit(git, '--at', at) };
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
