import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';
import { buildSite } from '../../src/site/build-site.js';
import { NO_HISTORY, githubWebUrl, readHistory } from '../../src/git/history.js';
import { buildSearchIndex, searchFacts } from '../../src/site/search-index.js';
import { filterOptions } from '../../src/site/view-models.js';
import { EXAMPLE_ENTITY_PAGES, runCli, tempRepo, gitAsAna } from '../helpers.js';

const EXAMPLE = path.resolve('examples/ml-platform');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

async function buildExample(out: string, extra: string[] = []) {
  const run = await runCli(['build', EXAMPLE, '--out', out, ...extra], { cwd: path.dirname(out) });
  expect(run.code, run.stderr).toBe(0);
  return out;
}

const HOSTILE = `apiVersion: dossier/v1
kind: Team
metadata:
  name: mallory
  title: "<script>alert('title')</script>"
  description: |
    Hello <script>alert('description')</script> <img src=x onerror=alert(1)>
    [click](javascript:alert('link')) [data](data:text/html,<script>alert(2)</script>) [ok](https://example.com/docs)
  tags: [evil]
spec:
  email: "mallory@example.com"
  chat: "</code><script>alert('chat')</script>"
`;

describe('dossier build', () => {
  it('writes every page kind for the example repository', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    const written = files(out);
    for (const page of [
      'index.html',
      'problems.html',
      'owners.html',
      'tags.html',
      'kinds/model.html',
      'kinds/dataset.html',
      'tags/fraud.html',
      ...EXAMPLE_ENTITY_PAGES,
      'search/manifest.json',
      'assets/style.css',
      'assets/site.js',
    ]) {
      expect(written).toContain(page);
    }
    const model = readFileSync(path.join(out, 'entity/model/default/fraud-detector.html'), 'utf8');
    expect(model).toContain('Metrics across versions');
    expect(model).toContain('<svg class="trend"');
    const version = readFileSync(path.join(out, 'entity/modelversion/default/fraud-detector@2.0.0.html'), 'utf8');
    expect(version).toContain('<section class="lineage-section"');
    expect(version).toContain('href="../../../entity/dataset/default/transactions@2024-06.html"');
    const raw = readFileSync(path.join(out, 'entity/dataset/default/raw-card-events.html'), 'utf8');
    expect(raw).toContain('0 upstream and 14 downstream within 3 hops');
    // The third hop downstream, its entities expandable a hop further in the browser.
    expect(raw).toMatch(
      /<h3>Downstream · 3 hops<\/h3><ul>.*fraud-detector-prod<\/span><\/a><button type="button" class="expand" data-expand="down"/s,
    );
    // The table equivalent once: the lineage is lists of links, and the relations are listed once, under Relations.
    expect(raw).not.toContain('lineage-table');
    expect(readFileSync(path.join(out, 'lineage/dataset/default/raw-card-events.json'), 'utf8')).toContain(
      '["dataset:default/transactions@2024-06","transactions@2024-06","Dataset","sourceOf"]',
    );
  });

  it('is byte-identical for the same input and commit', async () => {
    const a = await buildExample(path.join(tempRepo(), '_site'));
    const b = await buildExample(path.join(tempRepo(), '_site'));
    const list = files(a);
    expect(files(b)).toEqual(list);
    for (const file of list) expect(readFileSync(path.join(b, file)).equals(readFileSync(path.join(a, file))), file).toBe(true);
  });

  it('uses only relative links and asks no external host for anything', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'), ['--base-url', 'https://acme.github.io/metadata/']);
    for (const file of files(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(out, file), 'utf8');
      expect(html, file).not.toMatch(/(?:src|href)="\/(?!\/)/);
      // A canonical link names the page's address; it is not a request.
      expect(html.replace(/<link rel="canonical"[^>]*>/, ''), file).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="https?:/);
    }
  });

  it('keeps every page under 100 KB', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    for (const file of files(out).filter((f) => f.endsWith('.html')))
      expect(statSync(path.join(out, file)).size, file).toBeLessThan(100_000);
  });

  it('writes valid HTML for every page kind', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    const validator = new HtmlValidate({
      extends: ['html-validate:document'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off', 'require-sri': 'off' },
    });
    const pages = [
      'index.html',
      'problems.html',
      'owners.html',
      'changes.html',
      'audit/default/fraud-detector.html',
      'kinds/model.html',
      'entity/model/default/fraud-detector.html',
      'entity/modelversion/default/fraud-detector@2.0.0.html',
      'entity/dataset/default/transactions@2024-06.html',
      'entity/team/default/risk-ml.html',
      'entity/term/default/pii.html',
    ];
    for (const page of pages) {
      // require-sri is off: every asset is served from the site itself, and SRI is for third-party hosts.
      const report = await validator.validateString(readFileSync(path.join(out, page), 'utf8'), page);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${page}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });

  it('heads every entity page with its facts at a glance and a navigation to its sections', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    const read = (page: string) => readFileSync(path.join(out, page), 'utf8');
    /** The facts panel as text, one `label: values` line a fact. */
    const glance = (html: string) => {
      const panel = html.slice(html.indexOf('<aside class="facts-panel"'), html.indexOf('</aside>'));
      return [...panel.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map(
        ([, label, value]) =>
          `${label ?? ''}: ${(value ?? '')
            .replace(/<[^>]+>/g, '')
            .replace(/\s+/g, ' ')
            .trim()}`,
      );
    };
    for (const page of EXAMPLE_ENTITY_PAGES) {
      const html = read(page);
      // Page weight: the page, its style sheet and the scripts it loads (the lineage explorer's too) under 60 KB.
      const assets = [...html.matchAll(/(?:src|href)="(?:\.\.\/)*(assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] as string);
      expect(assets, page).toEqual(expect.arrayContaining(['assets/style.css', 'assets/site.js']));
      const weight = assets.reduce((sum, asset) => sum + statSync(path.join(out, asset)).size, Buffer.byteLength(html));
      expect(weight, page).toBeLessThan(60_000);
      const nav = html.slice(
        html.indexOf('<nav class="toc" aria-label="On this page">'),
        html.indexOf('</nav>', html.indexOf('class="toc"')),
      );
      const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] as string);
      expect(targets.length, page).toBeGreaterThan(1);
      for (const id of targets) expect(html, `${page} #${id}`).toContain(`id="${id}"`);
      expect(html, page).toMatch(/<button type="button" class="copy" data-copy="[^"]+" hidden>Copy id<\/button>/);
    }
    expect(glance(read('entity/model/default/fraud-detector.html'))).toEqual(
      expect.arrayContaining([
        'Production version: fraud-detector@2.0.0',
        expect.stringMatching(/^Latest evaluation: auc_pr 0\.78 \(≥ 0\.65\) pass .*p99_latency_ms 22 \(≤ 40\) pass$/),
        'Risk tier: high',
        'License: proprietary',
      ]),
    );
    expect(glance(read('entity/modelversion/default/fraud-detector@2.0.0.html'))).toEqual(
      expect.arrayContaining([
        'Stage: production',
        'Approvals: model-risk 2024-07-15',
        'Trained on: transactions@2024-06 train, validation proprietary PII',
        'Evaluations: 4 metrics pass',
      ]),
    );
    expect(glance(read('entity/dataset/default/transactions@2024-06.html'))).toEqual(
      expect.arrayContaining([
        'Classification: confidential',
        'Contains PII: yes',
        'License: proprietary',
        'Versions: 2',
        'Size: 9,650,000 rows',
      ]),
    );
    expect(glance(read('entity/deployment/default/fraud-detector-prod.html'))).toEqual(
      expect.arrayContaining(['Environment: production', 'Traffic: 100%', 'Version: fraud-detector@2.0.0', 'Runtime: fraud-scoring-cpu']),
    );
  });

  it('lists entities with the facts of their kind, not a Kind column that always says the same', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    const rowOf = (list: string, name: string) => {
      const html = readFileSync(path.join(out, list), 'utf8');
      const start = html.indexOf(`>${name}</a>`);
      expect(start, `${list}: ${name}`).toBeGreaterThanOrEqual(0);
      return html
        .slice(start, html.indexOf('</tr>', start))
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    };
    const models = readFileSync(path.join(out, 'kinds/model.html'), 'utf8');
    expect(models).not.toContain('<th scope="col">Kind</th>');
    const headers = [...models.matchAll(/<th scope="col"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(headers).toEqual(['Name', 'Owner', 'Lifecycle', 'Production', 'Task', 'Risk tier', 'Last metric']);
    expect(rowOf('kinds/model.html', 'fraud-detector')).toContain('active 2.0.0 binary-classification high auc_pr 0.78 pass');
    expect(rowOf('kinds/dataset.html', 'transactions@2024-06')).toContain('2 confidential PII proprietary 9,650,000 rows');
    expect(rowOf('kinds/deployment.html', 'fraud-detector-prod')).toContain('production 100% 2.0.0');
    expect(rowOf('kinds/modelversion.html', 'fraud-detector@2.0.0')).toContain('production 2024-07-08 1');
    // A list of several kinds says what each value is.
    expect(rowOf('owners/team/default/risk-ml.html', 'fraud-detector@2.0.0')).toContain('production trained 2024-07-08 approvals 1');
  });

  it('shows numbers and trends as people read them', async () => {
    const out = await buildExample(path.join(tempRepo(), '_site'));
    const section = (file: string, heading: string) => {
      const html = readFileSync(path.join(out, file), 'utf8');
      const start = html.indexOf(`<section aria-label="${heading}"`);
      expect(start, `${file}: ${heading}`).toBeGreaterThanOrEqual(0);
      return html.slice(start, html.indexOf('</section>', start));
    };
    // Row counts grouped, under a right-aligned Rows header; no empty Bytes column beside them.
    const splits = section('entity/dataset/default/transactions@2024-06.html', 'Splits');
    expect(splits).toContain('<th scope="col" class="num">Rows</th>');
    expect(splits).not.toContain('Bytes');
    expect(splits).toContain('<td class="num">8,700,000</td>');
    // p99 latency 18 → 22 → 25 got worse: drawn falling (up is better) and said so.
    const metrics = section('entity/model/default/fraud-detector.html', 'Metrics across versions');
    const latency = metrics.slice(metrics.indexOf('p99_latency_ms'), metrics.indexOf('</tr>', metrics.indexOf('p99_latency_ms')));
    expect(latency).toContain('<span class="pill trend-worse">worse</span>');
    const ys = [...latency.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(3);
    expect(ys[2]).toBeGreaterThan(ys[0] as number);
    // A metric evaluated on two datasets is two rows, one per dataset, not the last evaluation only.
    const churn = section('entity/model/default/churn-predictor.html', 'Metrics across versions');
    expect(churn).toContain('auc_roc (≥ 0.8) · on customer-activity-holdout');
    expect(churn).toContain('auc_roc · on public-telco-churn');
  });

  it('lists problems by severity, their messages as inline Markdown with the entities they name linked', async () => {
    const out = path.join(tempRepo(), '_site');
    const run = await runCli(['build', path.resolve('examples/broken'), '--out', out], { cwd: path.dirname(out) });
    expect(run.code, run.stderr).toBe(0);
    const problems = readFileSync(path.join(out, 'problems.html'), 'utf8');
    const severities = [...problems.matchAll(/pill severity-(\w+)/g)].map((m) => m[1]);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    expect(severities.indexOf('info')).toBeGreaterThan(severities.lastIndexOf('warning'));
    expect(problems).not.toContain('&#x60;');
    expect(problems).toContain('<a href="./entity/team/default/twins.html"><code>team:default/twins</code></a>');
  });

  it('renders hostile metadata inert: no script, no javascript: or data: links', async () => {
    const out = path.join(tempRepo(), '_site');
    const result = compileSources({ sources: [{ file: 'mallory.yaml', text: HOSTILE }] });
    await buildSite(result, { outDir: out, version: 'test', history: NO_HISTORY });
    const html = readFileSync(path.join(out, 'entity/team/default/mallory.html'), 'utf8');
    expect(html.match(/<script\b/g)).toEqual(['<script']);
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/<a [^>]*href="(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer nofollow">ok</a>');
  });

  it('gives every list its own pages: page 2 of tag gpt is not tag gpt-2, nor a tag written in capitals its lowercase twin', async () => {
    const team = (name: string, tags: string) =>
      `apiVersion: dossier/v1\nkind: Team\nmetadata:\n  name: ${name}\n  tags: ${tags}\nspec:\n  members: [ana@example.com]\n`;
    const sources = [
      ...Array.from({ length: 201 }, (_, i) => ({ file: `teams/t${i}.yaml`, text: team(`t${i}`, '[gpt]') })),
      { file: 'teams/two.yaml', text: team('two', '[gpt-2]') },
      // Not slugs: the entity fails its schema but is still listed, under tags that must not share a page.
      { file: 'teams/upper.yaml', text: team('upper', '[GPT-2, "gpt 2", "x/../../../escape"]') },
    ];
    const out = path.join(tempRepo(), '_site');
    await buildSite(compileSources({ sources }), { outDir: out, version: 'test', history: NO_HISTORY });
    const listed = (page: string) =>
      [...readFileSync(path.join(out, page), 'utf8').matchAll(/entity\/team\/default\/(\w+)\.html/g)].map((m) => m[1]);
    expect(listed('tags/gpt.html')).toHaveLength(200);
    expect(listed('tags/gpt~2.html')).toEqual(['t99']);
    expect(listed('tags/gpt-2.html')).toEqual(['two']);
    const tagPages = files(path.join(out, 'tags'));
    const hashed = tagPages.filter((page) => page.includes('~') && !page.startsWith('gpt~'));
    expect(hashed).toHaveLength(3);
    for (const page of hashed) expect(listed(`tags/${page}`)).toEqual(['upper']);
    // The entity page links to each of its tags' lists.
    const upper = readFileSync(path.join(out, 'entity/team/default/upper.html'), 'utf8');
    for (const page of hashed) expect(upper).toContain(`href="../../../tags/${page}"`);
  });

  it('builds a site whatever a version says: a version that is none makes no entity, and no page outside the site', async () => {
    const dataset = (version: string) =>
      `apiVersion: dossier/v1\nkind: Dataset\nmetadata: {name: evil, version: ${JSON.stringify(version)}}\nspec: {location: {uri: s3://x}}\n`;
    const sources = ['../../../escaped', '1.0 beta', '2024-06'].map((version, index) => ({
      file: `d${String(index)}.yaml`,
      text: dataset(version),
    }));
    const result = compileSources({ sources });
    expect(result.catalog.entities.map((entity) => entity.identity)).toEqual(['dataset:default/evil@2024-06']);
    expect(result.diagnostics.filter((d) => d.ruleId === 'schema/invalid-value').map((d) => d.file)).toEqual(['d0.yaml', 'd1.yaml']);
    const root = tempRepo();
    await buildSite(result, { outDir: path.join(root, 'deep', '_site'), version: 'test', history: NO_HISTORY });
    expect(readdirSync(root)).toEqual(['deep']);
  });

  it('renders limitations written as a text and as a list, Markdown escaped either way', async () => {
    const out = path.join(tempRepo(), '_site');
    const model = (name: string, limitations: string) =>
      `apiVersion: dossier/v1\nkind: Model\nmetadata: {name: ${name}}\nspec:\n  task: ranking\n  limitations: ${limitations}\n`;
    const result = compileSources({
      sources: [
        { file: 'one.yaml', text: model('one', '"Only *English*."') },
        { file: 'many.yaml', text: model('many', '["Only *English*.", "<script>alert(1)</script> not calibrated."]') },
      ],
    });
    await buildSite(result, { outDir: out, version: 'test', history: NO_HISTORY });
    expect(readFileSync(path.join(out, 'entity/model/default/one.html'), 'utf8')).toContain('<p>Only <em>English</em>.</p>');
    const many = readFileSync(path.join(out, 'entity/model/default/many.html'), 'utf8');
    expect(many).toContain('<li>Only <em>English</em>.</li>');
    expect(many).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt; not calibrated.</li>');
  });

  it('keeps each tag list small when one entity has thousands of tags (each listed every tag: a square in bytes)', async () => {
    const out = path.join(tempRepo(), '_site');
    const tags = Array.from({ length: 2_000 }, (_, i) => `t${String(i)}`);
    const team = (name: string, own: readonly string[]) =>
      `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}, tags: [${own.join(', ')}]}\nspec: {}\n`;
    const result = compileSources({
      sources: [
        { file: 'many.yaml', text: team('many', tags) },
        { file: 'few.yaml', text: team('few', ['t1999', 'shared']) },
      ],
    });
    await buildSite(result, { outDir: out, version: 'test', history: NO_HISTORY });
    const list = readFileSync(path.join(out, 'tags/t5.html'), 'utf8');
    expect(list.length).toBeLessThan(20_000);
    expect(list).toContain('entity/team/default/many.html');
    // The entity's page still shows every tag, and each tag has its list.
    expect(readFileSync(path.join(out, 'entity/team/default/many.html'), 'utf8')).toContain('#t1999');
    expect(readdirSync(path.join(out, 'tags')).length).toBeGreaterThanOrEqual(2_001);
    // A row is found by its first 32 tags: the filter offers those of `many` and `few`'s own.
    const all = readFileSync(path.join(out, 'kinds/team.html'), 'utf8');
    const options = [...all.matchAll(/<option value="(t\d+)">/g)].map((match) => match[1]);
    expect(options).toEqual([...tags.slice(0, 32), 't1999'].sort());
    // A filter offers at most 200 values, the most common ones.
    const values = [...Array.from({ length: 300 }, (_, i) => `v${String(i).padStart(3, '0')}`), 'v299', 'v299'];
    expect(filterOptions(values)).toHaveLength(200);
    expect(filterOptions(values)).toContain('v299');
  });

  it('refuses to replace a folder it did not make, and replaces its own', async () => {
    const cwd = tempRepo({ '_site/notes.txt': 'mine' });
    const run = await runCli(['build', EXAMPLE, '--out', '_site'], { cwd });
    expect(run.code).toBe(2);
    expect(readFileSync(path.join(cwd, '_site/notes.txt'), 'utf8')).toBe('mine');
    const out = path.join(cwd, 'site2');
    await buildExample(out);
    await buildExample(out);
    expect(files(out)).toContain('.dossier-site');
  });

  it('uses templates from the repository instead of its own', async () => {
    const repo = tempRepo({
      'dossier.yaml': 'site: {title: Acme models, templates: site-templates}\n',
      'site-templates/home.hbs': '<h1>Custom home: {{total}} entities</h1>\n',
      'team.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t}\nspec: {}\n',
    });
    const run = await runCli(['build', '--out', '_site'], { cwd: repo });
    expect(run.code).toBe(0);
    const home = readFileSync(path.join(repo, '_site/index.html'), 'utf8');
    expect(home).toContain('<h1>Custom home: 1 entities</h1>');
    expect(home).toContain('<title>Home · Acme models</title>');
  });

  it('shows the logo of dossier.yaml, an image inside the repository, and refuses any other', async () => {
    const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t}\nspec: {}\n';
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const repo = tempRepo({ 'dossier.yaml': 'site: {logo: docs/logo.SVG}\n', 'docs/logo.SVG': svg, 'team.yaml': team });
    expect((await runCli(['build', '--out', '_site'], { cwd: repo })).code).toBe(0);
    expect(readFileSync(path.join(repo, '_site/assets/logo.svg'), 'utf8')).toBe(svg);
    expect(readFileSync(path.join(repo, '_site/entity/team/default/t.html'), 'utf8')).toContain(
      '<img class="brand-logo" src="../../../assets/logo.svg" alt="" height="28"> Dossier catalog</a>',
    );
    for (const [logo, message] of [
      ['../outside.png', '`../outside.png` leaves the folder of dossier.yaml'],
      ['team.yaml', '`team.yaml` is not an image the site shows as a logo'],
      ['missing.png', 'site.logo: '],
    ]) {
      const other = tempRepo({ 'dossier.yaml': `site: {logo: ${logo}}\n`, 'team.yaml': team });
      const run = await runCli(['build', '--out', '_site'], { cwd: other });
      expect(run.code, logo).toBe(2);
      expect(run.stderr, logo).toContain(message);
    }
    // A logo named like an image that links to .git/config (the remote's token, checkout's auth header) is refused.
    const linked = tempRepo({ 'dossier.yaml': 'site: {logo: docs/logo.svg}\n', 'team.yaml': team, '.git/config': '[remote "origin"]\n' });
    mkdirSync(path.join(linked, 'docs'));
    symlinkSync('../.git/config', path.join(linked, 'docs/logo.svg'));
    const refused = await runCli(['build', '--out', '_site'], { cwd: linked });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('`docs/logo.svg` is not an image the site shows as a logo');
    expect(existsSync(path.join(linked, '_site/assets/logo.svg'))).toBe(false);
  });
});

