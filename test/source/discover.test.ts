import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/source/discover.js';
import { createFileSelector } from '../../src/source/file-selection.js';
import { tempRepo } from '../helpers.js';

function discover(files: Record<string, string>, options: { roots?: string[]; exclude?: string[]; include?: string[] } = {}) {
  const rootDir = tempRepo(files);
  const found = discoverFiles({
    rootDir,
    roots: options.roots ?? ['.'],
    include: options.include ?? ['**/*.yaml', '**/*.yml'],
    exclude: options.exclude ?? [],
    configFile: path.join(rootDir, 'dossier.yaml'),
    cwd: rootDir,
  });
  return found.map((f) => f.displayPath);
}

describe('discoverFiles', () => {
  it('gives normalized absolute paths whatever the root is written as, and still skips dossier.yaml', () => {
    const rootDir = tempRepo({ 'a/x.yaml': '', 'dossier.yaml': '' });
    for (const written of [`${rootDir}/`, `${rootDir}/a/..`, `${rootDir}//.`]) {
      const found = discoverFiles({
        rootDir: written,
        roots: ['.'],
        include: ['**/*.yaml'],
        exclude: [],
        configFile: path.join(rootDir, 'dossier.yaml'),
        cwd: rootDir,
      });
      expect(found.map((file) => file.absolutePath)).toEqual([path.join(rootDir, 'a', 'x.yaml')]);
    }
  });

  it('finds .yaml and .yml files, sorted, and never dossier.yaml', () => {
    expect(discover({ 'b.yml': '', 'a/x.yaml': '', 'dossier.yaml': '', 'notes.txt': '' })).toEqual(['a/x.yaml', 'b.yml']);
  });

  it('skips node_modules and .git', () => {
    expect(discover({ 'node_modules/p/a.yaml': '', '.git/x.yaml': '', 'ok.yaml': '' })).toEqual(['ok.yaml']);
  });

  it('honours .gitignore files at the root and below', () => {
    const files = {
      '.gitignore': 'generated/\n*.tmp.yaml\n',
      'generated/a.yaml': '',
      'x.tmp.yaml': '',
      'sub/.gitignore': 'local.yaml\n',
      'sub/local.yaml': '',
      'sub/kept.yaml': '',
      'local.yaml': '',
    };
    expect(discover(files)).toEqual(['local.yaml', 'sub/kept.yaml']);
  });

  it('honours configured roots and exclude globs', () => {
    const files = { 'metadata/a.yaml': '', 'metadata/drafts/b.yaml': '', 'other/c.yaml': '' };
    expect(discover(files, { roots: ['metadata'], exclude: ['**/drafts/**'] })).toEqual(['metadata/a.yaml']);
  });

  it('leaves out what a negated include pattern names, under each root, as a revision selects files', () => {
    const files = { 'models/a.yaml': '', 'models/deep/b.yaml': '', 'models/README.md': '', 'deep/c.yaml': '', 'd.yaml': '' };
    for (const [roots, expected] of [
      [['.'], ['d.yaml', 'models/a.yaml']],
      [['models'], ['models/a.yaml']],
    ] as const) {
      const selection = { roots: [...roots], include: ['**/*.yaml', '!**/deep/**'], exclude: [] };
      expect(discover(files, selection)).toEqual(expected);
      const selects = createFileSelector(selection, new Map());
      expect(Object.keys(files).filter(selects).sort()).toEqual(expected);
    }
  });

  it('honours the .gitignore files above a root in a subfolder of the git repository, as git does', () => {
    const top = tempRepo({
      '.gitignore': 'ml/catalog/out/\n*.gen.yaml\n',
      'ml/.gitignore': 'scratch/\n',
      'ml/catalog/a.yaml': '',
      'ml/catalog/b.gen.yaml': '',
      'ml/catalog/scratch/c.yaml': '',
      'ml/catalog/out/d.yaml': '',
    });
    mkdirSync(path.join(top, '.git'));
    const rootDir = path.join(top, 'ml', 'catalog');
    const found = discoverFiles({ rootDir, roots: ['.'], include: ['**/*.yaml'], exclude: [], configFile: undefined, cwd: rootDir });
    expect(found.map((f) => f.displayPath)).toEqual(['a.yaml']);
  });

  it('reads a root its repository ignores (a generated folder named on purpose) whole', () => {
    const top = tempRepo({ '.gitignore': '/generated/\n*.yaml\n', 'generated/catalog/a.yaml': '', 'generated/catalog/b/c.yaml': '' });
    mkdirSync(path.join(top, '.git'));
    const rootDir = path.join(top, 'generated', 'catalog');
    const found = discoverFiles({ rootDir, roots: ['.'], include: ['**/*.yaml'], exclude: [], configFile: undefined, cwd: rootDir });
    expect(found.map((f) => f.displayPath)).toEqual(['a.yaml', 'b/c.yaml']);
  });

  it('lists symbolic links so that reading can check where they point', () => {
    const rootDir = tempRepo({ 'drafts/real.yaml': '' });
    symlinkSync('drafts/real.yaml', path.join(rootDir, 'link.yaml'));
    symlinkSync('/etc/hostname', path.join(rootDir, 'outside.yaml'));
    const found = discoverFiles({
      rootDir,
      roots: ['.'],
      include: ['**/*.yaml'],
      exclude: ['drafts/**'],
      configFile: undefined,
      cwd: rootDir,
    });
    expect(found.map((f) => [f.displayPath, f.isSymbolicLink])).toEqual([
      ['link.yaml', true],
      ['outside.yaml', true],
    ]);
  });

  it('reads a file once when a symbolic link in the tree points at it, as a git revision does', () => {
    const rootDir = tempRepo({ 'shared/team.yaml': '' });
    symlinkSync('shared/team.yaml', path.join(rootDir, 'teams.yaml'));
    symlinkSync('../shared/team.yaml', path.join(rootDir, 'shared', 'again.yaml'));
    const found = discoverFiles({ rootDir, roots: ['.'], include: ['**/*.yaml'], exclude: [], configFile: undefined, cwd: rootDir });
    expect(found.map((f) => [f.displayPath, f.isSymbolicLink])).toEqual([['shared/team.yaml', false]]);
  });
});

