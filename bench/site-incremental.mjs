#!/usr/bin/env node
// Incremental site benchmark: `dossier build` cold (no output folder, no cache), its first rebuild
// (which keeps what later ones take over), rebuilt with nothing changed, and rebuilt after a one-file
// change, on a copy of a generated repository. Interleaved runs; the median of each. `npm run bench`
// reports it too.
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
  const samples = { cold: [], first: [], unchanged: [], change: [] };
  for (let i = 0; i < runs; i++) {
    // Cold: no site and no cache (a fresh clone in CI).
    rmSync(out, { recursive: true, force: true });
    rmSync(path.join(copy, '.dossier'), { recursive: true, force: true });
    samples.cold.push(build());
    // The first rebuild keeps what the next ones take over (what each page read, the history, the analyses).
    samples.first.push(build());
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
      ['cold', '`dossier build`, cold (no site, no cache)'],
      ['first', 'first rebuild (keeps what later ones take over)'],
      ['unchanged', 'rebuilt, nothing changed'],
      ['change', 'rebuilt after a one-file change'],
    ],
    'cold',
    'cold',
  );
}