describe('history from git', () => {
  const team = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t}\nspec: {}\n';
  const git = gitAsAna;

  it('lists the commits that changed each file, linked on GitHub', async () => {
    const dir = tempRepo({ 'team.yaml': team });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'remote', 'add', 'origin', 'git@github.com:acme/metadata.git');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Add the team');
    const history = await readHistory(dir, dir);
    expect(history.available).toBe(true);
    expect(history.partial).toBe(false);
    expect(history.head).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    const [commit] = history.byFile.get('team.yaml') ?? [];
    expect(commit).toMatchObject({ author: 'Ana', subject: 'Add the team', date: '2024-07-01T10:00:00+00:00' });
    expect(commit?.url).toMatch(/^https:\/\/github\.com\/acme\/metadata\/commit\/[0-9a-f]{40}$/);
  });

  it('follows a file across its moves: its history goes on from before the move', async () => {
    const dir = tempRepo({ 'teams/teams.yaml': team });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Add the team');
    git(dir, 'mv', 'teams/teams.yaml', 'teams/all.yaml');
    git(dir, 'commit', '-q', '-m', 'Move the teams');
    writeFileSync(path.join(dir, 'teams/all.yaml'), team.replace('{}', '{email: t@example.com}'));
    git(dir, 'commit', '-qam', 'Give the team an address');
    const history = await readHistory(dir, dir);
    expect((history.byFile.get('teams/all.yaml') ?? []).map((commit) => commit.subject)).toEqual([
      'Give the team an address',
      'Move the teams',
      'Add the team',
    ]);
    expect(history.byFile.has('teams/teams.yaml')).toBe(false);
  });

  it('reads the names git quotes: outside ASCII, with a tab, a line break or a quote, moved or not', async () => {
    const names = ['é.yaml', 'a\tb.yaml', 'n\nl.yaml', 'q"u.yaml', '😀.yaml'];
    const dir = tempRepo(Object.fromEntries(names.map((name) => [name, team])));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'one');
    git(dir, 'mv', 'a\tb.yaml', 'c\td.yaml');
    git(dir, 'commit', '-q', '-m', 'two');
    const history = await readHistory(dir, dir);
    expect([...history.byFile.keys()].sort()).toEqual(['c\td.yaml', 'n\nl.yaml', 'q"u.yaml', 'é.yaml', '😀.yaml']);
    expect((history.byFile.get('c\td.yaml') ?? []).map((commit) => commit.subject)).toEqual(['two', 'one']);
  });

  it('names files from the metadata folder when it is a subfolder of the repository', async () => {
    const dir = tempRepo({ 'meta/team.yaml': team, 'other/notes.yaml': 'x: 1\n' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Add the team');
    const meta = path.join(dir, 'meta');
    const history = await readHistory(meta, meta);
    expect([...history.byFile.keys()]).toEqual(['team.yaml']);
    expect(history.recent[0]?.files).toEqual(['team.yaml']);
  });

  it('says history is partial in a shallow clone', async () => {
    const origin = tempRepo({ 'team.yaml': team });
    git(origin, 'init', '-q', '-b', 'main');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-q', '-m', 'one');
    writeFileSync(path.join(origin, 'team.yaml'), team.replace('{}', '{email: t@example.com}'));
    git(origin, 'commit', '-qam', 'two');
    const clone = path.join(tempRepo(), 'clone');
    git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    const history = await readHistory(clone, clone);
    expect(history.partial).toBe(true);
    const out = path.join(clone, '_site');
    const run = await runCli(['build', '--out', out], { cwd: clone });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(out, 'entity/team/default/t.html'), 'utf8')).toContain('history is partial');
  });

  it('has no history section outside git', async () => {
    const dir = tempRepo({ 'team.yaml': team });
    mkdirSync(path.join(dir, 'sub'));
    expect((await readHistory(dir, dir)).available).toBe(false);
    await runCli(['build', '--out', '_site'], { cwd: dir });
    expect(readFileSync(path.join(dir, '_site/entity/team/default/t.html'), 'utf8')).not.toContain('History');
  });

  it('recognises GitHub remotes', () => {
    expect(githubWebUrl('https://github.com/acme/meta.git')).toBe('https://github.com/acme/meta');
    expect(githubWebUrl('git@github.com:acme/meta.git')).toBe('https://github.com/acme/meta');
    expect(githubWebUrl('https://gitlab.com/acme/meta.git')).toBeUndefined();
  });
});

