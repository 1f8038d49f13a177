// The `dossier` command: dispatches to one command, turns thrown errors into exit code 2.

import { ConfigError, ServiceError, UsageError } from '../ground/errors.js';
import { EXIT_OK, EXIT_USAGE, type Command, type CommandContext } from './command.js';
import { writeMessage } from './terminal.js';

/**
 * Every command, loaded only when it runs: the CLI starts by parsing the code of one command, not of
 * all of them (the site's templates, git, GitHub's client, the exporters).
 */
interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'lint',
    summary: 'Check metadata files: schemas, references and rules; every problem at file:line:col.',
    load: async () => (await import('./lint-command.js')).lintCommand,
  },
  {
    name: 'compile',
    summary: 'Resolve the repository into one catalog.json with relations in both directions.',
    load: async () => (await import('./compile-command.js')).compileCommand,
  },
  {
    name: 'build',
    summary: 'Build the static HTML catalog site: entity pages, lineage, owners, search, history.',
    load: async () => (await import('./build-command.js')).buildCommand,
  },
  {
    name: 'serve',
    summary: 'Preview a built site locally on 127.0.0.1.',
    load: async () => (await import('./serve-command.js')).serveCommand,
  },
  {
    name: 'diff',
    summary: 'Compare the metadata with a base revision: what changed, what it breaks, what depends on it.',
    load: async () => (await import('./diff-command.js')).diffCommand,
  },
  {
    name: 'log',
    summary: 'The semantic history: what each commit changed in models, datasets and features, newest first.',
    load: async () => (await import('./log-command.js')).logCommand,
  },
  {
    name: 'audit',
    summary: "A model's audit report: stage transitions, approvals, evaluations, training data and deployments over time.",
    load: async () => (await import('./audit-command.js')).auditCommand,
  },
  {
    name: 'compliance',
    summary: 'Technical documentation under a compliance profile (EU AI Act Annex IV, NIST AI RMF, ISO/IEC 42001), with evidence.',
    load: async () => (await import('./compliance-command.js')).complianceCommand,
  },
  {
    name: 'record',
    summary: 'Write what a training run produced (version, data, metrics) into the metadata; --pr opens the pull request.',
    load: async () => (await import('./record-command.js')).recordCommand,
  },
  {
    name: 'export',
    summary: 'The catalog as CycloneDX or SPDX 3.0 BOMs, Hugging Face model cards or Croissant dataset descriptions.',
    load: async () => (await import('./export-command.js')).exportCommand,
  },
  {
    name: 'import',
    summary: 'Write Dossier YAML from Hugging Face model/dataset cards, Croissant, MLflow MLmodel files and registry responses.',
    load: async () => (await import('./import-command.js')).importCommand,
  },
  {
    name: 'comment',
    summary: 'Post the diff as one pull request comment that updates itself on every push.',
    load: async () => (await import('./comment-command.js')).commentCommand,
  },
  {
    name: 'score',
    summary: 'Print the governance scorecard: share of models meeting each rule family, per owner.',
    load: async () => (await import('./score-command.js')).scoreCommand,
  },
  {
    name: 'rules',
    summary: 'List every rule with its effective severity.',
    load: async () => (await import('./rules-command.js')).rulesCommand,
  },
  {
    name: 'init',
    summary: 'Create a new metadata repository with dossier.yaml, example entities and editor set-up.',
    load: async () => (await import('./init-command.js')).initCommand,
  },
  {
    name: 'schemas',
    summary: 'Copy the JSON Schemas into the repository, so editors validate on every clone.',
    load: async () => (await import('./schemas-command.js')).schemasCommand,
  },
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `Usage: dossier <command> [options]

ML metadata as code: models, versions, datasets, features, deployments and
owners kept as YAML in git, checked and compiled into a catalog.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help     show help (also after a command: dossier lint --help)
  -v, --version  print the version
`;
}

export async function main(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  // No command is a mistake in how Dossier was called, as it is for git: the overview, on stderr, exit 2.
  if (name === undefined) {
    context.stderr.write(overview());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    context.stdout.write(target ? `${(await target.load()).usage}\n` : overview());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${context.version}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  try {
    if (entry === undefined) throw new UsageError(`Unknown command \`${name}\`. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`${command.usage}\n`);
      return EXIT_OK;
    }
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof ServiceError) {
      writeMessage(context.stderr, `dossier: ${error.message}`);
      return EXIT_USAGE;
    }
    const detail =
      context.env.DOSSIER_DEBUG && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error);
    writeMessage(
      context.stderr,
      `dossier: internal error: ${detail}\nThis is a bug in Dossier; please report it with the command you ran (set DOSSIER_DEBUG=1 for details).`,
    );
    return EXIT_USAGE;
  }
}
