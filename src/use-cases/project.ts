// Which repository a command works on, and with which configuration.

import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../ground/errors.js';
import { defaultConfig, findConfigFile, loadConfigFile, type DossierConfig } from '../config/load-config.js';
import { discoverFiles, findRepositoryTop, toDisplayPath } from '../source/discover.js';
import { normalizedRoots } from '../source/file-selection.js';
import type { Diagnostic } from '../ground/diagnostics.js';

/**
 * `--config` wins; else the nearest dossier.yaml at or above the first path (or the working
 * directory). Without one, the repository is the git repository around it (FORMAT.md: the roots
 * default to the repository root), else the working directory, or the first path when that lies
 * outside it: references need the whole repository even when only part of it is reported.
 */
export function resolveProjectConfig(cwd: string, paths: readonly string[], configFlag: string | undefined): DossierConfig {
  if (configFlag !== undefined) {
    const configFile = path.resolve(cwd, configFlag);
    return loadConfigFile(configFile, toDisplayPath(cwd, configFile));
  }
  const first = paths[0] === undefined ? cwd : path.resolve(cwd, paths[0]);
  const startDir = isDirectory(first) ? first : path.dirname(first);
  const configFile = findConfigFile(startDir);
  if (configFile !== undefined) return loadConfigFile(configFile, toDisplayPath(cwd, configFile));
  const repository = findRepositoryTop(startDir);
  if (repository !== undefined) return defaultConfig(repository);
  const relative = path.relative(cwd, startDir);
  const insideCwd = !relative.startsWith('..') && !path.isAbsolute(relative);
  return defaultConfig(insideCwd ? cwd : startDir);
}

/** Checks the paths exist and turns them into display-path prefixes for filtering reports. */
export function pathFilters(cwd: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const absolute = path.resolve(cwd, p);
    try {
      statSync(absolute);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    return toDisplayPath(cwd, absolute);
  });
}

/**
 * The given paths (and their `pathFilters`) under which no file is checked: left out by .gitignore, `exclude` or `roots`, or
 * not YAML. A path that holds the whole repository has files when the lint counted any; the tree is
 * walked again only for a path inside it with no problem reported under it (one with problems has files).
 */
export function uncheckedPaths(
  config: DossierConfig,
  cwd: string,
  paths: readonly string[],
  filters: readonly string[],
  outcome: { diagnostics: readonly Diagnostic[]; fileCount: number },
  walked: () => readonly string[],
): string[] {
  const quiet = filters.flatMap((filter, index) => {
    const given = paths[index] as string;
    if (holdsRoot(config, cwd, given)) return outcome.fileCount > 0 ? [] : [{ filter, given }];
    return outcome.diagnostics.some((d) => isUnderAny(d.file, [filter])) ? [] : [{ filter, given, walk: true }];
  });
  const files = quiet.some((entry) => 'walk' in entry) ? walked() : [];
  return quiet.filter(({ filter }) => !files.some((file) => isUnderAny(file, [filter]))).map(({ given }) => given);
}

/**
 * How many of the checked files lie under the requested paths, as ESLint counts the files it was
 * asked about: every one when a path holds the whole selection, else those the walk finds under them.
 */
export function filesUnderPaths(
  config: DossierConfig,
  cwd: string,
  paths: readonly string[],
  filters: readonly string[],
  fileCount: number,
  walked: () => readonly string[],
): number {
  if (paths.length === 0 || paths.some((given) => holdsRoot(config, cwd, given))) return fileCount;
  return walked().filter((file) => isUnderAny(file, filters)).length;
}

/** The files the selection checks, walked once when first asked for, as people see their paths. */
export function selectedFilesWalk(config: DossierConfig, cwd: string): () => readonly string[] {
  let files: readonly string[] | undefined;
  return () => (files ??= discoverFiles({ ...config, cwd }).map((file) => file.displayPath));
}

/** Whether a path given on the command line holds the whole selection (its root, or a folder above it). */
function holdsRoot(config: DossierConfig, cwd: string, given: string): boolean {
  const inside = path.relative(path.resolve(cwd, given), config.rootDir);
  return inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside));
}

export function isUnderAny(file: string, filters: readonly string[]): boolean {
  if (filters.length === 0) return true;
  // `.` is the working folder; a repository root above it shows the rest of the files as `../…`.
  return filters.some((filter) => (filter === '.' ? !isAbove(file) : file === filter || file.startsWith(`${filter}/`)));
}

function isAbove(file: string): boolean {
  return file === '..' || file.startsWith('../');
}

/** Where the selection is written, as people see it. */
const selectionSource = (config: DossierConfig, cwd: string) =>
  config.configFile === undefined ? 'the default selection' : toDisplayPath(cwd, config.configFile);

/** A root that is not a folder is a typo in dossier.yaml that would leave its files out without a word: exit 2. */
export function refuseMissingRoots(config: DossierConfig, cwd: string): void {
  for (const root of normalizedRoots(config.roots))
    if (root !== '' && !isDirectory(path.join(config.rootDir, root)))
      throw new ConfigError(
        'roots',
        `${selectionSource(config, cwd)}: \`roots\` names \`${root}\`, which is not a folder there. Correct it, or remove it.`,
      );
}

/**
 * A selection that reads no file is a mistake, as ESLint says of a pattern that matches none: exit 2,
 * not a green run. A hub, or a repository that reads other repositories' catalogs, has entities or
 * problems without files of its own.
 */
export function refuseNoFiles(config: DossierConfig, cwd: string, fileCount: number): void {
  if (fileCount > 0 || config.sources.length > 0 || config.dependencies.length > 0 || config.dependents.length > 0) return;
  const list = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ') || 'none';
  throw new ConfigError(
    'no-files',
    `No files to lint: ${selectionSource(config, cwd)} reads roots ${list(config.roots)}, include ${list(config.include)} and exclude ${list(config.exclude)}, and they select no file. Correct them, or add metadata (\`dossier init\` writes an example).`,
  );
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
