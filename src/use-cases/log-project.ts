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
import { DEFAULT_NAMESPACE, formatIdentity, parseReference, type ParsedReference } from '../model/reference.js';
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
  const filters = (options.entities ?? []).map(entityFilter);
  const context = options.context ?? (await loadProjectContext(config, cwd, options.fetch));
  const found: { commit: HistoryCommit; changes: { change: Change; concerns: string[] }[] }[] = [];
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
    const changes = diff.changes
      .filter(
        (change) =>
          (options.level === undefined || LEVEL_ORDER[change.level] >= LEVEL_ORDER[options.level]) &&
          (options.changes === undefined || options.changes.length === 0 || options.changes.includes(change.id)),
      )
      .map((change) => ({
        change,
        concerns: [
          ...new Set([
            change.entity,
            ...filters.flatMap((filter) => [...filter.behind(change.entity, head.catalog), ...filter.behind(change.entity, base.catalog)]),
          ]),
        ],
      }));
    found.push({ commit, changes });
  });
  const paths = (options.paths ?? []).map(walk.inRepo);
  const inPaths = (change: Change) => paths.length === 0 || paths.some((p) => p === '.' || walk.inRepo(change.file).startsWith(p));
  // Newest commit first (the walk went oldest first); a commit's own changes keep their order. An
  // entity asked for is followed back across its renames: what it was called before counts as it.
  const formerNames = new Set<string>();
  const concernsAsked = (concerns: readonly string[]) =>
    filters.length === 0 || concerns.some((identity) => formerNames.has(identity) || filters.some((filter) => filter.isIt(identity)));
  const events = found.reverse().flatMap(({ commit, changes }) =>
    changes
      .filter(({ change, concerns }) => {
        if (!inPaths(change) || !concernsAsked(concerns)) return false;
        const former = change.id === 'entity-renamed' ? formerIdentity(change) : undefined;
        if (former !== undefined) formerNames.add(former);
        return true;
      })
      .map(({ change }) => eventOf(commit, change)),
  );
  return { events, ...(walk.shallowAt === undefined ? {} : { shallowAt: walk.shallowAt }) };
}

/** What an entity reference asks for: the entity (any version), or, for a Model, also what stands behind one of its versions. */
interface EntityFilter {
  isIt(identity: string): boolean;
  /** The models an entity stands behind in a catalog: a version's, an evaluation's or deployment's version's. */
  behind(identity: string, catalog: CatalogReader): string[];
}

function entityFilter(text: string): EntityFilter {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new UsageError(`\`${text}\` is not an entity reference: ${parsed.reason}. Write e.g. model:fraud-detector.`);
  const reference: ParsedReference = parsed.reference;
  const namespace = reference.namespace ?? DEFAULT_NAMESPACE;
  return {
    isIt: (identity) => {
      const colon = identity.indexOf(':');
      const kind = identity.slice(0, colon);
      const rest = identity.slice(colon + 1).split('@');
      return (
        (reference.kind === undefined || reference.kind === kind) &&
        rest[0] === `${namespace}/${reference.name}` &&
        (reference.version === undefined || rest[1] === reference.version)
      );
    },
    behind: (identity, catalog) => {
      if (reference.kind !== undefined && reference.kind !== 'model') return [];
      const targetOf = (id: string | undefined, type: string) =>
        id === undefined ? undefined : catalog.outgoing(id).find((r) => r.type === type)?.target;
      return [identity, targetOf(identity, 'evaluates'), targetOf(identity, 'deploys')].flatMap((version) => {
        const model = targetOf(version, 'versionOf');
        return model === undefined ? [] : [model];
      });
    },
  };
}

/** The identity an `entity-renamed` change renamed from: its entity's, with the name or namespace it had. */
function formerIdentity(change: Change): string | undefined {
  const parsed = parseReference(change.entity);
  if (!parsed.ok || parsed.reference.kind === undefined || typeof change.before !== 'string') return undefined;
  const { kind, namespace = DEFAULT_NAMESPACE, name, version } = parsed.reference;
  return change.field === 'metadata.namespace'
    ? formatIdentity(kind, change.before, name, version)
    : formatIdentity(kind, namespace, change.before, version);
}