/** Root reads any folder: as root, the lint runs as nobody, when nobody can read this checkout at all. */
const AS_USER = process.getuid?.() === 0 ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
const CAN_LOCK =
  AS_USER.length === 0 ||
  spawnSync(AS_USER[0] as string, [
    ...AS_USER.slice(1),
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(path.resolve('build/dossier.js'))})`,
  ]).status === 0;

describe('a folder that cannot be listed', () => {
  it.skipIf(!CAN_LOCK)('is a file/unreadable problem of its own, and every other file is still checked', () => {
    const team = (name: string) => `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\nspec: {type: team}\n`;
    const cwd = tempRepo({
      'dossier.yaml': 'extends: core\n',
      'ok/a.yaml': team('a'),
      'locked/b.yaml': team('b'),
      'bad/c.yaml': 'apiVersion: dossier/v1\nkind: [',
    });
    chmodSync(cwd, 0o755);
    chmodSync(path.join(cwd, 'locked'), 0o000);
    try {
      const argv = [...AS_USER, process.execPath, 'build/dossier.js', 'lint', '--no-cache', '--format', 'json', cwd];
      const run = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(1);
      const problems = (JSON.parse(run.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.map(
        (d) => `${path.basename(d.file)} ${d.ruleId}`,
      );
      expect(problems).toEqual(['c.yaml yaml/syntax', 'locked file/unreadable']);
    } finally {
      chmodSync(path.join(cwd, 'locked'), 0o755);
    }
  });
});
