// A local stand-in for GitHub's issue-comment API on 127.0.0.1: real HTTP, every request checked
// against GitHub's published OpenAPI description (@octokit/openapi), errors on demand.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, expect } from 'vitest';

interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: Record<string, unknown>[]; requestBody?: { content: Record<string, { schema: object }> } }>
  >;
  components: { parameters: Record<string, Record<string, unknown>> };
}

const require = createRequire(import.meta.url);
let spec: OpenApi | undefined;
function openApi(): OpenApi {
  spec ??= JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as OpenApi;
  return spec;
}

const ajv = new Ajv({ strict: false, allErrors: true });

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Matches a concrete path against the spec's templates, returning the template and its parameters. */
function matchPath(pathname: string): { template: string; params: Record<string, string> } | undefined {
  for (const template of Object.keys(openApi().paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(pathname);
    if (match) return { template, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] as string)])) };
  }
  return undefined;
}

function resolveParameter(parameter: Record<string, unknown>): Record<string, unknown> {
  const ref = parameter.$ref;
  return typeof ref === 'string' ? (openApi().components.parameters[ref.split('/').pop() as string] as Record<string, unknown>) : parameter;
}

/** Every way the request departs from GitHub's description of the operation. */
export function validateAgainstOpenApi(method: string, url: URL, body: unknown): string[] {
  const matched = matchPath(url.pathname);
  if (!matched) return [`no operation for path ${url.pathname}`];
  const operation = openApi().paths[matched.template]?.[method.toLowerCase()];
  if (!operation) return [`no ${method} operation on ${matched.template}`];
  const problems: string[] = [];
  for (const parameter of (operation.parameters ?? []).map(resolveParameter)) {
    const name = parameter.name as string;
    const raw =
      parameter.in === 'path' ? matched.params[name] : parameter.in === 'query' ? (url.searchParams.get(name) ?? undefined) : undefined;
    if (raw === undefined) {
      if (parameter.required === true) problems.push(`missing required ${String(parameter.in)} parameter ${name}`);
      continue;
    }
    const schema = parameter.schema as { type?: string };
    const value = schema.type === 'integer' ? Number(raw) : raw;
    if (!ajv.validate(schema, value)) problems.push(`parameter ${name}=${raw}: ${ajv.errorsText()}`);
  }
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  if (bodySchema !== undefined && !ajv.validate(bodySchema, body)) problems.push(`request body: ${ajv.errorsText()}`);
  if (bodySchema === undefined && body !== undefined) problems.push('a body was sent to an operation that takes none');
  return problems;
}

export interface StoredPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  labels: string[];
  reviewers: string[];
  /** Who opened it, and the commit its head branch points to. */
  author?: string;
  headSha?: string;
  /** Reviews given, in order. */
  reviews?: { login: string; state: string; commitId: string }[];
}

export class FakeGitHub {
  readonly comments: StoredComment[] = [];
  readonly pulls: StoredPull[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  /** Responses to give instead of the normal behaviour, in order, for requests matching the method. */
  readonly scripted: { method: string; response: ScriptedResponse }[] = [];
  #server: Server | undefined;
  #nextId = 1000;
  owner = 'acme';
  repo = 'metadata';
  /** The token's user for `GET /user`; undefined: an installation token (GITHUB_TOKEN), which may not read it. */
  login: string | undefined;
  issue = 7;
  /** The pull requests (numbers) that merged each commit, by sha. */
  readonly commitPulls = new Map<string, number[]>();
  /** Members of org teams by `org/slug`; a team missing here answers 404, `forbidden` 403 (a token without read:org). */
  readonly orgTeams = new Map<string, string[] | 'forbidden'>();

  get url(): string {
    const address = this.#server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  addComment(body: string, type = 'Bot', login = type === 'Bot' ? 'github-actions[bot]' : 'someone'): StoredComment {
    const comment = { id: this.#nextId++, body, user: { login, type } };
    this.comments.push(comment);
    return comment;
  }

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  #view(comment: StoredComment) {
    return {
      ...comment,
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${this.issue}#issuecomment-${comment.id}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/comments/${comment.id}`,
    };
  }

  #pullView(pull: StoredPull) {
    return {
      number: pull.number,
      merged_at: pull.state === 'closed' ? '2024-07-01T00:00:00Z' : null,
      title: pull.title,
      body: pull.body,
      state: pull.state,
      html_url: `https://github.example/${this.owner}/${this.repo}/pull/${pull.number}`,
      head: { ref: pull.head, label: `${this.owner}:${pull.head}`, sha: pull.headSha ?? '0'.repeat(40) },
      user: { login: pull.author ?? 'octocat', type: 'User' },
      base: { ref: pull.base },
      labels: pull.labels.map((name) => ({ name })),
    };
  }

