// Many repositories: a data platform publishes its catalog, a credit repository reads features
// from it. Catalogs come from a path, from a local HTTP server on 127.0.0.1 (ETag, redirects,
// failures, time-outs) and from a real git repository.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitRepo } from '../diff/git-repo.js';
import { parseJsonReport, runCli, tempRepo } from '../helpers.js';

const PLATFORM = {
  'dossier.yaml': 'namespaces: [platform]\n',
  'features.yaml': `apiVersion: dossier/v1
kind: FeatureView
metadata: {name: income, namespace: platform}
spec:
  source: dataset:platform/applications@1
  entities: [{name: customer, joinKeys: [customer_id]}]
  features:
    - {name: income_log, type: float64}
    - {name: income_raw, type: float64}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: applications, namespace: platform, version: "1"}
spec: {location: {uri: "s3://platform/applications"}}
---
apiVersion: dossier/v1
kind: Dataset
metadata: {name: bureau, namespace: platform, version: "1", lifecycle: retired}
spec: {location: {uri: "s3://platform/bureau"}}
`,
};

const CREDIT_MODEL = `apiVersion: dossier/v1
kind: Model
metadata: {name: score, namespace: credit}
spec: {task: classification}
---
apiVersion: dossier/v1
kind: ModelVersion
metadata: {name: score, namespace: credit, version: "1.0.0"}
spec:
  model: score
  training:
    datasets:
      - {ref: "dataset:platform/applications@1", role: train}
      - {ref: "dataset:platform/bureau@1", role: train}
    features:
      - featureview:platform/income#income_log
      - featureview:platform/income#income_lgo
      - featureview:elsewhere/income
`;

/** The platform repository, compiled to its catalog.json. */
async function platformCatalog(): Promise<{ dir: string; text: string }> {
  const dir = tempRepo(PLATFORM);
  const run = await runCli(['compile', '--out', 'catalog.json'], { cwd: dir, env: ENV });
  expect(run.code, run.stderr).toBe(0);
  return { dir, text: readFileSync(path.join(dir, 'catalog.json'), 'utf8') };
}

function creditRepo(catalog: string, extra: Record<string, string> = {}): string {
  return tempRepo({
    'dossier.yaml': `namespaces: [credit]\ndependencies:\n  - {name: acme/platform, catalog: "${catalog}"}\n`,
    'models/score.yaml': CREDIT_MODEL,
    ...extra,
  });
}

/** The sibling repositories of these tests are folders of the temporary directory, outside each other. */
const ENV = { DOSSIER_FETCH_TIMEOUT_MS: '1500', DOSSIER_CATALOG_PATHS: tmpdir() };

