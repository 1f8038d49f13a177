// `dossier rules`: every rule with its effective severity under the current configuration.

import { stableStringify } from '../ground/stable-json.js';
import { Ruleset } from '../rules/ruleset.js';
import { EXIT_OK, oneOf, parseCommandArgs, type Command } from './command.js';
import { resolveProjectConfig } from '../use-cases/project.js';

export const rulesCommand: Command = {
  name: 'rules',
  usage: `Usage: dossier rules [options]

Lists every rule Dossier knows (file, YAML, schema and reference checks,
governance rules and the policies in dossier.yaml), with the severity the
configuration gives it through "extends" (recommended or strict) and "rules".

Options:
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
  --format <name>      table (default) or json
  -h, --help           show this help

Exit codes: 0 listed, 2 usage error.`,

  run(args, context) {
    const parsed = parseCommandArgs('rules', args, { config: { type: 'string' }, format: { type: 'string' } });
    const format = oneOf('format', parsed.string('format'), ['table', 'json'] as const, 'table');
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));
    const rows = new Ruleset(config).describe();
    if (format === 'json') {
      context.stdout.write(`${stableStringify(rows)}\n`);
      return EXIT_OK;
    }
    const idWidth = Math.max(...rows.map((row) => row.id.length)) + 2;
    const lines = rows.map((row) => `${row.id.padEnd(idWidth)}${row.severity.padEnd(9)}${row.family.padEnd(15)}${row.description}`);
    context.stdout.write(`${'RULE'.padEnd(idWidth)}${'SEVERITY'.padEnd(9)}${'FAMILY'.padEnd(15)}DESCRIPTION\n${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
