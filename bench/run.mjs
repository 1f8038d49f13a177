#!/usr/bin/env node
// `npm run bench`: lint and compile time and peak memory for 1k, 10k, 30k and 100k entities, each next to
// the floor (glob + read + parse the same files) measured in the same run, and the warm paths: the
// lint cache (warm, one file changed) and the incremental site. Writes bench/RESULTS.md; run with
// some sizes, it replaces their rows and keeps the others'.
//
// Usage: node bench/run.mjs [sizes...]   e.g. node bench/run.mjs 1000 10000

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFigures } from './cache.mjs';
import { siteFigures } from './site-incremental.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, 'bench', '.work');
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(1000, 10000, 30000, 100000);
const TIME = '/usr/bin/time';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-'));

function measure(command, args) {
  const run = spawnSync(TIME, ['-f', '%e %M', command, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  const last = run.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kilobytes] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  return { seconds, megabytes: kilobytes / 1024, status: run.status };
}

function median(runs) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function repeat(times, command, args) {
  return median(Array.from({ length: times }, () => measure(command, args)));
}

/** Runs each command `times` times, interleaved so that machine noise hits all of them alike. */
function interleaved(times, commands) {
  const runs = commands.map(() => []);
  for (let i = 0; i < times; i++) commands.forEach(([command, args], j) => runs[j].push(measure(command, args)));
  return runs.map(median);
}

/**
 * Makes the generated repository a git repository with two revisions: `main`, and `head` where
 * one model in a hundred changed (a description, a threshold, a removed feature).
 */
function prepareRevisions(dir) {
  const git = (...args) => {
    const run = spawnSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
    });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  };
  // The benchmarks after this one measure the working tree as generated: it is left on main.
  if (existsSync(path.join(dir, '.git'))) {
    git('checkout', '-q', 'main');
    return;
  }
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'head');
  const models = readdirSync(path.join(dir, 'models'));
  for (const model of models.filter((_, i) => i % 100 === 0)) {
    const file = path.join(dir, 'models', model, 'model.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('description: Scores events', 'description: Scores all events'));
    const features = path.join(dir, 'features', `features-${model.slice('model-'.length)}.yaml`);
    writeFileSync(features, readFileSync(features, 'utf8').replace(/ {4}- \{name: distinct_7d.*\n/, ''));
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  git('checkout', '-q', 'main');
}

function ajvCli() {
  const local = path.join(root, 'node_modules', '.bin', 'ajv');
  return existsSync(local) ? local : undefined;
}

const rows = [];
for (const size of sizes) {
  const dir = path.join(work, String(size));
  if (!existsSync(path.join(dir, 'dossier.yaml')))
    spawnSync(process.execPath, ['bench/generate.mjs', String(size), dir], { cwd: root, stdio: 'inherit' });
  const times = size >= 100000 ? 1 : 5;
  const commands = [
    [process.execPath, ['bench/floor.mjs', dir]],
    [
      process.execPath,
      [
        'build/dossier.js',
        'lint',
        dir,
        '--no-cache',
        '--config',
        path.join(dir, 'dossier-core.yaml'),
        '--format',
        'json',
        '--output',
        path.join(scratch, 'lint.json'),
      ],
    ],
    [
      process.execPath,
      ['build/dossier.js', 'lint', dir, '--no-cache', '--format', 'json', '--output', path.join(scratch, 'lint-strict.json')],
    ],
    [process.execPath, ['build/dossier.js', 'compile', dir, '--out', path.join(scratch, 'catalog.json')]],
  ];
  const ajv = ajvCli();
  const withAjv = ajv !== undefined && size <= 10000;
  if (withAjv) {
    commands.push([
      ajv,
      [
        'validate',
        '--spec=draft2020',
        '--strict=false',
        '--all-errors',
        '-c',
        'ajv-formats',
        '-s',
        'schemas/entity.schema.json',
        '-r',
        'schemas/common.schema.json',
        '-r',
        'schemas/model.schema.json',
        '-r',
        'schemas/model-version.schema.json',
        '-r',
        'schemas/dataset.schema.json',
        '-r',
        'schemas/feature-view.schema.json',
        '-r',
        'schemas/evaluation.schema.json',
        '-r',
        'schemas/runtime-config.schema.json',
        '-r',
        'schemas/deployment.schema.json',
        '-r',
        'schemas/team.schema.json',
        '-r',
        'schemas/term.schema.json',
        '-d',
        `${dir}/{models,datasets,features,teams,glossary}/**/*.yaml`,
      ],
    ]);
  }
  const [floor, lint, strict, compile, ajvRun] = interleaved(times, commands);
  const row = { size, floor, lint, strict, compile, ajv: withAjv ? ajvRun : undefined };
  if (size <= 10000) {
    prepareRevisions(dir);
    const diffArgs = [
      'build/dossier.js',
      'diff',
      '--base',
      'main',
      '--head',
      'head',
      '--config',
      path.join(dir, 'dossier.yaml'),
      '--format',
      'json',
      '--out',
      path.join(scratch, 'diff.json'),
      '--fail-on',
      'never',
    ];
    row.diff = repeat(times, process.execPath, diffArgs);
  }
  // The warm paths: the lint cache against the read floor, and the incremental site against a cold build.
  row.cache = cacheFigures(size, times === 1 ? 1 : 3);
  row.site = siteFigures(size, times === 1 ? 1 : 3);
  rows.push(row);
  const ratio = (m) => `${(m.seconds / floor.seconds).toFixed(2)}x`;
  if (row.diff)
    console.log(
      `${size} entities: diff of two revisions ${row.diff.seconds}s (${(row.diff.seconds / compile.seconds).toFixed(2)}x compile)`,
    );
  console.log(
    `${size} entities: floor ${floor.seconds}s ${floor.megabytes.toFixed(0)} MB | lint ${lint.seconds}s (${ratio(lint)}) ${lint.megabytes.toFixed(0)} MB | strict ${strict.seconds}s (${(strict.seconds / lint.seconds).toFixed(2)}x lint) | compile ${compile.seconds}s (${ratio(compile)}) ${compile.megabytes.toFixed(0)} MB${row.ajv ? ` | ajv-cli ${row.ajv.seconds}s` : ''}`,
  );
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = rows
  .flatMap(({ size, floor, lint, strict, compile, ajv, diff, cache, site }) => [
    `| ${size.toLocaleString('en')} | floor: glob + read + parse | ${floor.seconds.toFixed(2)} s | 1.00x | ${floor.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier lint\` (extends: core — files, schemas, references) | ${lint.seconds.toFixed(2)} s | ${(lint.seconds / floor.seconds).toFixed(2)}x | ${lint.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier lint\` (extends: strict — every rule; ${(strict.seconds / lint.seconds).toFixed(2)}x core) | ${strict.seconds.toFixed(2)} s | ${(strict.seconds / floor.seconds).toFixed(2)}x | ${strict.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier compile\` | ${compile.seconds.toFixed(2)} s | ${(compile.seconds / floor.seconds).toFixed(2)}x | ${compile.megabytes.toFixed(0)} MB |`,
    ...(diff
      ? [
          `| ${size.toLocaleString('en')} | \`dossier diff\` of two revisions (${(diff.seconds / compile.seconds).toFixed(2)}x compile) | ${diff.seconds.toFixed(2)} s | ${(diff.seconds / floor.seconds).toFixed(2)}x | ${diff.megabytes.toFixed(0)} MB |`,
        ]
      : []),
    `| ${size.toLocaleString('en')} | \`dossier lint\`, warm, nothing changed (read floor: glob + read, no parse, ${cache.floor.seconds.toFixed(2)} s) | ${cache.warm.seconds.toFixed(2)} s | ${(cache.warm.seconds / cache.floor.seconds).toFixed(2)}x read floor | ${cache.warm.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier lint\`, warm, one file changed (${(cache.change.seconds / cache.warm.seconds).toFixed(2)}x unchanged) | ${cache.change.seconds.toFixed(2)} s | ${(cache.change.seconds / cache.floor.seconds).toFixed(2)}x read floor | ${cache.change.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier lint\`, first change after a first lint (links whole, keeps the link; once) | ${cache.first.seconds.toFixed(2)} s | ${(cache.first.seconds / cache.floor.seconds).toFixed(2)}x read floor | ${cache.first.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier build\`, cold | ${site.cold.seconds.toFixed(2)} s | ${(site.cold.seconds / floor.seconds).toFixed(2)}x | ${site.cold.megabytes.toFixed(0)} MB |`,
    `| ${size.toLocaleString('en')} | \`dossier build\`, one file changed (${(site.change.seconds / site.cold.seconds).toFixed(2)}x cold; nothing changed ${(site.unchanged.seconds / site.cold.seconds).toFixed(2)}x; the first rebuild after a first build outside CI ${(site.first.seconds / site.cold.seconds).toFixed(2)}x, that first build ${(site.coldLocal.seconds / site.cold.seconds).toFixed(2)}x) | ${site.change.seconds.toFixed(2)} s | ${(site.change.seconds / floor.seconds).toFixed(2)}x | ${site.change.megabytes.toFixed(0)} MB |`,
    ...(ajv
      ? [
          `| ${size.toLocaleString('en')} | ajv-cli (schema validation only) | ${ajv.seconds.toFixed(2)} s | ${(ajv.seconds / floor.seconds).toFixed(2)}x | ${ajv.megabytes.toFixed(0)} MB |`,
        ]
      : []),
  ])
  .join('\n');

const previous = existsSync(path.join(root, 'bench', 'RESULTS.md')) ? readFileSync(path.join(root, 'bench', 'RESULTS.md'), 'utf8') : '';
/** The table's rows of the sizes measured here, and the previous table's rows of the others, by size. */
const sizeOfRow = (line) => Number(/^\| ([\d,]+) \|/.exec(line)?.[1]?.replaceAll(',', '') ?? Number.NaN);
const keptRows = previous
  .slice(0, Math.max(0, previous.indexOf('<!-- notes -->')))
  .split('\n')
  .filter((line) => Number.isFinite(sizeOfRow(line)) && !sizes.includes(sizeOfRow(line)));
const allRows = [...keptRows, ...table.split('\n')]
  .map((line, index) => ({ line, index }))
  .sort((a, b) => sizeOfRow(a.line) - sizeOfRow(b.line) || a.index - b.index)
  .map(({ line }) => line)
  .join('\n');
const notes = previous.includes('<!-- notes -->') ? previous.slice(previous.indexOf('<!-- notes -->')) : '<!-- notes -->\n';
writeFileSync(
  path.join(root, 'bench', 'RESULTS.md'),
  `# Benchmark results

Measured by \`npm run bench\` on ${os.cpus().length} × ${cpu}, Node ${process.version}.
Synthetic repositories from \`bench/generate.mjs\` (one entity per file, all nine kinds, every model
version with training data, features, evaluations and deployments). Wall time and peak RSS per
process (\`/usr/bin/time\`), median of 5 interleaved runs (1 run at 100k).

| entities | what | wall time | vs floor | peak RSS |
| ---: | --- | ---: | ---: | ---: |
${allRows}

Targets: lint of 10k entities within 1.5x the floor; 100k entities under 1 GB peak RSS; all rules
on within 1.2x of lint without governance rules; a diff of two 10k revisions within 2.5x one compile;
warm lint within 1.2x and after a one-file change within 1.3x the read floor (\`bench/cache.mjs\`); a
site rebuild after a one-file change within 0.25x the cold build (\`bench/site-incremental.mjs\`);
100k cold within 12x of 10k.

${notes}`,
);
console.log('Wrote bench/RESULTS.md');
