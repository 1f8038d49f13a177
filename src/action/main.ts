// The GitHub Action: inputs to the same use cases as the CLI, results to annotations, outputs,
// the job summary, a SARIF file, the site and the sticky comment. Any thrown value fails the step.

import path from 'node:path';
import * as core from '@actions/core';
import { catalogJsonChunks } from '../compile/catalog-json.js';
import type { SemanticDiff } from '../diff/change.js';
import { renderDiffJson } from '../diff/diff-json.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { readWorkflowContext, type WorkflowContext } from '../github/actions-context.js';
import { blobLinker, repositoryUrl, type FileLinker } from '../github/links.js';
import type { CommentMode } from '../github/sticky-comment.js';
import { countDiagnostics, type Diagnostic } from '../ground/diagnostics.js';
import { countOf } from '../ground/count-noun.js';
import { packageVersion } from '../ground/package-root.js';
import { formatSarif } from '../report/sarif.js';
import { allRules } from '../rules/registry.js';
import { buildProjectSite } from '../use-cases/build-project-site.js';
import { diffProject, type ProjectDiff } from '../use-cases/diff-project.js';
import { checkPullRequestApprovals, type ApprovalCheck } from '../use-cases/verify-approvals.js';
import { renderApprovalsMarkdown } from '../approvals/render-approvals.js';
import type { DossierConfig } from '../config/load-config.js';
import { failsAt, lintProject } from '../use-cases/lint-project.js';
import { postComment } from '../use-cases/post-comment.js';
import { planAnnotations } from './annotations.js';
import { recordStep } from './record-step.js';
import { jobSummary } from './summary.js';
import { logInfo } from './log.js';
import { oneBasedRange } from '../ground/location.js';
import { writeFileAtomicSync } from '../ground/atomic-write.js';
import { leavesThroughLink } from '../ground/contained-path.js';
import { terminalLines, terminalText } from '../ground/terminal-text.js';
import { pushAll } from '../ground/collections.js';

const COMMANDS = ['lint', 'diff', 'build', 'all', 'record'] as const;
/** `dossier lint --fail-on` and `dossier diff --fail-on` words alike. */
const ACTION_FAIL_ON = ['error', 'breaking', 'warning', 'never'] as const;

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`Input \`${name}\` must be one of ${allowed.join(', ')}; got \`${value}\`.`);
  return value as T;
}

