// Governance configuration end to end: presets, options, overrides, policies, suppressions, scorecard.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { applySuppressions } from '../../src/rules/apply-suppressions.js';
import { Ruleset } from '../../src/rules/ruleset.js';
import { buildScorecard } from '../../src/score/scorecard.js';
import type { Diagnostic } from '../../src/ground/diagnostics.js';
import { parseJsonReport, parseRuleRows, parseScorecard, runCli, tempRepo } from '../helpers.js';

const GOVERNED_BASE = readFileSync('examples/broken/governance/base.yaml', 'utf8');
const UNOWNED =
  'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: unowned, description: Nobody owns this dataset.}\nspec: {location: {uri: "s3://b/u/"}}\n';

describe('presets', () => {
  const run = async (dossier: string) => {
    const cwd = tempRepo({ 'dossier.yaml': dossier, 'base.yaml': GOVERNED_BASE, 'x.yaml': UNOWNED });
    return parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd })).stdout).diagnostics.map((d) => d.ruleId);
  };
  it('core is the default and runs no governance rule', async () => {
    expect(await run('roots: [.]\n')).toEqual([]);
    expect(await run('extends: core\n')).toEqual([]);
  });
  it('recommended runs the recommended rules', async () => {
    expect(await run('extends: recommended\n')).toEqual(['entity/owner-required']);
  });
  it('strict adds the strict rules', async () => {
    expect(await run('extends: strict\n')).toEqual(['entity/owner-required', 'dataset/orphan']);
  });
});

describe('rule options', () => {
  it('are applied', async () => {
    const cwd = tempRepo({
      'dossier.yaml': 'rules:\n  entity/owner-required: [error, {kinds: [Model]}]\n',
      'base.yaml': GOVERNED_BASE,
      'x.yaml': UNOWNED,
    });
    expect((await runCli(['lint'], { cwd })).code).toBe(0);
  });
  it('are validated when the configuration loads, with a valid example', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'rules:\n  entity/owner-required: [error, {kind: [Model]}]\n' });
    const run = await runCli(['lint'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml:2:34');
    expect(run.stderr).toContain('Invalid options for `entity/owner-required`');
    expect(run.stderr).toContain('`entity/owner-required: [error, {"kinds":["Model","Dataset","FeatureView","Deployment"]}]`');
  });
  it('are refused for rules that take none', async () => {
    const run = await runCli(['lint'], { cwd: tempRepo({ 'dossier.yaml': 'rules:\n  term/unused: [info, {x: 1}]\n' }) });
    expect(run.stderr).toContain('`term/unused` takes no options');
  });
});

describe('overrides', () => {
  it('change severities for the files their globs match, later entries winning', async () => {
    const dossier = `extends: recommended
overrides:
  - files: ["legacy/**"]
    rules: {entity/owner-required: "off"}
  - files: ["legacy/keep/**"]
    rules: {entity/owner-required: error}
`;
    const cwd = tempRepo({
      'dossier.yaml': dossier,
      'base.yaml': GOVERNED_BASE,
      'legacy/a.yaml': UNOWNED,
      'legacy/keep/b.yaml': UNOWNED.replace('unowned', 'unowned-b'),
      'c.yaml': UNOWNED.replace('unowned', 'unowned-c'),
    });
    const report = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd })).stdout);
    expect(report.diagnostics.map((d) => `${d.file} ${d.severity}`)).toEqual(['c.yaml warning', 'legacy/keep/b.yaml error']);
  });
});

