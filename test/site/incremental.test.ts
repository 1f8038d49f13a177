// The incremental site build: pages whose inputs did not change are taken over from the previous
// build, and the result is byte for byte the site a cold build makes, after every edit.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeCacheFile } from '../../src/cache/cache-file.js';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load-config.js';
import { buildProjectSite } from '../../src/use-cases/build-project-site.js';
import { SiteOutput } from '../../src/site/site-output.js';
import { PreviousPageState } from '../../src/site/reuse/page-state-format.js';
import { contentHash } from '../../src/ground/content-hash.js';
import { EDITS, random } from '../edits.js';
import { gitRepo } from '../diff/git-repo.js';
import { exampleFiles, exampleHistory, runCli, tempRepo, gitAsAna, peekCacheFile } from '../helpers.js';

const VERSIONS = 'models/fraud-detector/versions.yaml';
const EVALUATIONS = 'models/fraud-detector/evaluations.yaml';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function build(cwd: string, out: string): Promise<void> {
  const run = await runCli(['build', '--out', out], { cwd });
  expect(run.code, run.stderr).toBe(0);
}

/** The incremental build in `_site` against a cold build of the same files in `_cold`. */
async function expectSameAsCold(cwd: string): Promise<void> {
  await build(cwd, '_site');
  rmSync(path.join(cwd, '_cold'), { recursive: true, force: true });
  await build(cwd, '_cold');
  const incremental = path.join(cwd, '_site');
  const cold = path.join(cwd, '_cold');
  expect(files(incremental)).toEqual(files(cold));
  for (const file of files(cold))
    expect(readFileSync(path.join(incremental, file)).equals(readFileSync(path.join(cold, file))), file).toBe(true);
}

/** The example repository with its history, its site built and rebuilt (the rebuild keeps what the next goes on from). */
async function historyBuiltTwice(): Promise<string> {
  const cwd = exampleHistory();
  await build(cwd, '_site');
  await build(cwd, '_site');
  return cwd;
}

const edit = (cwd: string, file: string, change: (text: string) => string) => {
  writeFileSync(path.join(cwd, file), change(readFileSync(path.join(cwd, file), 'utf8')));
};

describe('a rebuild whose analyses cache was emptied', () => {
  it('is a cold build, and fills the cache again', async () => {
    const cwd = tempRepo(exampleFiles());
    for (let run = 0; run < 3; run++) await build(cwd, '_site');
    const cacheDir = path.join(cwd, '.dossier/cache');
    const analyses = () => readdirSync(cacheDir).filter((file) => file.startsWith('analyses-'));
    for (const file of analyses()) rmSync(path.join(cacheDir, file));
    // The link and the pages read the entities this dataset's are linked with: their files are analysed again.
    edit(cwd, 'datasets/card-events.yaml', (text) => text.replace('joined 90 days after the fact.', 'joined 90 days later.'));
    await expectSameAsCold(cwd);
    const kept = analyses().reduce(
      (sum, file) => sum + peekCacheFile<Map<string, unknown>>(readFileSync(path.join(cacheDir, file))).content.size,
      0,
    );
    expect(kept).toBeGreaterThan(1);
  });
});

