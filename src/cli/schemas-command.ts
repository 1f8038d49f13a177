// `dossier schemas`: writes a copy of the schemas into the repository for editors, and modelines.

import path from 'node:path';
import { addModeline, copySchemas, REPOSITORY_SCHEMAS_DIR } from '../use-cases/editor-schemas.js';
import { EXIT_OK, parseCommandArgs, type Command } from './command.js';
import { writeLine } from './terminal.js';
import { refuseFolderLeavingRepository } from '../use-cases/output-folder.js';

export const schemasCommand: Command = {
  name: 'schemas',
  usage: `Usage: dossier schemas [--out <folder>] [--modeline <file>...]

Writes Dossier's JSON Schemas into the repository (default: ${REPOSITORY_SCHEMAS_DIR}), where
.vscode/settings.json from \`dossier init\` finds them by a relative path. Commit the
folder, and run this again after upgrading Dossier.

With --modeline, also puts a \`# yaml-language-server: $schema=...\` line at the top of
each given file (a path relative to that file), for editors without the settings.
Files that have one are left alone.

Options:
  --out <folder>       where to write the schemas (default: ${REPOSITORY_SCHEMAS_DIR})
  --modeline           treat the arguments as files to give a modeline
  -h, --help           show this help

Exit codes: 0 written, 2 usage error or a folder that cannot be written.`,

  async run(args, context) {
    const parsed = parseCommandArgs('schemas', args, { out: { type: 'string' }, modeline: { type: 'boolean' } });
    const outDir = path.resolve(context.cwd, parsed.string('out') ?? REPOSITORY_SCHEMAS_DIR);
    refuseFolderLeavingRepository(context.cwd, outDir, 'The schemas folder');
    const written = await copySchemas(outDir);
    writeLine(context.stdout, `Wrote ${written.length} schemas to ${path.relative(context.cwd, outDir) || '.'}.`);
    if (parsed.boolean('modeline')) {
      for (const file of parsed.positionals) {
        refuseFolderLeavingRepository(context.cwd, file, 'The file', 'file');
        const outcome = await addModeline(path.resolve(context.cwd, file), outDir);
        writeLine(context.stdout, `${outcome === 'added' ? 'Added a modeline to' : 'Already has a modeline:'} ${file}`);
      }
    }
    return EXIT_OK;
  },
};
