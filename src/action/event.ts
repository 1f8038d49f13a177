// The workflow event as far as Dossier cares: which kind, the pull request, its base, fork or not.

import { readFileSync } from 'node:fs';
import { isRecord } from '../catalog/kinds.js';

export interface ActionEvent {
  name: string;
  baseSha: string | undefined;
  pullRequest: { number: number; fromFork: boolean } | undefined;
}

export function readEvent(env: NodeJS.ProcessEnv): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  let payload: unknown = {};
  try {
    payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  } catch {
    payload = {};
  }
  const pr = isRecord(payload) && isRecord(payload.pull_request) ? payload.pull_request : undefined;
  if (pr === undefined || typeof pr.number !== 'number') return { name, baseSha: undefined, pullRequest: undefined };
  const base = isRecord(pr.base) ? pr.base : {};
  const head = isRecord(pr.head) ? pr.head : {};
  const baseRepo = isRecord(base.repo) ? base.repo.full_name : undefined;
  const headRepo = isRecord(head.repo) ? head.repo : undefined;
  // A pull request from another repository gets a read-only token.
  const fromFork = headRepo === undefined || headRepo.full_name !== baseRepo;
  return { name, baseSha: typeof base.sha === 'string' ? base.sha : undefined, pullRequest: { number: pr.number, fromFork } };
}