describe('the incremental site build', () => {
  it('is byte-identical to a cold build after a series of edits, and reuses unchanged pages', async () => {
    const cwd = tempRepo(exampleFiles());
    await build(cwd, '_site');
    const page = path.join(cwd, '_site/entity/team/default/model-risk.html');
    const before = readFileSync(page, 'utf8');
    writeFileSync(page, `${before}<!-- taken over -->`);
    const searchManifest = path.join(cwd, '_site/search/manifest.json');
    const searchBefore = readFileSync(searchManifest, 'utf8');
    writeFileSync(searchManifest, `${searchBefore} `);
    // Nothing changed: the page and the search index are taken over from the previous site as they are there.
    await build(cwd, '_site');
    expect(readFileSync(page, 'utf8')).toContain('<!-- taken over -->');
    expect(readFileSync(searchManifest, 'utf8')).toBe(`${searchBefore} `);
    writeFileSync(page, before);
    writeFileSync(searchManifest, searchBefore);

    edit(cwd, VERSIONS, (text) => text.replace('description: Candidate with', 'description: A candidate with'));
    await expectSameAsCold(cwd);
    edit(cwd, 'features/feature-views.yaml', (text) => text.replace('distinct_merchants_7d', 'merchants_7d'));
    await expectSameAsCold(cwd);
    // A Model's body is read from the heads the last rebuild kept: its EU AI Act page goes, and comes back.
    const scorer = 'models/credit-scorer/credit-scorer.yaml';
    const euAiActPage = (dir: string) =>
      files(path.join(cwd, dir)).filter((file) => file.startsWith('compliance/') && file.includes('credit-scorer'));
    expect(euAiActPage('_site')).not.toEqual([]);
    edit(cwd, scorer, (text) => text.replace('classification: high-risk', 'classification: not-high-risk'));
    await expectSameAsCold(cwd);
    expect(euAiActPage('_site')).toEqual([]);
    edit(cwd, scorer, (text) => text.replace('classification: not-high-risk', 'classification: high-risk'));
    await expectSameAsCold(cwd);
    expect(euAiActPage('_site')).not.toEqual([]);
    // A removed entity's page goes with it.
    edit(cwd, VERSIONS, (text) =>
      text
        .split(/^---\n/m)
        .slice(0, 2)
        .join('---\n'),
    );
    await expectSameAsCold(cwd);
    expect(files(path.join(cwd, '_site')).some((file) => file.includes('fraud-detector@2.1.0'))).toBe(false);
  });

  it('goes on from heads that miss a few edited files, and writes them again once they miss many', async () => {
    const teams = Object.fromEntries(
      Array.from({ length: 8 }, (_, index) => [
        `teams/extra-${String(index)}.yaml`,
        `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: extra-${String(index)}}\nspec: {members: [a@example.com]}\n`,
      ]),
    );
    const cwd = tempRepo({ ...exampleFiles(), ...teams });
    await build(cwd, '_site');
    await build(cwd, '_site');
    const yamlFiles = Object.keys({ ...exampleFiles(), ...teams }).filter((file) => file.endsWith('.yaml') && file !== 'dossier.yaml');
    expect(yamlFiles.length).toBeGreaterThan(16);
    // The heads of `_site` (a cold build into `_cold` keeps its own); written atomically, each time as a new file.
    const cacheDir = path.join(cwd, '.dossier/cache');
    const headsFile = readdirSync(cacheDir).find((name) => name.endsWith('-heads.bin'));
    const heads = () => (headsFile === undefined ? undefined : statSync(path.join(cacheDir, headsFile)).ino);
    const written = heads();
    expect(written).toBeDefined();
    // A few edited files: their analyses come from the cache, and the heads stay as they were.
    for (const file of yamlFiles.slice(0, 2)) edit(cwd, file, (text) => `${text}# edited\n`);
    await expectSameAsCold(cwd);
    expect(heads()).toBe(written);
    edit(cwd, VERSIONS, (text) => text.replace('description: Candidate with', 'description: A candidate with'));
    await expectSameAsCold(cwd);
    // Many: the heads are written again, from kept heads and fresh analyses together.
    for (const file of yamlFiles) edit(cwd, file, (text) => `${text}# edited again\n`);
    await expectSameAsCold(cwd);
    expect(heads()).not.toBe(written);
    edit(cwd, VERSIONS, (text) => text.replace('description: A candidate with', 'description: Candidate with'));
    await expectSameAsCold(cwd);
  });

  it('renders every page again when a template changes', async () => {
    const cwd = tempRepo({
      ...exampleFiles(),
      'dossier.yaml': `${exampleFiles()['dossier.yaml'] ?? ''}site: {templates: site-templates}\n`,
    });
    await build(cwd, '_site');
    const layout = readFileSync(path.resolve('templates/site/layout.hbs'), 'utf8');
    const dir = path.join(cwd, 'site-templates');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'layout.hbs'), layout.replace('<footer>', '<footer data-brand="acme">'));
    await expectSameAsCold(cwd);
    expect(readFileSync(path.join(cwd, '_site/entity/team/default/model-risk.html'), 'utf8')).toContain('data-brand="acme"');
  });
});

