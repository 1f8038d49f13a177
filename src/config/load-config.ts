// dossier.yaml: found, parsed, validated against schemas/config.schema.json, and filled with defaults.

import { readRegularFileSync } from '../ground/regular-file.js';
import { existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isWithin } from '../ground/contained-path.js';
import path from 'node:path';
import type { Position, Severity } from '../ground/diagnostics.js';
import { formatLocation } from '../ground/location.js';
import { POLICY_PREFIX } from '../rules/policy-rule.js';
import type { Override, Policy, Preset, ProfileSetting, RuleSetting, RuleSettings } from '../rules/settings.js';
import { profileById } from '../rules/profiles/index.js';
import type { ProjectLayout } from '../source/project-files.js';
import { rulesById, validateRuleOptions } from '../rules/registry.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { DEFAULT_MAX_FILE_SIZE } from '../source/read-source.js';
import { globListProblems } from '../source/glob-limits.js';
import { didYouMean } from '../ground/suggest.js';
import { loadConfigValidator } from '../validate/validators.js';
import { schemaErrorsToDiagnostics } from '../validate/schema-errors.js';
import { ConfigError } from '../ground/errors.js';
import { isRecord } from '../model/kinds.js';

export const CONFIG_FILE_NAME = 'dossier.yaml';

/** The images `site.logo` may be: shown with <img>, so an SVG's scripts never run. */
export const LOGO_TYPES = /\.(png|jpe?g|gif|svg|webp|avif)$/i;

/**
 * Whether a logo named in dossier.yaml (which may come from a pull request) is an image, by its
 * name and by the name of what a link points at, and not in .git: the site publishes the file, and
 * `logo.svg` linked to `.git/config` would publish the remote's credentials.
 */
function isLogoImage(folder: string, logo: string): boolean {
  if (!LOGO_TYPES.test(logo)) return false;
  let real: string;
  try {
    real = realpathSync(path.resolve(folder, logo));
  } catch {
    // A logo that does not exist is said when the site is built.
    return true;
  }
  return LOGO_TYPES.test(real) && !real.split(path.sep).includes('.git');
}

/** dossier.yaml with its defaults: the files to read, the rule settings, and the rest. */

export interface DossierConfig extends ProjectLayout, RuleSettings {
  /** Diff changes accepted in review: fingerprint -> reason. */
  accepted: ReadonlyMap<string, string>;
  site: { title?: string; templates?: string; footer?: string; logo?: string };
  /** The namespaces this repository defines; undefined when dossier.yaml does not say. */
  namespaces: readonly string[] | undefined;
  /** Catalogs references here may point into. */
  dependencies: readonly CatalogSource[];
  /** Catalogs of the repositories that read this one. */
  dependents: readonly CatalogSource[];
  /** For a hub: the catalogs merged into one site. */
  sources: readonly CatalogSource[];
  /** Defaults of `dossier record --pr`. */
  record: RecordSettings;
}

export interface RecordSettings {
  labels: readonly string[];
  reviewers: readonly string[];
  /** Branches are named `<branchPrefix><model>-<version>`. */
  branchPrefix: string;
}

export const DEFAULT_RECORD_SETTINGS: RecordSettings = { labels: [], reviewers: [], branchPrefix: 'dossier/record/' };

/** Another repository's published catalog.json: a path (relative to dossier.yaml), an https URL, or `git+<url>#<ref>:<path>`. */
export interface CatalogSource {
  name: string;
  catalog: string;
  /** URL prefix of the repository's files, e.g. `https://github.com/acme/credit/blob/main/`. */
  filesUrl?: string;
}

