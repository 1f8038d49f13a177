// The lint cache: the same report warm as cold, invalidated by every input that changes the result,
// and never trusted when it is corrupt, truncated, foreign or from another Dossier.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

const CACHE = '.dossier/cache/lint-cache.bin';
const VERSIONS = 'models/fraud-detector/versions.yaml';

async function lint(cwd: string, args: string[] = []) {
  const run = await runCli(['lint', '--format', 'json', ...args], { cwd });
  expect(run.code, run.stderr).not.toBe(2);
  return run.stdout;
}

interface CacheContent {
  environment: string;
  result?: { value: { diagnostics: unknown[] } };
  files: Map<string, unknown>;
}
const readCache = (cwd: string, file = CACHE) => deserialize(readFileSync(path.join(cwd, file))) as CacheContent;

describe('the lint cache', () => {
  it('gives the same report warm as cold, and is really used', async () => {
    const cwd = tempRepo(exampleFiles());
    const cold = await lint(cwd, ['--no-cache']);
    expect(existsSync(path.join(cwd, '.dossier'))).toBe(false);
    expect(await lint(cwd)).toBe(cold);
    expect(existsSync(path.join(cwd, CACHE))).toBe(true);
    expect(await lint(cwd)).toBe(cold);

    // A poisoned result under the right environment is what the next run answers: the cache is read.
    const cache = readCache(cwd);
    if (cache.result === undefined) throw new Error('no result cached');
    cache.result.value.diagnostics = [];
    writeFileSync(path.join(cwd, CACHE), serialize(cache));
    expect(JSON.parse(await lint(cwd))).toMatchObject({ diagnostics: [] });
  });

  it('is invalidated by a file edit, a config edit, a rule option edit and another Dossier version', async () => {
    const cwd = tempRepo(exampleFiles());
    const clean = await lint(cwd);
    const count = (report: string) => (JSON.parse(report) as { diagnostics: unknown[] }).diagnostics.length;

    writeFileSync(path.join(cwd, VERSIONS), readFileSync(path.join(cwd, VERSIONS), 'utf8').replace('stage: staging', 'stage: live'));
    const edited = await lint(cwd);
    expect(edited).toContain('stage');
    expect(count(edited)).toBe(count(clean) + 1);
    expect(edited).toBe(await lint(cwd, ['--no-cache']));

    writeFileSync(
      path.join(cwd, 'dossier.yaml'),
      `${readFileSync(path.join(cwd, 'dossier.yaml'), 'utf8')}\nrules: {schema/invalid-value: off}\n`.replace('rules: {}\n', ''),
    );
    const configured = await lint(cwd);
    expect(configured).toBe(await lint(cwd, ['--no-cache']));
    expect(count(configured)).toBe(count(clean));

    writeFileSync(
      path.join(cwd, 'dossier.yaml'),
      readFileSync(path.join(cwd, 'dossier.yaml'), 'utf8').replace(
        'rules: {schema/invalid-value: off}',
        'rules: {schema/invalid-value: off, entity/naming-pattern: [error, {patterns: {Team: "^x"}}]}',
      ),
    );
    const option = await lint(cwd);
    expect(option).toContain('entity/naming-pattern');
    expect(option).toBe(await lint(cwd, ['--no-cache']));

    // Another Dossier (or other schemas) wrote it: nothing of it is used, and it is rewritten.
    const cache = readCache(cwd);
    const environment = cache.environment;
    if (cache.result === undefined) throw new Error('no result cached');
    cache.environment = 'dossier 0.0.1';
    cache.result.value.diagnostics = [];
    writeFileSync(path.join(cwd, CACHE), serialize(cache));
    expect(await lint(cwd)).toBe(option);
    expect(readCache(cwd).environment).toBe(environment);
  });

  it('ignores and rewrites a truncated, corrupt or foreign cache; deleting it is safe', async () => {
    const cwd = tempRepo(exampleFiles());
    const clean = await lint(cwd);
    const whole = readFileSync(path.join(cwd, CACHE));
    for (const broken of [
      whole.subarray(0, whole.length >> 1),
      Buffer.from('garbage \u0000\u00ff'),
      Buffer.from('{"format": 1}'),
      serialize(['a', 'list']),
    ]) {
      writeFileSync(path.join(cwd, CACHE), broken);
      expect(await lint(cwd)).toBe(clean);
      expect(readCache(cwd).files.size).toBeGreaterThan(0);
    }
    rmSync(path.join(cwd, '.dossier'), { recursive: true });
    expect(await lint(cwd)).toBe(clean);
  });

  it('survives concurrent runs, and lives where --cache-location says', async () => {
    const cwd = tempRepo(exampleFiles());
    const reports = await Promise.all([lint(cwd), lint(cwd), lint(cwd)]);
    expect(new Set(reports).size).toBe(1);
    expect(readCache(cwd).files.size).toBeGreaterThan(0);
    const elsewhere = await lint(cwd, ['--cache-location', 'tmp/cache']);
    expect(elsewhere).toBe(reports[0]);
    expect(readCache(cwd, 'tmp/cache/lint-cache.bin').files.size).toBeGreaterThan(0);
  });
});
