// A cache committed to a repository, or made on another machine by a modified Dossier, must never
// decide what lint says: the cache is bound to a random key of this machine's user.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCacheFile, encodeCacheFile, type CacheFile } from '../../src/cache/cache-file.js';
import { tempRepo } from '../helpers.js';

const BROKEN = `apiVersion: dossier/v1
kind: Dataset
metadata: {name: Not A Name, version: "1"}
spec: {classification: secret, containsPII: maybe}
`;

/** The built CLI as another process, with its own machine key folder. */
function lint(cwd: string, keyDir: string): { code: number; stdout: string } {
  try {
    const stdout = execFileSync(process.execPath, [path.resolve('build/dossier.js'), 'lint'], {
      cwd,
      env: { PATH: process.env.PATH, DOSSIER_KEY_DIR: keyDir, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, stdout: failed.stdout };
  }
}

describe('a forged cache', () => {
  it('made on another machine says nothing: lint still reports every problem', () => {
    const cwd = tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'data/d.yaml': BROKEN });
    const attacker = tempRepo();
    const victim = tempRepo();
    const first = lint(cwd, attacker);
    expect(first.code).toBe(1);

    // The attacker's Dossier, under its own key, writes a result with no problems in it.
    const result = path.join(cwd, '.dossier/cache/result.bin');
    const forged = decodeCacheFile(readFileSync(result)) as CacheFile<{ diagnostics: unknown[] }>;
    forged.content.diagnostics = [];
    writeFileSync(result, encodeCacheFile(forged));
    // Under the key it was made with, the forged result is what lint answers (so the test can fail) ...
    expect(lint(cwd, attacker)).toMatchObject({ code: 0 });
    // ... on any other machine (a fresh CI runner, a reviewer's clone) it is no cache at all.
    const honest = lint(cwd, victim);
    expect(honest.code).toBe(1);
    expect(honest.stdout).toBe(first.stdout);
  });

  it('is never deserialized: a file whose header is not this machine’s is turned away unread', () => {
    const cwd = tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'data/d.yaml': BROKEN });
    const keyDir = tempRepo();
    const first = lint(cwd, keyDir);
    const result = path.join(cwd, '.dossier/cache/result.bin');
    const header = readFileSync(result).subarray(0, 14).toString('latin1');
    expect(header).toBe('dossier-cache ');
    // No format or environment line: a v8 payload alone, as a cache of an older Dossier (or a forger) wrote it.
    writeFileSync(result, readFileSync(result).subarray(readFileSync(result).indexOf(0x0a) + 1));
    expect(lint(cwd, keyDir).stdout).toBe(first.stdout);
  });

  it('keeps the machine key outside the repository, readable by its user only', () => {
    const cwd = tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'data/d.yaml': BROKEN });
    const keyDir = tempRepo();
    lint(cwd, keyDir);
    const key = path.join(keyDir, 'machine-key');
    expect(readFileSync(key, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(execFileSync('stat', ['-c', '%a', key], { encoding: 'utf8' }).trim()).toBe('600');
  });
});
