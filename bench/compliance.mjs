#!/usr/bin/env node
// Compliance benchmark: `dossier compliance nist-ai-rmf` (every model with a version in production:
// one per model family of bench/generate.mjs) over a generated repository committed to git, against
// one `dossier compile` of it. The report walks the history once for all models.
//
// Usage: node bench/compliance.mjs [entities]   (default 10000)

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generated, timed, work } from './measure.mjs';

const entities = Number(process.argv[2] ?? '10000');
const repo = generated(entities, `compliance-${entities}`);
if (!existsSync(path.join(repo, '.git'))) {
  const git = (...args) =>
    spawnSync('git', args, {
      cwd: repo,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Bench',
        GIT_AUTHOR_EMAIL: 'b@example.com',
        GIT_COMMITTER_NAME: 'Bench',
        GIT_COMMITTER_EMAIL: 'b@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'Generated metadata');
}

const out = path.join(work, `compliance-${entities}.json`);
const compile = timed(['compile', '--out', path.join(work, `compliance-${entities}-catalog.json`)], repo);
const report = timed(['compliance', 'nist-ai-rmf', '--format', 'json', '--out', out], repo);
const models = JSON.parse(readFileSync(out, 'utf8')).length;
const row = (name, run, base) =>
  `| ${name} | ${run.seconds.toFixed(2)} s | ${Math.round(run.megabytes)} MB | ${base === undefined ? '' : `${(run.seconds / base.seconds).toFixed(2)}x`} |`;
console.log(`\n${entities} entities, ${models} models in the report\n`);
console.log('| run | time | peak memory | ratio |\n| --- | --- | --- | --- |');
console.log(row('dossier compile', compile));
console.log(row(`dossier compliance nist-ai-rmf (${models} models)`, report, compile));
