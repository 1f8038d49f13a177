// The files of the working tree, taken from the last walk while no folder it listed and no .gitignore
// it read changed, and found by walking again as soon as one did (or may have: within the racy window,
// or for another selection of files).

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isObject, readCacheFile, writeCacheFile } from '../../src/cache/cache-file.js';
import { discoverWithKeptWalk } from '../../src/cache/kept-walk.js';
import { CACHE_FORMATS } from '../../src/cache/layout.js';
import { TextColumnReader, toTextColumn } from '../../src/engine/text-column.js';
import { discoverFiles, type DiscoverOptions } from '../../src/source/discover.js';
import { tempRepo } from '../helpers.js';

const ENVIRONMENT = 'env';
/** Files the poisoned walk says it found: one at the root, one in a model's folder. */
const GHOSTS = ['models/a/zz-ghost.yaml', 'zz-ghost.yaml'];

function repository() {
  const dir = tempRepo({
    'dossier.yaml': 'apiVersion: dossier/v1\n',
    '.gitignore': 'drafts/\n',
    'models/a/model.yaml': 'name: a\n',
    'models/a/v1.yaml': 'name: a1\n',
    'models/b/model.yaml': 'name: b\n',
    'datasets/d.yml': 'name: d\n',
    'drafts/x.yaml': 'name: x\n',
    'docs/README.md': '# docs\n',
  });
  mkdirSync(path.join(dir, 'empty'));
  const options: DiscoverOptions = {
    rootDir: dir,
    cwd: dir,
    configFile: path.join(dir, 'dossier.yaml'),
    roots: ['.'],
    include: ['**/*.yaml', '**/*.yml'],
    exclude: [],
  };
  const walkFile = path.join(dir, '.dossier/cache/walk.bin');
  const discover = (selection: DiscoverOptions = options) =>
    discoverWithKeptWalk(walkFile, ENVIRONMENT, selection).map((file) => file.displayPath);
  /**
   * Adds files the tree does not have to the kept walk (`GHOSTS`), and dates the walk after every
   * stamp (a folder made just now is otherwise within the racy window): a discovery that returns one
   * took what the kept walk found in its folder.
   */
  const poison = (at = Date.now() + 5000) => {
    const stored = readCacheFile(walkFile, CACHE_FORMATS.walk, ENVIRONMENT, isObject) as Record<string, unknown>;
    const files = (TextColumnReader.of(stored.files) as TextColumnReader).texts();
    const entries = [...new Set([...files, ...GHOSTS])].sort();
    writeCacheFile(walkFile, CACHE_FORMATS.walk, ENVIRONMENT, {
      ...stored,
      at,
      files: toTextColumn(entries),
      links: new Uint8Array(entries.length),
    });
  };
  return { dir, options, discover, poison, walked: () => discoverFiles(options).map((file) => file.displayPath) };
}

