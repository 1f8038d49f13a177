// The semantic history of a repository: each commit on the first-parent line that touches the
// metadata, compiled from git objects and compared with its first parent by the diff's own rules.

import path from 'node:path';
import type { Catalog, CompileResult } from '../catalog/catalog.js';
import { analyzeSources, compileSources, linkAnalysis, type Analysis } from '../compile/compile-sources.js';
import type { SourceText } from '../source/project-files.js';
import type { DossierConfig } from '../config/load-config.js';
import { LEVEL_ORDER, type ChangeLevel } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff-catalogs.js';
import { eventOf, type LogEvent, type SemanticLog } from '../diff/log.js';
import { firstParentCommits, shallowBoundary } from '../git/first-parent.js';
import { gitIn, readRevisionFiles, repositoryTop } from '../git/read-revision.js';
import { UsageError } from '../ground/errors.js';
import { DEFAULT_NAMESPACE, parseReference, type ParsedReference } from '../model/reference.js';
import { compileInput, loadProjectContext, type CompileOptions, type ProjectContext } from './compile-project.js';

export interface LogOptions {
  cwd: string;
  config: DossierConfig;
  /** The newest commit (default HEAD). */
  rev?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  maxCount?: number | undefined;
  /** Entity references; a Model also covers its versions, their evaluations and deployments. */
  entities?: readonly string[];
  /** Files or folders, relative to `cwd`. */
  paths?: readonly string[];
  /** Change ids to keep, e.g. `stage-promoted`. */
  changes?: readonly string[];
  /** The lowest level to keep. */
  level?: ChangeLevel | undefined;
  fetch?: CompileOptions;
  /** The compile context, when the caller already loaded it (the site build). */
  context?: ProjectContext;
}

export async function logProject(options: LogOptions): Promise<SemanticLog> {
  const { cwd, config } = options;
  const git = gitIn(config.rootDir);
  const top = await repositoryTop(git);
  const inRepo = (absolute: string) => path.relative(top, absolute).split(path.sep).join('/') || '.';
  const paths = (options.paths ?? []).map((p) => inRepo(path.resolve(cwd, p)));
  const commits = await firstParentCommits(git, {
    rev: options.rev ?? 'HEAD',
    since: options.since,
    until: options.until,
    maxCount: options.maxCount,
    paths: paths.length > 0 ? paths : [inRepo(config.rootDir)],
  });
  const matchers = (options.entities ?? []).map(entityMatcher);
  const context = options.context ?? (await loadProjectContext(config, cwd, options.fetch));
  // One compile per commit; each is the base of the next, so only the last one is kept. A file is
  // parsed and validated once per content and path (its blob id): most commits change a few files.
  let cached: { sha: string; result: CompileResult } | undefined;
  const analyses = new Map<string, Analysis>();
  const analysisOf = (source: SourceText): Analysis => {
    const key = `${source.blob ?? ''}\0${source.file}`;
    let analysis = analyses.get(key);
    if (analysis === undefined) {
      analysis = analyzeSources([source]);
      if (source.blob !== undefined) analyses.set(key, analysis);
    }
    return analysis;
  };
  const compileAt = async (sha: string | undefined): Promise<CompileResult> => {
    if (sha === undefined) return compileSources(compileInput(context, { sources: [], fileDiagnostics: [] }));
    if (cached?.sha === sha) return cached.result;
    const files = await readRevisionFiles(git, top, sha, config, cwd);
    const parts = files.sources.map(analysisOf);
    const analysis = { entities: parts.flatMap((part) => part.entities), diagnostics: parts.flatMap((part) => part.diagnostics) };
    const result = linkAnalysis(compileInput(context, files), analysis);
    cached = { sha, result };
    return result;
  };

  const events: LogEvent[] = [];
  for (const commit of [...commits].reverse()) {
    const base = await compileAt(commit.parent);
    const head = await compileAt(commit.sha);
    const diff = diffCatalogs({
      base,
      head,
      baseSide: { ref: commit.parent ?? '', sha: commit.parent ?? '' },
      headSide: { ref: commit.sha, sha: commit.sha },
    });
    const kept = diff.changes.filter(
      (change) =>
        (options.level === undefined || LEVEL_ORDER[change.level] >= LEVEL_ORDER[options.level]) &&
        (options.changes === undefined || options.changes.length === 0 || options.changes.includes(change.id)) &&
        (paths.length === 0 || paths.some((p) => p === '.' || inRepo(path.resolve(cwd, change.file)).startsWith(p))) &&
        (matchers.length === 0 || matchers.some((matches) => matches(change.entity, head.catalog) || matches(change.entity, base.catalog))),
    );
    // Newest first: this commit's events go before the older ones already collected.
    events.unshift(...kept.map((change) => eventOf(commit, change)));
  }
  const oldest = commits.at(-1);
  const boundary = await shallowBoundary(git);
  return { events, ...(boundary !== undefined && oldest?.sha === boundary ? { shallowAt: boundary } : {}) };
}

/** Whether an entity is the referenced one (any version), or, for a Model, one of its versions or what evaluates or deploys them. */
function entityMatcher(text: string): (identity: string, catalog: Catalog) => boolean {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new UsageError(`\`${text}\` is not an entity reference: ${parsed.reason}. Write e.g. model:fraud-detector.`);
  const reference: ParsedReference = parsed.reference;
  const namespace = reference.namespace ?? DEFAULT_NAMESPACE;
  const isIt = (identity: string) => {
    const colon = identity.indexOf(':');
    const kind = identity.slice(0, colon);
    const rest = identity.slice(colon + 1).split('@');
    return (
      (reference.kind === undefined || reference.kind === kind) &&
      rest[0] === `${namespace}/${reference.name}` &&
      (reference.version === undefined || rest[1] === reference.version)
    );
  };
  return (identity, catalog) => {
    if (isIt(identity)) return true;
    if (reference.kind !== undefined && reference.kind !== 'model') return false;
    const targetOf = (id: string, type: string) => catalog.outgoing(id).find((r) => r.type === type)?.target;
    const versionOfModel = (id: string | undefined) =>
      id !== undefined && targetOf(id, 'versionOf') !== undefined && isIt(targetOf(id, 'versionOf') as string);
    return versionOfModel(identity) || versionOfModel(targetOf(identity, 'evaluates')) || versionOfModel(targetOf(identity, 'deploys'));
  };
}
