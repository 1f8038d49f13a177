// Whether each approval a pull request claims is backed by a review: an APPROVED review on the head
// commit, from the approving Team's GitHub user, from a member's, or from a member of its GitHub org
// team, and never from the pull request's author. Pure: the GitHub facts come in as values.

import type { CatalogReader } from '../catalog/catalog.js';
import type { ClaimedApproval } from './claimed-approvals.js';
import { gitHubIdentities, type GitHubIdentities } from './github-identities.js';

export interface PullRequestReview {
  login: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The commit the review was given on. */
  commitId: string | undefined;
}

export interface PullRequestFacts {
  number: number;
  author: string;
  headSha: string;
  /** In the order they were given. */
  reviews: readonly PullRequestReview[];
}

/** An org team's members (lower-case logins); undefined when the token may not read them. */
export type OrgTeamMembers = ReadonlyMap<string, ReadonlySet<string> | undefined>;

/** What a verdict needs of an approval: the team it names, resolved or as written. */
export type ApprovalToVerify = Pick<ClaimedApproval, 'by' | 'team'>;

export type ApprovalVerdict<A extends ApprovalToVerify = ClaimedApproval> =
  { status: 'verified'; approval: A; reviewer: string } | { status: 'unverified' | 'not-checked'; approval: A; reason: string };

const login = (name: string) => `@${name}`;

/**
 * Each reviewer's standing review: the last one that approved, requested changes or was dismissed
 * (a comment leaves the earlier one standing, as GitHub counts them).
 */
function standingReviews(reviews: readonly PullRequestReview[]): Map<string, PullRequestReview> {
  const standing = new Map<string, PullRequestReview>();
  for (const review of reviews)
    if (review.state !== 'COMMENTED' && review.state !== 'PENDING') standing.set(review.login.toLowerCase(), review);
  return standing;
}

function namedIdentities(identities: GitHubIdentities): string {
  const names = [...[...identities.users].map(login), ...[...identities.teams].map((team) => `a member of ${team}`)];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

function verdictFor<A extends ApprovalToVerify>(
  approval: A,
  identities: GitHubIdentities,
  facts: PullRequestFacts,
  standing: ReadonlyMap<string, PullRequestReview>,
  orgTeams: OrgTeamMembers,
): ApprovalVerdict<A> {
  const author = facts.author.toLowerCase();
  const approvers = [...standing].filter(
    ([name, review]) => review.state === 'APPROVED' && review.commitId === facts.headSha && name !== author,
  );
  for (const [name, review] of approvers) {
    if (identities.users.has(name)) return { status: 'verified', approval, reviewer: login(review.login) };
    const team = [...identities.teams].find((orgTeam) => orgTeams.get(orgTeam)?.has(name) === true);
    if (team !== undefined) return { status: 'verified', approval, reviewer: `${login(review.login)} (member of ${team})` };
  }
  const head = facts.headSha.slice(0, 7);
  const notes: string[] = [];
  if (identities.users.has(author)) notes.push(`${login(facts.author)} opened the pull request and cannot approve it`);
  const stale = [...standing].filter(
    ([name, review]) => review.state === 'APPROVED' && review.commitId !== facts.headSha && identities.users.has(name),
  );
  if (stale.length > 0) notes.push(`${stale.map(([, review]) => login(review.login)).join(', ')} approved an earlier commit`);
  const unreadable = [...identities.teams].filter((team) => orgTeams.get(team) === undefined);
  if (unreadable.length > 0)
    notes.push(
      `the members of ${unreadable.join(', ')} could not be read with this token (it needs read:org), so only members listed in the catalog count`,
    );
  return {
    status: 'unverified',
    approval,
    reason: `no approving review on the head commit ${head} from ${namedIdentities(identities)}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
  };
}

/** A verdict for each claimed approval, in the order given; `catalog` says who each Team is (the base of the pull request). */
export function verifyApprovals<A extends ApprovalToVerify>(
  catalog: CatalogReader,
  claims: readonly A[],
  facts: PullRequestFacts,
  orgTeams: OrgTeamMembers,
): ApprovalVerdict<A>[] {
  const standing = standingReviews(facts.reviews);
  return claims.map((approval): ApprovalVerdict<A> => {
    if (approval.team === undefined) return { status: 'unverified', approval, reason: `\`${approval.by}\` is not a Team of the catalog` };
    if (catalog.get(approval.team) === undefined)
      return {
        status: 'unverified',
        approval,
        reason: `\`${approval.team}\` is not a Team before this change: the identities that verify an approval are read from the base, not from the pull request that claims it`,
      };
    const identities = gitHubIdentities(catalog, approval.team);
    if (identities.users.size === 0 && identities.teams.size === 0)
      return {
        status: 'unverified',
        approval,
        reason: `\`${approval.team}\` names no GitHub identity, nor do its members: add \`github: {user: <login>}\` or \`github: {team: <org>/<slug>}\` to the Team`,
      };
    return verdictFor(approval, identities, facts, standing, orgTeams);
  });
}

/** The org teams whose members decide some claimed approval: the ones to read from GitHub. */
export function orgTeamsToRead(catalog: CatalogReader, claims: readonly ApprovalToVerify[]): string[] {
  const teams = new Set<string>();
  for (const claim of claims) if (claim.team !== undefined) for (const team of gitHubIdentities(catalog, claim.team).teams) teams.add(team);
  return [...teams];
}
