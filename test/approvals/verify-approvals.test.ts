// Which approvals a pull request claims, and whether its reviews back them: the pure decision,
// with the GitHub facts given as values (the Action's tests run it against the fake GitHub).

import { describe, expect, it } from 'vitest';
import { claimedApprovals } from '../../src/approvals/claimed-approvals.js';
import { gitHubIdentities } from '../../src/approvals/github-identities.js';
import { verifyApprovals, type PullRequestFacts } from '../../src/approvals/verify-approvals.js';
import { compileFiles } from '../helpers.js';

const TEAMS = `apiVersion: dossier/v1
kind: Team
metadata: {name: model-risk}
spec: {members: [erin, risk-leads], github: {team: acme/model-risk}}
---
apiVersion: dossier/v1
kind: Team
metadata: {name: risk-leads}
spec: {members: [gus, model-risk]}
---
apiVersion: dossier/v1
kind: Team
metadata: {name: erin}
spec: {type: person, github: {user: Erin-W}}
---
apiVersion: dossier/v1
kind: Team
metadata: {name: gus}
spec: {type: person, github: {user: gus}}
---
apiVersion: dossier/v1
kind: Team
metadata: {name: legal}
spec: {type: team}
`;
const version = (approvals: string) =>
  `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: scorer, version: "1"}\nspec:\n  model: scorer\n  approvals:\n${approvals}`;
const catalogOf = (approvals: string) => compileFiles({ 'teams.yaml': TEAMS, 'version.yaml': version(approvals) }).catalog;

const BASE = catalogOf('    - {by: model-risk, date: 2024-07-01}\n');
const HEAD = catalogOf(
  '    - {by: model-risk, date: 2024-07-01}\n    - {by: model-risk, date: 2024-07-20, note: Shadow results}\n    - {by: legal, date: 2024-07-21}\n    - {by: nobody, date: 2024-07-22}\n',
);
const SHA = 'a'.repeat(40);
const facts = (reviews: PullRequestFacts['reviews'], author = 'dana'): PullRequestFacts => ({ number: 7, author, headSha: SHA, reviews });

describe('claimed approvals', () => {
  it('are the approvals added or changed, not those the base holds as they are', () => {
    expect(claimedApprovals(BASE, HEAD).map((claim) => [claim.index, claim.team ?? claim.by, claim.date])).toEqual([
      [1, 'team:default/model-risk', '2024-07-20'],
      [2, 'team:default/legal', '2024-07-21'],
      [3, 'nobody', '2024-07-22'],
    ]);
    const renoted = catalogOf('    - {by: model-risk, date: 2024-07-01, note: now with a note}\n');
    expect(claimedApprovals(BASE, renoted)).toHaveLength(1);
    expect(claimedApprovals(BASE, BASE)).toEqual([]);
  });
});

describe('GitHub identities of a team', () => {
  it('are its own and its members, transitively, lower-cased, through a cycle of members', () => {
    const identities = gitHubIdentities(HEAD, 'team:default/model-risk');
    expect([...identities.users].sort()).toEqual(['erin-w', 'gus']);
    expect([...identities.teams]).toEqual(['acme/model-risk']);
  });
});

describe('verifying approvals', () => {
  const claims = claimedApprovals(BASE, HEAD);
  const verdicts = (pr: PullRequestFacts, orgTeams = new Map<string, Set<string> | undefined>()) =>
    verifyApprovals(HEAD, claims, pr, orgTeams).map((verdict) =>
      verdict.status === 'verified' ? `verified ${verdict.reviewer}` : `${verdict.status}: ${verdict.reason}`,
    );

  it('verifies by a member’s approving review on the head commit, whatever the case of the login', () => {
    expect(verdicts(facts([{ login: 'erin-w', state: 'APPROVED', commitId: SHA }]))[0]).toBe('verified @erin-w');
  });

  it('verifies by a member of the org team when its members can be read', () => {
    expect(verdicts(facts([{ login: 'hal', state: 'APPROVED', commitId: SHA }]), new Map([['acme/model-risk', new Set(['hal'])]]))[0]).toBe(
      'verified @hal (member of acme/model-risk)',
    );
  });

  it('does not count the author, an earlier commit, a withdrawn approval, or a stranger', () => {
    const [withdrawn] = verdicts(
      facts([
        { login: 'gus', state: 'APPROVED', commitId: SHA },
        { login: 'gus', state: 'COMMENTED', commitId: SHA },
        { login: 'gus', state: 'CHANGES_REQUESTED', commitId: SHA },
        { login: 'erin-w', state: 'APPROVED', commitId: 'b'.repeat(40) },
        { login: 'mallory', state: 'APPROVED', commitId: SHA },
      ]),
    );
    expect(withdrawn).toBe(
      'unverified: no approving review on the head commit aaaaaaa from @erin-w, @gus or a member of acme/model-risk; @erin-w approved an earlier commit; the members of acme/model-risk could not be read with this token (it needs read:org), so only members listed in the catalog count',
    );
    const [own] = verdicts(facts([{ login: 'Gus', state: 'APPROVED', commitId: SHA }], 'gus'));
    expect(own).toContain('@gus opened the pull request and cannot approve it');
  });

  it('says so when the team names no GitHub identity or is not a team', () => {
    const [, legal, nobody] = verdicts(facts([{ login: 'erin-w', state: 'APPROVED', commitId: SHA }]));
    expect(legal).toMatch(/^unverified: `team:default\/legal` names no GitHub identity, nor do its members/);
    expect(nobody).toBe('unverified: `nobody` is not a Team of the catalog');
  });
});
