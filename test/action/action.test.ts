// The bundled action, run as GitHub runs it: `node dist/index.js` with the runner's environment,
// a real pull_request payload adapted to a temporary repository, and the local GitHub API.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webhooks from '@octokit/webhooks-examples';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { markerFor } from '../../src/github/sticky-comment.js';
import { gitRepo } from '../diff/git-repo.js';
import { useFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { exampleFiles, parseSarifLog, tempRepo } from '../helpers.js';
import { cloneWithRemote } from '../record/git-remote.js';

const FILES = exampleFiles();

const fakeGitHub = useFakeGitHub();
let github: FakeGitHub;
beforeEach(() => {
  github = fakeGitHub();
});

/** The `pull_request.opened` example payload from @octokit/webhooks-examples, pointed at our repository. */
interface PullRequestPayload {
  action: string;
  number: number;
  pull_request: { number: number; base: { sha: string; repo: { full_name: string } }; head: { repo: { full_name: string } } };
  repository: { full_name: string };
}

function pullRequestPayload(baseSha: string, headRepo = 'acme/metadata'): object {
  const example = (webhooks as unknown as { name: string; examples: PullRequestPayload[] }[])
    .find((w) => w.name === 'pull_request')
    ?.examples.find((e) => e.action === 'opened');
  if (example === undefined) throw new Error('@octokit/webhooks-examples has no pull_request.opened example');
  const payload = structuredClone(example);
  payload.number = github.issue;
  payload.pull_request.number = github.issue;
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.base.repo.full_name = 'acme/metadata';
  payload.pull_request.head.repo.full_name = headRepo;
  payload.repository.full_name = 'acme/metadata';
  return payload;
}

interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

function runAction(workspace: string, eventName: string, payload: object, inputs: Record<string, string>): Promise<ActionRun> {
  const runner = tempRepo();
  const files = { event: path.join(runner, 'event.json'), output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(payload));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/metadata',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_API_URL: github.url,
    RUNNER_TEMP: runner,
    DOSSIER_RETRY_BASE_MS: '1',
    'INPUT_GITHUB-TOKEN': 'test-token',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/index.js')], { cwd: workspace, env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const outputs: Record<string, string> = {};
      for (const match of readFileSync(files.output, 'utf8').matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
        outputs[match[1] as string] = match[3] as string;
      resolve({ code: code ?? -1, stdout, outputs, summary: readFileSync(files.summary, 'utf8') });
    });
  });
}

function breakingPullRequest() {
  const repo = gitRepo(FILES);
  const base = repo.git('rev-parse', 'main');
  repo.write({
    'features/feature-views.yaml': (FILES['features/feature-views.yaml'] as string).replace(
      '{name: distinct_merchants_7d, type: int64',
      '{name: distinct_merchants_7d, type: float64',
    ),
  });
  repo.commit('Retype a feature');
  return { repo, base };
}

