// The example workflows keep the rules a workflow security linter (zizmor, actionlint) would check
// and those of Dossier's fork-safe pattern: users copy them as they are. This repository's own
// workflows (.github/workflows) keep them too, with every action pinned to a commit.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const FOLDERS = ['examples/workflows', '.github/workflows'];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  'working-directory'?: string;
}

interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; steps?: Step[] }>;
}

/** Triggers whose runs hold a write token and secrets while they may handle a fork's pull request. */
const PRIVILEGED = ['workflow_run', 'pull_request_target'];
const INSTALL = /\b(npm\s+(install|ci|i)\b|yarn\b|pnpm\s+(install|i)\b|pip\s+install\b)/;
/** Where a privileged workflow may put a downloaded artifact: the runner's temporary folder, outside the workspace's code. */
const OUTSIDE_WORKSPACE = /^\$\{\{\s*runner\.temp\s*\}\}\/[\w.-]+$/;

function triggers(workflow: Workflow): string[] {
  if (typeof workflow.on === 'string') return [workflow.on];
  if (Array.isArray(workflow.on)) return workflow.on.map(String);
  return Object.keys(workflow.on as object);
}

const stepName = (job: string, index: number, step: Step) =>
  `${job} step ${index + 1} (${step.name ?? step.uses ?? step.run?.split('\n')[0] ?? ''})`;

/** Every way the workflow breaks a rule, as `<where>: <rule>`. */
function workflowProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  if (workflow.permissions === undefined)
    for (const [job, { permissions }] of Object.entries(workflow.jobs))
      if (permissions === undefined) problems.push(`${job}: permissions are not declared (the workflow's nor the job's)`);
  const privileged = triggers(workflow).some((trigger) => PRIVILEGED.includes(trigger));
  for (const [job, { steps = [] }] of Object.entries(workflow.jobs)) {
    let artifact: string | undefined;
    steps.forEach((step, index) => {
      const where = stepName(job, index, step);
      // An expression in a script is pasted into the shell before it runs: pass it through env.
      if (step.run?.includes('${{') === true) problems.push(`${where}: an expression inside run: (pass it through env:)`);
      // Dossier is not on the npm registry under its name: whoever registers it would run code in the job.
      if (step.run !== undefined && /\bnpm\s+(install|i|add)\b[^\n]*\sdossier(@\S*)?(\s|$)/.test(step.run))
        problems.push(`${where}: installs \`dossier\` by its npm name (install it from its release URL)`);
      if (!privileged) return;
      if (step.uses?.startsWith('actions/checkout') === true && (step.with?.ref !== undefined || step.with?.repository !== undefined))
        problems.push(`${where}: checks out another revision than the base's (the pull request's code)`);
      if (step.uses?.startsWith('actions/download-artifact') === true) {
        const target = typeof step.with?.path === 'string' ? step.with.path : '';
        if (!OUTSIDE_WORKSPACE.test(target))
          problems.push(`${where}: downloads the artifact into the workspace (path: \${{ runner.temp }}/<folder>)`);
        artifact = target;
      }
      if (step.run === undefined || artifact === undefined) return;
      if (INSTALL.test(step.run)) problems.push(`${where}: installs packages after the artifact is on disk`);
      if (step['working-directory'] !== undefined) problems.push(`${where}: runs in another folder after the artifact is on disk`);
      if (/--body-file|gh\s+(pr|issue)\s+comment/.test(step.run))
        problems.push(`${where}: posts a comment that is not \`dossier comment --diff\``);
      if (
        /RUNNER_TEMP|runner\.temp/.test(step.run) &&
        !/^npx --no-install dossier comment --diff "\$RUNNER_TEMP\/[\w.-]+\/[\w.-]+\.json"/.test(step.run)
      )
        problems.push(`${where}: uses the artifact otherwise than as the diff of \`dossier comment --diff\``);
    });
  }
  return problems;
}

const files = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(folder, file)),
);
const readWorkflow = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;

/** The steps' actions that are not pinned to a full commit (a tag or branch can be moved under the workflow). */
function unpinnedActions(workflow: Workflow): string[] {
  return Object.values(workflow.jobs)
    .flatMap(({ steps = [] }) => steps.map((step) => step.uses))
    .filter((uses): uses is string => uses !== undefined && !uses.startsWith('./') && !/@[0-9a-f]{40}$/.test(uses));
}

describe('the workflows', () => {
  it('are all checked', () => {
    expect(files).toContain(path.join('examples/workflows', 'fork-safe-comment.yml'));
    expect(files).toContain(path.join('.github/workflows', 'ci.yml'));
  });

  it.each(files)('%s keeps the rules', (file) => {
    expect(workflowProblems(readWorkflow(file))).toEqual([]);
  });

  it.each(files.filter((file) => file.startsWith('.github')))('%s pins every action to a commit', (file) => {
    expect(unpinnedActions(readWorkflow(file))).toEqual([]);
  });

  it('finds an action pinned to a tag', () => {
    expect(unpinnedActions({ on: 'push', jobs: { a: { steps: [{ uses: 'actions/checkout@v4' }, { uses: './' }] } } })).toEqual([
      'actions/checkout@v4',
    ]);
  });

  // The pull request workflow as it was shipped: each rule finds what made it a pwn request.
  it('finds every problem of a workflow_run workflow that runs what a fork uploaded', () => {
    const shipped = parse(`
on: {workflow_run: {workflows: [Review], types: [completed]}}
jobs:
  comment:
    steps:
      - uses: actions/download-artifact@v4
        with: {name: dossier-comment, run-id: "\${{ github.event.workflow_run.id }}"}
      - run: npm install --no-save dossier
      - run: npx dossier comment --body-file comment.md --pr "$(tr -dc '0-9' < pr-number.txt)"
      - uses: actions/checkout@v4
        with: {ref: "\${{ github.event.workflow_run.head_sha }}"}
      - run: echo "\${{ github.event.workflow_run.head_branch }}"
`) as Workflow;
    expect(workflowProblems(shipped)).toEqual([
      "comment: permissions are not declared (the workflow's nor the job's)",
      'comment step 1 (actions/download-artifact@v4): downloads the artifact into the workspace (path: ${{ runner.temp }}/<folder>)',
      'comment step 2 (npm install --no-save dossier): installs `dossier` by its npm name (install it from its release URL)',
      'comment step 2 (npm install --no-save dossier): installs packages after the artifact is on disk',
      'comment step 3 (npx dossier comment --body-file comment.md --pr "$(tr -dc \'0-9\' < pr-number.txt)"): posts a comment that is not `dossier comment --diff`',
      "comment step 4 (actions/checkout@v4): checks out another revision than the base's (the pull request's code)",
      'comment step 5 (echo "${{ github.event.workflow_run.head_branch }}"): an expression inside run: (pass it through env:)',
    ]);
  });
});
