#!/usr/bin/env node
// Cache benchmark: `dossier lint` cold (--no-cache), warm on an unchanged repository, after a
// one-file change (going on from the last link) and the first change after a first lint (once),
// against the read floor (glob + read of the same files, no parse). Interleaved runs on a copy of a
// generated repository; the median of each. `npm run bench` reports it too.
//
// Usage: node bench/cache.mjs [entities] [runs]   (default 10000 x 5; goals: warm 1.2x, one change 1.3x the read floor,
// for each edit of the mix: a description, a tag, an owner, a hyperparameter, an added and a removed file)

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

/**
 * The edits a warm lint is measured after, each one file: what people change most. Each is applied,
 * linted (measured) and taken back (linted, not measured), so every run starts from the same state.
 */
function editsOf(copy) {
  const file = (...parts) => path.join(copy, 'models', 'model-0', ...parts);
  const replace = (name, from, to) => {
    const original = readFileSync(file(name), 'utf8');
    if (!original.includes(from)) throw new Error(`bench edit: ${name} has no ${from}`);
    return { apply: () => writeFileSync(file(name), original.replace(from, to)), undo: () => writeFileSync(file(name), original) };
  };
  const added = file('v4.yaml');
  const removed = file('eval-v1.yaml');
  const removedText = readFileSync(removed, 'utf8');
  return {
    description: replace('model.yaml', 'description: Scores events for family 0.', 'description: Scores all events for family 0.'),
    tag: replace('model.yaml', 'tags: [family-0]', 'tags: [family-0, bench]'),
    owner: replace('v2.yaml', 'owner: team-0', 'owner: team-1'),
    hyperparameter: replace('v2.yaml', 'n_estimators: 200', 'n_estimators: 201'),
    added: {
      apply: () =>
        writeFileSync(
          added,
          readFileSync(file('v2.yaml'), 'utf8')
            .replace('version: "2.0.0"', 'version: "4.0.0"')
            .replace('stage: staging', 'stage: development'),
        ),
      undo: () => rmSync(added),
    },
    removed: { apply: () => rmSync(removed), undo: () => writeFileSync(removed, removedText) },
  };
}

/** As a developer lints (outside CI a first lint starts a cache; in CI it starts none). */
const LOCAL = { CI: '' };

export const EDITS = ['description', 'tag', 'owner', 'hyperparameter', 'added', 'removed'];

/**
 * Medians of the read floor and of lint cold, warm, and after each one-file edit of the mix (`change`:
 * the median over all of them), at `entities`.
 */
export function cacheFigures(entities, runs) {
  const copy = path.join(work, `cache-${entities}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(generated(entities), copy, { recursive: true });
  const edits = editsOf(copy);
  const lint = (extra) => ['lint', '--format', 'json', '--output', path.join(work, 'cache-lint.json'), ...extra];
  const samples = {
    floor: [],
    cold: [],
    warm: [],
    change: [],
    first: [],
    ...Object.fromEntries(EDITS.map((name) => [`edit-${name}`, []])),
  };
  // Files written in the 2 s before a run are read again by the next (their stamps could hide an
  // edit): the copy is left to age first, as a checkout would have.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
  timed(lint([]), copy, LOCAL); // fills the cache (analyses and result; a first lint keeps no link)
  // The first lint after a change links whole and keeps its link, once: measured on its own.
  edits.hyperparameter.apply();
  samples.first.push(timed(lint([]), copy, LOCAL));
  edits.hyperparameter.undo();
  timed(lint([]), copy, LOCAL);
  for (let i = 0; i < runs; i++) {
    samples.floor.push(floor(copy));
    samples.cold.push(timed(lint(['--no-cache']), copy));
    samples.warm.push(timed(lint([]), copy, LOCAL));
    for (const name of EDITS) {
      edits[name].apply();
      const run = timed(lint([]), copy, LOCAL);
      samples[`edit-${name}`].push(run);
      samples.change.push(run);
      edits[name].undo();
      timed(lint([]), copy, LOCAL);
    }
  }
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
      ['change', '`dossier lint`, warm, one file changed (median over the edits below)'],
      ...EDITS.map((name) => [`edit-${name}`, `\u00a0\u00a0one file changed: ${name}`]),
      ['first', '`dossier lint`, the first change after a first lint (links whole, keeps the link)'],
    ],
    'floor',
    'read floor',
  );
}
