import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model/kinds.js';
import { BASE, brief, briefs, compileFiles, LOOSE_MODEL } from '../helpers.js';

const doc = (kind: string, metadata: string, spec: string) =>
  `apiVersion: dossier/v1\nkind: ${kind}\nmetadata: ${metadata}\nspec: ${spec}\n`;

/** The smallest valid document of each kind, given BASE beside it. */
const MINIMAL: Record<(typeof KINDS)[number], string> = {
  Model: doc('Model', '{name: m2}', '{task: regression}'),
  ModelVersion: doc('ModelVersion', '{name: scorer, version: "2"}', '{model: scorer}'),
  Dataset: doc('Dataset', '{name: d2}', '{location: {uri: "s3://b/d2"}}'),
  FeatureView: doc(
    'FeatureView',
    '{name: fv2}',
    '{source: events, entities: [{name: u, joinKeys: [user_id]}], features: [{name: f, type: int64}]}',
  ),
  Evaluation: doc('Evaluation', '{name: e2}', '{modelVersion: scorer@1, dataset: events@1, metrics: [{name: auc, value: 0.9}]}'),
  RuntimeConfig: doc('RuntimeConfig', '{name: r2}', '{image: "python:3.11"}'),
  Deployment: doc('Deployment', '{name: dep2}', '{modelVersion: scorer, runtime: cpu, environment: staging}'),
  Team: doc('Team', '{name: t2}', '{}'),
  Term: doc('Term', '{name: term2}', '{definition: A word.}'),
};

const FULL: Record<string, string> = {
  Model: `apiVersion: dossier/v1
kind: Model
metadata:
  name: full-model
  namespace: default
  title: Full model
  description: "**Markdown** description"
  owner: owners
  tags: [fraud, tabular]
  terms: [pii]
  labels: {cost-center: "42"}
  annotations: {example.com/x: y}
  links: [{url: "https://example.com/runbook", title: Runbook}]
  lifecycle: deprecated
  deprecation: {reason: Replaced, replacedBy: scorer, sunset: 2027-03-31}
spec:
  task: binary-classification
  framework: xgboost
  architecture: trees
  license: {name: Internal, url: "https://example.com/license"}
  intendedUse: Scoring.
  outOfScopeUse: Credit.
  limitations: Few.
  ethicalConsiderations: [{name: Bias, mitigation: Reviews.}]
  riskTier: high
  baseModels: [{ref: scorer, relation: distilled}, {hubId: org/base, relation: finetune}]
`,
  ModelVersion: `apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: scorer, version: "3.0.0"}
spec:
  model: model:scorer
  stage: production
  aliases: [champion]
  artifact: {uri: "s3://m/3", format: onnx, sha256: ${'a'.repeat(64)}, sizeBytes: 10}
  signature:
    inputs: [{name: clicks_7d, type: int64, shape: [1]}]
    outputs: [{name: score, type: float32, shape: [-1, null]}]
  training:
    datasets: [{ref: dataset:events@1, role: train}, {ref: events, role: test}]
    features: [user-stats, featureview:user-stats#clicks_7d]
    hyperparameters: {lr: 0.1, depth: 6, booster: gbtree, early_stop: true, seed: null}
    code: {repo: "https://git.example.com/x", commit: abc123, path: train.py}
    run: {tracker: mlflow, id: r1, url: "https://mlflow.example.com/r1"}
    startedAt: 2024-07-15T08:00:00Z
    finishedAt: 2024-07-15
  approvals: [{by: owners, date: 2024-07-16, note: ok}]
`,
  Dataset: `apiVersion: dossier/v1
kind: Dataset
metadata: {name: full-data, version: "2024-06", terms: [pii]}
spec:
  location: {uri: "s3://b/full", format: parquet}
  license: CC-BY-4.0
  classification: restricted
  containsPII: true
  schema: {fields: [{name: email, type: string, description: Mail, pii: true, terms: [pii]}]}
  splits: [{name: train, rows: 10, bytes: 100}]
  digest: sha256:${'0'.repeat(64)}
  derivedFrom: [events@1]
  collection: Web.
  preprocessing: None.
  knownBiases: Some.
  intendedUse: Training.
  retention: P2Y6M
`,
  Deployment: `apiVersion: dossier/v1
kind: Deployment
metadata: {name: full-dep}
spec:
  modelVersion: scorer@1
  runtime: runtimeconfig:cpu
  environment: production
  endpoint: https://x.example.com
  trafficPercent: 12.5
  approvals: [{by: owners, date: 2024-01-01}]
  monitoring: {metrics: [psi], dashboard: https://grafana.example.com, driftThresholds: {psi: 0.2}}
`,
  RuntimeConfig: `apiVersion: dossier/v1
kind: RuntimeConfig
metadata: {name: full-rt}
spec:
  image: registry.example.com/a/b@sha256:${'f'.repeat(64)}
  resources: {cpu: 2, memory: 4Gi, gpu: {type: a100, count: 1}}
  runtime: {name: python, version: "3.11"}
  env: {LOG_LEVEL: info}
  dependencies: requirements.lock
`,
  Team: `apiVersion: dossier/v1
kind: Team
metadata: {name: full-team}
spec: {type: person, email: a@example.com, members: [owners], parent: owners, chat: "#x"}
`,
  Term: `apiVersion: dossier/v1
kind: Term
metadata: {name: full-term}
spec: {definition: D., synonyms: [x], parent: pii, related: [pii]}
`,
  Evaluation: `apiVersion: dossier/v1
kind: Evaluation
metadata: {name: full-eval}
spec:
  modelVersion: scorer@1
  dataset: events@1
  split: test
  date: 2024-07-15
  metrics: [{name: auc, value: 0.9, higherIsBetter: true, threshold: 0.8, slice: all, ci: {lower: 0.88, upper: 0.92}}]
  source: {name: mlflow, url: "https://mlflow.example.com"}
`,
};

