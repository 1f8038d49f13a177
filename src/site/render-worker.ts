// A thread that renders and writes pages for the site build (render-pool.ts): the main thread
// builds views while this one runs the templates and writes the files.

import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError } from '../ground/errors.js';
import { writePage, type PageJob } from './page-job.js';
import { loadSiteTemplates, type SiteTemplates } from './site-templates.js';

interface WorkerSettings {
  templatesDir: string | undefined;
  /** [pages handed over and not yet written, 1 once a page failed]; this thread counts the first down. */
  pending: SharedArrayBuffer;
}

const settings = workerData as WorkerSettings;
const pending = new Int32Array(settings.pending);
// Templates that do not load fail every page (and the build), but every page is still counted down.
let templates: SiteTemplates | Error;
try {
  templates = loadSiteTemplates(settings.templatesDir);
} catch (error) {
  templates = error instanceof Error ? error : new Error(String(error));
}

parentPort?.on('message', (job: PageJob) => {
  try {
    // After a failure the build fails: the pages still handed over are only counted down.
    if (Atomics.load(pending, 1) === 1) return;
    if (templates instanceof Error) throw templates;
    writePage(templates, job);
  } catch (error) {
    Atomics.store(pending, 1, 1);
    parentPort?.postMessage({
      message: error instanceof Error ? error.message : String(error),
      config: error instanceof ConfigError ? error.code : undefined,
    });
  } finally {
    Atomics.sub(pending, 0, 1);
    Atomics.notify(pending, 0);
  }
});
