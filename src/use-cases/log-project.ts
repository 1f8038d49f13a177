// The semantic history of a repository: each commit on the first-parent line that touches the
// metadata, compiled from git objects and compared with its first parent by the diff's own rules.

import type { CatalogReader } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { LEVEL_ORDER, type Change, type ChangeLevel } from '../diff/change.js';
import { configChanges } from '../diff/config-changes.js';
import { diffCatalogs } from '../diff/diff-catalogs.js';
import { eventOf, type SemanticLog } from '../diff/log.js';
import type { HistoryCommit } from '../git/first-parent.js';
import { UsageError } from '../ground/errors.js';
import { DEFAULT_NAMESPACE, parseReference, type ParsedReference } from '../model/reference.js';
import { loadProjectContext, type CompileOptions, type ProjectContext } from './compile-project.js';
import { walkHistory, type AnalyzedFiles, type HistoryStep } from './walk-history.js';

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
  /** Sees every step of the walk too (the site's audit reports ride on the same compiles). */
  observe?: (step: HistoryStep) => void;
  /** Files already analysed (the site's working tree). */
  analyzed?: AnalyzedFiles;
}

export async function logProject(options: LogOptions): Promise<SemanticLog> {
  const { cwd, config } = options;
  const matchers = (options.entities ?? []).map(entityMatcher);
  const context = options.context ?? (await loadProjectContext(config, cwd, options.fetch));
  const found: { commit: HistoryCommit; changes: Change[] }[] = [];
  const walk = await walkHistory({ ...options, context }, (step) => {
    options.observe?.(step);
    const { commit, base, head, changed, configs } = step;
    const diff = diffCatalogs({
      base,
      head,
      ...(changed === undefined ? {} : { changed }),
      baseSide: { ref: commit.parent ?? '', sha: commit.parent ?? '' },
      headSide: { ref: commit.sha, sha: commit.sha },
      ...(configs === undefined
        ? {}
        : {
            configChanges: configChanges(configs.base, configs.head, {
              display: configs.display,
              inRepository: configs.inRepository,
              today: commit.date.slice(0, 10),
            }),
          }),
    });
    const changes = diff.changes.filter(
      (change) =>
        (options.level === undefined || LEVEL_ORDER[change.level] >= LEVEL_ORDER[options.level]) &&
        (options.changes === undefined || options.changes.length === 0 || options.changes.includes(change.id)) &&
        (matchers.length === 0 || matchers.some((matches) => matches(change.entity, head.catalog) || matches(change.entity, base.catalog))),
    );
    found.push({ commit, changes });
  });
  const paths = (options.paths ?? []).map(walk.inRepo);
  const inPaths = (change: Change) => paths.length === 0 || paths.some((p) => p === '.' || walk.inRepo(change.file).startsWith(p));
  // Newest commit first (the walk went oldest first); a commit's own changes keep their order.
  const events = found.reverse().flatMap(({ commit, changes }) => changes.filter(inPaths).map((change) => eventOf(commit, change)));
  return { events, ...(walk.shallowAt === undefined ? {} : { shallowAt: walk.shallowAt }) };
}

/** Whether an entity is the referenced one (any version), or, for a Model, one of its versions or what evaluates or deploys them. */
function entityMatcher(text: string): (identity: string, catalog: CatalogReader) => boolean {
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
