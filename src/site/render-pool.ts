// Pages rendered and written by a second thread while this one builds the next pages' views: a
// site build of many pages uses both cores. The build stays synchronous: handing over a page waits
// (Atomics.wait) only while the worker is a set number of pages behind, which bounds memory.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../ground/errors.js';
import type { PageJob } from './page-job.js';

/** Below this many pages a worker's start (loading the templates again) does not pay. */
const MIN_PAGES = 2_000;
/** Pages rendered in the build's own thread before the pool starts (pagesBefore). */
const PAGES_BEFORE_START = 200;
/** Pages handed over and not yet written, at most: about 64 views' JSON in flight. */
const MAX_PENDING = 64;
/** A worker that writes no page for this long has stopped (a crash the waiting thread cannot see). */
const STALLED_MS = 120_000;

export class RenderPool {
  readonly #worker: Worker;
  readonly #pending: Int32Array;
  readonly #errors: Error[] = [];
  readonly #exited: Promise<void>;

  private constructor(script: string, templatesDir: string | undefined) {
    const shared = new SharedArrayBuffer(8);
    this.#pending = new Int32Array(shared);
    this.#worker = new Worker(script, { workerData: { templatesDir, pending: shared } });
    // A template the user gave that fails is theirs to fix (exit 2); anything else is a bug.
    this.#worker.on('message', (failure: { message: string; config: string | undefined }) => {
      this.#errors.push(failure.config === undefined ? new Error(failure.message) : new ConfigError(failure.config, failure.message));
    });
    this.#exited = new Promise((resolve) => {
      this.#worker.on('error', (error) => {
        this.#errors.push(error);
      });
      this.#worker.on('exit', () => {
        resolve();
      });
    });
  }

  /**
   * A pool for a build of `pages` pages, or undefined where one thread does as well: a small site,
   * one core, DOSSIER_RENDER_THREADS=0, or a copy of Dossier run from its sources (no worker script).
   * DOSSIER_RENDER_THREADS=1 asks for the worker whatever the size.
   */
  static start(pages: number, templatesDir: string | undefined): RenderPool | undefined {
    const setting = process.env.DOSSIER_RENDER_THREADS;
    if (setting === '0') return undefined;
    if (setting !== '1' && (pages < MIN_PAGES || availableParallelism() < 2)) return undefined;
    const script = fileURLToPath(new URL('./render-worker.js', import.meta.url));
    return existsSync(script) ? new RenderPool(script, templatesDir) : undefined;
  }

  /**
   * How many pages a build renders in its own thread before it starts the pool: a rebuild that takes
   * most pages over renders a few, and a thread loading the templates again would cost it more than
   * it saves. None when DOSSIER_RENDER_THREADS=1 asks for the worker.
   */
  static pagesBefore(): number {
    return process.env.DOSSIER_RENDER_THREADS === '1' ? 0 : PAGES_BEFORE_START;
  }

  /** Hands a page over; waits while the worker is MAX_PENDING pages behind. */
  render(job: PageJob): void {
    // A page failed: the build will fail, so the views of the rest need not be built.
    if (Atomics.load(this.#pending, 1) === 1) throw new RenderFailed();
    for (;;) {
      const pending = Atomics.load(this.#pending, 0);
      if (pending < MAX_PENDING) break;
      if (Atomics.wait(this.#pending, 0, pending, STALLED_MS) === 'timed-out')
        throw new Error('The thread rendering pages stopped answering.');
    }
    Atomics.add(this.#pending, 0, 1);
    this.#worker.postMessage(job);
  }

  /** Waits until every page handed over is written; a page that failed fails the build. */
  async close(): Promise<void> {
    const worker = { exited: false };
    void this.#exited.then(() => {
      worker.exited = true;
    });
    while (Atomics.load(this.#pending, 0) > 0 && !worker.exited) await new Promise((resolve) => setTimeout(resolve, 2));
    // Messages (failed pages) sent before the last page was written have been delivered by now.
    await new Promise((resolve) => setImmediate(resolve));
    if (Atomics.load(this.#pending, 0) > 0) this.#errors.push(new Error('The thread rendering pages stopped.'));
    await this.#worker.terminate();
    await this.#exited;
    const [first] = this.#errors;
    if (first !== undefined) throw first;
  }

  /**
   * Stops the worker (the build failed). When it failed because a page did, that page's error,
   * which the worker reports once the waiting thread lets its message in, is the build's.
   */
  async discard(error: unknown): Promise<unknown> {
    if (!(error instanceof RenderFailed)) {
      await this.#worker.terminate();
      return error;
    }
    try {
      await this.close();
    } catch (failure) {
      return failure;
    }
    return error;
  }
}

/** Thrown into the build when the worker reported a failed page; the page's own error replaces it. */
class RenderFailed extends Error {
  constructor() {
    super('A page could not be rendered.');
  }
}
