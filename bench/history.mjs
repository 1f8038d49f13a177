#!/usr/bin/env node
// Gives a generated repository (bench/generate.mjs) a git history of N scripted commits, each a
// change a platform makes every day: a promotion or demotion, a metric update, a new model version,
// a feature removed or restored, a file moved. Deterministic: the same input gives the same history.
//
// Usage: node bench/history.mjs <generated-repository> <commits>

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dirArg, countArg] = process.argv.slice(2);
if (!dirArg || !countArg) {
  console.error('Usage: node bench/history.mjs <generated-repository> <commits>');
  process.exit(2);
}
const dir = path.resolve(dirArg);
const commits = Number(countArg);
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (...args) =>
  execFileSync('git', args, { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, stdio: 'ignore' });
let date = '2024-01-01T00:00:00Z';

const models = readdirSync(path.join(dir, 'models')).filter((name) => name.startsWith('model-')).length;
const file = (...parts) => path.join(dir, ...parts);
const edit = (full, change) => writeFileSync(full, change(readFileSync(full, 'utf8')));

/** The scripted changes, taken in turn; `k` picks the model family. */
const CHANGES = [
  function promoteOrDemote(k) {
    edit(file('models', `model-${k}`, 'v2.yaml'), (text) =>
      text.includes('stage: staging')
        ? text.replace('stage: staging', 'stage: production')
        : text.replace('stage: production', 'stage: staging'),
    );
    return `Promote or demote model-${k} 2.0.0`;
  },
  function updateMetric(k, i) {
    const evaluation =
      [1, 2, 3].map((v) => file('models', `model-${k}`, `eval-v${v}.yaml`)).find(existsSync) ??
      file('models', `model-${k}`, 'evals', 'eval-v1.yaml');
    edit(evaluation, (text) => text.replace(/value: 0\.\d+/, `value: 0.${600 + (i % 300)}`));
    return `Update a metric of model-${k}`;
  },
  function addVersion(k, i) {
    const v3 = readFileSync(file('models', `model-${k}`, 'v3.yaml'), 'utf8');
    const version = `3.${i}.0`;
    writeFileSync(
      file('models', `model-${k}`, `v${version}.yaml`),
      v3.replace(/version: "3\.0\.0"/, `version: "${version}"`).replace(/stage: \w+/, 'stage: development'),
    );
    return `Train model-${k} ${version}`;
  },
  function removeOrRestoreFeature(k) {
    edit(file('features', `features-${k}.yaml`), (text) =>
      text.includes('    - {name: distinct_7d')
        ? text.replace(/^ {4}- \{name: distinct_7d.*\n/m, '')
        : text.replace(
            /^( {4}- \{name: count_24h.*\n)/m,
            '$1    - {name: distinct_7d, type: int64, description: Distinct counterparts in 7 days.}\n',
          ),
    );
    return `Remove or restore a feature of features-${k}`;
  },
  function moveFile(k) {
    const from = file('models', `model-${k}`, 'eval-v1.yaml');
    const to = file('models', `model-${k}`, 'evals', 'eval-v1.yaml');
    if (existsSync(from)) {
      mkdirSync(path.dirname(to), { recursive: true });
      renameSync(from, to);
    } else if (existsSync(to)) renameSync(to, from);
    return `Move an evaluation of model-${k}`;
  },
];

if (!existsSync(file('.git'))) {
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Generated repository');
}
for (let i = 0; i < commits; i++) {
  date = new Date(Date.UTC(2024, 0, 2) + i * 3_600_000).toISOString();
  const change = CHANGES[i % CHANGES.length];
  const message = change((i * 7919) % models, i);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
}
console.log(`${dir}: ${commits} commits of history over ${models} model families.`);
