import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, parseCatalogJson, parseJsonReport, parseRuleRows, parseSarifLog, runCli, tempRepo } from '../helpers.js';

const BROKEN_TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t, owner: nobody}\nspec: {}\n';
const GOOD_TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: t}\nspec: {}\n';
const DEPRECATED_USE =
  'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: old, lifecycle: deprecated}\nspec: {}\n---\napiVersion: dossier/v1\nkind: Team\nmetadata: {name: t, owner: old}\nspec: {}\n';

describe('dossier (top level)', () => {
  it('prints help and the version', async () => {
    const cwd = tempRepo();
    expect((await runCli(['--help'], { cwd })).stdout).toContain('Commands:');
    const bare = await runCli([], { cwd });
    expect([bare.code, bare.stdout, bare.stderr]).toEqual([2, '', expect.stringContaining('Commands:')]);
    expect(await runCli(['--version'], { cwd })).toEqual({ code: 0, stdout: '0.0.0-test\n', stderr: '' });
  });

  it('rejects an unknown command with exit code 2', async () => {
    const run = await runCli(['lnt'], { cwd: tempRepo() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command `lnt`');
  });

  for (const command of ['lint', 'compile', 'init', 'rules']) {
    it(`has --help for ${command}`, async () => {
      const run = await runCli([command, '--help'], { cwd: tempRepo() });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: dossier ${command}`));
    });
  }
});

describe('dossier lint', () => {
  it('exits 0 on a clean repository', async () => {
    const run = await runCli(['lint'], { cwd: tempRepo({ 'dossier.yaml': 'extends: core\n', 'base.yaml': BASE }) });
    expect(run).toMatchObject({ code: 0, stdout: '✔ No problems in 1 file.\n' });
  });

  it('exits 1 with every problem at file:line:col', async () => {
    const run = await runCli(['lint'], {
      cwd: tempRepo({
        'dossier.yaml': 'extends: core\n',
        'base.yaml': BASE,
        'bad.yaml': BROKEN_TEAM,
        'syntax.yaml': 'apiVersion: dossier/v1\na: [\n',
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.yaml\n  3:28    error   `nobody` does not resolve');
    expect(run.stdout).toContain('syntax.yaml\n');
    expect(run.stdout).toContain('2 problems (2 errors, 0 warnings, 0 info)');
  });

  it('sets the exit code from --fail-on', async () => {
    const cwd = tempRepo({ 'a.yaml': DEPRECATED_USE });
    expect((await runCli(['lint'], { cwd })).code).toBe(0);
    expect((await runCli(['lint', '--fail-on', 'warning'], { cwd })).code).toBe(1);
    expect((await runCli(['lint', '--fail-on', 'never'], { cwd: tempRepo({ 'a.yaml': BROKEN_TEAM }) })).code).toBe(0);
  });

  it('shows only errors with --quiet, saying how many others it leaves out', async () => {
    const run = await runCli(['lint', '--quiet'], { cwd: tempRepo({ 'a.yaml': DEPRECATED_USE }) });
    expect(run.stdout).toBe('✔ No errors in 1 file (1 warning or info not shown: --quiet).\n');
    const clean = await runCli(['lint', '--quiet'], { cwd: tempRepo({ 'a.yaml': GOOD_TEAM }) });
    expect(clean.stdout).toBe('✔ No problems in 1 file.\n');
  });

  it('writes machine-readable output to a file', async () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    const run = await runCli(['lint', '--format', 'json', '--output', 'out/report.json'], { cwd });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const report = parseJsonReport(readFileSync(path.join(cwd, 'out/report.json'), 'utf8'));
    expect(report.diagnostics[0]).toMatchObject({ ruleId: 'reference/unresolved', file: 'a.yaml', line: 3, column: 28 });
  });

  it('prints SARIF and GitHub annotations', async () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    expect(parseSarifLog((await runCli(['lint', '--format', 'sarif'], { cwd })).stdout).version).toBe('2.1.0');
    expect((await runCli(['lint', '--format', 'github'], { cwd })).stdout).toMatch(/^::error file=a\.yaml,line=3,col=28,/);
  });

  it('places SARIF results and GitHub annotations by their path from the repository root when run below it', async () => {
    const root = tempRepo({ 'ml/dossier.yaml': '{}\n', 'ml/teams/a.yaml': BROKEN_TEAM });
    mkdirSync(path.join(root, '.git'));
    const cwd = path.join(root, 'ml');
    const sarif = parseSarifLog((await runCli(['lint', '--format', 'sarif'], { cwd })).stdout);
    expect(sarif.runs[0]?.results?.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri)).toEqual(['ml/teams/a.yaml']);
    expect((await runCli(['lint', '--format', 'github'], { cwd })).stdout).toMatch(/^::error file=ml\/teams\/a\.yaml,line=3,/);
    // People read paths from where they are.
    expect(parseJsonReport((await runCli(['lint', '--format', 'json'], { cwd })).stdout).diagnostics[0]?.file).toBe('teams/a.yaml');
  });

  it('keeps no cache, and lints, when a committed .dossier/cache is a link out of the repository', async () => {
    const cwd = tempRepo({ 'teams/base.yaml': BASE });
    const outside = tempRepo();
    mkdirSync(path.join(cwd, '.dossier'));
    symlinkSync(outside, path.join(cwd, '.dossier', 'cache'));
    expect(await runCli(['lint'], { cwd })).toMatchObject({ code: 0 });
    expect(await runCli(['build', '--out', '_site'], { cwd })).toMatchObject({ code: 0 });
    expect(readdirSync(outside)).toEqual([]);
    // A folder inside the cache that is a link out: the cache was planted, and is not used.
    const planted = tempRepo({ 'teams/base.yaml': BASE });
    mkdirSync(path.join(planted, '.dossier', 'cache'), { recursive: true });
    symlinkSync(outside, path.join(planted, '.dossier', 'cache', 'lint-link'));
    expect(await runCli(['lint'], { cwd: planted })).toMatchObject({ code: 0 });
    writeFileSync(path.join(planted, 'teams', 'other.yaml'), 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: other}\n');
    expect(await runCli(['lint'], { cwd: planted })).toMatchObject({ code: 0 });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('builds no site, and exports nothing, into a folder that a link leads out of the repository', async () => {
    const cwd = tempRepo({ 'teams/base.yaml': BASE });
    const outside = tempRepo();
    symlinkSync(outside, path.join(cwd, 'pub'));
    const build = await runCli(['build', '--out', 'pub/site'], { cwd });
    expect(build.code).toBe(2);
    expect(build.stderr).toContain('leads out of the repository through a symbolic link');
    expect((await runCli(['export', 'hf-model-card', '--out', 'pub/cards'], { cwd })).code).not.toBe(0);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('reports only files under the given paths, but resolves against the whole repository', async () => {
    const cwd = tempRepo({
      'teams/base.yaml': BASE,
      'models/m.yaml': 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m, owner: owners}\nspec: {task: t}\n',
      'other/bad.yaml': BROKEN_TEAM,
    });
    const run = await runCli(['lint', 'models'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '✔ No problems in 1 file.\n' });
    expect((await runCli(['lint', 'other'], { cwd })).code).toBe(1);
    // Files are counted as ESLint counts them: those under the paths given, with the cache or without.
    for (const cache of [['--no-cache'], []]) {
      const two = await runCli(['lint', 'models', 'teams', '--format', 'json', ...cache], { cwd });
      expect(parseJsonReport(two.stdout).summary.files).toBe(2);
      expect(parseJsonReport((await runCli(['lint', '.', '--format', 'json', ...cache], { cwd })).stdout).summary.files).toBe(3);
    }
  });

  it('without dossier.yaml, works on the whole git repository from any folder of it (FORMAT.md § Files)', async () => {
    const root = tempRepo({
      'teams/base.yaml': BASE,
      'models/m.yaml': 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m, owner: owners}\nspec: {task: t}\n',
      'models/bad.yaml': BROKEN_TEAM,
    });
    mkdirSync(path.join(root, '.git'));
    const run = await runCli(['lint', '--format', 'json'], { cwd: path.join(root, 'models') });
    expect(parseJsonReport(run.stdout).diagnostics.map((d) => `${d.file} ${d.ruleId}`)).toEqual(['bad.yaml reference/unresolved']);
    const elsewhere = BROKEN_TEAM.replace('name: t,', 'name: u,');
    writeFileSync(path.join(root, 'teams/bad.yaml'), elsewhere);
    const here = await runCli(['lint', '.', '--format', 'json'], { cwd: path.join(root, 'models') });
    expect(parseJsonReport(here.stdout).diagnostics.map((d) => d.file)).toEqual(['bad.yaml']);
  });

  it('excludes a folder written with a trailing slash, as .gitignore does', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'exclude: ["drafts/"]\n', 'drafts/a.yaml': BROKEN_TEAM, 'b.yaml': BASE });
    expect(await runCli(['lint'], { cwd })).toMatchObject({ code: 0 });
  });

  it('says when a given path has no file it checks, as ESLint does for an ignored file', async () => {
    const cwd = tempRepo({
      '.gitignore': 'scratch/\n',
      'scratch/a.yaml': 'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m}\nspec: {task: 5}\n',
      'teams/base.yaml': BASE,
      'notes.txt': 'not metadata',
    });
    const ignored = await runCli(['lint', 'scratch/a.yaml', 'notes.txt', 'teams'], { cwd });
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain('no file under scratch/a.yaml is checked: .gitignore');
    expect(ignored.stderr).toContain('no file under notes.txt is checked');
    expect(ignored.stderr).not.toContain('teams');
    // A path that holds the repository has files when the lint counted any: it is not walked again.
    expect((await runCli(['lint', '.'], { cwd })).stderr).toBe('');
    // A repository where nothing is left to check is a mistake, as ESLint says when every file is ignored.
    const empty = tempRepo({ '.gitignore': '*.yaml\n', 'a.yaml': BASE });
    const none = await runCli(['lint', '.'], { cwd: empty });
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('No files to lint')]);
  });

  it('finds dossier.yaml above the given path and applies rule severities', async () => {
    const cwd = tempRepo({ 'meta/dossier.yaml': 'rules:\n  reference/unresolved: warning\n', 'meta/a.yaml': BROKEN_TEAM });
    const run = await runCli(['lint', 'meta'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning');
    expect(run.stdout).toContain('meta/a.yaml');
  });

  it('turns rules off from the configuration', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'rules: {reference/unresolved: "off"}\n', 'a.yaml': BROKEN_TEAM });
    expect((await runCli(['lint'], { cwd })).code).toBe(0);
  });

  const usageErrors: [string, string[], Record<string, string>, string][] = [
    ['an unknown flag', ['lint', '--fromat', 'json'], {}, '`dossier lint` has no option `--fromat`. Did you mean `--format`?'],
    ['a flag without its value', ['compile', '--out'], {}, '`--out` needs a value: `--out <value>`.'],
    ['a value given to a switch', ['lint', '--quiet=yes'], {}, '`--quiet` takes no value.'],
    ['a bad --format', ['lint', '--format', 'xml'], {}, '--format must be one of stylish, json, sarif, github'],
    ['a bad --fail-on', ['lint', '--fail-on', 'fatal'], {}, '--fail-on must be one of'],
    ['a missing path', ['lint', 'nowhere'], {}, 'No such file or folder: nowhere'],
    ['an invalid dossier.yaml', ['lint'], { 'dossier.yaml': 'roots: models\n' }, 'dossier.yaml:1:8 `roots` must be a list'],
    [
      'an unknown rule in dossier.yaml',
      ['lint'],
      { 'dossier.yaml': 'rules:\n  reference/unresolvd: warning\n' },
      'Did you mean `reference/unresolved`?',
    ],
    [
      'a bad severity in dossier.yaml',
      ['lint'],
      { 'dossier.yaml': 'rules:\n  reference/unresolved: fatal\n' },
      'must be one of error, warning, info, off',
    ],
    ['malformed dossier.yaml', ['lint'], { 'dossier.yaml': 'rules: [\n' }, 'dossier.yaml:2:1'],
    ['a missing --config file', ['lint', '--config', 'nope.yaml'], {}, 'Cannot read nope.yaml: no such file'],
    [
      'a value that starts with a dash',
      ['log', '--max-count', '-3'],
      {},
      '`--max-count` needs a value; one that starts with `-` is written',
    ],
    [
      'a root that is not a folder',
      ['lint'],
      { 'dossier.yaml': 'roots: [teams, temas]\n', 'teams/a.yaml': BROKEN_TEAM },
      'dossier.yaml: `roots` names `temas`, which is not a folder there.',
    ],
    [
      'a selection of no file',
      ['lint'],
      { 'dossier.yaml': 'exclude: ["**"]\n', 'a.yaml': BROKEN_TEAM },
      'No files to lint: dossier.yaml reads',
    ],
  ];
  it('lists every problem of dossier.yaml at once, each at its line', async () => {
    const config = [
      'rules:',
      '  reference/unresolvd: warning',
      '  entity/owner-required: [error, {kinds: [Model], bogus: 1}]',
      'overrides:',
      '  - files: [x/**]',
      '    rules: {nope/rule: off}',
      'policies:',
      '  - {id: p, message: m, when: {kind: Model}, require: [spec.task]}',
      '  - {id: p, message: m, when: {kind: Model}, require: [spec.task]}',
      '',
    ].join('\n');
    const run = await runCli(['lint'], { cwd: tempRepo({ 'dossier.yaml': config }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml:2:3 Unknown rule `reference/unresolvd`');
    expect(run.stderr).toMatch(/dossier\.yaml:3:\d+ Invalid options for `entity\/owner-required`/);
    expect(run.stderr).toContain('dossier.yaml:6:13 Unknown rule `nope/rule`');
    expect(run.stderr).toMatch(/dossier\.yaml:9:\d+ Two policies have the id `p`/);
    // Schema problems and unknown rules in one round; a misspelt preset gets what was meant.
    const both = await runCli(['lint'], {
      cwd: tempRepo({ 'dossier.yaml': 'extends: recomended\nrules:\n  bogus/rule: warning\n  entity/owner-required: warn\n' }),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/dossier\.yaml:1:10 `extends` must be .* Did you mean `recommended`\?/);
    expect(both.stderr).toContain('dossier.yaml:3:3 Unknown rule `bogus/rule`');
    expect(both.stderr).toContain('got `warn`. Did you mean `warning`?');
  });

  for (const [name, args, files, message] of usageErrors) {
    it(`exits 2 on ${name}`, async () => {
      const run = await runCli(args, { cwd: tempRepo(files) });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      // Node's parser's own advice (about positionals after `--`) is not what went wrong.
      expect(run.stderr).not.toContain('positional');
    });
  }

  it('colours only on a TTY and never with NO_COLOR', async () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    expect((await runCli(['lint'], { cwd, tty: false })).stdout).not.toContain('\x1b[');
    expect((await runCli(['lint'], { cwd, tty: true })).stdout).toContain('\x1b[');
    expect((await runCli(['lint'], { cwd, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('checks every other file when one is hostile', async () => {
    const dossier = 'apiVersion: dossier/v1\n';
    const cwd = tempRepo({
      'dossier.yaml': 'maxFileSize: 1048576\n',
      'a.yaml': BROKEN_TEAM,
      'bin.yaml': Buffer.concat([Buffer.from(dossier), Buffer.from([0, 1, 2])]),
      'big.yaml': `${dossier}x: ${'a'.repeat(2_000_000)}\n`,
    });
    symlinkSync('/etc/passwd', path.join(cwd, 'link.yaml'));
    const run = await runCli(['lint', '--format', 'json'], { cwd });
    const rules = parseJsonReport(run.stdout).diagnostics.map((d) => d.ruleId);
    expect(rules).toEqual(['reference/unresolved', 'file/too-large', 'file/binary', 'file/outside-root']);
  });

  it('reports a file of 130,000 problems, not a stack overflow, in lint and compile', async () => {
    const tags = Array.from({ length: 130_000 }, () => 'X').join(',');
    const cwd = tempRepo({ 'm.yaml': `apiVersion: dossier/v1\nkind: Model\nmetadata:\n  name: m\n  tags: [${tags}]\nspec: {task: x}\n` });
    const lint = await runCli(['lint', '--no-cache', '--format', 'json'], { cwd });
    expect(lint.stderr).toBe('');
    expect(lint.code).toBe(1);
    expect(parseJsonReport(lint.stdout).summary.errors).toBe(130_001);
    const compile = await runCli(['compile', '--out', 'catalog.json'], { cwd });
    expect([compile.code, compile.stderr]).toEqual([1, expect.not.stringContaining('internal error') as unknown]);
  });

  it("ignores other tools' YAML files, even those js-yaml cannot read (FORMAT.md § Files)", async () => {
    const cwd = tempRepo({
      'dossier.yaml': 'maxFileSize: 1048576\n',
      'teams.yaml': 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: ml}\n',
      'mkdocs.yml':
        'site_name: Docs\nmarkdown_extensions:\n  - pymdownx.emoji: {emoji_index: !!python/name:material.extensions.emoji.twemoji}\n',
      'compose.yaml': 'services:\n  web: {image: nginx}\n  web: {image: httpd}\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      'latin1.yaml': Buffer.from('title: caf\xe9\n', 'latin1'),
      'utf16.yaml': Buffer.from('\ufeffname: x\n', 'utf16le'),
      'openapi.yaml': `openapi: 3.1.0\ninfo: {title: ${'a'.repeat(1_100_000)}}\n`,
    });
    const run = await runCli(['lint', '--format', 'json'], { cwd });
    expect(run.code, run.stdout).toBe(0);
    expect(parseJsonReport(run.stdout).diagnostics).toEqual([]);
  });
});

describe('dossier compile', () => {
  it('writes catalog.json and exits 0 on a clean repository', async () => {
    const cwd = tempRepo({ 'base.yaml': BASE });
    const run = await runCli(['compile', '--out', 'catalog.json', '--summary'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'Compiled 7 entities (1 Dataset, 1 FeatureView, 1 Model, 1 ModelVersion, 1 RuntimeConfig, 1 Team, 1 Term) from 1 file to catalog.json: 0 errors',
    );
    const catalog = parseCatalogJson(readFileSync(path.join(cwd, 'catalog.json'), 'utf8'));
    expect(catalog.summary.entities).toBe(7);
  });

  it('still writes the catalog when there are errors, and exits 1', async () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    const run = await runCli(['compile', '--out', 'catalog.json'], { cwd });
    expect(run.code).toBe(1);
    expect(parseCatalogJson(readFileSync(path.join(cwd, 'catalog.json'), 'utf8')).diagnostics).toHaveLength(1);
  });

  it('prints the catalog to standard output without --out', async () => {
    const run = await runCli(['compile'], { cwd: tempRepo({ 'base.yaml': BASE }) });
    expect(parseCatalogJson(run.stdout).kind).toBe('Catalog');
  });
});

describe('dossier init', () => {
  it('creates a repository that lints clean, with editor settings', async () => {
    const cwd = tempRepo();
    const run = await runCli(['init', 'meta'], { cwd });
    expect(run.code).toBe(0);
    // A command that works where Dossier is installed as the README's Install says (test/package-install.test.ts runs it).
    expect(run.stdout).toMatch(/\nNext: cd meta && npx dossier lint\n$/);
    const settings = JSON.parse(readFileSync(path.join(cwd, 'meta/.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, unknown>;
    };
    const schemaPaths = Object.keys(settings['yaml.schemas']);
    expect(schemaPaths.some((p) => p.endsWith('entity.schema.json'))).toBe(true);
    // Paths that hold on any clone: relative to the repository, into its own copy of the schemas.
    for (const p of schemaPaths) {
      expect(p).toMatch(/^\.\/\.dossier\/schemas\//);
      expect(existsSync(path.join(cwd, 'meta', p))).toBe(true);
    }
    expect(await runCli(['lint', 'meta'], { cwd })).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(cwd, 'meta/.gitignore'), 'utf8')).toContain('\n.dossier/cache/\n');
    expect(existsSync(path.join(cwd, 'meta/.dossier/cache'))).toBe(true);
  });

  it('adds the cache to a .gitignore that is there, once', async () => {
    const cwd = tempRepo({ '.gitignore': 'node_modules/' });
    const run = await runCli(['init'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nNext: npx dossier lint\n$/);
    expect(readFileSync(path.join(cwd, '.gitignore'), 'utf8')).toMatch(/^node_modules\/\n# .*\n\.dossier\/cache\/\n$/);
  });

  it('never overwrites an existing file', async () => {
    const cwd = tempRepo({ 'meta/dossier.yaml': 'roots: [mine]\n' });
    const run = await runCli(['init', 'meta'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml');
    expect(readFileSync(path.join(cwd, 'meta/dossier.yaml'), 'utf8')).toBe('roots: [mine]\n');
    expect(existsSync(path.join(cwd, 'meta/teams'))).toBe(false);
  });

  it('writes nothing when a folder, or a file where a folder goes, stands where a file would go', async () => {
    const cwd = tempRepo({ 'meta/dossier.yaml/keep': 'mine', 'meta/teams': 'not a folder' });
    const run = await runCli(['init', 'meta'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('dossier.yaml (a folder)');
    expect(run.stderr).toContain('teams (a file where a folder goes)');
    expect(readdirSync(path.join(cwd, 'meta')).sort()).toEqual(['dossier.yaml', 'teams']);
  });
});

describe('dossier build', () => {
  it('says how many problems the site shows, and fails on them only when asked', async () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    const built = await runCli(['build', '--out', '_site'], { cwd });
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('The site shows 1 error, 0 warnings, 0 info (problems.html)');
    expect(built.stderr).toMatch(/^Built \d+ files for 1 entity in _site /);
    expect((await runCli(['build', '--out', '_site', '--fail-on', 'error'], { cwd })).code).toBe(1);
    const clean = await runCli(['build', '--out', '_site'], { cwd: tempRepo({ 'a.yaml': BROKEN_TEAM.replace(', owner: nobody', '') }) });
    expect(clean.stderr).not.toContain('The site shows');
  });
});

describe('dossier rules', () => {
  it('lists every rule with its effective severity', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'rules: {reference/deprecated-target: error}\n' });
    const rows = parseRuleRows((await runCli(['rules', '--format', 'json'], { cwd })).stdout);
    expect(rows.find((r) => r.id === 'reference/deprecated-target')).toMatchObject({
      defaultSeverity: 'warning',
      severity: 'error',
    });
  });
});

describe('the installed executable', () => {
  it('runs as a real process with the right exit code', () => {
    const cwd = tempRepo({ 'a.yaml': BROKEN_TEAM });
    const bin = path.resolve('build/dossier.js');
    const run = spawnSync(process.execPath, [bin, 'lint'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('a.yaml');
  });

  it('stops quietly when the reader of its output goes away (dossier compile | head)', () => {
    const bin = path.resolve('build/dossier.js');
    const run = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${bin}" compile examples/ml-platform | head -c 10`], {
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('{\n  "apiVe');
    expect(run.stderr).not.toContain('EPIPE');
  });
});

describe('dossier schemas', () => {
  it('writes the schemas into .dossier/schemas and leaves a file with a modeline as it is', async () => {
    const cwd = tempRepo({ 'a.yaml': BASE });
    expect((await runCli(['schemas'], { cwd })).code).toBe(0);
    expect(existsSync(path.join(cwd, '.dossier/schemas/entity.schema.json'))).toBe(true);
    expect(existsSync(path.join(cwd, '.dossier/schemas/model.schema.json'))).toBe(true);
    expect(await runCli(['schemas', '--modeline', 'a.yaml'], { cwd })).toMatchObject({ code: 0 });
    const once = readFileSync(path.join(cwd, 'a.yaml'), 'utf8');
    expect(once).toBe(`# yaml-language-server: $schema=./.dossier/schemas/entity.schema.json\n${BASE}`);
    expect((await runCli(['schemas', '--modeline', 'a.yaml'], { cwd })).stdout).toContain('Already has a modeline: a.yaml');
    expect(readFileSync(path.join(cwd, 'a.yaml'), 'utf8')).toBe(once);
    expect(await runCli(['lint'], { cwd })).toMatchObject({ code: 0 });
  });

  it('refuses a .dossier/schemas that is a link out of the repository', async () => {
    const cwd = tempRepo({ 'a.yaml': BASE });
    const outside = tempRepo();
    mkdirSync(path.join(cwd, '.dossier'));
    symlinkSync(outside, path.join(cwd, '.dossier', 'schemas'));
    const run = await runCli(['schemas'], { cwd });
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toContain('leads out of the repository through a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('--modeline keeps a byte order mark first, CRLF line endings and the file mode, and adds no second modeline', async () => {
    const MODELINE = '# yaml-language-server: $schema=./.dossier/schemas/entity.schema.json';
    const crlf = `\ufeff${BASE.replace(/\n/g, '\r\n')}`;
    const cwd = tempRepo({ 'a.yaml': crlf, 'b.yaml': `#yaml-language-server: $schema=./x.json\n${BASE}` });
    chmodSync(path.join(cwd, 'a.yaml'), 0o600);
    expect((await runCli(['schemas', '--modeline', 'a.yaml', 'b.yaml'], { cwd })).stdout).toContain('Already has a modeline: b.yaml');
    expect(readFileSync(path.join(cwd, 'a.yaml'), 'utf8')).toBe(`\ufeff${MODELINE}\r\n${crlf.slice(1)}`);
    expect(statSync(path.join(cwd, 'a.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(cwd, 'b.yaml'), 'utf8')).toBe(`#yaml-language-server: $schema=./x.json\n${BASE}`);
  });

  it('--modeline writes through a link inside the repository, keeping it, and refuses one that leads out (exit 2)', async () => {
    const outside = tempRepo({ 'team.yaml': BASE });
    const cwd = tempRepo({ 'teams/real.yaml': BASE });
    symlinkSync('real.yaml', path.join(cwd, 'teams/inside.yaml'));
    symlinkSync(path.join(outside, 'team.yaml'), path.join(cwd, 'teams/outside.yaml'));
    expect((await runCli(['schemas', '--modeline', 'teams/inside.yaml'], { cwd })).code).toBe(0);
    expect(lstatSync(path.join(cwd, 'teams/inside.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(cwd, 'teams/real.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.dossier\//);
    // From a link in another folder, the schema's path is still the one from the file it leads to.
    mkdirSync(path.join(cwd, 'a/b'), { recursive: true });
    writeFileSync(path.join(cwd, 'teams/people.yaml'), BASE);
    symlinkSync('../../teams/people.yaml', path.join(cwd, 'a/b/people.yaml'));
    expect((await runCli(['schemas', '--modeline', 'a/b/people.yaml'], { cwd })).code).toBe(0);
    expect(readFileSync(path.join(cwd, 'teams/people.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.dossier\/schemas\/entity\.schema\.json\n/,
    );
    const refused = await runCli(['schemas', '--modeline', 'teams/outside.yaml'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('The file teams/outside.yaml leads out of the repository through a symbolic link');
    expect(lstatSync(path.join(cwd, 'teams/outside.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(outside, 'team.yaml'), 'utf8')).toBe(BASE);
  });
});
