// Build the catalog site of a repository, in four phases: read the working tree (or a revision), link
// it, read its history, render every page.

import { refuseFolderLeavingRepository } from './output-folder.js';
import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { readHistory, type History } from '../git/history.js';
import { buildSite, isBuiltSite } from '../site/build-site.js';
import { analyzeSources, compileSources, linkAnalysis, type Analysis } from '../compile/compile-sources.js';
import { linkSite } from './site-link.js';
import { AnalysisCache } from '../cache/analysis-cache.js';
import { KeptHeads, toStoredHeads } from '../cache/kept-heads.js';
import { isObject, readCacheFile, writeCacheFile } from '../cache/cache-file.js';
import { CACHE_FORMATS, cacheEnvironment, cacheLayout, defaultCacheDir } from '../cache/layout.js';
import { readDiscoveredFiles, sourceReader, type SourceText } from '../source/project-files.js';
import { discoverFiles } from '../source/discover.js';
import { stampedSources } from '../cache/stamped-sources.js';
import { discoverWithKeptWalk } from '../cache/kept-walk.js';
import { pruneSiteCacheSets } from '../cache/site-cache-sets.js';
import { WholeNeeded } from '../engine/loading-map.js';
import { contentHash } from '../ground/content-hash.js';
import type { Entity } from '../model/entity.js';
import type { EntityKey } from '../site/reuse/page-state.js';
import { PreviousPageState } from '../site/reuse/page-state-format.js';
import { readFilesAt } from './compile-at.js';
import { compileInput, loadProjectContext, type CompileOptions, type ProjectContext } from './compile-project.js';
import { analyzeWorkingTree, type AnalyzedFiles } from './walk-history.js';
import { sitePagesOfCompliance, type ComplianceRevision } from './site-compliance.js';
import { semanticHistory, type SemanticHistory } from './site-history.js';

/** Commits whose semantic changes the site shows, at most. */
const SITE_HISTORY_COMMITS = 500;
/**
 * History is linked incrementally (a commit costs what it changes, not the catalog's size). The
 * incremental link keeps, for every entity, what it read of the catalog; above this size the site
 * leaves history out unless asked (`--timeline-commits`), for memory.
 */
const SITE_HISTORY_MAX_ENTITIES = 50_000;
/**
 * Up to this many files a build keeps what the next rebuild goes on from (a rebuild always, a first
 * build when asked: `keepFirstBuild`). Keeping costs a build about 40% more time and memory
 * (bench/RESULTS.md), which a 100k build's bounded heap has no room for: a larger site is built
 * whole each time, as in CI.
 */
const SITE_KEEP_MAX_FILES = 30_000;

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
  /**
   * Whether a first build into `outDir` keeps what the next rebuild goes on from, as a rebuild
   * does. The CLI asks for it where rebuilds follow (not in CI), so that a site built once pays
   * nothing for it.
   */
  keepFirstBuild?: boolean;
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
  refuseFolderLeavingRepository(options.cwd, options.outDir, 'the site folder');
  try {
    return await buildFrom(options, 'stamps');
  } catch (error) {
    // A file changed while a rebuild read it: built again from every file as it is now.
    if (error instanceof WholeNeeded) return await buildFrom(options, 'every file');
    throw error;
  }
}

/** Where a build reads and keeps its caches, and the project's context, loaded once when first needed. */
interface SiteBuild {
  options: BuildProjectSiteOptions;
  outDir: string;
  /** `.dossier/cache/`; undefined when the build uses no cache. */
  cacheDir: string | undefined;
  /**
   * The cache folder when this build keeps what the next one reuses: a rebuild (a site is already
   * there) does, a first build when asked (`keepFirstBuild`), neither above SITE_KEEP_MAX_FILES;
   * decided once its files are known.
   */
  keptCacheDir: string | undefined;
  context: () => Promise<ProjectContext>;
}

