#!/usr/bin/env node
// Shapes that make work grow faster than the number of files if any step is quadratic: a chain of
// datasets each derived from the one before, a team hierarchy as deep, a FeatureView whose every
// feature a version reads member by member (`chain`), and one model with as many versions, each
// evaluated (`versions`). For each: lint cold, the first and a later warm lint after an edit, a cold
// build (as in CI) and rebuilds after edits, on repositories written here.
//
// Usage: node bench/shapes.mjs [length]   (default 3000: a chain of 3,000 datasets, 3,000 versions ...)

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { timed, work } from './measure.mjs';

const length = Number(process.argv[2] ?? '3000');
const doc = (kind, metadata, spec) => `apiVersion: dossier/v1\nkind: ${kind}\nmetadata:\n${metadata}spec:\n${spec}`;
const range = (count) => Array.from({ length: count }, (_, index) => index);

function chainFiles(n) {
  const files = { 'dossier.yaml': 'extends: strict\n' };
  files['teams/all.yaml'] = range(n)
    .map((i) =>
      doc('Team', `  name: t${i}\n  description: Team ${i}.\n`, `  email: t${i}@example.com\n${i ? `  parent: t${i - 1}\n` : ''}`),
    )
    .join('---\n');
  for (const i of range(n))
    files[`data/d${i}.yaml`] = doc(
      'Dataset',
      `  name: d${i}\n  version: "1"\n  description: Data ${i}.\n  owner: t${i}\n`,
      `  location: {uri: "s3://x/d${i}/", format: parquet}\n  license: proprietary\n  classification: internal\n  containsPII: false\n  retention: P1Y\n${i ? `  derivedFrom: [d${i - 1}@1]\n` : ''}`,
    );
  const features = range(n).map((i) => `    - {name: f${i}, type: float64, description: Feature ${i}.}\n`);
  files['features/wide.yaml'] = doc(
    'FeatureView',
    '  name: wide\n  description: Every feature.\n  owner: t0\n',
    `  source: d${n - 1}@1\n  entities: [{name: e, joinKeys: [id]}]\n  features:\n${features.join('')}`,
  );
  files['models/m.yaml'] = modelText();
  files['models/v1.yaml'] = doc(
    'ModelVersion',
    '  name: m\n  version: "1.0.0"\n  owner: t0\n',
    `  model: m\n  stage: staging\n  artifact: {uri: "s3://m/1/", format: onnx}\n  training:\n    datasets:\n      - {ref: d${n - 1}@1, role: train}\n    features:\n${range(
      n,
    )
      .map((i) => `      - wide#f${i}\n`)
      .join('')}`,
  );
  return files;
}

function modelText() {
  return doc(
    'Model',
    '  name: m\n  title: M\n  description: Scores events.\n  owner: t0\n',
    '  task: binary-classification\n  framework: xgboost\n  license: proprietary\n  intendedUse: Scoring.\n  limitations: Recent data only.\n  riskTier: low\n',
  );
}

function versionFiles(n) {
  const files = { 'dossier.yaml': 'extends: strict\n', 'models/m.yaml': modelText() };
  files['teams/t0.yaml'] = doc('Team', '  name: t0\n  description: The team.\n', '  email: t0@example.com\n');
  files['data/d.yaml'] = doc(
    'Dataset',
    '  name: d\n  version: "1"\n  description: Data.\n  owner: t0\n',
    '  location: {uri: "s3://x/d/", format: parquet}\n  license: proprietary\n  classification: internal\n  containsPII: false\n  retention: P1Y\n',
  );
  for (const i of range(n)) {
    files[`models/v/v${i}.yaml`] = doc(
      'ModelVersion',
      `  name: m\n  version: "1.${i}.0"\n  owner: t0\n`,
      `  model: m\n  stage: archived\n  artifact: {uri: "s3://m/${i}/", format: onnx}\n  training:\n    datasets:\n      - {ref: d@1, role: train}\n`,
    );
    files[`models/e/e${i}.yaml`] = doc(
      'Evaluation',
      `  name: m-e${i}\n  owner: t0\n`,
      `  modelVersion: m@1.${i}.0\n  dataset: d@1\n  split: test\n  date: 2024-07-21\n  metrics:\n    - {name: auc, value: 0.8, higherIsBetter: true, threshold: 0.7}\n`,
    );
  }
  return files;
}

const half = Math.floor(length / 2);
const SHAPES = [
  {
    name: 'chain',
    files: chainFiles,
    edits: [
      ['a description half-way down the chain', `data/d${half}.yaml`, (text) => text.replace(`Data ${half}.`, `Data number ${half}.`)],
      ['the top of the chain non-commercial', 'data/d0.yaml', (text) => text.replace('proprietary', 'CC-BY-NC-4.0')],
      ['a feature renamed', 'features/wide.yaml', (text) => text.replace(`name: f${half},`, `name: f${half}x,`)],
    ],
  },
  {
    name: 'versions',
    files: versionFiles,
    edits: [
      ['an evaluation', `models/e/e${half}.yaml`, (text) => text.replace('value: 0.8,', 'value: 0.81,')],
      ['a version staged', `models/v/v${half}.yaml`, (text) => text.replace('stage: archived', 'stage: staging')],
    ],
  },
];

const wait = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
console.log(`\n| shape (${length}) | run | time | vs cold | peak RSS |\n| --- | --- | ---: | ---: | ---: |`);
for (const shape of SHAPES) {
  const repo = path.join(work, `shape-${shape.name}-${length}`);
  rmSync(repo, { recursive: true, force: true });
  for (const [file, text] of Object.entries(shape.files(length))) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  const originals = new Map(shape.edits.map(([, file]) => [file, readFileSync(path.join(repo, file), 'utf8')]));
  const apply = (file, change) => writeFileSync(path.join(repo, file), change(originals.get(file)));
  const restore = () => originals.forEach((text, file) => writeFileSync(path.join(repo, file), text));
  const row = (run, figure, cold) =>
    console.log(
      `| ${shape.name} | ${run} | ${figure.seconds.toFixed(2)} s | ${(figure.seconds / cold.seconds).toFixed(2)}x | ${figure.megabytes.toFixed(0)} MB |`,
    );
  // Files written just before a run are read again by it (their stamps could hide an edit): they age first.
  wait();
  // As a developer lints: outside CI a first lint starts a cache.
  const lint = (extra = []) => timed(['lint', '--format', 'json', '--output', path.join(repo, '.lint.json'), ...extra], repo, { CI: '' });
  const coldLint = lint(['--no-cache']);
  row('`dossier lint --no-cache`', coldLint, coldLint);
  lint();
  for (const [label, file, change] of shape.edits) {
    apply(file, change);
    row(`lint after ${label}`, lint(), coldLint);
    restore();
    lint();
  }
  const out = path.join(repo, '.site');
  const build = (env) => timed(['build', '--out', out], repo, env);
  rmSync(path.join(repo, '.dossier'), { recursive: true, force: true });
  const coldBuild = build();
  row('`dossier build`, cold, in CI', coldBuild, coldBuild);
  build({ CI: '' });
  for (const [label, file, change] of shape.edits) {
    apply(file, change);
    row(`rebuild after ${label}`, build({ CI: '' }), coldBuild);
    restore();
    build({ CI: '' });
  }
}
