// Build the catalog site of a repository: compile it, read its git history, render every page.

import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { commitLinker, readHistory, type History } from '../git/history.js';
import { catalogJsonChunks } from '../compile/catalog-json.js';
import { buildSite } from '../site/build-site.js';
import { compileSources, linkAnalysis } from '../compile/compile-sources.js';
import { readProjectFiles } from '../source/project-files.js';
import { compileInput, loadProjectContext, readFilesAt, type CompileOptions, type ProjectContext } from './compile-project.js';
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
}

export async function buildProjectSite(options: BuildProjectSiteOptions): Promise<BuiltProjectSite> {
  const { config, cwd } = options;
  options.onStage?.('compiling');
  // One context for the compile and the history, loaded when first needed: catalogs are fetched once.
  let context: ProjectContext | undefined;
  const contextOnce = async () => (context ??= await loadProjectContext(config, cwd, options.fetch));
  const past = options.at === undefined ? undefined : await readFilesAt(config, cwd, options.at);
  // The working tree is analysed file by file, so that reading history reuses every unchanged file.
  let analyzed: AnalyzedFiles | undefined;
  let compiled: CompileResult;
  if (past !== undefined) compiled = compileSources(compileInput(await contextOnce(), past.files));
  else if (options.compiled !== undefined) compiled = options.compiled;
  else {
    const files = readProjectFiles(config, cwd);
    const workingTree = analyzeWorkingTree(files.sources);
    analyzed = workingTree.files;
    compiled = linkAnalysis(compileInput(await contextOnce(), files), workingTree.analysis);
  }
  options.onStage?.('reading history');
  const history = await readHistory(config.rootDir, cwd, past?.revision.sha);
  // The semantic history of the last commits feeds the Timelines, changes.html and the Atom feed.
  const timelineCommits = history.available ? (options.timelineCommits ?? siteHistoryCommits(compiled.catalog.entities.length)) : 0;
  // Every model's audit report rides on the same walk: no commit is compiled twice.
  const audits = compiled.catalog.entities
    .filter((e) => e.kind === 'Model' && e.origin === undefined)
    .map((e) => new ModelAudit(e.identity));
  const log =
    timelineCommits > 0
      ? await logProject({
          cwd,
          config,
          rev: past?.revision.sha,
          maxCount: timelineCommits,
          context: await contextOnce(),
          observe: auditsObserver(audits),
          ...(analyzed === undefined ? {} : { analyzed }),
        })
      : undefined;
  // The working tree's texts were kept for the walk; the pages need none of them.
  analyzed = undefined;
  const commitUrl = commitLinker(history.webUrl);
  const auditPages = new Map(
    log === undefined
      ? []
      : audits.map((audit) => {
          const page = auditPath(audit.model);
          const modelHref = `${rootPrefix(page)}${pathOfIdentity(audit.model)}`;
          return [audit.model, renderAuditHtmlBody(audit.report(), { commitUrl, modelHref })] as const;
        }),
  );
  options.onStage?.('rendering');
  const title = options.title ?? config.site.title;
  const built = await buildSite(compiled, {
    outDir: path.resolve(cwd, options.outDir),
    history,
    version: options.version,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(title === undefined ? {} : { title }),
    ...(config.site.templates === undefined ? {} : { templatesDir: config.site.templates }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(log === undefined ? {} : { events: log.events, audits: auditPages }),
    filesUrls: new Map(
      [...config.sources, ...config.dependencies].flatMap((source) =>
        source.filesUrl === undefined ? [] : [[source.name, source.filesUrl]],
      ),
    ),
    catalogJson: catalogJsonChunks(compiled.catalog, compiled.diagnostics, { namespaces: config.namespaces }),
  });
  return { compiled, history, timelineCommits, pages: built.pages, outDir: built.outDir };
}