/** The catalog the site shows, linked, with what identifies its files and what the link kept for the next rebuild. */
interface LinkedProject {
  compiled: CompileResult;
  /** Each file's content key: what identifies its entities' content for the pages a rebuild takes over (none without a cache). */
  fileKeys: ReadonlyMap<string, string> | undefined;
  /** The working tree's analyses, for the history walk to reuse. */
  analyzed: (() => AnalyzedFiles) | undefined;
  /** The lookups whose answers the link changed since the last rebuild's, when it went on from it. */
  changedKeys: ReadonlySet<string> | undefined;
  /** Keeps the stamps of the files read, with the link; true when they were written. */
  keep: (() => boolean) | undefined;
}

/** The history the site shows: commits by file, and the semantic history of the last ones. */
interface ProjectHistory {
  history: History;
  timelineCommits: number;
  semantic: SemanticHistory | undefined;
}

/** The build, reading the working tree by its stamps (a rebuild) or every file. */
async function buildFrom(options: BuildProjectSiteOptions, read: 'stamps' | 'every file'): Promise<BuiltProjectSite> {
  const { config, cwd } = options;
  let context: ProjectContext | undefined;
  const cacheDir = options.cache === false ? undefined : defaultCacheDir(config);
  const outDir = path.resolve(cwd, options.outDir);
  const build: SiteBuild = {
    options,
    outDir,
    cacheDir,
    keptCacheDir: cacheDir !== undefined && isBuiltSite(outDir) ? cacheDir : undefined,
    // One context for the compile and the history: catalogs are fetched once.
    context: async () => (context ??= await loadProjectContext(config, cwd, options.fetch)),
  };
  options.onStage?.('compiling');
  const past = options.at === undefined ? undefined : await readFilesAt(config, cwd, options.at);
  if (past !== undefined && past.files.sources.length > SITE_KEEP_MAX_FILES) build.keptCacheDir = undefined;
  // The git processes that read the history run while this thread compiles: started, and given one
  // turn of the event loop to spawn, they are done when the history is needed.
  const historyRead = readHistory(config.rootDir, cwd, past?.revision.sha);
  await new Promise(setImmediate);
  const linked =
    past !== undefined
      ? linkRevision(build, past.files.sources, compileInput(await build.context(), past.files))
      : options.compiled !== undefined
        ? given(options.compiled)
        : await linkWorkingTree(build, read);
  options.onStage?.('reading history');
  const history = await readProjectHistory(build, linked, await historyRead, past?.revision.sha);
  // The working tree's texts were kept for the walk; the pages need none of them.
  linked.analyzed = undefined;
  options.onStage?.('rendering');
  const revision =
    past === undefined
      ? undefined
      : { ref: past.revision.ref, sha: past.revision.sha, texts: new Map(past.files.sources.map((source) => [source.file, source.text])) };
  const built = await render(build, linked, history, revision);
  return {
    compiled: linked.compiled,
    history: history.history,
    timelineCommits: history.timelineCommits,
    pages: built.pages,
    outDir: built.outDir,
    unchangedEntities: built.unchangedEntities,
    relinked: linked.changedKeys !== undefined,
  };
}

const keysOf = (build: SiteBuild, sources: readonly SourceText[]) =>
  build.cacheDir === undefined ? undefined : new Map(sources.map((source) => [source.file, AnalysisCache.keyOf(source)]));

/** A compile the caller already has. */
const given = (compiled: CompileResult): LinkedProject => ({
  compiled,
  fileKeys: undefined,
  analyzed: undefined,
  changedKeys: undefined,
  keep: undefined,
});

/** The metadata as it was at a revision, linked whole. */
function linkRevision(build: SiteBuild, sources: readonly SourceText[], input: ReturnType<typeof compileInput>): LinkedProject {
  return { ...given(compileSources(input)), fileKeys: keysOf(build, sources) };
}

/** Files the kept heads may miss or hold in vain (edited, added or removed since they were written) before they are written again. */
const HEADS_KEPT_WHILE_MISSING = 16;

