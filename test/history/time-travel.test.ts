// Time travel: the metadata as it was at a revision or on a date, read from git objects while the
// working tree holds other, uncommitted edits that must stay untouched.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { gitRepo, type TestRepo } from '../diff/git-repo.js';
import { siteHistoryCommits } from '../../src/use-cases/build-project-site.js';
import { createAjv, loadSchema } from '../../src/validate/ajv-instance.js';
import { exampleFiles, parseCatalogJson, runCli, tempRepo } from '../helpers.js';

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

  it("reads a revision's files as its own dossier.yaml selected them: the metadata may have moved since", async () => {
    const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ml}\nspec: {}\n';
    const repo = gitRepo({ 'dossier.yaml': 'roots: [old]\n', 'old/team.yaml': team });
    repo.write({ 'dossier.yaml': 'roots: [meta]\n', 'old/team.yaml': null, 'meta/team.yaml': team });
    repo.commit('Move the metadata');
    const teams = async (args: string[]) =>
      parseCatalogJson((await runCli(['compile', ...args], { cwd: repo.dir })).stdout).entities.map((e) => e.identity);
    expect(await teams([])).toEqual(['team:default/ml']);
    expect(await teams(['--at', 'HEAD~1'])).toEqual(['team:default/ml']);
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

  it.each([
    ['compile', '--at', '^HEAD', 'names no commit'],
    ['compile', '--at', 'HEAD~1..HEAD', 'names no commit'],
    ['log', '--rev', '^HEAD', 'names no commit'],
    ['compile', '--at', '2024-02-30', 'is not a date'],
    ['compile', '--at', '2024-13-45', 'is not a date'],
    ['compile', '--at', '2024-02-20T25:00', 'is not a date'],
    ['compile', '--at', '2024-02-20T13:00:00+25:00', 'is not a date'],
    ['compile', '--at', '2024-02-20T13:00:00+02:60', 'is not a date'],
    ['log', '--until', '2024-03-00', 'is not a date'],
    ['log', '--since', '2024-13-45', 'is not a date'],
  ])(
    '%s %s %s: a range or a day that does not exist is refused, not read as another commit (exit 2)',
    async (command, flag, value, says) => {
      const { repo } = history();
      const run = await runCli([command, flag, value], { cwd: repo.dir });
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toContain(`\`${flag} ${value}\` ${says}`);
    },
  );

  it('takes a leap day and a branch named like a date that is not one', async () => {
    const { repo } = history();
    expect((await runCli(['compile', '--at', '2024-02-29', '--summary'], { cwd: repo.dir })).code).toBe(0);
    expect((await runCli(['compile', '--at', '2024-02-29T13:00:00+14:00', '--summary'], { cwd: repo.dir })).code).toBe(0);
    execFileSync('git', ['branch', '2024-02-30-fix'], { cwd: repo.dir });
    expect((await runCli(['compile', '--at', '2024-02-30-fix', '--summary'], { cwd: repo.dir })).code).toBe(0);
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

/** A history: base, promote a version, regress a metric, remove a feature, move a file, a merge. */
function scripted(): TestRepo {
  let repo: TestRepo | undefined;
  committedOn('2024-02-01T12:00:00Z', () => {
    repo = gitRepo(FILES);
  });
  const r = repo as TestRepo;
  const step = (date: string, message: string, files: Record<string, string | null>) => {
    r.write(files);
    committedOn(date, () => r.commit(message));
  };
  const versions = FILES[VERSIONS] as string;
  const staged = versions.replace('stage: production', 'stage: staging');
  step('2024-02-10T12:00:00Z', 'Demote', { [VERSIONS]: staged });
  step('2024-03-01T12:00:00Z', 'Promote again', { [VERSIONS]: versions });
  step('2024-03-15T12:00:00Z', 'Move a file', { [VERSIONS]: null, 'models/fraud-detector/all-versions.yaml': versions });
  const views = FILES['features/feature-views.yaml'] as string;
  step('2024-04-01T12:00:00Z', 'Rename a feature', {
    'features/feature-views.yaml': views.replace('distinct_merchants_7d', 'merchants_7d'),
  });
  step('2024-04-02T12:00:00Z', 'Unrelated', { 'notes.txt': 'not metadata' });
  return r;
}

describe('dossier log', () => {
  interface LogJson {
    events: { commit: string; date: string; change: string; entity: string; level: string }[];
  }
  const log = async (cwd: string, args: string[] = []) => {
    const run = await runCli(['log', '--format', 'json', ...args], { cwd });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as LogJson;
  };

  it('lists the changes of each commit, newest first, with the ids of dossier diff; moves are not changes', async () => {
    const repo = scripted();
    const { events } = await log(repo.dir);
    const days = events.map((e) => `${e.date.slice(0, 10)} ${e.change}`);
    expect(days[0]?.startsWith('2024-04-01')).toBe(true);
    expect(days.filter((d) => d.startsWith('2024-03-15'))).toEqual([]);
    expect(days).toContain('2024-04-01 feature-removed');
    expect(days.some((d) => d.startsWith('2024-02-10'))).toBe(true);
    expect(days.some((d) => d.startsWith('2024-03-01'))).toBe(true);
    expect(events.some((e) => e.date.startsWith('2024-04-02'))).toBe(false);
    const validate = createAjv().compile(loadSchema('log.schema.json'));
    expect(validate(await log(repo.dir)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('filters by entity (a Model covers its versions), change id, level, dates and paths', async () => {
    const repo = scripted();
    const all = (await log(repo.dir)).events;
    const model = (await log(repo.dir, ['model:fraud-detector'])).events;
    expect(model.length).toBeGreaterThan(0);
    expect(model.every((e) => e.entity.includes('fraud-detector'))).toBe(true);
    expect(model.some((e) => e.entity.startsWith('modelversion:'))).toBe(true);
    expect((await log(repo.dir, ['--change', 'feature-removed'])).events.map((e) => e.change)).toEqual(['feature-removed']);
    // A misspelt id is refused: it would read as "nothing of that kind happened".
    const misspelt = await runCli(['log', '--change', 'feature-remove'], { cwd: repo.dir });
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('--change: there is no change `feature-remove`. Did you mean `feature-removed`?');
    expect((await log(repo.dir, ['--level', 'breaking'])).events.every((e) => e.level === 'breaking')).toBe(true);
    const march = (await log(repo.dir, ['--since', '2024-02-20', '--until', '2024-03-31'])).events;
    expect(march.every((e) => e.date.startsWith('2024-03'))).toBe(true);
    expect(march.length).toBeGreaterThan(0);
    const features = (await log(repo.dir, ['features'])).events;
    expect(features.length).toBeGreaterThan(0);
    expect(features.length).toBeLessThan(all.length);
  });

  it('--since a day starts at its midnight, whatever the time of day the command runs', async () => {
    const repo = scripted();
    // Local time, as git reads a date without a zone: a second after the day began.
    repo.write({ [VERSIONS]: (FILES[VERSIONS] as string).replace('stage: production', 'stage: staging') });
    committedOn('2024-05-01T00:00:01', () => repo.commit('Demote just after midnight'));
    const may = (await log(repo.dir, ['--since', '2024-05-01'])).events;
    expect(may.map((e) => e.date.slice(0, 10))).toContain('2024-05-01');
    expect(may.every((e) => e.date.startsWith('2024-05-01'))).toBe(true);
  });

  it('prints text and Markdown, and says where a shallow clone stops', async () => {
    const repo = scripted();
    const text = await runCli(['log'], { cwd: repo.dir });
    expect(text.stdout).toMatch(/^2024-04-01 [0-9a-f]{7} t\n/);
    expect((await runCli(['log', '--format', 'markdown'], { cwd: repo.dir })).stdout).toContain('## Metadata history');
    const shallow = tempRepo();
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo.dir}`, shallow], { stdio: 'ignore' });
    expect((await runCli(['log'], { cwd: shallow })).stdout).toContain('this clone is shallow');
  });
});

describe('the site of a repository with history', () => {
  it('has a Timeline per entity, changes.html with filters, and a valid Atom feed', async () => {
    const repo = scripted();
    expect((await runCli(['build', '--out', '_site', '--base-url', 'https://acme.github.io/metadata/'], { cwd: repo.dir })).code).toBe(0);
    const site = path.join(repo.dir, '_site');
    const view = readFileSync(path.join(site, 'entity/featureview/default/customer-transaction-stats.html'), 'utf8');
    expect(view).toContain('<h2 id="timeline-heading">Timeline</h2>');
    expect(view).toContain('feature-removed');
    const changes = readFileSync(path.join(site, 'changes.html'), 'utf8');
    expect(changes).toContain('select data-filter="change"');
    expect(changes).toContain('href="./changes.atom"');

    const feed = new DOMParser().parseFromString(readFileSync(path.join(site, 'changes.atom'), 'utf8'), 'application/xml');
    const ATOM = 'http://www.w3.org/2005/Atom';
    const root = feed.documentElement;
    expect(root?.namespaceURI).toBe(ATOM);
    expect(root?.localName).toBe('feed');
    for (const name of ['id', 'title', 'updated']) expect(root?.getElementsByTagNameNS(ATOM, name).length, name).toBeGreaterThan(0);
    const entries = Array.from(root?.getElementsByTagNameNS(ATOM, 'entry') ?? []);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated', 'author']) expect(entry.getElementsByTagNameNS(ATOM, name).length, name).toBe(1);
      expect(Number.isNaN(Date.parse(entry.getElementsByTagNameNS(ATOM, 'updated')[0]?.textContent ?? ''))).toBe(false);
    }
    expect(entries[0]?.getElementsByTagNameNS(ATOM, 'title')[0]?.textContent).toContain('metadata change');
  });

  it('escapes hostile text from old commits in the page and the feed', async () => {
    const repo = scripted();
    const hostile = '<script>alert(1)</script>';
    repo.write({ 'teams/evil.yaml': `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: evil, description: x}\nspec: {}\n` });
    committedOn('2024-05-01T12:00:00Z', () => repo.commit(hostile));
    process.env.GIT_AUTHOR_NAME = hostile;
    try {
      repo.write({ 'teams/evil.yaml': `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: evil, description: y}\nspec: {}\n` });
      committedOn('2024-05-02T12:00:00Z', () => repo.commit('edit'));
    } finally {
      delete process.env.GIT_AUTHOR_NAME;
    }
    expect((await runCli(['build', '--out', '_site'], { cwd: repo.dir })).code).toBe(0);
    const changes = readFileSync(path.join(repo.dir, '_site/changes.html'), 'utf8');
    expect(changes).not.toContain(hostile);
    const feed = readFileSync(path.join(repo.dir, '_site/changes.atom'), 'utf8');
    expect(feed).not.toContain('<script>');
    expect(new DOMParser().parseFromString(feed, 'application/xml').documentElement?.localName).toBe('feed');
  });
});

describe('the history the site can afford', () => {
  it('reads the last 500 commits, and none for catalogs over 50k entities', () => {
    expect([64, 10_000, 50_000, 50_001, 100_000].map(siteHistoryCommits)).toEqual([500, 500, 500, 0, 0]);
  });
});
