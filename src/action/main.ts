// The GitHub Action: inputs to the same library calls as the CLI, results to annotations, outputs,
// the job summary, a SARIF file, the site and the sticky comment. Any thrown value fails the step.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { blobLinker, repositoryUrl } from '../cli/diff-command.js';
import { resolveProjectConfig } from '../cli/project.js';
import { catalogJsonChunks } from '../compile/catalog-json.js';
import { compileProject } from '../compile/load-project.js';
import { countDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { SemanticDiff } from '../diff/change.js';
import { renderDiffJson } from '../diff/diff-json.js';
import { diffRevisions } from '../diff/diff-revisions.js';
import { renderDiffMarkdown } from '../diff/render-markdown.js';
import { createGitHubClient } from '../github/client.js';
import { upsertStickyComment, type CommentMode } from '../github/sticky-comment.js';
import { packageVersion } from '../package-root.js';
import { formatSarif } from '../report/sarif.js';
import { allRules } from '../rules/registry.js';
import { buildSite } from '../site/build-site.js';
import { readHistory } from '../site/history.js';
import { planAnnotations } from './annotations.js';
import { readEvent, type ActionEvent } from './event.js';
import { jobSummary } from './summary.js';

const COMMANDS = ['lint', 'diff', 'build', 'all'] as const;

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`Input \`${name}\` must be one of ${allowed.join(', ')}; got \`${value}\`.`);
  return value as T;
}

function annotate(diagnostics: readonly Diagnostic[], changed: ReadonlySet<string>): void {
  const plan = planAnnotations(diagnostics, changed);
  for (const d of plan.shown) {
    const properties = { file: d.file, startLine: d.range.start.line + 1, startColumn: d.range.start.column + 1, endLine: d.range.end.line + 1, title: `Dossier ${d.ruleId}` };
    const message = d.hint === undefined ? d.message : `${d.message}\n${d.hint}`;
    if (d.severity === 'error') core.error(message, properties);
    else if (d.severity === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
  if (plan.notShown > 0) core.info(`${plan.notShown} more problems are not annotated (GitHub shows 10 of each kind per step); see the job summary and the SARIF file.`);
}

export async function run(): Promise<void> {
  try {
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const event = readEvent(process.env);
    const command = choice('command', COMMANDS, 'all');
    const failOn = choice('fail-on', ['error', 'warning', 'never'] as const, 'error');
    const mode = choice<CommentMode>('comment', ['update', 'recreate', 'off'], 'update');
    const paths = core.getInput('paths').split(/[\s,]+/).filter((p) => p !== '');
    const config = resolveProjectConfig(cwd, paths, core.getInput('config') || undefined);
    const version = packageVersion();
    const repoUrl = repositoryUrl(undefined, process.env);

    const result = await compileProject(config, cwd);
    const counts = countDiagnostics(result.diagnostics);
    core.setOutput('errors', counts.errors);
    core.setOutput('warnings', counts.warnings);
    const catalogPath = path.join(process.env.RUNNER_TEMP ?? cwd, 'dossier-catalog.json');
    writeFileSync(catalogPath, [...catalogJsonChunks(result.catalog, result.diagnostics)].join(''));
    core.setOutput('catalog-path', catalogPath);
    const sarifFile = core.getInput('sarif-file') || 'dossier.sarif';
    writeFileSync(path.resolve(cwd, sarifFile), formatSarif(result.diagnostics, { color: false, rules: allRules, toolVersion: version, fileCount: result.fileCount }));

    let diff: SemanticDiff | undefined;
    let linkTo: ((file: string, line: number) => string) | undefined;
    const base = core.getInput('base') || event.baseSha;
    if ((command === 'diff' || command === 'all') && base !== undefined) {
      const compared = await diffRevisions({ cwd, config, base });
      diff = compared.diff;
      core.setOutput('breaking', diff.summary.breaking);
      writeFileSync(path.join(process.env.RUNNER_TEMP ?? cwd, 'dossier-diff.json'), renderDiffJson(diff));
      linkTo = blobLinker(repoUrl, diff.head.sha, compared.top, cwd);
      await postComment(diff, event, mode, linkTo);
    } else {
      core.setOutput('breaking', 0);
    }

    const changed = new Set(diff?.changes.map((c) => c.file) ?? []);
    if (command !== 'diff') annotate(result.diagnostics, changed);

    if (command === 'build' || (command === 'all' && event.name !== 'pull_request')) {
      const siteDir = path.resolve(cwd, core.getInput('site-dir') || '_site');
      buildSite(result, { outDir: siteDir, version, history: await readHistory(config.rootDir, cwd), ...(config.site.title ? { title: config.site.title } : {}), ...(config.site.templates ? { templatesDir: config.site.templates } : {}) });
      core.setOutput('site-dir', siteDir);
    }

    await core.summary.addRaw(jobSummary(result.diagnostics, diff, linkTo)).write();

    const lintFails = failOn !== 'never' && (counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0));
    const diffFails = diff !== undefined && failOn !== 'never' && (diff.summary.breaking > 0 || (failOn === 'warning' && diff.summary.warning > 0));
    if (lintFails || diffFails) {
      core.setFailed(`Dossier: ${counts.errors} errors, ${counts.warnings} warnings${diff ? `, ${diff.summary.breaking} breaking changes` : ''} (fail-on: ${failOn}).`);
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

async function postComment(diff: SemanticDiff, event: ActionEvent, mode: CommentMode, linkTo: ((file: string, line: number) => string) | undefined): Promise<void> {
  if (mode === 'off' || event.pullRequest === undefined) return;
  if (event.pullRequest.fromFork) {
    core.notice('This pull request comes from a fork: its token is read-only, so Dossier does not comment. Annotations and the job summary are complete; see the README for the fork-safe two-workflow pattern.');
    return;
  }
  const token = core.getInput('github-token') || process.env.GITHUB_TOKEN;
  if (!token) {
    core.warning('No github-token: the pull request comment is skipped.');
    return;
  }
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const client = createGitHubClient({ token, ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}), warn: (m) => core.warning(m) });
  try {
    const outcome = await upsertStickyComment(client, { owner, repo, issueNumber: event.pullRequest.number }, renderDiffMarkdown(diff, linkTo ? { linkTo } : {}), { header: core.getInput('comment-header') || 'dossier', mode });
    if (outcome.action !== 'skipped') core.setOutput('comment-url', outcome.url);
  } catch (error) {
    const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : undefined;
    if (status === 403 || status === 404) {
      core.warning(`GitHub refused the pull request comment (HTTP ${String(status)}): the token needs \`pull-requests: write\`. The results above are unaffected.`);
      return;
    }
    throw error;
  }
}
