// `dossier log`: the semantic history of the metadata, newest first.

import { writeOutputFile } from './output-file.js';
import { CHANGE_IDS, CHANGE_LEVELS } from '../diff/change.js';
import { didYouMean } from '../ground/suggest.js';
import { renderLogJson, renderLogMarkdown, renderLogText } from '../diff/log.js';
import { UsageError } from '../ground/errors.js';
import { logProject } from '../use-cases/log-project.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf, parseCommandArgs, type Command } from './command.js';
import { colorEnabled, Progress } from './terminal.js';

/** An argument that names an entity (`model:fraud-detector`) rather than a file or folder. */
const looksLikeReference = (argument: string) => /^[a-z]+:/.test(argument);

export const logCommand: Command = {
  name: 'log',
  usage: `Usage: dossier log [ENTITY-REF...] [PATH...] [options]

For each commit on the first-parent line of HEAD (or --rev) that touches the
metadata: its date, commit and author, and the changes it made, with the ids,
levels and messages of \`dossier diff\` (a merge is compared with its first
parent). An entity reference (model:fraud-detector) keeps its changes; a Model
also covers its versions and what evaluates or deploys them. A path keeps the
changes of files under it.

Options:
  --rev <ref>          the newest commit (default: HEAD)
  --since <date|rev>   only commits after this date (YYYY-MM-DD) or revision
  --until <date|rev>   only commits up to this date or revision
  --change <id>        only changes of this id, e.g. promoted-to-production,
                       feature-removed (repeatable; the ids of dossier diff)
  --level <level>      only changes at or above: breaking, warning or info
  --max-count <n>      read at most n commits
  --format <name>      text (default), json (schemas/log.schema.json) or markdown
  --out <file>         write to a file instead of standard output
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help           show this help

Exit codes: 0 listed, 2 usage, configuration or git error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('log', args, {
      ...OFFLINE_FLAG,
      rev: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      change: { type: 'string', multiple: true },
      level: { type: 'string' },
      'max-count': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
    });
    const format = oneOf('format', parsed.string('format'), ['text', 'json', 'markdown'] as const, 'text');
    const levelFlag = parsed.string('level');
    const level = levelFlag === undefined ? undefined : oneOf('level', levelFlag, CHANGE_LEVELS, 'info');
    const changes = parsed.strings('change');
    // A misspelt id would read as "nothing of that kind happened".
    for (const change of changes)
      if (!(CHANGE_IDS as readonly string[]).includes(change))
        throw new UsageError(`--change: there is no change \`${change}\`. ${didYouMean(change, CHANGE_IDS, 'Changes')}`);
    const maxCountFlag = parsed.string('max-count');
    const maxCount = maxCountFlag === undefined ? undefined : Number(maxCountFlag);
    if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount <= 0))
      throw new UsageError('--max-count takes a whole number above 0.');
    const entities = parsed.positionals.filter(looksLikeReference);
    const paths = parsed.positionals.filter((argument) => !looksLikeReference(argument));
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));

    const progress = new Progress(context);
    progress.update('Reading history...');
    const log = await logProject({
      cwd: context.cwd,
      config,
      rev: parsed.string('rev'),
      since: parsed.string('since'),
      until: parsed.string('until'),
      maxCount,
      entities,
      paths,
      changes,
      level,
      fetch: fetchOptions(parsed, context.env),
    });
    progress.done();

    const out = parsed.string('out');
    const output =
      format === 'json'
        ? renderLogJson(log)
        : format === 'markdown'
          ? renderLogMarkdown(log)
          : renderLogText(log, out === undefined && colorEnabled(context.stdout, context.env));
    if (out === undefined) context.stdout.write(output);
    else await writeOutputFile(context.cwd, out, output);
    return EXIT_OK;
  },
};
