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
  /** What the branch may change; checked again when the remote branch moved on. */
  recordFiles: RecordFiles;
}

const REMOTE = 'origin';

/** The last line of every commit Dossier makes on a record branch. */
export const RECORD_TRAILER = 'Recorded by dossier record.';

/** Whether a file (a path from the repository's top) is one a record may write: a metadata file, never the configuration or a workflow. */
export type RecordFiles = (repoPath: string) => boolean;

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

/**
 * A branch name as git takes it, checked before it reaches any git command: never an option
 * (`--depth=1`), a refspec (`+main:refs/x`) or a shorthand git expands (`@{-1}`); else a usage error
 * that names `what` it is.
 */
export async function checkBranchName(git: SimpleGit, name: string, what: string): Promise<string> {
  const valid =
    !name.startsWith('-') && !name.includes('@{') && (await firstLine(git.raw(['check-ref-format', '--branch', name]))) === name;
  if (!valid)
    throw new UsageError(
      `${what} \`${JSON.stringify(name).slice(1, -1)}\` is not a valid branch name (see \`git check-ref-format --branch\`): no leading \`-\`, no \`..\`, \`:\`, \`@{\`, spaces or a \`.lock\` ending. Nothing was changed.`,
    );
  return name;
}

/** The branch pull requests go into: --base, else the remote's default branch, else the current branch. */
export async function baseBranch(git: SimpleGit, base: string | undefined): Promise<string> {
  if (base !== undefined) return checkBranchName(git, base, 'The base branch');
  const remoteHead = await firstLine(git.raw(['symbolic-ref', '--quiet', `refs/remotes/${REMOTE}/HEAD`]));
  if (remoteHead !== '') return remoteHead.replace(`refs/remotes/${REMOTE}/`, '');
  const current = await firstLine(git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']));
  if (current !== '') return current;
  throw new UsageError(
    `HEAD is detached and ${REMOTE} names no default branch: pass --base <branch> to say which branch the pull request goes into.`,
  );
}

/** Fetches a branch of the remote into its remote-tracking ref; options end before the remote. */
async function fetchBranch(git: SimpleGit, branch: string): Promise<void> {
  await git.raw(['fetch', '--quiet', '--end-of-options', REMOTE, `+refs/heads/${branch}:refs/remotes/${REMOTE}/${branch}`]);
}

/** Every file that differs between the base and a commit of the record branch (from their merge base), as git names it from the top. */
export async function branchFiles(git: SimpleGit, base: string, tip: string): Promise<string[]> {
  const output = await git.raw(['diff', '--name-only', '-z', '--no-renames', '--end-of-options', `${REMOTE}/${base}...${tip}`]);
  return output.split('\0').filter((file) => file !== '');
}

/**
 * Refuses a record branch that holds what Dossier did not write there: a commit without its
 * trailer, or a change to a file a record never writes (a workflow, the configuration). Its pull
 * request would otherwise carry it under a title and body about the metadata only.
 */
async function refuseForeignCommits(git: SimpleGit, name: string, base: string, tip: string, recordFiles: RecordFiles): Promise<void> {
  const foreign = (
    await git.raw([
      'rev-list',
      '--fixed-strings',
      '--invert-grep',
      `--grep=${RECORD_TRAILER}`,
      '--end-of-options',
      `${REMOTE}/${base}..${tip}`,
    ])
  )
    .split('\n')
    .filter((sha) => sha !== '');
  const outside = (await branchFiles(git, base, tip)).filter((file) => !recordFiles(file));
  if (foreign.length === 0 && outside.length === 0) return;
  const problems = [
    ...(foreign.length === 0 ? [] : [`commits Dossier did not make (${foreign.map((sha) => sha.slice(0, 10)).join(', ')})`]),
    ...(outside.length === 0 ? [] : [`changes to files a record never writes (${outside.map((file) => JSON.stringify(file)).join(', ')})`]),
  ];
  throw new UsageError(
    `Branch ${name} holds ${problems.join(' and ')}: its pull request would carry them under a record's title. Review them, then merge them elsewhere or delete the branch (\`git push ${REMOTE} --delete ${name}\` and \`git branch -D ${name}\`), and record again. Nothing was changed.`,
  );
}

/**
 * Fetches and opens a worktree on the record branch: where it was left (locally or on the remote), or
 * new from the base. A branch holding commits Dossier did not make is refused before anything is changed.
 */
export async function openRecordBranch(git: SimpleGit, name: string, base: string, recordFiles: RecordFiles): Promise<RecordBranch> {
  await checkBranchName(git, name, 'The record branch');
  try {
    await fetchBranch(git, base);
  } catch (error) {
    throw new UsageError(
      `Cannot fetch \`${base}\` from ${REMOTE}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`,
    );
  }
  await fetchBranch(git, name).catch(() => undefined);
  const local = await commitOf(git, `refs/heads/${name}`);
  const remote = await commitOf(git, `refs/remotes/${REMOTE}/${name}`);
  for (const tip of new Set([local, remote])) if (tip !== undefined) await refuseForeignCommits(git, name, base, tip, recordFiles);
  const dir = await mkdtemp(path.join(tmpdir(), 'dossier-record-'));
  try {
    if (local !== undefined) await git.raw(['worktree', 'add', '--end-of-options', dir, name]);
    else
      await git.raw([
        'worktree',
        'add',
        '-b',
        name,
        '--end-of-options',
        dir,
        remote === undefined ? `${REMOTE}/${base}` : `${REMOTE}/${name}`,
      ]);
  } catch (error) {
    // A worktree that could not be made leaves no temporary folder behind.
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const worktree = simpleGit({ baseDir: dir });
  return { name, base, dir, git: worktree, startSha: (await worktree.revparse(['HEAD'])).trim(), recordFiles };
}

/** Commits everything in the worktree, the message ending with RECORD_TRAILER; undefined when there was nothing to commit. */
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
  await branch.git.raw([
    ...committer,
    'commit',
    '-q',
    '-m',
    `${message}\n\n${RECORD_TRAILER}`,
    ...(author === undefined ? [] : [`--author=${author}`]),
  ]);
  return (await branch.git.revparse(['HEAD'])).trim();
}

/** Pushes the branch; when the remote moved on (with Dossier's commits only), rebases once on it and pushes again. */
export async function pushRecord(branch: RecordBranch): Promise<void> {
  const push = () => branch.git.raw(['push', '--quiet', '--end-of-options', REMOTE, `refs/heads/${branch.name}:refs/heads/${branch.name}`]);
  try {
    await push();
    return;
  } catch {
    await fetchBranch(branch.git, branch.name).catch(() => undefined);
  }
  const moved = await commitOf(branch.git, `refs/remotes/${REMOTE}/${branch.name}`);
  if (moved !== undefined) await refuseForeignCommits(branch.git, branch.name, branch.base, moved, branch.recordFiles);
  await branch.git.raw(['rebase', '--end-of-options', `${REMOTE}/${branch.name}`]).catch(async (error: unknown) => {
    await branch.git.raw(['rebase', '--abort']).catch(() => undefined);
    throw error;
  });
  await push();
}

/** Removes the worktree; the branch and its commits stay in the repository. */
export async function closeRecordBranch(git: SimpleGit, branch: RecordBranch): Promise<void> {
  await git.raw(['worktree', 'remove', '--force', branch.dir]).catch(() => undefined);
  await rm(branch.dir, { recursive: true, force: true });
}
