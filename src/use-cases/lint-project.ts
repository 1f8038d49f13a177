// Lint a repository: compile all of it (references need the whole), report the problems under the
// requested paths, and decide the exit code. `dossier lint PATH` and the Action's `paths` input.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { SEVERITY_ORDER, type Diagnostic, type Severity } from '../ground/diagnostics.js';
import { compileProject, defaultCacheDir, type CompileOptions } from './compile-project.js';
import { isUnderAny, pathFilters, resolveProjectConfig } from './project.js';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Whether a problem at or above `failOn` exists: the front ends turn it into exit code 1 or a failed step. */
export function failsAt(severities: Iterable<Severity>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  for (const severity of severities) if (SEVERITY_ORDER[severity] >= SEVERITY_ORDER[failOn]) return true;
  return false;
}

export interface LintOptions {
  cwd: string;
  /** Files or folders whose problems are reported; none means the whole repository. */
  paths?: readonly string[];
  /** dossier.yaml to use instead of the nearest one. */
  configFile?: string | undefined;
  /** Report errors only. */
  quiet?: boolean;
  /** How dependency catalogs are fetched. */
  fetch?: CompileOptions;
  /** Use the lint cache: true for the default folder (`.dossier/cache/`), or a folder. */
  cache?: boolean | string;
}

export interface LintResult {
  config: DossierConfig;
  /** The whole repository, compiled. */
  compiled: CompileResult;
  /** The problems to report: under the requested paths, errors only when quiet. */
  diagnostics: Diagnostic[];
}

export async function lintProject(options: LintOptions): Promise<LintResult> {
  const paths = options.paths ?? [];
  const filters = pathFilters(options.cwd, paths);
  const config = resolveProjectConfig(options.cwd, paths, options.configFile);
  const cacheDir =
    options.cache === undefined || options.cache === false
      ? undefined
      : options.cache === true
        ? defaultCacheDir(config)
        : path.resolve(options.cwd, options.cache);
  const compiled = await compileProject(config, options.cwd, { ...options.fetch, cacheDir });
  const diagnostics = compiled.diagnostics.filter((d) => isUnderAny(d.file, filters) && (options.quiet !== true || d.severity === 'error'));
  return { config, compiled, diagnostics };
}
