// A cache committed to a repository, or made on another machine by a modified Dossier, must never
// decide what lint says: every cache file is signed with a random key of this machine's user.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { codeIdentity } from '../../scripts/bundles.mjs';
import { CACHE_SIGNATURE_BYTES, encodeCacheFile } from '../../src/cache/cache-file.js';
import { peekCacheFile, tempRepo } from '../helpers.js';

// The caches forged here are read by the built CLI: they are written under its environment, which
// names the code of its build (the sources run here unbundled name none).
vi.stubGlobal('DOSSIER_CODE_ID', codeIdentity());

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

const keyIn = (keyDir: string) => readFileSync(path.join(keyDir, 'machine-key'), 'utf8').trim();

/** A repository linted once under `keyDir`, and the cache file of its stamps and result. */
function lintedOnce(keyDir: string) {
  const cwd = tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'data/d.yaml': BROKEN });
  const first = lint(cwd, keyDir);
  expect(first.code).toBe(1);
  return { cwd, first, result: path.join(cwd, '.dossier/cache/lint-stamps.bin') };
}

describe('a forged cache', () => {
  it('signed on another machine says nothing: lint still reports every problem', () => {
    const attacker = tempRepo();
    const victim = tempRepo();
    const { cwd, first, result } = lintedOnce(attacker);
    // The attacker's Dossier, under its own key, signs a result with no problems in it.
    const forged = peekCacheFile<{ kept: { diagnostics: unknown[] } }>(readFileSync(result));
    forged.content.kept.diagnostics = [];
    writeFileSync(result, encodeCacheFile(forged, keyIn(attacker)));
    // Under the key it was signed with, the forged result is what lint answers (so the test can fail) ...
    expect(lint(cwd, attacker)).toMatchObject({ code: 0 });
    // ... on any other machine (a fresh CI runner, a reviewer's clone) it is no cache at all.
    const honest = lint(cwd, victim);
    expect(honest.code).toBe(1);
    expect(honest.stdout).toBe(first.stdout);
  });

  it('made on this machine and then edited (a committed cache, changed in a pull request) is no cache', () => {
    const keyDir = tempRepo();
    const { cwd, first, result } = lintedOnce(keyDir);
    // The signature of this machine's own file kept, the content under it replaced.
    const bytes = readFileSync(result);
    const forged = peekCacheFile<{ kept: { diagnostics: unknown[] } }>(bytes);
    forged.content.kept.diagnostics = [];
    const header = bytes.subarray(0, bytes.indexOf(0x0a) + 1 + CACHE_SIGNATURE_BYTES);
    writeFileSync(result, Buffer.concat([header, encodeCacheFile(forged).subarray(header.length)]));
    expect(lint(cwd, keyDir).stdout).toBe(first.stdout);
  });

  it('keeps the machine key outside the repository, readable by its user only', () => {
    const keyDir = tempRepo();
    lintedOnce(keyDir);
    const key = path.join(keyDir, 'machine-key');
    expect(readFileSync(key, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(execFileSync('stat', ['-c', '%a', key], { encoding: 'utf8' }).trim()).toBe('600');
  });
});
