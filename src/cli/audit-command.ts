// `dossier audit`: the audit report of one model, from the metadata's whole history.

import { writeOutputFile } from './output-file.js';
import { renderAuditHtml, renderAuditJson, renderAuditMarkdown } from '../audit/render-audit.js';
import { commitLinker } from '../git/history.js';
import { UsageError } from '../ground/errors.js';
import { auditModel } from '../use-cases/audit-model.js';
import { auditApprovalsOnGitHub } from '../use-cases/audit-approvals-on-github.js';
import { readWorkflowContext } from '../github/actions-context.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { EXIT_FINDINGS, EXIT_OK, fetchOptions, OFFLINE_FLAG, OFFLINE_USAGE, oneOf, parseCommandArgs, type Command } from './command.js';
import { Progress } from './terminal.js';

export const auditCommand: Command = {
  name: 'audit',
  usage: `Usage: dossier audit <MODEL-REF> [options]

The document a model-risk review files (an SR 11-7 inventory entry, an EU AI
Act Annex IV file), read from the metadata's git history: for every version of
the model, its stage and lifecycle transitions (date, commit, author), its
approvals (who, when, in which commit, whether the approver was independent
of the model's owners then), what was recorded each time it entered staging
or production (approvals, evaluations and metrics, training data with license
and classification, open governance problems), and its deployments and
traffic over time. Findings say plainly what is missing, e.g. a promotion to
production with no approval recorded.

Options:
  --rev <ref>          the newest commit (default: HEAD)
  --since <date|rev>   only commits after this date (YYYY-MM-DD) or revision
  --until <date|rev>   only commits up to this date or revision
  --github             check each approval against GitHub: the pull request that
                       merged the commit recording it, and whether the team (its
                       github user, its members', or its org team's members)
                       approved it there; says verified, not verified or not
                       checked. Reads GITHUB_TOKEN, GITHUB_REPOSITORY (else the
                       origin remote) and GITHUB_API_URL, as dossier comment does
  --format <name>      markdown (default), json (schemas/audit.schema.json) or html
  --out <file>         write to a file instead of standard output
  --config <file>      dossier.yaml to use (default: nearest one at or above the working directory)
${OFFLINE_USAGE}
  -h, --help           show this help

Exit codes: 0 no error among the findings, 1 an error finding (a promotion to
production with no approval recorded, say), 2 usage, configuration or git error.`,

  async run(args, context) {
    const parsed = parseCommandArgs('audit', args, {
      ...OFFLINE_FLAG,
      rev: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      github: { type: 'boolean' },
    });
    const format = oneOf('format', parsed.string('format'), ['markdown', 'json', 'html'] as const, 'markdown');
    const [model, ...extra] = parsed.positionals;
    if (model === undefined) throw new UsageError('Name the model to audit, e.g. `dossier audit model:fraud-detector`.');
    if (extra.length > 0) throw new UsageError(`dossier audit takes one model; got also ${extra.join(', ')}.`);
    const config = resolveProjectConfig(context.cwd, [], parsed.string('config'));
    const workflow = readWorkflowContext(context.env);
    if (parsed.boolean('github') && workflow.token === undefined)
      throw new UsageError(
        '--github reads approvals from GitHub: set GITHUB_TOKEN (in a workflow: `env: GITHUB_TOKEN: ${{ github.token }}`).',
      );

    const progress = new Progress(context);
    progress.update('Reading history...');
    const audited = await auditModel({
      cwd: context.cwd,
      config,
      model,
      rev: parsed.string('rev'),
      since: parsed.string('since'),
      until: parsed.string('until'),
      fetch: fetchOptions(parsed, context.env),
    });
    const { webUrl } = audited;
    let { report } = audited;
    if (parsed.boolean('github')) {
      progress.update('Reading pull requests and reviews...');
      const fromRemote = webUrl?.split('/').slice(-2);
      const owner: string | undefined = workflow.owner ?? fromRemote?.[0];
      const repo: string | undefined = workflow.repo ?? fromRemote?.[1];
      if (owner === undefined || repo === undefined)
        throw new UsageError('--github needs the repository: set GITHUB_REPOSITORY=owner/name, or give the clone a GitHub origin.');
      report = await auditApprovalsOnGitHub(report, audited.catalog, {
        owner,
        repo,
        token: workflow.token ?? '',
        apiUrl: workflow.apiUrl,
        retryBaseMs: Number(context.env.DOSSIER_RETRY_BASE_MS) || undefined,
      });
    }
    progress.done();

    const commitUrl = commitLinker(webUrl);
    const output =
      format === 'json'
        ? renderAuditJson(report)
        : format === 'html'
          ? renderAuditHtml(report, { commitUrl })
          : renderAuditMarkdown(report, { commitUrl });
    const out = parsed.string('out');
    if (out === undefined) context.stdout.write(output);
    else await writeOutputFile(context.cwd, out, output);
    return report.findings.some((finding) => finding.level === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
