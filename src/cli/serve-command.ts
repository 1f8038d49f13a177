// `dossier serve`: a local preview of a built site on 127.0.0.1. Not for production hosting.

import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { isWithin } from '../ground/contained-path.js';
import { EXIT_OK, parseCommandArgs, type Command } from './command.js';

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

/** The preview server of the site in `root` (a folder): loopback hosts only, files inside the site only. */
export function createSiteServer(root: string): Server {
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
    const file = resolveInside(root, request.url ?? '/');
    const real = file === undefined ? undefined : realFileInside(realRoot, file);
    if (real === undefined) {
      notFound();
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

export const serveCommand: Command = {
  name: 'serve',
  usage: `Usage: dossier serve [folder] [options]

Serves the folder (default: _site) on http://127.0.0.1:<port>/ until stopped (Ctrl-C).

Options:
  --port <number>      default: 8080 (0 picks a free port)
  -h, --help           show this help`,

  async run(args, context) {
    const parsed = parseCommandArgs('serve', args, { port: { type: 'string' } });
    const root = path.resolve(context.cwd, parsed.positionals[0] ?? '_site');
    try {
      if (!statSync(root).isDirectory()) throw new Error();
    } catch {
      throw new UsageError(`${root} is not a folder; build the site first: dossier build --out ${parsed.positionals[0] ?? '_site'}`);
    }
    const port = Number(parsed.string('port') ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
    const server = createSiteServer(root);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    context.stdout.write(
      `Serving ${root} on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/ (Ctrl-C to stop)\n`,
    );
    await new Promise<void>((resolve) => server.on('close', resolve));
    return EXIT_OK;
  },
};