describe('search index', () => {
  it('indexes names, features and schema fields, in small shards', async () => {
    const { loadConfigFile } = await import('../../src/config/load-config.js');
    const { compileProject } = await import('../../src/use-cases/compile-project.js');
    const result = await compileProject(loadConfigFile(path.join(EXAMPLE, 'dossier.yaml'), 'dossier.yaml'), EXAMPLE);
    const index = buildSearchIndex(result.catalog.entities.map((entity) => searchFacts(result.catalog, entity)));
    const all = Object.assign({}, ...[...index.shards.values()].map((shard) => JSON.parse(shard) as object)) as Record<
      string,
      [string, number, string, string][]
    >;
    expect(all['fraud-detector']?.[0]?.[0]).toBe('model:default/fraud-detector');
    expect(all.avg_amount_30d?.map((p) => p[0])).toContain('featureview:default/customer-transaction-stats');
    expect(all.is_fraud?.map((p) => p[0])).toContain('dataset:default/transactions@2024-06');
    // Each hit says what of the entity it is in, unless it is its name.
    expect(all.avg_amount_30d?.find((p) => p[0] === 'featureview:default/customer-transaction-stats')?.[3]).toBe('feature avg_amount_30d');
    expect(all.is_fraud?.find((p) => p[0] === 'dataset:default/transactions@2024-06')?.[3]).toBe('field is_fraud');
    expect(all['fraud-detector']?.[0]?.[3]).toBe('');
    for (const shard of index.shards.values()) expect(shard.length).toBeLessThan(100_000);
  });
});