interface RawConfig {
  roots?: string[];
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  extends?: Preset | string[];
  profiles?: Record<string, { applicationDate?: string }>;
  rules?: Record<string, RuleSetting | [RuleSetting, Record<string, unknown>]>;
  overrides?: Override[];
  policies?: (Omit<Policy, 'severity'> & { severity?: Severity })[];
  accept?: { fingerprint: string; reason: string }[];
  site?: { title?: string; templates?: string; footer?: string; logo?: string };
  namespaces?: string[];
  dependencies?: CatalogSource[];
  dependents?: CatalogSource[];
  sources?: CatalogSource[];
  record?: Partial<RecordSettings>;
}

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];

/**
 * Finds the configuration for a run: `--config` when given, else the nearest dossier.yaml at or
 * above `startDir`, not looking past the repository's top (the folder holding `.git`).
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

export function defaultConfig(rootDir: string): DossierConfig {
  return {
    rootDir,
    configFile: undefined,
    roots: ['.'],
    include: DEFAULT_INCLUDE,
    exclude: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    extends: 'core',
    rules: {},
    ruleOptions: {},
    overrides: [],
    policies: [],
    profiles: [],
    accepted: new Map(),
    site: {},
    namespaces: undefined,
    dependencies: [],
    dependents: [],
    sources: [],
    record: DEFAULT_RECORD_SETTINGS,
  };
}

/** dossier.yaml is settings: larger is not one (and may be a link to a device). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function loadConfigFile(configFile: string, displayPath: string): DossierConfig {
  let text: string;
  try {
    const bytes = readRegularFileSync(configFile, MAX_CONFIG_BYTES);
    if (bytes === undefined) throw new Error(whyNotRead(configFile));
    text = bytes.toString('utf8');
  } catch (error) {
    throw new ConfigError('config-unreadable', `Cannot read ${displayPath}: ${(error as Error).message}`);
  }
  return parseConfig(text, configFile, displayPath);
}

/** Why dossier.yaml was not read, in the words a person checks first. */
function whyNotRead(configFile: string): string {
  let stats: Stats | undefined;
  try {
    stats = statSync(configFile, { throwIfNoEntry: false });
  } catch (error) {
    return (error as Error).message;
  }
  if (stats === undefined) return 'no such file';
  if (stats.isDirectory()) return 'it is a folder, not a file';
  if (!stats.isFile()) return 'it is not a regular file';
  return stats.size > MAX_CONFIG_BYTES ? 'it is larger than 1 MiB, which no configuration is' : 'it cannot be read (check its permissions)';
}

/**
 * The rule ids `rules:` and `overrides:` name that no rule or policy has, each with its problem; read
 * from the value as written, before the schema check, so that both are said at once.
 */
function unknownRuleIds(value: unknown): { ids: Set<string>; problems: { pointer: string[]; message: string }[] } {
  const config = isRecord(value) ? value : {};
  const policyIds = (Array.isArray(config.policies) ? (config.policies as unknown[]) : []).flatMap((policy) =>
    isRecord(policy) && typeof policy.id === 'string' ? [`${POLICY_PREFIX}${policy.id}`] : [],
  );
  const known = new Set([...rulesById.keys(), ...policyIds]);
  const ids = new Set<string>();
  const problems: { pointer: string[]; message: string }[] = [];
  const check = (rules: unknown, pointer: string[]) => {
    if (!isRecord(rules)) return;
    for (const ruleId of Object.keys(rules))
      if (!known.has(ruleId)) {
        ids.add(ruleId);
        problems.push({
          pointer: [...pointer, ruleId],
          message: `Unknown rule \`${ruleId}\`. ${didYouMean(ruleId, [...known], 'Run `dossier rules` for the list')}`,
        });
      }
  };
  check(config.rules, ['rules']);
  (Array.isArray(config.overrides) ? (config.overrides as unknown[]) : []).forEach((override, index) => {
    if (isRecord(override)) check(override.rules, ['overrides', String(index), 'rules']);
  });
  return { ids, problems };
}

interface ConfigProblem {
  start: Position;
  message: string;
}

