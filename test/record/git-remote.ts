// A clone of the example whose origin is a bare repository in a temporary folder: a real remote to
// push record branches to.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gitIn } from '../diff/git-repo.js';
import { exampleFiles, tempRepo } from '../helpers.js';

/** A clone of the example whose origin is a bare repository in a temporary folder. */
export function cloneWithRemote(): { dir: string; remote: string; git: (...args: string[]) => string } {
  const remote = path.join(tempRepo(), 'remote.git');
  const seed = tempRepo(exampleFiles());
  const run = gitIn;
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  run(seed)('init', '-q', '-b', 'main');
  run(seed)('add', '-A');
  run(seed)('commit', '-q', '-m', 'metadata');
  run(seed)('push', '-q', remote, 'main');
  const dir = path.join(tempRepo(), 'clone');
  execFileSync('git', ['clone', '-q', remote, dir]);
  const git = run(dir);
  git('config', 'user.name', 'Trainer');
  git('config', 'user.email', 'trainer@example.com');
  return { dir, remote, git };
}