/** Where a build of this many files keeps what the next rebuild goes on from; undefined when it keeps nothing. */
function keptCacheDirFor(build: SiteBuild, files: number): string | undefined {
  if (files > SITE_KEEP_MAX_FILES) return undefined;
  return build.keptCacheDir ?? (build.options.keepFirstBuild === true ? build.cacheDir : undefined);
}

/**
 * The working tree, analysed file by file (through the lint cache, so that reading history reuses
 * every unchanged file) and linked. A rebuild reads only the files whose stamps changed since the
 * last one (every other text when asked for), and its link goes on from the last one's.
 */
async function linkWorkingTree(build: SiteBuild, read: 'stamps' | 'every file'): Promise<LinkedProject> {
  const { options, cacheDir, outDir } = build;
  const { config, cwd } = options;
  // Where rebuilds follow, the files are taken from the last walk while no folder it listed changed.
  const walkCacheDir = build.keptCacheDir ?? (options.keepFirstBuild === true ? cacheDir : undefined);
  const discovered =
    walkCacheDir === undefined
      ? discoverFiles({ ...config, cwd })
      : discoverWithKeptWalk(cacheLayout(walkCacheDir).walk, cacheEnvironment(), { ...config, cwd });
  build.keptCacheDir = keptCacheDirFor(build, discovered.length);
  const { keptCacheDir } = build;
  const stamped =
    keptCacheDir !== undefined && read === 'stamps'
      ? stampedSources(cacheLayout(keptCacheDir).site(outDir).stamps, cacheEnvironment(), discovered, sourceReader(config))
      : undefined;
  const files = stamped === undefined ? readDiscoveredFiles(config, discovered) : { sources: stamped.sources, fileDiagnostics: [] };
  const keys = stamped?.keys ?? keysOf(build, files.sources);
  // A rebuild whose link may go on from the last one's looks at the bodies of the entities it rebuilds only.
  const linkKept = stamped !== undefined;
  const cache =
    cacheDir === undefined ? undefined : AnalysisCache.open(cacheLayout(cacheDir), cacheEnvironment(), { lazyBodies: linkKept });
  const siteCaches = keptCacheDir === undefined ? undefined : cacheLayout(keptCacheDir).site(outDir);
  // The heads the last rebuild kept make the entities of the files unchanged since: their bodies are read from the analyses when a page looks at them.
  const keptHeads =
    linkKept && siteCaches !== undefined
      ? KeptHeads.of(readCacheFile(siteCaches.heads, CACHE_FORMATS.siteHeads, cacheEnvironment(), isObject))
      : undefined;
  let headsMissed = 0;
  const workingTree = analyzeWorkingTree(
    files.sources,
    cache === undefined || keys === undefined
      ? undefined
      : (source) => {
          const key = keys.get(source.file) as string;
          const analysed = () => cache.analysisOf(key, () => analyzeSources([source]));
          const kept = keptHeads?.analysisOf(key, source.file, analysed);
          if (kept !== undefined) return kept;
          headsMissed++;
          return analysed();
        },
  );
  const input = compileInput(await build.context(), files);
  const federated = (input.federation?.dependencies.length ?? 0) > 0 || input.hub !== undefined;
  const linked =
    linkKept && keptCacheDir !== undefined && cache !== undefined && !federated
      ? linkSite({
          place: { dir: cacheLayout(keptCacheDir).site(outDir).link, environment: cacheEnvironment() },
          sources: { input, keys: stamped.keys, analyses: cache },
          analysis: workingTree.analysis,
          since: stamped.since,
        })
      : { compiled: linkAnalysis(input, workingTree.analysis), changedKeys: undefined, kept: undefined };
  // After the link: a link gone on from the last one reads the analyses the last rebuild had. Where kept
  // heads answered, the cache was not asked for every file's analysis: it keeps those of the files there are.
  const liveKeys = keys === undefined ? undefined : new Set(keys.values());
  if (keptCacheDir !== undefined) cache?.save(keptHeads === undefined, liveKeys);
  // The heads are written again when there were none, or once they miss or hold more files than a
  // few: each file they miss (edited or added since) is read from the analyses cache, and the heads
  // of files removed or edited since are dropped when they are written again.
  const headsChanged = keptHeads === undefined || Math.max(headsMissed, keptHeads.unused) > HEADS_KEPT_WHILE_MISSING;
  return {
    compiled: linked.compiled,
    fileKeys: keys,
    analyzed: workingTree.files,
    changedKeys: linked.changedKeys,
    keep:
      stamped === undefined || siteCaches === undefined
        ? undefined
        : () => {
            if (headsChanged)
              writeCacheFile(
                siteCaches.heads,
                CACHE_FORMATS.siteHeads,
                cacheEnvironment(),
                toStoredHeads(
                  files.sources.map((source, index) => [stamped.keys.get(source.file) as string, workingTree.parts[index] as Analysis]),
                ),
              );
            // A page that read the body of an entity whose analysis the cache had lost analysed its file again.
            cache?.save(keptHeads === undefined, liveKeys);
            return stamped.save(linked.kept);
          },
  };
}

