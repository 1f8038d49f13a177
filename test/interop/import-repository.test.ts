// Repository-aware import: the whole repository decides what exists, --out only where new files go.
// Each entity an import used to write a second time is used (or updated) where the repository defines it.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES } from './import-helpers.js';
import { IMPORT_MARKER } from '../../src/use-cases/import-metadata.js';

const TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ml}\nspec: {type: team}\n';
const MODEL =
  'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: wine-quality, owner: ml}\nspec: {task: regression, license: MIT}\n' +
  '---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: wine-quality, version: "1", owner: ml}\nspec: {model: wine-quality}\n';
const DATASET =
  'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: bookcorpus, version: "2024-01", owner: ml}\n' +
  'spec: {location: {uri: "s3://corpora/bookcorpus/2024-01"}}\n';

/** A repository (dossier.yaml at its top) whose hand-written files define a team, a model with one version and a dataset. */
function repository(): string {
  return tempRepo({
    'dossier.yaml': 'extends: core\n',
    'org/teams.yaml': TEAM,
    'catalog/wine.yaml': MODEL,
    'catalog/data/bookcorpus.yaml': DATASET,
  });
}

/** The files under a folder, relative to it, sorted. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function expectLintClean(repo: string): Promise<void> {
  const lint = await runCli(['lint', '.', '--format', 'json'], { cwd: repo });
  expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  const report = JSON.parse(lint.stdout) as { summary: { errors: number }; diagnostics: { severity: string; message: string }[] };
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(report.summary.errors).toBe(0);
}

describe('dossier import: the repository decides what exists', () => {
  it('uses a Team the repository defines in another file as the owner, writing no team file', async () => {
    const repo = repository();
    const run = await runCli(['import', 'hf-dataset-card', path.join(FIXTURES, 'huggingface/imdb'), '--out', 'imported', '--owner', 'ml'], {
      cwd: repo,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(filesUnder(path.join(repo, 'imported'))).toEqual(['datasets/imdb.yaml']);
    expect(readFileSync(path.join(repo, 'org/teams.yaml'), 'utf8')).toBe(TEAM);
    await expectLintClean(repo);
  });

  it('writes only the new ModelVersion of a Model defined elsewhere, in a new file under --out that references it', async () => {
    const repo = repository();
    const run = await runCli(
      [
        'import',
        'mlflow-model',
        path.join(FIXTURES, 'mlflow/sklearn-model'),
        '--name',
        'wine-quality',
        '--version',
        '2',
        '--owner',
        'ml',
        '--out',
        'imported',
      ],
      { cwd: repo },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(filesUnder(path.join(repo, 'imported'))).toEqual(['models/wine-quality.yaml']);
    const written = readFileSync(path.join(repo, 'imported/models/wine-quality.yaml'), 'utf8');
    expect(written).toContain('kind: ModelVersion');
    expect(written).toContain('model: wine-quality');
    expect(written).not.toMatch(/kind: (Model|Team)\n/);
    expect(readFileSync(path.join(repo, 'catalog/wine.yaml'), 'utf8')).toBe(MODEL);
    await expectLintClean(repo);
  });

  it('refers to a Dataset the repository defines (any version of it) instead of writing a stand-in for it', async () => {
    const repo = repository();
    const run = await runCli(
      [
        'import',
        'hf-model-card',
        path.join(FIXTURES, 'huggingface/bert-base-uncased'),
        '--version',
        '1',
        '--owner',
        'ml',
        '--out',
        'imported',
      ],
      { cwd: repo },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(filesUnder(path.join(repo, 'imported'))).toEqual(['datasets/wikipedia.yaml', 'models/bert-base-uncased.yaml']);
    expect(readFileSync(path.join(repo, 'catalog/data/bookcorpus.yaml'), 'utf8')).toBe(DATASET);
    await expectLintClean(repo);
  });

  it('updates an entity a previous import wrote elsewhere in the repository where it is, whatever --out is', async () => {
    const repo = repository();
    const card = ['import', 'hf-dataset-card', path.join(FIXTURES, 'huggingface/imdb'), '--owner', 'ml'];
    expect((await runCli([...card, '--out', 'data'], { cwd: repo })).code).toBe(0);
    const file = path.join(repo, 'data/datasets/imdb.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  title: IMDB\n', '').replace('kind: Dataset\n', 'kind: Dataset # reviewed\n'));
    const again = await runCli([...card, '--out', 'imported'], { cwd: repo });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('updated data/datasets/imdb.yaml (dataset:default/imdb)');
    expect(existsSync(path.join(repo, 'imported'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('kind: Dataset # reviewed\n');
    expect(readFileSync(file, 'utf8')).toContain('  title: IMDB\n');
    await expectLintClean(repo);
  });

  it('changes a hand-written entity elsewhere only with --force, naming the entity and its file', async () => {
    const handWritten = 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: bert-base-uncased}\nspec: {task: fill-mask}\n';
    const repo = tempRepo({ 'dossier.yaml': 'extends: core\n', 'catalog/models.yaml': handWritten });
    const args = ['import', 'hf-model-card', path.join(FIXTURES, 'huggingface/bert-base-uncased'), '--out', 'imported'];
    const refused = await runCli(args, { cwd: repo });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'catalog/models.yaml was not written by dossier import and would change (model:default/bert-base-uncased): nothing was written.',
    );
    expect(readFileSync(path.join(repo, 'catalog/models.yaml'), 'utf8')).toBe(handWritten);
    expect(existsSync(path.join(repo, 'imported'))).toBe(false);
    const forced = await runCli([...args, '--force'], { cwd: repo });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'catalog/models.yaml'), 'utf8')).toContain('license: Apache-2.0');
    expect(filesUnder(path.join(repo, 'imported'))).toEqual(['datasets/bookcorpus.yaml', 'datasets/wikipedia.yaml']);
    await expectLintClean(repo);
  });

  it('importing into a subfolder of a repository that already defines the owner and the model keeps lint at zero errors', async () => {
    const repo = repository();
    // Run from elsewhere: the repository is the one --out is in, not the working directory.
    const out = path.join(repo, 'imports/mlflow');
    for (const [input, version] of [
      ['mlflow/sklearn-model', '2'],
      ['mlflow/pyfunc-model', '3'],
    ] as const) {
      const run = await runCli(
        ['import', 'mlflow-model', input, '--name', 'wine-quality', '--version', version, '--owner', 'ml', '--out', out],
        {
          cwd: FIXTURES,
        },
      );
      expect(run.code, run.stderr).toBe(0);
    }
    const card = await runCli(
      [
        'import',
        'hf-model-card',
        'huggingface/bert-base-uncased',
        '--version',
        '1',
        '--owner',
        'ml',
        '--out',
        path.join(repo, 'imports/hf'),
      ],
      {
        cwd: FIXTURES,
      },
    );
    expect(card.code, card.stderr).toBe(0);
    expect(filesUnder(path.join(repo, 'imports'))).toEqual([
      'hf/datasets/wikipedia.yaml',
      'hf/models/bert-base-uncased.yaml',
      'mlflow/models/wine-quality.yaml',
    ]);
    expect(readFileSync(path.join(repo, 'catalog/wine.yaml'), 'utf8')).toBe(MODEL);
    await expectLintClean(repo);
  });

  it('writes an entity the repository defines nowhere under --out, with the marker', async () => {
    const repo = repository();
    const run = await runCli(['import', 'croissant', path.join(FIXTURES, 'croissant/titanic.json'), '--out', 'imported'], { cwd: repo });
    expect(run.code, run.stderr).toBe(0);
    const [file] = filesUnder(path.join(repo, 'imported'));
    expect(file).toMatch(/^datasets\//);
    expect(readFileSync(path.join(repo, 'imported', file ?? ''), 'utf8').startsWith(IMPORT_MARKER)).toBe(true);
  });
});