describe('the site output', () => {
  it('keeps a page taken over once when it is claimed again (an entity whose other page could not be taken over is built)', () => {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('a.html', 'inputs-a') as string, 'page a');
    writeFileSync(first.claim('b.html', 'inputs-b') as string, 'page b');
    first.commit();
    rmSync(path.join(outDir, 'b.html'));

    const second = new SiteOutput(outDir);
    expect([second.takeOver('a.html', 'inputs-a'), second.takeOver('b.html', 'inputs-b')]).toEqual([true, false]);
    expect(second.claim('a.html', 'inputs-a')).toBeUndefined();
    writeFileSync(second.claim('b.html', 'inputs-b') as string, 'page b');
    expect(second.count).toBe(2);
    second.commit();
    expect(readFileSync(path.join(outDir, 'a.html'), 'utf8')).toBe('page a');
  });
});

describe('the page state kept for the next build', () => {
  it('is ignored when truncated or inconsistent: the site is still byte for byte a cold build', async () => {
    const cwd = tempRepo(exampleFiles());
    await build(cwd, '_site');
    await build(cwd, '_site');
    const cacheDir = path.join(cwd, '.dossier/cache');
    const stateFile = path.join(cacheDir, readdirSync(cacheDir).find((file) => /^site-[0-9a-f]+\.bin$/.test(file)) as string);
    const state = readFileSync(stateFile);
    edit(cwd, VERSIONS, (text) => text.replace('description: Candidate with', 'description: A candidate with'));
    writeFileSync(stateFile, state.subarray(0, state.length >> 1));
    await expectSameAsCold(cwd);
    // A state file of this version whose columns do not fit together.
    const stored = peekCacheFile<{ reads: Int32Array }>(state);
    stored.content.reads = stored.content.reads.subarray(1);
    writeFileSync(stateFile, encodeCacheFile(stored));
    edit(cwd, VERSIONS, (text) => text.replace('description: A candidate with', 'description: Candidate with'));
    await expectSameAsCold(cwd);
    // One whose reads name a key it does not have (the columns are read in place: nothing else would notice).
    const outOfRange = peekCacheFile<{ reads: Int32Array; keys: { lengths: Int32Array } }>(state);
    outOfRange.content.reads[0] = outOfRange.content.keys.lengths.length;
    writeFileSync(stateFile, encodeCacheFile(outOfRange));
    edit(cwd, VERSIONS, (text) => text.replace('description: Candidate with', 'description: A candidate with'));
    await expectSameAsCold(cwd);
  });
});

describe('a first build asked to keep what rebuilds go on from (the CLI outside CI)', () => {
  it('lets its first rebuild take pages over, byte for byte a cold build; one not asked keeps nothing', async () => {
    const cwd = tempRepo(exampleFiles());
    const config = loadConfigFile(path.join(cwd, 'dossier.yaml'), 'dossier.yaml');
    const siteOf = (outDir: string, keepFirstBuild: boolean) => buildProjectSite({ cwd, config, version: 'test', outDir, keepFirstBuild });
    await siteOf('_kept', true);
    await siteOf('_plain', false);
    edit(cwd, VERSIONS, (text) => text.replace('description: Candidate with', 'description: A candidate with'));
    const kept = await siteOf('_kept', true);
    const plain = await siteOf('_plain', false);
    expect(kept.relinked).toBe(true);
    expect(kept.unchangedEntities).toBeGreaterThan(0);
    expect(plain.unchangedEntities).toBe(0);
    expect(files(path.join(cwd, '_kept'))).toEqual(files(path.join(cwd, '_plain')));
    for (const file of files(path.join(cwd, '_plain')))
      expect(readFileSync(path.join(cwd, '_kept', file)).equals(readFileSync(path.join(cwd, '_plain', file))), file).toBe(true);
  });
});

