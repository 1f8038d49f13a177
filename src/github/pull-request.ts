// The pull request of a branch: opened the first time, its title and body updated on later runs,
// labels added and reviewers requested.

import type { GitHubClient } from './client.js';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  /** The branch with the changes. */
  head: string;
  /** The branch they go into. */
  base: string;
}

export interface PullRequestContent {
  title: string;
  body: string;
  labels: readonly string[];
  reviewers: readonly string[];
}

export interface PullRequestOutcome {
  action: 'created' | 'updated' | 'unchanged';
  number: number;
  url: string;
}

export async function upsertPullRequest(
  client: GitHubClient,
  target: PullRequestTarget,
  content: PullRequestContent,
): Promise<PullRequestOutcome> {
  const { owner, repo } = target;
  const open = await client.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${target.head}`,
    base: target.base,
    state: 'open',
    per_page: 10,
  });
  const existing = open.data[0];
  let outcome: PullRequestOutcome;
  if (existing === undefined) {
    const created = await client.rest.pulls.create({
      owner,
      repo,
      head: target.head,
      base: target.base,
      title: content.title,
      body: content.body,
    });
    outcome = { action: 'created', number: created.data.number, url: created.data.html_url };
  } else if (existing.title !== content.title || (existing.body ?? '') !== content.body) {
    await client.rest.pulls.update({ owner, repo, pull_number: existing.number, title: content.title, body: content.body });
    outcome = { action: 'updated', number: existing.number, url: existing.html_url };
  } else {
    outcome = { action: 'unchanged', number: existing.number, url: existing.html_url };
  }
  const present = new Set((existing?.labels ?? []).map((label) => label.name));
  const labels = content.labels.filter((label) => !present.has(label));
  if (labels.length > 0) await client.rest.issues.addLabels({ owner, repo, issue_number: outcome.number, labels });
  if (content.reviewers.length > 0 && outcome.action === 'created')
    await client.rest.pulls.requestReviewers({ owner, repo, pull_number: outcome.number, reviewers: [...content.reviewers] });
  return outcome;
}
