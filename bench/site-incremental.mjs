#!/usr/bin/env node
// Incremental site benchmark: `dossier build` cold (no output folder, no cache) as in CI, and as on a
// developer's machine (outside CI a first build keeps what rebuilds go on from), the first rebuild
// after the latter with a one-file edit, rebuilt with nothing changed, and
// rebuilt after each edit of a mix (a description, a tag, an owner, a hyperparameter, an added and a
// removed entity, a problem made), one file each, on a copy of a generated repository. Interleaved runs; the median of
// each. `npm run bench` reports it too.
//
// Usage: node bench/site-incremental.mjs [entities] [runs]
// Goal (issue 28): each edit within 0.25x cold, the first rebuild within 0.5x.

import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generated, medians, printFigures, timed, work } from './measure.mjs';

/** An evaluation the mix adds and then removes. */
const ADDED = `apiVersion: dossier/v1
kind: Evaluation
metadata:
  name: model-1-v2-bench-eval
  owner: team-1
spec:
  modelVersion: model-1@2.0.0
  dataset: data-1@2024-05
  split: test
  date: 2024-08-01
  metrics:
    - {name: auc, value: 0.81, higherIsBetter: true, threshold: 0.7}
`;

/**
 * The edits of the mix, each of one file, made in this order and undone together at the end of a run.
 * `file` is relative to the repository; `change` maps its text (undefined: absent) to the new one.
 */
const MIX = [
  ['description', 'datasets/data-0/2024-06.yaml', (text) => text.replace('snapshot 2024-06.', 'snapshot 2024-06, edited again.')],
  ['tag', 'models/model-0/model.yaml', (text) => text.replace('tags: [family-0]', 'tags: [family-0, benchmarked]')],
  ['owner', 'models/model-3/eval-v1.yaml', (text) => text.replace(/owner: team-\d+/, 'owner: team-2')],
  ['hyperparameter', 'models/model-0/v2.yaml', (text) => text.replace('n_estimators: 200', 'n_estimators: 201')],
  ['added', 'models/model-1/eval-bench.yaml', () => ADDED],
  ['removed', 'models/model-1/eval-bench.yaml', () => undefined],
  // A placeholder description is a warning: the site's problem count changes.
  ['problem', 'features/features-2.yaml', (text) => text.replace('description: Aggregates for model family 2.', 'description: TBD')],
];
const EDIT_LABELS = {
  description: 'a description',
  tag: 'a tag',
  owner: 'an owner',
  hyperparameter: 'a hyperparameter',
  added: 'an entity added',
  removed: 'an entity removed',
  problem: 'a problem made (a placeholder description)',
};
const FIRST = ['datasets/data-0/2024-06.yaml', (text) => text.replace('snapshot 2024-06.', 'snapshot 2024-06, edited.')];

const readIfAny = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** Medians of a cold build, its first rebuild, an unchanged rebuild and a rebuild after each edit of the mix, at `entities`. */
export function siteFigures(entities, runs) {
  const copy = path.join(work, `site-incremental-${entities}`);
  rmSync(copy, { recursive: true, force: true });
  cpSync(generated(entities), copy, { recursive: true });
  const out = path.join(work, `site-incremental-${entities}-out`);
  const touched = [...new Set([FIRST[0], ...MIX.map(([, file]) => file)])].map((file) => path.join(copy, file));
  const originals = new Map(touched.map((file) => [file, readIfAny(file)]));
  const apply = (file, change) => {
    const full = path.join(copy, file);
    const text = change(readIfAny(full));
    if (text === undefined) rmSync(full, { force: true });
    else writeFileSync(full, text);
  };
  const restore = () => {
    for (const [file, text] of originals) {
      if (text === undefined) rmSync(file, { force: true });
      else writeFileSync(file, text);
    }
  };
  // Outside CI (CI empty), as a developer builds and rebuilds; the cold build is measured as in CI too.
  const build = () => timed(['build', '--out', out], copy, { CI: '' });
  const buildInCi = () => timed(['build', '--out', out], copy);
  const samples = { cold: [], coldLocal: [], first: [], unchanged: [], ...Object.fromEntries(MIX.map(([name]) => [name, []])) };
  try {
    for (let i = 0; i < runs; i++) {
      restore();
      // Cold: no site and no cache (a fresh clone in CI), then the same outside CI.
      for (const [sample, run] of [
        [samples.cold, buildInCi],
        [samples.coldLocal, build],
      ]) {
        rmSync(out, { recursive: true, force: true });
        rmSync(path.join(copy, '.dossier'), { recursive: true, force: true });
        sample.push(run());
      }
      // The first rebuild goes on from what the first build kept.
      apply(...FIRST);
      samples.first.push(build());
      samples.unchanged.push(build());
      for (const [name, file, change] of MIX) {
        apply(file, change);
        samples[name].push(build());
      }
    }
  } finally {
    restore();
    rmSync(out, { recursive: true, force: true });
  }
  const figures = medians(samples);
  // `npm run bench` reports one change: the hyperparameter, as this benchmark made it before the mix.
  return { ...figures, change: figures.hyperparameter };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entities = Number(process.argv[2] ?? '10000');
  const runs = Number(process.argv[3] ?? '3');
  const figures = siteFigures(entities, runs);
  printFigures(
    `${entities} entities, median of ${runs}`,
    figures,
    [
      ['cold', '`dossier build`, cold (no site, no cache), in CI'],
      ['coldLocal', '`dossier build`, cold, outside CI (keeps what rebuilds go on from)'],
      ['first', 'first rebuild after it, a description edited'],
      ['unchanged', 'rebuilt, nothing changed'],
      ...MIX.map(([name]) => [name, `rebuilt after one edit: ${EDIT_LABELS[name]}`]),
    ],
    'cold',
    'cold',
  );
}
