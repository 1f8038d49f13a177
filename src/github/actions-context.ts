// What GitHub Actions tells a step about where it runs: repository, pull request, API, token.

import { readFileSync } from 'node:fs';
import { isRecord } from '../catalog/kinds.js';

export interface PullRequestContext {
  owner: string | undefined;
  repo: string | undefined;
  number: number | undefined;
  apiUrl: string | undefined;
  token: string | undefined;
}

/** The pull request (or issue) number of the event that triggered the workflow, if any. */
export function eventNumber(eventPath: string | undefined): number | undefined {
  if (eventPath === undefined || eventPath === '') return undefined;
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;
    if (!isRecord(event)) return undefined;
    const candidates = [isRecord(event.pull_request) ? event.pull_request.number : undefined, event.number, isRecord(event.issue) ? event.issue.number : undefined];
    const found = candidates.find((value) => typeof value === 'number');
    return typeof found === 'number' ? found : undefined;
  } catch {
    return undefined;
  }
}

export function pullRequestContext(env: NodeJS.ProcessEnv): PullRequestContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    owner: owner || undefined,
    repo: repo || undefined,
    number: eventNumber(env.GITHUB_EVENT_PATH),
    apiUrl: env.GITHUB_API_URL || undefined,
    token: env.GITHUB_TOKEN || env.INPUT_GITHUB_TOKEN || undefined,
  };
}
