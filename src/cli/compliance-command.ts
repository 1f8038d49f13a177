// `dossier compliance`: the technical documentation of models under a compliance profile.

import { writeOutputFile } from './output-file.js';
import { renderComplianceHtml, renderComplianceJson, renderComplianceMarkdown } from '../compliance/render-compliance.js';
import { commitLinker, repositoryWebUrl } from '../git/history.js';
import { gitIn } from '../git/read-revision.js';
import { UsageError } from '../ground/errors.js';
import { PROFILE_IDS } from '../rules/profiles/index.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { reportCompliance } from '../use-cases/report-compliance.js';
import { EXIT_FINDINGS, EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf, parseCommandArgs, type Command } from './command.js';
import { Progress } from './terminal.js';

export const complianceCommand: Command = {
  name: 'compliance',
  usage: `Usage: dossier compliance <PROFILE> [MODEL-REF...] [options]

The technical documentation of each model under a compliance profile,
organised by the profile's sections (the EU AI Act's Annex IV has nine), each
item filled from the metadata with its evidence: entity, field, file, line and
the commit that last changed it. Lifecycle changes come from the metadata's
git history. Each report ends in a completeness score and, for what is
missing, how to fill it. Profiles: ${PROFILE_IDS.join(', ')}.

Without MODEL-REF, every model the profile applies to (for eu-ai-act, those
declaring compliance.euAiAct.classification: high-risk; for the others, those
with a version in production). The score measures the documentation only: it
is not a conformity assessment, and nothing is inferred that was not declared.

Options:
  --at <rev|date>      the metadata as it was at a revision, or on a date
                       (YYYY-MM-DD: the last commit of that day); default HEAD
  --format <name>      markdown (default), json (schemas/compliance.schema.json:
                       a list, one report per model) or html (a printable page)
  --out <file>         write to a file instead of standard output
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help           show this help

Exit code: 0 when every report is complete, 1 when something is missing,
2 on a usage or configuration problem (an unknown profile or model, --at
before the first commit).`,

  async run(args, context) {
    const parsed = parseCommandArgs('compliance', args, {
      ...OFFLINE_FLAG,
      at: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
    });
    const format = oneOf('format', parsed.string('format'), ['markdown', 'json', 'html'] as const, 'markdown');
    const [profile, ...models] = parsed.positionals;
    if (profile === undefined)
      throw new UsageError(`Name the profile, e.g. \`dossier compliance eu-ai-act\`. The profiles are ${PROFILE_IDS.join(', ')}.`);
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));

    const progress = new Progress(context);
    progress.update('Reading history...');
    const reports = await reportCompliance({
      cwd: context.cwd,
      config,
      profile,
      models,
      at: parsed.string('at'),
      fetch: fetchOptions(parsed, context.env),
    });
    progress.done();

    const commitUrl = commitLinker(await repositoryWebUrl(gitIn(config.rootDir)));
    const output =
      format === 'json'
        ? renderComplianceJson(reports)
        : format === 'html'
          ? renderComplianceHtml(reports, { commitUrl })
          : renderComplianceMarkdown(reports, { commitUrl });
    const out = parsed.string('out');
    if (out === undefined) context.stdout.write(output);
    else await writeOutputFile(context.cwd, out, output);
    return reports.every((report) => report.completeness === 1) ? EXIT_OK : EXIT_FINDINGS;
  },
};
