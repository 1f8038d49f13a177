#!/usr/bin/env node
// Cache benchmark: `dossier lint` cold (--no-cache), warm on an unchanged repository, after a
// one-file change (going on from the last link) and the first change after a first lint (once),
// against the read floor (glob + read of the same files, no parse). Interleaved runs on a copy of a
// generated repository; the median of each. `npm run bench` reports it too.
//
// Usage: node bench/cache.mjs [entities] [runs]   (default 10000 x 5; goals: warm 1.2x, one change 1.3x the read floor)

import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generated, medians, printFigures, root, timed, work } from './measure.mjs';

function floor(copy) {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'bench/floor.mjs'), copy, '--read-only'], {
    encoding: 'utf8',
  });
  const [seconds, kilobytes] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds: seconds || Number(process.hrtime.bigint() - start) / 1e9, megabytes: kilobytes / 1024 };
}

/** Medians of the read floor and of lint cold, warm and after a one-file change, at `entities`. */
export function cacheFigures(entities, runs) {
  const copy = path.join(work, `cache-${entities}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(generated(entities), copy, { recursive: true });
  const edited = path.join(copy, 'models', 'model-0', 'v2.yaml');
  const original = readFileSync(edited, 'utf8');
  const lint = (extra) => ['lint', '--format', 'json', '--output', path.join(work, 'cache-lint.json'), ...extra];
  const samples = { floor: [], cold: [], warm: [], change: [], first: [] };
  // Files written in the 2 s before a run are read again by the next (their stamps could hide an
  // edit): the copy is left to age first, as a checkout would have.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
  timed(lint([]), copy); // fills the cache (analyses and result; a first lint keeps no link)
  // The first lint after a change links whole and keeps its link, once: measured on its own.
  writeFileSync(edited, original.replace('n_estimators: 200', 'n_estimators: 199'));
  samples.first.push(timed(lint([]), copy));
  for (let i = 0; i < runs; i++) {
    samples.floor.push(floor(copy));
    samples.cold.push(timed(lint(['--no-cache']), copy));
    samples.warm.push(timed(lint([]), copy));
    writeFileSync(edited, i % 2 === 0 ? original.replace('n_estimators: 200', 'n_estimators: 201') : original);
    samples.change.push(timed(lint([]), copy));
  }
  writeFileSync(edited, original);
  return medians(samples);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entities = Number(process.argv[2] ?? '10000');
  const runs = Number(process.argv[3] ?? '5');
  const figures = cacheFigures(entities, runs);
  printFigures(
    `${entities} entities, median of ${runs}`,
    figures,
    [
      ['floor', 'read floor: glob + read, no parse'],
      ['cold', '`dossier lint --no-cache`'],
      ['warm', '`dossier lint`, warm, nothing changed'],
      ['change', '`dossier lint`, warm, one file changed'],
      ['first', '`dossier lint`, the first change after a first lint (links whole, keeps the link)'],
    ],
    'floor',
    'read floor',
  );
}
