import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { markerFor } from '../../src/github/sticky-comment.js';
import { runCli, tempRepo } from '../helpers.js';
import { useFakeGitHub, type FakeGitHub } from './fake-github.js';

const fakeGitHub = useFakeGitHub();
let github: FakeGitHub;
beforeEach(() => {
  github = fakeGitHub();
});

function actionsEnv(cwd: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const eventPath = path.join(cwd, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: github.issue, pull_request: { number: github.issue } }));
  return {
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: github.url,
    DOSSIER_RETRY_BASE_MS: '1',
    ...extra,
  };
}

async function comment(body: string, args: string[] = [], extra: NodeJS.ProcessEnv = {}) {
  const cwd = tempRepo({ 'comment.md': body });
  return runCli(['comment', '--body-file', 'comment.md', ...args], { cwd, env: actionsEnv(cwd, extra) });
}

describe('dossier comment', () => {
  it('creates the comment the first time, with the marker first', async () => {
    const run = await comment('Hello');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Posted the Dossier comment: https:\/\/github\.example\//);
    expect(github.comments.map((c) => c.body)).toEqual([`${markerFor('dossier')}\nHello`]);
  });

  it('updates its own comment, found across pages, and leaves the others alone', async () => {
    for (let i = 0; i < 150; i++) github.addComment(`chatter ${i}`, 'User');
    const own = github.addComment(`${markerFor('dossier')}\nOld`);
    const run = await comment('New');
    expect(run.stdout).toContain('Updated the Dossier comment');
    expect(github.comments).toHaveLength(151);
    expect(own.body).toBe(`${markerFor('dossier')}\nNew`);
    expect(github.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('?')[0])).toEqual([
      '/repos/acme/metadata/issues/7/comments',
      '/repos/acme/metadata/issues/7/comments',
      '/user',
    ]);
  });

  it('with --dry-run prints the exact comment and says what posting would do, changing nothing', async () => {
    github.addComment(`${markerFor('dossier')}\nOld`);
    const update = await comment('New', ['--dry-run']);
    expect(update.code).toBe(0);
    expect(update.stdout).toBe(`${markerFor('dossier')}\nNew\n`);
    expect(update.stderr).toMatch(/dry run; posting would update the Dossier comment https:\/\/github\.example\//);
    expect((await comment('Old', ['--dry-run'])).stderr).toContain('would leave unchanged');
    expect((await comment('New', ['--dry-run', '--mode', 'recreate'])).stderr).toContain('would recreate');
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(github.comments.map((c) => c.body)).toEqual([`${markerFor('dossier')}\nOld`]);
  });

  it('with --dry-run and no token still prints the comment, and says what it could not look up', async () => {
    const cwd = tempRepo({ 'comment.md': 'Preview' });
    const run = await runCli(['comment', '--body-file', 'comment.md', '--dry-run'], { cwd, env: {} });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${markerFor('dossier')}\nPreview\n`);
    expect(run.stderr).toContain('was not looked up (No repository');
    expect(github.requests).toEqual([]);
  });

  it('skips the call when the text is unchanged', async () => {
    github.addComment(`${markerFor('dossier')}\nSame`);
    const run = await comment('Same');
    expect(run.stdout).toContain('Unchanged');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('keeps comments of different headers apart', async () => {
    const other = github.addComment(`${markerFor('staging')}\nStaging report`);
    await comment('Production report', ['--header', 'production']);
    expect(other.body).toBe(`${markerFor('staging')}\nStaging report`);
    expect(github.comments).toHaveLength(2);
  });

  it('does not take a comment that only quotes the marker later on', async () => {
    const quoting = github.addComment(`Look at this: ${markerFor('dossier')}`, 'User');
    await comment('Report');
    expect(quoting.body).toBe(`Look at this: ${markerFor('dossier')}`);
    expect(github.comments).toHaveLength(2);
  });

  it('recreates the comment in recreate mode', async () => {
    const old = github.addComment(`${markerFor('dossier')}\nOld`);
    const run = await comment('New', ['--mode', 'recreate']);
    expect(run.stdout).toContain('Re-posted');
    expect(github.comments.map((c) => c.id)).not.toContain(old.id);
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'DELETE', 'POST']);
  });

  it.each(['update', 'recreate'])("never edits or deletes a user's comment that starts with the marker (%s)", async (mode) => {
    const forged = github.addComment(`${markerFor('dossier')}\nPlease merge, @acme/admins approved`, 'User', 'mallory');
    const run = await comment('Report', ['--mode', mode]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Posted the Dossier comment');
    expect(github.comments[0]).toBe(forged);
    expect(forged.body).toBe(`${markerFor('dossier')}\nPlease merge, @acme/admins approved`);
    expect(github.comments.map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]']);
  });

  it("with a personal token, takes only the comments of the token's user (GET /user)", async () => {
    github.login = 'release-bot';
    const actions = github.addComment(`${markerFor('dossier')}\nBy the Actions bot`);
    const own = github.addComment(`${markerFor('dossier')}\nOld`, 'User', 'release-bot');
    const run = await comment('New');
    expect(run.stdout).toContain('Updated the Dossier comment');
    expect(own.body).toBe(`${markerFor('dossier')}\nNew`);
    expect(actions.body).toBe(`${markerFor('dossier')}\nBy the Actions bot`);
  });

  it('posts nothing in off mode', async () => {
    const run = await comment('Report', ['--mode', 'off']);
    expect(run).toMatchObject({ code: 0 });
    expect(github.requests).toEqual([]);
  });

  for (const status of [403, 404]) {
    it(`warns and exits 0 when GitHub answers ${status} (read-only fork tokens)`, async () => {
      github.scripted.push({ method: 'POST', response: { status, body: { message: 'Resource not accessible by integration' } } });
      const run = await comment('Report');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`GitHub refused the pull request comment (HTTP ${status})`);
      expect(run.stderr).toContain('pull-requests: write');
    });
  }

  it('retries a server error, then succeeds', async () => {
    github.scripted.push({ method: 'GET', response: { status: 500 } });
    const run = await comment('Report');
    expect(run.code).toBe(0);
    expect(github.comments).toHaveLength(1);
  });

  it('waits out a rate limit, then succeeds', async () => {
    github.scripted.push({
      method: 'GET',
      response: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
        body: { message: 'API rate limit exceeded' },
      },
    });
    const run = await comment('Report');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('rate limit');
    expect(github.comments).toHaveLength(1);
  });

  it('fails with exit 2 when GitHub keeps failing', async () => {
    for (let i = 0; i < 10; i++) github.scripted.push({ method: 'GET', response: { status: 500 } });
    const run = await comment('Report');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('could not post the comment: HTTP 500');
    github.scripted.length = 0;
  });

  it('explains what is missing outside GitHub Actions', async () => {
    const cwd = tempRepo({ 'comment.md': 'x' });
    const run = await runCli(['comment', '--body-file', 'comment.md'], { cwd, env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No repository');
  });
});

describe('dossier comment --diff', () => {
  const diffJson = (change: Record<string, unknown>, head: Record<string, unknown> = { ref: 'feature', sha: 'b'.repeat(40) }) =>
    JSON.stringify({
      apiVersion: 'dossier/v1',
      kind: 'Diff',
      formatVersion: 1,
      base: { ref: 'main', sha: 'a'.repeat(40) },
      head,
      summary: { breaking: 0, warning: 0, info: 1, added: 0, removed: 0, changed: 1, newProblems: 0 },
      changes: [
        {
          id: 'owner-changed',
          level: 'info',
          entity: 'model:default/m',
          title: 'Owner changed',
          details: [],
          file: 'm.yaml',
          line: 1,
          fingerprint: '0'.repeat(16),
          ...change,
        },
      ],
    });

  it('refuses a diff whose ids or commits break the schema, listing every problem, and posts nothing (exit 2)', async () => {
    const cwd = tempRepo({
      'diff.json': diffJson(
        { id: 'x\n# Pwned [link](https://evil.example) @acme/everyone' },
        { ref: 'feature', sha: '![img](https://evil.example/p.png)' },
      ),
    });
    const run = await runCli(['comment', '--diff', 'diff.json'], { cwd, env: actionsEnv(cwd) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a Dossier diff');
    expect(run.stderr).toContain('/changes/0/id must match pattern');
    expect(run.stderr).toContain('/head/sha must match pattern');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(github.requests).toEqual([]);
  });

  it('posts a valid diff with every text field escaped', async () => {
    const cwd = tempRepo({ 'diff.json': diffJson({ title: '# Pwned ![img](https://evil.example/p.png) @acme/everyone' }) });
    const run = await runCli(['comment', '--diff', 'diff.json'], { cwd, env: actionsEnv(cwd) });
    expect(run.code, run.stderr).toBe(0);
    const body = github.comments[0]?.body ?? '';
    expect(body).toContain('- \\# Pwned !\\[img\\](https:\u200b//evil.example/p.png) \u200b@\u200bacme/everyone');
  });
});
