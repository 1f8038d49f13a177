// dossier import mlflow-registry / mlflow-model: registry responses saved by mlflow-tools and MLmodel
// files from MLflow's repositories (test/fixtures/mlflow*/SOURCES.md).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMlflowRegistry } from '../../src/interop/mlflow-registry.js';
import { runCli, tempRepo } from '../helpers.js';
import { FIXTURES, importInto } from './import-helpers.js';

describe('dossier import mlflow-registry', () => {
  it('maps registered models and versions: stages, aliases, tags, descriptions, runs and sources', async () => {
    const { documents, run } = await importInto([
      'mlflow-registry',
      'mlflow-registry/registered_model.json',
      'mlflow-registry/model_version.json',
      '--owner',
      'ml',
    ]);
    expect(documents.get('Model/sklearn_wine_onnx')).toMatchObject({
      metadata: { description: 'Skearn Wine Quality model', owner: 'ml' },
      spec: { task: 'unspecified' },
    });
    expect(documents.get('ModelVersion/sklearn_wine_onnx@5')).toMatchObject({
      metadata: { description: 'v5 Production - wine', annotations: { 'mlflow.org/tag.registered_version_info': 'v5 Production - wine' } },
      spec: {
        model: 'sklearn_wine_onnx',
        stage: 'production',
        aliases: ['my_alias_03_onnx'],
        artifact: { uri: '/opt/mlflow/server/mlruns/1/6891e9c93f5b4c18a54c534e01c19378/artifacts/onnx-model' },
        training: { run: { tracker: 'mlflow', id: '6891e9c93f5b4c18a54c534e01c19378' } },
      },
    });
    expect(documents.get('ModelVersion/sklearn_wine@6')?.spec).toMatchObject({ stage: 'archived' });
    const report = JSON.parse(run.stdout) as { unmapped: string[]; warnings: string[] };
    expect(report.unmapped).toEqual(
      expect.arrayContaining([
        'mlflow-registry/registered_model.json: version_runs',
        'registered model sklearn_wine_onnx: aliases about-ready_onnx (version 2 is not in the input)',
        'model version sklearn_wine_onnx@5: _download_uri',
      ]),
    );
    expect(report.warnings).toContain("registered model sklearn_wine: no `task` tag; the model's task is `unspecified` until you set it.");
  });

  it('refuses JSON that is no registry response (exit 2)', async () => {
    const cwd = tempRepo({ 'run.json': JSON.stringify({ run: { info: { run_id: 'x' } } }) });
    const run = await runCli(['import', 'mlflow-registry', 'run.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run.json: not an MLflow registry response');
  });
});

describe('dossier import mlflow-model', () => {
  it('maps an MLmodel folder to a version of a model, with a Model placeholder and the signature', async () => {
    const { documents } = await importInto(['mlflow-model', 'mlflow/pyfunc-model', '--version', '4', '--name', 'wine-quality']);
    expect(documents.get('ModelVersion/wine-quality@4')?.spec).toMatchObject({
      model: 'wine-quality',
      signature: { inputs: expect.any(Array) as unknown },
      training: { run: { tracker: 'mlflow' } },
    });
    expect(documents.get('Model/wine-quality')?.spec).toEqual({ task: 'unspecified', framework: 'python_function' });
  });

  it('maps the sklearn flavor to the framework, and says when there is no signature', async () => {
    const { documents, run } = await importInto(['mlflow-model', 'mlflow/sklearn-model/MLmodel', '--version', '1', '--name', 'wine']);
    expect(documents.get('Model/wine')?.spec).toEqual({ task: 'unspecified', framework: 'sklearn' });
    expect(documents.get('ModelVersion/wine@1')?.spec).toMatchObject({ artifact: { format: 'mlflow/sklearn' } });
    expect((JSON.parse(run.stdout) as { warnings: string[] }).warnings).toContainEqual(
      expect.stringContaining('the MLmodel has no signature'),
    );
  });

  it('needs --version, and names an input that is not an MLmodel', async () => {
    const cwd = tempRepo({ 'm/MLmodel': '- just\n- a list\n' });
    const noVersion = await runCli(['import', 'mlflow-model', 'mlflow/pyfunc-model'], { cwd: FIXTURES });
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('mlflow-model needs --version');
    const notModel = await runCli(['import', 'mlflow-model', 'm', '--version', '1'], { cwd });
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toContain('m/MLmodel: not an MLmodel file');
  });
});

describe('names that are Object.prototype keys', () => {
  it('a stage named `constructor` is an unknown stage, not an internal error', () => {
    const text = readFileSync(path.join(FIXTURES, 'mlflow-registry/model_version.json'), 'utf8').replace(
      /"current_stage": *"Archived"/,
      '"current_stage": "constructor"',
    );
    const mapping = importMlflowRegistry([{ file: 'v.json', text }], {});
    const version = mapping.documents.find((d) => d.kind === 'ModelVersion') as { spec: { stage: unknown } };
    expect(version.spec.stage).toBe('development');
    expect(mapping.warnings.join('\n')).toContain('stage `constructor` is not an MLflow stage');
  });
});

describe('hostile registry responses', () => {
  it('names a creation timestamp no date can hold instead of failing', () => {
    const text = readFileSync(path.join(FIXTURES, 'mlflow-registry/model_version.json'), 'utf8').replace(
      /"creation_timestamp": *\d+/g,
      '"creation_timestamp": 99999999999999999999',
    );
    const mapping = importMlflowRegistry([{ file: 'v.json', text }], {});
    expect(mapping.unmapped.join('\n')).toContain(
      'model version sklearn_wine@6: creation_timestamp (`100000000000000000000` is not a time)',
    );
  });
});
