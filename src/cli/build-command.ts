// `dossier build`: the static catalog site, ready to host (GitHub Pages or any static server).

import path from 'node:path';
import { UsageError } from '../ground/errors.js';
import { buildProjectSite } from '../use-cases/build-project-site.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { EXIT_FINDINGS, EXIT_OK, parseCommandArgs, type Command, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf } from './command.js';
import { countDiagnostics, describeCounts } from '../ground/diagnostics.js';
import { countOf } from '../ground/count-noun.js';
import { failsAt, FAIL_ON } from '../use-cases/lint-project.js';
import { Progress, isContinuousIntegration } from './terminal.js';

const STAGE_MESSAGES = {
  compiling: 'Compiling catalog...',
  'reading history': 'Reading git history...',
  rendering: 'Rendering pages...',
} as const;

export const buildCommand: Command = {
  name: 'build',
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
${OFFLINE_USAGE}
  --at <rev|date>      build the site of the metadata as it was at a revision or on a date
  --timeline-commits <n>
                       read the semantic history of the last n commits for Timelines,
                       changes.html and audit pages (default: 500, none above 50k
                       entities; 0 leaves them out)
  --no-cache           neither read nor write .dossier/cache/ (the files'
                       analyses, the semantic history)
  --fail-on <level>    exit 1 when the site shows a problem at or above this level:
                       error, warning, info or never (default: never; the site is built either way)
  -h, --help           show this help

Exit codes: 0 built (and no problems at or above --fail-on), 1 problems at or above --fail-on,
2 usage or configuration error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('build', args, {
      ...OFFLINE_FLAG,
      out: { type: 'string' },
      'base-url': { type: 'string' },
      title: { type: 'string' },
      config: { type: 'string' },
      at: { type: 'string' },
      'timeline-commits': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'fail-on': { type: 'string' },
    });
    const failOn = oneOf('fail-on', parsed.string('fail-on'), FAIL_ON, 'never');
    const timelineFlag = parsed.string('timeline-commits');
    const timelineCommits = timelineFlag === undefined ? undefined : Number(timelineFlag);
    if (timelineCommits !== undefined && (!Number.isInteger(timelineCommits) || timelineCommits < 0))
      throw new UsageError('--timeline-commits takes a whole number, 0 or more.');
    const config = resolveProjectConfig(context.cwd, parsed.positionals, parsed.string('config'));
    const progress = new Progress(context);
    const built = await buildProjectSite({
      cwd: context.cwd,
      config,
      outDir: parsed.string('out') ?? '_site',
      version: context.version,
      baseUrl: parsed.string('base-url'),
      title: parsed.string('title'),
      fetch: fetchOptions(parsed, context.env),
      at: parsed.string('at'),
      timelineCommits,
      cache: !parsed.boolean('no-cache'),
      // Outside CI a build is usually followed by rebuilds: the first keeps what they go on from.
      keepFirstBuild: !isContinuousIntegration(context.env),
      onStage: (stage) => {
        progress.update(STAGE_MESSAGES[stage]);
      },
      onProgress: (done, total) => {
        progress.update(`Rendering pages... ${done}/${total} entities`);
      },
    });
    progress.done();
    const entities = built.compiled.catalog.entities.length;
    const where = path.relative(context.cwd, built.outDir) || '.';
    const timeline =
      built.history.available && built.timelineCommits === 0 && timelineCommits === undefined
        ? ' Timelines are left out for a catalog this large; `dossier log` has the whole history.'
        : '';
    const counts = countDiagnostics(built.compiled.diagnostics);
    const problems =
      counts.errors + counts.warnings === 0
        ? ''
        : `\nThe site shows ${describeCounts(counts)} (problems.html); \`dossier lint\` lists them here.`;
    context.stderr.write(
      `Built ${countOf(built.pages, 'file')} for ${countOf(entities, 'entity', 'entities')} in ${where}${built.history.available ? '' : ' (not a git repository: no history)'}.${timeline}${problems}\nOpen it: dossier serve ${where}\n`,
    );
    return failsAt(
      built.compiled.diagnostics.map((d) => d.severity),
      failOn,
    )
      ? EXIT_FINDINGS
      : EXIT_OK;
  },
};
