#!/usr/bin/env node
// Builds examples/ml-platform as a git repository with a short, scripted history, so that
// `dossier log`, `dossier audit` and the site's timelines have something to show:
//
//   node examples/history.mjs /tmp/ml-history
//   cd /tmp/ml-history && npx dossier audit model:fraud-detector
//
// The fraud detector's story: version 1.0.0 is trained, evaluated, promoted to staging and then to
// production, and its approval is recorded two days after that promotion; 2.0.0 is trained,
// shadowed in staging, approved and takes over production traffic; 2.1.0 goes into a staging
// shadow. The last commit leaves the repository exactly as examples/ml-platform is.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ml-platform');
const MODEL = 'models/fraud-detector';
const ENGINEER = { name: 'Priya Raman', email: 'priya@example.com' };
const REVIEWER = { name: 'Tom Keller', email: 'tom@example.com' };

const target = process.argv[2];
if (target === undefined) {
  console.error('Usage: node examples/history.mjs <new-folder>');
  process.exit(2);
}
const dir = path.resolve(target);
if (existsSync(dir) && readdirSync(dir).length > 0) {
  console.error(`${dir} is not empty; choose a new folder.`);
  process.exit(2);
}

/** The documents of a multi-document YAML file of the example, by metadata.name (and version). */
function documents(file) {
  const text = readFileSync(path.join(EXAMPLE, file), 'utf8');
  return text.split(/^---\n/m);
}
const [v100, v200, v210] = documents(`${MODEL}/versions.yaml`);
const [eval100, eval200, eval210] = documents(`${MODEL}/evaluations.yaml`);
const [deployProd, deployStaging, deployStaging200] = documents(`${MODEL}/deployments.yaml`);
const join = (...docs) => docs.join('---\n');

// Earlier states of a document, derived from its final text.
const withoutApprovals = (doc) => doc.replace(/^ {2}approvals:\n(?: {4}- .*\n)+/m, '');
const withoutDeprecation = (doc) => doc.replace(/^ {2}lifecycle: \w+\n {2}deprecation:\n(?: {4}.*\n)+/m, '').replace(/^ {2}lifecycle: \w+\n {2}deprecation: \{.*\}\n/m, '');
const atStage = (doc, stage) => doc.replace(/^ {2}stage: \w+$/m, `  stage: ${stage}`);
const withoutAliases = (doc) => doc.replace(/^ {2}aliases: .*\n/m, '');
const deploying = (doc, version) => doc.replace(/^ {2}modelVersion: .*$/m, `  modelVersion: fraud-detector@${version}`);

const v100Fresh = withoutApprovals(withoutDeprecation(atStage(v100, 'development')));
const v200Fresh = withoutAliases(withoutApprovals(atStage(v200, 'development')));
const eval100Fresh = withoutDeprecation(eval100);
const prod100 = withoutApprovals(deploying(deployProd, '1.0.0'));
const shadow200 = withoutDeprecation(deployStaging200);

/** Each commit: date, author, message, and the fraud detector's files as they are after it. */
const STEPS = [
  { date: '2024-06-03', author: ENGINEER, message: 'Catalog the ML platform; train fraud-detector 1.0.0', files: { 'versions.yaml': v100Fresh } },
  { date: '2024-06-08', author: ENGINEER, message: 'Evaluate fraud-detector 1.0.0 on the June hold-out', files: { 'evaluations.yaml': eval100Fresh } },
  { date: '2024-06-09', author: ENGINEER, message: 'Promote fraud-detector 1.0.0 to staging', files: { 'versions.yaml': atStage(v100Fresh, 'staging') } },
  {
    date: '2024-06-10',
    author: ENGINEER,
    message: 'Promote fraud-detector 1.0.0 to production',
    files: { 'versions.yaml': atStage(v100Fresh, 'production'), 'deployments.yaml': prod100 },
  },
  {
    date: '2024-06-12',
    author: REVIEWER,
    message: 'Record the model-risk approval of 1.0.0',
    files: { 'versions.yaml': atStage(withoutDeprecation(v100), 'production') },
  },
  {
    date: '2024-07-08',
    author: ENGINEER,
    message: 'Train fraud-detector 2.0.0 on the de-duplicated June data',
    files: { 'versions.yaml': join(atStage(withoutDeprecation(v100), 'production'), v200Fresh) },
  },
  {
    date: '2024-07-12',
    author: ENGINEER,
    message: 'Evaluate 2.0.0 and shadow it in staging',
    files: {
      'versions.yaml': join(atStage(withoutDeprecation(v100), 'production'), atStage(v200Fresh, 'staging')),
      'evaluations.yaml': join(eval100Fresh, eval200),
      'deployments.yaml': join(prod100, shadow200),
    },
  },
  {
    date: '2024-07-16',
    author: REVIEWER,
    message: 'Approve fraud-detector 2.0.0; it takes over production, 1.0.0 is archived',
    files: {
      'versions.yaml': join(v100, v200),
      'evaluations.yaml': join(eval100, eval200),
      'deployments.yaml': join(deployProd, deployStaging200),
    },
  },
  {
    date: '2024-08-02',
    author: ENGINEER,
    message: 'Train fraud-detector 2.1.0 and shadow it in staging',
    files: {
      'versions.yaml': join(v100, v200, v210),
      'evaluations.yaml': join(eval100, eval200, eval210),
      'deployments.yaml': join(deployProd, deployStaging, deployStaging200),
    },
  },
];

mkdirSync(dir, { recursive: true });
const git = (args, author) =>
  execFileSync('git', args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...(author === undefined
        ? {}
        : {
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
            GIT_COMMITTER_NAME: author.name,
            GIT_COMMITTER_EMAIL: author.email,
          }),
    },
  });

git(['init', '-q', '-b', 'main']);
// The metadata only: not what builds and lint runs leave beside it (_site, catalog.json, the cache).
cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !/(^|[\\/])(_site|\.dossier|catalog\.json)$/.test(source) });
rmSync(path.join(dir, MODEL, 'versions.yaml'));
rmSync(path.join(dir, MODEL, 'evaluations.yaml'));
rmSync(path.join(dir, MODEL, 'deployments.yaml'));
for (const step of STEPS) {
  for (const [file, text] of Object.entries(step.files)) writeFileSync(path.join(dir, MODEL, file), text);
  process.env.GIT_AUTHOR_DATE = process.env.GIT_COMMITTER_DATE = `${step.date}T10:00:00Z`;
  git(['add', '-A']);
  git(['commit', '-q', '-m', step.message], step.author);
}
console.log(`${dir}: examples/ml-platform with ${STEPS.length} commits of history.`);