  /** Pull requests, their labels and reviewers: what `dossier record --pr` uses. */
  #handlePulls(method: string, url: URL, body: unknown, send: (status: number, payload?: unknown) => void): boolean {
    const collection = /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(url.pathname);
    const single = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname);
    const labels = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(url.pathname);
    const reviewers = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/requested_reviewers$/.exec(url.pathname);
    const pullReviews = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/.exec(url.pathname);
    const find = (number: string | undefined) => this.pulls.find((pull) => pull.number === Number(number));
    const fields = body as Partial<{ title: string; body: string; head: string; base: string; labels: string[]; reviewers: string[] }>;
    if (collection && method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      send(
        200,
        this.pulls
          .filter((p) => (head === null || `${this.owner}:${p.head}` === head) && (state === 'all' || p.state === state))
          .map((p) => this.#pullView(p)),
      );
      return true;
    }
    if (collection && method === 'POST') {
      const pull: StoredPull = {
        number: this.#nextId++,
        title: fields.title ?? '',
        body: fields.body ?? '',
        head: fields.head ?? '',
        base: fields.base ?? '',
        state: 'open',
        labels: [],
        reviewers: [],
      };
      this.pulls.push(pull);
      send(201, this.#pullView(pull));
      return true;
    }
    const pull = find(single?.[1] ?? labels?.[1] ?? reviewers?.[1] ?? pullReviews?.[1]);
    if ((single ?? labels ?? reviewers ?? pullReviews) && pull === undefined) {
      send(404, { message: 'Not Found' });
      return true;
    }
    if (pull !== undefined && single && method === 'GET') {
      send(200, this.#pullView(pull));
      return true;
    }
    if (pull !== undefined && pullReviews && method === 'GET') {
      send(
        200,
        (pull.reviews ?? []).map((review, index) => ({
          id: index + 1,
          user: { login: review.login, type: 'User' },
          state: review.state,
          commit_id: review.commitId,
          body: '',
        })),
      );
      return true;
    }
    if (pull !== undefined && single && method === 'PATCH') {
      if (fields.title !== undefined) pull.title = fields.title;
      if (fields.body !== undefined) pull.body = fields.body;
      send(200, this.#pullView(pull));
      return true;
    }
    if (pull !== undefined && labels && method === 'POST') {
      pull.labels.push(...(fields.labels ?? []));
      send(
        200,
        pull.labels.map((name) => ({ name })),
      );
      return true;
    }
    if (pull !== undefined && reviewers && method === 'POST') {
      pull.reviewers.push(...(fields.reviewers ?? []));
      send(201, this.#pullView(pull));
      return true;
    }
    return false;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request as AsyncIterable<Buffer>) raw += chunk.toString();
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
    this.requests.push({ method, path: url.pathname + url.search, body });
    for (const problem of validateAgainstOpenApi(method, url, body)) this.violations.push(`${method} ${url.pathname}: ${problem}`);
    if (request.headers.authorization !== 'token test-token') this.violations.push(`${method} ${url.pathname}: missing or wrong token`);

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const scripted = this.scripted.findIndex((s) => s.method === method);
    if (scripted !== -1) {
      const reply = (this.scripted.splice(scripted, 1)[0] as { response: ScriptedResponse }).response;
      send(reply.status, reply.body ?? { message: `scripted ${reply.status}` }, reply.headers);
      return;
    }

    if (this.#handlePulls(method, url, body, send)) return;
    const commitPulls = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
    if (commitPulls && method === 'GET') {
      const numbers = this.commitPulls.get(commitPulls[1] ?? '') ?? [];
      send(
        200,
        this.pulls.filter((pull) => numbers.includes(pull.number)).map((pull) => this.#pullView(pull)),
      );
      return;
    }
    const teamMembers = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(url.pathname);
    if (teamMembers && method === 'GET') {
      const members = this.orgTeams.get(`${teamMembers[1] ?? ''}/${teamMembers[2] ?? ''}`);
      if (members === undefined) send(404, { message: 'Not Found' });
      else if (members === 'forbidden') send(403, { message: 'Resource not accessible by integration' });
      else
        send(
          200,
          members.map((login, id) => ({ login, id, type: 'User' })),
        );
      return;
    }
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const single = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && method === 'GET') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const items = this.comments.slice((page - 1) * perPage, page * perPage).map((c) => this.#view(c));
      const last = Math.max(1, Math.ceil(this.comments.length / perPage));
      const link: Record<string, string> =
        page < last
          ? {
              link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"`,
            }
          : {};
      send(200, items, link);
      return;
    }
    if (url.pathname === '/user' && method === 'GET') {
      if (this.login === undefined) send(403, { message: 'Resource not accessible by integration' });
      else send(200, { login: this.login, id: 1, type: 'User' });
      return;
    }
    if (list && method === 'POST') {
      send(201, this.#view(this.addComment((body as { body: string }).body, this.login === undefined ? 'Bot' : 'User', this.login)));
      return;
    }
    const comment = single ? this.comments.find((c) => c.id === Number(single[1])) : undefined;
    if (single && !comment) {
      send(404, { message: 'Not Found' });
      return;
    }
    if (comment && method === 'PATCH') {
      comment.body = (body as { body: string }).body;
      send(200, this.#view(comment));
      return;
    }
    if (comment && method === 'DELETE') {
      this.comments.splice(this.comments.indexOf(comment), 1);
      send(204);
      return;
    }
    send(404, { message: 'Not Found' });
  }
}

/** A fresh fake GitHub for each test; after each, no request may have broken GitHub's API description. */
export function useFakeGitHub(): () => FakeGitHub {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = new FakeGitHub();
    await github.start();
  });
  afterEach(async () => {
    expect(github.violations).toEqual([]);
    await github.stop();
  });
  return () => github;
}