const lint = async (cwd: string, args: string[] = []) => {
  const run = await runCli(['lint', '--format', 'json', ...args], { cwd, env: ENV });
  return { run, found: parseJsonReport(run.stdout).diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`) };
};

describe('references into another repository', () => {
  it('resolve against its catalog with the same checks as local ones', async () => {
    const platform = await platformCatalog();
    const { found } = await lint(creditRepo(path.join(platform.dir, 'catalog.json')));
    expect(found).toEqual(['reference/retired-target 14:15', 'reference/missing-member 17:9', 'reference/unresolved 18:9']);
  });

  it('keep entities in the namespaces the repository defines', async () => {
    const platform = await platformCatalog();
    const cwd = creditRepo(path.join(platform.dir, 'catalog.json'), {
      'teams.yaml': `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: a, namespace: platform}\nspec: {}\n---\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: b, namespace: fraud}\nspec: {}\n`,
    });
    const report = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd, env: ENV })).stdout);
    const owned = report.diagnostics.filter((d) => d.ruleId === 'entity/namespace-not-owned').map((d) => d.message);
    expect(owned).toEqual([
      '`team:platform/a` is in namespace `platform`, which acme/platform defines.',
      '`team:fraud/b` is in namespace `fraud`, which this repository does not define (namespaces: credit).',
    ]);
  });

  it('say which references could not be checked when the catalog cannot be read, never passing silently', async () => {
    const { run, found } = await lint(creditRepo('../nowhere/catalog.json'));
    expect(run.code).toBe(0);
    expect(found).toEqual([
      'reference/unchecked 13:15',
      'reference/unchecked 14:15',
      'reference/unchecked 16:9',
      'reference/unchecked 17:9',
      'reference/unchecked 18:9',
    ]);
    expect(parseJsonReport(run.stdout).diagnostics[0]?.message).toContain('the catalog of acme/platform could not be read');
  });

  it('are shown on the site, with a page for each entity of the other repository they name', async () => {
    const platform = await platformCatalog();
    const cwd = creditRepo(path.join(platform.dir, 'catalog.json'));
    expect((await runCli(['build', '--out', '_site'], { cwd, env: ENV })).code).toBe(0);
    const page = readFileSync(path.join(cwd, '_site/entity/featureview/platform/income.html'), 'utf8');
    expect(page).toContain('From the catalog of <strong>acme/platform</strong>.');
    expect(readFileSync(path.join(cwd, '_site/entity/modelversion/credit/score@1.0.0.html'), 'utf8')).toContain(
      'entity/featureview/platform/income.html',
    );
  });
});

describe('catalogs fetched over HTTP', () => {
  let server: Server;
  let base = '';
  let catalogText = '';
  const requests: { url: string; ifNoneMatch: string | undefined }[] = [];
  const routes = new Map<string, (respond: (status: number, body?: string, headers?: Record<string, string>) => void) => void>();

  beforeAll(async () => {
    catalogText = (await platformCatalog()).text;
    server = createServer((request, response) => {
      requests.push({ url: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] });
      const route = routes.get(request.url ?? '');
      if (route === undefined) {
        response.writeHead(404).end();
        return;
      }
      route((status, body, headers) => response.writeHead(status, headers).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set('/catalog.json', (respond) => {
      const last = requests.at(-1);
      if (last?.ifNoneMatch === '"v1"') respond(304);
      else respond(200, catalogText, { etag: '"v1"', 'content-type': 'application/json' });
    });
    routes.set('/moved.json', (respond) => {
      respond(302, '', { location: '/catalog.json' });
    });
    routes.set('/elsewhere.json', (respond) => {
      respond(302, '', { location: 'http://127.0.0.2:9/catalog.json' });
    });
    routes.set('/broken.json', (respond) => {
      respond(500, 'oops');
    });
    routes.set('/truncated.json', (respond) => {
      respond(200, catalogText.slice(0, 200));
    });
    routes.set('/newer.json', (respond) => {
      respond(200, catalogText.replace('"formatVersion": 1', '"formatVersion": 99'));
    });
    routes.set('/not-a-catalog.json', (respond) => {
      respond(200, '{"hello": "world"}');
    });
    routes.set('/silent.json', () => undefined);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('are cached by ETag and used offline from the cache', async () => {
    const cwd = creditRepo(`${base}/catalog.json`);
    requests.length = 0;
    expect((await lint(cwd)).found).toContain('reference/missing-member 17:9');
    expect((await lint(cwd)).found).toContain('reference/missing-member 17:9');
    expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(existsSync(path.join(cwd, '.dossier/cache/catalogs'))).toBe(true);
    requests.length = 0;
    expect((await lint(cwd, ['--offline'])).found).toContain('reference/missing-member 17:9');
    expect(requests).toEqual([]);
  });

  it('follow redirects within the host only', async () => {
    expect((await lint(creditRepo(`${base}/moved.json`))).found).toContain('reference/missing-member 17:9');
    const { run } = await lint(creditRepo(`${base}/elsewhere.json`));
    expect(parseJsonReport(run.stdout).diagnostics[0]?.message).toContain('only redirects within');
  });

  const failures: [string, string][] = [
    ['/broken.json', 'answered HTTP 500'],
    ['/missing.json', 'answered HTTP 404'],
    ['/truncated.json', 'is it cut short?'],
    ['/newer.json', 'newer than this Dossier reads'],
    ['/not-a-catalog.json', 'it is not a Dossier catalog'],
    ['/silent.json', 'did not answer within 1500 ms'],
  ];
  for (const [route, reason] of failures) {
    it(`turn ${route.slice(1)} into warnings that say why`, async () => {
      const { run, found } = await lint(creditRepo(`${base}${route}`));
      expect(run.code).toBe(0);
      expect(found.every((line) => line.startsWith('reference/unchecked'))).toBe(true);
      expect(parseJsonReport(run.stdout).diagnostics[0]?.message).toContain(reason);
    });
  }

  it('ignore a corrupt cache entry instead of trusting it', async () => {
    const cwd = creditRepo(`${base}/catalog.json`);
    await lint(cwd);
    const { readdirSync } = await import('node:fs');
    const dir = path.join(cwd, '.dossier/cache/catalogs');
    for (const file of readdirSync(dir)) writeFileSync(path.join(dir, file), '{"text": ');
    const { run } = await lint(cwd, ['--offline']);
    expect(parseJsonReport(run.stdout).diagnostics[0]?.message).toContain('has never been fetched');
  });
});

describe('catalogs read from git', () => {
  it('resolve from git+<url>#<ref>:<path>', async () => {
    const platform = await platformCatalog();
    const repo = gitRepo({ 'published/catalog.json': platform.text });
    const { found } = await lint(creditRepo(`git+${repo.dir}#main:published/catalog.json`));
    expect(found).toContain('reference/missing-member 17:9');
    const missing = await lint(creditRepo(`git+${repo.dir}#no-such-branch:published/catalog.json`));
    expect(parseJsonReport(missing.run.stdout).diagnostics[0]?.message).toContain('cannot fetch no-such-branch');
  });
});