describe('a kept walk', () => {
  it('finds the files a walk finds, and is taken while nothing it looked at changed', () => {
    const repo = repository();
    expect(repo.discover()).toEqual(['datasets/d.yml', 'models/a/model.yaml', 'models/a/v1.yaml', 'models/b/model.yaml']);
    expect(repo.discover()).toEqual(repo.walked());
    repo.poison();
    expect(repo.discover()).toEqual([...repo.walked(), ...GHOSTS].sort());
    // Editing a file in place changes no folder: the stamps of files tell the rest.
    writeFileSync(path.join(repo.dir, 'models/a/v1.yaml'), 'name: a1, edited\n');
    expect(repo.discover()).toEqual([...repo.walked(), ...GHOSTS].sort());
  });

  /** Changes of the tree, each made in the repository's folder. */
  const write = (file: string, text: string) => (dir: string) => {
    writeFileSync(path.join(dir, file), text);
  };
  const remove = (file: string) => (dir: string) => {
    rmSync(path.join(dir, file), { recursive: true });
  };
  const rename = (from: string, to: string) => (dir: string) => {
    renameSync(path.join(dir, from), path.join(dir, to));
  };
  const makeFolder = (folder: string) => (dir: string) => {
    mkdirSync(path.join(dir, folder));
  };

  /** A change, and the ghosts that stand after it: those in folders that are not walked again. */
  const CHANGES: [string, (dir: string) => void, string[]][] = [
    ['a file added deep down', write('models/b/v1.yaml', 'name: b1\n'), GHOSTS],
    ['a file removed beside a ghost', remove('models/a/v1.yaml'), ['zz-ghost.yaml']],
    ['a file renamed', rename('datasets/d.yml', 'datasets/e.yml'), GHOSTS],
    ['a folder added', makeFolder('models/c'), ['zz-ghost.yaml']],
    ['a folder removed', remove('models/b'), ['zz-ghost.yaml']],
    ['a file added to a folder without metadata', write('empty/e.yaml', 'name: e\n'), GHOSTS],
    ['a file added at the root', write('root.yaml', 'name: r\n'), []],
    ['a .gitignore edited in place', write('.gitignore', 'drafts/\nmodels/b/\n'), []],
    ['a .gitignore added below', write('models/.gitignore', 'a/\n'), []],
  ];

  it.each(CHANGES)('is walked again below the folders that changed after %s', (_change, change, standing) => {
    const repo = repository();
    repo.discover();
    repo.poison();
    change(repo.dir);
    expect(repo.discover()).toEqual([...repo.walked(), ...standing].sort());
    // Kept with the stamps of what it looked at now: with nothing changed since, the next run takes all of it.
    repo.poison();
    expect(repo.discover()).toEqual([...new Set([...repo.walked(), ...GHOSTS, ...standing])].sort());
  });

  it('watches the folders a walk reads into that its exclusions leave out of what it finds', () => {
    // `drafts/*` leaves out the entry `drafts/sub`, but fast-glob reads into it, and a file there is metadata.
    const repo = repository();
    mkdirSync(path.join(repo.dir, 'drafts/sub'));
    const options = { ...repo.options, exclude: ['drafts/*'] };
    writeFileSync(path.join(repo.dir, '.gitignore'), '');
    repo.discover(options);
    repo.poison();
    writeFileSync(path.join(repo.dir, 'drafts/sub/b.yaml'), 'name: b\n');
    const found = repo.discover(options);
    expect(found).toContain('drafts/sub/b.yaml');
    expect(found).toEqual([...discoverFiles(options).map((file) => file.displayPath), ...GHOSTS].sort());
  });

  it('walks the whole tree again below a folder whose name a glob cannot say, and keeps no walk that climbs out of its root', () => {
    const repo = repository();
    mkdirSync(path.join(repo.dir, 'models/+(y)'));
    writeFileSync(path.join(repo.dir, 'models/+(y)/model.yaml'), 'name: y\n');
    repo.discover();
    repo.poison();
    writeFileSync(path.join(repo.dir, 'models/+(y)/v1.yaml'), 'name: y1\n');
    expect(repo.discover()).toEqual(repo.walked());

    // Not kept: a walk below `datasets` would not name its files `models/../datasets/…` as the pattern does.
    const climbing = { ...repo.options, roots: ['models'], include: ['**/*.yaml', '../datasets/*.yml'] };
    expect(repo.discover(climbing)).toContain('models/../datasets/d.yml');
    repo.poison();
    writeFileSync(path.join(repo.dir, 'datasets/e.yml'), 'name: e\n');
    expect(repo.discover(climbing)).toEqual(discoverFiles(climbing).map((file) => file.displayPath));
    expect(repo.discover(climbing)).toContain('models/../datasets/e.yml');
  });

  it('watches the root and the roots, though it may only look files up in them', () => {
    const repo = repository();
    rmSync(path.join(repo.dir, '.gitignore'));
    const options = { ...repo.options, roots: ['models'], include: ['a/*.yaml', 'b/model.yaml'] };
    const found = () => discoverFiles(options).map((file) => file.displayPath);
    expect(repo.discover(options)).toEqual(['models/a/model.yaml', 'models/a/v1.yaml', 'models/b/model.yaml']);
    repo.poison();
    // The only file of models/b the patterns name.
    rmSync(path.join(repo.dir, 'models/b/model.yaml'));
    expect(repo.discover(options)).toEqual([...found(), ...GHOSTS].sort());
    repo.poison();
    // A .gitignore made at the root, above the one root.
    writeFileSync(path.join(repo.dir, '.gitignore'), 'models/a/v1.yaml\n');
    expect(repo.discover(options)).toEqual(found());
    expect(found()).toEqual(['models/a/model.yaml']);
  });

  it('is walked again for another selection of files, or when a folder changed within the window of the walk', () => {
    const repo = repository();
    repo.discover();
    repo.poison();
    const other = { ...repo.options, exclude: ['datasets/**'] };
    expect(repo.discover(other)).toEqual(discoverFiles(other).map((file) => file.displayPath));
    repo.discover();
    // Dated now, the walk is within two seconds of the folders made with the repository.
    repo.poison(Date.now());
    expect(repo.discover()).toEqual(repo.walked());
  });
});
