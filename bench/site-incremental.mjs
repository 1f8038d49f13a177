#!/usr/bin/env node
// Incremental site benchmark: `dossier build` cold (empty output folder), rebuilt with nothing
// changed, and rebuilt after a one-file change, on a copy of a generated repository (no git history:
// the pages alone). Interleaved runs; the median of each. `npm run bench` reports it too.
//
// Usage: node bench/site-incremental.mjs [entities] [runs]   (default 10000 x 3; goal: one change within 0.25x cold)

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generated, medians, printFigures, timed, work } from './measure.mjs';

/** Medians of a cold build, an unchanged rebuild and a rebuild after a one-file change, at `entities`. */
export function siteFigures(entities, runs) {
  const copy = path.join(work, `site-incremental-${entities}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(generated(entities), copy, { recursive: true });
  const out = path.join(work, `site-incremental-${entities}-out`);
  const edited = path.join(copy, 'models', 'model-0', 'v2.yaml');
  const original = readFileSync(edited, 'utf8');
  const build = () => timed(['build', '--out', out], copy);
  const samples = { cold: [], unchanged: [], change: [] };
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    samples.cold.push(build());
    samples.unchanged.push(build());
    writeFileSync(edited, i % 2 === 0 ? original.replace('n_estimators: 200', 'n_estimators: 201') : original);
    samples.change.push(build());
  }
  writeFileSync(edited, original);
  rmSync(out, { recursive: true, force: true });
  return medians(samples);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entities = Number(process.argv[2] ?? '10000');
  const runs = Number(process.argv[3] ?? '3');
  const figures = siteFigures(entities, runs);
  printFigures(
    `${entities} entities, median of ${runs}`,
    figures,
    [
      ['cold', '`dossier build`, cold'],
      ['unchanged', 'rebuilt, nothing changed'],
      ['change', 'rebuilt after a one-file change'],
    ],
    'cold',
    'cold',
  );
}
