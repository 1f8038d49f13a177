// `dossier record`: writes what a training run produced into the metadata, and with --pr opens the
// pull request that reviews it.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { countOf } from '../ground/count-noun.js';
import { allRules } from '../rules/registry.js';
import { FORMATTERS } from '../report/formatters.js';
import { UsageError } from '../ground/errors.js';
import { recordEntities, type RecordResult } from '../use-cases/record-entities.js';
import { recordPullRequest } from '../use-cases/record-pull-request.js';
import { mlflowRecordInput } from '../use-cases/mlflow-record-input.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { readWorkflowContext } from '../github/actions-context.js';
import {
  EXIT_FINDINGS,
  EXIT_OK,
  fetchOptions,
  OFFLINE_FLAG,
  OFFLINE_USAGE,
  parseCommandArgs,
  type Command,
  type CommandContext,
  type ParsedArgs,
} from './command.js';
import { colorEnabled, writeLine, writeMessage } from './terminal.js';

async function readInput(argument: string, context: CommandContext): Promise<{ text: string; file: string; path?: string }> {
  if (argument === '-') {
    if (context.stdin === undefined) throw new UsageError('There is no standard input to read; pass a file.');
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return { text: Buffer.concat(chunks).toString('utf8'), file: '<stdin>' };
  }
  try {
    const full = path.resolve(context.cwd, argument);
    return { text: await readFile(full, 'utf8'), file: argument, path: full };
  } catch {
    throw new UsageError(`Cannot read ${argument}: no such file. Pass the file the training job wrote, or - for standard input.`);
  }
}

/** The input: a file, standard input, or an MLflow model folder. */
async function inputOf(parsed: ParsedArgs, context: CommandContext): Promise<{ text: string; file: string; path?: string }> {
  const [argument, ...extra] = parsed.positionals;
  const mlflow = parsed.string('from-mlflow');
  if (mlflow === undefined) {
    if (argument === undefined)
      throw new UsageError('Name the input: `dossier record run.json` (or - for standard input, or --from-mlflow <model-folder>).');
    if (extra.length > 0) throw new UsageError(`dossier record takes one input; got also ${extra.join(', ')}.`);
    return readInput(argument, context);
  }
  if (argument !== undefined) throw new UsageError('Give either an input file or --from-mlflow, not both.');
  const model = parsed.string('model');
  const version = parsed.string('version');
  if (model === undefined || version === undefined)
    throw new UsageError(
      '--from-mlflow needs --model <name> and --version <version>: an MLmodel file does not say which registered model it is.',
    );
  const built = await mlflowRecordInput({
    cwd: context.cwd,
    source: mlflow,
    model,
    version,
    owner: parsed.string('owner'),
    artifactUri: parsed.string('artifact-uri'),
    metrics: parsed.string('metrics'),
    dataset: parsed.string('eval-dataset'),
    split: parsed.string('split'),
  });
  if (built.unmapped.length > 0)
    writeLine(context.stderr, `dossier: not recorded from ${built.input.file} (no place in the format): ${built.unmapped.join(', ')}`);
  if (built.unrecordedMetrics.length > 0)
    writeLine(context.stderr, `dossier: not recorded from ${parsed.string('metrics') ?? ''}: ${built.unrecordedMetrics.join(', ')}`);
  return built.input;
}

/** What happened, and the problems: exit 1 when anything stopped the record. */
function report(result: RecordResult, context: CommandContext, dryRun: boolean): number {
  const stylish = FORMATTERS.stylish as (typeof FORMATTERS)[string];
  const format = (problems: RecordResult['problems']) =>
    stylish(problems, { color: colorEnabled(context.stdout, context.env), rules: allRules, toolVersion: context.version, fileCount: 1 });
  if (result.inputProblems.length > 0) {
    context.stderr.write(format(result.inputProblems));
    context.stderr.write('Nothing was recorded: fix the input first.\n');
    return EXIT_FINDINGS;
  }
  for (const refusal of result.refusals) writeLine(context.stderr, `dossier: ${refusal}`);
  if (result.refusals.length > 0) return EXIT_FINDINGS;
  const verb = dryRun ? 'would be ' : '';
  for (const entity of result.entities)
    writeLine(
      context.stdout,
      `${entity.identity}: ${entity.action === 'unchanged' ? 'unchanged' : `${verb}${entity.action}`} in ${entity.file}`,
    );
  if (result.problems.length > 0) context.stdout.write(format(result.problems));
  const errors = result.problems.some((d) => d.severity === 'error');
  if (errors) context.stderr.write('Nothing was written: the record has errors (above).\n');
  else if (result.files.size === 0) context.stdout.write('Nothing to change: the metadata already says this.\n');
  else if (dryRun) context.stdout.write(`Dry run: ${countOf(result.files.size, 'file')} would change; nothing was written.\n`);
  return errors ? EXIT_FINDINGS : EXIT_OK;
}

