// Site caches are kept for the few output folders built into most recently, not for every folder ever.

import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneSiteCacheSets } from '../../src/cache/site-cache-sets.js';
import { buildProjectSite } from '../../src/use-cases/build-project-site.js';
import { resolveProjectConfig } from '../../src/use-cases/project.js';
import { exampleFiles, tempRepo } from '../helpers.js';

function writeSet(dir: string, hash: string, secondsAgo: number): void {
  const base = path.join(dir, `site-${hash}`);
  writeFileSync(`${base}.bin`, '');
  writeFileSync(`${base}-stamps.bin`, '');
  mkdirSync(`${base}-link`);
  writeFileSync(path.join(`${base}-link`, 'link-00.bin'), '');
  const when = Date.now() / 1000 - secondsAgo;
  for (const file of [`${base}.bin`, `${base}-stamps.bin`, `${base}-link`]) utimesSync(file, when, when);
}

describe('site cache sets', () => {
  it('keeps the sets written most recently and every other cache file', () => {
    const dir = tempRepo();
    for (let i = 0; i < 6; i++) writeSet(dir, String(i).repeat(16), i * 60);
    writeFileSync(path.join(dir, 'lint-stamps.bin'), '');
    writeFileSync(path.join(dir, 'site-history.bin'), '');
    pruneSiteCacheSets(dir, 2);
    expect(readdirSync(dir).sort()).toEqual(
      [
        'lint-stamps.bin',
        'site-0000000000000000-link',
        'site-0000000000000000-stamps.bin',
        'site-0000000000000000.bin',
        'site-1111111111111111-link',
        'site-1111111111111111-stamps.bin',
        'site-1111111111111111.bin',
        'site-history.bin',
      ].sort(),
    );
  });

  it('are pruned by a build, so building into many folders keeps a bounded cache', async () => {
    const repo = tempRepo();
    for (const [file, text] of Object.entries(exampleFiles())) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), text);
    }
    writeFileSync(path.join(repo, 'dossier.yaml'), 'extends: recommended\n');
    const config = resolveProjectConfig(repo, [], undefined);
    for (let i = 0; i < 6; i++) {
      // Twice into each folder: the second build is a rebuild, which keeps its caches.
      for (let twice = 0; twice < 2; twice++)
        await buildProjectSite({ cwd: repo, config, version: 'test', outDir: path.join(repo, `out-${String(i)}`) });
    }
    const sets = new Set(readdirSync(path.join(repo, '.dossier', 'cache')).flatMap((name) => /^(site-[0-9a-f]{16})/.exec(name)?.[1] ?? []));
    expect(sets.size).toBe(4);
  });
});
