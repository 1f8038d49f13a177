// `dossier compile`: the resolved catalog.json, written atomically.

import { writeOutputFile } from './output-file.js';
import { catalogJsonChunks } from '../compile/catalog-json.js';
import { countDiagnostics, describeCounts } from '../ground/diagnostics.js';
import { countOf } from '../ground/count-noun.js';
import { EXIT_FINDINGS, EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf, parseCommandArgs, type Command } from './command.js';
import { compileAt } from '../use-cases/compile-at.js';
import { compileProject } from '../use-cases/compile-project.js';
import { failsAt, FAIL_ON } from '../use-cases/lint-project.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { Progress } from './terminal.js';
import { writeChunks } from '../ground/atomic-write.js';

export const compileCommand: Command = {
  name: 'compile',
  usage: `Usage: dossier compile [path] [options]

Compiles the repository into one catalog: every entity with its references
resolved, relations in both directions, and every problem found. The output is
byte-identical for the same input.

Options:
  --config <file>      dossier.yaml to use (default: nearest one at or above the path)
${OFFLINE_USAGE}
  --at <rev|date>      compile the metadata as it was at a revision, or on a date (YYYY-MM-DD:
                       the last commit of that day on the first-parent line of HEAD), read from git:
                       the files that revision's dossier.yaml selects, checked with today's rules
  --out <file>         where to write the catalog (default: standard output)
  --fail-on <level>    exit 1 when a problem at or above this level exists:
                       error (default), warning, info or never; the catalog is written either way
  --summary            print entity and problem counts to standard error
  -h, --help           show this help

Exit codes: 0 compiled cleanly, 1 problems at or above --fail-on, 2 usage or configuration error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('compile', args, {
      ...OFFLINE_FLAG,
      config: { type: 'string' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      summary: { type: 'boolean' },
      at: { type: 'string' },
    });
    const failOn = oneOf('fail-on', parsed.string('fail-on'), FAIL_ON, 'error');
    const config = resolveProjectConfig(context.cwd, parsed.positionals, parsed.string('config'));
    const progress = new Progress(context);
    progress.update('Compiling catalog...');
    const at = parsed.string('at');
    const past = at === undefined ? undefined : await compileAt(config, context.cwd, at, fetchOptions(parsed, context.env));
    const result = past?.result ?? (await compileProject(config, context.cwd, fetchOptions(parsed, context.env)));
    progress.done();

    const chunks = catalogJsonChunks(result.catalog, result.diagnostics, { namespaces: config.namespaces });
    const out = parsed.string('out');
    if (out === undefined) await writeChunks(context.stdout, chunks);
    else await writeOutputFile(context.cwd, out, chunks);

    const counts = countDiagnostics(result.diagnostics);
    if (parsed.boolean('summary') || (out !== undefined && counts.errors > 0)) {
      const where = `${past === undefined ? '' : ` as of ${past.revision.ref} (${past.revision.sha.slice(0, 7)})`}${out === undefined ? '' : ` to ${out}`}`;
      const byKind = new Map<string, number>();
      for (const entity of result.catalog.entities) byKind.set(entity.kind, (byKind.get(entity.kind) ?? 0) + 1);
      const kinds = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
      context.stderr.write(
        `Compiled ${countOf(result.catalog.entities.length, 'entity', 'entities')}${kinds ? ` (${kinds})` : ''} from ${countOf(result.fileCount, 'file')}${where}: ${describeCounts(counts)}.${counts.errors > 0 ? ' Run `dossier lint` for details.' : ''}\n`,
      );
    }
    return failsAt(
      result.diagnostics.map((d) => d.severity),
      failOn,
    )
      ? EXIT_FINDINGS
      : EXIT_OK;
  },
};