describe('a rebuild in place', () => {
  it('moves only what it wrote into the old site and removes what it no longer makes, with the folders left empty', () => {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('a.html', 'inputs-a') as string, 'page a');
    writeFileSync(first.claim('old/deep/b.html', 'inputs-b') as string, 'page b');
    writeFileSync(first.claim('c', 'inputs-c') as string, 'a file where a folder goes');
    first.place('search/x.json', '{"x":1}');
    first.commit();
    const keptInode = statSync(path.join(outDir, 'a.html')).ino;

    const second = new SiteOutput(outDir);
    expect(second.rebuilding).toBe(true);
    expect(second.claim('a.html', 'inputs-a')).toBeUndefined();
    writeFileSync(second.claim('c/d.html', 'inputs-d') as string, 'page d');
    second.place('search/x.json', '{"x":1}');
    second.place('search/y.json', '{"y":2}');
    second.commit();

    expect(files(outDir)).toEqual(['.dossier-site', '.dossier-site-manifest.json', 'a.html', 'c/d.html', 'search/x.json', 'search/y.json']);
    expect(statSync(path.join(outDir, 'a.html')).ino).toBe(keptInode);
    expect(existsSync(path.join(outDir, 'old'))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(path.join(outDir, '.dossier-site-manifest.json'), 'utf8')) as object)).toEqual([
      '.dossier-site',
      'a.html',
      'c/d.html',
      'search/x.json',
      'search/y.json',
    ]);
    expect(readdirSync(path.dirname(outDir)).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the previous site as it was when the build fails', () => {
    const outDir = path.join(tempRepo(), 'site');
    const first = new SiteOutput(outDir);
    writeFileSync(first.claim('a.html', 'inputs-a') as string, 'page a');
    first.commit();
    const before = files(outDir).map((file) => [file, readFileSync(path.join(outDir, file), 'utf8')]);

    const second = new SiteOutput(outDir);
    writeFileSync(second.claim('a.html', 'inputs-a2') as string, 'page a, changed');
    second.write('b.html', 'page b');
    second.discard();
    expect(files(outDir).map((file) => [file, readFileSync(path.join(outDir, file), 'utf8')])).toEqual(before);
  });
});

