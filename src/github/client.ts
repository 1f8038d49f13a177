// An Octokit that retries transient failures and respects GitHub's rate limits.

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

const DossierOctokit = Octokit.plugin(retry, throttling);
/** The plugins add behaviour, not methods Dossier calls, so the plain Octokit type describes it. */
export type GitHubClient = Octokit;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; GitHub Enterprise Server has its own. */
  baseUrl?: string | undefined;
  /** Base of the waits between retries, in milliseconds (tests make it small). */
  retryAfterBaseValue?: number | undefined;
  /** Warnings go here: rate limits hit, retries. */
  warn?: (message: string) => void;
}

const MAX_RATE_LIMIT_RETRIES = 2;

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const warn = options.warn ?? (() => undefined);
  const client: Octokit = new DossierOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: 'dossier',
    log: { debug: () => undefined, info: () => undefined, warn, error: () => undefined },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451], retryAfterBaseValue: options.retryAfterBaseValue ?? 1000 },
    throttle: {
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      fallbackSecondaryRateRetryAfter: 1,
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        warn(
          `GitHub rate limit hit for ${request.method} ${request.url}; ${retryCount < MAX_RATE_LIMIT_RETRIES ? `retrying in ${retryAfter}s` : 'giving up'}.`,
        );
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        warn(
          `GitHub secondary rate limit hit for ${request.method} ${request.url}; ${retryCount < MAX_RATE_LIMIT_RETRIES ? `retrying in ${retryAfter}s` : 'giving up'}.`,
        );
        return retryCount < MAX_RATE_LIMIT_RETRIES;
      },
    },
  });
  return client;
}

/** The HTTP status of a failed request, if it got an answer. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
