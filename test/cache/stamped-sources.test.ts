// The working tree as a site rebuild reads it: by the stamps the last rebuild kept, a file read only
// when it changed or when its text is asked for, and never trusted when it changed underneath.

import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampedSources } from '../../src/cache/stamped-sources.js';
import { WholeNeeded } from '../../src/engine/loading-map.js';
import type { FileToRead } from '../../src/source/read-source.js';
import { sourceReader } from '../../src/source/project-files.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/source/read-source.js';
import { tempRepo } from '../helpers.js';

const FILES = ['a.yaml', 'b.yaml', 'c.yaml'];

/** A repository whose files were last written a minute ago (stamps of files written just now are not trusted), and a reader counting its reads. */
function repository() {
  const dir = tempRepo(Object.fromEntries(FILES.map((file) => [file, `name: ${file}\n`])));
  const aMinuteAgo = new Date(Date.now() - 60_000);
  for (const file of FILES) utimesSync(path.join(dir, file), aMinuteAgo, aMinuteAgo);
  const reads: string[] = [];
  const reader = sourceReader({
    rootDir: dir,
    configFile: undefined,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    roots: ['.'],
    include: [],
    exclude: [],
  });
  const read = (file: FileToRead) => {
    reads.push(file.displayPath);
    return reader(file);
  };
  const files = FILES.map((file) => ({ absolutePath: path.join(dir, file), displayPath: file, isSymbolicLink: false }));
  return { dir, files, reads, read, stampsFile: path.join(dir, '.dossier/stamps.bin') };
}

describe('the sources of a rebuild', () => {
  it('reads every file without stamps, then only a changed one; the others when their text is asked for', () => {
    const repo = repository();
    const first = stampedSources(repo.stampsFile, 'env', repo.files, repo.read);
    expect(repo.reads).toEqual(FILES);
    first?.save();

    repo.reads.length = 0;
    writeFileSync(path.join(repo.dir, 'b.yaml'), 'name: bee\n');
    const second = stampedSources(repo.stampsFile, 'env', repo.files, repo.read);
    if (second === undefined || first === undefined) throw new Error('no sources');
    expect(repo.reads).toEqual(['b.yaml']);
    expect(second.keys.get('a.yaml')).toBe(first.keys.get('a.yaml'));
    expect(second.keys.get('b.yaml')).not.toBe(first.keys.get('b.yaml'));
    expect(second.sources.map((source) => source.file)).toEqual(FILES);
    expect(second.sources[2]?.text).toBe('name: c.yaml\n');
    expect(repo.reads).toEqual(['b.yaml', 'c.yaml']);
  });

  it("throws WholeNeeded for a text that is no longer the content its stamp stood for; another environment's stamps are not used", () => {
    const repo = repository();
    stampedSources(repo.stampsFile, 'env', repo.files, repo.read)?.save();
    const sources = stampedSources(repo.stampsFile, 'env', repo.files, repo.read);
    writeFileSync(path.join(repo.dir, 'a.yaml'), 'name: A.yaml\n');
    expect(() => sources?.sources[0]?.text).toThrow(WholeNeeded);

    repo.reads.length = 0;
    stampedSources(repo.stampsFile, 'another version', repo.files, repo.read);
    expect(repo.reads).toEqual(FILES);
  });

  it('gives up when a Dossier file cannot be read as text (the caller reads them all, with their problems)', () => {
    const repo = repository();
    writeFileSync(path.join(repo.dir, 'c.yaml'), Buffer.concat([Buffer.from('apiVersion: dossier/v1\n'), Buffer.from([0, 1, 2, 0])]));
    expect(stampedSources(repo.stampsFile, 'env', repo.files, repo.read)).toBeUndefined();
  });

  it("stamps another tool's file that is not text, as a file of no text", () => {
    const repo = repository();
    writeFileSync(path.join(repo.dir, 'c.yaml'), Buffer.from([0, 1, 2, 0]));
    expect(stampedSources(repo.stampsFile, 'env', repo.files, repo.read)?.sources.map((source) => source.text === '')).toEqual([
      false,
      false,
      true,
    ]);
  });
});
