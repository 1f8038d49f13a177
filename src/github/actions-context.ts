// What GitHub Actions tells a step about where it runs: the event, its pull request, the
// repository, the API and the token. The CLI's `dossier comment` and the Action both read it here.

import { readFileSync } from 'node:fs';
import { isRecord } from '../model/kinds.js';

export interface WorkflowPullRequest {
  number: number;
  /** Pull requests from another repository get a read-only token. */
  fromFork: boolean;
}

export interface WorkflowContext {
  /** GITHUB_EVENT_NAME, e.g. `pull_request` or `push`; '' outside Actions. */
  eventName: string;
  owner: string | undefined;
  repo: string | undefined;
  /** The pull request or issue number of the event, if any. */
  number: number | undefined;
  pullRequest: WorkflowPullRequest | undefined;
  /** The pull request's base commit. */
  baseSha: string | undefined;
  apiUrl: string | undefined;
  token: string | undefined;
}

function readPayload(eventPath: string | undefined): Record<string, unknown> {
  if (eventPath === undefined || eventPath === '') return {};
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;
    return isRecord(payload) ? payload : {};
  } catch {
    return {};
  }
}

function eventNumber(payload: Record<string, unknown>): number | undefined {
  const candidates = [
    isRecord(payload.pull_request) ? payload.pull_request.number : undefined,
    payload.number,
    isRecord(payload.issue) ? payload.issue.number : undefined,
  ];
  const found = candidates.find((value) => typeof value === 'number');
  return typeof found === 'number' ? found : undefined;
}

function pullRequestOf(payload: Record<string, unknown>): { pullRequest: WorkflowPullRequest | undefined; baseSha: string | undefined } {
  const pr = isRecord(payload.pull_request) ? payload.pull_request : undefined;
  if (pr === undefined || typeof pr.number !== 'number') return { pullRequest: undefined, baseSha: undefined };
  const base = isRecord(pr.base) ? pr.base : {};
  const head = isRecord(pr.head) ? pr.head : {};
  const baseRepo = isRecord(base.repo) ? base.repo.full_name : undefined;
  const headRepo = isRecord(head.repo) ? head.repo : undefined;
  const fromFork = headRepo === undefined || headRepo.full_name !== baseRepo;
  return { pullRequest: { number: pr.number, fromFork }, baseSha: typeof base.sha === 'string' ? base.sha : undefined };
}

/** Actions sets unused variables to ''. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

export function readWorkflowContext(env: Readonly<Record<string, string | undefined>>): WorkflowContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner: nonEmpty(owner),
    repo: nonEmpty(repo),
    number: eventNumber(payload),
    ...pullRequestOf(payload),
    apiUrl: nonEmpty(env.GITHUB_API_URL),
    token: nonEmpty(env.GITHUB_TOKEN) ?? nonEmpty(env.INPUT_GITHUB_TOKEN),
  };
}
