// `dossier serve`: a local preview of a built site on 127.0.0.1. Not for production hosting.

import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { EXIT_OK, parseCommandArgs, type Command, type CommandContext } from './command.js';
import { createSiteServer } from './site-server.js';

export { createSiteServer, isLocalHost, resolveInside } from './site-server.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: `Usage: dossier serve [folder] [options]
       dossier serve --watch [path] [options]

Serves the folder (default: _site) on http://127.0.0.1:<port>/ until stopped (Ctrl-C).

With --watch, [path] is the project (as for \`dossier build\`): the site is built
into --out, served, and built again (incrementally) when a metadata file,
dossier.yaml or a template changes; open pages reload. A build that fails is
shown in the terminal and over the open pages, and the last good site stays served.

Options:
  --port <number>      default: 8080 (0 picks a free port)
  --watch              build, serve and rebuild on changes (a live preview)
  --out <folder>       with --watch: where to build the site (default: _site)
  --config <file>      with --watch: dossier.yaml to use (default: nearest one at or above the path)
  --title <text>       with --watch: the site's title (default: site.title in dossier.yaml)
  --base-url <url>     with --watch: the URL the site is served from, for canonical links
  -h, --help           show this help

Exit codes: 0 stopped, 2 usage or configuration error (or a first build that fails with no site to serve).`,

  async run(args, context) {
    const parsed = parseCommandArgs('serve', args, {
      port: { type: 'string' },
      watch: { type: 'boolean' },
      out: { type: 'string' },
      config: { type: 'string' },
      title: { type: 'string' },
      'base-url': { type: 'string' },
    });
    const port = Number(parsed.string('port') ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
    const build = {
      out: parsed.string('out'),
      config: parsed.string('config'),
      title: parsed.string('title'),
      baseUrl: parsed.string('base-url'),
    };
    if (parsed.boolean('watch')) return await serveWatching(parsed.positionals[0], build, port, context);
    if (Object.values(build).some((value) => value !== undefined))
      throw new UsageError(
        '--out, --config, --title and --base-url go with --watch; without it, serve serves a built folder: dossier serve <folder>.',
      );
    const root = path.resolve(context.cwd, parsed.positionals[0] ?? '_site');
    try {
      if (!statSync(root).isDirectory()) throw new Error();
    } catch {
      throw new UsageError(`${root} is not a folder; build the site first: dossier build --out ${parsed.positionals[0] ?? '_site'}`);
    }
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

/** `serve --watch`: until stopped. */
async function serveWatching(
  projectPath: string | undefined,
  build: { out: string | undefined; config: string | undefined; title: string | undefined; baseUrl: string | undefined },
  port: number,
  context: CommandContext,
): Promise<number> {
  // Loaded only here: chokidar is no part of the other commands' start.
  const { watchSite } = await import('./watch-site.js');
  let watched;
  try {
    watched = await watchSite({
      cwd: context.cwd,
      projectPath,
      configFlag: build.config,
      outDir: build.out ?? '_site',
      title: build.title,
      baseUrl: build.baseUrl,
      version: context.version,
      port,
      log: (line) => context.stderr.write(`${line}\n`),
    });
  } catch (error) {
    throw new UsageError(
      `The site could not be built, and there is no earlier build to serve: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  context.stdout.write(`Serving a live preview on http://127.0.0.1:${watched.port}/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await watched.close();
  return EXIT_OK;
}
