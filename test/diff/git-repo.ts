// Real temporary git repositories for diff tests: a base commit, then head changes.

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempRepo } from '../helpers.js';

export interface TestRepo {
  dir: string;
  write(files: Record<string, string | null>): void;
  commit(message: string): string;
  git(...args: string[]): string;
}

/** git in a folder, as author and committer `t`: its output, trimmed. */
export function gitIn(cwd: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    }).trim();
}

export function gitRepo(files: Record<string, string>): TestRepo {
  const dir = tempRepo();
  const git = gitIn(dir);
  const repo: TestRepo = {
    dir,
    git,
    write(changes) {
      for (const [file, content] of Object.entries(changes)) {
        const full = path.join(dir, file);
        if (content === null) rmSync(full, { force: true });
        else {
          mkdirSync(path.dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
  git('init', '-q', '-b', 'main');
  repo.write(files);
  repo.commit('base');
  git('checkout', '-q', '-b', 'feature');
  return repo;
}
