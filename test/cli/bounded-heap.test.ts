// The built CLI runs `build`, `log` and `audit` in a worker thread with a bounded heap: the same
// output, exit codes and errors as without the bound, and a clear message when the bound is too low.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles, tempRepo } from '../helpers.js';

const CLI = path.resolve('build/dossier.js');

function dossier(args: readonly string[], cwd: string, heapMb: string) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, DOSSIER_MAX_HEAP_MB: heapMb, NO_COLOR: '1', CI: '1' },
  });
}

describe('the bounded heap of the built CLI', () => {
  it('gives the same output and exit code as an unbounded run', () => {
    const cwd = tempRepo(exampleFiles());
    for (const args of [
      ['log', '--format', 'json'],
      ['build', '--bogus'],
      ['audit', '--help'],
    ]) {
      const bounded = dossier(args, cwd, '880');
      const unbounded = dossier(args, cwd, '0');
      expect([bounded.status, bounded.stdout, bounded.stderr], args.join(' ')).toEqual([
        unbounded.status,
        unbounded.stdout,
        unbounded.stderr,
      ]);
    }
    const built = dossier(['build', '--out', '_site'], cwd, '880');
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/^Built \d+ files for \d+ entities/);
  });

  it('says the heap ran out, and how to raise it, with exit code 2', () => {
    const cwd = tempRepo(exampleFiles());
    const run = dossier(['build', '--out', '_site'], cwd, '8');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('out of memory (the heap is bounded at 8 MB; set DOSSIER_MAX_HEAP_MB higher');
  });
});
