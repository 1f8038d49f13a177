// One pull request comment that updates itself on every push, found again by a hidden marker.
// A `header` scopes the marker, so two configurations on one pull request keep separate comments.

import { httpStatus, type GitHubClient } from './client.js';

export type CommentMode = 'update' | 'recreate' | 'off';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'recreated' | 'unchanged'; url: string; id: number }
  | { action: 'skipped'; reason: string }
  | { action: 'previewed'; would: 'create' | 'update' | 'recreate' | 'leave unchanged'; url: string | undefined };

/** The comment exactly as posted: the marker that finds it again, then the text. */
export function stickyCommentBody(header: string, markdown: string): string {
  return `${markerFor(header)}\n${markdown}`;
}

export function markerFor(header: string): string {
  const scope = header.replace(/[^A-Za-z0-9 ._-]/g, '').trim() || 'default';
  return `<!-- dossier:sticky-comment:${scope} -->`;
}

interface ExistingComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user?: { login?: string } | null;
}

/** Who comments with GITHUB_TOKEN; an installation token may not read `GET /user`. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * The login this token comments as: the user of a personal (or user-to-server) token, else the
 * Actions bot. A GitHub App's own installation token is taken for the Actions bot too: its comments
 * are then not found again and a new one is posted, never someone else's taken over.
 */
async function tokenLogin(client: GitHubClient): Promise<string> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT;
    throw error;
  }
}

async function findOwnComment(client: GitHubClient, target: CommentTarget, marker: string): Promise<ExistingComment | undefined> {
  const comments = (await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  })) as ExistingComment[];
  // Our marker always opens our body; metadata text inside it is escaped and cannot start one. Anyone
  // can write the marker, though: only a comment by this token's own identity is ours to edit or delete.
  const marked = comments.filter((comment) => comment.body?.startsWith(marker));
  if (marked.length === 0) return undefined;
  const login = await tokenLogin(client);
  return marked.find((comment) => comment.user?.login === login);
}

export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  markdown: string,
  options: { header: string; mode: CommentMode; dryRun?: boolean },
): Promise<CommentOutcome> {
  if (options.mode === 'off') return { action: 'skipped', reason: 'comment mode is off' };
  const marker = markerFor(options.header);
  const body = stickyCommentBody(options.header, markdown);
  const existing = await findOwnComment(client, target, marker);
  const { owner, repo, issueNumber } = target;
  if (options.dryRun === true) {
    const would =
      existing === undefined ? 'create' : options.mode === 'recreate' ? 'recreate' : existing.body === body ? 'leave unchanged' : 'update';
    return { action: 'previewed', would, url: existing?.html_url };
  }

  if (existing !== undefined && options.mode === 'update') {
    if (existing.body === body) return { action: 'unchanged', url: existing.html_url, id: existing.id };
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { action: 'updated', url: data.html_url, id: data.id };
  }
  if (existing !== undefined) await client.rest.issues.deleteComment({ owner, repo, comment_id: existing.id });
  const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { action: existing === undefined ? 'created' : 'recreated', url: data.html_url, id: data.id };
}
