// `dossier log` walks history incrementally (each commit's changed files, one blob reader, the
// incremental Linker). Its events must be exactly those of diffing each commit with its first parent,
// both compiled whole from git objects, through every kind of change a history holds.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load-config.js';
import { compileSources } from '../../src/compile/compile-sources.js';
import { configChanges } from '../../src/diff/config-changes.js';
import { diffCatalogs } from '../../src/diff/diff-catalogs.js';
import { eventOf, type LogEvent } from '../../src/diff/log.js';
import { readFilesAt } from '../../src/use-cases/compile-at.js';
import { compileInput, loadProjectContext } from '../../src/use-cases/compile-project.js';
import { logProject } from '../../src/use-cases/log-project.js';
import { configAt } from '../../src/use-cases/revision-config.js';
import { gitRepo, type TestRepo } from '../diff/git-repo.js';
import { exampleFiles } from '../helpers.js';

const FILES = exampleFiles();
const VERSIONS = 'models/fraud-detector/versions.yaml';

/** Promotions, a file ignored and un-ignored by .gitignore, a binary file, a too-large file, other tools' files, a move, a merge, a revert, and dossier.yaml leaving a folder out, then reading it again with a rule loosened. */
function history(): TestRepo {
  const repo = gitRepo({ ...FILES, 'dossier.yaml': 'roots: [.]\nextends: recommended\nmaxFileSize: 60000\n' });
  const versions = FILES[VERSIONS] as string;
  const step = (message: string, files: Record<string, string | null>) => {
    repo.write(files);
    repo.commit(message);
  };
  step('Demote', { [VERSIONS]: versions.replace('stage: production', 'stage: staging') });
  step('Ignore the feature views', { '.gitignore': 'features/\n' });
  step('Edit an ignored file', { 'features/feature-views.yaml': `${FILES['features/feature-views.yaml'] as string}# edited\n` });
  step('Stop ignoring them', { '.gitignore': null });
  step('A binary file', { 'datasets/blob.yaml': 'apiVersion: dossier/v1\n\u0000\u0001binary' });
  step('A file too large', { 'datasets/large.yaml': `apiVersion: dossier/v1\n# ${'x'.repeat(70000)}\n` });
  step("Other tools' files", {
    'datasets/compose.yaml': 'a: 1\na: 2\n',
    'datasets/openapi.yaml': `openapi: 3.1.0\n# ${'x'.repeat(70000)}\n`,
  });
  const demoted = versions.replace('stage: production', 'stage: staging');
  step('Move the versions', { [VERSIONS]: null, 'models/fraud-detector/all.yaml': demoted });
  repo.git('checkout', '-q', '-b', 'side');
  step('On a branch: retire a dataset', { 'datasets/blob.yaml': null });
  repo.git('checkout', '-q', 'feature');
  step('Meanwhile: promote again', {
    'models/fraud-detector/all.yaml': versions,
  });
  repo.git('merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
  repo.git('revert', '--no-edit', 'HEAD~1');
  step('Only notes', { 'notes.txt': 'not metadata' });
  step('Leave the credit models out', {
    'dossier.yaml': 'roots: [.]\nextends: recommended\nmaxFileSize: 60000\nexclude: ["models/credit-scorer/**"]\n',
  });
  step('Edit a file left out', {
    'models/credit-scorer/credit-scorer.yaml': `${FILES['models/credit-scorer/credit-scorer.yaml'] as string}# edited\n`,
  });
  step('Read them again, rules loosened', {
    'dossier.yaml': 'roots: [.]\nextends: recommended\nmaxFileSize: 60000\nrules: {model-version/production-requires-approval: "off"}\n',
  });
  return repo;
}

describe('dossier log, walked incrementally', () => {
  it('gives the events of diffing every commit with its first parent, both compiled whole', async () => {
    const repo = history();
    const config = loadConfigFile(path.join(repo.dir, 'dossier.yaml'), 'dossier.yaml');
    const context = await loadProjectContext(config, repo.dir);
    const log = await logProject({ cwd: repo.dir, config, context });

    const expected: LogEvent[] = [];
    const commits = repo.git('log', '--first-parent', '--format=%H|%P|%aI|%an').split('\n');
    for (const line of commits) {
      const [sha = '', parents = '', date = '', author = ''] = line.split('|');
      const parent = parents === '' ? undefined : parents.split(' ')[0];
      const compiled = async (at: string | undefined) =>
        compileSources(
          compileInput(context, at === undefined ? { sources: [], fileDiagnostics: [] } : (await readFilesAt(config, repo.dir, at)).files),
        );
      const configOf = (at: string) => configAt(repo.dir, at, path.join(repo.dir, 'dossier.yaml'), 'dossier.yaml', config);
      const configChanged =
        parent !== undefined && repo.git('diff', '--name-only', parent, sha, '--', 'dossier.yaml').trim() === 'dossier.yaml';
      const diff = diffCatalogs({
        base: await compiled(parent),
        head: await compiled(sha),
        baseSide: { ref: parent ?? '', sha: parent ?? '' },
        headSide: { ref: sha, sha },
        ...(configChanged
          ? {
              configChanges: configChanges(await configOf(parent), await configOf(sha), {
                display: 'dossier.yaml',
                inRepository: 'dossier.yaml',
                today: date.slice(0, 10),
              }),
            }
          : {}),
      });
      expected.push(...diff.changes.map((change) => eventOf({ sha, date, author }, change)));
    }
    expect(log.events).toEqual(expected);
    const ids = new Set(log.events.map((event) => event.change));
    for (const id of [
      'promoted-to-production',
      'stage-demoted',
      'entity-added',
      'entity-removed',
      'new-problem',
      'config-changed',
      'rule-loosened',
    ])
      expect(ids, id).toContain(id);
  });
});
