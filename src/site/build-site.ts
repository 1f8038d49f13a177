// `dossier build`: the static catalog site. Every page is rendered at build time from the view
// models; the browser only fetches search shards. Same input and commit, same bytes.

import { existsSync, statSync } from 'node:fs';
import { ConfigError } from '../ground/errors.js';
import path from 'node:path';
import type { CompileResult } from '../catalog/catalog.js';
import type { CatalogJsonOptions } from '../compile/catalog-json.js';
import { NO_HISTORY, type History } from '../git/history.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { KINDS } from '../model/kinds.js';
import { TIMELINE_PREVIEW } from './changes.js';
import { EntityRows } from './entity-rows.js';
import { entitiesWithPages, entityPages, writeEntityPages } from './entity-pages.js';
import type { EventLog } from './event-log.js';
import { PAGE_GROUPS } from './page-groups.js';
import { fingerprint, type CompliancePage, type SiteInputs } from './page-inputs.js';
import { pageReuse, type PageStateOptions } from './reuse/page-state.js';
import type { StoredPageState } from './reuse/page-state-format.js';
import { PageWriter } from './page-writer.js';
import { SiteOutput } from './site-output.js';
import { SITE_STATE_PATH, siteStateCss } from './site-state.js';
import { templatesFingerprint } from './site-templates.js';
import { historyFlags, kindListPath, PLURAL } from './view-models.js';

export { isBuiltSite, SITE_MARKER } from './previous-site.js';

const PAGE_SIZE = 200;

/** Where the site keeps its logo: `assets/logo.svg` for any `….svg`. */
const logoPath = (logo: string) => `assets/logo${path.extname(logo).toLowerCase()}`;

export interface BuildOptions {
  outDir: string;
  title?: string;
  /** Absolute URL the site is served from, for canonical links; all links stay relative. */
  baseUrl?: string;
  /** A line shown at the foot of every page (`site.footer` in dossier.yaml). */
  footer?: string;
  /** An image shown before the title (`site.logo` in dossier.yaml, an absolute path checked to be in the repository). */
  logo?: string;
  templatesDir?: string;
  history?: History;
  version: string;
  /** Called after each batch of pages, for progress. */
  onProgress?: (done: number, total: number) => void;
  /** catalog.json, published with the site so that other repositories can depend on it: its options. */
  catalogJson?: Pick<CatalogJsonOptions, 'namespaces'>;
  /** The semantic history (`dossier log`), newest first: Timelines, changes.html and changes.atom. */
  events?: EventLog;
  /** What identifies `events` (the semantic history's cache key): with it, a rebuild takes changes.html over when it is the same. */
  eventsKey?: string | undefined;
  /** Each model's audit report (`dossier audit`) as the body of a page, by the model's identity. */
  audits?: ReadonlyMap<string, string>;
  /** Models' documentation under compliance profiles (`dossier compliance`), each the body of a page. */
  compliance?: readonly CompliancePage[];
  /** Where other repositories' files can be browsed (`filesUrl` in dossier.yaml), by repository name. */
  filesUrls?: ReadonlyMap<string, string>;
  /**
   * What identifies each entity's content, and what the previous build kept: with them, a rebuild
   * takes over the pages whose inputs stand, and returns what this one's were built from.
   */
  pageState?: PageStateOptions;
}

/** A built site: files written, where, entities whose pages were taken over, and what a rebuild keeps for the next. */
export interface BuiltSite {
  pages: number;
  outDir: string;
  unchangedEntities: number;
  pageState?: StoredPageState;
}

/** What every page is rendered with or may show, made once from the build's options. */
function siteInputs(result: CompileResult, options: BuildOptions, history: History): SiteInputs {
  return {
    templates: templatesFingerprint(options.templatesDir, options.version),
    layout: {
      title: options.title ?? 'Dossier catalog',
      version: options.version,
      kinds: KINDS.map((kind) => ({ kind, plural: PLURAL[kind], path: `${kindListPath(kind)}.html` })),
      canonical: '',
      hasChanges: (options.events?.length ?? 0) > 0,
      ...(options.footer === undefined ? {} : { footer: options.footer }),
      ...(options.logo === undefined ? {} : { logo: logoPath(options.logo) }),
    },
    baseUrl: options.baseUrl,
    history: historyFlags(history),
    webUrl: history.webUrl,
    filesUrls: options.filesUrls ?? new Map<string, string>(),
    pageSize: PAGE_SIZE,
    timelinePreview: TIMELINE_PREVIEW,
  };
}

export async function buildSite(result: CompileResult, options: BuildOptions): Promise<BuiltSite> {
  const { catalog, diagnostics } = result;
  const history = options.history ?? NO_HISTORY;
  const site = siteInputs(result, options, history);
  const output = new SiteOutput(options.outDir);
  const pages = new PageWriter(output, site, options.templatesDir, catalog.entities.length);
  try {
    const reuse = pageReuse(output, catalog, pages, fingerprint(site) ?? '', options.pageState);
    const rows = new EntityRows(catalog);
    const audits = options.audits ?? new Map<string, string>();
    const compliance = options.compliance ?? [];
    const entities = entitiesWithPages(catalog);
    const pageOf = entityPages(reuse.reader, site, { diagnostics, history, events: options.events, audits, compliance, rows });
    entities.forEach((entity, index) => {
      const page = pageOf(entity);
      reuse.entity(page, () => {
        writeEntityPages(page, pages);
      });
      if (index % 500 === 499) options.onProgress?.(index + 1, entities.length);
    });
    reuse.entitiesDone();

    const listings = rows.listings((identity) => reuse.listingOf(identity));
    const sources = { result, history, events: options.events, eventsKey: options.eventsKey, audits, compliance, site, listings, reuse };
    for (const group of PAGE_GROUPS) group.write(sources, reuse, pages);
    if (options.catalogJson !== undefined) output.writeChunks('catalog.json', reuse.catalogJson(catalog, diagnostics, options.catalogJson));
    output.copyFolder(path.join(TEMPLATES_DIR, 'site', 'assets'), 'assets');
    if (options.templatesDir && existsSync(path.join(options.templatesDir, 'assets')))
      output.copyFolder(path.join(options.templatesDir, 'assets'), 'assets', options.templatesDir);
    output.write(SITE_STATE_PATH, siteStateCss({ problems: diagnostics.length, commit: history.recent[0]?.shortSha ?? '' }));
    if (options.logo !== undefined) {
      if (!existsSync(options.logo) || !statSync(options.logo).isFile())
        throw new ConfigError('site-logo', `site.logo: ${options.logo} is not a file; give the path of an image inside the repository.`);
      output.copyFile(options.logo, logoPath(options.logo));
    }
    await pages.close();
    output.commit();
    if (options.catalogJson !== undefined) reuse.catalogPlaced();
    return { pages: output.count, outDir: output.outDir, ...reuse.finish() };
  } catch (error) {
    const cause = await pages.discard(error);
    output.discard();
    throw cause;
  }
}
