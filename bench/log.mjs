#!/usr/bin/env node
// History benchmark: `dossier log` over a scripted history (bench/history.mjs) of a generated
// repository, against one `dossier compile` of it; and the site with its Timelines, changes and
// audit pages against the site as it was built before them (`--timeline-commits 0`).
//
// Usage: node bench/log.mjs [entities] [commits]   (default 1000 x 100; the issue's goal is 10000 x 1000)

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generated, root, timed, work } from './measure.mjs';

const [entitiesArg = '1000', commitsArg = '100'] = process.argv.slice(2);
const entities = Number(entitiesArg);
const commits = Number(commitsArg);

const repo = generated(entities, `history-${entities}-${commits}`);
if (!existsSync(path.join(repo, '.git')))
  spawnSync(process.execPath, ['bench/history.mjs', repo, String(commits)], { cwd: root, stdio: 'inherit' });

const compile = timed(['compile', '--out', path.join(work, 'log-catalog.json')], repo);
const log = timed(['log', '--format', 'json', '--out', path.join(work, 'log.json')], repo);
// Cold builds: an earlier site in the output folder would be reused page by page.
const cold = (args, out) => {
  rmSync(out, { recursive: true, force: true });
  return timed([...args, '--out', out], repo);
};
const plain = cold(['build', '--timeline-commits', '0'], path.join(work, 'plain-site'));
const site = cold(['build'], path.join(work, 'log-site'));
const row = (name, run, base) =>
  `| ${name} | ${run.seconds.toFixed(2)} s | ${Math.round(run.megabytes)} MB | ${base === undefined ? '' : `${(run.seconds / base.seconds).toFixed(2)}x`} |`;
console.log(`\n${entities} entities, ${commits} commits of history\n`);
console.log('| run | time | peak memory | ratio |\n| --- | --- | --- | --- |');
console.log(row('dossier compile', compile));
console.log(row(`dossier log (${commits} commits)`, log, compile));
console.log(row('site without semantic history', plain));
console.log(row('site with Timelines, changes and audits', site, plain));
