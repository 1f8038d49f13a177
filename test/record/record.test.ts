// dossier record: a training run's output written into the metadata where it belongs, and with --pr
// committed on its own branch, pushed to a real (bare, local) remote, with its pull request opened on
// the local GitHub API stand-in.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeGitHub, type FakeGitHub } from '../github/fake-github.js';
import { exampleFiles, runCli, tempRepo } from '../helpers.js';
import { cloneWithRemote } from './git-remote.js';

const VERSIONS = 'models/fraud-detector/versions.yaml';
const EVALUATIONS = 'models/fraud-detector/evaluations.yaml';

const version = (v: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'dossier/v1',
  kind: 'ModelVersion',
  metadata: { name: 'fraud-detector', version: v, owner: 'risk-ml', terms: ['pii'] },
  spec: {
    model: 'fraud-detector',
    stage: 'development',
    artifact: { uri: `s3://example-models/fraud-detector/${v}/model.json`, format: 'xgboost-json' },
    training: {
      datasets: [{ ref: 'transactions@2024-06', role: 'train' }],
      features: ['customer-transaction-stats#avg_amount_30d'],
      hyperparameters: { n_estimators: 900 },
    },
    ...extra,
  },
});
const evaluation = (v: string, auc: number) => ({
  apiVersion: 'dossier/v1',
  kind: 'Evaluation',
  metadata: { name: `fraud-detector-${v.replaceAll('.', '-')}-holdout`, owner: 'risk-ml' },
  spec: {
    modelVersion: `fraud-detector@${v}`,
    dataset: 'transactions-holdout@2024-06',
    metrics: [{ name: 'auc_pr', value: auc, threshold: 0.65 }],
  },
});

