// Build the catalog site of a repository: compile it, read its git history, render every page.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { commitLinker, readHistory, type History } from '../git/history.js';
import { buildSite, isBuiltSite } from '../site/build-site.js';
import { analyzeSources, compileSources, linkAnalysis } from '../compile/compile-sources.js';
import { linkSite, type KeptLink } from './site-link.js';
import { AnalysisCache } from '../cache/analysis-cache.js';
import { isObject, readCacheFile, writeCacheFile } from '../cache/cache-file.js';
import { EventLog, type StoredEventLog } from '../site/event-log.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { CACHE_FORMATS, cacheEnvironment, cacheLayout, configText, defaultCacheDir } from '../cache/layout.js';
import { readDiscoveredFiles, sourceReader, type SourceText } from '../source/project-files.js';
import { discoverFiles } from '../source/discover.js';
import { stampedSources } from '../cache/stamped-sources.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { contentHash } from '../ground/content-hash.js';
import type { Entity } from '../model/entity.js';
import { PreviousPageState, type EntityKey } from '../site/page-state.js';
import { readFilesAt } from './compile-at.js';
import { compileInput, loadProjectContext, type CompileOptions, type ProjectContext } from './compile-project.js';
import { logProject } from './log-project.js';
import { ModelAudit } from '../audit/model-audit.js';
import { renderAuditHtmlBody } from '../audit/render-audit.js';
import { auditPath, pathOfIdentity, rootPrefix } from '../site/urls.js';
import { auditsObserver } from './audit-model.js';
import { analyzeWorkingTree, type AnalyzedFiles } from './walk-history.js';

/** Commits whose semantic changes the site shows, at most. */
const SITE_HISTORY_COMMITS = 500;
/**
 * History is linked incrementally (a commit costs what it changes, not the catalog's size), so a
 * site with 500 commits of Timelines stays within 1.3x of one without at 10k entities
 * (bench/log.mjs). The incremental link keeps, for every entity, what it read of the catalog; above
 * this size the site leaves history out unless asked (`--timeline-commits`), for memory.
 */
const SITE_HISTORY_MAX_ENTITIES = 50_000;

/** How many commits of history the site reads for a catalog of this size; 0 to leave it out. */
export function siteHistoryCommits(entities: number): number {
  return entities > SITE_HISTORY_MAX_ENTITIES ? 0 : SITE_HISTORY_COMMITS;
}

export interface BuildProjectSiteOptions {
  cwd: string;
  config: DossierConfig;
  outDir: string;
  version: string;
  baseUrl?: string | undefined;
  /** Overrides `site.title` of dossier.yaml. */
  title?: string | undefined;
  /** A compile of the same repository the caller already has (the Action lints first). */
  compiled?: CompileResult;
  /** How dependency catalogs are fetched. */
  fetch?: CompileOptions;
  /** Build the site of the metadata as it was at this revision or date. */
  at?: string | undefined;
  /** Commits of semantic history to read; default siteHistoryCommits() of the catalog's size. */
  timelineCommits?: number | undefined;
  /** False: neither read nor write `.dossier/cache/` (the files' analyses, the semantic history). */
  cache?: boolean;
  onStage?: (stage: 'compiling' | 'reading history' | 'rendering') => void;
  onProgress?: (done: number, total: number) => void;
}

export interface BuiltProjectSite {
  compiled: CompileResult;
  /** How many commits of semantic history the site shows; 0 when none (no git, or too large a catalog). */
  timelineCommits: number;
  history: History;
  pages: number;
  outDir: string;
  /** Entities whose pages were taken over from the previous build without being built again. */
  unchangedEntities: number;
  /** Whether the link went on from the last rebuild's, linking only what the change reached. */
  relinked: boolean;
}

export async function buildProjectSite(options: BuildProjectSiteOptions): Promise<BuiltProjectSite> {
  try {
    return await buildFrom(options, 'stamps');
  } catch (error) {
    // A file changed while a rebuild read it: built again from every file as it is now.
    if (error instanceof WholeNeeded) return await buildFrom(options, 'every file');
    throw error;
  }
}

