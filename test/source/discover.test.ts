import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/source/discover.js';
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

  it('lists symbolic links so that reading can check where they point', () => {
    const rootDir = tempRepo({ 'real.yaml': '' });
    symlinkSync('real.yaml', path.join(rootDir, 'link.yaml'));
    const found = discoverFiles({ rootDir, roots: ['.'], include: ['**/*.yaml'], exclude: [], configFile: undefined, cwd: rootDir });
    expect(found.map((f) => [f.displayPath, f.isSymbolicLink])).toEqual([
      ['link.yaml', true],
      ['real.yaml', false],
    ]);
  });
});
