// `command: record` of the Action: a training workflow's one step that records its result and opens
// (or updates) the pull request, with the same use cases as `dossier record --pr`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import type { WorkflowContext } from '../github/actions-context.js';
import { resolveProjectConfig } from '../use-cases/project.js';
import { recordEntities, recordFailed, type RecordResult } from '../use-cases/record-entities.js';
import { recordPullRequest } from '../use-cases/record-pull-request.js';
import { oneBasedRange } from '../ground/location.js';
import { logInfo } from './log.js';

const list = (name: string) =>
  core
    .getInput(name)
    .split(/[\s,]+/)
    .filter((item) => item !== '');

function reportRecord(record: RecordResult): void {
  for (const d of [...record.inputProblems, ...record.problems]) {
    const { line, column } = oneBasedRange(d.range);
    const properties = { file: d.file, startLine: line, startColumn: column, title: `Dossier ${d.ruleId}` };
    if (d.severity === 'error') core.error(d.message, properties);
    else core.warning(d.message, properties);
  }
  for (const refusal of record.refusals) core.error(refusal);
  for (const entity of record.entities) logInfo(`${entity.identity}: ${entity.action} in ${entity.file}`);
}

export async function recordStep(cwd: string, workflow: WorkflowContext): Promise<void> {
  const file = core.getInput('record-file');
  if (file === '') throw new Error('command: record needs the input `record-file`: the JSON or YAML file the training job wrote.');
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw new Error(`record-file ${file} cannot be read: did the training step write it?`);
  }
  const config = resolveProjectConfig(cwd, [], core.getInput('config') || undefined);
  const options = { cwd, config, input: { text, file, path: full }, replace: core.getInput('record-replace') === 'true' };
  if (core.getInput('record-pr') === 'false') {
    const record = await recordEntities(options);
    reportRecord(record);
    if (recordFailed(record)) core.setFailed('Dossier: the record has problems; nothing was written.');
    return;
  }
  const outcome = await recordPullRequest({
    ...options,
    base: core.getInput('record-base') || undefined,
    labels: list('record-labels'),
    reviewers: list('record-reviewers'),
    github: { token: core.getInput('github-token') || workflow.token, owner: workflow.owner, repo: workflow.repo, apiUrl: workflow.apiUrl },
    warn: (message) => {
      core.warning(message);
    },
  });
  reportRecord(outcome.record);
  if (outcome.pullRequest !== undefined) core.setOutput('pull-request-url', outcome.pullRequest.url);
  if (outcome.message !== undefined) logInfo(outcome.message);
  if (recordFailed(outcome.record)) core.setFailed('Dossier: the record has problems; nothing was committed.');
  else if (outcome.failed) core.setFailed(outcome.message ?? 'Dossier: the record could not be pushed or its pull request opened.');
}
