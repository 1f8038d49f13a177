// The preview server of a built site: loopback hosts only, files inside the site only, and what
// `serve --watch` adds (its own routes, a script put into pages as they are served).

import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { isWithin } from '../ground/contained-path.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file a URL path names inside `root`, or undefined when it would leave it. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return file === root || file.startsWith(`${root}${path.sep}`) ? file : undefined;
}

/** A file's real path and size when it is a file whose real path is inside `realRoot` (links out of the site are not served). */
function realFileInside(realRoot: string, file: string): { path: string; size: number } | undefined {
  try {
    const real = realpathSync(file);
    if (!isWithin(realRoot, real)) return undefined;
    const stats = statSync(real);
    return stats.isFile() ? { path: real, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a Host header names this machine's loopback, with any port. */
export function isLocalHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

/** What `serve --watch` adds to the preview: routes of its own, and HTML put into every page as it is served (never into the files). */
export interface ServeAdditions {
  /** Answers a request itself (true), or leaves it to the files. */
  route?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Inserted before `</body>` of every HTML page served. */
  inject?: string;
}

/** Serves an HTML file with `inject` before its `</body>`. */
function sendInjected(response: ServerResponse, file: string, inject: string): void {
  const html = readFileSync(file, 'utf8');
  const at = html.lastIndexOf('</body>');
  const body = Buffer.from(at === -1 ? html + inject : html.slice(0, at) + inject + html.slice(at));
  response.writeHead(200, { 'content-type': TYPES['.html'] as string, 'content-length': body.length, 'cache-control': 'no-store' });
  response.end(body);
}

/** The preview server of the site in `root` (a folder): loopback hosts only, files inside the site only. */
export function createSiteServer(root: string, additions: ServeAdditions = {}): Server {
  const realRoot = realpathSync(root);
  return createServer((request, response) => {
    const notFound = (status = 404, text = 'Not found') => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`${text}\n`);
    };
    // DNS rebinding: a page on another site resolving its name to 127.0.0.1 must not read the catalog.
    if (!isLocalHost(request.headers.host)) {
      notFound(421, 'Misdirected request: serve answers only to 127.0.0.1 and localhost');
      return;
    }
    if (additions.route?.(request, response) === true) return;
    const file = resolveInside(root, request.url ?? '/');
    const real = file === undefined ? undefined : realFileInside(realRoot, file);
    if (real === undefined) {
      notFound();
      return;
    }
    if (additions.inject !== undefined && real.path.endsWith('.html')) {
      try {
        sendInjected(response, real.path, additions.inject);
      } catch {
        notFound();
      }
      return;
    }
    const stream = createReadStream(real.path);
    // The file may go between stat and open, or fail to read: the request fails, never the server.
    stream.on('error', () => {
      if (response.headersSent) response.destroy();
      else notFound();
    });
    stream.on('open', () => {
      response.writeHead(200, {
        'content-type': TYPES[path.extname(real.path)] ?? 'application/octet-stream',
        'content-length': real.size,
      });
      stream.pipe(response);
    });
  });
}