describe('schemas accept valid documents', () => {
  for (const kind of KINDS) {
    it(`a minimal ${kind}`, () => {
      expect(briefs({ 'base.yaml': BASE, 'x.yaml': MINIMAL[kind] })).toEqual([]);
    });
  }
  for (const [kind, text] of Object.entries(FULL)) {
    it(`a ${kind} with every field`, () => {
      const result = compileFiles({ 'base.yaml': BASE, 'x.yaml': text });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
    });
  }
  it('accepts ISO 8601 dates to the minute and durations with fractions or weeks', () => {
    const texts = [
      doc('Dataset', '{name: d1}', '{location: {uri: x}, retention: PT0.5S}'),
      doc('Dataset', '{name: d2}', '{location: {uri: x}, retention: P2W}'),
      doc('Dataset', '{name: d3}', '{location: {uri: x}, retention: P1.5Y}'),
      doc('Evaluation', '{name: e1}', '{modelVersion: scorer, dataset: events, date: 2024-07-15T08:00Z, metrics: [{name: a, value: 1}]}'),
      doc(
        'Evaluation',
        '{name: e2}',
        '{modelVersion: scorer, dataset: events, date: "2024-07-15T08:00+02:00", metrics: [{name: a, value: 1}]}',
      ),
      // FORMAT.md: dates written unquoted validate as the dates YAML loaders read, in YAML 1.1's forms too.
      doc(
        'Evaluation',
        '{name: e3}',
        '{modelVersion: scorer, dataset: events, date: 2024-07-15 08:00:00 +02:00, metrics: [{name: a, value: 1}]}',
      ),
      doc(
        'Evaluation',
        '{name: e4}',
        '{modelVersion: scorer, dataset: events, date: 2001-12-14 21:59:43.10 -5, metrics: [{name: a, value: 1}]}',
      ),
    ];
    expect(briefs({ 'base.yaml': BASE, 'x.yaml': texts.join('---\n') })).toEqual([]);
  });

  it('leaves optional what FORMAT.md does not mark with *', () => {
    const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: no-spec}\n';
    // `spec:` with nothing after it is YAML's null: a Team whose every field is optional may leave it empty.
    const emptySpec = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: empty-spec}\nspec:\n';
    expect(briefs({ 'team.yaml': `${team}---\n${emptySpec}`, 'model.yaml': LOOSE_MODEL })).toEqual([]);
  });

  it('takes every ISO 3166 code for regions, and a country of a legal address as code or name', () => {
    const texts = [
      doc('Dataset', '{name: d1}', '{location: {uri: x}, coverage: {regions: [DE, DEU, "276", US-CA, GB-ENG]}}'),
      doc('Team', '{name: org-a}', '{type: org, legal: {name: A GmbH, address: Berlin, country: DE}}'),
      doc('Team', '{name: org-b}', '{type: org, legal: {name: B Ltd, address: London, country: United Kingdom}}'),
    ];
    expect(briefs({ 'base.yaml': BASE, 'x.yaml': texts.join('---\n') })).toEqual([]);
  });

  it('ignores YAML that is not a Dossier document', () => {
    expect(briefs({ 'ci.yaml': 'on: push\njobs: {}\n', 'list.yaml': '- 1\n- 2\n', 'scalar.yaml': 'hello\n' })).toEqual([]);
  });
});

