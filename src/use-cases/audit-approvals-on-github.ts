// `dossier audit --github`: for each approval in a model's history, the pull request that merged the
// commit recording it and whether that pull request has an approving review from the team, as the
// Action checks pull requests today (approval/unverified). GitHub failures leave approvals "not
// checked", never verified.

import type { AuditApproval, AuditReport, ApprovalOnGitHub } from '../audit/audit-report.js';
import type { CatalogReader } from '../catalog/catalog.js';
import { orgTeamsToRead, verifyApprovals, type ApprovalToVerify, type PullRequestFacts } from '../approvals/verify-approvals.js';
import { createGitHubClient, httpStatus, type GitHubClient } from '../github/client.js';
import { pullRequestOfCommit, readOrgTeamMembers, readPullRequestFacts } from '../github/reviews.js';

export interface GitHubRepository {
  owner: string;
  repo: string;
  token: string;
  apiUrl?: string | undefined;
  retryBaseMs?: number | undefined;
}

/** Asks GitHub once per commit, pull request and org team, however many approvals share them. */
class GitHubFacts {
  readonly #client: GitHubClient;
  readonly #repository: { owner: string; repo: string };
  readonly #pulls = new Map<string, Promise<number | undefined>>();
  readonly #facts = new Map<number, Promise<PullRequestFacts>>();
  readonly #teams = new Map<string, Promise<Set<string> | undefined>>();

  constructor(repository: GitHubRepository) {
    this.#client = createGitHubClient({ token: repository.token, baseUrl: repository.apiUrl, retryAfterBaseValue: repository.retryBaseMs });
    this.#repository = { owner: repository.owner, repo: repository.repo };
  }

  pullOf(sha: string): Promise<number | undefined> {
    return remembered(this.#pulls, sha, () => pullRequestOfCommit(this.#client, this.#repository, sha));
  }

  factsOf(number: number): Promise<PullRequestFacts> {
    return remembered(this.#facts, number, () => readPullRequestFacts(this.#client, { ...this.#repository, number }));
  }

  membersOf(team: string): Promise<Set<string> | undefined> {
    return remembered(this.#teams, team, () => readOrgTeamMembers(this.#client, team));
  }
}

function remembered<K, V>(map: Map<K, Promise<V>>, key: K, ask: () => Promise<V>): Promise<V> {
  let answer = map.get(key);
  if (answer === undefined) map.set(key, (answer = ask()));
  return answer;
}

async function checkApproval(approval: AuditApproval, catalog: CatalogReader, github: GitHubFacts): Promise<ApprovalOnGitHub> {
  if (approval.recorded === undefined) return { status: 'not-checked', reason: 'recorded before the history read' };
  const commit = approval.recorded.commit.slice(0, 7);
  try {
    const number = await github.pullOf(approval.recorded.commit);
    if (number === undefined) return { status: 'unverified', reason: `recorded in ${commit}, which no pull request merged` };
    const claim: ApprovalToVerify = { by: approval.by, team: catalog.get(approval.by)?.kind === 'Team' ? approval.by : undefined };
    const teams = orgTeamsToRead(catalog, [claim]);
    const orgTeams = new Map(await Promise.all(teams.map(async (team) => [team, await github.membersOf(team)] as const)));
    const [verdict] = verifyApprovals(catalog, [claim], await github.factsOf(number), orgTeams);
    if (verdict?.status === 'verified') return { status: 'verified', pullRequest: number, reviewer: verdict.reviewer };
    return { status: 'unverified', pullRequest: number, reason: verdict?.reason ?? '' };
  } catch (error) {
    const status = httpStatus(error);
    return { status: 'not-checked', reason: `GitHub did not answer${status === undefined ? '' : ` (HTTP ${String(status)})`}` };
  }
}

/**
 * The report with each approval's `github` verdict. Team identities are read from `catalog` (the
 * metadata at the end of the history read), as the Action reads them from the pull request's head.
 */
export async function auditApprovalsOnGitHub(
  report: AuditReport,
  catalog: CatalogReader,
  repository: GitHubRepository,
): Promise<AuditReport> {
  const github = new GitHubFacts(repository);
  const versions = await Promise.all(
    report.versions.map(async (version) => ({
      ...version,
      approvals: await Promise.all(
        version.approvals.map(async (approval) => ({ ...approval, github: await checkApproval(approval, catalog, github) })),
      ),
    })),
  );
  return { ...report, versions };
}
