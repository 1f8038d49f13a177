// `dossier record --pr`: the record committed on a branch of its own (in a worktree, so the user's
// checkout is never touched), pushed, and its pull request opened or updated with the diff as body.
// A failure after the commit leaves the branch in the repository and says how to push it.

import path from 'node:path';
import { defaultConfig, type DossierConfig } from '../config/load-config.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { commitOf } from '../git/read-revision.js';
import {
  baseBranch,
  branchFiles,
  checkRecordable,
  closeRecordBranch,
  commitRecord,
  openRecordBranch,
  pushRecord,
  type RecordFiles,
} from '../git/record-branch.js';
import { createGitHubClient, httpStatus } from '../github/client.js';
import { upsertPullRequest, type PullRequestOutcome } from '../github/pull-request.js';
import { ServiceError, UsageError } from '../ground/errors.js';
import { pathSegment } from '../ground/path-segment.js';
import { codeSpan } from '../ground/markdown-safety.js';
import { createFileSelector } from '../source/file-selection.js';
import type { Entity } from '../model/entity.js';
import { inputProblems, readRecordInput } from '../record/record-input.js';
import { diffProject } from './diff-project.js';
import { resolveProjectConfig } from './project.js';
import { noRecord, recordEntities, recordFailed, type RecordOptions, type RecordResult } from './record-entities.js';

export interface RecordPullRequestOptions extends Omit<RecordOptions, 'dryRun'> {
  /** The branch the pull request goes into; default: the remote's default branch. */
  base?: string | undefined;
  /** Commit author, `Name <email>`. */
  author?: string | undefined;
  /** Added to record.labels and record.reviewers of dossier.yaml. */
  labels: readonly string[];
  reviewers: readonly string[];
  github: { token?: string | undefined; owner?: string | undefined; repo?: string | undefined; apiUrl?: string | undefined };
  retryBaseMs?: number | undefined;
  warn: (message: string) => void;
}

export interface RecordPullRequestOutcome {
  record: RecordResult;
  /** What happened to the branch and the pull request, for the user. */
  message?: string;
  /** Whether something went wrong after the record itself succeeded (push, pull request). */
  failed: boolean;
  branch?: string;
  pullRequest?: PullRequestOutcome;
}

/** What the recording is named by: the model version it records (else its first entity). */
function recordName(entities: readonly Entity[]): { slug: string; title: string } {
  const version = entities.find((entity) => entity.kind === 'ModelVersion') ?? entities[0];
  if (version === undefined) return { slug: 'record', title: 'Record metadata' };
  const model =
    typeof version.spec.model === 'string'
      ? (version.spec.model
          .replace(/^model:/, '')
          .split('/')
          .pop() ?? version.name)
      : version.name;
  const label = version.kind === 'ModelVersion' ? `${model} ${version.version ?? ''}`.trim() : version.name;
  return {
    slug: pathSegment(`${model}${version.version === undefined ? '' : `-${version.version}`}`),
    title: `Record ${label}`,
  };
}

/** The configuration at the same place in the worktree as in the user's checkout. */
function configIn(worktree: string, top: string, config: DossierConfig, cwd: string): DossierConfig {
  if (config.configFile === undefined) return defaultConfig(path.join(worktree, path.relative(top, config.rootDir)));
  return resolveProjectConfig(path.join(worktree, path.relative(top, cwd)), [], path.join(worktree, path.relative(top, config.configFile)));
}

/**
 * The files a record may change, from the repository's top: metadata files as the configuration
 * selects them, never dossier.yaml itself nor anything under `.github/`.
 */
function recordFilesOf(config: DossierConfig, top: string): RecordFiles {
  const selects = createFileSelector(config, new Map());
  const posix = (file: string) => file.split(path.sep).join('/');
  const root = posix(path.relative(top, config.rootDir));
  const configFile = config.configFile === undefined ? undefined : posix(path.relative(top, config.configFile));
  return (repoPath) => {
    const inRoot = root === '' ? repoPath : repoPath.startsWith(`${root}/`) ? repoPath.slice(root.length + 1) : undefined;
    return inRoot !== undefined && repoPath !== configFile && !repoPath.split('/').includes('.github') && selects(inRoot);
  };
}