describe('entity pages taken over without being built', () => {
  it('after each of 16 random edits, and of dossier.yaml, a template and the site options, the site is byte for byte a cold build', async () => {
    const baseConfig = `${exampleFiles()['dossier.yaml'] ?? ''}site: {templates: site-templates}\n`;
    const cwd = tempRepo({ ...exampleFiles(), 'dossier.yaml': baseConfig });
    const yaml = files(cwd).filter((file) => file.endsWith('.yaml') && file !== 'dossier.yaml');
    // Text outside ASCII early in catalog.json: the places of later entities' texts count bytes, not characters.
    const first = yaml.find((file) => readFileSync(path.join(cwd, file), 'utf8').includes('description: ')) as string;
    writeFileSync(
      path.join(cwd, first),
      readFileSync(path.join(cwd, first), 'utf8').replace('description: ', 'description: Café — naïve 数据 '),
    );
    const original = new Map(yaml.map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')]));
    // Files written a minute ago: a rebuild trusts their stamps, reads the edited one and no other unless asked.
    const aMinuteAgo = Date.now() / 1000 - 60;
    for (const file of yaml) utimesSync(path.join(cwd, file), aMinuteAgo, aMinuteAgo);
    // dossier.yaml is read as the CLI reads it, at every build: its edits reach the site only through it.
    const site = (out: string) =>
      buildProjectSite({
        cwd,
        config: loadConfigFile(path.join(cwd, 'dossier.yaml'), 'dossier.yaml'),
        outDir: out,
        version: '0.0.0-test',
        fetch: { offline: true },
      });
    const expectCold = async (after: string) => {
      rmSync(path.join(cwd, '_cold'), { recursive: true, force: true });
      await site('_cold');
      expect(files(path.join(cwd, '_site')), after).toEqual(files(path.join(cwd, '_cold')));
      for (const page of files(path.join(cwd, '_cold')))
        expect(readFileSync(path.join(cwd, '_site', page)).equals(readFileSync(path.join(cwd, '_cold', page))), `${page} ${after}`).toBe(
          true,
        );
    };
    const layout = readFileSync(path.resolve('templates/site/layout.hbs'), 'utf8');
    const templates = path.join(cwd, 'site-templates');
    mkdirSync(templates);
    /** Edits of what every page is rendered with, one after every fourth edit of the metadata. */
    const configEdits: [string, () => void][] = [
      [
        'the site options',
        () => {
          writeFileSync(
            path.join(cwd, 'dossier.yaml'),
            baseConfig.replace('site: {', 'site: {title: Acme models, footer: Ask the ML platform team., '),
          );
        },
      ],
      [
        'a template',
        () => {
          writeFileSync(path.join(templates, 'layout.hbs'), layout.replace('<footer>', '<footer data-brand="acme">'));
        },
      ],
      [
        'the rules in dossier.yaml',
        () => {
          writeFileSync(path.join(cwd, 'dossier.yaml'), baseConfig.replace('rules: {}', 'rules: {team/unused: off}'));
        },
      ],
      [
        'a template removed',
        () => {
          rmSync(path.join(templates, 'layout.hbs'));
        },
      ],
    ];
    await site('_site');
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    let unchanged = 0;
    let relinked = 0;
    for (let step = 0; step < 16; step++) {
      const file = pick(yaml);
      const text = original.get(file) as string;
      const edited = pick(EDITS)(text);
      writeFileSync(path.join(cwd, file), next() < 0.2 ? text : edited === text ? `${text}\n# edit ${String(step)}\n` : edited);
      utimesSync(path.join(cwd, file), aMinuteAgo + step + 1, aMinuteAgo + step + 1);
      const incremental = await site('_site');
      unchanged += incremental.unchangedEntities;
      if (incremental.relinked) relinked++;
      await expectCold(`after edit ${String(step)} of ${file}`);
      if (step % 4 !== 3) continue;
      const [what, change] = configEdits[(step - 3) / 4] as [string, () => void];
      change();
      const rebuilt = await site('_site');
      // Every page shows or is rendered with what changed: none is taken over.
      expect(rebuilt.unchangedEntities, what).toBe(0);
      await expectCold(`after an edit of ${what}`);
    }
    expect(readFileSync(path.join(cwd, '_site/index.html'), 'utf8')).not.toContain('Ask the ML platform team.');
    // 64 entities a build. An edit that changes the problem count builds every page again (the header
    // shows it): about half of these do. Still a third or more must have been taken over, or the
    // comparison proves little.
    expect(unchanged).toBeGreaterThan((16 * 64) / 3);
    // The link went on from the last rebuild's (one file changed each time; it links whole when a cycle is made or broken).
    expect(relinked).toBeGreaterThan(12);
  }, 120_000);
});

describe('a site option shown on every page', () => {
  it('is an input of every page: changed in dossier.yaml alone, it renders every page again, as a cold build does', async () => {
    const config = exampleFiles()['dossier.yaml'] ?? '';
    const cwd = tempRepo({ ...exampleFiles(), 'dossier.yaml': `${config}site: {footer: Maintained by the ML platform team.}\n` });
    await build(cwd, '_site');
    await build(cwd, '_site');
    const pages = files(path.join(cwd, '_site')).filter((file) => file.endsWith('.html'));
    for (const page of pages)
      expect(readFileSync(path.join(cwd, '_site', page), 'utf8'), page).toContain('Maintained by the ML platform team.');
    edit(cwd, 'dossier.yaml', (text) => text.replace('Maintained by the ML platform team.', '"Ask #ml-platform <on Slack>."'));
    await expectSameAsCold(cwd);
    for (const page of pages) {
      const html = readFileSync(path.join(cwd, '_site', page), 'utf8');
      expect(html, page).toContain('Ask #ml-platform &lt;on Slack&gt;.');
      expect(html, page).not.toContain('Maintained by');
    }
  });
});

describe('pages rendered by a second thread', () => {
  it('are byte for byte the pages one thread renders (the built CLI, where the worker script exists)', () => {
    const cwd = tempRepo(exampleFiles());
    const bin = path.resolve('build/dossier.js');
    const site = (out: string, threads: string) => {
      const run = spawnSync(process.execPath, [bin, 'build', '--out', out], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', DOSSIER_RENDER_THREADS: threads },
      });
      expect(run.status, run.stderr).toBe(0);
      return path.join(cwd, out);
    };
    const one = site('_one', '0');
    const two = site('_two', '1');
    expect(files(two)).toEqual(files(one));
    for (const file of files(one)) expect(readFileSync(path.join(two, file)).equals(readFileSync(path.join(one, file))), file).toBe(true);
  });

  it('fail the build when a page cannot be rendered, and leave no site behind', () => {
    const cwd = tempRepo({
      ...exampleFiles(),
      'dossier.yaml': 'roots: [.]\nsite: {templates: templates}\n',
      'templates/entity.hbs': '{{#each}}',
    });
    const run = spawnSync(process.execPath, [path.resolve('build/dossier.js'), 'build', '--out', '_site'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DOSSIER_RENDER_THREADS: '1' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/templates\/entity\.hbs \(or a partial it uses\) cannot be rendered: Parse error on line \d+: Expecting/);
    expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(readdirSync(cwd)).not.toContain('_site');
  });
});

describe('the keys pages read, kept between builds', () => {
  it('are dropped once most are read by no page, each page still reading what it read', async () => {
    // Rules that would find problems once most entities are gone are off: the site's header (the problem count) stays.
    const config = (exampleFiles()['dossier.yaml'] ?? '').replace('rules: {}', 'rules: {team/unused: off, term/unused: off}');
    const cwd = tempRepo({ ...exampleFiles(), 'dossier.yaml': config });
    /** The state a rebuild of `out` kept: how many keys, and the keys each entity's pages read. */
    const stateOf = (out: string) => {
      const file = path.join(cwd, '.dossier/cache', `site-${contentHash(path.join(cwd, out)).slice(0, 16)}.bin`);
      const state = PreviousPageState.of(peekCacheFile(readFileSync(file)).content) as PreviousPageState;
      const reads = new Map(
        [...state.rows].map(([identity, row]) => [identity, Array.from(state.readsOf(row), (index) => state.keys.at(index)).sort()]),
      );
      return { keys: state.keys.length, reads };
    };
    await build(cwd, '_site');
    await build(cwd, '_site');
    const all = stateOf('_site').keys;
    const removed = ['models', 'datasets', 'features', 'glossary'].flatMap((folder) =>
      files(path.join(cwd, folder)).map((file) => path.join(folder, file)),
    );
    const texts = new Map(removed.map((file) => [file, readFileSync(path.join(cwd, file), 'utf8')]));
    for (const file of removed) rmSync(path.join(cwd, file));
    await expectSameAsCold(cwd);
    const compacted = stateOf('_site');
    expect(compacted.keys).toBeLessThan(all / 2);
    // What a build from scratch of the same files records: the renumbered reads name the same keys.
    await build(cwd, '_fresh');
    await build(cwd, '_fresh');
    expect(compacted.reads).toEqual(stateOf('_fresh').reads);
    for (const [file, text] of texts) writeFileSync(path.join(cwd, file), text);
    await expectSameAsCold(cwd);
    expect(stateOf('_site').keys).toBe(all);
  });
});

describe('the changes pages', () => {
  const git = gitAsAna;

  it('are taken over while the events and their entities stand, and made again when either changes', async () => {
    const cwd = tempRepo(exampleFiles());
    git(cwd, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(cwd, '.gitignore'), '_site/\n_cold/\n.dossier/\n');
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-q', '-m', 'The catalog');
    // A regression (still above its threshold): an event of the evaluation, on the home page and changes.html.
    edit(cwd, EVALUATIONS, (text) => text.replace('{name: auc_pr, value: 0.8,', '{name: auc_pr, value: 0.7,'));
    git(cwd, 'commit', '-q', '-am', 'Evaluate again');
    await build(cwd, '_site');
    await build(cwd, '_site');
    const changes = path.join(cwd, '_site/changes.html');
    const home = path.join(cwd, '_site/index.html');
    const before = readFileSync(changes, 'utf8');
    expect(before).toContain('fraud-detector-2-1-0-holdout.html');
    // The home page's recent changes are the same events.
    expect(readFileSync(home, 'utf8')).toContain('fraud-detector-2-1-0-holdout.html');
    writeFileSync(changes, `${before}<!-- taken over -->`);
    await build(cwd, '_site');
    expect(readFileSync(changes, 'utf8')).toContain('<!-- taken over -->');
    writeFileSync(changes, before);
    // The entity the events name is gone from the working tree (no problem comes or goes): they no longer link to its page.
    edit(cwd, EVALUATIONS, (text) =>
      text
        .split(/^---\n/m)
        .slice(0, -1)
        .join('---\n'),
    );
    await expectSameAsCold(cwd);
    expect(readFileSync(changes, 'utf8')).not.toContain('fraud-detector-2-1-0-holdout.html');
    expect(readFileSync(home, 'utf8')).not.toContain('fraud-detector-2-1-0-holdout.html');
    git(cwd, 'commit', '-q', '-am', 'Drop the evaluation');
    await expectSameAsCold(cwd);
    // A new commit is a new first recent change.
    const recent = readFileSync(home, 'utf8');
    expect(recent.indexOf('Drop the evaluation')).toBeGreaterThan(-1);
    expect(recent.indexOf('Drop the evaluation')).toBeLessThan(recent.indexOf('Evaluate again'));
  });
});

describe('the lists of entities and the home page', () => {
  it('are taken over while their rows, tags and owners stand, and made again when one of them changes', async () => {
    const cwd = tempRepo(exampleFiles());
    await build(cwd, '_site');
    await build(cwd, '_site');
    const lists = [
      '_site/index.html',
      '_site/kinds/evaluation.html',
      '_site/owners/team/default/risk-ml.html',
      '_site/tags/fraud.html',
    ].map((file) => path.join(cwd, file));
    const before = lists.map((file) => readFileSync(file, 'utf8'));
    for (const [index, file] of lists.entries()) writeFileSync(file, `${before[index] ?? ''}<!-- taken over -->`);
    // A metric is on no list, nor on the home page.
    edit(cwd, EVALUATIONS, (text) => text.replace('{name: auc_pr, value: 0.8,', '{name: auc_pr, value: 0.81,'));
    await build(cwd, '_site');
    for (const file of lists) expect(readFileSync(file, 'utf8'), file).toContain('<!-- taken over -->');
    for (const [index, file] of lists.entries()) writeFileSync(file, before[index] ?? '');
    // The owner's name heads its list; no row shows it.
    edit(cwd, 'teams/teams.yaml', (text) => text.replace('title: Risk ML', 'title: Risk and Fraud ML'));
    await expectSameAsCold(cwd);
    expect(readFileSync(lists[2] as string, 'utf8')).toContain('Risk and Fraud ML');
    // A stage is counted on the home page.
    edit(cwd, VERSIONS, (text) => text.replace('stage: production', 'stage: archived'));
    await expectSameAsCold(cwd);
    // One tag with a space (an invalid entity's) and two tags make the same row.
    edit(cwd, 'models/fraud-detector/model.yaml', (text) =>
      text.replace('tags: [fraud, tabular, real-time]', 'tags: [fraud tabular, real-time]'),
    );
    await expectSameAsCold(cwd);
    edit(cwd, 'models/fraud-detector/model.yaml', (text) =>
      text.replace('tags: [fraud tabular, real-time]', 'tags: [fraud, tabular real-time]'),
    );
    await expectSameAsCold(cwd);
  });
});

describe('the home page’s recent changes', () => {
  it('are made again when the semantic history changes with no new commit and no change to the entities (a rule turned off)', async () => {
    const cwd = await historyBuiltTwice();
    const home = path.join(cwd, '_site/index.html');
    expect(readFileSync(home, 'utf8')).toContain('entity/deprecated-in-use');
    // No problem of that rule at head: only the history's new problems change.
    edit(cwd, 'dossier.yaml', (text) => text.replace('rules: {}', 'rules: {entity/deprecated-in-use: "off"}'));
    await expectSameAsCold(cwd);
    expect(readFileSync(home, 'utf8')).not.toContain('entity/deprecated-in-use');
  });
});

describe('the problem count and the commit every page shows', () => {
  it('live in one stylesheet: a new problem or a new commit renders again only the pages whose own inputs changed', async () => {
    const cwd = await historyBuiltTwice();
    const site = path.join(cwd, '_site');
    const state = () => readFileSync(path.join(site, 'assets/site-state.css'), 'utf8');
    const problems = () => Number(/\.site-problems::after \{ content: "(\d+)"/.exec(state())?.[1] ?? '0');
    const pages = files(site).filter((file) => file.endsWith('.html'));
    /** Marks every page, builds, and says how many pages the build left as they were (marked), then unmarks them. */
    const keptPages = async () => {
      const originals = new Map(pages.map((page) => [page, readFileSync(path.join(site, page), 'utf8')]));
      for (const [page, html] of originals) writeFileSync(path.join(site, page), `${html}<!-- kept -->`);
      await build(cwd, '_site');
      let kept = 0;
      for (const [page, html] of originals) {
        if (!readFileSync(path.join(site, page), 'utf8').endsWith('<!-- kept -->')) continue;
        kept++;
        writeFileSync(path.join(site, page), html);
      }
      return kept;
    };

    const before = problems();
    edit(cwd, 'datasets/card-events.yaml', (text) => text.replace(/description: Every card .*/, 'description: TBD'));
    expect(await keptPages()).toBeGreaterThan(pages.length * 0.8);
    expect(problems()).toBe(before + 1);
    for (const page of pages) expect(readFileSync(path.join(site, page), 'utf8'), page).toContain('class="badge site-problems"');

    gitAsAna(cwd, 'commit', '-qam', 'A placeholder description');
    const head = gitAsAna(cwd, 'rev-parse', '--short', 'HEAD').trim();
    expect(state()).not.toContain(head);
    expect(await keptPages()).toBeGreaterThan(pages.length * 0.8);
    expect(state()).toContain(`.site-commit code::after { content: "${head}"; }`);
    await expectSameAsCold(cwd);
  });
});

describe('the site history kept in the cache', () => {
  it('is walked again for a build from another folder, whose pages name files from there', async () => {
    const team = (name: string) => `apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ${name}}\n`;
    const repo = gitRepo({ 'teams/a.yaml': team('a') });
    // A problem's event names its file.
    repo.write({ 'teams/b.yaml': `${team('b')}  name: c\n`.replace('{name: b}', '\n  name: b') });
    repo.commit('Add team b, with its name given twice');
    const fromTeams = await runCli(['build', '--out', path.join(repo.dir, 'o1')], { cwd: path.join(repo.dir, 'teams'), env: { CI: '' } });
    expect(fromTeams.code, fromTeams.stderr).toBe(0);
    for (const [out, cache] of [
      ['o2', []],
      ['o3', ['--no-cache']],
    ] as const) {
      const run = await runCli(['build', '--out', out, ...cache], { cwd: repo.dir, env: { CI: '' } });
      expect(run.code, run.stderr).toBe(0);
    }
    const changes = (out: string) => readFileSync(path.join(repo.dir, out, 'changes.html'), 'utf8');
    expect(changes('o3')).toContain('teams/b.yaml');
    expect(changes('o2')).toBe(changes('o3'));
  });
});
