// `dossier serve`: a local preview of a built site on 127.0.0.1. Not for production hosting.

import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
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
    const server = createServer((request, response) => {
      const file = resolveInside(root, request.url ?? '/');
      let size = -1;
      try {
        size = file === undefined ? -1 : statSync(file).isFile() ? statSync(file).size : -1;
      } catch {
        size = -1;
      }
      if (file === undefined || size < 0) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': size });
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    context.stdout.write(
      `Serving ${root} on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/ (Ctrl-C to stop)\n`,
    );
    await new Promise<void>((resolve) => server.on('close', resolve));
    return EXIT_OK;
  },
};
