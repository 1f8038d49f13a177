// The bundles ship their dependencies' licence notices: dist/licenses.txt (the Action) and
// build/licenses.txt (the CLI) name every package esbuild bundles, with its licence text.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ACTION_BUILDS, CLI_BUILD } from '../scripts/bundles.mjs';
import { bundledPackageDirs, licenseNotices } from '../scripts/licenses.mjs';
import { tempRepo } from './helpers.js';

/** What esbuild bundles today for these builds, without writing the bundles. */
async function metafiles(builds: BuildOptions[]): Promise<Metafile[]> {
  const results = await Promise.all(builds.map((options) => build({ ...options, write: false, metafile: true })));
  return results.map((result) => result.metafile);
}

/** `name@version` of each package folder. */
function packageIds(dirs: string[]): string[] {
  const ids = dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    return `${pkg.name}@${pkg.version}`;
  });
  return [...new Set(ids)].sort();
}

const headings = (text: string) => [...text.matchAll(/^(\S+@\d\S*) \(/gm)].map((match) => match[1]);

describe.each([
  { file: 'dist/licenses.txt', builds: ACTION_BUILDS },
  { file: 'build/licenses.txt', builds: [CLI_BUILD] },
])('$file', ({ file, builds }) => {
  it('names every package the bundle holds, with its licence, as the build writes it', async () => {
    const dirs = bundledPackageDirs(await metafiles(builds));
    const text = readFileSync(file, 'utf8');
    expect(dirs).toContain('node_modules/yaml');
    expect(headings(text)).toEqual(packageIds(dirs));
    // A package may ship no licence file (spdx-license-ids, CC0-1.0): then its declared licence is named.
    expect(text).not.toContain('(not declared)');
    expect(text).toBe(licenseNotices(dirs, text.slice(0, text.indexOf(' bundles the following'))));
  });
});

describe('bundledPackageDirs', () => {
  it("maps a metafile's inputs to package folders, scoped and nested ones included, each once", () => {
    const inputs = Object.fromEntries(
      [
        'build/cli/bin.js',
        'node_modules/yaml/dist/index.js',
        'node_modules/yaml/dist/parse.js',
        'node_modules/@actions/core/lib/core.js',
        'node_modules/fast-glob/node_modules/picomatch/index.js',
        'node_modules\\semver\\index.js',
      ].map((input) => [input, {}]),
    );
    expect(bundledPackageDirs([{ inputs }, { inputs: { 'node_modules/yaml/dist/index.js': {} } }])).toEqual([
      'node_modules/@actions/core',
      'node_modules/fast-glob/node_modules/picomatch',
      'node_modules/semver',
      'node_modules/yaml',
    ]);
  });
});

describe('licenseNotices', () => {
  it('gives each package its licence files, says when there is none, and is the same for the same packages', () => {
    const root = tempRepo({
      'b/package.json': JSON.stringify({ name: 'b', version: '2.0.0', license: 'ISC' }),
      'b/LICENSE.md': 'ISC licence of b\r\n',
      'b/NOTICE': 'Notice of b',
      'a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', license: 'MIT' }),
    });
    mkdirSync(path.join(root, 'a/lib'));
    writeFileSync(path.join(root, 'a/lib/LICENSE'), 'not the package root: not read');
    const dirs = [path.join(root, 'b'), path.join(root, 'a'), path.join(root, 'b')];
    const text = licenseNotices(dirs, 'The bundle');
    expect(text).toBe(
      [
        'The bundle bundles the following 2 packages. Their licence notices follow.',
        'a@1.0.0 (MIT)\n\nNo licence file in the package; its package.json says: MIT.',
        'b@2.0.0 (ISC)\n\nISC licence of b\n\nNotice of b',
      ].join(`\n\n${'-'.repeat(78)}\n\n`) + '\n',
    );
    expect(licenseNotices([...dirs].reverse(), 'The bundle')).toBe(text);
  });
});
