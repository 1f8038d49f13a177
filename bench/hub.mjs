#!/usr/bin/env node
// Hub benchmark: an org-wide site merged from many published catalogs, against the site of one
// repository with as many entities. Each source is a catalog of a generated repository (bench/
// generate.mjs) compiled once and copied under its own namespace, so identities do not collide.
//
// Usage: node bench/hub.mjs [sources] [entities-per-source]   (default 10 x 1000; the goal is 100 x 1000)

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generated, root, timed, work } from './measure.mjs';

const [sourcesArg = '10', perSourceArg = '1000'] = process.argv.slice(2);
const sources = Number(sourcesArg);
const perSource = Number(perSourceArg);

// One source catalog, copied per namespace.
const sourceRepo = generated(perSource);
const sourceCatalog = path.join(work, `catalog-${perSource}.json`);
spawnSync(process.execPath, [path.join(root, 'build/dossier.js'), 'compile', sourceRepo, '--out', sourceCatalog], { stdio: 'inherit' });
const text = readFileSync(sourceCatalog, 'utf8');
const hub = path.join(work, `hub-${sources}x${perSource}`);
rmSync(hub, { recursive: true, force: true });
mkdirSync(hub, { recursive: true });
const lines = ['sources:'];
for (let i = 0; i < sources; i++) {
  const namespace = `team-${i}`;
  const copy = text.replaceAll(':default/', `:${namespace}/`).replaceAll('"namespace": "default"', `"namespace": "${namespace}"`);
  writeFileSync(path.join(hub, `${namespace}.json`), copy);
  lines.push(`  - {name: acme/${namespace}, catalog: ${namespace}.json}`);
}
writeFileSync(path.join(hub, 'dossier.yaml'), `${lines.join('\n')}\n`);

const single = generated(sources * perSource);
const hubRun = timed(['build', '.', '--out', path.join(work, 'hub-site')], hub);
const singleRun = timed(['build', single, '--out', path.join(work, 'single-site')], root);
console.log(
  `hub of ${sources} x ${perSource}: build ${hubRun.seconds}s, peak ${hubRun.megabytes.toFixed(0)} MB; one repository of ${sources * perSource}: build ${singleRun.seconds}s, peak ${singleRun.megabytes.toFixed(0)} MB; ratio ${(hubRun.seconds / singleRun.seconds).toFixed(2)}x`,
);
