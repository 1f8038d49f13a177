// The lint cache: the same report warm as cold, invalidated by every input that changes the result,
// and never trusted when it is corrupt, truncated, foreign or from another Dossier.

import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
import { encodeCacheFile, isObject, readCacheFile, writeCacheFile } from '../../src/cache/cache-file.js';
import { cacheEnvironment } from '../../src/cache/layout.js';
import { toTextColumn } from '../../src/engine/text-column.js';
import { machineKey } from '../../src/ground/machine-key.js';
import { describe, expect, it, vi } from 'vitest';
import { exampleFiles, runCli, tempRepo, peekCacheFile } from '../helpers.js';

const CACHE_DIR = '.dossier/cache';
/** The lint's stamps, with its result kept beside them. */
const RESULT = '.dossier/cache/lint-stamps.bin';
const VERSIONS = 'models/fraud-detector/versions.yaml';

async function lint(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(['lint', '--format', 'json', ...args], { cwd, env });
  expect(run.code, run.stderr).not.toBe(2);
  return run.stdout;
}

type Analyses = Map<string, unknown>;
interface Result {
  kept: { diagnostics: unknown[] };
}
const readAnalyses = (cwd: string, file: string) => peekCacheFile<Analyses>(readFileSync(path.join(cwd, file)));
const readResult = (cwd: string) => peekCacheFile<Result>(readFileSync(path.join(cwd, RESULT)));
/** How many files' analyses the cache in `dir` holds, over its shards. */
const analysesIn = (cwd: string, dir = CACHE_DIR) =>
  readdirSync(path.join(cwd, dir))
    .filter((file) => file.startsWith('analyses-'))
    .reduce((sum, file) => sum + readAnalyses(cwd, path.join(dir, file)).content.size, 0);
const shards = (cwd: string) => readdirSync(path.join(cwd, CACHE_DIR)).filter((file) => file.startsWith('analyses-'));

describe('the lint cache', () => {
  it('gives the same report warm as cold, and is really used', async () => {
    const cwd = tempRepo(exampleFiles());
    const cold = await lint(cwd, ['--no-cache']);
    expect(existsSync(path.join(cwd, '.dossier'))).toBe(false);
    expect(await lint(cwd)).toBe(cold);
    expect(analysesIn(cwd)).toBeGreaterThan(0);
    expect(await lint(cwd)).toBe(cold);

    // A poisoned result under the right environment is what the next run answers: the cache is read.
    const cache = readResult(cwd);
    cache.content.kept.diagnostics = [];
    writeFileSync(path.join(cwd, RESULT), encodeCacheFile(cache));
    expect(JSON.parse(await lint(cwd))).toMatchObject({ diagnostics: [] });
  });

  it("answers an unchanged repository from the files' stamps, without reading them, as git answers status", async () => {
    // Another tool's Latin-1 file is stamped like the rest (it once made every run read every file).
    const files = { ...exampleFiles(), 'notes/other.yaml': Buffer.from('title: caf\xe9\n', 'latin1') };
    const cwd = tempRepo(files);
    const past = new Date(Date.now() - 3_600_000);
    for (const file of [...Object.keys(files), 'dossier.yaml'])
      if (existsSync(path.join(cwd, file))) utimesSync(path.join(cwd, file), past, past);
    const clean = await lint(cwd);
    const file = path.join(cwd, VERSIONS);
    const original = readFileSync(file, 'utf8');
    // Same size, same modification time: not read, so the edit is not seen (what a stat cache trusts).
    const sameSize = original.replace('stage: staging', 'stage: stagin!');
    writeFileSync(file, sameSize);
    utimesSync(file, past, past);
    expect(await lint(cwd)).toBe(clean);
    // Any new modification time, and the file is read again.
    utimesSync(file, new Date(), new Date());
    const edited = await lint(cwd);
    expect(edited).toContain('stagin!');
    expect(edited).toBe(await lint(cwd, ['--no-cache']));
    // A file modified just now is read even when its stamp is the same: it could have changed within the clock's resolution.
    writeFileSync(file, original);
    const justNow = statSync(file).mtime;
    expect(await lint(cwd)).toBe(clean);
    writeFileSync(file, sameSize);
    utimesSync(file, justNow, justNow);
    expect(await lint(cwd)).toContain('stagin!');
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
    const cache = readResult(cwd);
    cache.content.kept.diagnostics = [];
    writeFileSync(path.join(cwd, RESULT), encodeCacheFile({ ...cache, environment: 'dossier 0.0.1' }));
    expect(await lint(cwd)).toBe(option);
    expect(readCacheFile(path.join(cwd, RESULT), cache.format, cacheEnvironment(), isObject)).toBeDefined();
  });

  it('ignores and rewrites a truncated, corrupt or foreign cache; deleting it is safe', async () => {
    const cwd = tempRepo(exampleFiles());
    const clean = await lint(cwd);
    const shard = path.join(CACHE_DIR, shards(cwd)[0] ?? '');
    const whole = readFileSync(path.join(cwd, shard));
    for (const broken of [
      whole.subarray(0, whole.length >> 1),
      Buffer.from('garbage \u0000\u00ff'),
      Buffer.from('{"format": 1}'),
      serialize(['a', 'list']),
    ]) {
      writeFileSync(path.join(cwd, shard), broken);
      writeFileSync(path.join(cwd, RESULT), broken);
      expect(await lint(cwd)).toBe(clean);
      expect(readAnalyses(cwd, shard).content.size).toBeGreaterThan(0);
    }
    rmSync(path.join(cwd, '.dossier'), { recursive: true });
    expect(await lint(cwd)).toBe(clean);
  });

  it('survives concurrent runs, and lives where --cache-location says', async () => {
    const cwd = tempRepo(exampleFiles());
    const reports = await Promise.all([lint(cwd), lint(cwd), lint(cwd)]);
    expect(new Set(reports).size).toBe(1);
    expect(analysesIn(cwd)).toBe(Object.keys(exampleFiles()).length - 1);
    const elsewhere = await lint(cwd, ['--cache-location', 'tmp/cache']);
    expect(elsewhere).toBe(reports[0]);
    expect(analysesIn(cwd, 'tmp/cache')).toBeGreaterThan(0);
  });
});

