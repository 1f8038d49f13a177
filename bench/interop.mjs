#!/usr/bin/env node
// Interop benchmark: `dossier export` in each format and `dossier import` of 10k entities, against one
// `dossier compile` of the same generated repository (the goal: each within 2x compile).
// The import input is 10k Croissant files (the generated datasets' exports, repeated under new names)
// plus the generated models' exported cards, imported into an empty folder.
//
// Usage: node bench/interop.mjs [entities]   (default 10000)

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generated, median, timed, work } from './measure.mjs';

const entities = Number(process.argv[2] ?? '10000');
const repo = generated(entities);
const out = path.join(work, `interop-${entities}`);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const thrice = (make) => median([make(), make(), make()]);

const compile = thrice(() => timed(['compile', '--out', path.join(out, 'catalog.json')], repo));
const exports = {
  cyclonedx: thrice(() => timed(['export', 'cyclonedx', '--out', path.join(out, 'bom.cdx.json')], repo)),
  spdx: thrice(() => timed(['export', 'spdx', '--out', path.join(out, 'bom.spdx.json')], repo)),
  'hf-model-card': thrice(() => timed(['export', 'hf-model-card', '--out', path.join(out, 'cards')], repo)),
  croissant: thrice(() => timed(['export', 'croissant', '--out', path.join(out, 'croissant')], repo)),
};

// 10k Croissant files: the exported ones, repeated under new names until there are enough.
const exported = readdirSync(path.join(out, 'croissant')).map((file) =>
  JSON.parse(readFileSync(path.join(out, 'croissant', file), 'utf8')),
);
const inputs = path.join(out, 'import-input');
mkdirSync(inputs, { recursive: true });
const files = [];
for (let i = 0; i < entities; i++) {
  const document = { ...exported[i % exported.length], name: `dataset-${i}` };
  const file = path.join(inputs, `dataset-${i}.json`);
  writeFileSync(file, JSON.stringify(document));
  files.push(file);
}
writeFileSync(path.join(inputs, 'dossier.yaml'), 'extends: core\n');
// Each run into a folder of its own: deleting 10k files just before a run would time the disk's catching up.
let runNumber = 0;
const importRun = thrice(() => timed(['import', 'croissant', ...files, '--out', path.join(out, `imported-${(runNumber += 1)}`)], inputs));

console.log(`\n${entities} entities (import: ${entities} Croissant files into an empty folder)\n`);
console.log('| run | time | peak memory | ratio to compile |\n| --- | --- | --- | --- |');
console.log(`| dossier compile | ${compile.seconds.toFixed(2)} s | ${Math.round(compile.megabytes)} MB | |`);
for (const [format, run] of Object.entries(exports))
  console.log(
    `| dossier export ${format} | ${run.seconds.toFixed(2)} s | ${Math.round(run.megabytes)} MB | ${(run.seconds / compile.seconds).toFixed(2)}x |`,
  );
console.log(
  `| dossier import croissant (${entities} files) | ${importRun.seconds.toFixed(2)} s | ${Math.round(importRun.megabytes)} MB | ${(importRun.seconds / compile.seconds).toFixed(2)}x |`,
);
