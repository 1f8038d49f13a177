// A folder a command writes into, named by the user or a workflow, inside a repository whose
// content may come from a pull request: never reached through a link that leads out of it.

import path from 'node:path';
import { leavesThroughLink } from '../ground/contained-path.js';
import { UsageError } from '../ground/errors.js';
import { findRepositoryTop } from '../source/discover.js';

/** Throws a usage error when `folder` (relative to `cwd`) lies in the repository but a link on the way leads out of it. */
export function refuseFolderLeavingRepository(cwd: string, folder: string, what: string, named: 'folder' | 'file' = 'folder'): void {
  const repository = findRepositoryTop(cwd) ?? path.resolve(cwd);
  if (leavesThroughLink(repository, path.resolve(cwd, folder)))
    throw new UsageError(
      `${what} ${folder} leads out of the repository through a symbolic link (a pull request can commit one); name another ${named}.`,
    );
}
