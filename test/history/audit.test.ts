// The audit report: the example's scripted history (examples/history.mjs), then edits that a
// reviewer must see: a promotion approved only by the owners, hostile text, a removed version.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/audit-report.js';
import { createAjv, loadSchema } from '../../src/validate/ajv-instance.js';
import { exampleFiles, exampleHistory, runCli, tempRepo } from '../helpers.js';

const VERSIONS = 'models/fraud-detector/versions.yaml';

/** `date`: the author and committer date, or each its own (a rebased commit keeps its older author date). */
function git(dir: string, args: string[], date: string | { author: string; committer: string }, author = 'Rita Owner'): void {
  const dates = typeof date === 'string' ? { author: date, committer: date } : date;
  execFileSync('git', args, {
    cwd: dir,
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: 'x@example.com',
      GIT_COMMITTER_NAME: author,
      GIT_COMMITTER_EMAIL: 'x@example.com',
      GIT_AUTHOR_DATE: dates.author,
      GIT_COMMITTER_DATE: dates.committer,
    },
  });
}

function commitEdit(
  dir: string,
  file: string,
  edit: (text: string) => string,
  date: string | { author: string; committer: string },
  message: string,
): void {
  const full = path.join(dir, file);
  execFileSync('sh', ['-c', 'cat > "$0"', full], { input: edit(readFileSync(full, 'utf8')) });
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '-m', message], date);
}

/** Promotes 2.1.0, the challenger in staging, to production with one approval by `by`, dated `approved`. */
function promoteChallenger(
  dir: string,
  by: string,
  approved: string,
  date: string | { author: string; committer: string },
  message: string,
): void {
  const promoted = (text: string) =>
    `${text.replace(/stage: staging\n {2}aliases: \[challenger\]/, 'stage: production\n  aliases: [challenger]')}  approvals:\n    - {by: ${by}, date: ${approved}}\n`;
  commitEdit(dir, VERSIONS, promoted, date, message);
}

