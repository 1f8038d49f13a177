// Approvals backed by reviews: on a pull request, every approval it adds or changes is checked
// against the pull request's reviews on GitHub. An unverified approval is a problem at its `by`
// (approval/unverified); when GitHub cannot be asked, each approval left unchecked is a warning
// (approval/not-checked), never a pass.

import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { CatalogReader } from '../catalog/catalog.js';
import { claimedApprovals, type ClaimedApproval } from '../approvals/claimed-approvals.js';
import { orgTeamsToRead, verifyApprovals, type ApprovalVerdict, type OrgTeamMembers } from '../approvals/verify-approvals.js';
import type { DossierConfig } from '../config/load-config.js';
import { createGitHubClient, httpStatus } from '../github/client.js';
import { readOrgTeamMembers, readPullRequestFacts, type PullRequestRef } from '../github/reviews.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { uncheckedApproval, unverifiedApproval } from '../ground/core-rules/approval.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { applyRuleSettings } from '../rules/ruleset.js';
import { SourceLocator } from '../source/locate.js';
import { rulesetFor } from './compile-project.js';

export interface ApprovalCheckOptions {
  cwd: string;
  config: DossierConfig;
  base: CatalogReader;
  head: CatalogReader;
  pullRequest: PullRequestRef;
  token: string;
  apiUrl?: string | undefined;
  /** Base of the waits between retries, in milliseconds. */
  retryBaseMs?: number | undefined;
  warn: (message: string) => void;
}

export interface ApprovalCheck {
  verdicts: ApprovalVerdict[];
  diagnostics: Diagnostic[];
}

/** Where approvals' `by` are, read from the working tree (the head of the pull request), each file once. */
function approvalLocations(cwd: string): (approval: ClaimedApproval) => Pick<Diagnostic, 'file' | 'range'> {
  const locators = new Map<string, SourceLocator | undefined>();
  const start = { line: 0, column: 0 };
  return (approval) => {
    const { file, document } = approval.entity.source;
    if (!locators.has(file)) {
      try {
        locators.set(file, new SourceLocator(readFileSync(path.resolve(cwd, file), 'utf8')));
      } catch {
        locators.set(file, undefined);
      }
    }
    const range = locators.get(file)?.locate(document, ['spec', 'approvals', String(approval.index), 'by']) ?? { start, end: start };
    return { file, range };
  };
}

function diagnosticOf(
  locationOf: ReturnType<typeof approvalLocations>,
  verdict: ApprovalVerdict,
  pullRequest: number,
): Diagnostic | undefined {
  if (verdict.status === 'verified') return undefined;
  const { approval } = verdict;
  const data = {
    by: approval.by,
    entity: approval.entity.identity,
    pullRequest,
    reason: verdict.reason,
    team: approval.team ?? approval.by,
  };
  const at = { ...locationOf(approval), entity: approval.entity.identity };
  return verdict.status === 'unverified'
    ? createDiagnostic(unverifiedApproval, 'unverified', data, at)
    : createDiagnostic(uncheckedApproval, 'notChecked', data, at);
}

export async function checkPullRequestApprovals(options: ApprovalCheckOptions): Promise<ApprovalCheck> {
  const claims = claimedApprovals(options.base, options.head);
  if (claims.length === 0) return { verdicts: [], diagnostics: [] };
  const client = createGitHubClient({
    token: options.token,
    baseUrl: options.apiUrl,
    retryAfterBaseValue: options.retryBaseMs,
    warn: options.warn,
  });
  let verdicts: ApprovalVerdict[];
  try {
    const facts = await readPullRequestFacts(client, options.pullRequest);
    // Who may approve is read from the base: a pull request that changes a Team's GitHub login or
    // members, or adds the Team, cannot make its own approval verified.
    const orgTeams: OrgTeamMembers = new Map(
      await Promise.all(orgTeamsToRead(options.base, claims).map(async (team) => [team, await readOrgTeamMembers(client, team)] as const)),
    );
    verdicts = verifyApprovals(options.base, claims, facts, orgTeams);
  } catch (error) {
    const status = httpStatus(error);
    const reason = `GitHub did not answer${status === undefined ? '' : ` (HTTP ${String(status)})`}: ${error instanceof Error ? error.message : String(error)}`;
    verdicts = claims.map((approval) => ({ status: 'not-checked', approval, reason }));
  }
  const locationOf = approvalLocations(options.cwd);
  const diagnostics = verdicts.flatMap((verdict) => diagnosticOf(locationOf, verdict, options.pullRequest.number) ?? []);
  return { verdicts, diagnostics: applyRuleSettings(diagnostics, rulesetFor(options.config, options.cwd)) };
}
