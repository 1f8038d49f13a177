// What the benchmarks share: timing a `dossier` run (wall time and peak memory, by /usr/bin/time)
// and the generated repositories they run on, made once under bench/.work/.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const work = path.join(root, 'bench', '.work');

/** The run of median time among `runs`. */
export const median = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];

/** The median run of each named list of runs. */
export const medians = (samples) => Object.fromEntries(Object.entries(samples).map(([name, runs]) => [name, median(runs)]));

/** Runs `dossier <args>` in `cwd`: seconds and peak megabytes. */
export function timed(args, cwd, env = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(root, 'build/dossier.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: '1', NO_COLOR: '1', ...env },
  });
  const [seconds, kilobytes] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`dossier ${args.join(' ')} failed:\n${run.stderr}`);
  return { seconds, megabytes: kilobytes / 1024 };
}

/** A generated repository of `size` entities (bench/generate.mjs) in `folder` under bench/.work/. */
export function generated(size, folder = String(size)) {
  const repo = path.join(work, folder);
  if (!existsSync(path.join(repo, 'dossier.yaml')))
    spawnSync(process.execPath, ['bench/generate.mjs', String(size), repo], { cwd: root, stdio: 'inherit' });
  return repo;
}

/**
 * Prints figures (name -> run) as a table, each with its ratio to the `base` figure.
 * @param rows [name, label] in table order
 */
export function printFigures(heading, figures, rows, base, baseLabel) {
  console.log(`\n${heading}\n`);
  console.log(`| run | time | vs ${baseLabel} | peak RSS |\n| --- | ---: | ---: | ---: |`);
  for (const [name, label] of rows) {
    const m = figures[name];
    console.log(
      `| ${label} | ${m.seconds.toFixed(2)} s | ${(m.seconds / figures[base].seconds).toFixed(2)}x | ${Math.round(m.megabytes)} MB |`,
    );
  }
}