function repoWith(input: unknown, extra: Record<string, string> = {}): string {
  return tempRepo({ ...exampleFiles(), 'run.json': JSON.stringify(input, null, 2), ...extra });
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** `record --from-mlflow` of the sklearn fixture as fraud-detector 3.0.0, with metrics.json measured on the hold-out. */
const recordSklearnRun = (dir: string) =>
  runCli(
    [
      'record',
      '--from-mlflow',
      path.resolve('test/fixtures/mlflow/sklearn-model'),
      ...['--model', 'fraud-detector', '--owner', 'risk-ml', '--version', '3.0.0'],
      ...['--metrics', 'metrics.json', '--eval-dataset', 'transactions-holdout@2024-06'],
    ],
    { cwd: dir },
  );

describe('dossier record', () => {
  it('adds a version and its evaluation next to their siblings, in the same multi-document files; again changes nothing', async () => {
    const dir = repoWith([version('3.0.0'), evaluation('3.0.0', 0.81)]);
    const before = read(dir, VERSIONS);
    const first = await runCli(['record', 'run.json'], { cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain(`modelversion:default/fraud-detector@3.0.0: added in ${VERSIONS}`);
    expect(first.stdout).toContain(`evaluation:default/fraud-detector-3-0-0-holdout: added in ${EVALUATIONS}`);
    const after = read(dir, VERSIONS);
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toContain('---\napiVersion: dossier/v1\nkind: ModelVersion\n');
    expect(after).toContain('    datasets:\n      - {ref: transactions@2024-06, role: train}\n');

    const lint = await runCli(['lint', '--format', 'json'], { cwd: dir });
    const problems = (JSON.parse(lint.stdout) as { diagnostics: { entity?: string; severity: string }[] }).diagnostics;
    expect(problems.filter((d) => d.entity?.endsWith('@3.0.0') === true && d.severity === 'error')).toEqual([]);

    const again = await runCli(['record', 'run.json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to change');
    expect(read(dir, VERSIONS)).toBe(after);
  });

  it('updates only the fields given, keeping comments and key order; refuses new training data without --replace', async () => {
    // Comments aligned by hand, and one at column 0 inside a list, are kept as written.
    const original = exampleFiles()[VERSIONS] ?? '';
    const commented = original
      .replace('  stage: staging\n', '  stage: staging        # shadow until the August review\n')
      .replace('      - merchant-risk\n', '      - merchant-risk    # since 2.0.0\n#   the 2.0.0 list, kept as it was\n');
    const update = {
      ...version('2.1.0'),
      spec: { model: 'fraud-detector', artifact: { uri: 's3://example-models/fraud-detector/2.1.0/model.json', sha256: 'a'.repeat(64) } },
    };
    const dir = repoWith(update, { [VERSIONS]: commented });
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('modelversion:default/fraud-detector@2.1.0: updated');
    const text = read(dir, VERSIONS);
    expect(text).toContain('  stage: staging        # shadow until the August review\n');
    expect(text).toContain(`sha256: ${'a'.repeat(64)}`);
    expect(text.replace(/, sha256: a+/, '').replace(/\n {4}sha256: a+/, '')).toBe(
      commented.replace(/artifact: \{uri: "([^"]+)", format: xgboost-json\}/, 'artifact: {uri: "$1", format: xgboost-json}'),
    );

    const retrain = version('2.1.0');
    retrain.spec.training.datasets = [{ ref: 'transactions@2024-05', role: 'train' }];
    writeFileSync(path.join(dir, 'retrain.json'), JSON.stringify(retrain));
    const refused = await runCli(['record', 'retrain.json'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('exists with other training data');
    expect(read(dir, VERSIONS)).toBe(text);
    expect((await runCli(['record', 'retrain.json', '--replace'], { cwd: dir })).code).toBe(0);
    expect(read(dir, VERSIONS)).toContain('transactions@2024-05, role: train}\n    features: [customer-transaction-stats#avg_amount_30d]');
  });

  it('takes the same training data spelled out in full as the same, not as a retraining', async () => {
    const spelled = version('2.1.0');
    spelled.spec.training.datasets = [{ ref: 'dataset:default/transactions@2024-06', role: 'train' }];
    const dir = repoWith(spelled);
    const before = read(dir, VERSIONS);
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.stderr).not.toContain('exists with other training data');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // The file keeps its own spelling of the same data.
    expect(before).toContain(
      '    datasets:\n      - {ref: transactions@2024-06, role: train}\n    features:\n      - customer-transaction-stats\n',
    );
    expect(read(dir, VERSIONS)).toContain('    datasets:\n      - {ref: transactions@2024-06, role: train}\n    features:');
    expect(read(dir, VERSIONS)).not.toContain('dataset:default/transactions@2024-06');
  });

  it("updates one metric by name, keeping the others and the metric's threshold; a changed value keeps its comment", async () => {
    const commented = exampleFiles()[VERSIONS]?.replace(
      '    hyperparameters: {n_estimators: 800, max_depth: 8, learning_rate: 0.04}\n',
      '    hyperparameters:\n      n_estimators: 800 # keep in sync with the feature store\n      max_depth: 8\n',
    );
    const remeasured = evaluation('2.1.0', 0.79);
    remeasured.spec.metrics = [{ name: 'auc_pr', value: 0.79 }] as typeof remeasured.spec.metrics;
    const retuned = { ...version('2.1.0'), spec: { model: 'fraud-detector', training: { hyperparameters: { n_estimators: 900 } } } };
    const dir = repoWith([retuned, remeasured], { [VERSIONS]: commented ?? '' });
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(dir, EVALUATIONS)).toContain(
      [
        '    - {name: auc_pr, value: 0.79, higherIsBetter: true, threshold: 0.65}',
        '    - {name: recall_at_1pct_fpr, value: 0.68, higherIsBetter: true, threshold: 0.5}',
        '    - {name: p99_latency_ms, value: 25, higherIsBetter: false, threshold: 40}',
      ].join('\n'),
    );
    expect(read(dir, VERSIONS)).toContain('      n_estimators: 900 # keep in sync with the feature store\n      max_depth: 8\n');

    // A confidence interval belongs to the value measured with it: a new value without one drops it.
    writeFileSync(
      path.join(dir, EVALUATIONS),
      read(dir, EVALUATIONS).replace(
        '{name: auc_pr, value: 0.79, higherIsBetter: true, threshold: 0.65}',
        '{name: auc_pr, value: 0.79, higherIsBetter: true, threshold: 0.65, ci: {lower: 0.76, upper: 0.8}}',
      ),
    );
    remeasured.spec.metrics = [{ name: 'auc_pr', value: 0.95 }] as typeof remeasured.spec.metrics;
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify([remeasured]));
    expect((await runCli(['record', 'run.json'], { cwd: dir })).code).toBe(0);
    expect(read(dir, EVALUATIONS)).toContain('    - {name: auc_pr, value: 0.95, higherIsBetter: true, threshold: 0.65}\n');
  });

  it('edits a node that an alias points at, the alias keeping its old value', async () => {
    const anchored =
      exampleFiles()[VERSIONS]?.replace(/(version: "2\.1\.0"\n(?:.*\n)*?) {2}terms: \[pii\]\n/, '$1  tags: &t [pii]\n  terms: *t\n') ?? '';
    expect(anchored).toContain('terms: *t');
    const update = { ...version('2.1.0'), spec: { model: 'fraud-detector' } };
    update.metadata = { ...update.metadata, tags: ['pii', 'shadow'] } as typeof update.metadata;
    const dir = repoWith(update, { [VERSIONS]: anchored });
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(read(dir, VERSIONS)).toContain('  tags: [pii, shadow]\n  terms: [pii]\n');
  });

  it('reports input problems at the input line, and unresolved references as lint does; writes nothing', async () => {
    const dir = repoWith({});
    writeFileSync(
      path.join(dir, 'bad.yaml'),
      'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata:\n  name: fraud-detector\nspec:\n  model: fraud-detector\n  stage: live\n',
    );
    const bad = await runCli(['record', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml\s*\n\s*3:1 .*version/);
    expect(bad.stderr).toMatch(/7:\d+ .*stage/);
    expect(bad.stderr).toContain('Nothing was recorded');

    const list = JSON.stringify(
      [version('3.0.0'), { ...evaluation('3.0.0', 0.8), spec: { ...evaluation('3.0.0', 0.8).spec, dataset: 'no-such-data@1' } }],
      null,
      2,
    );
    writeFileSync(path.join(dir, 'dangling.json'), list);
    const before = read(dir, EVALUATIONS);
    const dangling = await runCli(['record', 'dangling.json'], { cwd: dir });
    expect(dangling.code).toBe(1);
    expect(dangling.stdout).toContain('reference/unresolved');
    expect(dangling.stderr).toContain('Nothing was written');
    expect(read(dir, EVALUATIONS)).toBe(before);
  });

  it('reads YAML streams from standard input, and --dry-run writes nothing', async () => {
    const dir = repoWith({});
    const stream = `${JSON.stringify(version('3.0.0'))}\n---\n${JSON.stringify(evaluation('3.0.0', 0.8))}\n`;
    const before = read(dir, VERSIONS);
    const dry = await runCli(['record', '-', '--dry-run'], { cwd: dir, stdin: stream });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would be added');
    expect(read(dir, VERSIONS)).toBe(before);
    expect((await runCli(['record', '-'], { cwd: dir, stdin: stream })).code).toBe(0);
    expect(read(dir, VERSIONS)).not.toBe(before);
  });

  it('fails on an input with nothing to record (a training job that wrote nothing), rather than reporting success', async () => {
    const dir = repoWith({});
    for (const stdin of ['', '\n', '# nothing\n', '---\n']) {
      const run = await runCli(['record', '-'], { cwd: dir, stdin });
      expect(run.code, JSON.stringify(stdin)).toBe(1);
      expect(run.stdout + run.stderr).toContain('no entity to record');
    }
  });

  it('reports and refuses the errors it makes elsewhere: a production deployment that follows the latest version', async () => {
    // 2.0.0 (in production) is the latest version, and the production deployment runs the latest.
    const files = Object.fromEntries(
      Object.entries(exampleFiles()).map(([file, text]) => [file, text.replaceAll('2.1.0', '1.9.0').replaceAll('2-1-0', '1-9-0')]),
    );
    const deployments = 'models/fraud-detector/deployments.yaml';
    files[deployments] = (files[deployments] ?? '').replace('modelVersion: fraud-detector@2.0.0', 'modelVersion: fraud-detector');
    const dir = repoWith(version('3.0.0'), files);
    expect((await runCli(['lint'], { cwd: dir })).code).toBe(0);
    const before = read(dir, VERSIONS);
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Production deployment `fraud-detector-prod` runs `modelversion:default/fraud-detector@3.0.0`');
    expect(run.stderr).toContain('Nothing was written');
    expect(read(dir, VERSIONS)).toBe(before);
  });

  it('writes nothing through a folder committed as a link out of the repository', async () => {
    const outside = tempRepo({ 'fraud/fraud.yaml': 'PRECIOUS\n' });
    const dir = tempRepo({ 'teams.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ml}\nspec: {}\n' });
    symlinkSync(outside, path.join(dir, 'models'));
    const model = {
      apiVersion: 'dossier/v1',
      kind: 'Model',
      metadata: { name: 'fraud', owner: 'ml' },
      spec: { task: 'binary-classification' },
    };
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(model));
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('leads out of the repository through a symbolic link; nothing was written.');
    expect(readFileSync(path.join(outside, 'fraud/fraud.yaml'), 'utf8')).toBe('PRECIOUS\n');
    expect(readdirSync(outside)).toEqual(['fraud']);
  });

  it('refuses secrets in hyperparameters, whatever dossier.yaml turns on, before anything is written', async () => {
    const leaky = version('3.0.0');
    leaky.spec.training.hyperparameters = { n_estimators: 900, wandb_api_key: 'f'.repeat(40) } as unknown as { n_estimators: number };
    const dir = repoWith(leaky, { 'dossier.yaml': 'extends: core\n' });
    const before = read(dir, VERSIONS);
    const run = await runCli(['record', 'run.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('model-version/no-secrets-in-hyperparameters');
    expect(read(dir, VERSIONS)).toBe(before);
  });

  const hasPython = spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!hasPython)('is what examples/training/record_run.py calls, with nothing but Python itself', () => {
    const dir = repoWith({});
    const bin = tempRepo({ npx: `#!/bin/sh\nshift\nexec "${process.execPath}" "${path.resolve('build/dossier.js')}" "$@"\n` });
    chmodSync(path.join(bin, 'npx'), 0o755);
    const run = spawnSync('python3', [path.resolve('examples/training/record_run.py')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('modelversion:default/fraud-detector@3.1.0: added');
    expect(read(dir, VERSIONS)).toContain('version: "3.1.0"');
  });

  it('--from-mlflow maps real MLmodel files (test/fixtures/mlflow/SOURCES.md) and the run metrics, naming what has no place', async () => {
    const dir = repoWith({}, { 'metrics.json': '{"auc_pr": 0.8, "recall_at_1pct_fpr": 0.66}' });
    const fixture = (name: string) => path.resolve('test/fixtures/mlflow', name);
    const mlflow = ['--model', 'fraud-detector', '--owner', 'risk-ml'];
    const sklearn = await recordSklearnRun(dir);
    expect(sklearn.code, sklearn.stdout + sklearn.stderr).toBe(0);
    expect(sklearn.stderr).toContain('flavors.sklearn.sklearn_version');
    const versions = read(dir, VERSIONS);
    expect(versions).toContain('artifact: {uri: runs:/b233ae52f3b1447892a5ef0e3a1dbe25/model, format: mlflow/sklearn}');
    expect(versions).toContain('run: {tracker: mlflow, id: b233ae52f3b1447892a5ef0e3a1dbe25}\n    finishedAt: 2023-02-16T17:24:17.083Z');
    expect(versions).toContain('mlflow.org/model-uuid: ab5cb34c9a6b422cbf5ca2753b7588c8');
    expect(read(dir, EVALUATIONS)).toContain(
      'modelVersion: fraud-detector@3.0.0\n  dataset: transactions-holdout@2024-06\n  metrics:\n    - {name: auc_pr, value: 0.8}',
    );

    const pyfunc = await runCli(['record', '--from-mlflow', fixture('pyfunc-model/MLmodel'), ...mlflow, '--version', '3.1.0'], {
      cwd: dir,
    });
    expect(pyfunc.code, pyfunc.stdout + pyfunc.stderr).toBe(0);
    expect(read(dir, VERSIONS)).toContain(
      '  signature:\n    inputs:\n      - {name: test_model_input, type: double}\n    outputs:\n      - name: test_model_output\n        type: float64\n        shape: [-1]\n',
    );

    const unnamed = await runCli(['record', '--from-mlflow', fixture('pyfunc-model')], { cwd: dir });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('--from-mlflow needs --model <name> and --version <version>');
    const noDataset = await runCli(
      ['record', '--from-mlflow', fixture('pyfunc-model'), ...mlflow, '--version', '4', '--metrics', 'metrics.json'],
      { cwd: dir },
    );
    expect(noDataset.stderr).toContain('--metrics needs --eval-dataset');
  });

  it('--metrics names every metric it could not record: a text, null, a number JSON cannot hold, no name', async () => {
    const dir = repoWith({}, { 'metrics.json': '{"auc_pr": 0.8, "loss": "NaN", "acc": "0.5", "n": null, "big": 1e999, "": 0.7}' });
    const run = await recordSklearnRun(dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'dossier: not recorded from metrics.json: loss (a string, not a finite number), acc (a string, not a finite number), n (null, not a finite number), big (Infinity, not a finite number), "" (a metric without a name)',
    );
    expect(read(dir, EVALUATIONS)).toContain('  metrics:\n    - {name: auc_pr, value: 0.8}\n');
  });

  it('gives a version its own file where each version has one', async () => {
    const single = (v: string) =>
      `apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: churn, version: "${v}"}\nspec: {model: churn, stage: development}\n`;
    const dir = tempRepo({
      'models/churn/model.yaml': 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: churn}\nspec: {task: binary-classification}\n',
      'models/churn/churn-1.0.0.yaml': single('1.0.0'),
      'models/churn/churn-1.1.0.yaml': single('1.1.0'),
      'run.yaml': single('2.0.0'),
    });
    const run = await runCli(['record', 'run.yaml'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'models/churn/churn-2.0.0.yaml'))).toBe(true);
  });
});

describe('dossier record --pr', () => {
  const fakeGitHub = useFakeGitHub();
  let github: FakeGitHub;
  beforeEach(() => {
    github = fakeGitHub();
  });
  const env = () => ({
    GITHUB_TOKEN: 'test-token',
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_API_URL: github.url,
    DOSSIER_RETRY_BASE_MS: '1',
  });
  const remoteLog = (remote: string, branch: string) =>
    execFileSync('git', ['--git-dir', remote, 'log', '--format=%s', branch], { encoding: 'utf8' }).trim().split('\n');

  it('commits on its own branch, pushes, opens the pull request; the same input again changes nothing; more data updates it', async () => {
    const { dir, remote, git } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify([version('3.0.0'), evaluation('3.0.0', 0.81)]));
    const first = await runCli(['record', 'run.json', '--pr', '--label', 'metadata', '--reviewer', 'model-risk-lead'], {
      cwd: dir,
      env: env(),
    });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Pull request #\d+ created: https:\/\/github\.example\/acme\/metadata\/pull\/\d+/);
    expect(remoteLog(remote, 'dossier/record/fraud-detector-3.0.0')[0]).toBe('Record fraud-detector 3.0.0');
    expect(git('status', '--porcelain', '--untracked-files=no')).toBe('');
    expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(read(dir, VERSIONS)).not.toContain('3.0.0');
    const [pull] = github.pulls;
    expect(pull).toMatchObject({
      head: 'dossier/record/fraud-detector-3.0.0',
      base: 'main',
      title: 'Record fraud-detector 3.0.0',
      labels: ['metadata'],
      reviewers: ['model-risk-lead'],
    });
    expect(pull?.body).toContain('3.0.0');

    const again = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('unchanged');
    expect(remoteLog(remote, 'dossier/record/fraud-detector-3.0.0')).toHaveLength(2);
    expect(github.pulls).toHaveLength(1);

    writeFileSync(
      path.join(dir, 'run.json'),
      JSON.stringify([
        version('3.0.0'),
        evaluation('3.0.0', 0.81),
        { ...evaluation('3.0.0', 0.79), metadata: { name: 'fraud-detector-3-0-0-oot', owner: 'risk-ml' } },
      ]),
    );
    const more = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toMatch(/Pull request #\d+ updated/);
    expect(remoteLog(remote, 'dossier/record/fraud-detector-3.0.0')).toHaveLength(3);
    expect(github.pulls[0]?.body).toContain('fraud-detector-3-0-0-oot');
  });

  it('rebases on a branch that another record moved on the remote, and pushes', async () => {
    const { dir, remote, git } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version('3.0.0')));
    expect((await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() })).code).toBe(0);
    const other = path.join(tempRepo(), 'other');
    execFileSync('git', ['clone', '-q', remote, other]);
    writeFileSync(path.join(other, 'run.json'), JSON.stringify(version('3.0.0', { stage: 'staging' })));
    const elsewhere = await runCli(['record', 'run.json', '--pr', '--author', 'CI <ci@example.com>'], { cwd: other, env: env() });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);

    // The same stage as the other record's, and a new file: the rebase has nothing to merge by hand.
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify([version('3.0.0', { stage: 'staging' }), evaluation('3.0.0', 0.8)]));
    const run = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(remoteLog(remote, 'dossier/record/fraud-detector-3.0.0')).toHaveLength(4);
    expect(git('status', '--porcelain', '--untracked-files=no')).toBe('');
  });

  it('refuses a record branch holding commits Dossier did not make, even with its trailer forged, changing nothing (exit 2)', async () => {
    const { dir, remote } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version('3.0.0')));
    expect((await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() })).code).toBe(0);
    const pulls = github.pulls.map((pull) => ({ ...pull }));
    for (const [file, message] of [
      ['NOTES.md', 'Reviewer notes'],
      ['.github/workflows/evil.yml', 'Record fraud-detector 3.0.0\n\nRecorded by dossier record.'],
    ] as const) {
      const other = path.join(tempRepo(), 'other');
      execFileSync('git', ['clone', '-q', '-b', 'dossier/record/fraud-detector-3.0.0', remote, other]);
      mkdirSync(path.dirname(path.join(other, file)), { recursive: true });
      writeFileSync(path.join(other, file), 'on: push\n');
      execFileSync('git', ['add', file], { cwd: other });
      execFileSync('git', ['-c', 'user.name=r', '-c', 'user.email=r@example.com', 'commit', '-q', '-m', message], { cwd: other });
      execFileSync('git', ['push', '-q', 'origin', 'HEAD'], { cwd: other });
      const tip = execFileSync('git', ['--git-dir', remote, 'rev-parse', 'dossier/record/fraud-detector-3.0.0'], { encoding: 'utf8' });

      writeFileSync(path.join(dir, 'run.json'), JSON.stringify([version('3.0.0'), evaluation('3.0.0', 0.8)]));
      const run = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain('Branch dossier/record/fraud-detector-3.0.0 holds');
      expect(run.stderr).toContain(`changes to files a record never writes ("${file}")`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(execFileSync('git', ['--git-dir', remote, 'rev-parse', 'dossier/record/fraud-detector-3.0.0'], { encoding: 'utf8' })).toBe(
        tip,
      );
      expect(github.pulls).toEqual(pulls);
      execFileSync('git', ['--git-dir', remote, 'update-ref', 'refs/heads/dossier/record/fraud-detector-3.0.0', `${tip.trim()}~1`]);
    }
  });

  it('lists every file the branch changes in the pull request body', async () => {
    const { dir } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify([version('3.0.0'), evaluation('3.0.0', 0.81)]));
    expect((await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() })).code).toBe(0);
    expect(github.pulls[0]?.body).toContain(`**Files changed on this branch (2):**\n\n- \`${EVALUATIONS}\`\n- \`${VERSIONS}\`\n`);
  });

  it.each([
    ['--base=--depth=1', 'The base branch `--depth=1` is not a valid branch name'],
    ['--base=+main:refs/remotes/origin/x', 'The base branch `+main:refs/remotes/origin/x` is not a valid branch name'],
    ['--base=@{-1}', 'The base branch `@{-1}` is not a valid branch name'],
  ])('refuses %s before git sees it: no shallow clone, no ref written (exit 2)', async (flag, message) => {
    const { dir, git } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version('3.0.0')));
    const refs = git('for-each-ref');
    const run = await runCli(['record', 'run.json', '--pr', flag], { cwd: dir, env: env() });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(git('rev-parse', '--is-shallow-repository')).toBe('false');
    expect(git('for-each-ref')).toBe(refs);
    expect(github.pulls).toEqual([]);
  });

  it.each(['1..2', '1.lock'])(
    'refuses version %s, whose branch git cannot name, without leaving a temporary folder (exit 2)',
    async (v) => {
      const { dir } = cloneWithRemote();
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version(v)));
      const temporary = () =>
        readdirSync(tmpdir())
          .filter((name) => name.startsWith('dossier-record-'))
          .sort();
      const before = temporary();
      const run = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(`The record branch \`dossier/record/fraud-detector-${v}\` is not a valid branch name`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(temporary()).toEqual(before);
    },
  );

  it('keeps the branch and says how to go on when GitHub refuses (exit 1)', async () => {
    const { dir, git } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version('3.0.0')));
    github.scripted.push({ method: 'GET', response: { status: 403, body: { message: 'Resource not accessible by integration' } } });
    const run = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('GitHub refused the pull request (HTTP 403)');
    expect(git('branch', '--list', 'dossier/record/*')).toContain('dossier/record/fraud-detector-3.0.0');
  });

  it('refuses a dirty working tree, a repository without remote, a detached HEAD without --base and a folder without git (exit 2), changing nothing', async () => {
    const { dir, git } = cloneWithRemote();
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(version('3.0.0')));
    writeFileSync(path.join(dir, VERSIONS), `${read(dir, VERSIONS)}# edit\n`);
    const dirty = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain('uncommitted changes');
    expect(read(dir, VERSIONS).endsWith('# edit\n')).toBe(true);
    git('checkout', '--', VERSIONS);
    git('remote', 'remove', 'origin');
    const noRemote = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toContain('no remote `origin`');
    git('remote', 'add', 'origin', path.join(dir, 'nowhere.git'));
    git('checkout', '-q', '--detach');
    const detached = await runCli(['record', 'run.json', '--pr'], { cwd: dir, env: env() });
    expect(detached.code).toBe(2);
    expect(detached.stderr).toContain('HEAD is detached');
    const plain = repoWith(version('3.0.0'));
    const noGit = await runCli(['record', 'run.json', '--pr'], { cwd: plain, env: env() });
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain('is not a git repository');
    expect(github.pulls).toEqual([]);
  });
});
