#!/usr/bin/env node
// The executable: real process streams and environment in, exit code out.

import { spawnSync } from 'node:child_process';
import { packageVersion } from '../ground/package-root.js';
import { main } from './main.js';

/** Commands whose memory grows with the repository or its history: the site build, and the walks over history. */
const BOUNDED_COMMANDS = new Set(['build', 'log', 'audit']);

/**
 * V8 sizes its heap from the machine's memory and collects lazily below that size, so a site build
 * of 100k entities peaked at 2.4 GB although it needs less than 700 MB (it completes with that bound,
 * 20% slower). `dossier build`, `log` and `audit` therefore run with a bounded heap
 * (DOSSIER_MAX_HEAP_MB, default 880: a 100k build, cold or rebuilt with its caches, then stays under 1 GB; 0 to disable),
 * unless the user set one. The heap limit can only be set when Node starts, hence the one re-exec.
 */
function boundedHeapChild(argv: readonly string[]): number | undefined {
  const limit = Number(process.env.DOSSIER_MAX_HEAP_MB ?? 880);
  const alreadySet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('max-old-space-size'));
  if (!BOUNDED_COMMANDS.has(argv[0] ?? '') || alreadySet || !Number.isFinite(limit) || limit <= 0 || process.argv[1] === undefined)
    return undefined;
  const child = spawnSync(process.execPath, [`--max-old-space-size=${limit}`, ...process.execArgv, process.argv[1], ...argv], {
    stdio: 'inherit',
  });
  return child.status ?? 2;
}

// `dossier compile | head` closes the pipe early: that ends the output, it is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

const argv = process.argv.slice(2);
process.exitCode =
  boundedHeapChild(argv) ??
  (await main(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    version: packageVersion(),
  }));
