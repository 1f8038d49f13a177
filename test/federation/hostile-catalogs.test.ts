// Another repository's catalog, and the dossier.yaml that says where it is, may come from someone
// hostile: names that climb out of the site, bodies that never end, redirects that downgrade,
// paths to the machine's secrets, and caches planted in the repository.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCatalog, FetchError, type FetchOptions } from '../../src/federation/fetch-catalog.js';
import { parseJsonReport, runCli, tempRepo } from '../helpers.js';
import { gitRepo } from '../diff/git-repo.js';

const PLATFORM = {
  'dossier.yaml': 'namespaces: [platform]\n',
  'data.yaml': `apiVersion: dossier/v1
kind: Dataset
metadata: {name: applications, namespace: platform, version: "1"}
spec: {location: {uri: "s3://platform/applications"}}
`,
};

const ENV = { DOSSIER_FETCH_TIMEOUT_MS: '1500', DOSSIER_CATALOG_PATHS: tmpdir() };

async function platformCatalogText(): Promise<string> {
  const dir = tempRepo(PLATFORM);
  expect((await runCli(['compile', '--out', 'catalog.json'], { cwd: dir })).code).toBe(0);
  return readFileSync(path.join(dir, 'catalog.json'), 'utf8');
}

const hubOf = (catalog: string) =>
  tempRepo({ 'dossier.yaml': `sources:\n  - {name: acme/evil, catalog: "${catalog}"}\n`, 'hub/.keep': '' });

describe('a hub source whose entities climb out of the site', () => {
  it.each([
    ['name', '../../../../pwned'],
    ['namespace', '../../..'],
    ['version', '1/../../../../pwned'],
  ])('is refused whole when an entity %s is not a valid name, and nothing is written outside the site', async (field, value) => {
    const catalog = JSON.parse(await platformCatalogText()) as { entities: Record<string, unknown>[] };
    (catalog.entities[0] as Record<string, unknown>)[field] = value;
    const text = JSON.stringify(catalog);
    const evil = tempRepo({ 'catalog.json': text });
    const hub = hubOf(path.join(evil, 'catalog.json'));
    const lint = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd: hub, env: ENV })).stdout);
    const problem = lint.diagnostics.find((d) => d.ruleId === 'entity/source-unavailable');
    expect(problem?.message).toContain('acme/evil');
    expect(problem?.message).toContain(`.${field}`);
    expect((await runCli(['build', '--out', 'hub/_site'], { cwd: hub, env: ENV })).code).toBe(0);
    expect(existsSync(path.join(hub, 'pwned.html'))).toBe(false);
    expect(
      readdirSync(hub)
        .filter((entry) => entry !== '.dossier')
        .sort(),
    ).toEqual(['dossier.yaml', 'hub']);
    expect(readdirSync(path.join(hub, 'hub')).sort()).toEqual(['.keep', '_site']);
  });
});

describe('a hub source nested deeper than YAML may be', () => {
  it('is refused whole with a problem, and the hub still compiles and builds', async () => {
    const catalog = JSON.parse(await platformCatalogText()) as { entities: { spec: Record<string, unknown> }[] };
    (catalog.entities[0] as { spec: Record<string, unknown> }).spec.extra = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`);
    const evil = tempRepo({ 'catalog.json': JSON.stringify(catalog) });
    const hub = hubOf(path.join(evil, 'catalog.json'));
    const lint = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd: hub, env: ENV })).stdout);
    expect(lint.diagnostics.find((d) => d.ruleId === 'entity/source-unavailable')?.message).toContain('nested more than');
    expect((await runCli(['compile', '--out', 'c.json'], { cwd: hub, env: ENV })).stderr).not.toContain('internal error');
    expect((await runCli(['build', '--out', 'hub/_site'], { cwd: hub, env: ENV })).code).toBe(0);
  });
});

describe('a local catalog path', () => {
  it('is read only inside the repository: /etc/passwd is refused and none of it is shown', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'sources:\n  - {name: acme/etc, catalog: /etc/passwd}\n' });
    const run = await runCli(['lint'], { cwd, env: {} });
    expect(run.stdout).toContain('outside the repository');
    expect(run.stdout).not.toContain('root:');
  });

  it('that does not parse is reported without its content', async () => {
    const cwd = tempRepo({
      'dossier.yaml': 'sources:\n  - {name: acme/secret, catalog: secret.env}\n',
      'secret.env': 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n',
    });
    const run = await runCli(['lint'], { cwd, env: {} });
    expect(run.stdout).toContain('it is not JSON');
    expect(run.stdout).not.toContain('wJalr');
    expect(run.stdout).not.toContain('AWS_');
  });

  it('outside the repository is read from a folder the user allows in DOSSIER_CATALOG_PATHS', async () => {
    const platform = tempRepo({ 'catalog.json': await platformCatalogText() });
    const hub = hubOf(path.join(platform, 'catalog.json'));
    const refused = await runCli(['lint'], { cwd: hub, env: {} });
    expect(refused.stdout).toContain('DOSSIER_CATALOG_PATHS');
    const allowed = await runCli(['compile', '--format', 'json'], { cwd: hub, env: { DOSSIER_CATALOG_PATHS: platform } });
    expect(allowed.stdout).not.toContain('source-unavailable');
  });
});

describe('a git catalog source', () => {
  it.each([
    ['plain http', 'git+http://192.0.2.1/repo.git#main:catalog.json', 'is not an https or ssh URL'],
    ['the git protocol', 'git+git://192.0.2.1/repo.git#main:catalog.json', 'is not an https or ssh URL'],
    ['a transport that runs a command', 'git+ext::sh -c touch% /tmp/pwned#main:catalog.json', 'is not an https or ssh URL'],
    ['a repository elsewhere on the machine', `git+${tmpdir()}#main:catalog.json`, 'is outside the repository'],
    // git would decode `%2F`: `models/../../elsewhere`.
    [
      'an encoded path out of the repository',
      `git+file://${tmpdir()}/x/models%2F..%2F..%2Felsewhere#main:catalog.json`,
      'is not a file URL git can read',
    ],
  ])('over %s is refused before git is asked', async (_name, catalog, reason) => {
    const cwd = tempRepo({ 'dossier.yaml': `sources:\n  - {name: acme/x, catalog: "${catalog}"}\n` });
    const run = await runCli(['lint'], { cwd, env: {} });
    expect(run.stdout).toContain(reason);
  });
});

