// The `dossier` command: dispatches to one command, turns thrown errors into exit code 2.

import { ConfigError, ServiceError, UsageError } from '../ground/errors.js';
import { EXIT_OK, EXIT_USAGE, type Command, type CommandContext } from './command.js';
import { buildCommand } from './build-command.js';
import { commentCommand } from './comment-command.js';
import { compileCommand } from './compile-command.js';
import { diffCommand } from './diff-command.js';
import { initCommand } from './init-command.js';
import { lintCommand } from './lint-command.js';
import { auditCommand } from './audit-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { logCommand } from './log-command.js';
import { recordCommand } from './record-command.js';
import { rulesCommand } from './rules-command.js';
import { schemasCommand } from './schemas-command.js';
import { scoreCommand } from './score-command.js';
import { serveCommand } from './serve-command.js';

const COMMANDS: readonly Command[] = [
  lintCommand,
  compileCommand,
  buildCommand,
  serveCommand,
  diffCommand,
  logCommand,
  auditCommand,
  recordCommand,
  exportCommand,
  importCommand,
  commentCommand,
  scoreCommand,
  rulesCommand,
  initCommand,
  schemasCommand,
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
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    context.stdout.write(target ? `${target.usage}\n` : overview());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${context.version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw new UsageError(`Unknown command \`${name}\`. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`${command.usage}\n`);
      return EXIT_OK;
    }
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof ServiceError) {
      context.stderr.write(`dossier: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail =
      context.env.DOSSIER_DEBUG && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error);
    context.stderr.write(
      `dossier: internal error: ${detail}\nThis is a bug in Dossier; please report it with the command you ran (set DOSSIER_DEBUG=1 for details).\n`,
    );
    return EXIT_USAGE;
  }
}