describe('the GitHub Action', () => {
  it('on a pull request: lints, diffs, annotates, summarises, writes SARIF, comments, and fails on a breaking change', async () => {
    const { repo, base } = breakingPullRequest();
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ errors: '1', warnings: '0', breaking: '2' });
    expect(run.outputs['comment-url']).toMatch(/^https:\/\/github\.example\/acme\/metadata\/pull\/7#issuecomment-\d+$/);
    expect(existsSync(run.outputs['catalog-path'] as string)).toBe(true);
    const annotation = run.stdout
      .split('\n')
      .find((line) => line.startsWith('::error ') && line.includes('model-version/feature-type-mismatch'));
    expect(annotation).toMatch(/file=models\/fraud-detector\/versions\.yaml,/);
    expect(annotation).toMatch(/,line=\d+,/);
    expect(run.stdout).toContain('::error::Dossier: 1 error, 0 warnings, 2 breaking changes (fail-on: error).');
    expect(run.summary).toContain('## Dossier lint: 1 error, 0 warnings, 0 info');
    expect(run.summary).toContain('Dossier: 2 breaking changes');
    const sarif = parseSarifLog(readFileSync(path.join(repo.dir, 'dossier.sarif'), 'utf8'));
    expect(sarif.runs[0]?.results).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body.startsWith(markerFor('dossier'))).toBe(true);
    expect(github.comments[0]?.body).toContain('feature-type-changed');
  });

  it('updates its comment on the next push instead of adding one', async () => {
    const { repo, base } = breakingPullRequest();
    await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    repo.write({
      'models/churn-predictor/churn.yaml': (FILES['models/churn-predictor/churn.yaml'] as string).replace(
        '  owner: growth-ml\n  terms: [churn, pii]',
        '  owner: risk-ml\n  terms: [churn, pii]',
      ),
    });
    repo.commit('Change an owner');
    await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('owner-changed');
  });

  it('skips the comment for a pull request from a fork, with a notice, keeping annotations and summary', async () => {
    const { repo, base } = breakingPullRequest();
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base, 'mallory/metadata'), { 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::notice::This pull request comes from a fork');
    expect(run.stdout).toMatch(/^::error .*file=/m);
    expect(run.summary).toContain('Dossier: 2 breaking changes');
    expect(github.requests).toEqual([]);
  });

  it('does not fail the step when the token may not comment', async () => {
    const { repo, base } = breakingPullRequest();
    github.scripted.push({ method: 'GET', response: { status: 403, body: { message: 'Resource not accessible by integration' } } });
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), { 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::GitHub refused the pull request comment (HTTP 403)');
  });

  it('on pull_request_target, as on pull_request, builds no site (the checkout is the base, the token can write)', async () => {
    const { repo, base } = breakingPullRequest();
    const run = await runAction(repo.dir, 'pull_request_target', pullRequestPayload(base), { 'fail-on': 'never', 'site-dir': 'public' });
    expect(run.code).toBe(0);
    expect(run.outputs['site-dir']).toBeUndefined();
    expect(existsSync(path.join(repo.dir, 'public'))).toBe(false);
  });

  it('on a push: lints and builds the site', async () => {
    const repo = gitRepo(FILES);
    const run = await runAction(repo.dir, 'push', { ref: 'refs/heads/main' }, { 'site-dir': 'public' });
    expect(run.code).toBe(0);
    expect(run.outputs['site-dir']).toBe(path.join(repo.dir, 'public'));
    expect(existsSync(path.join(repo.dir, 'public/entity/model/default/fraud-detector.html'))).toBe(true);
    // Published with the site, so that other repositories can depend on it.
    expect(existsSync(path.join(repo.dir, 'public/catalog.json'))).toBe(true);
    expect(run.outputs.breaking).toBe('0');
  });

  it('reports only problems under `paths`, as `dossier lint PATH` does: annotations, outputs, SARIF, summary and exit code', async () => {
    const broken = (FILES['features/feature-views.yaml'] as string).replace(
      '{name: distinct_merchants_7d, type: int64',
      '{name: distinct_merchants_7d, type: float64',
    );
    const repo = gitRepo({ ...FILES, 'features/feature-views.yaml': broken });
    const outside = await runAction(repo.dir, 'push', { ref: 'refs/heads/main' }, { command: 'lint', paths: 'features' });
    expect(outside.code).toBe(0);
    expect(outside.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(outside.stdout).not.toMatch(/^::error /m);
    expect(parseSarifLog(readFileSync(path.join(repo.dir, 'dossier.sarif'), 'utf8')).runs[0]?.results).toEqual([]);
    expect(outside.summary).toContain('## Dossier lint: 0 errors, 0 warnings, 0 info');

    const inside = await runAction(
      repo.dir,
      'push',
      { ref: 'refs/heads/main' },
      { command: 'lint', paths: 'features, models/fraud-detector' },
    );
    expect(inside.code).toBe(1);
    expect(inside.outputs).toMatchObject({ errors: '1' });
    expect(inside.stdout).toMatch(/^::error .*file=models\/fraud-detector\/versions\.yaml,/m);
    expect(parseSarifLog(readFileSync(path.join(repo.dir, 'dossier.sarif'), 'utf8')).runs[0]?.results).toHaveLength(1);
  });

  it('replaces a link a pull request committed where the SARIF file goes, never writing through it', async () => {
    const repo = gitRepo(FILES);
    const victim = path.join(tempRepo(), 'victim.txt');
    writeFileSync(victim, 'ORIGINAL\n');
    symlinkSync(victim, path.join(repo.dir, 'dossier.sarif'));
    const run = await runAction(repo.dir, 'push', { ref: 'refs/heads/main' }, { command: 'lint' });
    expect(run.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('ORIGINAL\n');
    expect(lstatSync(path.join(repo.dir, 'dossier.sarif')).isFile()).toBe(true);
    // A folder on the way that leads out of the workspace is refused.
    symlinkSync(path.dirname(victim), path.join(repo.dir, 'reports'));
    const refused = await runAction(repo.dir, 'push', { ref: 'refs/heads/main' }, { command: 'lint', 'sarif-file': 'reports/x.sarif' });
    expect(refused.code).toBe(1);
    expect(existsSync(path.join(path.dirname(victim), 'x.sarif'))).toBe(false);
  });

  it('takes the CLI word `breaking` for fail-on, failing on a breaking change', async () => {
    const { repo, base } = breakingPullRequest();
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), { 'fail-on': 'breaking', comment: 'off' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('(fail-on: breaking)');
    expect(run.stdout).not.toContain('must be one of');
  });

  it('fails the step with a clear message on bad input', async () => {
    const repo = gitRepo(FILES);
    const run = await runAction(repo.dir, 'push', {}, { command: 'deploy' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Input `command` must be one of lint, diff, build, all, record; got `deploy`.');
  });

  it('command: record writes the training run into the metadata on a branch and opens its pull request', async () => {
    const { dir, remote } = cloneWithRemote();
    const run = {
      apiVersion: 'dossier/v1',
      kind: 'ModelVersion',
      metadata: { name: 'fraud-detector', version: '3.0.0', owner: 'risk-ml', terms: ['pii'] },
      spec: { model: 'fraud-detector', stage: 'development', training: { datasets: [{ ref: 'transactions@2024-06', role: 'train' }] } },
    };
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run));
    const result = await runAction(
      dir,
      'push',
      {},
      { command: 'record', 'record-file': 'run.json', 'record-labels': 'metadata, automated' },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['pull-request-url']).toMatch(/^https:\/\/github\.example\/acme\/metadata\/pull\/\d+$/);
    expect(github.pulls).toMatchObject([{ head: 'dossier/record/fraud-detector-3.0.0', labels: ['metadata', 'automated'] }]);
    expect(
      execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', '-1', 'dossier/record/fraud-detector-3.0.0'], { encoding: 'utf8' }),
    ).toContain('Record fraud-detector 3.0.0');

    const missing = await runAction(dir, 'push', {}, { command: 'record', 'record-file': 'nowhere.json' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('record-file nowhere.json cannot be read');
  });
});

/** A pull request that adds an approval by model-risk (Erin Walsh, GitHub user erin-walsh, is its member) to a staging version. */
function approvingPullRequest(author = 'dev-patel-gh', baseFiles: Record<string, string> = FILES) {
  const repo = gitRepo(baseFiles);
  const base = repo.git('rev-parse', 'main');
  repo.write({
    'models/fraud-detector/versions.yaml': (FILES['models/fraud-detector/versions.yaml'] as string).replace(
      '  stage: staging\n  aliases: [challenger]\n',
      '  stage: staging\n  aliases: [challenger]\n  approvals:\n    - {by: model-risk, date: 2024-07-20, note: Shadow results reviewed.}\n',
    ),
  });
  const head = repo.commit('Approve the challenger');
  github.pulls.push({
    number: github.issue,
    title: 'Approve',
    body: '',
    head: 'approve',
    base: 'main',
    state: 'open',
    labels: [],
    reviewers: [],
    author,
    headSha: head,
    reviews: [],
  });
  return { repo, base, head, pull: github.pulls[0] as (typeof github.pulls)[number] };
}

describe('approvals backed by reviews', () => {
  it('fails on an approval nobody of the team approved on GitHub, and a later review turns it green', async () => {
    const { repo, base, head, pull } = approvingPullRequest();
    const first = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(first.code).toBe(1);
    const annotation = first.stdout.split('\n').find((line) => line.includes('approval/unverified'));
    expect(annotation).toMatch(/^::error .*file=models\/fraud-detector\/versions\.yaml,line=\d+/);
    expect(annotation).toContain(`no approving review on the head commit ${head.slice(0, 7)} from @erin-walsh`);
    expect(github.comments[0]?.body).toContain('❌ not verified');

    pull.reviews?.push({ login: 'erin-walsh', state: 'APPROVED', commitId: head });
    const second = await runAction(repo.dir, 'pull_request_review', pullRequestPayload(base), {});
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('approval/unverified');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain('✅ verified');
    // The login is shown without mentioning (notifying) the reviewer.
    expect(github.comments[0]?.body).toContain('by \u200b@\u200berin-walsh');
  });

  it('does not count an approval of an earlier commit, nor one by the author', async () => {
    const { repo, base, pull } = approvingPullRequest('erin-walsh');
    pull.reviews?.push({ login: 'erin-walsh', state: 'APPROVED', commitId: base });
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('erin-walsh opened the pull request and cannot approve it');
    expect(run.stdout).toContain('approved an earlier commit');
  });

  it('counts a member of the GitHub org team, and says when the token may not read the team', async () => {
    const teamFile = 'teams/teams.yaml';
    const withTeam: Record<string, string> = {
      ...FILES,
      [teamFile]: (FILES[teamFile] as string).replace(
        '  members: [erin-walsh]',
        '  members: [erin-walsh]\n  github: {team: acme/model-risk}',
      ),
    };
    const { repo, base, head, pull } = approvingPullRequest('dev-patel-gh', withTeam);
    pull.reviews?.push({ login: 'frank-gh', state: 'APPROVED', commitId: head });
    github.orgTeams.set('acme/model-risk', 'forbidden');
    const unreadable = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(unreadable.code).toBe(1);
    expect(unreadable.stdout).toContain('the members of acme/model-risk could not be read with this token');
    github.orgTeams.set('acme/model-risk', ['frank-gh']);
    const readable = await runAction(repo.dir, 'pull_request_review', pullRequestPayload(base), {});
    expect(readable.code).toBe(0);
    expect(github.comments[0]?.body).toContain('member of acme/model-risk');
  });

  it("reads who may approve from the base: a pull request that changes the team's login cannot verify its own approval", async () => {
    const { repo, base, pull } = approvingPullRequest();
    repo.write({
      'teams/people.yaml': (FILES['teams/people.yaml'] as string).replace('github: {user: erin-walsh}', 'github: {user: mallory-alt}'),
    });
    pull.headSha = repo.commit('Erin has a new login');
    pull.reviews?.push({ login: 'mallory-alt', state: 'APPROVED', commitId: pull.headSha });
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), {});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('approval/unverified');
    expect(run.stdout).toContain('from @erin-walsh');
  });

  it('warns for each approval it could not check when GitHub fails, and never passes it', async () => {
    const { repo, base } = approvingPullRequest();
    for (let i = 0; i < 4; i++) github.scripted.push({ method: 'GET', response: { status: 500, body: { message: 'boom' } } });
    const run = await runAction(repo.dir, 'pull_request', pullRequestPayload(base), { 'fail-on': 'warning' });
    expect(run.stdout).toMatch(/^::warning .*approval\/not-checked/m);
    expect(run.stdout).toContain('was not checked against the reviews of pull request #7');
    expect(run.code).toBe(1);
  });
});

