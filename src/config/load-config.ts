// dossier.yaml: found, parsed, validated against schemas/config.schema.json, and filled with defaults.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../diagnostics.js';
import { rulesById } from '../rules/registry.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { DEFAULT_MAX_FILE_SIZE } from '../source/read-source.js';
import { didYouMean } from '../suggest.js';
import { loadValidators } from '../validate/validators.js';
import { schemaErrorsToDiagnostics } from '../validate/schema-errors.js';
import { ConfigError } from './config-error.js';

export const CONFIG_FILE_NAME = 'dossier.yaml';

export type RuleSetting = Severity | 'off';

export interface DossierConfig {
  /** Absolute folder the repository is read from; dossier.yaml's folder when there is one. */
  rootDir: string;
  /** Absolute path of the configuration file, if one was read. */
  configFile: string | undefined;
  roots: string[];
  include: string[];
  exclude: string[];
  maxFileSize: number;
  rules: Readonly<Record<string, RuleSetting>>;
}

interface RawConfig {
  roots?: string[];
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  rules?: Record<string, RuleSetting>;
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
  return { rootDir, configFile: undefined, roots: ['.'], include: DEFAULT_INCLUDE, exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, rules: {} };
}

export function loadConfigFile(configFile: string, displayPath: string): DossierConfig {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    throw new ConfigError('config-unreadable', `Cannot read ${displayPath}: ${(error as Error).message}`);
  }
  return parseConfig(text, configFile, displayPath);
}

export function parseConfig(text: string, configFile: string, displayPath: string): DossierConfig {
  const locator = new SourceLocator(text);
  const parsed = parseYaml(text, displayPath, locator);
  const problem = parsed.diagnostics[0];
  if (problem !== undefined) throw configProblem(displayPath, problem.range.start, problem.message);
  const value = parsed.documents[0]?.value ?? {};

  const validate = loadValidators().config;
  if (!validate(value)) {
    const diagnostics = schemaErrorsToDiagnostics(validate.errors ?? [], {
      file: displayPath,
      locate: (pointer, part) => locator.locate(0, pointer, part),
      sourceText: (pointer) => locator.sourceText(0, pointer),
    });
    const first = diagnostics[0];
    const details = diagnostics.map((d) => `  ${displayPath}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}${d.hint ? ` ${d.hint}` : ''}`);
    throw new ConfigError('config-invalid', `Invalid configuration in ${displayPath}:\n${details.join('\n')}`, first && `${displayPath}:${first.range.start.line + 1}:${first.range.start.column + 1}`);
  }
  const raw = value as RawConfig;
  for (const ruleId of Object.keys(raw.rules ?? {})) {
    if (!rulesById.has(ruleId)) {
      const range = locator.locate(0, ['rules', ruleId], 'key');
      const hint = didYouMean(ruleId, [...rulesById.keys()], 'Run `dossier rules` for the list');
      throw configProblem(displayPath, range.start, `Unknown rule \`${ruleId}\`. ${hint}`);
    }
  }
  const rootDir = path.dirname(configFile);
  return {
    rootDir,
    configFile,
    roots: raw.roots ?? ['.'],
    include: raw.include ?? DEFAULT_INCLUDE,
    exclude: raw.exclude ?? [],
    maxFileSize: raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    rules: raw.rules ?? {},
  };
}

function configProblem(displayPath: string, start: { line: number; column: number }, message: string): ConfigError {
  const location = `${displayPath}:${start.line + 1}:${start.column + 1}`;
  return new ConfigError('config-invalid', `Invalid configuration at ${location}: ${message}`, location);
}
