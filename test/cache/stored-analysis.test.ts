// A file's analysis as the lint cache stores it: entities' heads as they are, their bodies read when
// first looked at, and a damaged bodies buffer taken for no analysis at all.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { encodeCacheFile } from '../../src/cache/cache-file.js';
import { describe, expect, it } from 'vitest';
import { analyzeSources } from '../../src/compile/compile-sources.js';
import {
  analysisOfStored,
  isStoredAnalysis,
  lazyAnalysisOfStored,
  toStoredAnalysis,
  type StoredAnalysis,
} from '../../src/cache/stored-analysis.js';
import { exampleFiles, runCli, tempRepo, peekCacheFile } from '../helpers.js';

const VERSIONS = 'models/fraud-detector/versions.yaml';

function analysisOfVersions() {
  const text = exampleFiles()[VERSIONS] ?? '';
  return analyzeSources([{ file: VERSIONS, text }]);
}

describe('a stored analysis', () => {
  it('gives back the same entities, field for field and in the same order, through a cache file', () => {
    const analysis = analysisOfVersions();
    expect(analysis.entities.length).toBeGreaterThan(1);
    const read = analysisOfStored(deserialize(serialize(toStoredAnalysis(analysis))) as StoredAnalysis);
    expect(read).toEqual(analysis);
    expect(JSON.stringify(read)).toBe(JSON.stringify(analysis));
    const lazy = lazyAnalysisOfStored(deserialize(serialize(toStoredAnalysis(analysis))) as StoredAnalysis);
    expect(lazy).toEqual(analysis);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(analysis));
    expect(analysisOfStored(toStoredAnalysis(lazy))).toEqual(analysis);
  });

  it('reads the bodies only when one is looked at', () => {
    const stored = toStoredAnalysis(analysisOfVersions());
    // Bodies that cannot be read: the heads can, until a body is looked at.
    const [first] = lazyAnalysisOfStored({ ...stored, bodies: new Uint8Array([1, 2, 3]) }).entities;
    expect(first?.identity).toMatch(/^modelversion:/);
    expect(first?.source.file).toBe(VERSIONS);
    expect(() => first?.spec).toThrow();
    expect(lazyAnalysisOfStored(stored).entities[0]?.spec).toBeTypeOf('object');
    expect(() => analysisOfStored({ ...stored, bodies: new Uint8Array([1, 2, 3]) })).toThrow();
  });

  it('gives lazy entities shared getters, so that V8 gives them one hidden class', () => {
    const [first, second] = lazyAnalysisOfStored(toStoredAnalysis(analysisOfVersions())).entities;
    const getterOf = (entity: object | undefined, field: string): unknown =>
      entity === undefined ? undefined : Reflect.get(Object.getOwnPropertyDescriptor(entity, field) ?? {}, 'get');
    for (const field of ['metadata', 'spec', 'references']) {
      expect(getterOf(first, field)).toBeTypeOf('function');
      expect(getterOf(second, field)).toBe(getterOf(first, field));
    }
  });

  it('is not one when its bodies are damaged', () => {
    const stored = toStoredAnalysis(analysisOfVersions());
    expect(isStoredAnalysis(stored)).toBe(true);
    const damaged = Uint8Array.from(stored.bodies);
    damaged[damaged.length >> 1] = (damaged[damaged.length >> 1] ?? 0) ^ 0xff;
    expect(isStoredAnalysis({ ...stored, bodies: damaged })).toBe(false);
    expect(isStoredAnalysis({ ...stored, bodies: stored.bodies.subarray(1) })).toBe(false);
  });
});

describe('the lint cache with a damaged analysis', () => {
  it('analyses that file again and reports what a cold lint does', async () => {
    const cwd = tempRepo(exampleFiles());
    const lint = async (args: string[] = []) => (await runCli(['lint', '--format', 'json', ...args], { cwd })).stdout;
    await lint();
    const cacheDir = path.join(cwd, '.dossier/cache');
    // Every entry's bodies damaged, the files still well-formed cache files.
    for (const file of (await import('node:fs')).readdirSync(cacheDir).filter((name) => name.startsWith('analyses-'))) {
      const cache = peekCacheFile<Map<string, StoredAnalysis>>(readFileSync(path.join(cacheDir, file)));
      for (const stored of cache.content.values()) stored.bodies = stored.bodies.map((byte) => byte ^ 0x55);
      writeFileSync(path.join(cacheDir, file), encodeCacheFile(cache));
    }
    // An edit, so that the lint looks at the analyses rather than at its last result.
    const versions = path.join(cwd, VERSIONS);
    writeFileSync(versions, readFileSync(versions, 'utf8').replace('description: Candidate with', 'description: A candidate with'));
    expect(await lint()).toBe(await lint(['--no-cache']));
  });
});
