// What `--out` and `--output` write over: a regular file atomically, a link's target, a device or
// pipe as a stream; never a folder, and a path that cannot be written is a usage error.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';

const REPO = {
  'dossier.yaml': 'extends: recommended\n',
  'terms.yaml': 'apiVersion: dossier/v1\nkind: Term\nmetadata: {name: pii}\nspec: {definition: Personal data.}\n',
};

describe('an output file', () => {
  it('that is a folder is refused with a usage error', async () => {
    const cwd = tempRepo(REPO);
    for (const args of [
      ['compile', '--out', '/'],
      ['compile', '--out', '.'],
      ['lint', '--output', '.'],
    ]) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('it is a folder');
      expect(run.stderr).not.toContain('internal error');
    }
  });

  it('that is a link is written at the file it points to; the link stays', async () => {
    const cwd = tempRepo({ ...REPO, 'published/catalog.json': '{}' });
    symlinkSync('published/catalog.json', path.join(cwd, 'catalog.json'));
    expect((await runCli(['compile', '--out', 'catalog.json'], { cwd })).code).toBe(0);
    expect(lstatSync(path.join(cwd, 'catalog.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(cwd, 'published/catalog.json'), 'utf8')).toContain('"kind": "Catalog"');
  });

  it('that is a link in the repository to a file outside it is refused: a pull request can commit one', async () => {
    const cwd = tempRepo(REPO);
    const victim = path.join(tempRepo(), 'victim.txt');
    writeFileSync(victim, 'ORIGINAL\n');
    symlinkSync(victim, path.join(cwd, 'report.sarif'));
    const run = await runCli(['lint', '--format', 'sarif', '--output', 'report.sarif'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot write report.sarif: it leads out of the repository through a symbolic link');
    expect(readFileSync(victim, 'utf8')).toBe('ORIGINAL\n');
  });

  it('under a folder that is a link out of the repository is refused', async () => {
    const cwd = tempRepo(REPO);
    const outside = tempRepo();
    symlinkSync(outside, path.join(cwd, 'reports'));
    const run = await runCli(['compile', '--out', 'reports/catalog.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('leads out of the repository through a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('that is /dev/stdout of a pipe is written into', () => {
    const cwd = tempRepo(REPO);
    const bin = path.resolve('build/dossier.js');
    const run = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${bin}" compile --out /dev/stdout | head -c 12`], {
      cwd,
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('{\n  "apiVers');
  });

  it('that is a device or a pipe is written into, not replaced', async () => {
    const cwd = tempRepo(REPO);
    expect((await runCli(['compile', '--out', '/dev/null'], { cwd })).code).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);

    execFileSync('mkfifo', [path.join(cwd, 'pipe')]);
    const reader = spawn('cat', [path.join(cwd, 'pipe')]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    expect((await runCli(['compile', '--out', 'pipe'], { cwd })).code).toBe(0);
    await closed;
    expect(read).toContain('"kind": "Catalog"');
    expect(lstatSync(path.join(cwd, 'pipe')).isFIFO()).toBe(true);
  });

  it('that cannot be written is a usage error naming why', async () => {
    const cwd = tempRepo(REPO);
    writeFileSync(path.join(cwd, 'a-file'), '');
    const run = await runCli(['compile', '--out', 'a-file/catalog.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot write a-file/catalog.json');
    expect(run.stderr).not.toContain('internal error');
  });

  it('for an export of one file per entity that is not a folder is a usage error', async () => {
    const cwd = tempRepo(exampleFiles());
    const run = await runCli(['export', 'hf-model-card', '--out', '/dev/null'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out /dev/null is not a folder');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('for an import that is a link to nothing is a usage error, not a crash', async () => {
    const cwd = tempRepo({ 'titanic.json': readFileSync('test/fixtures/croissant/titanic.json', 'utf8') });
    symlinkSync('/nonexistent/imported', path.join(cwd, 'out'));
    const run = await runCli(['import', 'croissant', 'titanic.json', '--out', 'out'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot write under');
    expect(run.stderr).not.toContain('internal error');
  });

  it('of the site that is a file of the repository is refused, and the file kept', async () => {
    const cwd = tempRepo(REPO);
    const run = await runCli(['build', '--out', 'dossier.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('internal error');
    expect(readFileSync(path.join(cwd, 'dossier.yaml'), 'utf8')).toBe(REPO['dossier.yaml']);
  });
});
