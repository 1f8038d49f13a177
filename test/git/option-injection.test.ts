// Values given to history, audit, diff and time-travel flags reach git as revisions or dates, never
// as options: `--rev=--output=out.txt` once made `git log` write a file.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo } from '../diff/git-repo.js';
import { exampleFiles, runCli } from '../helpers.js';

const HOSTILE: { name: string; args: string[]; flag: string }[] = [
  { name: 'log --rev', args: ['log', '--rev=--output=out.txt'], flag: '--rev' },
  { name: 'log --since', args: ['log', '--since=--output=out.txt'], flag: '--since' },
  { name: 'log --until', args: ['log', '--until=--output=out.txt'], flag: '--until' },
  { name: 'audit --rev', args: ['audit', 'model:fraud-detector', '--rev=--output=out.txt'], flag: '--rev' },
  { name: 'audit --since', args: ['audit', 'model:fraud-detector', '--since=--output=out.txt'], flag: '--since' },
  { name: 'compile --at', args: ['compile', '--at=--output=out.txt'], flag: '--at' },
];

describe('git option injection through revision flags', () => {
  it.each(HOSTILE)(
    '$name: a value that looks like an option is a revision that names no commit (exit 2), and git writes nothing',
    async ({ args, flag }) => {
      const repo = gitRepo(exampleFiles());
      const before = readdirSync(repo.dir).sort();
      const run = await runCli(args, { cwd: repo.dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`\`${flag} --output=out.txt\` names no commit in this clone`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(repo.dir).sort()).toEqual(before);
      expect(existsSync(path.join(repo.dir, 'out.txt'))).toBe(false);
    },
  );

  it('diff --base: an option-like base is a missing ref, with no command to paste', async () => {
    const repo = gitRepo(exampleFiles());
    const before = readdirSync(repo.dir).sort();
    const run = await runCli(['diff', '--base=--output=out.txt'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('The base ref `--output=out.txt` is not in this clone.');
    expect(run.stderr).not.toContain('git fetch');
    expect(readdirSync(repo.dir).sort()).toEqual(before);
  });

  it('diff --head: an option-like head is a missing ref, named as the head', async () => {
    const repo = gitRepo(exampleFiles());
    const before = readdirSync(repo.dir).sort();
    const run = await runCli(['diff', '--base=HEAD', '--head=--output=out.txt'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('The head ref `--output=out.txt` is not in this clone.');
    expect(readdirSync(repo.dir).sort()).toEqual(before);
  });

  it('diff --base: a hostile base is never quoted into the suggested fetch command; a plain one is', async () => {
    const repo = gitRepo(exampleFiles());
    repo.git('remote', 'add', 'origin', 'https://example.invalid/metadata.git');
    const hostile = await runCli(['diff', '--base', 'main;touch${IFS}pwned'], { cwd: repo.dir });
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).not.toContain('git fetch');
    const plain = await runCli(['diff', '--base', 'origin/release'], { cwd: repo.dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('`git fetch --no-tags origin release`');
  });

  it('log still reads revisions and dates', async () => {
    const repo = gitRepo(exampleFiles());
    repo.write({ 'models/notes.yaml': null });
    const first = repo.git('rev-parse', 'HEAD');
    repo.commit('empty');
    for (const args of [
      ['--rev', 'HEAD'],
      ['--since', first],
      ['--until', 'main'],
      ['--since', '2000-01-01'],
      ['--until', '2999-12-31'],
    ]) {
      const run = await runCli(['log', ...args], { cwd: repo.dir });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
  });
});