describe('schemas reject invalid documents at the offending node', () => {
  const cases: { name: string; text: string; expected: string[]; message?: string }[] = [
    // FORMAT.md marks no field of a Team's spec required, so a Team may leave `spec` out; a Term may not.
    { name: 'a missing spec', text: 'apiVersion: dossier/v1\nkind: Term\nmetadata: {name: t}\n', expected: ['schema/required-field 1:1'] },
    { name: 'a missing metadata.name', text: doc('Team', '{title: T}', '{}'), expected: ['schema/required-field 3:1'] },
    { name: 'a bad name', text: doc('Team', '{name: Bad_Name}', '{}'), expected: ['schema/invalid-value 3:18'], message: 'lowercase name' },
    {
      name: 'a version on an unversioned kind',
      text: doc('Team', '{name: t, version: "1"}', '{}'),
      expected: ['schema/invalid-value 3:21'],
    },
    {
      name: 'a ModelVersion without version',
      text: doc('ModelVersion', '{name: scorer}', '{model: scorer}'),
      expected: ['schema/required-field 3:1'],
    },
    {
      name: 'an unknown spec field',
      text: doc('Team', '{name: t}', '{emial: x@example.com}'),
      expected: ['schema/unknown-field 4:8'],
      message: 'emial',
    },
    { name: 'a list where a mapping belongs', text: doc('Team', '[name, t]', '{}'), expected: ['schema/invalid-value 3:11'] },
    {
      name: 'a wrong enum value',
      text: doc('Deployment', '{name: d}', '{modelVersion: scorer, runtime: cpu, environment: prod}'),
      expected: ['schema/invalid-value 4:57'],
    },
    {
      name: 'a number out of range',
      text: doc('Deployment', '{name: d}', '{modelVersion: scorer, runtime: cpu, environment: staging, trafficPercent: 150}'),
      expected: ['schema/invalid-value 4:82'],
      message: '≤ 100',
    },
    {
      name: 'a string metric value',
      text: doc('Evaluation', '{name: e}', '{modelVersion: scorer, dataset: events, metrics: [{name: auc, value: high}]}'),
      expected: ['schema/invalid-value 4:76'],
    },
    {
      name: 'an impossible date',
      text: doc('Evaluation', '{name: e}', '{modelVersion: scorer, dataset: events, date: 2024-02-30, metrics: [{name: a, value: 1}]}'),
      expected: ['schema/invalid-value 4:53'],
    },
    {
      name: 'a bad ISO duration',
      text: doc('Dataset', '{name: d}', '{location: {uri: x}, retention: 2 years}'),
      expected: ['schema/invalid-value 4:39'],
    },
    {
      name: 'a duration with nothing after P or T',
      text: doc('Dataset', '{name: d}', '{location: {uri: x}, retention: PT}'),
      expected: ['schema/invalid-value 4:39'],
    },
    {
      name: 'an impossible day of a timestamp to the minute',
      text: doc(
        'Evaluation',
        '{name: e}',
        '{modelVersion: scorer, dataset: events, date: 2024-02-31T08:00Z, metrics: [{name: a, value: 1}]}',
      ),
      expected: ['schema/invalid-value 4:53'],
    },
    {
      name: 'an offset without minutes, which Date.parse cannot read',
      text: doc(
        'Evaluation',
        '{name: e}',
        '{modelVersion: scorer, dataset: events, date: "2024-07-15T08:00+05", metrics: [{name: a, value: 1}]}',
      ),
      expected: ['schema/invalid-value 4:53'],
    },
    {
      name: 'an impossible time to the minute',
      text: doc(
        'Evaluation',
        '{name: e}',
        '{modelVersion: scorer, dataset: events, date: 2024-07-15T24:30Z, metrics: [{name: a, value: 1}]}',
      ),
      expected: ['schema/invalid-value 4:53'],
    },
    {
      name: 'an image without tag or digest',
      text: doc('RuntimeConfig', '{name: r}', '{image: python}'),
      expected: ['schema/invalid-value 4:15'],
    },
    {
      name: 'a base model with both ref and hubId',
      text: doc('Model', '{name: m}', '{task: t, baseModels: [{ref: scorer, hubId: x/y}]}'),
      expected: ['schema/invalid-value 4:30'],
    },
    { name: 'a bad tag slug', text: doc('Team', '{name: t, tags: [Fraud Team]}', '{}'), expected: ['schema/invalid-value 3:28'] },
    {
      name: 'an unquoted numeric version',
      text: doc('Dataset', '{name: d, version: 2024.10}', '{location: {uri: x}}'),
      expected: ['schema/unquoted-version 3:30'],
      message: 'version: "2024.10"',
    },
    {
      name: 'a region that is a country name, not its code',
      text: doc('Dataset', '{name: d}', '{location: {uri: x}, coverage: {regions: [Germany]}}'),
      expected: ['schema/invalid-value 4:49'],
      message: 'ISO 3166 code',
    },
    {
      name: 'a spec that is a number, not a mapping',
      text: doc('Team', '{name: t}', '3'),
      expected: ['schema/invalid-value 4:7'],
    },
    {
      name: 'a boolean containsPII given as a string',
      text: doc('Dataset', '{name: d}', '{location: {uri: x}, containsPII: "yes"}'),
      expected: ['schema/invalid-value 4:41'],
    },
  ];
  for (const { name, text, expected, message } of cases) {
    it(name, () => {
      const result = compileFiles({ 'base.yaml': BASE, 'x.yaml': text });
      const found = result.diagnostics.filter((d) => d.file === 'x.yaml');
      expect(found.map((d) => `${d.ruleId} ${d.range.start.line + 1}:${d.range.start.column + 1}`)).toEqual(expected);
      if (message !== undefined) expect(`${found[0]?.message} ${found[0]?.hint ?? ''}`).toContain(message);
    });
  }

  it('reports every schema problem of a document at once', () => {
    const text = doc('ModelVersion', '{name: scorer, version: "9", colour: red}', '{model: scorer, stage: prod, stagee: x}');
    expect(briefs({ 'base.yaml': BASE, 'x.yaml': text })).toEqual([
      'schema/unknown-field 3:40',
      'schema/invalid-value 4:30',
      'schema/unknown-field 4:36',
    ]);
  });

  it('writes a human message for an enum, with a suggestion', () => {
    const [d] = compileFiles({ 'x.yaml': doc('ModelVersion', '{name: m, version: "1"}', '{model: m, stage: prod}') }).diagnostics.filter(
      (x) => x.ruleId === 'schema/invalid-value',
    );
    expect(d?.message).toBe('`spec.stage` must be one of development, staging, production, archived; got `prod`.');
    expect(d?.hint).toBe('Did you mean `production`?');
  });

  it('suggests the known field for a misspelt one', () => {
    const [d] = compileFiles({ 'x.yaml': doc('Team', '{name: t, ownr: x}', '{}') }).diagnostics;
    expect(d?.message).toBe('`ownr` is not a field of `metadata`.');
    expect(d?.hint).toBe('Did you mean `owner`?');
  });

  it('suggests the kind for a wrongly cased kind', () => {
    const [d] = compileFiles({ 'x.yaml': doc('featureview', '{name: t}', '{}') }).diagnostics;
    expect(d?.ruleId).toBe('schema/unknown-kind');
    expect(d?.hint).toBe('Did you mean `FeatureView`?');
  });
});

