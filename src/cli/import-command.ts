// `dossier import`: metadata from Hugging Face cards, Croissant and MLflow written as Dossier YAML.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { allRules } from '../rules/registry.js';
import { FORMATTERS } from '../report/formatters.js';
import { UsageError } from '../ground/errors.js';
import { isName } from '../model/reference.js';
import { EXIT_FINDINGS, EXIT_OK, parseCommandArgs, type Command } from './command.js';
import { terminalLines } from '../ground/terminal-text.js';
import { colorEnabled, writeLine } from './terminal.js';

export const importCommand: Command = {
  name: 'import',
  usage: `Usage: dossier import [<format>] <input...> [options]

Formats (each importer refuses another format's file, exit 2, naming what it
looks like):
  auto              told by each input's content (also when the format is left
                    out); a card that does not say whether it is a model's or a
                    dataset's, and inputs of different formats, are refused
  hf-model-card     a model repo's README.md (or its folder): Model, its
                    training datasets, and with --version a ModelVersion and an
                    Evaluation per model-index result
  hf-dataset-card   a dataset repo's README.md (or its folder): Dataset with
                    license, languages, features as schema fields, splits
  croissant         a Croissant 1.0 JSON-LD file (or a folder's metadata.json)
  mlflow-model      an MLmodel file (or model folder): ModelVersion (needs --version)
  mlflow-registry   JSON saved from MLflow's REST API (registered-models/get,
                    model-versions/search): Model and ModelVersions

The repository --out is in (its dossier.yaml's folder) decides what exists: an
entity it defines anywhere is updated where it is, and a team, model or dataset
the source only refers to is used as it is. Only new entities go into --out
(default: the working directory), laid out like \`dossier init\`:
models/<model>.yaml (model, versions, evaluations), datasets/<dataset>.yaml,
teams/<team>.yaml. Re-importing merges: fields from the source are updated;
fields, documents and comments you added are kept. A file import did not write
is not changed without --force. Every field of the source is accounted for:
what has no place in Dossier's format and what is left out on purpose (with
why) are listed on standard error; --format json also lists what was mapped.
See docs/interop.md for every mapping.

Exit codes: 0 written (warnings allowed), 1 refused (a file import did not
write, or a document the schemas reject), 2 unreadable input or bad usage.

Options:
  --out <dir>          where new files go (default: .)
  --owner <team>       metadata.owner of every entity (a Team is created if the
                       repository defines none)
  --namespace <ns>     metadata.namespace of every entity
  --name <name>        the entity's name when the source has none (default: the input's folder)
  --version <version>  the model version a card's results or an MLmodel belong to
  --dry-run            print what would be written; write nothing
  --force              also merge into files import did not write
  --format <format>    stylish (default) or json
  -h, --help           show this help`,

  async run(args, context) {
    const parsed = parseCommandArgs('import', args, {
      out: { type: 'string' },
      owner: { type: 'string' },
      namespace: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      format: { type: 'string' },
    });
    const { AUTO_FORMAT, IMPORT_FORMATS, importMetadata } = await import('../use-cases/import-metadata.js');
    const formats: readonly string[] = [AUTO_FORMAT, ...IMPORT_FORMATS];
    const [first, ...rest] = parsed.positionals;
    // The format may be left out when the first argument is a file or folder: it is told by content.
    const named = first !== undefined && formats.includes(first);
    const format = named ? first : first !== undefined && existsSync(path.resolve(context.cwd, first)) ? AUTO_FORMAT : undefined;
    const inputs = named ? rest : parsed.positionals;
    if (format === undefined)
      throw new UsageError(
        `Name the format${first === undefined ? '' : ` (\`${first}\` is no format, and no file or folder)`}: dossier import [${formats.join(' | ')}] <input...>.`,
      );
    if (inputs.length === 0) throw new UsageError(`Name what to import: dossier import ${format} <file or folder...>.`);
    const outputFormat = parsed.string('format') ?? 'stylish';
    if (outputFormat !== 'stylish' && outputFormat !== 'json') throw new UsageError('--format takes stylish or json.');
    for (const [flag, value] of [
      ['owner', parsed.string('owner')],
      ['namespace', parsed.string('namespace')],
    ] as const)
      if (value !== undefined && !isName(value))
        throw new UsageError(`--${flag} takes a Dossier name (lowercase a-z, 0-9, '.', '_', '-'), not \`${value}\`.`);
    const dryRun = parsed.boolean('dry-run');
    const result = importMetadata({
      cwd: context.cwd,
      format: format as (typeof IMPORT_FORMATS)[number] | typeof AUTO_FORMAT,
      inputs,
      out: path.resolve(context.cwd, parsed.string('out') ?? '.'),
      owner: parsed.string('owner'),
      namespace: parsed.string('namespace'),
      name: parsed.string('name'),
      version: parsed.string('version'),
      dryRun,
      force: parsed.boolean('force'),
    });
    const failed = result.refused.length > 0 || result.problems.length > 0;
    if (outputFormat === 'json') {
      context.stdout.write(
        `${JSON.stringify(
          {
            files: result.files.map(({ file, action, entities, text }) => ({ file, action, entities, ...(dryRun ? { text } : {}) })),
            mapped: result.mapped,
            unmapped: result.unmapped,
            dropped: result.dropped,
            warnings: result.warnings,
            refused: result.refused,
            written: result.written,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const warning of result.warnings) writeLine(context.stderr, `dossier: warning: ${warning}`);
      if (result.unmapped.length > 0) {
        writeLine(context.stderr, "dossier: not imported (no place in Dossier's format):");
        for (const field of result.unmapped) writeLine(context.stderr, `  ${field}`);
      }
      if (result.dropped.length > 0) {
        writeLine(context.stderr, 'dossier: left out on purpose:');
        for (const field of result.dropped) writeLine(context.stderr, `  ${field}`);
      }
      for (const file of result.files) {
        if (dryRun) {
          const action = file.action === 'created' ? 'would create' : file.action === 'updated' ? 'would update' : 'unchanged';
          writeLine(context.stdout, `# ${action}: ${file.file}`);
          // The YAML to be written, shown line by line as it would be.
          if (file.action !== 'unchanged') context.stdout.write(terminalLines(file.text));
        } else writeLine(context.stdout, `${failed ? 'not written' : file.action} ${file.file} (${file.entities.join(', ')})`);
      }
      for (const file of result.refused) {
        const entities = result.files.find((entry) => entry.file === file)?.entities ?? [];
        writeLine(
          context.stderr,
          `dossier: ${file} was not written by dossier import and would change (${entities.join(', ')}): nothing was written. Pass --force to merge into it.`,
        );
      }
      if (result.problems.length > 0) {
        const stylish = FORMATTERS.stylish as (typeof FORMATTERS)[string];
        context.stdout.write(
          stylish(result.problems, {
            color: colorEnabled(context.stdout, context.env),
            rules: allRules,
            toolVersion: context.version,
            fileCount: result.files.length,
          }),
        );
      }
    }
    return failed ? EXIT_FINDINGS : EXIT_OK;
  },
};
