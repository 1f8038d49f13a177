// Time travel: the metadata as it was at a revision or on a date, read from git objects while the
// working tree holds other, uncommitted edits that must stay untouched.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, type TestRepo } from '../diff/git-repo.js';
import { exampleFiles, parseCatalogJson, runCli } from '../helpers.js';

const FILES = exampleFiles();
const VERSIONS = 'models/fraud-detector/versions.yaml';

function committedOn(date: string, commit: () => void): void {
  process.env.GIT_COMMITTER_DATE = date;
  process.env.GIT_AUTHOR_DATE = date;
  try {
    commit();
  } finally {
    delete process.env.GIT_COMMITTER_DATE;
    delete process.env.GIT_AUTHOR_DATE;
  }
}

/** February: the example as it is; March: one more version; the working tree: an uncommitted edit. */
function history(): { repo: TestRepo; edited: string } {
  let repo: TestRepo | undefined;
  committedOn('2024-02-01T12:00:00Z', () => {
    repo = gitRepo(FILES);
  });
  const r = repo as TestRepo;
  const added = `${FILES[VERSIONS] as string}---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: fraud-detector, version: "9.0.0", owner: risk-ml}\nspec: {model: fraud-detector, stage: development}\n`;
  r.write({ [VERSIONS]: added });
  committedOn('2024-03-05T12:00:00Z', () => r.commit('Version 9'));
  const edited = `${added}# an uncommitted edit\n`;
  r.write({ [VERSIONS]: edited });
  return { repo: r, edited };
}

const versionsIn = async (cwd: string, args: string[]) => {
  const run = await runCli(['compile', ...args], { cwd });
  expect(run.code, run.stderr).not.toBe(2);
  return parseCatalogJson(run.stdout).entities.filter((e) => e.identity.startsWith('modelversion:default/fraud-detector@')).length;
};

describe('dossier compile --at', () => {
  it('compiles the metadata as it was at a revision or a date, never touching the working tree', async () => {
    const { repo, edited } = history();
    const now = await versionsIn(repo.dir, []);
    expect(await versionsIn(repo.dir, ['--at', 'main'])).toBe(now - 1);
    expect(await versionsIn(repo.dir, ['--at', 'HEAD'])).toBe(now);
    expect(await versionsIn(repo.dir, ['--at', '2024-03-01'])).toBe(now - 1);
    expect(await versionsIn(repo.dir, ['--at', '2024-03-05'])).toBe(now);
    expect(readFileSync(path.join(repo.dir, VERSIONS), 'utf8')).toBe(edited);
  });

  it('says where history starts for a date before the first commit, and refuses unknown revisions (exit 2)', async () => {
    const { repo } = history();
    const early = await runCli(['compile', '--at', '2024-01-15'], { cwd: repo.dir });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('There is no commit at or before 2024-01-15: the history of this clone starts on 2024-02-01.');
    const unknown = await runCli(['compile', '--at', 'no-such-tag'], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('`--at no-such-tag` names no commit');
  });

  it('says which commit it read', async () => {
    const { repo } = history();
    const run = await runCli(['compile', '--at', '2024-02-20', '--summary'], { cwd: repo.dir });
    expect(run.stderr).toMatch(/as of 2024-02-20 \([0-9a-f]{7}\)/);
  });
});

describe('dossier build --at', () => {
  it('builds the site of the metadata as it was', async () => {
    const { repo } = history();
    expect((await runCli(['build', '--at', '2024-02-20', '--out', '_old'], { cwd: repo.dir })).code).toBe(0);
    expect((await runCli(['build', '--out', '_new'], { cwd: repo.dir })).code).toBe(0);
    const page = 'entity/modelversion/default/fraud-detector@9.0.0.html';
    expect(() => readFileSync(path.join(repo.dir, '_old', page))).toThrow();
    expect(readFileSync(path.join(repo.dir, '_new', page), 'utf8')).toContain('9.0.0');
  });
});