export const recordCommand: Command = {
  name: 'record',
  usage: `Usage: dossier record <FILE|-> [options]
       dossier record --from-mlflow <model-folder> --model <name> --version <v> [options]

The input is what a training job produced, written as Dossier entities (the
format of docs/FORMAT.md) in JSON or YAML: one entity, a list, or a
multi-document stream; typically a ModelVersion with its artifact, training
data, features, hyperparameters and run, its Evaluations, and new Dataset
versions. The input is checked with the same schemas and messages as lint.
An entity that exists is updated only for the fields the input gives, keeping
the file's comments and key order; in a list of named items (metrics, features,
fields) only the items it names, by name and slice; a new one goes where its siblings are kept
(next to the other versions of its model, in the same multi-document file if
that is how they are kept). The repository is then linted with the result:
the recorded entities' problems are shown, and the new problems the record
makes elsewhere (a deployment that runs the latest version now runs one not
yet approved); nothing is written when any of them is an error. Recording the
same input twice changes nothing.

Options:
  --from-mlflow <dir>  build the input from an MLflow model folder (its MLmodel file)
                       instead of FILE; needs --model and --version
  --model <name>       with --from-mlflow: the Model it is a version of
  --version <v>        with --from-mlflow: the version's name
  --owner <team>       with --from-mlflow: the owner to record
  --artifact-uri <uri> with --from-mlflow: where the artifact lives (default runs:/<run>/<path>)
  --metrics <file>     with --from-mlflow: metrics.json ({"auc": 0.91}) recorded as an Evaluation
  --eval-dataset <ref> the dataset those metrics were measured on (--split <name> too)
  --replace            allow changing the training data of an existing version
  --dry-run            say what would change, write nothing
  --pr                 commit on a branch dossier/record/<model>-<version>, push it and
                       open (or update) its pull request; needs GITHUB_TOKEN and
                       GITHUB_REPOSITORY, as dossier comment does
  --base <branch>      branch the pull request goes into (default: the remote's default branch)
  --author <who>       commit author, "Name <email>" (default: git config)
  --label <name>       label for the pull request (repeatable; default: record.labels)
  --reviewer <login>   reviewer to request (repeatable; default: record.reviewers)
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help           show this help

Exit codes: 0 recorded (or nothing to change), 1 problems in the input or the
result (nothing written), 2 usage, configuration or git error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('record', args, {
      ...OFFLINE_FLAG,
      replace: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      pr: { type: 'boolean' },
      base: { type: 'string' },
      author: { type: 'string' },
      label: { type: 'string', multiple: true },
      reviewer: { type: 'string', multiple: true },
      config: { type: 'string' },
      'from-mlflow': { type: 'string' },
      model: { type: 'string' },
      version: { type: 'string' },
      owner: { type: 'string' },
      'artifact-uri': { type: 'string' },
      metrics: { type: 'string' },
      'eval-dataset': { type: 'string' },
      split: { type: 'string' },
    });
    const dryRun = parsed.boolean('dry-run');
    if (dryRun && parsed.boolean('pr')) throw new UsageError('--dry-run and --pr do not go together: a dry run pushes nothing.');
    const input = await inputOf(parsed, context);
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));
    const options = { cwd: context.cwd, config, input, replace: parsed.boolean('replace'), fetch: fetchOptions(parsed, context.env) };
    if (!parsed.boolean('pr')) return report(await recordEntities({ ...options, dryRun }), context, dryRun);

    const environment = readWorkflowContext(context.env);
    const outcome = await recordPullRequest({
      ...options,
      base: parsed.string('base'),
      author: parsed.string('author'),
      labels: parsed.strings('label'),
      reviewers: parsed.strings('reviewer'),
      github: { token: environment.token, owner: environment.owner, repo: environment.repo, apiUrl: environment.apiUrl },
      retryBaseMs: Number(context.env.DOSSIER_RETRY_BASE_MS) || undefined,
      warn: (message: string) => {
        writeLine(context.stderr, `dossier: warning: ${message}`);
      },
    });
    const code = report(outcome.record, context, false);
    if (outcome.message !== undefined) writeMessage(outcome.failed ? context.stderr : context.stdout, outcome.message);
    return code !== EXIT_OK || outcome.failed ? EXIT_FINDINGS : EXIT_OK;
  },
};
