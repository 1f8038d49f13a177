#!/usr/bin/env node
// Writes a deterministic synthetic Dossier repository of about N entities, all nine kinds, with the
// reference density of a real platform: every model version trains on datasets, reads features,
// is evaluated and deployed; everything has an owner and terms. The repository is well governed
// (clean under `extends: strict`), so benchmarks measure checking, not reporting.
//
// Usage: node bench/generate.mjs <entities> <output-folder>

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [countArg, outArg] = process.argv.slice(2);
if (!countArg || !outArg) {
  console.error('Usage: node bench/generate.mjs <entities> <output-folder>');
  process.exit(2);
}
const target = Number(countArg);
const out = path.resolve(outArg);

/** A small deterministic PRNG (mulberry32), so the same N always gives the same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(42);
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');

rmSync(out, { recursive: true, force: true });
let written = 0;
function write(file, text) {
  const full = path.join(out, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  written++;
}

// Each "family" is one model with its data, features, versions, evaluations, runtime and deployments.
const PER_FAMILY = 13;
const families = Math.max(1, Math.round((target * 0.95) / PER_FAMILY));
const teamCount = Math.max(2, Math.round(target * 0.03));
const termCount = Math.max(2, Math.round(target * 0.02));
const teams = Array.from({ length: teamCount }, (_, i) => `team-${i}`);
const terms = Array.from({ length: termCount }, (_, i) => `term-${i}`);

// dossier.yaml turns every rule on; dossier-core.yaml checks files, schemas and references only.
write('dossier.yaml', 'extends: strict\n');
write('dossier-core.yaml', 'extends: core\n');
teams.forEach((team, i) => {
  const parent = i > 0 && i % 10 !== 0 ? `\n  parent: team-${i - (i % 10)}` : '';
  write(
    `teams/${team}.yaml`,
    `apiVersion: dossier/v1
kind: Team
metadata:
  name: ${team}
  title: Team ${i}
  description: Owns a share of the platform's models and data.
spec:
  type: team
  email: ${team}@example.com${parent}
`,
  );
});
terms.forEach((term, i) => {
  write(
    `glossary/${term}.yaml`,
    `apiVersion: dossier/v1
kind: Term
metadata:
  name: ${term}
  owner: ${teams[i % teams.length]}
spec:
  definition: Definition of glossary term number ${i}, used to classify data and models.
  synonyms: [alias-${i}]
`,
  );
});

for (let f = 0; f < families; f++) {
  // Round robin, so every team owns something and every term classifies something.
  const owner = teams[f % teams.length];
  const approver = teams[(f + 1) % teams.length];
  const name = `model-${f}`;
  const data = `data-${f}`;
  const fv = `features-${f}`;
  const term = terms[f % terms.length];
  for (const version of ['2024-05', '2024-06']) {
    write(
      `datasets/${data}/${version}.yaml`,
      `apiVersion: dossier/v1
kind: Dataset
metadata:
  name: ${data}
  version: "${version}"
  description: Labelled events for model family ${f}, snapshot ${version}.
  owner: ${owner}
  terms: [${term}]
  tags: [family-${f % 50}, labelled]
spec:
  location: {uri: "s3://lake/${data}/${version}/", format: parquet}
  license: proprietary
  classification: confidential
  containsPII: false
  retention: P2Y
  digest: sha256:${hex(64)}
  splits:
    - {name: train, rows: ${Math.floor(rand() * 1e7)}}
    - {name: test, rows: ${Math.floor(rand() * 1e6)}}
  schema:
    fields:
      - {name: entity_id, type: string}
      - {name: amount, type: decimal}
      - {name: label, type: boolean}
      - {name: ts, type: timestamp}
`,
    );
  }
  write(
    `features/${fv}.yaml`,
    `apiVersion: dossier/v1
kind: FeatureView
metadata:
  name: ${fv}
  description: Aggregates for model family ${f}.
  owner: ${owner}
spec:
  source: ${data}@2024-06
  entities: [{name: entity, joinKeys: [entity_id]}]
  features:
    - {name: amount_avg_30d, type: float64, description: Mean amount over 30 days.}
    - {name: count_24h, type: int64, description: Events in the last 24 hours.}
    - {name: distinct_7d, type: int64, description: Distinct counterparts in 7 days.}
  ttl: P1D
  online: true
`,
  );
  write(
    `models/${name}/model.yaml`,
    `apiVersion: dossier/v1
kind: Model
metadata:
  name: ${name}
  title: Model ${f}
  description: Scores events for family ${f}.
  owner: ${owner}
  terms: [${term}]
  tags: [family-${f % 50}]
spec:
  task: binary-classification
  framework: xgboost
  license: proprietary
  intendedUse: Scoring events of family ${f}.
  limitations: Trained on recent data only.
  riskTier: high
  ethicalConsiderations:
    - {name: Disparate error rates, mitigation: Quarterly review of errors by segment.}
`,
  );
  for (let v = 1; v <= 3; v++) {
    const stage = v === 3 ? 'production' : v === 2 ? 'staging' : 'archived';
    write(
      `models/${name}/v${v}.yaml`,
      `apiVersion: dossier/v1
kind: ModelVersion
metadata:
  name: ${name}
  version: "${v}.0.0"
  owner: ${owner}
spec:
  model: ${name}
  stage: ${stage}
  artifact: {uri: "s3://models/${name}/${v}.0.0/", format: xgboost-json, sha256: ${hex(64)}}
  training:
    datasets:
      - {ref: ${data}@2024-0${v === 1 ? 5 : 6}, role: train}
      - {ref: ${data}@2024-0${v === 1 ? 5 : 6}, role: validation}
    features:
      - ${fv}#amount_avg_30d
      - ${fv}#count_24h
      - ${fv}
    hyperparameters: {n_estimators: ${100 * v}, max_depth: 6, learning_rate: 0.1}
    startedAt: 2024-07-0${v}T04:00:00Z
  approvals:
    - {by: ${approver}, date: 2024-07-1${v}}
`,
    );
    write(
      `models/${name}/eval-v${v}.yaml`,
      `apiVersion: dossier/v1
kind: Evaluation
metadata:
  name: ${name}-v${v}-eval
  owner: ${owner}
spec:
  modelVersion: ${name}@${v}.0.0
  dataset: ${data}@2024-0${v === 1 ? 6 : 5}
  split: test
  date: 2024-07-2${v}
  metrics:
    - {name: auc, value: ${(0.7 + rand() * 0.25).toFixed(3)}, higherIsBetter: true, threshold: 0.7}
    - {name: p99_latency_ms, value: ${Math.floor(10 + rand() * 30)}, higherIsBetter: false, threshold: 50}
`,
    );
  }
  write(
    `models/${name}/runtime.yaml`,
    `apiVersion: dossier/v1
kind: RuntimeConfig
metadata:
  name: ${name}-runtime
  owner: ${owner}
  description: Serving image and resources for model family ${f}.
spec:
  image: registry.example.com/ml/${name}@sha256:${hex(64)}
  resources: {cpu: "2", memory: 4Gi}
  runtime: {name: python, version: "3.11"}
  env: {LOG_LEVEL: info}
`,
  );
  for (const [environment, version] of [
    ['production', 3],
    ['staging', 3],
  ]) {
    write(
      `models/${name}/deploy-${environment}.yaml`,
      `apiVersion: dossier/v1
kind: Deployment
metadata:
  name: ${name}-${environment}
  owner: ${owner}
spec:
  modelVersion: ${name}@${version}.0.0
  runtime: ${name}-runtime
  environment: ${environment}
  trafficPercent: 100
  approvals: [{by: ${approver}, date: 2024-07-30}]
  monitoring: {metrics: [psi], driftThresholds: {psi: 0.2}}
`,
    );
  }
}
console.log(`Wrote ${written - 2} entities to ${out}`);
