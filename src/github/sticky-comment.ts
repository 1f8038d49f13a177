// One pull request comment that updates itself on every push, found again by a hidden marker.
// A `header` scopes the marker, so two configurations on one pull request keep separate comments.

import type { GitHubClient } from './client.js';

export type CommentMode = 'update' | 'recreate' | 'off';

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export type CommentOutcome =
  { action: 'created' | 'updated' | 'recreated' | 'unchanged'; url: string; id: number } | { action: 'skipped'; reason: string };

export function markerFor(header: string): string {
  const scope = header.replace(/[^A-Za-z0-9 ._-]/g, '').trim() || 'default';
  return `<!-- dossier:sticky-comment:${scope} -->`;
}

interface ExistingComment {
  id: number;
  body?: string | undefined;
  html_url: string;
  user?: { type?: string } | null;
}

async function findOwnComment(client: GitHubClient, target: CommentTarget, marker: string): Promise<ExistingComment | undefined> {
  const comments = (await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  })) as ExistingComment[];
  // Our marker always opens our body; metadata text inside it is escaped and cannot start one.
  const marked = comments.filter((comment) => comment.body?.startsWith(marker));
  return marked.find((comment) => comment.user?.type === 'Bot') ?? marked[0];
}

export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  markdown: string,
  options: { header: string; mode: CommentMode },
): Promise<CommentOutcome> {
  if (options.mode === 'off') return { action: 'skipped', reason: 'comment mode is off' };
  const marker = markerFor(options.header);
  const body = `${marker}\n${markdown}`;
  const existing = await findOwnComment(client, target, marker);
  const { owner, repo, issueNumber } = target;

  if (existing !== undefined && options.mode === 'update') {
    if (existing.body === body) return { action: 'unchanged', url: existing.html_url, id: existing.id };
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { action: 'updated', url: data.html_url, id: data.id };
  }
  if (existing !== undefined) await client.rest.issues.deleteComment({ owner, repo, comment_id: existing.id });
  const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { action: existing === undefined ? 'created' : 'recreated', url: data.html_url, id: data.id };
}