export function parseConfig(text: string, configFile: string, displayPath: string): DossierConfig {
  const locator = new SourceLocator(text);
  const parsed = parseYaml(text, displayPath, locator);
  // Without a YAML value there is nothing to check further; every syntax problem is still listed.
  if (parsed.diagnostics.length > 0)
    throw invalidConfig(
      displayPath,
      parsed.diagnostics.map((d) => ({ start: d.range.start, message: d.message })),
    );
  const value = parsed.documents[0]?.value ?? {};

  const problems: ConfigProblem[] = [];
  const problemAt = (pointer: string[], part: 'key' | 'value', message: string) => {
    problems.push({ start: locator.locate(0, pointer, part).start, message });
  };
  // Unknown rules are said with the schema's problems, not in a second round after those are fixed.
  const unknownRules = unknownRuleIds(value);
  for (const { pointer, message } of unknownRules.problems) problemAt(pointer, 'key', message);
  const validate = loadConfigValidator();
  if (!validate(value)) {
    const diagnostics = schemaErrorsToDiagnostics(validate.errors ?? [], {
      file: displayPath,
      locate: (pointer, part) => locator.locate(0, pointer, part),
      sourceText: (pointer) => locator.sourceText(0, pointer),
    });
    throw invalidConfig(displayPath, [
      ...problems,
      ...diagnostics.map((d) => ({ start: d.range.start, message: d.hint === undefined ? d.message : `${d.message} ${d.hint}` })),
    ]);
  }
  const raw = value as RawConfig;
  const policies = (raw.policies ?? []).map((policy) => ({ ...policy, severity: policy.severity ?? 'error' }));
  const rules: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [ruleId, setting] of Object.entries(raw.rules ?? {})) {
    if (unknownRules.ids.has(ruleId)) continue;
    if (Array.isArray(setting)) {
      rules[ruleId] = setting[0];
      const problem = validateRuleOptions(ruleId, setting[1]);
      if (problem !== undefined) problemAt(['rules', ruleId, '1', ...problem.pointer], 'value', problem.message);
      ruleOptions[ruleId] = setting[1];
    } else {
      rules[ruleId] = setting;
    }
  }
  const seenPolicies = new Set<string>();
  policies.forEach((policy, index) => {
    if (seenPolicies.has(policy.id)) problemAt(['policies', String(index), 'id'], 'value', `Two policies have the id \`${policy.id}\`.`);
    seenPolicies.add(policy.id);
  });
  // dossier.yaml may come from a pull request: what it points Dossier at stays inside its folder, links followed.
  const leaves = folderLeaver(path.dirname(configFile));
  (raw.roots ?? []).forEach((root, index) => {
    if (leaves(root))
      problemAt(
        ['roots', String(index)],
        'value',
        `\`${root}\` leaves the folder of ${displayPath}; roots are folders inside it, such as \`models\`.`,
      );
  });
  if (raw.site?.templates !== undefined && leaves(raw.site.templates))
    problemAt(
      ['site', 'templates'],
      'value',
      `\`${raw.site.templates}\` leaves the folder of ${displayPath}; site templates are a folder inside it, such as \`site-templates\`.`,
    );
  if (raw.site?.logo !== undefined && leaves(raw.site.logo))
    problemAt(
      ['site', 'logo'],
      'value',
      `\`${raw.site.logo}\` leaves the folder of ${displayPath}; the logo is an image inside it, such as \`docs/logo.svg\`.`,
    );
  else if (raw.site?.logo !== undefined && !isLogoImage(path.dirname(configFile), raw.site.logo))
    problemAt(
      ['site', 'logo'],
      'value',
      `\`${raw.site.logo}\` is not an image the site shows as a logo: a .png, .jpg, .jpeg, .gif, .svg, .webp or .avif file (or a link to one) outside .git.`,
    );
  // Globs are matched on every run; a list that expands to millions of patterns is refused here.
  const globLists: [string[], readonly string[]][] = [
    [['roots'], raw.roots ?? []],
    [['include'], raw.include ?? []],
    [['exclude'], raw.exclude ?? []],
    ...(raw.overrides ?? []).map((override, index): [string[], readonly string[]] => [
      ['overrides', String(index), 'files'],
      override.files,
    ]),
  ];
  for (const [pointer, globs] of globLists)
    for (const problem of globListProblems(globs)) problemAt([...pointer, String(problem.index)], 'value', problem.message);
  if (problems.length > 0) throw invalidConfig(displayPath, problems);
  return {
    rootDir: path.dirname(configFile),
    configFile,
    roots: raw.roots ?? ['.'],
    include: raw.include ?? DEFAULT_INCLUDE,
    // `drafts/` names a folder, as in .gitignore: everything below it.
    exclude: (raw.exclude ?? []).map((glob) => (glob.endsWith('/') ? `${glob}**` : glob)),
    maxFileSize: raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    // Without `extends`, only what FORMAT.md makes invalid is an error; governance is opted into.
    extends: presetOf(raw.extends),
    profiles: profileSettings(raw),
    rules,
    ruleOptions,
    overrides: raw.overrides ?? [],
    policies,
    accepted: new Map((raw.accept ?? []).map((entry) => [entry.fingerprint, entry.reason])),
    namespaces: raw.namespaces,
    dependencies: raw.dependencies ?? [],
    dependents: raw.dependents ?? [],
    sources: raw.sources ?? [],
    record: { ...DEFAULT_RECORD_SETTINGS, ...raw.record },
    site: {
      ...raw.site,
      ...(raw.site?.templates === undefined ? {} : { templates: path.resolve(path.dirname(configFile), raw.site.templates) }),
      ...(raw.site?.logo === undefined ? {} : { logo: path.resolve(path.dirname(configFile), raw.site.logo) }),
    },
  };
}

