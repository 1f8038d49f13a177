// `dossier build`: the static catalog site, ready to host (GitHub Pages or any static server).

import path from 'node:path';
import { compileProject } from '../compile/load-project.js';
import { readHistory } from '../site/history.js';
import { buildSite } from '../site/build-site.js';
import { EXIT_OK, parseCommandArgs, type Command } from './command.js';
import { resolveProjectConfig } from './project.js';
import { Progress } from './terminal.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the static HTML catalog site: entity pages, lineage, owners, search, history.',
  usage: `Usage: dossier build [path] [options]

Renders every entity, list, owner, tag and problem page as static HTML with
lineage drawings, metric trends and git history, plus a search index the
pages fetch on demand. All links are relative, so the site works under any
base path. The output folder is replaced only if an earlier build made it.

Options:
  --out <folder>       where to write the site (default: _site)
  --base-url <url>     the URL the site is served from, for canonical links
  --title <text>       site title (default: site.title in dossier.yaml, else "Dossier catalog")
  --config <file>      dossier.yaml to use (default: nearest one at or above the path)
  -h, --help           show this help`,

  async run(args, context) {
    const parsed = parseCommandArgs('build', args, { out: { type: 'string' }, 'base-url': { type: 'string' }, title: { type: 'string' }, config: { type: 'string' } });
    const config = resolveProjectConfig(context.cwd, parsed.positionals, parsed.string('config'));
    const progress = new Progress(context);
    progress.update('Compiling catalog...');
    const result = await compileProject(config, context.cwd);
    progress.update('Reading git history...');
    const history = await readHistory(config.rootDir, context.cwd);
    const baseUrl = parsed.string('base-url');
    const title = parsed.string('title') ?? config.site.title;
    const built = buildSite(result, {
      outDir: path.resolve(context.cwd, parsed.string('out') ?? '_site'),
      history,
      version: context.version,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(title === undefined ? {} : { title }),
      ...(config.site.templates === undefined ? {} : { templatesDir: config.site.templates }),
      onProgress: (done, total) => progress.update(`Rendering pages... ${done}/${total} entities`),
    });
    progress.done();
    context.stderr.write(`Built ${built.pages} files for ${result.catalog.entities.length} entities in ${path.relative(context.cwd, built.outDir) || '.'}${history.available ? '' : ' (not a git repository: no history)'}.\n`);
    return EXIT_OK;
  },
};
