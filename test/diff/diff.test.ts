import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SemanticDiff } from '../../src/diff/change.js';
import { renderDiffMarkdown } from '../../src/diff/render-markdown.js';
import { createAjv, loadSchema } from '../../src/validate/ajv-instance.js';
import { exampleFiles, runCli } from '../helpers.js';
import { gitRepo } from './git-repo.js';

const EXAMPLE_FILES = exampleFiles();

function edit(file: string, from: string, to: string): Record<string, string> {
  const text = EXAMPLE_FILES[file] as string;
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  return { [file]: text.replace(from, to) };
}

async function diffOf(changes: Record<string, string | null>, args: string[] = []) {
  const repo = gitRepo(EXAMPLE_FILES);
  repo.write(changes);
  const run = await runCli(['diff', '--base', 'main', '--format', 'json', ...args], { cwd: repo.dir });
  if (run.code === 2) throw new Error(run.stderr);
  return { run, repo, diff: JSON.parse(run.stdout) as SemanticDiff };
}

const brief = (diff: SemanticDiff) => diff.changes.map((c) => `${c.level} ${c.id} ${c.entity}`);

describe('dossier diff', () => {
  it('reports nothing for an unchanged repository, and exits 0', async () => {
    const { run, diff } = await diffOf({});
    expect(run.code).toBe(0);
    expect(diff.changes).toEqual([]);
  });

  it('reads the base commit with its .gitignore files, as the working tree is read', async () => {
    const repo = gitRepo({ ...EXAMPLE_FILES, '.gitignore': 'scratch/\n' });
    repo.write({ 'scratch/draft.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: scratch-team}\n' });
    repo.git('add', '-f', 'scratch/draft.yaml');
    repo.commit('A tracked file under an ignored folder');
    const run = await runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as SemanticDiff).changes).toEqual([]);
  });

  it('reads a revision with the .gitignore files above a dossier.yaml in a subfolder, as the working tree is read', async () => {
    const nested = Object.fromEntries(Object.entries(EXAMPLE_FILES).map(([file, text]) => [`ml/${file}`, text]));
    const repo = gitRepo({ ...nested, '.gitignore': 'ml/scratch/\n' });
    repo.write({ 'ml/scratch/draft.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: scratch-team}\n' });
    repo.git('add', '-f', 'ml/scratch/draft.yaml');
    repo.commit('A tracked file under a folder ignored from above');
    const run = await runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: path.join(repo.dir, 'ml') });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as SemanticDiff).changes).toEqual([]);
  });

  it("treats FORMAT.md's defaults written out as no change (namespace default, lifecycle active, a team's type)", async () => {
    const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata:\n  name: plain\n';
    const repo = gitRepo({ ...EXAMPLE_FILES, 'teams/plain.yaml': team });
    repo.write({ 'teams/plain.yaml': `${team}  namespace: default\n  lifecycle: active\nspec:\n  type: team\n` });
    const run = await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as SemanticDiff).changes).toEqual([]);
  });

  it('treats a reference spelled out in full as no change: training data, approvals, a source, a feature', async () => {
    const churn = 'models/churn-predictor/churn.yaml';
    const spelled = (EXAMPLE_FILES[churn] as string)
      .replace('{ref: customer-activity@2024-06, role: validation}', '{ref: "dataset:default/customer-activity@2024-06", role: validation}')
      .replace('{by: model-risk, date: 2024-07-05}', '{by: "team:model-risk", date: 2024-07-05}')
      .replace('features: [customer-engagement]', 'features: ["featureview:default/customer-engagement"]');
    expect(spelled).not.toBe(EXAMPLE_FILES[churn]);
    const { run, diff } = await diffOf({
      [churn]: spelled,
      ...edit('features/feature-views.yaml', 'source: transactions@2024-06', 'source: default/transactions@2024-06'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(diff.changes).toEqual([]);
  });

  it('never repeats a secret written into the metadata, in JSON, text or the Markdown of the PR comment', async () => {
    const { run, repo } = await diffOf({
      ...edit(
        'runtimes/runtimes.yaml',
        'SCORE_TIMEOUT_MS: "40"',
        'SCORE_TIMEOUT_MS: "40", DB_PASSWORD: hunter2-prod-pw, ghp_abcdefghijklmnopqrstuvwxyz0123456789CD: x',
      ),
      ...edit(
        'models/fraud-detector/model.yaml',
        'tags: [fraud, tabular, real-time]',
        'tags: [hunter2xoxb-123456789012-abcdefghijklmnop, fraud]',
      ),
    });
    expect(run.stdout).toContain('spec.env.DB_PASSWORD');
    expect(run.stdout).toContain('[redacted]');
    for (const format of ['json', 'markdown', 'text']) {
      const shown = await runCli(['diff', '--base', 'main', '--format', format], { cwd: repo.dir });
      expect(shown.stdout).not.toMatch(/hunter2|ghp_|xoxb/);
    }
  });

  it('warns of a new inline suppression, which hides a problem as a loosened rule would; one only shifted is none, one moved is new', async () => {
    const file = 'models/fraud-detector/versions.yaml';
    const suppressed = (EXAMPLE_FILES[file] as string).replace(
      '  stage: staging\n  aliases: [challenger]',
      '  # dossier-disable-next-line model-version/production-requires-approval -- hotfix\n  stage: production\n  aliases: [challenger]',
    );
    const { diff } = await diffOf({
      [file]: suppressed,
      'ci/build.yaml': '# dossier-disable-next-line model-version/production-requires-approval -- not ours\nsteps: [build]\n',
    });
    expect(diff.changes.filter((c) => c.field === 'model-version/production-requires-approval' || c.level === 'breaking')).toEqual([]);
    expect(diff.changes.filter((c) => c.id === 'suppression-added').map((c) => c.file)).toEqual([file]);
    expect(diff.changes.find((c) => c.id === 'suppression-added')).toMatchObject({
      level: 'warning',
      title:
        'New inline suppression turns off `model-version/production-requires-approval` for the next line of `models/fraud-detector/versions.yaml`: hotfix.',
      file,
    });

    const repo = gitRepo({ ...EXAMPLE_FILES, [file]: suppressed });
    repo.write({ [file]: `# moved up\n${suppressed}` });
    const shifted = await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir });
    expect((JSON.parse(shifted.stdout) as SemanticDiff).changes).toEqual([]);

    // The same comment moved to another version's document hides that version's problems: new.
    const elsewhere = (EXAMPLE_FILES[file] as string).replace(
      '  stage: archived\n',
      '  # dossier-disable-next-line model-version/production-requires-approval -- hotfix\n  stage: archived\n',
    );
    expect(elsewhere).not.toBe(EXAMPLE_FILES[file]);
    repo.write({ [file]: elsewhere });
    const moved = await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir });
    expect((JSON.parse(moved.stdout) as SemanticDiff).changes.map((c) => c.id)).toContain('suppression-added');
  });

  it('follows a model renamed with its versions, evaluations and deployments: renames only, nothing added to production', async () => {
    const renamed = Object.fromEntries(
      Object.entries(EXAMPLE_FILES)
        .filter(([file]) => file.startsWith('models/fraud-detector/'))
        .flatMap(([file, text]) => [
          [file, null],
          [
            file.replace('models/fraud-detector/', 'models/card-fraud/'),
            text.replace(/^(\s*(?:name|model|modelVersion|replacedBy):.*)$/gm, (line) => line.replace(/\bfraud-detector\b/g, 'card-fraud')),
          ],
        ]),
    ) as Record<string, string | null>;
    const { run, diff } = await diffOf(renamed, ['--fail-on', 'warning']);
    expect(new Set(diff.changes.map((c) => c.id))).toEqual(new Set(['entity-renamed']));
    expect(diff.changes).toHaveLength(10);
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, changed: 10 });
    expect(run.code).toBe(0);
  });

  it('takes references that followed a rename for the rename itself, not for versions rewritten', async () => {
    const { diff } = await diffOf({
      ...edit('features/feature-views.yaml', 'name: merchant-risk\n', 'name: merchant-risk-v2\n'),
      'models/fraud-detector/versions.yaml': (EXAMPLE_FILES['models/fraud-detector/versions.yaml'] as string).replace(
        /^ {6}- merchant-risk$/gm,
        '      - merchant-risk-v2',
      ),
    });
    expect(diff.changes.map((c) => `${c.level} ${c.id} ${c.entity}`)).toEqual(['info entity-renamed featureview:default/merchant-risk-v2']);
  });

  it('treats a file moved or split as no change: entities are keyed by identity', async () => {
    const versions = EXAMPLE_FILES['models/fraud-detector/versions.yaml'] as string;
    const [first, ...rest] = versions.split('\n---\n');
    const { diff } = await diffOf({
      'models/fraud-detector/versions.yaml': null,
      'archive/v1.yaml': first as string,
      'models/fraud-detector/current.yaml': rest.join('\n---\n'),
    });
    expect(diff.changes).toEqual([]);
  });

  it('finds a feature removed while model versions read it (breaking), with its impact', async () => {
    const { run, diff } = await diffOf(
      edit(
        'features/feature-views.yaml',
        '    - {name: txn_count_24h, type: int64, description: Transactions in the last 24 hours.}\n',
        '',
      ),
    );
    expect(run.code).toBe(1);
    const removed = diff.changes.find((c) => c.id === 'feature-removed');
    expect(removed).toMatchObject({
      level: 'breaking',
      entity: 'featureview:default/customer-transaction-stats',
      field: 'spec.features.txn_count_24h',
    });
    expect(removed?.impact?.productionDeployments).toEqual(['deployment:default/fraud-detector-prod']);
    expect(removed?.details).toContain('affects 3 model versions, 1 production deployment, 1 other deployment');
    // The readers' dangling `#txn_count_24h` is this removal, said once, not again as a new problem.
    expect(brief(diff).filter((line) => line.includes('new-problem'))).toEqual([]);
  });

  it('counts as affected only what reads the removed feature, or the whole view', async () => {
    const { diff } = await diffOf(
      edit(
        'features/feature-views.yaml',
        '    - {name: distinct_merchants_7d, type: int64',
        '    - {name: distinct_merchants_7e, type: int64',
      ),
    );
    const removed = diff.changes.find((c) => c.id === 'feature-removed');
    // 2.0.0 reads it by name, 2.1.0 reads the whole view; 1.x never read it.
    expect(removed?.impact?.modelVersions).toEqual([
      'modelversion:default/fraud-detector@2.0.0',
      'modelversion:default/fraud-detector@2.1.0',
    ]);
    expect(removed?.details).toContain('affects 2 model versions, 1 production deployment, 1 other deployment');
  });

  it('reports a clean rename as one change, with the references that moved, and nothing breaking', async () => {
    const renamed = (file: string) =>
      (EXAMPLE_FILES[file] as string)
        .replace('name: transactions-holdout\n', 'name: card-holdout\n')
        .replaceAll('dataset: transactions-holdout@', 'dataset: card-holdout@');
    const { run, diff } = await diffOf({
      'datasets/card-events.yaml': renamed('datasets/card-events.yaml'),
      'models/fraud-detector/evaluations.yaml': renamed('models/fraud-detector/evaluations.yaml'),
    });
    expect(run.code).toBe(0);
    expect(diff.summary.breaking).toBe(0);
    const rename = diff.changes.find((c) => c.id === 'entity-renamed');
    expect(rename).toMatchObject({
      level: 'info',
      entity: 'dataset:default/card-holdout@2024-06',
      title: 'Dataset renamed `dataset:default/transactions-holdout@2024-06` → `dataset:default/card-holdout@2024-06`.',
    });
    expect(rename?.details.filter((d) => d.startsWith('reference moved'))).toHaveLength(3);
    expect(diff.changes.filter((c) => c.id === 'entity-removed' || c.id === 'entity-added')).toEqual([]);
  });

  it('reports a rename that leaves a reference behind as breaking, naming who still uses the old name, once', async () => {
    const evaluations = EXAMPLE_FILES['models/fraud-detector/evaluations.yaml'] as string;
    const { diff } = await diffOf({
      'datasets/card-events.yaml': (EXAMPLE_FILES['datasets/card-events.yaml'] as string).replace(
        'name: transactions-holdout\n',
        'name: card-holdout\n',
      ),
      'models/fraud-detector/evaluations.yaml': evaluations.replace('dataset: transactions-holdout@', 'dataset: card-holdout@'),
    });
    const rename = diff.changes.find((c) => c.id === 'entity-renamed');
    expect(rename?.level).toBe('breaking');
    expect(rename?.title).toContain('while 2 entities still name the old one');
    expect(rename?.details.filter((d) => d.startsWith('still names'))).toHaveLength(2);
    // Their dangling references are this rename, said once: not again as `reference/unresolved` problems.
    expect(diff.changes.filter((c) => c.id === 'new-problem' && c.field?.startsWith('reference/'))).toEqual([]);
  });

  it('says what a rename that leaves a training reference behind affects, and counts its problems', async () => {
    const { diff } = await diffOf({
      // The first `transactions` is version 2024-05, which model version 1.0.0 trained on.
      'datasets/card-events.yaml': (EXAMPLE_FILES['datasets/card-events.yaml'] as string).replace(
        'name: transactions\n',
        'name: card-transactions\n',
      ),
    });
    const rename = diff.changes.find((c) => c.id === 'entity-renamed');
    expect(rename).toMatchObject({ level: 'breaking', entity: 'dataset:default/card-transactions@2024-05' });
    expect(rename?.details).toContain('still names `dataset:default/transactions@2024-05`: `modelversion:default/fraud-detector@1.0.0`');
    expect(rename?.details).toContain('affects 1 model version');
    expect(rename?.impact?.modelVersions).toEqual(['modelversion:default/fraud-detector@1.0.0']);
    // Said once, in the rename, but lint at head reports the dangling reference: the summary counts it.
    expect(diff.changes.filter((c) => c.id === 'new-problem')).toEqual([]);
    expect(diff.summary.newProblems).toBe(1);
  });

  it('counts as dependents of a removed entity only what still references it at head', async () => {
    const runtimes = EXAMPLE_FILES['runtimes/runtimes.yaml'] as string;
    const removedBlock = runtimes.split('---\n')[1] as string;
    const deployments = Object.keys(EXAMPLE_FILES).find((file) =>
      (EXAMPLE_FILES[file] as string).includes('runtime: batch-scoring'),
    ) as string;
    const { diff } = await diffOf({
      'runtimes/runtimes.yaml': runtimes.replace(removedBlock, ''),
      [deployments]: (EXAMPLE_FILES[deployments] as string).replaceAll('runtime: batch-scoring', 'runtime: fraud-scoring-cpu'),
    });
    const removed = diff.changes.find((c) => c.id === 'entity-removed');
    expect(removed).toMatchObject({ level: 'info', entity: 'runtimeconfig:default/batch-scoring' });
    expect(removed?.title).toContain('nothing here depended on it');
  });

  it('finds a feature retyped while read (breaking)', async () => {
    const { diff } = await diffOf(
      edit('features/feature-views.yaml', '{name: distinct_merchants_7d, type: int64', '{name: distinct_merchants_7d, type: float64'),
    );
    expect(diff.changes.find((c) => c.id === 'feature-type-changed')).toMatchObject({
      level: 'breaking',
      before: 'int64',
      after: 'float64',
    });
  });

  it('classifies dataset changes: schema, PII, classification, license', async () => {
    const file = 'datasets/card-events.yaml';
    let text = EXAMPLE_FILES[file] as string;
    text = text.replace(
      '      - {name: merchant_id, type: string}\n      - {name: amount, type: decimal}\n      - {name: is_fraud, type: boolean, description: Chargeback with a fraud reason code within 90 days.}\n---\napiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: transactions-holdout',
      '      - {name: merchant_id, type: string}\n      - {name: amount, type: float}\n      - {name: is_fraud, type: boolean, description: Chargeback with a fraud reason code within 90 days.}\n---\napiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: transactions-holdout',
    );
    text = text.replace('  classification: restricted\n  containsPII: true', '  classification: internal\n  containsPII: false');
    text = text.replace(
      '  license: proprietary\n  # dossier-disable-next-line dataset/classification-follows-lineage -- card hashes are dropped when curating; what is left is confidential\n  classification: confidential\n  containsPII: true\n  retention: P2Y\n  derivedFrom: [raw-card-events]\n  digest: sha256:9a8b',
      '  license: CC-BY-NC-4.0\n  # dossier-disable-next-line dataset/classification-follows-lineage -- card hashes are dropped when curating; what is left is confidential\n  classification: confidential\n  containsPII: true\n  retention: P2Y\n  derivedFrom: [raw-card-events]\n  digest: sha256:9a8b',
    );
    const { diff } = await diffOf({ [file]: text });
    const ids = brief(diff);
    expect(ids).toContain('breaking schema-field-retyped dataset:default/transactions@2024-06');
    expect(ids).toContain('breaking pii-loosened dataset:default/raw-card-events');
    expect(ids).toContain('breaking classification-loosened dataset:default/raw-card-events');
    expect(ids).toContain('warning license-changed dataset:default/transactions@2024-06');
  });

  it('flags an entity removed while others depend on it (breaking), naming them', async () => {
    const { diff } = await diffOf(
      edit('runtimes/runtimes.yaml', (EXAMPLE_FILES['runtimes/runtimes.yaml'] as string).split('---\n')[1] as string, ''),
    );
    const removed = diff.changes.find((c) => c.id === 'entity-removed');
    expect(removed).toMatchObject({ level: 'breaking', entity: 'runtimeconfig:default/batch-scoring' });
    expect(removed?.details).toContain('still depends on it: `deployment:default/churn-predictor-weekly`');
    // A deprecated deployment still names it too: lint reports its reference as much as the others'.
    expect(removed?.title).toMatch(/while 3 entities still depend on it\.$/);
    expect(removed?.details).toContain('still depends on it: `deployment:default/churn-predictor-staging-3`');
  });

  it('names a deprecated entity whose pinned reference a removal leaves dangling, not "resolves to another"', async () => {
    const file = 'datasets/card-events.yaml';
    const documents = (EXAMPLE_FILES[file] as string).split('---\n');
    const { diff } = await diffOf({ [file]: documents.filter((d) => !d.includes('version: "2024-05"')).join('---\n') });
    const removed = diff.changes.find((c) => c.id === 'entity-removed');
    expect(removed).toMatchObject({ level: 'breaking', entity: 'dataset:default/transactions@2024-05' });
    expect(removed?.details).toContain('still depends on it: `modelversion:default/fraud-detector@1.0.0`');
    expect(diff.changes.filter((c) => c.id === 'new-problem' || c.level === 'breaking').map((c) => c.id)).toEqual(['entity-removed']);
  });

  it('shows a deployment switching versions with both versions\u2019 metrics side by side', async () => {
    const { diff } = await diffOf(
      edit(
        'models/fraud-detector/deployments.yaml',
        '  modelVersion: fraud-detector@2.0.0\n  runtime: fraud-scoring-cpu\n  environment: production',
        '  modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: production',
      ),
    );
    const switched = diff.changes.find((c) => c.id === 'deployment-switched');
    expect(switched).toMatchObject({
      level: 'warning',
      before: 'modelversion:default/fraud-detector@2.0.0',
      after: 'modelversion:default/fraud-detector@2.1.0',
    });
    expect(switched?.details).toContain('`auc_pr` on `transactions-holdout@2024-06` (test): 0.78 → 0.8');
  });

  it('sets only metrics measured on one dataset side by side: a benchmark elsewhere is no regression', async () => {
    const churn = EXAMPLE_FILES['models/churn-predictor/churn.yaml'] as string;
    const lines = churn.split('\n');
    expect(lines[111]).toBe('  modelVersion: churn-predictor@3');
    lines[111] = '  modelVersion: churn-predictor@4';
    const { diff } = await diffOf({ 'models/churn-predictor/churn.yaml': lines.join('\n') });
    const details = diff.changes.find((c) => c.id === 'deployment-switched')?.details ?? [];
    expect(details).toContain('`auc_roc` on `customer-activity-holdout@2024-06` (test): 0.84 → 0.86');
    expect(details).toContain('`auc_roc` on `public-telco-churn` (train): – → 0.83');
  });

  it('says a version was archived, not promoted to archived', async () => {
    const { diff } = await diffOf(edit('models/fraud-detector/versions.yaml', '  stage: production\n', '  stage: archived\n'));
    const archived = diff.changes.find((c) => c.field === 'spec.stage');
    // Its production deployment still runs it: a warning, with what it affects.
    expect(archived).toMatchObject({
      id: 'archived',
      level: 'warning',
      title: '`modelversion:default/fraud-detector@2.0.0` archived (was in production) while 1 production deployment still runs it.',
    });
    expect(archived?.impact?.productionDeployments).toEqual(['deployment:default/fraud-detector-prod']);
  });

  it('names what depended on an entity removed, down to the deployments, and what a failing metric affects', async () => {
    const removed = await diffOf({ 'features/feature-views.yaml': null });
    const view = removed.diff.changes.find(
      (c) => c.id === 'entity-removed' && c.entity === 'featureview:default/customer-transaction-stats',
    );
    expect(view?.impact?.productionDeployments).toEqual(['deployment:default/fraud-detector-prod']);
    const failing = await diffOf(
      edit(
        'models/fraud-detector/evaluations.yaml',
        '{name: auc_pr, value: 0.78, higherIsBetter: true, threshold: 0.65',
        '{name: auc_pr, value: 0.6, higherIsBetter: true, threshold: 0.65',
      ),
    );
    const metric = failing.diff.changes.find((c) => c.id === 'metric-regressed');
    expect(metric).toMatchObject({ level: 'warning', impact: { productionDeployments: ['deployment:default/fraud-detector-prod'] } });
    expect(metric?.details[0]).toBe('evaluates `modelversion:default/fraud-detector@2.0.0`');
  });

  it('shows objects added to a list as rows, not as JSON', async () => {
    const { diff } = await diffOf(
      edit(
        'models/fraud-detector/versions.yaml',
        '  stage: production\n',
        '  stage: production\n  links:\n    - {name: Runbook, url: "https://wiki.example.com/runbook"}\n',
      ),
    );
    const fields = diff.changes.find((c) => c.id === 'fields-changed');
    expect(fields?.details).toContain('`spec.links` added: name `Runbook`, url `https://wiki.example.com/runbook`');
    expect(fields?.details.join('\n')).not.toContain('{"');
  });

  it('makes a failing staging evaluation breaking once a production deployment switches to its version, not before', async () => {
    const failing = edit(
      'models/fraud-detector/evaluations.yaml',
      '{name: auc_pr, value: 0.8, higherIsBetter: true, threshold: 0.65}',
      '{name: auc_pr, value: 0.6, higherIsBetter: true, threshold: 0.65}',
    );
    const repo = gitRepo({ ...EXAMPLE_FILES, ...failing });
    const lint = await runCli(['lint', '--format', 'json'], { cwd: repo.dir });
    expect(lint.code, 'a failing evaluation of a staging version is recorded, and CI passes').toBe(0);
    repo.write(
      edit(
        'models/fraud-detector/deployments.yaml',
        '  modelVersion: fraud-detector@2.0.0\n  runtime: fraud-scoring-cpu\n  environment: production',
        '  modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: production',
      ),
    );
    const run = await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir });
    const diff = JSON.parse(run.stdout) as SemanticDiff;
    expect(diff.changes.filter((c) => c.field === 'evaluation/metric-below-threshold').map((c) => `${c.level} ${c.entity}`)).toEqual([
      'breaking evaluation:default/fraud-detector-2-1-0-holdout',
    ]);
  });

  it('lists the approvals of a version promoted to production', async () => {
    const file = 'models/product-recommender/recommender.yaml';
    const text = (EXAMPLE_FILES[file] as string).replace(
      '  lifecycle: experimental\nspec:\n  model: product-recommender\n  stage: staging',
      '  lifecycle: experimental\nspec:\n  model: product-recommender\n  approvals: [{by: model-risk, date: 2024-08-01, note: Canary passed}]\n  stage: production',
    );
    const { diff } = await diffOf({ [file]: text });
    const promoted = diff.changes.find((c) => c.id === 'promoted-to-production');
    expect(promoted?.details[0]).toBe('approved by `model-risk` on 2024-08-01: Canary passed');
  });

  it('warns of a version added straight into production, as of one promoted there, with its approvals', async () => {
    const file = 'models/fraud-detector/versions.yaml';
    const added = `${EXAMPLE_FILES[file] as string}---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: fraud-detector, version: "3.0.0", owner: risk-ml}\nspec: {model: fraud-detector, stage: production}\n`;
    const { diff } = await diffOf({ [file]: added });
    expect(diff.changes.find((c) => c.id === 'promoted-to-production')).toMatchObject({
      level: 'warning',
      entity: 'modelversion:default/fraud-detector@3.0.0',
      title: '`modelversion:default/fraud-detector@3.0.0` added at stage production.',
      details: ['no approvals recorded'],
    });
  });

  it('warns when training data of an existing version is rewritten, and when a metric regresses past its threshold', async () => {
    const { diff } = await diffOf({
      ...edit(
        'models/churn-predictor/churn.yaml',
        '      - {ref: customer-activity@2024-06, role: validation}\n    features: [customer-engagement]',
        '    features: [customer-engagement]',
      ),
      ...edit(
        'models/fraud-detector/evaluations.yaml',
        '{name: auc_pr, value: 0.8, higherIsBetter: true, threshold: 0.65}',
        '{name: auc_pr, value: 0.6, higherIsBetter: true, threshold: 0.65}',
      ),
    });
    const ids = brief(diff);
    expect(ids).toContain('warning training-data-changed modelversion:default/churn-predictor@3');
    expect(ids).toContain('warning metric-regressed evaluation:default/fraud-detector-2-1-0-holdout');
  });

  it('warns when an existing version is rewritten in place: another artifact, features or hyperparameters', async () => {
    const file = 'models/fraud-detector/versions.yaml';
    const text = (EXAMPLE_FILES[file] as string)
      .replace('fraud-detector/2.0.0/model.json', 'fraud-detector/2.0.1/model.json')
      .replace('n_estimators: 600', 'n_estimators: 900');
    const { run, diff } = await diffOf({ [file]: text }, ['--fail-on', 'warning']);
    const rewritten = diff.changes.find((c) => c.id === 'version-rewritten');
    expect(rewritten).toMatchObject({ level: 'warning', entity: 'modelversion:default/fraud-detector@2.0.0' });
    expect(rewritten?.details).toEqual(
      expect.arrayContaining([
        '`spec.artifact.uri`: `s3://example-models/fraud-detector/2.0.0/model.json` → `s3://example-models/fraud-detector/2.0.1/model.json`',
        '`spec.training.hyperparameters.n_estimators`: `600` → `900`',
      ]) as unknown,
    );
    expect(diff.changes.filter((c) => c.id === 'fields-changed')).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('reports owner, description and tag changes as info', async () => {
    const { run, diff } = await diffOf(
      edit(
        'models/churn-predictor/churn.yaml',
        '  owner: growth-ml\n  terms: [churn, pii]\n  tags: [churn, tabular, batch]',
        '  owner: risk-ml\n  terms: [churn, pii]\n  tags: [churn, tabular]',
      ),
    );
    expect(run.code).toBe(0);
    expect(brief(diff)).toEqual(['info owner-changed model:default/churn-predictor', 'info tags-changed model:default/churn-predictor']);
  });

  it('lists every field no detector describes, so that nothing that changed is left out', async () => {
    const threshold = edit(
      'models/fraud-detector/evaluations.yaml',
      '{name: auc_pr, value: 0.78, higherIsBetter: true, threshold: 0.65, ci',
      '{name: auc_pr, value: 0.79, higherIsBetter: true, ci',
    );
    const { diff } = await diffOf(threshold);
    expect(brief(diff)).toEqual(['info fields-changed evaluation:default/fraud-detector-2-0-0-holdout']);
    expect(diff.changes[0]?.details).toEqual([
      '`spec.metrics.auc_pr.value`: `0.78` → `0.79`',
      '`spec.metrics.auc_pr.threshold`: `0.65` → (none)',
    ]);

    // Two metrics of one name, told apart by their slice.
    const slice = edit(
      'models/fraud-detector/evaluations.yaml',
      '{name: recall_at_1pct_fpr, value: 0.52, higherIsBetter: true, threshold: 0.5, slice: new-merchants}',
      '{name: recall_at_1pct_fpr, value: 0.51, higherIsBetter: true, threshold: 0.5, slice: new-merchants}',
    );
    const sliced = (await diffOf(slice)).diff;
    expect(brief(sliced)).toEqual(['info metric-regressed evaluation:default/fraud-detector-2-0-0-holdout']);
    // Within its threshold, but a reviewer still sees what runs the model it measures.
    expect(sliced.changes[0]?.details).toEqual([
      'evaluates `modelversion:default/fraud-detector@2.0.0`',
      'affects 1 production deployment',
    ]);

    const retargeted = edit(
      'models/fraud-detector/evaluations.yaml',
      'modelVersion: fraud-detector@1.0.0',
      'modelVersion: fraud-detector@2.0.0',
    );
    expect((await diffOf(retargeted)).diff.changes[0]).toMatchObject({
      id: 'fields-changed',
      details: ['`spec.modelVersion`: `fraud-detector@1.0.0` → `fraud-detector@2.0.0`'],
    });

    const feature = edit(
      'features/feature-views.yaml',
      '{name: avg_amount_30d, type: float64, description: Mean transaction amount over 30 days.}',
      '{name: avg_amount_30d, type: float64, description: Mean transaction amount over 30 days., lifecycle: deprecated}',
    );
    // A feature still read by name, deprecated: entity/deprecated-in-use's new problem says who reads it.
    expect(brief((await diffOf(feature)).diff)).toEqual([
      'warning new-problem featureview:default/customer-transaction-stats',
      'info fields-changed featureview:default/customer-transaction-stats',
    ]);
    const unmarked = edit(
      'features/feature-views.yaml',
      '{name: avg_amount_30d, type: float64, description: Mean transaction amount over 30 days.}',
      '{name: avg_amount_30d, type: float64, description: Mean transaction amount over 30 days., pii: true}',
    );
    const repo = gitRepo({ ...EXAMPLE_FILES, ...unmarked });
    repo.write({ 'features/feature-views.yaml': EXAMPLE_FILES['features/feature-views.yaml'] as string });
    const loosened = JSON.parse((await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir })).stdout) as SemanticDiff;
    expect(brief(loosened)).toEqual(['breaking pii-loosened featureview:default/customer-transaction-stats']);
  });

  it('reports a reference without @version that follows a version added elsewhere', async () => {
    const unpinned = { ...EXAMPLE_FILES };
    unpinned['models/churn-predictor/churn.yaml'] = (unpinned['models/churn-predictor/churn.yaml'] as string)
      .replace(
        '  name: churn-predictor-weekly\n  title: Churn predictor, weekly batch\n  owner: growth-ml\nspec:\n  modelVersion: churn-predictor@3',
        '  name: churn-predictor-weekly\n  title: Churn predictor, weekly batch\n  owner: growth-ml\nspec:\n  modelVersion: churn-predictor',
      )
      .replace('- {ref: customer-activity@2024-06, role: train}', '- {ref: customer-activity, role: train}');
    const repo = gitRepo(unpinned);
    const newVersion = (kind: string, name: string, version: string, spec: string) =>
      `apiVersion: dossier/v1\nkind: ${kind}\nmetadata: {name: ${name}, version: "${version}", owner: growth-ml}\nspec: ${spec}\n`;
    repo.write({
      'models/churn-predictor/v9.yaml': newVersion('ModelVersion', 'churn-predictor', '9', '{model: churn-predictor}'),
      'datasets/activity-2024-09.yaml': newVersion('Dataset', 'customer-activity', '2024-09', '{location: {uri: "s3://x/2024-09/"}}'),
    });
    const run = await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir });
    const diff = JSON.parse(run.stdout) as SemanticDiff;
    expect(
      diff.changes.filter((c) => c.level === 'warning' && c.id !== 'new-problem').map((c) => [c.id, c.entity, c.before, c.after]),
    ).toEqual([
      [
        'deployment-switched',
        'deployment:default/churn-predictor-weekly',
        'modelversion:default/churn-predictor@4',
        'modelversion:default/churn-predictor@9',
      ],
      [
        'reference-resolves-elsewhere',
        'modelversion:default/churn-predictor@3',
        'dataset:default/customer-activity@2024-06',
        'dataset:default/customer-activity@2024-09',
      ],
    ]);
  });

  it('says an entity in a file that cannot be parsed at head was not compared, not that it was removed', async () => {
    const versions = EXAMPLE_FILES['models/fraud-detector/versions.yaml'] as string;
    const { run, diff } = await diffOf({ 'models/fraud-detector/versions.yaml': `${versions}\n  broken: [unclosed\n` });
    expect(run.code).toBe(1);
    expect(diff.summary.removed).toBe(0);
    expect(diff.changes.filter((c) => c.id === 'entity-removed')).toEqual([]);
    expect(diff.changes.filter((c) => c.id === 'entity-unreadable').length).toBeGreaterThan(0);
    // The syntax error is the one breaking change; the references it leaves dangling are not said again.
    expect(diff.changes.filter((c) => c.level === 'breaking').map((c) => c.field)).toEqual(['yaml/syntax']);
  });

  it('links a removed entity to its file at the base commit, and a changed one at head', async () => {
    const repo = gitRepo(EXAMPLE_FILES);
    const base = repo.git('rev-parse', 'HEAD');
    repo.write({
      'glossary/terms.yaml': null,
      ...edit('models/fraud-detector/model.yaml', 'license: proprietary', 'license: Apache-2.0'),
    });
    const head = repo.commit('Remove the glossary, relicense the model');
    const run = await runCli(
      ['diff', '--base', base, '--head', head, '--format', 'markdown', '--repo-url', 'https://github.com/acme/meta', '--fail-on', 'never'],
      { cwd: repo.dir },
    );
    expect(run.stdout).toContain(`https://github.com/acme/meta/blob/${base}/glossary/terms.yaml#L`);
    expect(run.stdout).toContain(`https://github.com/acme/meta/blob/${head}/models/fraud-detector/model.yaml#L`);
    expect(run.stdout).not.toContain(`blob/${head}/glossary/`);
  });

  it('shows what dossier.yaml changed, and reads each side with the files its own dossier.yaml selects', async () => {
    const repo = gitRepo({ ...EXAMPLE_FILES, 'dossier.yaml': 'extends: recommended\nexclude: ["a/**", "b/**"]\n' });
    const base = repo.git('rev-parse', 'HEAD');
    repo.write({
      'dossier.yaml':
        'extends: recommended\nexclude: ["b/**", "a/**", "features/**"]\nrules:\n  model-version/production-requires-approval: "off"\n',
    });
    const head = repo.commit('Leave the features out, turn a rule off');
    // The head commit's dossier.yaml, even with the base checked out.
    repo.git('checkout', '-q', base);
    const run = await runCli(['diff', '--base', base, '--head', head, '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir });
    const diff = JSON.parse(run.stdout) as SemanticDiff;
    const config = diff.changes.filter((c) => c.entity === 'dossier.yaml');
    expect(config.map((c) => [c.level, c.id, c.field, c.after])).toEqual([
      ['warning', 'config-changed', 'exclude', ['a/**', 'b/**', 'features/**']],
      ['warning', 'rule-loosened', 'rules', { 'model-version/production-requires-approval': 'off' }],
    ]);
    // The FeatureViews are no longer read: removed, with what still reads them.
    expect(diff.changes.find((c) => c.entity === 'featureview:default/customer-transaction-stats')).toMatchObject({
      id: 'entity-removed',
      level: 'breaking',
    });
  });

  it('names a changed `extends` as the cause of the rules it turned down', async () => {
    const repo = gitRepo({ ...EXAMPLE_FILES, 'dossier.yaml': 'extends: strict\n' });
    repo.write({ 'dossier.yaml': 'extends: core\n' });
    const run = await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir });
    const loosened = (JSON.parse(run.stdout) as SemanticDiff).changes.find((c) => c.id === 'rule-loosened');
    expect(loosened?.details[0]).toBe('`extends` changed: `strict` → `core`');
    expect(loosened?.details.length).toBeGreaterThan(2);
    // Turning one rule off under the same preset names no cause.
    const one = gitRepo({ ...EXAMPLE_FILES, 'dossier.yaml': 'extends: strict\n' });
    one.write({ 'dossier.yaml': 'extends: strict\nrules:\n  model-version/production-requires-approval: "off"\n' });
    const single = JSON.parse(
      (await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: one.dir })).stdout,
    ) as SemanticDiff;
    expect(single.changes.find((c) => c.id === 'rule-loosened')?.details).toEqual([]);
  });

  it("says when one side's dossier.yaml cannot be read, and ignores a reordered exclude", async () => {
    const repo = gitRepo({ ...EXAMPLE_FILES, 'dossier.yaml': 'rules: {no/such-rule: "off"}\n' });
    repo.write({ 'dossier.yaml': 'exclude: ["x/**"]\n' });
    const broken = JSON.parse(
      (await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir })).stdout,
    ) as SemanticDiff;
    expect(broken.changes.filter((c) => c.entity === 'dossier.yaml').map((c) => [c.level, c.id])).toEqual([
      ['warning', 'config-unreadable'],
    ]);
    const reordered = gitRepo({ ...EXAMPLE_FILES, 'dossier.yaml': 'roots: [.]\nexclude: ["a/**", "b/**"]\n' });
    reordered.write({ 'dossier.yaml': 'roots: [./]\nexclude: ["b/**", "a/**"]\n' });
    const same = JSON.parse((await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: reordered.dir })).stdout) as SemanticDiff;
    expect(same.changes).toEqual([]);
    reordered.write({ 'dossier.yaml': 'roots: [models, datasets]\nexclude: ["b/**", "a/**"]\n' });
    const narrowed = JSON.parse(
      (await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: reordered.dir })).stdout,
    ) as SemanticDiff;
    expect(narrowed.changes.find((c) => c.title.startsWith('`roots` changed'))?.details).toEqual(['`["."]` → `["datasets","models"]`']);
  });

  it('follows an entity moved to another namespace, whose references it had to qualify, as a rename', async () => {
    const views = (EXAMPLE_FILES['features/feature-views.yaml'] as string).replace(
      '  name: customer-transaction-stats\n  title: Customer transaction statistics\n  description: Rolling spend statistics per customer, computed from labelled transactions.\n  owner: risk-ml\n  terms: [financial-data]\n  tags: [fraud, streaming]\nspec:\n  source: transactions@2024-06',
      '  name: customer-transaction-stats\n  namespace: features\n  title: Customer transaction statistics\n  description: Rolling spend statistics per customer, computed from labelled transactions.\n  owner: default/risk-ml\n  terms: [default/financial-data]\n  tags: [fraud, streaming]\nspec:\n  source: default/transactions@2024-06',
    );
    const versions = (EXAMPLE_FILES['models/fraud-detector/versions.yaml'] as string).replace(
      /- customer-transaction-stats/g,
      '- features/customer-transaction-stats',
    );
    const { diff } = await diffOf({ 'features/feature-views.yaml': views, 'models/fraud-detector/versions.yaml': versions });
    const moved = diff.changes.find((c) => c.entity === 'featureview:features/customer-transaction-stats');
    expect(moved).toMatchObject({ id: 'entity-renamed', level: 'info', field: 'metadata.namespace', before: 'default', after: 'features' });
    expect(diff.changes.filter((c) => c.id === 'entity-removed')).toEqual([]);
  });

  describe('on references without @version', () => {
    const doc = (kind: string, metadata: string, spec: string) =>
      `apiVersion: dossier/v1\nkind: ${kind}\nmetadata: ${metadata}\nspec: ${spec}\n`;
    const FX = {
      'teams.yaml': doc('Team', '{name: org-root}', '{}') + '---\n' + doc('Team', '{name: ml}', '{parent: org-root}'),
      'data.yaml':
        doc('Dataset', '{name: tx, version: "2024-05"}', '{location: {uri: a}}') +
        '---\n' +
        doc('Dataset', '{name: tx, version: "2024-06"}', '{location: {uri: b}}'),
      'stats.yaml': doc(
        'FeatureView',
        '{name: stats}',
        '{source: tx, entities: [{name: u, joinKeys: [u]}], features: [{name: f, type: int64}]}',
      ),
      'model.yaml':
        doc('Model', '{name: m}', '{task: t}') +
        '---\n' +
        doc(
          'ModelVersion',
          '{name: m, version: "1.0.0"}',
          '{model: m, stage: production, training: {datasets: [{ref: tx, role: train}, {ref: tx, role: validation}]}}',
        ) +
        '---\n' +
        doc('Evaluation', '{name: e}', '{modelVersion: m, dataset: tx@2024-05, metrics: [{name: auc, value: 0.8}]}'),
    };
    const diffFx = async (changes: Record<string, string | null>) => {
      const repo = gitRepo(FX);
      repo.write(changes);
      return JSON.parse(
        (await runCli(['diff', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir })).stdout,
      ) as SemanticDiff;
    };

    it('say once what a new version moved, as a warning where the reference is history', async () => {
      const diff = await diffFx({
        'more.yaml':
          doc('Dataset', '{name: tx, version: "2024-07"}', '{location: {uri: c}}') +
          '---\n' +
          doc('ModelVersion', '{name: m, version: "2.0.0"}', '{model: m}'),
      });
      expect(diff.changes.filter((c) => c.id === 'reference-resolves-elsewhere').map((c) => [c.level, c.entity, c.field])).toEqual([
        ['warning', 'evaluation:default/e', 'spec.modelVersion'],
        ['warning', 'modelversion:default/m@1.0.0', 'spec.training.datasets[0].ref'],
        ['info', 'featureview:default/stats', 'spec.source'],
      ]);
      expect(
        diff.changes.find((c) => c.entity === 'modelversion:default/m@1.0.0' && c.id === 'reference-resolves-elsewhere')?.title,
      ).toContain('`spec.training.datasets[0].ref`, `spec.training.datasets[1].ref`');
    });

    it('find renames of entities moved together, or renamed while what they name moved', async () => {
      const moved = await diffFx({
        'teams.yaml':
          doc('Team', '{name: org-root, namespace: acme}', '{}') +
          '---\n' +
          doc('Team', '{name: ml, namespace: acme}', '{parent: org-root}'),
        'more.yaml': doc('Dataset', '{name: tx, version: "2024-07"}', '{location: {uri: c}}'),
        'stats.yaml': doc(
          'FeatureView',
          '{name: stats2}',
          '{source: tx, entities: [{name: u, joinKeys: [u]}], features: [{name: f, type: int64}]}',
        ),
      });
      expect(moved.changes.filter((c) => c.id === 'entity-renamed').map((c) => c.entity)).toEqual([
        'featureview:default/stats2',
        'team:acme/ml',
        'team:acme/org-root',
      ]);
    });

    it('are no change when a list is only reordered', async () => {
      const reordered = FX['model.yaml'].replace(
        '[{ref: tx, role: train}, {ref: tx, role: validation}]',
        '[{ref: tx, role: validation}, {ref: tx, role: train}]',
      );
      expect((await diffFx({ 'model.yaml': reordered })).changes).toEqual([]);
    });
  });

  it('says what a runtime image or a FeatureView source changed reaches downstream', async () => {
    const image = edit(
      'runtimes/runtimes.yaml',
      'image: registry.example.com/ml/fraud-scorer@sha256:3b8f0c1d2e4a6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c',
      'image: registry.example.com/ml/fraud-scorer:latest',
    );
    const { diff } = await diffOf(image);
    const upstream = diff.changes.find((c) => c.id === 'upstream-changed');
    expect(upstream).toMatchObject({ level: 'info', entity: 'runtimeconfig:default/fraud-scoring-cpu', field: 'spec.image' });
    expect(upstream?.impact?.productionDeployments).toEqual([
      'deployment:default/credit-scorer-prod',
      'deployment:default/fraud-detector-prod',
    ]);
    expect(diff.changes.filter((c) => c.id === 'fields-changed' && c.entity === 'runtimeconfig:default/fraud-scoring-cpu')).toEqual([]);
  });

  it("reports a Model's licence change as a warning, as a Dataset's", async () => {
    const { diff } = await diffOf(edit('models/fraud-detector/model.yaml', 'license: proprietary', 'license: Apache-2.0'));
    expect(diff.changes.map((c) => [c.level, c.id, c.entity, c.before, c.after])).toEqual([
      ['warning', 'license-changed', 'model:default/fraud-detector', 'proprietary', 'Apache-2.0'],
    ]);
  });

  it('accepts a change for the values it changed between, not for the next change of that field', async () => {
    const regressed = (value: string) =>
      edit(
        'models/fraud-detector/evaluations.yaml',
        '{name: auc_pr, value: 0.78, higherIsBetter: true, threshold: 0.65',
        `{name: auc_pr, value: ${value}, higherIsBetter: true, threshold: 0.65`,
      );
    const first = (await diffOf(regressed('0.6'))).diff.changes.find((c) => c.id === 'metric-regressed');
    expect(first?.level).toBe('warning');
    const accept = `accept:\n  - {fingerprint: ${first?.fingerprint}, reason: "Known, see #12"}\n`;
    const config = { 'dossier.yaml': `${EXAMPLE_FILES['dossier.yaml']}${accept}` };
    expect((await diffOf({ ...regressed('0.6'), ...config })).diff.changes.find((c) => c.id === 'metric-regressed')?.level).toBe('info');
    expect((await diffOf({ ...regressed('0.5'), ...config })).diff.changes.find((c) => c.id === 'metric-regressed')?.level).toBe('warning');
  });

  it('turns an accepted breaking change into info, and fails only on what is left', async () => {
    const change = edit(
      'features/feature-views.yaml',
      '{name: distinct_merchants_7d, type: int64',
      '{name: distinct_merchants_7d, type: float64',
    );
    const first = await diffOf(change);
    const fingerprints = first.diff.changes.filter((c) => c.level === 'breaking').map((c) => c.fingerprint);
    const accept = `accept:\n${fingerprints.map((f) => `  - {fingerprint: ${f}, reason: Retrained in the same PR}`).join('\n')}\n`;
    const { run, diff } = await diffOf({ ...change, 'dossier.yaml': `${EXAMPLE_FILES['dossier.yaml']}${accept}` });
    expect(run.code).toBe(0);
    expect(diff.summary.breaking).toBe(0);
    expect(diff.changes.find((c) => c.id === 'feature-type-changed')?.accepted).toEqual({
      reason: 'Retrained in the same PR',
      originalLevel: 'breaking',
    });
    // Accepted by the same pull request: the reviewer is told, as loudly as of a rule turned off.
    expect(diff.changes.find((c) => c.id === 'config-changed' && c.field === 'accept')).toMatchObject({
      level: 'warning',
      details: fingerprints.map((f) => `\`${f}\`: Retrained in the same PR`),
    });
  });

  it('warns when dossier.yaml changes who is told of breaking changes, or whose catalogs are read', async () => {
    const config = EXAMPLE_FILES['dossier.yaml'] as string;
    const { diff } = await diffOf({
      'dossier.yaml': `${config}dependents:\n  - {name: credit, catalog: "https://example.com/credit/catalog.json"}\n`,
    });
    expect(diff.changes.map((c) => [c.level, c.id, c.field])).toEqual([['warning', 'config-changed', 'dependents']]);
  });

  it('sets the exit code from --fail-on', async () => {
    const change = edit(
      'models/churn-predictor/churn.yaml',
      '  owner: growth-ml\n  terms: [churn, pii]',
      '  owner: risk-ml\n  terms: [churn, pii]',
    );
    expect((await diffOf(change, ['--fail-on', 'warning'])).run.code).toBe(0);
    const license = edit(
      'datasets/storefront.yaml',
      'license: proprietary\n  classification: internal\n  containsPII: false',
      'license: MIT\n  classification: internal\n  containsPII: false',
    );
    expect((await diffOf(license, ['--fail-on', 'warning'])).run.code).toBe(1);
    expect((await diffOf(license)).run.code).toBe(0);
  });

  it('compares two revisions with --head, without touching the working tree', async () => {
    const repo = gitRepo(EXAMPLE_FILES);
    repo.write(
      edit('models/churn-predictor/churn.yaml', '  owner: growth-ml\n  terms: [churn, pii]', '  owner: risk-ml\n  terms: [churn, pii]'),
    );
    const head = repo.commit('change owner');
    repo.write({ 'scratch.yaml': 'uncommitted: true\n' });
    const status = repo.git('status', '--porcelain');
    const run = await runCli(['diff', '--base', 'main', '--head', head, '--format', 'json'], { cwd: repo.dir });
    const diff = JSON.parse(run.stdout) as SemanticDiff;
    expect(brief(diff)).toEqual(['info owner-changed model:default/churn-predictor']);
    expect(diff.head.sha).toBe(head);
    expect(repo.git('status', '--porcelain')).toBe(status);
  });

  it('writes JSON that matches schemas/diff.schema.json', async () => {
    const { diff } = await diffOf(
      edit('features/feature-views.yaml', '{name: distinct_merchants_7d, type: int64', '{name: distinct_merchants_7d, type: float64'),
    );
    const validate = createAjv().compile(loadSchema('diff.schema.json'));
    expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the git fetch to run when the base ref is missing, from a remote the repository has', async () => {
    const repo = gitRepo(EXAMPLE_FILES);
    repo.git('remote', 'add', 'upstream', 'https://example.invalid/metadata.git');
    expect((await runCli(['diff', '--base', 'upstream/main'], { cwd: repo.dir })).stderr).toContain('`git fetch --no-tags upstream main`');
    expect((await runCli(['diff', '--base', 'release/2'], { cwd: repo.dir })).stderr).toContain('`git fetch --no-tags upstream release/2`');
    repo.git('remote', 'add', 'origin', 'https://example.invalid/metadata.git');
    const run = await runCli(['diff', '--base', 'origin/main'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`git fetch --no-tags origin main`');
    expect((await runCli(['diff', '--base', 'release/2'], { cwd: repo.dir })).stderr).toContain('`git fetch --no-tags origin release/2`');
  });

  it('suggests no fetch when the repository has no remote', async () => {
    const repo = gitRepo(EXAMPLE_FILES);
    for (const base of ['release', 'origin/main']) {
      const run = await runCli(['diff', '--base', base], { cwd: repo.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`The base ref \`${base}\` is not in this clone, which has no remote to fetch it from.`);
      expect(run.stderr).not.toContain('git fetch');
    }
  });
});

describe('the Markdown comment', () => {
  const change = (i: number, level: 'breaking' | 'warning' | 'info', title: string, details: string[] = []) => ({
    id: 'fields-changed' as const,
    level,
    entity: `model:default/m${i}`,
    kind: 'Model' as const,
    title,
    details,
    file: `m${i}.yaml`,
    line: 1,
    fingerprint: i.toString(16).padStart(16, '0'),
  });
  const diffWith = (changes: ReturnType<typeof change>[]): SemanticDiff => ({
    base: { ref: 'main', sha: 'a'.repeat(40) },
    head: { ref: 'feature', sha: 'b'.repeat(40) },
    summary: {
      breaking: changes.filter((c) => c.level === 'breaking').length,
      warning: changes.filter((c) => c.level === 'warning').length,
      info: changes.filter((c) => c.level === 'info').length,
      added: 0,
      removed: 0,
      changed: changes.length,
      newProblems: 0,
    },
    changes,
  });

  it('escapes metadata text: no HTML, no closing <details>, no forged marker, no mentions', () => {
    const hostile = 'Breaks </details><script>alert(1)</script> <!-- dossier:sticky-comment:dossier --> cc @octocat | col';
    const markdown = renderDiffMarkdown(diffWith([change(1, 'breaking', hostile, [`note: ${hostile}`, 'code `x` and ``` fences'])]));
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('<!-- dossier:sticky-comment');
    expect(markdown.match(/<\/details>/g)).toHaveLength(1);
    expect(markdown).not.toMatch(/@octocat/);
    expect(markdown).toContain('\\|');
    expect(markdown).not.toContain('```');
  });

  it('fits GitHub\u2019s limit by leaving out whole changes, most serious kept, and says so', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      change(i, i < 300 ? 'breaking' : 'info', `Change number ${i} with a long description of what happened`, ['detail one', 'detail two']),
    );
    const markdown = renderDiffMarkdown(diffWith(many));
    expect(markdown.length).toBeLessThanOrEqual(65_000);
    expect(markdown).toContain('of the changes were left out');
    expect(markdown.match(/<details/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
    expect(markdown).toContain('Change number 0 ');
    for (const line of markdown.split('\n').filter((l) => l.startsWith('- '))) expect(line).toMatch(/\)$/);
  });

  it('links changes to their files at the head commit', () => {
    const markdown = renderDiffMarkdown(diffWith([change(1, 'warning', 'A change')]), {
      linkTo: (file, line) => `https://github.example/acme/meta/blob/${'b'.repeat(40)}/${file}#L${line}`,
    });
    expect(markdown).toContain(`([m1.yaml:1](https://github.example/acme/meta/blob/${'b'.repeat(40)}/m1.yaml#L1))`);
  });
});