/** Above this many files a rebuild links whole and keeps no link: the link's state would take the bounded heap's room. */
const SITE_LINK_MAX_FILES = 50_000;

/** The build, reading the working tree by its stamps (a rebuild) or every file. */
async function buildFrom(options: BuildProjectSiteOptions, read: 'stamps' | 'every file'): Promise<BuiltProjectSite> {
  const { config, cwd } = options;
  options.onStage?.('compiling');
  // One context for the compile and the history, loaded when first needed: catalogs are fetched once.
  let context: ProjectContext | undefined;
  const contextOnce = async () => (context ??= await loadProjectContext(config, cwd, options.fetch));
  const outDir = path.resolve(cwd, options.outDir);
  const cacheDir = options.cache === false ? undefined : defaultCacheDir(config);
  // Caches are read whenever they are there (a lint leaves the files' analyses), and written only by a
  // rebuild: a site built once, as in CI, does not pay for writing what nothing will read.
  const keptCacheDir = cacheDir !== undefined && isBuiltSite(outDir) ? cacheDir : undefined;
  const past = options.at === undefined ? undefined : await readFilesAt(config, cwd, options.at);
  // The git processes that read the history run while this thread compiles: started, and given one
  // turn of the event loop to spawn, they are done when the history is needed.
  const historyRead = readHistory(config.rootDir, cwd, past?.revision.sha);
  await new Promise(setImmediate);
  // The working tree is analysed file by file (through the lint cache), so that reading history reuses every unchanged file.
  let analyzed: (() => AnalyzedFiles) | undefined;
  let compiled: CompileResult;
  // Each file's content key: its analysis in the cache, and what identifies its entities' content
  // for the pages a rebuild takes over. Not needed without a cache.
  let fileKeys: ReadonlyMap<string, string> | undefined;
  let saveStamps: ((kept?: unknown) => boolean) | undefined;
  let changedKeys: ReadonlySet<string> | undefined;
  let keptLink: KeptLink | undefined;
  const keysOf = (sources: readonly SourceText[]) =>
    cacheDir === undefined ? undefined : new Map(sources.map((source) => [source.file, AnalysisCache.keyOf(source)]));
  if (past !== undefined) {
    fileKeys = keysOf(past.files.sources);
    compiled = compileSources(compileInput(await contextOnce(), past.files));
  } else if (options.compiled !== undefined) compiled = options.compiled;
  else {
    const discovered = discoverFiles({ ...config, cwd });
    // A rebuild reads only the files whose stamps changed since the last one; every other text when asked for.
    const stamped =
      keptCacheDir !== undefined && read === 'stamps'
        ? stampedSources(cacheLayout(keptCacheDir).site(outDir).stamps, cacheEnvironment(), discovered, sourceReader(config))
        : undefined;
    saveStamps = stamped?.save;
    const files = stamped === undefined ? readDiscoveredFiles(config, discovered) : { sources: stamped.sources, fileDiagnostics: [] };
    const keys = stamped?.keys ?? keysOf(files.sources);
    fileKeys = keys;
    // A rebuild whose link may go on from the last one's looks at the bodies of the entities it rebuilds only.
    const linkKept = stamped !== undefined && discovered.length <= SITE_LINK_MAX_FILES;
    const cache =
      cacheDir === undefined ? undefined : AnalysisCache.open(cacheLayout(cacheDir), cacheEnvironment(), { lazyBodies: linkKept });
    const workingTree = analyzeWorkingTree(
      files.sources,
      cache === undefined || keys === undefined
        ? undefined
        : (source) => cache.analysisOf(keys.get(source.file) as string, () => analyzeSources([source])),
    );
    analyzed = workingTree.files;
    const input = compileInput(await contextOnce(), files);
    const federated = (input.federation?.dependencies.length ?? 0) > 0 || input.hub !== undefined;
    if (linkKept && keptCacheDir !== undefined && cache !== undefined && !federated) {
      const linked = linkSite({
        place: { dir: cacheLayout(keptCacheDir).site(outDir).link, environment: cacheEnvironment() },
        sources: { input, keys: stamped.keys, analyses: cache },
        analysis: workingTree.analysis,
        since: stamped.since,
      });
      compiled = linked.compiled;
      changedKeys = linked.changedKeys;
      keptLink = linked.kept;
    } else compiled = linkAnalysis(input, workingTree.analysis);
    // After the link: a link gone on from the last one reads the analyses the last rebuild had.
    if (keptCacheDir !== undefined) cache?.save();
  }
  options.onStage?.('reading history');
  const history = await historyRead;
  // The semantic history of the last commits feeds the Timelines, changes.html and the Atom feed.
  const timelineCommits = history.available ? (options.timelineCommits ?? siteHistoryCommits(compiled.catalog.entities.length)) : 0;
  const semantic =
    timelineCommits > 0
      ? await semanticHistory({
          config,
          cwd,
          compiled,
          context: await contextOnce(),
          rev: past?.revision.sha,
          head: history.head,
          maxCount: timelineCommits,
          webUrl: history.webUrl,
          cacheDir,
          keepCache: keptCacheDir !== undefined,
          ...(analyzed === undefined ? {} : { analyzed }),
        })
      : undefined;
  // The working tree's texts were kept for the walk; the pages need none of them.
  analyzed = undefined;
  options.onStage?.('rendering');
  const title = options.title ?? config.site.title;
  // What the last build of this site's entity pages were built from, kept by a rebuild beside the other caches.
  const pageStateFile = keptCacheDir === undefined ? undefined : cacheLayout(keptCacheDir).site(outDir).pages;
  const built = await buildSite(compiled, {
    outDir,
    history,
    version: options.version,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(title === undefined ? {} : { title }),
    ...(config.site.templates === undefined ? {} : { templatesDir: config.site.templates }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(semantic === undefined ? {} : { events: semantic.events, eventsKey: semantic.key, audits: new Map(semantic.audits) }),
    filesUrls: new Map(
      [...config.sources, ...config.dependencies].flatMap((source) =>
        source.filesUrl === undefined ? [] : [[source.name, source.filesUrl]],
      ),
    ),
    catalogJson: { namespaces: config.namespaces },
    ...(fileKeys === undefined || pageStateFile === undefined
      ? {}
      : {
          pageState: {
            entityKey: entityKeys(fileKeys),
            previous: PreviousPageState.of(readCacheFile(pageStateFile, CACHE_FORMATS.pageState, cacheEnvironment(), isObject)),
            changedKeys,
          },
        }),
  });
  // The stamps and the link are kept only with the page state they go with: the next rebuild takes the
  // link's changed lookups as what changed since the pages that state describes.
  if (
    pageStateFile !== undefined &&
    built.pageState !== undefined &&
    writeCacheFile(pageStateFile, CACHE_FORMATS.pageState, cacheEnvironment(), built.pageState)
  )
    saveStamps?.(keptLink);
  return {
    compiled,
    history,
    timelineCommits,
    pages: built.pages,
    outDir: built.outDir,
    unchangedEntities: built.unchangedEntities,
    relinked: changedKeys !== undefined,
  };
}

/** What the site shows of the semantic history: the events, newest first, and each model's audit report as a page body. */
interface SemanticHistory {
  events: EventLog;
  audits: [model: string, body: string][];
  /** What identifies it (commit, configuration, models audited); undefined when it depends on other repositories too. */
  key?: string | undefined;
}

/** The semantic history as its cache file keeps it. */
interface StoredHistory {
  key: string;
  events: StoredEventLog;
  models: TextColumn;
  audits: TextColumn;
}

function storedHistory(key: string, history: SemanticHistory): StoredHistory {
  return {
    key,
    events: history.events.toStored(),
    models: toTextColumn(history.audits.map(([model]) => model)),
    audits: toTextColumn(history.audits.map(([, body]) => body)),
  };
}

/** The semantic history a cache file keeps; undefined when it is not one. */
function historyOfStored(value: unknown): (SemanticHistory & { key: string }) | undefined {
  const stored = value as Partial<StoredHistory> | null;
  const events = EventLog.fromStored(stored?.events);
  const models = fromTextColumn(stored?.models);
  const bodies = fromTextColumn(stored?.audits);
  if (typeof stored?.key !== 'string' || events === undefined || models === undefined || bodies?.length !== models.length) return undefined;
  return { key: stored.key, events, audits: models.map((model, index) => [model, bodies[index] as string]) };
}

/**
 * The semantic history of the last `maxCount` commits up to `rev` (HEAD), with every model's audit
 * riding on the same walk: no commit is compiled twice. It depends on the commits alone (the working
 * tree only spares parsing files it shares with them), so it is cached by the commit, the
 * configuration and the models audited: a rebuild without a new commit does not walk again.
 * Other repositories' catalogs change it too: with dependencies or a hub, it is not cached.
 */
async function semanticHistory(options: {
  config: DossierConfig;
  cwd: string;
  compiled: CompileResult;
  context: ProjectContext;
  rev: string | undefined;
  /** The commit `rev` names (HEAD without one), as the history was read up to it. */
  head: string | undefined;
  maxCount: number;
  webUrl: string | undefined;
  cacheDir: string | undefined;
  /** Write what was walked to the cache (a rebuild). */
  keepCache: boolean;
  analyzed?: () => AnalyzedFiles;
}): Promise<SemanticHistory> {
  const { config, cwd, context } = options;
  // Every local model gets an audit report.
  const models = options.compiled.catalog.entities.filter((e) => e.kind === 'Model' && e.origin === undefined).map((e) => e.identity);
  const federated = context.federation.dependencies.length > 0 || context.hub !== undefined;
  const head = options.cacheDir === undefined || federated ? undefined : options.head;
  const cacheFile = options.cacheDir === undefined ? undefined : cacheLayout(options.cacheDir).siteHistory;
  const key =
    head === undefined
      ? undefined
      : contentHash(head, configText(config), String(options.maxCount), options.webUrl ?? '', models.join('\n'));
  if (cacheFile !== undefined && key !== undefined) {
    const cached = historyOfStored(readCacheFile(cacheFile, CACHE_FORMATS.siteHistory, cacheEnvironment(), isObject));
    if (cached?.key === key) return cached;
  }

  const audits = models.map((model) => new ModelAudit(model));
  const log = await logProject({
    cwd,
    config,
    rev: options.rev,
    maxCount: options.maxCount,
    context,
    observe: auditsObserver(audits),
    ...(options.analyzed === undefined ? {} : { analyzed: options.analyzed() }),
  });
  const commitUrl = commitLinker(options.webUrl);
  const history: SemanticHistory = {
    events: EventLog.of(log.events),
    audits: audits.map((audit) => {
      const page = auditPath(audit.model);
      const modelHref = `${rootPrefix(page)}${pathOfIdentity(audit.model)}`;
      return [audit.model, renderAuditHtmlBody(audit.report(), { commitUrl, modelHref })];
    }),
    key,
  };
  if (options.keepCache && cacheFile !== undefined && key !== undefined)
    writeCacheFile(cacheFile, CACHE_FORMATS.siteHistory, cacheEnvironment(), storedHistory(key, history));
  return history;
}

/** An entity's content, identified by its file's content and its place there; another repository's by its own content. */
function entityKeys(fileKeys: ReadonlyMap<string, string>): EntityKey {
  const others = new WeakMap<Entity, string>();
  return (entity) => {
    const fileKey = entity.origin === undefined ? fileKeys.get(entity.source.file) : undefined;
    if (fileKey !== undefined) return `${fileKey}:${String(entity.source.document)}`;
    let key = others.get(entity);
    if (key === undefined) others.set(entity, (key = contentHash(JSON.stringify(entity))));
    return key;
  };
}
