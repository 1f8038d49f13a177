// `dossier serve --watch`: a live preview. Builds the site, serves it, and builds it again (the
// incremental rebuild, with its cache) a moment after a metadata file, dossier.yaml or a template
// changes; open pages reload through Server-Sent Events. A failed build is told in the terminal and
// over the open pages (an overlay), and the last good site stays served. The reload script is put
// into pages as they are served, never into the built files.

import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { watch } from 'chokidar';
import { isBuiltSite } from '../site/build-site.js';
import { buildProjectSite } from '../use-cases/build-project-site.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { createSiteServer } from './site-server.js';

/** Where open pages listen for rebuilds. */
export const EVENTS_PATH = '/__dossier/events';

/** Put before `</body>` of every page served: reload on a rebuild, an overlay on a failed one. */
const RELOAD_SCRIPT = `<script>(function () {
  var events = new EventSource('${EVENTS_PATH}');
  var overlay;
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('failed', function (event) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'dossier-build-error';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:99;max-height:50vh;overflow:auto;padding:1rem;background:#2d0b0b;color:#fff;border:2px solid #ff7b72;border-radius:8px;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap';
      document.body.appendChild(overlay);
    }
    overlay.textContent = 'The site could not be built; this is the last good build.\\n\\n' + event.data;
  });
})();</script>
`;

export interface WatchOptions {
  cwd: string;
  /** The project (as \`dossier build [path]\`). */
  projectPath: string | undefined;
  configFlag: string | undefined;
  outDir: string;
  version: string;
  /** The site's title and address, as \`dossier build --title --base-url\` take them. */
  title?: string | undefined;
  baseUrl?: string | undefined;
  port: number;
  /** A line for the terminal. */
  log: (line: string) => void;
  /** How long after the last change a rebuild starts. */
  debounceMs?: number;
}

export interface WatchedSite {
  port: number;
  /** Resolves when the build going on and any it scheduled are done. */
  settled: () => Promise<void>;
  close: () => Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One Server-Sent Event; every line of `data` its own `data:` line. */
const sse = (event: string, data: string) =>
  `event: ${event}\n${data
    .split('\n')
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;

export async function watchSite(options: WatchOptions): Promise<WatchedSite> {
  const { cwd, log } = options;
  const outDir = path.resolve(cwd, options.outDir);
  const paths = options.projectPath === undefined ? [] : [options.projectPath];
  const clients = new Set<ServerResponse>();
  let failure: string | undefined;
  const broadcast = (event: string, data: string) => {
    for (const client of clients) client.write(sse(event, data));
  };

  const build = async (): Promise<void> => {
    const started = performance.now();
    try {
      // dossier.yaml is read again: it may be what changed.
      const config = resolveProjectConfig(cwd, paths, options.configFlag);
      const built = await buildProjectSite({
        cwd,
        config,
        outDir: options.outDir,
        version: options.version,
        title: options.title,
        baseUrl: options.baseUrl,
      });
      failure = undefined;
      const made = built.compiled.catalog.entities.length - built.unchangedEntities;
      log(
        `Built in ${Math.round(performance.now() - started)} ms: ${made} of ${built.compiled.catalog.entities.length} entities' pages made again.`,
      );
      broadcast('reload', '');
    } catch (error) {
      failure = messageOf(error);
      log(`The site could not be built: ${failure}\nStill serving the last good build.`);
      broadcast('failed', failure);
    }
  };

  await build();
  if (failure !== undefined && !isBuiltSite(outDir)) throw new Error(failure);

  let running: Promise<void> | undefined;
  let again = false;
  const run = () => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = build().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(run, options.debounceMs ?? 150);
  };

  const root = resolveProjectConfig(cwd, paths, options.configFlag).rootDir;
  const watcher = watch(root, {
    ignoreInitial: true,
    // The site, caches, git and dependencies are not what the site is built from.
    ignored: (file) => {
      const relative = path.relative(root, file);
      return (
        path.resolve(file) === outDir ||
        path.resolve(file).startsWith(`${outDir}${path.sep}`) ||
        relative.split(path.sep).some((part) => part === 'node_modules' || (part.startsWith('.') && part !== '.' && part !== '..'))
      );
    },
  });
  watcher.on('all', changed);
  await new Promise<void>((resolve) => watcher.once('ready', resolve));

  const server: Server = createSiteServer(outDir, {
    inject: RELOAD_SCRIPT,
    route: (request, response) => {
      if (request.url !== EVENTS_PATH) return false;
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write('retry: 1000\n\n');
      if (failure !== undefined) response.write(sse('failed', failure));
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return true;
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  log(`Watching ${root} for changes.`);
  return {
    port: (server.address() as AddressInfo).port,
    settled: async () => {
      while (running !== undefined || again) await running;
    },
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      await running;
      for (const client of clients) client.end();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
