// Git problems that stop a diff, a history or a time travel: no repository, a missing ref (usually a
// shallow clone), or no common history.

import { UsageError } from '../ground/errors.js';

export class GitRefError extends UsageError {}

/** A ref that can go into a suggested shell command as it is: no quoting, no option, no shell syntax. */
const PLAIN_REF = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

/**
 * The base (or head) ref is not here. The fetch suggested names a remote this repository has (`origin/main` →
 * `git fetch --no-tags origin main`; `main` → from `origin`, else its only remote); with none, there
 * is nothing to fetch from and no fetch is suggested.
 */
export function missingRefError(ref: string, remotes: readonly string[], side: 'base' | 'head' = 'base'): GitRefError {
  // A hostile ref (`main; curl ...`) is never put into a command the user may paste.
  if (!PLAIN_REF.test(ref))
    return new GitRefError(
      `The ${side} ref \`${JSON.stringify(ref).slice(1, -1)}\` is not in this clone. Check the name (a branch, tag or commit), then fetch it.`,
    );
  const [, remote, branch] = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(ref) ?? [];
  const from = remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined;
  const fetch =
    remote !== undefined && remotes.includes(remote)
      ? `git fetch --no-tags ${remote} ${branch ?? ''}`
      : from !== undefined
        ? `git fetch --no-tags ${from} ${ref}`
        : undefined;
  if (fetch === undefined)
    return new GitRefError(
      `The ${side} ref \`${ref}\` is not in this clone${remotes.length === 0 ? ', which has no remote to fetch it from' : ''}. Check the name (\`git branch -a\` lists the branches), or give a commit.`,
    );
  return new GitRefError(
    `The ${side} ref \`${ref}\` is not in this clone. Fetch it first: \`${fetch}\` (in GitHub Actions, a checkout with \`fetch-depth: 0\` has it).`,
  );
}

/** A revision a flag gave (`--rev`, `--since`, `--at`...) that names no commit here, or is not a revision at all. */
export function unknownRevisionError(flag: string, value: string): GitRefError {
  // Written as a date but no day of the calendar (2024-02-30), and no branch of that name either.
  if (/^\d{4}-\d{2}-\d{2}/.test(value))
    return new GitRefError(
      `\`${flag} ${value}\` is not a date, nor a revision of this clone: write a day that exists as YYYY-MM-DD, optionally with a time (2024-06-30T18:00:00Z).`,
    );
  return new GitRefError(
    `\`${flag} ${value}\` names no commit in this clone; give a revision (a branch, tag or commit) or a date (YYYY-MM-DD).`,
  );
}

export function noMergeBaseError(base: string, head: string): GitRefError {
  return new GitRefError(
    `\`${base}\` and \`${head}\` have no common commit in this clone, probably because it is shallow. Run \`git fetch --unshallow\`, or check out with \`fetch-depth: 0\`.`,
  );
}

export function notARepositoryError(): GitRefError {
  return new GitRefError(
    'This folder is not in a git repository: `dossier diff`, `log`, `audit`, `compliance` and `--at` read the metadata from git. Run it in a clone of the metadata repository.',
  );
}
