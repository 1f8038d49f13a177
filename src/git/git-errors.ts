// Git problems that stop a diff, a history or a time travel: no repository, a missing ref (usually a
// shallow clone), or no common history.

import { UsageError } from '../ground/errors.js';

export class GitRefError extends UsageError {}

export function missingRefError(ref: string): GitRefError {
  const remoteBranch = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(ref);
  const fetch = remoteBranch ? `git fetch --no-tags ${remoteBranch[1]} ${remoteBranch[2]}` : `git fetch --no-tags origin ${ref}`;
  return new GitRefError(
    `The base ref \`${ref}\` is not in this clone. Fetch it first: \`${fetch}\` (in GitHub Actions, a checkout with \`fetch-depth: 0\` has it).`,
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