describe('a pull request in a repository that others read', () => {
  it('lists the readers in the other repositories, and a removal they depend on is breaking', async () => {
    const platform = await platformCatalog();
    const consumer = async (name: string, stage: string) => {
      const dir = creditRepo(path.join(platform.dir, 'catalog.json'), {
        'models/score.yaml': CREDIT_MODEL.replaceAll('credit', name).replace('  model: score\n', `  model: score\n  stage: ${stage}\n`),
        'dossier.yaml': `namespaces: [${name}]\ndependencies:\n  - {name: acme/platform, catalog: "${path.join(platform.dir, 'catalog.json')}"}\n`,
      });
      expect((await runCli(['compile', '--out', 'catalog.json'], { cwd: dir, env: ENV })).code).toBe(1);
      return path.join(dir, 'catalog.json');
    };
    const credit = await consumer('credit', 'production');
    const fraud = await consumer('fraud', 'staging');
    const repo = gitRepo({
      ...PLATFORM,
      'dossier.yaml': `namespaces: [platform]\ndependents:\n  - {name: acme/credit, catalog: "${credit}"}\n  - {name: acme/fraud, catalog: "${fraud}"}\n  - {name: acme/gone, catalog: nowhere.json}\n`,
    });
    repo.write({ 'features.yaml': PLATFORM['features.yaml'].replace('    - {name: income_log, type: float64}\n', '') });
    const run = await runCli(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.dir, env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('What acme/gone reads of this repository is not known');
    const diff = JSON.parse(run.stdout) as { changes: { id: string; level: string; details: string[]; elsewhere?: unknown[] }[] };
    const removed = diff.changes.find((change) => change.id === 'feature-removed');
    expect(removed?.level).toBe('breaking');
    expect(removed?.elsewhere).toEqual([
      { repository: 'acme/credit', readers: ['modelversion:credit/score@1.0.0'], inProduction: 1 },
      { repository: 'acme/fraud', readers: ['modelversion:fraud/score@1.0.0'], inProduction: 0 },
    ]);
    expect(removed?.details).toContain('read by 1 entity in acme/credit, 1 in production: `modelversion:credit/score@1.0.0`');
    const markdown = await runCli(['diff', '--base', 'main', '--format', 'markdown'], { cwd: repo.dir, env: ENV });
    expect(markdown.stdout).toContain('acme/credit');
    expect(markdown.stdout).toContain('acme/fraud');
  });
});

describe('the hub', () => {
  it('merges the catalogs of many repositories into one site, with cross-repository links, and names conflicts', async () => {
    const platform = await platformCatalog();
    const credit = creditRepo(path.join(platform.dir, 'catalog.json'));
    expect((await runCli(['build', '--out', '_site'], { cwd: credit, env: ENV })).code).toBe(0);
    // The site publishes its catalog.json, which the hub reads.
    const creditCatalog = path.join(credit, '_site/catalog.json');
    expect(existsSync(creditCatalog)).toBe(true);
    const copy = tempRepo({ 'catalog.json': platform.text });
    const hub = tempRepo({
      'dossier.yaml': [
        'sources:',
        `  - {name: acme/platform, catalog: "${path.join(platform.dir, 'catalog.json')}"}`,
        `  - {name: acme/credit, catalog: "${creditCatalog}", filesUrl: "https://github.com/acme/credit/blob/main"}`,
        `  - {name: acme/platform-copy, catalog: "${path.join(copy, 'catalog.json')}"}`,
        '  - {name: acme/gone, catalog: nowhere/catalog.json}',
        '',
      ].join('\n'),
    });
    const lint = parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd: hub, env: ENV })).stdout);
    const found = lint.diagnostics.map((d) => `${d.ruleId} ${d.file}`);
    expect(found).toContain('entity/source-unavailable dossier.yaml');
    expect(found).toContain('reference/missing-member acme/credit:models/score.yaml');
    const conflict = lint.diagnostics.find((d) => d.ruleId === 'entity/duplicate-identity');
    expect(conflict?.message).toContain('acme/platform');
    expect(conflict?.file.startsWith('acme/platform')).toBe(true);

    expect((await runCli(['build', '--out', '_site'], { cwd: hub, env: ENV })).code).toBe(0);
    const site = path.join(hub, '_site');
    const version = readFileSync(path.join(site, 'entity/modelversion/credit/score@1.0.0.html'), 'utf8');
    expect(version).toContain(
      'From the catalog of <strong>acme/credit</strong>: <a href="https://github.com/acme/credit/blob/main/models/score.yaml">models/score.yaml</a>.',
    );
    const platformPage = readFileSync(path.join(site, 'entity/featureview/platform/income.html'), 'utf8');
    // No filesUrl for the platform: the page names the repository, without a link.
    expect(platformPage).toMatch(/From the catalog of <strong>acme\/platform(-copy)?<\/strong>\./);
    expect(version).toContain('../../../entity/featureview/platform/income.html');
    expect(readFileSync(path.join(site, 'entity/featureview/platform/income.html'), 'utf8')).toContain('score@1.0.0');
    expect(readFileSync(path.join(site, 'problems.html'), 'utf8')).toContain('acme/credit:models/score.yaml');
    expect(readFileSync(path.join(site, 'kinds/featureview.html'), 'utf8')).toContain('income');
  });
});

describe('a hub under review', () => {
  it('compares both sides with its sources, so a pull request that changes nothing shows nothing', async () => {
    const platform = await platformCatalog();
    const repo = gitRepo({
      'dossier.yaml': `sources:\n  - {name: acme/platform, catalog: "${path.join(platform.dir, 'catalog.json')}"}\n`,
    });
    const { loadConfigFile } = await import('../../src/config/load-config.js');
    const { compileProject } = await import('../../src/use-cases/compile-project.js');
    const { diffProject } = await import('../../src/use-cases/diff-project.js');
    const config = loadConfigFile(path.join(repo.dir, 'dossier.yaml'), 'dossier.yaml');
    // The Action hands over the compile it linted with, which holds the sources' entities.
    const fetch = { catalogPaths: [tmpdir()] };
    const workingTree = await compileProject(config, repo.dir, fetch);
    expect(workingTree.catalog.entities.length).toBe(3);
    const { diff } = await diffProject({ cwd: repo.dir, config, base: 'main', workingTree, fetch });
    expect(diff.changes).toEqual([]);
  });
});