describe('policies written only in dossier.yaml', () => {
  const dossier = `extends: core
policies:
  - id: pii-needs-retention-and-owner
    message: Datasets with PII need a retention period and an owner
    when: {kind: Dataset, where: {spec.containsPII: true}}
    require: [spec.retention, metadata.owner]
  - id: production-needs-endpoint
    severity: warning
    message: Production deployments publish their endpoint
    when: {kind: [Deployment], where: {spec.environment: [production]}}
    require: [spec.endpoint]
`;
  it('are enforced through the CLI, at the entity that breaks them', async () => {
    const pii = 'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: contacts}\nspec: {location: {uri: x}, containsPII: true}\n';
    const fine =
      'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: events, owner: t}\nspec: {location: {uri: x}, containsPII: false}\n---\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: t}\nspec: {}\n';
    const cwd = tempRepo({ 'dossier.yaml': dossier, 'pii.yaml': pii, 'fine.yaml': fine });
    const run = await runCli(['lint', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const found = parseJsonReport(run.stdout).diagnostics.map(
      (d: { ruleId: string; line: number; column: number; message: string }) => `${d.ruleId} ${d.line}:${d.column} ${d.message}`,
    );
    expect(found).toEqual([
      'policy/pii-needs-retention-and-owner 3:11 Datasets with PII need a retention period and an owner: `metadata.owner` is missing or empty.',
      'policy/pii-needs-retention-and-owner 4:7 Datasets with PII need a retention period and an owner: `spec.retention` is missing or empty.',
    ]);
  });
  it('find only fields the entity has, not what Object.prototype has', async () => {
    const config =
      'policies:\n  - id: needs-constructor\n    message: m\n    when: {kind: Dataset}\n    require: [spec.constructor, metadata.toString]\n';
    const dataset = 'apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: d}\nspec: {location: {uri: x}}\n';
    const run = await runCli(['lint', '--format', 'json'], { cwd: tempRepo({ 'dossier.yaml': config, 'd.yaml': dataset }) });
    const found = parseJsonReport(run.stdout).diagnostics.map((d: { ruleId: string; message: string }) => d.message);
    expect(found).toEqual(['m: `metadata.toString` is missing or empty.', 'm: `spec.constructor` is missing or empty.']);
  });

  it('are listed by `dossier rules`', async () => {
    const rows = parseRuleRows((await runCli(['rules', '--format', 'json'], { cwd: tempRepo({ 'dossier.yaml': dossier }) })).stdout);
    expect(rows.find((r) => r.id === 'policy/production-needs-endpoint')).toMatchObject({
      severity: 'warning',
      family: 'policy',
    });
  });
  it('are validated by the configuration schema', async () => {
    const run = await runCli(['lint'], {
      cwd: tempRepo({ 'dossier.yaml': 'policies:\n  - id: Bad Id\n    message: m\n    when: {kind: Dataset}\n    require: [retention]\n' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a lowercase slug');
    expect(run.stderr).toContain('a dotted path starting with metadata. or spec.');
  });
});

describe('inline suppressions', () => {
  const at = (file: string, line: number, ruleId: string): Diagnostic => ({
    ruleId,
    messageId: 'm',
    data: {},
    severity: 'error',
    message: 'm',
    file,
    range: { start: { line, column: 0 }, end: { line, column: 1 } },
  });
  const text =
    'a: 1\n# dossier-disable-next-line rule/one, rule/two -- known exception\nb: 2\n  # dossier-disable-next-line rule/three\nc: 3\n';

  it('suppress the named rules on the next line only', () => {
    const kept = applySuppressions(
      [
        at('f.yaml', 2, 'rule/one'),
        at('f.yaml', 2, 'rule/other'),
        at('f.yaml', 0, 'rule/one'),
        at('g.yaml', 2, 'rule/one'),
        at('f.yaml', 4, 'rule/three'),
      ],
      [{ file: 'f.yaml', text }],
    );
    expect(kept.map((d) => `${d.file}:${d.range.start.line + 1} ${d.ruleId}`)).toEqual([
      'f.yaml:3 rule/other',
      'f.yaml:1 rule/one',
      'g.yaml:3 rule/one',
      'f.yaml:2 suppression/unused',
      'f.yaml:4 suppression/missing-reason',
    ]);
  });

  it('are comments: the same words inside a block of text or a quoted string suppress nothing', () => {
    const quoted =
      'description: |\n  # dossier-disable-next-line rule/one -- in the text\n  b: 2\ntitle: "x\n  # dossier-disable-next-line rule/one -- quoted"\nc: 3\n';
    const kept = applySuppressions([at('f.yaml', 2, 'rule/one'), at('f.yaml', 4, 'rule/one')], [{ file: 'f.yaml', text: quoted }]);
    expect(kept.map((d) => `${d.file}:${d.range.start.line + 1} ${d.ruleId}`)).toEqual(['f.yaml:3 rule/one', 'f.yaml:5 rule/one']);
  });
});

describe('the scorecard', () => {
  it('scores each model across its footprint, overall and per owner', () => {
    const ruleset = new Ruleset({ extends: 'strict', rules: {}, ruleOptions: {}, overrides: [], policies: [] });
    const leaky =
      'apiVersion: dossier/v1\nkind: Evaluation\nmetadata: {name: leak, owner: owners}\nspec: {modelVersion: scorer@1, dataset: events@1, metrics: [{name: auc, value: 0.9}]}\n';
    const result = compileSources({
      sources: [
        { file: 'base.yaml', text: GOVERNED_BASE },
        { file: 'x.yaml', text: leaky },
      ],
      ruleset,
    });
    const card = buildScorecard(result.catalog, result.diagnostics);
    expect(card.models).toHaveLength(1);
    expect(card.overall.evaluation).toEqual({ meeting: 0, total: 1, share: 0 });
    expect(card.overall.validity).toEqual({ meeting: 1, total: 1, share: 1 });
    expect(card.byOwner['team:default/owners']?.families.evaluation?.share).toBe(0);
  });

  it('is printed by `dossier score` as a table and as JSON', async () => {
    const cwd = path.resolve('examples/ml-platform');
    const table = await runCli(['score'], { cwd });
    expect(table.stdout).toMatch(/^Governance scorecard: 5 models/);
    expect(table.stdout).toContain('team:default/risk-ml');
    const json = parseScorecard((await runCli(['score', '--format', 'json'], { cwd })).stdout);
    expect(json.overall.validity).toEqual({ meeting: 5, total: 5, share: 1 });
  });
});

describe('model/limitations-required', () => {
  const model = (limitations: string) =>
    `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m}\nspec: {task: ranking, intendedUse: Ranking., limitations: ${limitations}}\n`;
  const found = async (limitations: string) => {
    const cwd = tempRepo({
      'dossier.yaml': 'rules: {model/intended-use-required: error, model/limitations-required: error}\n',
      'm.yaml': model(limitations),
    });
    return parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd })).stdout).diagnostics.map((d) => d.ruleId);
  };
  it('takes limitations written as a list', async () => {
    expect(await found('[Only English.]')).toEqual([]);
  });
  it('still asks for them when the list is empty, under its own id: one rule, one subject', async () => {
    expect(await found('[]')).toEqual(['model/limitations-required']);
  });
});

describe('runtime-config/no-secrets-in-env', () => {
  it('hints at a reference that parses where the value is written, inside a flow mapping too', async () => {
    const runtime = (env: string) =>
      `apiVersion: dossier/v1\nkind: RuntimeConfig\nmetadata: {name: r}\nspec: {image: "python:3.12", env: {${env}}}\n`;
    const lint = async (env: string) =>
      parseJsonReport(
        (
          await runCli(['lint', '--format', 'json'], {
            cwd: tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'r.yaml': runtime(env) }),
          })
        ).stdout,
      ).diagnostics;
    const [secret] = (await lint('API_TOKEN: plain-text-value')).filter((d) => d.ruleId === 'runtime-config/no-secrets-in-env');
    const suggested = /`(API_TOKEN: "\$\{API_TOKEN\}")`/.exec(secret?.hint ?? '')?.[1];
    expect(suggested, secret?.hint).toBeDefined();
    const fixed = await lint(suggested as string);
    expect(fixed.map((d) => d.ruleId)).not.toContain('yaml/syntax');
    expect(fixed.map((d) => d.ruleId)).not.toContain('runtime-config/no-secrets-in-env');
  });
});

describe('patterns from dossier.yaml', () => {
  it('cannot hang lint: a catastrophic pattern against a long name is answered at once', async () => {
    // Backtracking engines take exponential time on this; JavaScript's RegExp would not finish.
    const name = `${'a'.repeat(60)}-b`;
    const cwd = tempRepo({
      'dossier.yaml': 'rules:\n  entity/naming-pattern: [warning, {patterns: {Team: "^(a+)+$"}}]\n',
      'team.yaml': `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\nspec: {}\n`,
    });
    const report = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd })).stdout);
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(['entity/naming-pattern']);
  });

  it('are refused at their line when they need a backtracking engine', async () => {
    const cwd = tempRepo({
      'dossier.yaml': 'rules:\n  entity/naming-pattern:\n    - warning\n    - patterns:\n        Model: "^(?!tmp-).*"\n',
    });
    const run = await runCli(['lint'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml:5:16 The pattern /^(?!tmp-).*/ cannot be used');
    expect(run.stderr).toContain('lookarounds and backreferences are not supported');
  });
});
