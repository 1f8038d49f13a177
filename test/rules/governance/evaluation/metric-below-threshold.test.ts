// evaluation/metric-below-threshold: an error where the failing evaluation gates production, a
// warning where it records a result of a version that is not there; a configured severity is the most either gets.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../../../src/compile/compile-sources.js';
import { Ruleset } from '../../../../src/rules/ruleset.js';
import type { RuleSetting } from '../../../../src/rules/settings.js';
import { ruleTester } from '../../rule-tester.js';

const RULE = 'evaluation/metric-below-threshold';
/** scorer@1 is in production (its stage), with a production Deployment. */
const GOVERNED_BASE = readFileSync('examples/broken/governance/base.yaml', 'utf8');

const version = (name: string, stage: string) => `---
apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: scorer, version: "${name}", owner: owners}
spec: {model: scorer, stage: ${stage}, training: {datasets: [{ref: events@1, role: train}]}}
`;
const deployment = (name: string, of: string, environment: string, lifecycle = 'active') => `---
apiVersion: dossier/v1
kind: Deployment
metadata: {name: ${name}, owner: owners, lifecycle: ${lifecycle}}
spec: {modelVersion: ${of}, runtime: cpu, environment: ${environment}, approvals: [{by: model-risk, date: 2024-07-02}]}
`;
/** An evaluation of `of` whose AUC, 0.7, is below its threshold 0.8. */
const failingEvaluation = (of: string) => `---
apiVersion: dossier/v1
kind: Evaluation
metadata: {name: failing-eval, owner: owners}
spec:
  modelVersion: ${of}
  dataset: holdout@1
  metrics: [{name: auc, value: 0.7, threshold: 0.8}]
`;

interface Case {
  name: string;
  files: string;
  setting?: RuleSetting;
  /** `messageId severity`, one a finding; empty when none. */
  expected: string[];
}

const STAGING = version('2', 'staging') + failingEvaluation('scorer@2');
const IN_PRODUCTION = failingEvaluation('scorer@1');

const CASES: Case[] = [
  { name: 'a staging version, served nowhere in production: a warning', files: STAGING, expected: ['belowThreshold warning'] },
  { name: 'a version whose stage is production: an error', files: IN_PRODUCTION, expected: ['belowThresholdInProduction error'] },
  {
    name: 'a staging version that a production Deployment serves: an error',
    files: STAGING + deployment('scorer-2-prod', 'scorer@2', 'production'),
    expected: ['belowThresholdInProduction error'],
  },
  {
    name: 'a staging version whose production Deployment is retired: a warning',
    files: STAGING + deployment('scorer-2-prod', 'scorer@2', 'production', 'retired'),
    expected: ['belowThreshold warning'],
  },
  {
    name: 'a staging version served in staging only: a warning',
    files: STAGING + deployment('scorer-2-staging', 'scorer@2', 'staging'),
    expected: ['belowThreshold warning'],
  },
  {
    name: 'configured warning: production is a warning too',
    files: IN_PRODUCTION,
    setting: 'warning',
    expected: ['belowThresholdInProduction warning'],
  },
  { name: 'configured warning: staging stays a warning', files: STAGING, setting: 'warning', expected: ['belowThreshold warning'] },
  { name: 'configured info: staging is info', files: STAGING, setting: 'info', expected: ['belowThreshold info'] },
  {
    name: 'configured error: staging is still no more than a warning',
    files: STAGING,
    setting: 'error',
    expected: ['belowThreshold warning'],
  },
  {
    name: 'configured error: production is an error',
    files: IN_PRODUCTION,
    setting: 'error',
    expected: ['belowThresholdInProduction error'],
  },
  { name: 'configured off: production is not reported', files: IN_PRODUCTION, setting: 'off', expected: [] },
  { name: 'configured off: staging is not reported', files: STAGING, setting: 'off', expected: [] },
];

function findings({ files, setting }: Case): string[] {
  const ruleset = new Ruleset({
    extends: 'recommended',
    rules: setting === undefined ? {} : { [RULE]: setting },
    ruleOptions: {},
    overrides: [],
    policies: [],
  });
  const result = compileSources({
    sources: [
      { file: 'base.yaml', text: GOVERNED_BASE },
      { file: 'example.yaml', text: files },
    ],
    ruleset,
  });
  return result.diagnostics.filter((d) => d.ruleId === RULE).map((d) => `${d.messageId} ${d.severity}`);
}

describe(RULE, () => {
  for (const testCase of CASES)
    it(testCase.name, () => {
      expect(findings(testCase)).toEqual(testCase.expected);
    });

  it('names the version it gates, and the metric as before', () => {
    const result = compileSources({
      sources: [
        { file: 'base.yaml', text: GOVERNED_BASE },
        { file: 'example.yaml', text: IN_PRODUCTION },
      ],
      ruleset: new Ruleset({ extends: 'recommended', rules: {}, ruleOptions: {}, overrides: [], policies: [] }),
    });
    const [finding] = result.diagnostics.filter((d) => d.ruleId === RULE);
    expect(finding?.message).toBe(
      '`auc` is 0.7, below its threshold 0.8 (higher is better), and `modelversion:default/scorer@1` is in production.',
    );
    expect(finding?.range).toEqual({ start: { line: 7, column: 31 }, end: { line: 7, column: 34 } });
  });
});

ruleTester.run('evaluation/metric-below-threshold', {
  valid: [
    {
      name: 'a metric at its threshold',
      yaml: version('2', 'staging').slice(4) + failingEvaluation('scorer@2').replace('value: 0.7', 'value: 0.8'),
    },
  ],
  invalid: [
    {
      name: 'a staging version below its threshold, reported at the value',
      yaml: STAGING.slice(4),
      problems: [{ messageId: 'belowThreshold', line: 12, column: 32, endLine: 12, endColumn: 35 }],
    },
  ],
});