/** Commits by file, and the semantic history of the last commits (Timelines, changes.html, the Atom feed). */
async function readProjectHistory(
  build: SiteBuild,
  linked: LinkedProject,
  history: History,
  rev: string | undefined,
): Promise<ProjectHistory> {
  const { options } = build;
  const timelineCommits = history.available ? (options.timelineCommits ?? siteHistoryCommits(linked.compiled.catalog.entities.length)) : 0;
  const semantic =
    timelineCommits > 0
      ? await semanticHistory({
          config: options.config,
          cwd: options.cwd,
          compiled: linked.compiled,
          context: await build.context(),
          rev,
          head: history.head,
          maxCount: timelineCommits,
          webUrl: history.webUrl,
          cacheDir: build.cacheDir,
          keepCache: build.keptCacheDir !== undefined,
          ...(linked.analyzed === undefined ? {} : { analyzed: linked.analyzed }),
        })
      : undefined;
  return { history, timelineCommits, semantic };
}

/** Renders every page; a rebuild goes on from the page state the last one kept, and keeps this one's with its stamps and link. */
/** `revision`: the commit a site built `--at` shows, for the compliance pages' lines and document hashes. */
async function render(build: SiteBuild, linked: LinkedProject, { history, semantic }: ProjectHistory, revision?: ComplianceRevision) {
  const { options, keptCacheDir, outDir } = build;
  const { config } = options;
  const title = options.title ?? config.site.title;
  // What the last build of this site's entity pages were built from, kept by a rebuild beside the other caches.
  const pageStateFile = keptCacheDir === undefined ? undefined : cacheLayout(keptCacheDir).site(outDir).pages;
  const { fileKeys } = linked;
  const built = await buildSite(linked.compiled, {
    outDir,
    history,
    version: options.version,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(title === undefined ? {} : { title }),
    ...(config.site.footer === undefined ? {} : { footer: config.site.footer }),
    ...(config.site.logo === undefined ? {} : { logo: config.site.logo }),
    ...(config.site.templates === undefined ? {} : { templatesDir: config.site.templates }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(semantic === undefined ? {} : { events: semantic.events, eventsKey: semantic.key, audits: new Map(semantic.audits) }),
    compliance: await sitePagesOfCompliance(config, options.cwd, linked.compiled, history, revision),
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
            changedKeys: linked.changedKeys,
          },
        }),
  });
  // The stamps and the link are kept only with the page state they go with: the next rebuild takes the
  // link's changed lookups as what changed since the pages that state describes.
  if (
    pageStateFile !== undefined &&
    built.pageState !== undefined &&
    writeCacheFile(pageStateFile, CACHE_FORMATS.pageState, cacheEnvironment(), built.pageState)
  ) {
    linked.keep?.();
    if (keptCacheDir !== undefined) pruneSiteCacheSets(keptCacheDir);
  }
  return built;
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
