// `dossier audit --github`: each approval of the history checked against the pull request that merged
// the commit recording it, on the local GitHub (every request checked against GitHub's OpenAPI).

import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/audit-report.js';
import { useFakeGitHub } from '../github/fake-github.js';
import { exampleHistory, runCli } from '../helpers.js';

const fakeGitHub = useFakeGitHub();

describe('dossier audit --github', () => {
  it('says verified, not verified or not checked for each approval, with the pull request and the reviewer', async () => {
    const github = fakeGitHub();
    const cwd = exampleHistory();
    const plain = JSON.parse((await runCli(['audit', 'model:fraud-detector', '--format', 'json'], { cwd })).stdout) as AuditReport;
    const recorded = plain.versions.flatMap((version) => version.approvals.flatMap((approval) => approval.recorded?.commit ?? []));
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    const [first = '', second = ''] = recorded;
    // The first approval's commit was merged by #12, which erin-walsh (model-risk's member) approved on its head.
    github.pulls.push({
      number: 12,
      title: 'Approve',
      body: '',
      head: 'approve',
      base: 'main',
      state: 'closed',
      labels: [],
      reviewers: [],
      author: 'priya',
      headSha: 'c'.repeat(40),
      reviews: [{ login: 'erin-walsh', state: 'APPROVED', commitId: 'c'.repeat(40) }],
    });
    github.commitPulls.set(first, [12]);
    // The second approval's commit was merged by #13, approved by its own author only.
    github.pulls.push({
      number: 13,
      title: 'Approve again',
      body: '',
      head: 'again',
      base: 'main',
      state: 'closed',
      labels: [],
      reviewers: [],
      author: 'erin-walsh',
      headSha: 'd'.repeat(40),
      reviews: [{ login: 'erin-walsh', state: 'APPROVED', commitId: 'd'.repeat(40) }],
    });
    github.commitPulls.set(second, [13]);
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/metadata', GITHUB_API_URL: github.url, DOSSIER_RETRY_BASE_MS: '1' };

    const json = await runCli(['audit', 'model:fraud-detector', '--github', '--format', 'json'], { cwd, env });
    // The example's history has an error finding (a promotion with no approval recorded): exit 1.
    expect(json.code).toBe(1);
    const checked = (JSON.parse(json.stdout) as AuditReport).versions.flatMap((version) =>
      version.approvals.flatMap((approval) => approval.github ?? []),
    );
    expect(checked[0]).toEqual({ status: 'verified', pullRequest: 12, reviewer: '@erin-walsh' });
    expect(checked[1]).toMatchObject({ status: 'unverified', pullRequest: 13 });
    expect(checked[1]?.reason).toContain('@erin-walsh opened the pull request and cannot approve it');
    // Any other approval's commit was merged by no pull request: not verified.
    for (const other of checked.slice(2))
      expect(other).toMatchObject({ status: 'unverified', reason: expect.stringContaining('which no pull request merged') as unknown });

    const markdown = await runCli(['audit', 'model:fraud-detector', '--github'], { cwd, env });
    expect(markdown.stdout).toContain('| On GitHub |');
    // Escaped for Markdown: `#12` is no issue link and the reviewer is not mentioned.
    expect(markdown.stdout).toContain('verified in \\#12, by \u200b@\u200berin-walsh');
  });

  it('leaves approvals not checked when GitHub fails, and needs a token', async () => {
    const github = fakeGitHub();
    const cwd = exampleHistory();
    for (let i = 0; i < 40; i++) github.scripted.push({ method: 'GET', response: { status: 500, body: { message: 'boom' } } });
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/metadata', GITHUB_API_URL: github.url, DOSSIER_RETRY_BASE_MS: '1' };
    const run = await runCli(['audit', 'model:fraud-detector', '--github', '--format', 'json'], { cwd, env });
    const checked = (JSON.parse(run.stdout) as AuditReport).versions.flatMap((version) =>
      version.approvals.flatMap((approval) => approval.github ?? []),
    );
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.every((github) => github.status === 'not-checked')).toBe(true);

    const noToken = await runCli(['audit', 'model:fraud-detector', '--github'], { cwd, env: { GITHUB_REPOSITORY: 'acme/metadata' } });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('set GITHUB_TOKEN');
  });
});