/** The pull request's body: the semantic diff, then every file the branch changes, so that nothing rides along unseen. */
function pullRequestBody(diffMarkdown: string, files: readonly string[]): string {
  const list = files.map((file) => `- ${codeSpan(file)}`).join('\n');
  return `${diffMarkdown}\n**Files changed on this branch (${files.length}):**\n\n${list}\n`;
}

export async function recordPullRequest(options: RecordPullRequestOptions): Promise<RecordPullRequestOutcome> {
  const { github, config } = options;
  if (github.token === undefined)
    throw new UsageError('--pr needs GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`).');
  if (github.owner === undefined || github.repo === undefined)
    throw new UsageError('--pr needs the repository: set GITHUB_REPOSITORY=owner/name (GitHub Actions sets it).');
  const parsed = readRecordInput(options.input.text, options.input.file);
  const stopping = inputProblems(parsed, options.input.file);
  if (stopping.length > 0) return { record: noRecord({ inputProblems: stopping }), failed: false };

  const { git, top } = await checkRecordable(config.rootDir);
  const base = await baseBranch(git, options.base);
  const name = recordName(parsed.entities);
  const branch = await openRecordBranch(git, `${config.record.branchPrefix}${name.slug}`, base, recordFilesOf(config, top));
  try {
    const cwd = path.join(branch.dir, path.relative(top, options.cwd));
    const worktreeConfig = configIn(branch.dir, top, config, options.cwd);
    // The input is read already; in the worktree, the same path is the branch's copy, if any.
    const input = {
      ...options.input,
      path: options.input.path === undefined ? undefined : path.join(branch.dir, path.relative(top, options.input.path)),
    };
    const record = await recordEntities({ ...options, input, cwd, config: worktreeConfig });
    if (recordFailed(record)) return { record, failed: false };
    const message = `${name.title}\n\n${record.entities.map((e) => `- ${e.identity}: ${e.action}`).join('\n')}`;
    await commitRecord(branch, message, options.author);
    const pushed = await commitOf(branch.git, `refs/remotes/origin/${branch.name}`);
    const tip = (await branch.git.revparse(['HEAD'])).trim();
    if (pushed !== tip) {
      try {
        await pushRecord(branch);
      } catch (error) {
        return {
          record,
          failed: true,
          branch: branch.name,
          message: `Could not push ${branch.name}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}\nThe record is committed on branch ${branch.name} in this repository; push it with \`git push origin ${branch.name}\` and open the pull request.`,
        };
      }
    }
    const { diff } = await diffProject({ cwd, config: worktreeConfig, base: `origin/${base}`, head: 'HEAD', fetch: options.fetch });
    const client = createGitHubClient({
      token: github.token,
      baseUrl: github.apiUrl,
      retryAfterBaseValue: options.retryBaseMs,
      warn: options.warn,
    });
    try {
      const pullRequest = await upsertPullRequest(
        client,
        { owner: github.owner, repo: github.repo, head: branch.name, base },
        {
          title: name.title,
          body: pullRequestBody(renderDiffMarkdown(diff), await branchFiles(branch.git, base, 'HEAD')),
          labels: [...new Set([...config.record.labels, ...options.labels])],
          reviewers: [...new Set([...config.record.reviewers, ...options.reviewers])],
        },
      );
      return {
        record,
        failed: false,
        branch: branch.name,
        pullRequest,
        message: `Pull request #${pullRequest.number} ${pullRequest.action}: ${pullRequest.url}`,
      };
    } catch (error) {
      const status = httpStatus(error);
      if (status === 403 || status === 404)
        return {
          record,
          failed: true,
          branch: branch.name,
          message: `GitHub refused the pull request (HTTP ${status}): the token cannot open pull requests on ${github.owner}/${github.repo} (a workflow needs \`permissions: contents: write, pull-requests: write\`). Branch ${branch.name} is pushed; open its pull request by hand.`,
        };
      throw new ServiceError(`could not open the pull request: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  } finally {
    await closeRecordBranch(git, branch);
  }
}