describe('the environment caches are written under', () => {
  it('names the code of the build: another build of the same version keeps its caches apart', async () => {
    vi.resetModules();
    const unbundled = (await import('../../src/cache/layout.js')).cacheEnvironment();
    vi.resetModules();
    vi.stubGlobal('DOSSIER_CODE_ID', 'another build');
    try {
      expect((await import('../../src/cache/layout.js')).cacheEnvironment()).not.toBe(unbundled);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe('a lint in CI', () => {
  it('starts no cache (a repository linted once pays nothing for it), unless given a --cache-location, and uses one there', async () => {
    const CI = { CI: 'true' };
    const cwd = tempRepo(exampleFiles());
    const report = await lint(cwd, [], CI);
    expect(existsSync(path.join(cwd, CACHE_DIR))).toBe(false);
    expect(await lint(cwd, ['--cache-location', 'ci-cache'], CI)).toBe(report);
    expect(analysesIn(cwd, 'ci-cache')).toBeGreaterThan(0);
    // A cache a run outside CI started (or one restored into place) is used and kept up to date.
    expect(await lint(cwd)).toBe(report);
    const stamps = statSync(path.join(cwd, RESULT)).mtimeMs;
    writeFileSync(
      path.join(cwd, VERSIONS),
      readFileSync(path.join(cwd, VERSIONS), 'utf8').replace('description: Candidate with', 'description: A candidate with'),
    );
    expect(await lint(cwd, [], CI)).toBe(report);
    expect(statSync(path.join(cwd, RESULT)).mtimeMs).toBeGreaterThan(stamps);
  });
});

describe('a cache file', () => {
  it('is written in its parts as encodeCacheFile makes it, and read back', () => {
    const file = path.join(tempRepo(), 'cache', 'one.bin');
    const content = { column: toTextColumn(['a', 'é', '漢字', '\uD800']), large: new Uint8Array(1 << 20).fill(3) };
    expect(writeCacheFile(file, 7, 'env', content)).toBe(true);
    expect(readFileSync(file).equals(encodeCacheFile({ format: 7, environment: 'env', content }))).toBe(true);
    expect(readCacheFile(file, 7, 'env', isObject)).toEqual(content);
    expect(readCacheFile(file, 8, 'env', isObject)).toBeUndefined();
  });

  it('keeps typed arrays apart from the serialized value, reads them in place, and signs them too', () => {
    const file = path.join(tempRepo(), 'cache', 'views.bin');
    const odd = new Uint8Array([1, 2, 3]);
    const content = {
      odd,
      again: odd,
      buffer: Buffer.from('bytes'),
      numbers: new Float64Array([0.5, -1, 2 ** 40]),
      counts: new Int32Array([7, -7]),
      wide: new BigInt64Array([1n, -(2n ** 60n)]),
      nested: [{ column: toTextColumn(['x', 'y']) }],
    };
    expect(writeCacheFile(file, 7, 'env', content)).toBe(true);
    const read = readCacheFile(file, 7, 'env', isObject) as typeof content;
    expect(read).toEqual(content);
    expect(read.again).toBe(read.odd);
    expect(Buffer.isBuffer(read.buffer)).toBe(true);
    // In place: each view is over the one buffer the file was read into, at an aligned offset.
    expect(read.numbers.buffer).toBe(read.counts.buffer);
    expect(read.numbers.byteOffset % 8).toBe(0);
    // A byte of a typed array changed, the rest of the file as it was: no cache.
    const bytes = readFileSync(file);
    const at = bytes.lastIndexOf(Buffer.from(new Int32Array([7, -7]).buffer));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 8;
    writeFileSync(file, bytes);
    expect(readCacheFile(file, 7, 'env', isObject)).toBeUndefined();
  });

  it('is no cache when it is a FIFO or a link, and reading it does not wait', () => {
    const dir = tempRepo();
    const real = path.join(dir, 'real.bin');
    expect(writeCacheFile(real, 7, 'env', { a: 1 })).toBe(true);
    expect(readCacheFile(real, 7, 'env', isObject)).toEqual({ a: 1 });
    const link = path.join(dir, 'link.bin');
    symlinkSync(real, link);
    expect(readCacheFile(link, 7, 'env', isObject)).toBeUndefined();
    const fifo = path.join(dir, 'fifo.bin');
    execFileSync('mkfifo', [fifo]);
    expect(readCacheFile(fifo, 7, 'env', isObject)).toBeUndefined();
  });

  it('is no cache when written in the layout of an older Dossier', () => {
    const file = path.join(tempRepo(), 'old.bin');
    // Signed with this machine's key: only the layout tells it apart.
    const payload = serialize({ a: 1 });
    const signature = createHmac('sha256', machineKey()).update('7\nenv\n').update(payload).digest();
    writeFileSync(file, Buffer.concat([Buffer.from('dossier-cache 7\n'), signature, payload]));
    expect(readCacheFile(file, 7, 'env', isObject)).toBeUndefined();
  });
});
