// Post the one sticky pull request comment, or update the one posted before. A token that may not
// write (pull requests from forks, missing permissions) is an outcome to report, not a failure.

import { ServiceError } from '../ground/errors.js';
import { createGitHubClient, httpStatus } from '../github/client.js';
import { upsertStickyComment, type CommentMode, type CommentOutcome, type CommentTarget } from '../github/sticky-comment.js';

export interface PostCommentOptions {
  token: string;
  /** GITHUB_API_URL; api.github.com when undefined. */
  apiUrl?: string | undefined;
  target: CommentTarget;
  markdown: string;
  /** Keeps comments of different configurations apart. */
  header: string;
  mode: CommentMode;
  /** Only find out what posting would do: create, update, re-post or leave the comment. */
  dryRun?: boolean;
  /** Base of the waits between retries, in milliseconds. */
  retryBaseMs?: number | undefined;
  warn: (message: string) => void;
}

export type PostCommentResult = CommentOutcome | { action: 'refused'; status: number; reason: string };

/** Throws a ServiceError on failures other than a refusal (403/404), with the HTTP status. */
export async function postComment(options: PostCommentOptions): Promise<PostCommentResult> {
  const { target } = options;
  const client = createGitHubClient({
    token: options.token,
    baseUrl: options.apiUrl,
    retryAfterBaseValue: options.retryBaseMs,
    warn: options.warn,
  });
  try {
    return await upsertStickyComment(client, target, options.markdown, {
      header: options.header,
      mode: options.mode,
      dryRun: options.dryRun === true,
    });
  } catch (error) {
    const status = httpStatus(error);
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403 || status === 404) {
      return {
        action: 'refused',
        status,
        reason: `GitHub refused the pull request comment (HTTP ${status}). The token cannot write to ${target.owner}/${target.repo}#${target.issueNumber}: pull requests from forks get a read-only token, and a workflow needs \`permissions: pull-requests: write\`. The results are unaffected.`,
      };
    }
    throw new ServiceError(
      status === undefined ? `could not post the comment: ${message}` : `could not post the comment: HTTP ${status}: ${message}`,
      { cause: error },
    );
  }
}
