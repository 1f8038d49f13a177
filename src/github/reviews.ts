// What verifying approvals reads from GitHub: a pull request's author, head commit and reviews, and
// the members of org teams (which a repository's GITHUB_TOKEN usually may not read).

import type { PullRequestFacts } from '../approvals/verify-approvals.js';
import { httpStatus, type GitHubClient } from './client.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export async function readPullRequestFacts(client: GitHubClient, ref: PullRequestRef): Promise<PullRequestFacts> {
  const { owner, repo, number } = ref;
  const { data: pull } = await client.rest.pulls.get({ owner, repo, pull_number: number });
  const reviews = await client.paginate(client.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 });
  return {
    number,
    author: pull.user.login,
    headSha: pull.head.sha,
    reviews: reviews.flatMap((review) =>
      review.user === null ? [] : [{ login: review.user.login, state: review.state, commitId: review.commit_id ?? undefined }],
    ),
  };
}

/** The members of `org/slug` (lower-case logins), or undefined when the token may not read them or the team does not exist. */
export async function readOrgTeamMembers(client: GitHubClient, orgTeam: string): Promise<Set<string> | undefined> {
  const [org = '', slug = ''] = orgTeam.split('/');
  try {
    const members = await client.paginate(client.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
    return new Set(members.map((member) => member.login.toLowerCase()));
  } catch (error) {
    const status = httpStatus(error);
    if (status === 401 || status === 403 || status === 404) return undefined;
    throw error;
  }
}

/** The pull request that merged a commit, if any: a merged one before an open one (GitHub lists both). */
export async function pullRequestOfCommit(
  client: GitHubClient,
  repository: { owner: string; repo: string },
  sha: string,
): Promise<number | undefined> {
  const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ ...repository, commit_sha: sha, per_page: 100 });
  return (data.find((pull) => pull.merged_at !== null) ?? data[0])?.number;
}
