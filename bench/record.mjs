#!/usr/bin/env node
// Record benchmark: `dossier record` of a new model version with its evaluation into a generated
// repository, against one `dossier lint` of it. Each record run works on a fresh copy, so it adds.
//
// Usage: node bench/record.mjs [entities]   (default 10000; the goal is at most 1.5x lint)

import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generated, timed, work } from './measure.mjs';

const entities = Number(process.argv[2] ?? '10000');
const source = generated(entities);
const copy = path.join(work, `record-${entities}`);
const input = path.join(work, 'record-input.json');
writeFileSync(
  input,
  JSON.stringify([
    {
      apiVersion: 'dossier/v1',
      kind: 'ModelVersion',
      metadata: { name: 'model-0', version: '4.0.0', owner: 'team-0' },
      spec: {
        model: 'model-0',
        stage: 'development',
        artifact: { uri: 's3://models/model-0/4.0.0/', format: 'xgboost-json' },
        training: {
          datasets: [{ ref: 'data-0@2024-06', role: 'train' }],
          features: ['features-0#count_24h'],
          hyperparameters: { n_estimators: 300 },
        },
      },
    },
    {
      apiVersion: 'dossier/v1',
      kind: 'Evaluation',
      metadata: { name: 'model-0-v4-eval', owner: 'team-0' },
      spec: { modelVersion: 'model-0@4.0.0', dataset: 'data-0@2024-05', split: 'test', metrics: [{ name: 'auc', value: 0.8 }] },
    },
  ]),
);

const runs = [];
for (let i = 0; i < 3; i++) {
  rmSync(copy, { recursive: true, force: true });
  cpSync(source, copy, { recursive: true });
  runs.push({
    lint: timed(['lint', '--format', 'json', '--output', path.join(work, 'record-lint.json')], copy),
    record: timed(['record', input], copy),
  });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const lint = median(runs.map((r) => r.lint.seconds));
const record = median(runs.map((r) => r.record.seconds));
console.log(`\n${entities} entities\n`);
console.log('| run | time | peak memory | ratio |\n| --- | --- | --- | --- |');
console.log(`| dossier lint | ${lint.toFixed(2)} s | ${Math.round(median(runs.map((r) => r.lint.megabytes)))} MB | |`);
console.log(
  `| dossier record (a version and its evaluation) | ${record.toFixed(2)} s | ${Math.round(median(runs.map((r) => r.record.megabytes)))} MB | ${(record / lint).toFixed(2)}x |`,
);
