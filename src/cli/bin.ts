#!/usr/bin/env node
// The executable: real process streams and environment in, exit code out.

import { packageVersion } from '../ground/package-root.js';
import { main } from './main.js';

/** Commands whose memory grows with the repository or its history: the site build, and the walks over history. */
const BOUNDED_COMMANDS = new Set(['build', 'log', 'audit']);
/** Marks the worker thread a bounded command runs in. */
const BOUNDED = 'dossier-bounded-heap';

/**
 * V8 sizes its heap from the machine's memory and collects lazily below that size, so a large site
 * build peaks at several times the memory it needs (bench/RESULTS.md). `dossier build`, `log` and
 * `audit` therefore run with a bounded heap (DOSSIER_MAX_HEAP_MB, default 880; 0 to disable), unless
 * the user set one. A heap limit is set when an isolate starts, so the command runs in a worker thread
 * started with that limit (cheaper to start than a second Node process); its output goes through this
 * thread's streams, whose TTY-ness it is told (and takes on here, in the worker).
 */
async function boundedHeapWorker(argv: readonly string[]): Promise<number | undefined> {
  if (!BOUNDED_COMMANDS.has(argv[0] ?? '')) return undefined;
  // Only these commands load worker_threads: loading it costs every other command's start.
  const threads = await import('node:worker_threads');
  const workerData = threads.workerData as Record<string, unknown> | null;
  if (workerData?.[BOUNDED] === true) {
    const { stdoutTTY, stderrTTY } = workerData as { stdoutTTY: boolean; stderrTTY: boolean };
    Object.assign(process.stdout, { isTTY: stdoutTTY });
    Object.assign(process.stderr, { isTTY: stderrTTY });
  }
  const limit = Number(process.env.DOSSIER_MAX_HEAP_MB ?? 880);
  const alreadySet = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('max-old-space-size'));
  if (!threads.isMainThread || alreadySet || !Number.isFinite(limit) || limit <= 0) return undefined;
  const worker = new threads.Worker(new URL(import.meta.url), {
    argv: [...argv],
    workerData: { [BOUNDED]: true, stdoutTTY: process.stdout.isTTY, stderrTTY: process.stderr.isTTY },
    resourceLimits: { maxOldGenerationSizeMb: limit },
    stdin: false,
  });
  return new Promise<number>((resolve) => {
    worker.on('error', (error: Error & { code?: string }) => {
      process.stderr.write(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `dossier: out of memory (the heap is bounded at ${String(limit)} MB; set DOSSIER_MAX_HEAP_MB higher, or 0 for no bound)\n`
          : `dossier: internal error: ${error.stack ?? error.message}\n`,
      );
      resolve(2);
    });
    worker.on('exit', (code) => {
      resolve(code);
    });
  });
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
  (await boundedHeapWorker(argv)) ??
  (await main(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    version: packageVersion(),
  }));
