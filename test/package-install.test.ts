// The README's Install section, followed from the packed tarball (npm pack) into an empty global
// prefix, as a user would: nothing is run from this clone, and installing builds nothing.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Packed {
  filename: string;
  files: { path: string; mode: number }[];
}

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let packed: Packed;
let prefix: string;
/** The user's environment after a global install: the prefix's bin first on PATH, npx looking there too. */
let userEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  if (!existsSync('build/dossier.js')) throw new Error('Build first (npm run build): the package is packed from build/.');
  work = mkdtempSync(path.join(tmpdir(), 'dossier-install-'));
  prefix = path.join(work, 'prefix');
  // --ignore-scripts: the build is done (npm test builds before the tests); pack what it made.
  const output = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { encoding: 'utf8' });
  packed = (JSON.parse(output) as Packed[])[0] as Packed;
  // npm's own variables (npm_config_*, set when vitest runs under npm) would steer the user's npm.
  const outside = Object.entries(process.env).filter(([name]) => !name.startsWith('npm_'));
  userEnv = {
    ...Object.fromEntries(outside),
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_prefix: prefix,
  };
  execFileSync(
    npm,
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
      path.join(work, packed.filename),
    ],
    { cwd: work, env: userEnv, stdio: 'pipe', timeout: 120_000 },
  );
}, 150_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a command line as the user would type it, in `cwd`. */
function shell(commandLine: string, cwd: string) {
  const run = spawnSync('sh', ['-c', commandLine], { cwd, env: userEnv, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm pack', () => {
  it('packs what runs from PATH: the executable CLI with its chunks, validators, worker, schemas, templates and notices', () => {
    const files = new Map(packed.files.map((file) => [file.path, file.mode]));
    for (const file of [
      'LICENSE',
      'README.md',
      'build/licenses.txt',
      'build/chunks/render-worker.js',
      'build/validate/standalone-validators.cjs',
      'build/validate/standalone-config-validator.cjs',
      'schemas/entity.schema.json',
      'schemas/config.schema.json',
      'templates/init/dossier.yaml',
    ])
      expect(files.has(file), file).toBe(true);
    expect((files.get('build/dossier.js') ?? 0) & 0o111).not.toBe(0);
    expect(readFileSync('build/dossier.js', 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect([...files.keys()].filter((file) => /^(src|test|dist|node_modules|examples)\//.test(file))).toEqual([]);
  });
});

describe('installed from the tarball into an empty prefix', () => {
  it('installs the runtime dependencies only: no build tools, nothing built on install', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'dossier');
    expect(existsSync(path.join(installed, 'build', 'dossier.js'))).toBe(true);
    for (const tool of ['typescript', 'esbuild', 'vitest'])
      expect(existsSync(path.join(installed, 'node_modules', tool)), tool).toBe(false);
  });

  it('runs from PATH: --version, init, then the line init prints next', () => {
    expect(shell('dossier --version', work)).toMatchObject({ code: 0, stdout: `${version}\n` });
    const init = shell('dossier init x', work);
    expect(init.code).toBe(0);
    const next = /^Next: (.*)$/m.exec(init.stdout)?.[1] ?? '';
    expect(next).toBe('cd x && npx dossier lint');
    expect(shell(next, work)).toMatchObject({ code: 0 });
    expect(shell('cd x && dossier lint', work)).toMatchObject({ code: 0 });
  });
});
