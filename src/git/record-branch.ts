// The branch a recording is committed on, prepared in a worktree of its own: the user's working
// tree and checked-out branch are never touched, and a commit that could not be pushed stays on
// the local branch.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { simpleGit } from 'simple-git';
import { UsageError } from '../ground/errors.js';
import { commitOf, repositoryTop } from './read-revision.js';

export interface RecordBranch {
  /** The branch, e.g. `dossier/record/fraud-detector-4.0.0`. */
  name: string;
  /** The branch the pull request goes into. */
  base: string;
  /** Folder of the worktree: the repository at the branch's tip. */
  dir: string;
  /** git in the worktree. */
  git: SimpleGit;
  /** The commit the worktree started from. */
  startSha: string;
}

const REMOTE = 'origin';

async function firstLine(promise: Promise<string>): Promise<string> {
  try {
    return (await promise).trim().split('\n')[0] ?? '';
  } catch {
    return '';
  }
}

/** Why --pr cannot run here, before anything is changed: not a repository, no remote, uncommitted edits. */
export async function checkRecordable(dir: string): Promise<{ git: SimpleGit; top: string }> {
  const git = simpleGit({ baseDir: dir });
  if (!(await git.checkIsRepo().catch(() => false)))
    throw new UsageError(`${dir} is not a git repository: --pr commits the record and pushes it. Record without --pr, or run in a clone.`);
  const top = await repositoryTop(git);
  const remotes = await git.getRemotes(false);
  if (!remotes.some((remote) => remote.name === REMOTE))
    throw new UsageError(
      `This repository has no remote \`${REMOTE}\` to push the record to. Add it (git remote add origin <url>), or record without --pr.`,
    );
  const dirty = await git.raw(['status', '--porcelain', '--untracked-files=no']);
  if (dirty.trim() !== '')
    throw new UsageError(
      `The working tree has uncommitted changes:\n${dirty.trimEnd()}\n--pr records on a branch of its own; commit or stash these first (nothing was changed).`,
    );
  return { git, top };
}

/** The branch pull requests go into: --base, else the remote's default branch, else the current branch. */
export async function baseBranch(git: SimpleGit, base: string | undefined): Promise<string> {
  if (base !== undefined) return base;
  const remoteHead = await firstLine(git.raw(['symbolic-ref', '--quiet', `refs/remotes/${REMOTE}/HEAD`]));
  if (remoteHead !== '') return remoteHead.replace(`refs/remotes/${REMOTE}/`, '');
  const current = await firstLine(git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']));
  if (current !== '') return current;
  throw new UsageError(
    `HEAD is detached and ${REMOTE} names no default branch: pass --base <branch> to say which branch the pull request goes into.`,
  );
}

/** Fetches and opens a worktree on the record branch: where it was left (locally or on the remote), or new from the base. */
export async function openRecordBranch(git: SimpleGit, name: string, base: string): Promise<RecordBranch> {
  try {
    await git.fetch(REMOTE, base);
  } catch (error) {
    throw new UsageError(
      `Cannot fetch \`${base}\` from ${REMOTE}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
    );
  }
  await git.fetch(REMOTE, name).catch(() => undefined);
  const local = await commitOf(git, `refs/heads/${name}`);
  const remote = await commitOf(git, `refs/remotes/${REMOTE}/${name}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'dossier-record-'));
  if (local !== undefined) await git.raw(['worktree', 'add', dir, name]);
  else await git.raw(['worktree', 'add', '-b', name, dir, remote === undefined ? `${REMOTE}/${base}` : `${REMOTE}/${name}`]);
  const worktree = simpleGit({ baseDir: dir });
  return { name, base, dir, git: worktree, startSha: (await worktree.revparse(['HEAD'])).trim() };
}

/** Commits everything in the worktree; undefined when there was nothing to commit. */
export async function commitRecord(branch: RecordBranch, message: string, author: string | undefined): Promise<string | undefined> {
  await branch.git.raw(['add', '-A']);
  if ((await branch.git.raw(['status', '--porcelain'])).trim() === '') return undefined;
  // A CI machine often has no git identity; the author then commits too.
  const configured = (await firstLine(branch.git.raw(['config', 'user.email']))) !== '';
  const identity = /^(.*?)\s*<([^>]+)>$/.exec(author ?? '');
  const authorName = identity?.[1] === undefined || identity[1] === '' ? 'dossier record' : identity[1];
  const committer = configured
    ? []
    : ['-c', `user.name=${authorName}`, '-c', `user.email=${identity?.[2] ?? 'dossier-record@users.noreply.github.com'}`];
  await branch.git.raw([...committer, 'commit', '-q', '-m', message, ...(author === undefined ? [] : [`--author=${author}`])]);
  return (await branch.git.revparse(['HEAD'])).trim();
}

/** Pushes the branch; when the remote moved on, rebases once on it and pushes again. */
export async function pushRecord(branch: RecordBranch): Promise<void> {
  try {
    await branch.git.push(REMOTE, branch.name);
    return;
  } catch {
    await branch.git.fetch(REMOTE, branch.name).catch(() => undefined);
  }
  await branch.git.raw(['rebase', `${REMOTE}/${branch.name}`]).catch(async (error: unknown) => {
    await branch.git.raw(['rebase', '--abort']).catch(() => undefined);
    throw error;
  });
  await branch.git.push(REMOTE, branch.name);
}

/** Removes the worktree; the branch and its commits stay in the repository. */
export async function closeRecordBranch(git: SimpleGit, branch: RecordBranch): Promise<void> {
  await git.raw(['worktree', 'remove', '--force', branch.dir]).catch(() => undefined);
  await rm(branch.dir, { recursive: true, force: true });
}
