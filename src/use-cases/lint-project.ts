// Lint a repository: compile all of it (references need the whole), report the problems under the
// requested paths, and decide the exit code. `dossier lint PATH` and the Action's `paths` input.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { SEVERITY_ORDER, type Diagnostic, type Severity } from '../ground/diagnostics.js';
import { readDiscoveredFiles, sourceReader } from '../source/project-files.js';
import { hasLintCache, lintCacheDir, lintCached, lintOutcome, type CacheUse, type LintOutcome } from './cached-compile.js';
import { compileInput, compileProject, loadProjectContext, type CompileOptions } from './compile-project.js';
import {
  filesUnderPaths,
  isUnderAny,
  pathFilters,
  refuseMissingRoots,
  refuseNoFiles,
  resolveProjectConfig,
  selectedFilesWalk,
  uncheckedPaths,
} from './project.js';

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
  /**
   * Whether a lint with no cache yet starts one (default true). The CLI says no in CI, unless given
   * a --cache-location: a repository linted once pays nothing for a cache no later run reads.
   */
  startCache?: boolean;
}

/** The problems to report: under the requested paths, errors only when quiet; and how many quiet left out. */
function reported(
  diagnostics: readonly Diagnostic[],
  filters: ReturnType<typeof pathFilters>,
  quiet: boolean | undefined,
): { shown: Diagnostic[]; hidden: number } {
  const under = diagnostics.filter((d) => isUnderAny(d.file, filters));
  const shown = quiet === true ? under.filter((d) => d.severity === 'error') : under;
  return { shown, hidden: under.length - shown.length };
}

export interface LintReport {
  config: DossierConfig;
  /** The problems to report: under the requested paths, errors only when quiet. */
  diagnostics: Diagnostic[];
  /** The warnings and infos under the requested paths that quiet leaves out. */
  hidden: number;
  /** Files checked under the requested paths (every file checked when none is given). */
  fileCount: number;
  /** Each entity's owning team, for per-owner counts. */
  owners: ReadonlyMap<string, string | undefined>;
  /** How the cache answered; undefined without one. */
  cacheUse?: CacheUse;
  /** The requested paths under which no file is checked (ignored, excluded, or not YAML): said, as ESLint says it. */
  unchecked: string[];
}

/**
 * `dossier lint` and the Action's lint: the whole repository is checked (references need the whole)
 * and the problems under the requested paths reported. Through the lint cache in `cache` (omitted:
 * `.dossier/cache/` beside dossier.yaml), answering from the last run where nothing changed; with
 * `cache: false`, compiled once, as in CI, and the compiled catalog given with the report.
 */
export async function lintProject(options: LintOptions & { cache: false }): Promise<LintReport & { compiled: CompileResult }>;
export async function lintProject(options: LintOptions & { cache?: false | string | undefined }): Promise<LintReport>;
export async function lintProject(
  options: LintOptions & { cache?: false | string | undefined },
): Promise<LintReport & { compiled?: CompileResult }> {
  const paths = options.paths ?? [];
  const config = resolveProjectConfig(options.cwd, paths, options.configFile);
  refuseMissingRoots(config, options.cwd);
  const filters = pathFilters(options.cwd, paths);
  const report = (outcome: LintOutcome) => {
    refuseNoFiles(config, options.cwd, outcome.fileCount);
    const { shown: diagnostics, hidden } = reported(outcome.diagnostics, filters, options.quiet);
    const walked = selectedFilesWalk(config, options.cwd);
    return {
      config,
      diagnostics,
      hidden,
      fileCount: filesUnderPaths(config, options.cwd, paths, filters, outcome.fileCount, walked),
      owners: new Map(outcome.owners),
      unchecked:
        paths.length === 0
          ? []
          : uncheckedPaths(config, options.cwd, paths, filters, { diagnostics, fileCount: outcome.fileCount }, walked),
    };
  };
  const cacheDir = lintCacheDir(config, typeof options.cache === 'string' ? path.resolve(options.cwd, options.cache) : undefined);
  if (options.cache === false || cacheDir === undefined || (options.startCache === false && !hasLintCache(cacheDir))) {
    const compiled = await compileProject(config, options.cwd, options.fetch);
    return { ...report(lintOutcome(compiled)), compiled };
  }
  const context = await loadProjectContext(config, options.cwd, options.fetch);
  const { outcome, cacheUse } = lintCached(
    {
      selection: { ...config, cwd: options.cwd },
      read: (files) => compileInput(context, readDiscoveredFiles(config, files)),
      readOne: sourceReader(config),
      federated: context.federation.dependencies.length > 0 || context.hub !== undefined,
    },
    config,
    options.cwd,
    cacheDir,
  );
  return { ...report(outcome), cacheUse };
}
