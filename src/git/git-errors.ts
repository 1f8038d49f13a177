// Git problems that stop a diff, a history or a time travel: no repository, a missing ref (usually a
// shallow clone), or no common history.

import { UsageError } from '../ground/errors.js';

export class GitRefError extends UsageError {}

/** A ref that can go into a suggested shell command as it is: no quoting, no option, no shell syntax. */
const PLAIN_REF = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

export function missingRefError(ref: string): GitRefError {
  // A hostile ref (`main; curl ...`) is never put into a command the user may paste.
  if (!PLAIN_REF.test(ref))
    return new GitRefError(
      `The base ref \`${JSON.stringify(ref).slice(1, -1)}\` is not in this clone. Check the name (a branch, tag or commit), then fetch it.`,
    );
  const remoteBranch = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(ref);
  const fetch = remoteBranch ? `git fetch --no-tags ${remoteBranch[1]} ${remoteBranch[2]}` : `git fetch --no-tags origin ${ref}`;
  return new GitRefError(
    `The base ref \`${ref}\` is not in this clone. Fetch it first: \`${fetch}\` (in GitHub Actions, a checkout with \`fetch-depth: 0\` has it).`,
  );
}

/** A revision a flag gave (`--rev`, `--since`, `--at`...) that names no commit here, or is not a revision at all. */
export function unknownRevisionError(flag: string, value: string): GitRefError {
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
    'This folder is not in a git repository: `dossier diff`, `log`, `audit` and `--at` read the metadata from git. Run it in a clone of the metadata repository.',
  );
}