describe('action.yml and the workflows', () => {
  it('action.yml is a valid action definition, running on node24', () => {
    const action = readFileSync('action.yml', 'utf8');
    expect(action).toMatch(/^ {2}using: node24$/m);
    // The schema bundled with @action-validator predates the node24 runtime; check the rest with node20.
    expect(validateAction(action.replace('using: node24', 'using: node20')).errors).toEqual([]);
  });
  for (const file of [
    'examples/workflows/review-pull-requests.yml',
    'examples/workflows/publish-catalog.yml',
    'examples/workflows/fork-safe-diff.yml',
    'examples/workflows/fork-safe-comment.yml',
    'examples/workflows/hub.yml',
    'examples/workflows/train-and-record.yml',
    '.github/workflows/ci.yml',
  ]) {
    it(`${file} is a valid workflow`, () => {
      expect(validateWorkflow(readFileSync(file, 'utf8')).errors).toEqual([]);
    });
  }
  it('never recommends pull_request_target', () => {
    for (const file of [
      'review-pull-requests.yml',
      'publish-catalog.yml',
      'fork-safe-diff.yml',
      'fork-safe-comment.yml',
      'train-and-record.yml',
    ]) {
      expect(readFileSync(path.join('examples/workflows', file), 'utf8')).not.toMatch(/^\s*pull_request_target:/m);
    }
  });
});