describe('roots', () => {
  it('that leave the folder of dossier.yaml are a configuration error at their line', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'roots:\n  - .\n  - ..\n' });
    const run = await runCli(['lint'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml:3:5');
    expect(run.stderr).toContain('leaves the folder');
  });

  it('that are links to a folder elsewhere are refused too', async () => {
    const outside = tempRepo({ 'o.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: outsider}\nspec: {}\n' });
    const cwd = tempRepo({ 'dossier.yaml': 'roots: [linked]\n' });
    symlinkSync(outside, path.join(cwd, 'linked'));
    const run = await runCli(['compile'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml:1:9 `linked` leaves the folder');
    expect(run.stdout).not.toContain('outsider');
  });
});

describe('site templates', () => {
  it('outside the repository are a configuration error, not copied into the site', async () => {
    const outside = tempRepo({ 'assets/secret.txt': 'TOP SECRET' });
    for (const templates of [outside, path.relative(tempRepo(), outside), 'linked']) {
      const cwd = tempRepo({ 'dossier.yaml': `site:\n  templates: "${templates}"\n` });
      symlinkSync(outside, path.join(cwd, 'linked'));
      const run = await runCli(['build', '--out', '_site'], { cwd });
      expect(run.code, templates).toBe(2);
      expect(run.stderr).toContain('site templates are a folder inside it');
    }
  });
});

describe('a git catalog larger than the limit', () => {
  it('is refused by its size before git reads it, and a relative path is read from the repository', async () => {
    const repo = gitRepo({ 'published/catalog.json': `{"pad": "${'x'.repeat(300_000)}"}` });
    const relative = path.relative(path.dirname(repo.dir), repo.dir);
    const options: FetchOptions = {
      rootDir: path.dirname(repo.dir),
      readableDirs: [path.dirname(repo.dir)],
      cacheDir: path.join(repo.dir, 'cache'),
      offline: false,
      timeoutMs: 10_000,
      maxBytes: 100_000,
    };
    const error = await fetchCatalog(`git+${relative}#main:published/catalog.json`, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toMatch(/is 300\d+ bytes, over the limit of 100000/);
  });
});

describe('catalogs over HTTP from a hostile server', () => {
  let server: Server;
  let base = '';
  const cacheDir = tempRepo();
  const options = (overrides: Partial<FetchOptions> = {}): FetchOptions => ({
    rootDir: cacheDir,
    readableDirs: [cacheDir],
    cacheDir: path.join(cacheDir, 'catalogs'),
    offline: false,
    timeoutMs: 1000,
    maxBytes: 1 << 20,
    ...overrides,
  });

  beforeAll(async () => {
    const text = await platformCatalogText();
    server = createServer((request, response) => {
      if (request.url === '/endless.json') {
        // Chunked, never ending: a megabyte every tick until the client stops reading.
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (response.write(chunk));
        };
        response.on('drain', pump);
        pump();
      } else if (request.url === '/slow.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"apiVersion":');
      } else if (request.url === '/downgrade.json') {
        response.writeHead(302, { location: `https://${request.headers.host ?? ''}/catalog.json` }).end();
      } else {
        response.writeHead(200, { etag: '"v1"' }).end(text);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops reading a body that never ends at the size limit', async () => {
    const error = await fetchCatalog(`${base}/endless.json`, options()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toContain('more than the limit of 1048576 bytes');
  });

  it('gives up a body that stops coming at the time limit, as a reason rather than a crash', async () => {
    const error = await fetchCatalog(`${base}/slow.json`, options({ timeoutMs: 300 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toContain('did not send the catalog within 300 ms');
  });

  it('follows no redirect that changes the scheme', async () => {
    const error = await fetchCatalog(`${base}/downgrade.json`, options()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toContain('only redirects within http://127.0.0.1');
  });

  it('never trusts a cached catalog it did not sign on this machine', async () => {
    const dir = tempRepo();
    const fetched = await fetchCatalog(`${base}/catalog.json`, options({ cacheDir: dir }));
    expect(fetched.via).toBe('network');
    expect((await fetchCatalog(`${base}/catalog.json`, options({ cacheDir: dir, offline: true }))).via).toBe('cache');
    // A pull request plants a different catalog under the same name (its signature copied or made up).
    for (const file of readdirSync(dir)) {
      const entry = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { text: string; signature: string };
      writeFileSync(path.join(dir, file), JSON.stringify({ ...entry, text: entry.text.replace('applications', 'forged') }));
    }
    const error = await fetchCatalog(`${base}/catalog.json`, options({ cacheDir: dir, offline: true })).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('has never been fetched');
  });
});
