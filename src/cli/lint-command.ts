// `dossier lint`: every problem in the repository, in the chosen format, and an exit code for CI.

import path from 'node:path';
import { writeOutputFile } from './output-file.js';
import { FORMATTERS } from '../report/formatters.js';
import { allRules } from '../rules/registry.js';
import { findRepositoryTop, toDisplayPath } from '../source/discover.js';
import { failsAt, FAIL_ON, lintProject } from '../use-cases/lint-project.js';
import { EXIT_FINDINGS, EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf, parseCommandArgs, type Command } from './command.js';
import { colorEnabled, isContinuousIntegration, Progress } from './terminal.js';

export const lintCommand: Command = {
  name: 'lint',
  usage: `Usage: dossier lint [paths...] [options]

Checks every metadata file of the repository and reports all problems at once.
With paths, the whole repository is still loaded (references need it) but only
problems in files under those paths are reported; a path with no file Dossier
checks under it (.gitignore, exclude, not YAML) is named on stderr.

Options:
  --config <file>      dossier.yaml to use (default: nearest one at or above the first path)
${OFFLINE_USAGE}
  --format <name>      stylish (default), json, sarif or github
  --output <file>      write the report to a file instead of standard output
  --fail-on <level>    exit 1 when a problem at or above this level exists:
                       error (default), warning, info or never
  --quiet              report errors only
  --cache-location <dir>
                       where the cache lives (default: .dossier/cache/ beside dossier.yaml):
                       each file's analysis by content, and the last result; safe to delete
  --no-cache           neither read nor write the cache (in CI, where CI is set, a lint
                       starts no cache unless given --cache-location; one there is used)
  -h, --help           show this help

Exit codes: 0 no problems at or above --fail-on, 1 problems found, 2 usage or configuration error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('lint', args, {
      ...OFFLINE_FLAG,
      config: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      quiet: { type: 'boolean' },
      'cache-location': { type: 'string' },
      'no-cache': { type: 'boolean' },
    });
    const format = oneOf('format', parsed.string('format'), ['stylish', 'json', 'sarif', 'github'] as const, 'stylish');
    const failOn = oneOf('fail-on', parsed.string('fail-on'), FAIL_ON, 'error');
    const progress = new Progress(context);
    progress.update('Checking metadata...');
    const { diagnostics, hidden, fileCount, owners, unchecked } = await lintProject({
      cwd: context.cwd,
      paths: parsed.positionals,
      configFile: parsed.string('config'),
      quiet: parsed.boolean('quiet'),
      fetch: fetchOptions(parsed, context.env),
      cache: parsed.boolean('no-cache') ? false : parsed.string('cache-location'),
      startCache: !isContinuousIntegration(context.env) || parsed.string('cache-location') !== undefined,
    });
    progress.done();
    for (const given of unchecked)
      context.stderr.write(
        `dossier: no file under ${given} is checked: .gitignore, or \`exclude\` or \`roots\` in dossier.yaml, leave it out, or it is not a .yaml/.yml file.\n`,
      );

    const output = parsed.string('output');
    const toFile = output !== undefined;
    const formatter = FORMATTERS[format] as (typeof FORMATTERS)[string];
    const report = formatter(diagnostics, {
      color: !toFile && format === 'stylish' && colorEnabled(context.stdout, context.env),
      rules: allRules,
      toolVersion: context.version,
      fileCount,
      hidden,
      // Only the JSON report counts problems per owner.
      ...(format === 'json' ? { owners } : {}),
      ...repositoryPaths(context.cwd),
    });
    if (output !== undefined) await writeOutputFile(context.cwd, output, report);
    else context.stdout.write(report);
    return failsAt(
      diagnostics.map((d) => d.severity),
      failOn,
    )
      ? EXIT_FINDINGS
      : EXIT_OK;
  },
};

/** Paths from the repository's root, for a lint run below it: where code scanning and annotations look files up. */
function repositoryPaths(cwd: string): { repositoryPath?: (file: string) => string } {
  const top = findRepositoryTop(cwd);
  if (top === undefined || path.resolve(top) === path.resolve(cwd)) return {};
  return { repositoryPath: (file) => toDisplayPath(top, path.resolve(cwd, file)) };
}