describe('Model.spec.limitations', () => {
  it('is a text or a list of texts', () => {
    expect(briefs({ 'a.yaml': doc('Model', '{name: a}', '{task: ranking, limitations: Only English.}') })).toEqual([]);
    expect(briefs({ 'b.yaml': doc('Model', '{name: b}', '{task: ranking, limitations: [Only English., Not calibrated.]}') })).toEqual([]);
  });

  it('is neither a number nor a list of mappings', () => {
    const [d] = compileFiles({ 'c.yaml': doc('Model', '{name: c}', '{task: ranking, limitations: 42}') }).diagnostics;
    expect(d?.ruleId).toBe('schema/invalid-value');
    expect(d?.message).toContain('a text, or a list of texts');
    expect(briefs({ 'd.yaml': doc('Model', '{name: d}', '{task: ranking, limitations: [{text: x}]}') })).not.toEqual([]);
  });

  it('as a list, is reported at the item that is not a text', () => {
    const diagnostics = compileFiles({ 'e.yaml': doc('Model', '{name: e}', '{task: ranking, limitations: [ok, 3]}') }).diagnostics;
    expect(diagnostics.map(brief)).toEqual(['schema/invalid-value 4:41']);
    expect(diagnostics[0]?.message).toContain('spec.limitations[1]');
  });
});

describe('schemas bound the work a hostile document costs', () => {
  it('declare the item type of every list without repeats, so ajv checks it in linear time, not in the square', () => {
    const lists: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => {
          visit(item, `${where}/${String(index)}`);
        });
      } else if (typeof node === 'object' && node !== null) {
        const schema = node as { uniqueItems?: boolean; items?: { type?: string } };
        if (schema.uniqueItems === true && schema.items?.type === undefined) lists.push(where);
        for (const [key, value] of Object.entries(node)) visit(value, `${where}/${key}`);
      }
    };
    for (const file of readdirSync('schemas').filter((name) => name.endsWith('.json')))
      visit(JSON.parse(readFileSync(path.join('schemas', file), 'utf8')), file);
    expect(lists).toEqual([]);
  });

  it('checks an entity with 50,000 tags, which took minutes when repeats were looked for pair by pair', () => {
    const tags = Array.from({ length: 50_000 }, (_, i) => `t${String(i)}`);
    const { diagnostics } = compileFiles({ 'a.yaml': doc('Team', `{name: t, tags: [${tags.join(', ')}, t7]}`, '{}') });
    expect(diagnostics.map((d) => d.message)).toEqual(['`metadata.tags` must be a list without repeats; got item 50000 repeated at 7.']);
  });
});