async function audit(dir: string, args: string[] = [], model = 'model:fraud-detector'): Promise<AuditReport> {
  const run = await runCli(['audit', model, '--format', 'json', ...args], { cwd: dir });
  const report = JSON.parse(run.stdout) as AuditReport;
  // Exit 1 exactly when a finding is an error, as lint's exit code follows its problems.
  expect(run.code, run.stderr).toBe(report.findings.some((finding) => finding.level === 'error') ? 1 : 0);
  const validate = createAjv().compile(loadSchema('audit.schema.json'));
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

const version = (report: AuditReport, v: string) => {
  const found = report.versions.find((entry) => entry.version === v);
  if (found === undefined) throw new Error(`no version ${v} in the report`);
  return found;
};

describe('dossier audit', () => {
  it('reports every version: transitions with commit and author, approvals, what each promotion had, deployments over time', async () => {
    const dir = exampleHistory();
    const report = await audit(dir);
    expect(report.model).toBe('model:default/fraud-detector');
    expect(report.exists).toBe(true);
    expect(report.range.commits).toBe(9);
    expect(report.versions.map((v) => v.version)).toEqual(['1.0.0', '2.0.0', '2.1.0']);

    const first = version(report, '1.0.0');
    expect(first.transitions.map((t) => `${t.date.slice(0, 10)} ${t.author}: ${t.field} ${t.from ?? '-'} -> ${t.to ?? '-'}`)).toEqual([
      '2024-06-03 Priya Raman: existence - -> development',
      '2024-06-09 Priya Raman: stage development -> staging',
      '2024-06-10 Priya Raman: stage staging -> production',
      '2024-07-16 Tom Keller: stage production -> archived',
      '2024-07-16 Tom Keller: lifecycle active -> deprecated',
    ]);
    expect(first.approvals).toMatchObject([
      { by: 'team:default/model-risk', date: '2024-06-10', independent: true, recorded: { author: 'Tom Keller' } },
    ]);
    expect(first.approvals[0]?.recorded?.date.slice(0, 10)).toBe('2024-06-12');
    const production = first.promotions.find((p) => p.to === 'production');
    expect(production?.approvals).toEqual([]);
    expect(production?.evaluations.map((e) => e.metrics.find((m) => m.name === 'auc_pr'))).toEqual([
      { name: 'auc_pr', value: 0.71, threshold: 0.65, higherIsBetter: true, passes: true },
    ]);
    expect(production?.training).toEqual([
      {
        dataset: 'dataset:default/transactions@2024-05',
        role: 'train',
        license: 'proprietary',
        classification: 'confidential',
        containsPII: true,
      },
    ]);
    expect(production?.problems.map((p) => p.ruleId)).toContain('model-version/production-requires-approval');

    expect(report.findings.filter((f) => f.version.endsWith('@1.0.0')).map((f) => f.message)).toEqual([
      expect.stringMatching(/^promoted to production on 2024-06-10 \([0-9a-f]{7}\) with no approval recorded\.$/),
      expect.stringContaining('governance errors open'),
      expect.stringMatching(
        /^approval by `team:default\/model-risk` recorded on 2024-06-12 .*after the promotion to production on 2024-06-10\.$/,
      ),
    ]);
    expect(report.findings.some((f) => f.version.endsWith('@2.0.0'))).toBe(false);

    const second = version(report, '2.0.0');
    expect(second.promotions.map((p) => `${p.date.slice(0, 10)} ${p.from ?? '-'} -> ${p.to} (${p.approvals.length} approvals)`)).toEqual([
      '2024-07-12 development -> staging (0 approvals)',
      '2024-07-16 staging -> production (1 approvals)',
    ]);
    const traffic = (v: string) =>
      version(report, v).deployments.flatMap((d) =>
        d.changes.map((c) => `${d.identity} ${(c.date ?? '').slice(0, 10)} ${c.environment ?? 'ended'} ${c.trafficPercent ?? ''}`),
      );
    expect(traffic('1.0.0')).toEqual([
      'deployment:default/fraud-detector-prod 2024-06-10 production 100',
      'deployment:default/fraud-detector-prod 2024-07-16 ended ',
    ]);
    expect(traffic('2.0.0')).toContain('deployment:default/fraud-detector-prod 2024-07-16 production 100');
  });

  it('finds a promotion approved only by the owners, a production deployment ahead of its version, and a removed version', async () => {
    const dir = exampleHistory();
    commitEdit(
      dir,
      'models/fraud-detector/deployments.yaml',
      (text) =>
        text.replace(
          'modelVersion: fraud-detector@2.0.0\n  runtime: fraud-scoring-cpu\n  environment: production',
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: production',
        ),
      '2024-09-01T10:00:00Z',
      'Send production traffic to 2.1.0 ahead of its promotion',
    );
    promoteChallenger(dir, 'risk-ml', '2024-09-01', '2024-09-02T10:00:00Z', 'Promote 2.1.0, approved by its own team');
    commitEdit(
      dir,
      'models/fraud-detector/deployments.yaml',
      (text) =>
        text.replace(
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: staging',
          'modelVersion: fraud-detector@2.0.0\n  runtime: fraud-scoring-cpu\n  environment: staging',
        ),
      '2024-09-03T10:00:00Z',
      'Stop the 2.1.0 shadow',
    );
    const report = await audit(dir);
    const findings = report.findings.filter((f) => f.version.endsWith('@2.1.0')).map((f) => f.message);
    expect(findings).toContainEqual(
      expect.stringContaining('approved only by its owners (`team:default/risk-ml`): no independent approval.'),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^`deployment:default\/fraud-detector-prod` served production traffic from 2024-09-01 \([0-9a-f]{7}\) while the version was at stage staging\.$/,
      ),
    );
    expect(version(report, '2.1.0').approvals).toMatchObject([{ by: 'team:default/risk-ml', independent: false }]);

    const withoutVersion = (text: string) =>
      text
        .split(/^---\n/m)
        .slice(0, 2)
        .join('---\n');
    commitEdit(dir, VERSIONS, withoutVersion, '2024-09-04T10:00:00Z', 'Drop 2.1.0');
    const removed = version(await audit(dir), '2.1.0');
    expect(removed.stage).toBeNull();
    expect(removed.transitions.at(-1)).toMatchObject({ field: 'existence', from: 'production', to: null });
  });

  it('says when an approval of a version in production is taken out again, and stops citing it as evidence', async () => {
    const dir = exampleHistory();
    commitEdit(
      dir,
      VERSIONS,
      (text) =>
        text.replace(
          '  approvals:\n    - {by: model-risk, date: 2024-07-15, note: Independent validation passed; see MRM-2024-031.}\n',
          '',
        ),
      '2024-09-01T10:00:00Z',
      'Drop the approval of 2.0.0',
    );
    const report = await audit(dir);
    const version = report.versions.find((v) => v.identity === 'modelversion:default/fraud-detector@2.0.0');
    const approval = version?.approvals.find((a) => a.by === 'team:default/model-risk');
    expect(approval?.removed?.date.slice(0, 10)).toBe('2024-09-01');
    expect(report.findings.filter((f) => f.version === version?.identity).map((f) => [f.level, f.message])).toContainEqual([
      'error',
      expect.stringMatching(
        /^approval by `team:default\/model-risk` removed on 2024-09-01 \([0-9a-f]{7}\) while the version was in production; no approval remained\.$/,
      ),
    ]);
    const markdown = await runCli(['audit', 'model:fraud-detector'], { cwd: dir });
    expect(markdown.stdout).toMatch(/\*\*removed\*\* in `[0-9a-f]{7}` 2024-09-01, Rita Owner/);

    // A month in production without an approval stays a finding once the version is archived.
    commitEdit(
      dir,
      VERSIONS,
      (text) => text.replace(/(version: "2\.0\.0"[^]*?)stage: production/, '$1stage: archived'),
      '2024-10-01T10:00:00Z',
      'Archive 2.0.0',
    );
    const archived = await audit(dir);
    expect(archived.versions.find((v) => v.identity === version?.identity)?.stage).toBe('archived');
    expect(archived.findings.filter((f) => f.version === version?.identity).map((f) => f.level)).toContain('error');
    expect(archived.findings.map((f) => f.message)).toContainEqual(expect.stringContaining('no approval remained'));
  });

  it('orders events as the history does, not by their dates: a rebased promotion does not hide traffic before it', async () => {
    const dir = exampleHistory();
    const toProduction = (text: string) =>
      text.replace(
        'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: staging',
        'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: production',
      );
    commitEdit(dir, 'models/fraud-detector/deployments.yaml', toProduction, '2024-09-01T10:00:00Z', 'Send traffic to 2.1.0');
    // Written on 25 August, landed on 5 September: its author date is older than the traffic's.
    promoteChallenger(
      dir,
      'model-risk',
      '2024-08-25',
      { author: '2024-08-25T10:00:00Z', committer: '2024-09-05T10:00:00Z' },
      'Promote 2.1.0 (rebased)',
    );
    const report = await audit(dir);
    const findings = report.findings.filter((f) => f.version.endsWith('@2.1.0')).map((f) => f.message);
    expect(findings).toContainEqual(
      expect.stringMatching(
        /^`deployment:default\/fraud-detector-staging` served production traffic from 2024-09-01 .* at stage staging\.$/,
      ),
    );
    // The promotion is dated when it entered the history, as --at reads dates: on 3 September it had not.
    expect(version(report, '2.1.0').promotions.at(-1)?.date.slice(0, 10)).toBe('2024-09-05');
    const before = await runCli(['compile', '--at', '2024-09-03', '--out', 'at.json'], { cwd: dir });
    expect(before.code, before.stderr).toBeLessThan(2);
    const stageThen = (
      JSON.parse(readFileSync(path.join(dir, 'at.json'), 'utf8')) as { entities: { identity: string; spec: { stage?: string } }[] }
    ).entities.find((entity) => entity.identity === 'modelversion:default/fraud-detector@2.1.0')?.spec.stage;
    expect(stageThen).toBe('staging');
  });

  it('takes a retired deployment as serving nothing, and its reactivation as traffic again', async () => {
    const dir = exampleHistory();
    const deployments = 'models/fraud-detector/deployments.yaml';
    const retired = (text: string) =>
      text
        .replace('  title: Fraud detector, staging shadow\n', '  title: Fraud detector, staging shadow\n  lifecycle: retired\n')
        .replace(
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: staging',
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: production',
        );
    commitEdit(dir, deployments, retired, '2024-09-01T10:00:00Z', 'Retire the shadow, pointed at production');
    const quiet = await audit(dir);
    expect(quiet.findings.filter((f) => f.ruleId === 'deployment/production-requires-approved-version')).toEqual([]);
    expect(
      version(quiet, '2.1.0')
        .deployments.find((d) => d.identity.endsWith('/fraud-detector-staging'))
        ?.changes.at(-1),
    ).toMatchObject({
      environment: null,
      trafficPercent: null,
    });
    commitEdit(dir, deployments, (text) => text.replace('  lifecycle: retired\n', ''), '2024-09-10T10:00:00Z', 'Reactivate it');
    const findings = (await audit(dir)).findings.filter((f) => f.ruleId === 'deployment/production-requires-approved-version');
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^`deployment:default\/fraud-detector-staging` served production traffic from 2024-09-10 /),
    ]);
  });

  it('finds a promotion evaluated only on its training data, as the lint rule does', async () => {
    const dir = exampleHistory();
    commitEdit(
      dir,
      'models/fraud-detector/evaluations.yaml',
      (text) =>
        text.replace(
          'modelVersion: fraud-detector@2.1.0\n  dataset: transactions-holdout@2024-06',
          'modelVersion: fraud-detector@2.1.0\n  dataset: transactions@2024-06',
        ),
      '2024-09-01T10:00:00Z',
      'Evaluate 2.1.0 on its training data',
    );
    promoteChallenger(dir, 'model-risk', '2024-09-02', '2024-09-02T10:00:00Z', 'Promote 2.1.0');
    const findings = (await audit(dir)).findings.filter((f) => f.version.endsWith('@2.1.0'));
    expect(findings).toContainEqual(
      expect.objectContaining({
        level: 'error',
        ruleId: 'model-version/production-requires-evaluation',
        message: expect.stringContaining(
          'evaluated only on its training data (`dataset:default/transactions@2024-06`): no evaluation on held-out data.',
        ) as unknown,
      }),
    );
  });

  it('does not take an approval by a name that is no team as independent', async () => {
    const dir = exampleHistory();
    promoteChallenger(dir, 'model-riks', '2024-09-01', '2024-09-02T10:00:00Z', 'Promote 2.1.0, approved by a misspelt team');
    const report = await audit(dir);
    expect(version(report, '2.1.0').approvals).toMatchObject([{ by: 'model-riks', independent: false, unknownApprover: true }]);
    expect(report.findings.filter((f) => f.version.endsWith('@2.1.0')).map((f) => f.message)).toContainEqual(
      expect.stringContaining('approved only by a name that is no team in the metadata (`model-riks`): no independent approval.'),
    );
  });

  it('names the slice a metric was measured on: one metric is not two values', async () => {
    const dir = exampleHistory();
    const metrics = (await audit(dir)).versions.flatMap((v) => v.promotions.flatMap((p) => p.evaluations.flatMap((e) => e.metrics)));
    expect(metrics).toContainEqual(expect.objectContaining({ name: 'recall_at_1pct_fpr', slice: 'new-merchants' }));
    expect((await runCli(['audit', 'model:fraud-detector'], { cwd: dir })).stdout).toMatch(
      /recall\\_at\\_1pct\\_fpr \(slice new-merchants\) 0\.\d+/,
    );
  });

  it('finds what went wrong after a promotion: a version in production with errors open now', async () => {
    const dir = exampleHistory();
    const before = await audit(dir);
    expect(before.findings.map((f) => f.message).filter((m) => m.includes('open now'))).toEqual([]);
    commitEdit(
      dir,
      'datasets/card-events.yaml',
      (text) => text.replace('license: proprietary', 'license: CC-BY-NC-4.0'),
      '2024-09-01T10:00:00Z',
      'Relicense the raw events',
    );
    const after = await audit(dir);
    expect(after.findings).toContainEqual({
      level: 'error',
      version: 'modelversion:default/fraud-detector@2.0.0',
      message: expect.stringMatching(
        /^in production with \d+ governance errors open now \(`model-version\/non-commercial-data-in-production`\)/,
      ) as unknown,
    });
  });

  it('rates a finding as dossier.yaml rates the lint rule that checks the same fact, in the JSON, the exit code and the site', async () => {
    const dir = exampleHistory();
    const noApproval = (report: AuditReport) =>
      report.findings.find((f) => f.message.endsWith('with no approval recorded.') && f.version.endsWith('@1.0.0'));
    expect(noApproval(await audit(dir))).toMatchObject({ level: 'error', ruleId: 'model-version/production-requires-approval' });

    const rate = (severity: string) => {
      commitEdit(
        dir,
        'dossier.yaml',
        (text) => text.replace(/^rules:.*$/m, `rules: {model-version/production-requires-approval: ${severity}}`),
        '2024-09-01T10:00:00Z',
        `Rate approvals ${severity}`,
      );
    };
    rate('warning');
    expect(noApproval(await audit(dir))?.level).toBe('warning');
    rate('off');
    expect(noApproval(await audit(dir))?.level).toBe('info');
    expect((await runCli(['build', '--out', '_site'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, '_site/audit/default/fraud-detector.html'), 'utf8')).toMatch(
      /<span class="pill severity-info">info<\/span> <a [^>]+><code>modelversion:default\/fraud-detector@1\.0\.0<\/code><\/a> promoted to production on 2024-06-10 \(\w+\) with no approval recorded\. <span class="rule-id">\(<code>model-version\/production-requires-approval<\/code>\)<\/span>/,
    );
  });

  it('follows a model renamed with its versions: the report under the new name keeps the whole history', async () => {
    const dir = exampleHistory();
    const before = await audit(dir);
    execFileSync('git', ['mv', 'models/fraud-detector', 'models/card-fraud'], { cwd: dir });
    for (const file of ['model.yaml', 'versions.yaml', 'evaluations.yaml', 'deployments.yaml']) {
      const full = path.join(dir, 'models/card-fraud', file);
      const text = readFileSync(full, 'utf8');
      writeFileSync(
        full,
        text.replace(/^(\s*(?:name|model|modelVersion|replacedBy):.*)$/gm, (line) => line.replace(/\bfraud-detector\b/g, 'card-fraud')),
      );
    }
    git(dir, ['add', '-A'], '2024-09-01T10:00:00Z');
    git(dir, ['commit', '-q', '-m', 'Rename the model'], '2024-09-01T10:00:00Z');
    const after = await audit(dir, [], 'model:card-fraud');
    const renamed = (report: AuditReport) => JSON.parse(JSON.stringify(report).replaceAll('fraud-detector', 'card-fraud')) as AuditReport;
    expect(after.findings).toEqual(renamed(before).findings);
    expect(after.versions.map((v) => v.transitions.length)).toEqual(before.versions.map((v) => v.transitions.length));
    expect(after.versions.map((v) => v.approvals.length)).toEqual(before.versions.map((v) => v.approvals.length));
    // Asked by its former name, the report is the same one, under the name it has now.
    const byFormerName = await audit(dir, [], 'model:fraud-detector');
    expect(byFormerName.model).toBe('model:default/card-fraud');
    expect(byFormerName.findings).toEqual(after.findings);
    // The compliance report reads the same history: no version "added at stage production" by the rename.
    const compliance = await runCli(['compliance', 'nist-ai-rmf', 'model:card-fraud', '--format', 'json'], { cwd: dir });
    expect(compliance.code, compliance.stderr).toBeLessThan(2);
    const [report] = JSON.parse(compliance.stdout) as { lifecycle: { date: string; version: string }[] }[];
    expect(report?.lifecycle.length).toBeGreaterThan(0);
    expect(report?.lifecycle.every((change) => change.version.includes('card-fraud'))).toBe(true);
    expect(report?.lifecycle.filter((change) => change.date.startsWith('2024-09-01'))).toEqual([]);
    // And so does the site's audit page.
    expect((await runCli(['build', '.', '--out', '_site'], { cwd: dir })).code).toBeLessThan(2);
    expect(readFileSync(path.join(dir, '_site/audit/default/card-fraud.html'), 'utf8')).toContain('promoted to production on 2024-06-10');
  });

  it('finds an approval written with the promotion but dated after it', async () => {
    const doc = (kind: string, metadata: string, spec: string) =>
      `apiVersion: dossier/v1\nkind: ${kind}\nmetadata: ${metadata}\nspec: ${spec}\n`;
    const version = (stage: string, approvals: string) =>
      doc('ModelVersion', '{name: m, version: "1", owner: owners}', `{model: m, stage: ${stage}${approvals}}`);
    const dir = tempRepo({
      'teams.yaml': `${doc('Team', '{name: owners}', '{}')}---\n${doc('Team', '{name: model-risk}', '{}')}`,
      'm.yaml': doc('Model', '{name: m, owner: owners}', '{task: ranking}'),
      'v.yaml': version('staging', ''),
    });
    git(dir, ['init', '-q', '-b', 'main'], '2024-02-01T10:00:00Z');
    git(dir, ['add', '-A'], '2024-02-01T10:00:00Z');
    git(dir, ['commit', '-q', '-m', 'Stage m@1'], '2024-02-01T10:00:00Z');
    commitEdit(
      dir,
      'v.yaml',
      () => version('production', ', approvals: [{by: model-risk, date: 2024-12-31}]'),
      '2024-03-01T10:00:00Z',
      'Promote',
    );
    const report = await audit(dir, [], 'model:m');
    expect(report.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(
        /^approval by `team:default\/model-risk` is dated 2024-12-31, after the promotion to production on 2024-03-01 \([0-9a-f]{7}\)\.$/,
      ),
    );
  });

  it('lists versions in FORMAT.md order: a release candidate before its release, 10 after 9', async () => {
    const dir = exampleHistory();
    const added = (version: string) =>
      `---\napiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: fraud-detector, version: "${version}", owner: risk-ml}\nspec: {model: fraud-detector}\n`;
    commitEdit(
      dir,
      VERSIONS,
      (text) => `${text}${added('10.0.0')}${added('3.0.0')}${added('3.0.0-rc.1')}`,
      '2024-09-04T10:00:00Z',
      'Three more',
    );
    expect((await audit(dir)).versions.map((v) => v.version)).toEqual(['1.0.0', '2.0.0', '2.1.0', '3.0.0-rc.1', '3.0.0', '10.0.0']);
  });

  it('starts from what existed before --since, and reads up to --until', async () => {
    const dir = exampleHistory();
    const july = await audit(dir, ['--since', '2024-07-01', '--until', '2024-07-31']);
    expect(july.range.commits).toBe(3);
    const first = version(july, '1.0.0');
    expect(first.before).toEqual({ stage: 'production', lifecycle: 'active' });
    expect(first.approvals[0]?.recorded).toBeUndefined();
    expect(first.transitions.map((t) => t.to)).toEqual(['archived', 'deprecated']);
    expect(july.versions.map((v) => v.version)).toEqual(['1.0.0', '2.0.0']);
  });

  it('renders Markdown and a valid, self-contained HTML document with hostile text escaped', async () => {
    const dir = exampleHistory();
    commitEdit(
      dir,
      VERSIONS,
      (text) => `${text}  approvals:\n    - {by: model-risk, date: 2024-09-01, note: "<script>alert(1)</script> @everyone | *x*"}\n`,
      '2024-09-02T10:00:00Z',
      'A hostile note',
    );
    // A value the schema refuses still reaches the report as the string it is.
    commitEdit(
      dir,
      'models/fraud-detector/deployments.yaml',
      (text) =>
        text.replace(
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: staging',
          'modelVersion: fraud-detector@2.1.0\n  runtime: fraud-scoring-cpu\n  environment: "shadow <img src=x> @everyone | forged cell"',
        ),
      '2024-09-03T10:00:00Z',
      'A hostile environment',
    );
    const markdown = await runCli(['audit', 'model:fraud-detector'], { cwd: dir });
    expect(markdown.stdout).toContain('forged cell');
    expect(markdown.stdout).not.toContain('<img');
    expect(markdown.stdout).not.toMatch(/[^\\]\| forged cell/);
    // The promotion with no approval recorded is an error finding.
    expect(markdown.code, markdown.stderr).toBe(1);
    expect(markdown.stdout).toContain('# Audit report: Card fraud detector');
    expect(markdown.stdout).toContain('with no approval recorded.');
    expect(markdown.stdout).not.toContain('<script>');
    expect(markdown.stdout).not.toContain('@everyone');

    const out = path.join(dir, 'audit.html');
    expect((await runCli(['audit', 'model:fraud-detector', '--format', 'html', '--out', out], { cwd: dir })).code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const validator = new HtmlValidate({ extends: ['html-validate:document'], rules: { 'no-inline-style': 'off', 'long-title': 'off' } });
    const result = await validator.validateString(html, 'audit.html');
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('refuses what is not a model, and a model that never existed (exit 2)', async () => {
    const dir = exampleHistory();
    const version = await runCli(['audit', 'modelversion:fraud-detector@2.0.0'], { cwd: dir });
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('the audit report is about a Model');
    const pinned = await runCli(['audit', 'fraud-detector@2.0.0'], { cwd: dir });
    expect(pinned.stderr).toContain('names a version');
    const unknown = await runCli(['audit', 'model:nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("`model:default/nope` is not in the metadata's history");
    expect((await runCli(['audit'], { cwd: dir })).code).toBe(2);
  });

  it('says plainly that history needs git, for audit, log and --at (exit 2)', async () => {
    const plain = tempRepo(exampleFiles());
    for (const args of [['audit', 'model:fraud-detector'], ['log'], ['compile', '--at', 'HEAD']]) {
      const run = await runCli(args, { cwd: plain });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('not in a git repository');
    }
  });

  it('is a page of the site, linked from the model page', async () => {
    const dir = exampleHistory();
    expect((await runCli(['build', '--out', '_site'], { cwd: dir })).code).toBe(0);
    const model = readFileSync(path.join(dir, '_site/entity/model/default/fraud-detector.html'), 'utf8');
    expect(model).toContain('<a href="../../../audit/default/fraud-detector.html">Audit report</a>');
    const page = readFileSync(path.join(dir, '_site/audit/default/fraud-detector.html'), 'utf8');
    expect(page).toContain('<a href="../../entity/model/default/fraud-detector.html">Model page</a>');
    expect(page).toContain('with no approval recorded.');
    // Its entity ids are links to their pages.
    expect(page).toContain(
      '<a href="../../entity/modelversion/default/fraud-detector@2.0.0.html"><code>modelversion:default/fraud-detector@2.0.0</code></a>',
    );
  });
});

describe('the README', () => {
  it('shows what dossier audit prints on the example history', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /```markdown\n(# Audit report[\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const run = await runCli(['audit', 'model:fraud-detector'], { cwd: exampleHistory() });
    const lines = shown.split('\n').filter((line) => line !== '' && line !== '...');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(run.stdout.split('\n'), line).toContain(line);
  });

  it('shows what dossier log prints on the example history', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /```text\n(2024-08-02 [\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const run = await runCli(['log', 'model:fraud-detector', '--max-count', '2'], { cwd: exampleHistory() });
    const lines = shown.split('\n').filter((line) => line !== '' && line.trim() !== '...');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(run.stdout.split('\n'), line).toContain(line);
  });
});
