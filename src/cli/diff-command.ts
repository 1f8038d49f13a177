// `dossier diff`: what a pull request changes in the metadata, what it breaks, what depends on it.

import { writeOutputFile } from './output-file.js';
import { LEVEL_ORDER, type ChangeLevel } from '../diff/change.js';
import { renderDiffJson } from '../diff/diff-json.js';
import { blobLinker, repositoryUrl } from '../github/links.js';
import { diffProject } from '../use-cases/diff-project.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { renderDiffText } from '../diff/render-text.js';
import { EXIT_FINDINGS, EXIT_OK, oneOf, parseCommandArgs, type Command, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE } from './command.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { colorEnabled, Progress, writeLine } from './terminal.js';
import { UsageError } from '../ground/errors.js';

export const DIFF_FAIL_ON = ['breaking', 'warning', 'never'] as const;

export const diffCommand: Command = {
  name: 'diff',
  usage: `Usage: dossier diff --base <ref> [options]

Compiles the metadata at the merge base of <ref> and the head (the working tree,
or --head <ref>), read straight from git, and reports the changes entity by
entity: breaking, warning or info, with what depends on each downstream.

Options:
  --base <ref>         the revision to compare with, e.g. origin/main (required)
  --head <ref>         compare this revision instead of the working tree
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  --format <name>      text (default), json or markdown (the pull request comment)
  --out <file>         write to a file instead of standard output
  --fail-on <level>    exit 1 on a change at or above: breaking (default), warning or never
  --repo-url <url>     link files in markdown to this repository (default: from GITHUB_REPOSITORY)
  -h, --help           show this help

Exit codes: 0 nothing at or above --fail-on, 1 such changes, 2 usage, configuration or git error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('diff', args, {
      ...OFFLINE_FLAG,
      base: { type: 'string' },
      head: { type: 'string' },
      config: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      'repo-url': { type: 'string' },
    });
    const base = parsed.string('base');
    if (base === undefined) throw new UsageError('dossier diff needs --base <ref>, e.g. --base origin/main.');
    const format = oneOf('format', parsed.string('format'), ['text', 'json', 'markdown'] as const, 'text');
    const failOn = oneOf('fail-on', parsed.string('fail-on'), DIFF_FAIL_ON, 'breaking');
    const config = resolveProjectConfig(context.cwd, parsed.positionals, parsed.string('config'));

    const progress = new Progress(context);
    progress.update('Comparing revisions...');
    const head = parsed.string('head');
    const { diff, top, warnings } = await diffProject({ cwd: context.cwd, config, base, head, fetch: fetchOptions(parsed, context.env) });
    progress.done();
    for (const warning of warnings) writeLine(context.stderr, `dossier: warning: ${warning}`);

    const out = parsed.string('out');
    let output: string;
    if (format === 'json') output = renderDiffJson(diff);
    else if (format === 'markdown') {
      const linkTo = blobLinker(
        repositoryUrl(parsed.string('repo-url'), context.env),
        { base: diff.base.sha, head: diff.head.sha },
        top,
        context.cwd,
      );
      output = renderDiffMarkdown(diff, linkTo === undefined ? {} : { linkTo });
    } else output = renderDiffText(diff, out === undefined && colorEnabled(context.stdout, context.env));
    if (out === undefined) context.stdout.write(output);
    else await writeOutputFile(context.cwd, out, output);

    if (failOn === 'never') return EXIT_OK;
    const threshold = LEVEL_ORDER[failOn as ChangeLevel];
    return diff.changes.some((change) => LEVEL_ORDER[change.level] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
  },
};