function annotate(diagnostics: readonly Diagnostic[], changed: ReadonlySet<string>): void {
  const plan = planAnnotations(diagnostics, changed);
  for (const d of plan.shown) {
    const { line, column, endLine } = oneBasedRange(d.range);
    const properties = {
      file: terminalText(d.file),
      startLine: line,
      startColumn: column,
      endLine,
      title: `Dossier ${d.ruleId}`,
    };
    // @actions/core escapes line breaks; ESC and the other controls of the repository's text are shown escaped.
    const message = terminalLines(d.hint === undefined ? d.message : `${d.message}\n${d.hint}`);
    if (d.severity === 'error') core.error(message, properties);
    else if (d.severity === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (plan.notShown > 0)
    logInfo(
      `${plan.notShown} more problems are not annotated (GitHub shows 10 of each kind per step); see the job summary and the SARIF file.`,
    );
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review']);

export async function run(): Promise<void> {
  try {
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const workflow = readWorkflowContext(process.env);
    const command = choice('command', COMMANDS, 'all');
    const failOn = choice('fail-on', ACTION_FAIL_ON, 'error');
    const mode = choice<CommentMode>('comment', ['update', 'recreate', 'off'], 'update');
    const paths = core
      .getInput('paths')
      .split(/[\s,]+/)
      .filter((p) => p !== '');
    if (command === 'record') {
      await recordStep(cwd, workflow);
      return;
    }
    const version = packageVersion();
    const tempDir = process.env.RUNNER_TEMP ?? cwd;

    // `paths` scopes what is reported, exactly as `dossier lint PATH` does.
    const linted = await lintProject({
      cwd,
      paths,
      configFile: core.getInput('config') || undefined,
      cache: false,
    });
    const { config, compiled } = linted;
    const diagnostics = [...linted.diagnostics];
    const catalogPath = path.join(tempDir, 'dossier-catalog.json');
    writeFileAtomicSync(
      catalogPath,
      [...catalogJsonChunks(compiled.catalog, compiled.diagnostics, { namespaces: config.namespaces })].join(''),
    );
    core.setOutput('catalog-path', catalogPath);

    let diff: SemanticDiff | undefined;
    let linkTo: FileLinker | undefined;
    const base = core.getInput('base') || workflow.baseSha;
    if ((command === 'diff' || command === 'all') && base !== undefined) {
      const compared = await diffProject({ cwd, config, base, workingTree: compiled });
      diff = compared.diff;
      for (const warning of compared.warnings) core.warning(warning);
      core.setOutput('breaking', diff.summary.breaking);
      writeFileAtomicSync(path.join(tempDir, 'dossier-diff.json'), renderDiffJson(diff));
      linkTo = blobLinker(repositoryUrl(undefined, process.env), { base: diff.base.sha, head: diff.head.sha }, compared.top, cwd);
      const approvals = await checkApprovals(cwd, config, compared, workflow);
      pushAll(diagnostics, approvals.diagnostics);
      await commentOnPullRequest(
        [renderDiffMarkdown(diff, linkTo ? { linkTo } : {}), renderApprovalsMarkdown(approvals.verdicts)]
          .filter((part) => part !== '')
          .join('\n'),
        workflow,
        mode,
      );
    } else {
      core.setOutput('breaking', 0);
    }

    const counts = countDiagnostics(diagnostics);
    core.setOutput('errors', counts.errors);
    core.setOutput('warnings', counts.warnings);
    const sarifFile = core.getInput('sarif-file') || 'dossier.sarif';
    const sarifPath = path.resolve(cwd, sarifFile);
    // The workspace holds the pull request's files: a link it committed at this path is replaced, never written through.
    if (leavesThroughLink(cwd, path.dirname(sarifPath)))
      throw new Error(`\`sarif-file\` ${sarifFile} leads out of the workspace through a symbolic link; not writing it.`);
    writeFileAtomicSync(
      sarifPath,
      formatSarif(diagnostics, { color: false, rules: allRules, toolVersion: version, fileCount: compiled.fileCount }),
    );

    const changed = new Set(diff?.changes.map((c) => c.file) ?? []);
    if (command !== 'diff') annotate(diagnostics, changed);

    // On a pull request (pull_request_target runs on the base, with a write token) a site would not be the merged one: none is built.
    if (command === 'build' || (command === 'all' && !PULL_REQUEST_EVENTS.has(workflow.eventName))) {
      const site = await buildProjectSite({ cwd, config, compiled, version, outDir: core.getInput('site-dir') || '_site' });
      core.setOutput('site-dir', site.outDir);
    }

    await core.summary.addRaw(jobSummary(diagnostics, diff, linkTo)).write();

    // `breaking` is the diff's word for what `error` means to lint: both fail on errors and breaking changes.
    const lintFailOn = failOn === 'breaking' ? 'error' : failOn;
    const lintFails = failsAt(
      diagnostics.map((d) => d.severity),
      lintFailOn,
    );
    const diffFails =
      diff !== undefined && failOn !== 'never' && (diff.summary.breaking > 0 || (failOn === 'warning' && diff.summary.warning > 0));
    if (lintFails || diffFails) {
      core.setFailed(
        `Dossier: ${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}${diff ? `, ${countOf(diff.summary.breaking, 'breaking change')}` : ''} (fail-on: ${failOn}).`,
      );
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * On a pull request, the approvals it adds or changes checked against its reviews; a
 * `pull_request_review` event runs this again, so a review turns the check green.
 */
async function checkApprovals(
  cwd: string,
  config: DossierConfig,
  compared: ProjectDiff,
  workflow: WorkflowContext,
): Promise<ApprovalCheck> {
  const pullRequest = workflow.pullRequest;
  if (pullRequest === undefined || !PULL_REQUEST_EVENTS.has(workflow.eventName)) return { verdicts: [], diagnostics: [] };
  const token = core.getInput('github-token') || workflow.token;
  const target = { owner: workflow.owner ?? '', repo: workflow.repo ?? '', number: pullRequest.number };
  return checkPullRequestApprovals({
    cwd,
    config,
    base: compared.base.catalog,
    head: compared.head.catalog,
    pullRequest: target,
    token: token ?? '',
    apiUrl: workflow.apiUrl,
    retryBaseMs: Number(process.env.DOSSIER_RETRY_BASE_MS) || undefined,
    warn: (message) => {
      core.warning(message);
    },
  });
}

async function commentOnPullRequest(markdown: string, workflow: WorkflowContext, mode: CommentMode): Promise<void> {
  if (mode === 'off' || workflow.pullRequest === undefined) return;
  if (workflow.pullRequest.fromFork) {
    core.notice(
      'This pull request comes from a fork: its token is read-only, so Dossier does not comment. Annotations and the job summary are complete; see the README for the fork-safe two-workflow pattern.',
    );
    return;
  }
  const token = core.getInput('github-token') || workflow.token;
  if (!token) {
    core.warning('No github-token: the pull request comment is skipped.');
    return;
  }
  const outcome = await postComment({
    token,
    apiUrl: workflow.apiUrl,
    target: { owner: workflow.owner ?? '', repo: workflow.repo ?? '', issueNumber: workflow.pullRequest.number },
    markdown,
    header: core.getInput('comment-header') || 'dossier',
    mode,
    warn: (message) => {
      core.warning(message);
    },
  });
  if (outcome.action === 'refused') core.warning(outcome.reason);
  else if (outcome.action !== 'skipped') core.setOutput('comment-url', outcome.url);
}