const PRESETS: readonly Preset[] = ['core', 'recommended', 'strict'];

/** The widest preset `extends` names (a list may also name compliance profiles). */
function presetOf(extended: RawConfig['extends']): Preset {
  const named = [extended ?? 'core'].flat();
  return PRESETS.filter((preset) => named.includes(preset)).at(-1) ?? 'core';
}

/** The compliance profiles `extends` names, each with its application date (the profile's, unless `profiles:` sets one). */
function profileSettings(raw: RawConfig): ProfileSetting[] {
  const named = [raw.extends ?? []].flat().filter((name) => !(PRESETS as readonly string[]).includes(name));
  return named.flatMap((id) => {
    const profile = profileById(id);
    if (profile === undefined) return [];
    return [{ id, applicationDate: raw.profiles?.[id]?.applicationDate ?? profile.applicationDate }];
  });
}

/**
 * Whether a path given in dossier.yaml leads out of its folder: absolute, climbing with `..`, or
 * through a link to somewhere else.
 */
function folderLeaver(folder: string): (given: string) => boolean {
  return (given) => {
    const normalized = path.posix.normalize(given.split(path.sep).join('/'));
    if (path.isAbsolute(given) || normalized === '..' || normalized.startsWith('../')) return true;
    let real: string;
    let realFolder: string;
    try {
      real = realpathSync(path.join(folder, given));
      realFolder = realpathSync(folder);
    } catch {
      return false; // Not there (yet): nothing to follow.
    }
    return !isWithin(realFolder, real);
  };
}

/** One error listing every problem, in file order, located at the first. */
function invalidConfig(displayPath: string, problems: readonly ConfigProblem[]): ConfigError {
  const sorted = [...problems].sort((x, y) => x.start.line - y.start.line || x.start.column - y.start.column);
  const lines = sorted.map((problem) => `  ${formatLocation(displayPath, problem.start)} ${problem.message}`);
  const first = sorted[0];
  return new ConfigError(
    'config-invalid',
    `Invalid configuration in ${displayPath}:\n${lines.join('\n')}`,
    first === undefined ? undefined : formatLocation(displayPath, first.start),
  );
}
