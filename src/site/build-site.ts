// `dossier build`: the static catalog site. Every page is rendered at build time from the view
// models; the browser only fetches search shards. Same input and commit, same bytes.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import { NO_HISTORY, type History } from '../git/history.js';
import { groupBy } from '../ground/collections.js';
import { compareStrings } from '../ground/diagnostics.js';
import { TEMPLATES_DIR } from '../ground/package-root.js';
import { stableStringify } from '../ground/stable-json.js';
import { displayName } from '../model/entity.js';
import { KINDS } from '../model/kinds.js';
import { atomFeed, changeFilters, eventEntity, eventViews, TIMELINE_PREVIEW, type EventView } from './changes.js';
import type { EventLog } from './event-log.js';
import { paginate } from './pagination.js';
import { recentChanges } from './recent-changes.js';
import { buildSearchIndex, searchFacts } from './search-index.js';
import { SiteOutput } from './site-output.js';
import { loadSiteTemplates, templatesFingerprint } from './site-templates.js';
import { writePage, type PageJob, type TemplateName } from './page-job.js';
import { RenderPool } from './render-pool.js';
import { EntityRows } from './entity-rows.js';
import { ownerOf } from '../catalog/queries.js';
import { contentHash } from '../ground/content-hash.js';
import { pathSegment } from '../ground/path-segment.js';
import { auditPath, entityPath, rootPrefix } from './urls.js';
import { PageState, type EntityKey, type PreviousPageState, type StoredPageState } from './page-state.js';
import { readKeys } from '../engine/read-keys.js';
import { RecordingReader } from '../engine/recording-reader.js';
import { catalogJsonChunks, type CatalogJsonOptions } from '../compile/catalog-json.js';
import type { Entity } from '../model/entity.js';
import {
  entityView,
  filtersFor,
  historyFlags,
  homeInputs,
  homeView,
  kindListPath,
  labelOf,
  PLURAL,
  problemsView,
  tagsOf,
  type OverflowList,
  type Row,
} from './view-models.js';

export { isBuiltSite, SITE_MARKER } from './site-output.js';

const PAGE_SIZE = 200;
const INDEX_PAGE_SIZE = 500;

export interface BuildOptions {
  outDir: string;
  title?: string;
  /** Absolute URL the site is served from, for canonical links; all links stay relative. */
  baseUrl?: string;
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
  /** Where other repositories' files can be browsed (`filesUrl` in dossier.yaml), by repository name. */
  filesUrls?: ReadonlyMap<string, string>;
  /**
   * What identifies each entity's content (its file's content key), and what the previous build
   * kept: with them, a rebuild takes over the pages whose inputs stand, and returns what this one's
   * were built from.
   */
  pageState?: {
    entityKey: EntityKey;
    previous: PreviousPageState | undefined;
    /** The lookups whose answers changed since the previous build, when the link knows them: no other answer is looked at. */
    changedKeys?: ReadonlySet<string> | undefined;
  };
}

/** Renders a template into the layout and writes it at `pagePath`. */
type WritePage = (pagePath: string, title: string, template: TemplateName, context: object) => void;

/**
 * Writes a group of files made from the same inputs (`write` lists those it places; pages are listed
 * as they are written), or takes the previous build's over whole when `key`, what they were made
 * from, is the one it kept. Without a key, the group is written and not kept.
 */
type WriteGroup = (name: string, key: string | undefined, write: (files: [string, string][]) => void) => void;

/** A built site: files written, where, entities whose pages were taken over, and what a rebuild keeps for the next. */
export interface BuiltSite {
  pages: number;
  outDir: string;
  unchangedEntities: number;
  pageState?: StoredPageState;
}

export async function buildSite(result: CompileResult, options: BuildOptions): Promise<BuiltSite> {
  const { catalog, diagnostics } = result;
  const history = options.history ?? NO_HISTORY;
  const templates = loadSiteTemplates(options.templatesDir);
  const output = new SiteOutput(options.outDir);
  const poolAfter = RenderPool.pagesBefore();
  let renderedHere = 0;
  let pool: RenderPool | undefined;
  try {
    const site = {
      title: options.title ?? 'Dossier catalog',
      version: options.version,
      commit: history.recent[0]?.shortSha ?? '',
      problemCount: diagnostics.length,
      kinds: KINDS.map((kind) => ({ kind, plural: PLURAL[kind], path: `${kindListPath(kind)}.html` })),
      canonical: '',
      hasChanges: (options.events?.length ?? 0) > 0,
    };
    // A page is what its template makes of its view: the same view, site and templates give the same bytes.
    const renderInputs = templatesFingerprint(options.templatesDir, options.version);
    const filesUrls = options.filesUrls ?? new Map<string, string>();
    // Kept only by a rebuild: a site built once (CI) pays nothing for recording what it will not reuse.
    const pageState =
      options.pageState === undefined || !output.rebuilding
        ? undefined
        : new PageState(
            options.outDir,
            catalog,
            options.pageState.entityKey,
            JSON.stringify([
              renderInputs,
              site,
              options.baseUrl ?? '',
              historyFlags(history),
              history.webUrl ?? '',
              [...filesUrls],
              PAGE_SIZE,
              TIMELINE_PREVIEW,
            ]),
            options.pageState.previous,
            options.pageState.changedKeys,
          );
    /** The pages written while an entity's are, with the hash of their inputs. */
    let pagesOfEntity: [string, string][] | undefined;
    const writeInLayout = (pagePath: string, title: string, body: PageJob['body']) => {
      const canonical = options.baseUrl ? `${options.baseUrl.replace(/\/?$/, '/')}${pagePath}` : '';
      const pageSite = JSON.stringify({ ...site, canonical });
      const inputs = 'html' in body ? contentHash(body.html) : contentHash(body.template, body.view);
      const hash = contentHash(renderInputs, title, inputs, pageSite);
      pagesOfEntity?.push([pagePath, hash]);
      const file = output.claim(pagePath, hash);
      if (file === undefined) return;
      const job: PageJob = { file, title, root: rootPrefix(pagePath), site: pageSite, body };
      if (pool === undefined && renderedHere++ === poolAfter) pool = RenderPool.start(catalog.entities.length, options.templatesDir);
      if (pool === undefined) writePage(templates, job);
      else pool.render(job);
    };
    const page: WritePage = (pagePath, title, template, context) => {
      writeInLayout(pagePath, title, { template, view: JSON.stringify(context) });
    };
    const writeGroup: WriteGroup = (name, key, write) => {
      const previous = key === undefined ? undefined : pageState?.groupFiles(name, key);
      const takenOver = previous !== undefined && previous.length > 0 && previous.every(([file, hash]) => output.takeOver(file, hash));
      const files = takenOver ? previous : [];
      if (!takenOver) {
        pagesOfEntity = files;
        write(files);
        pagesOfEntity = undefined;
      }
      if (key !== undefined) pageState?.recordGroup(name, { key, files });
    };

    const rows = new EntityRows(catalog);
    const audits = options.audits ?? new Map<string, string>();
    writeEntityPages(result, rows, history, options.events, { audits, filesUrls }, options.onProgress, {
      page,
      state: pageState,
      takeOver: (pages) => pages.every(([pagePath, hash]) => output.takeOver(pagePath, hash)),
      collect: (pages) => (pagesOfEntity = pages),
    });
    pageState?.pagesDone();
    // What the home page and the lists show of the entities: each one's listing, as its page state
    // recorded or kept it (only a rebuild keys them).
    const listings =
      pageState === undefined
        ? undefined
        : entitiesPrint(
            catalog,
            (identity) => pageState.listingOf(identity),
            (e) => EntityRows.listing(catalog, e),
          );
    const groupKey = (...parts: string[]) =>
      listings === undefined ? undefined : contentHash(renderInputs, JSON.stringify(site), options.baseUrl ?? '', listings, ...parts);
    // What the commits changed, as the changes pages list them: a few changes a commit, the rest linked there.
    const recent = recentChanges(catalog, options.events, history, { basePath: 'changes', pageSize: PAGE_SIZE });
    writeGroup('home', groupKey(JSON.stringify(homeInputs(result, history)), JSON.stringify(recent)), () => {
      page('index.html', 'Home', 'home', { ...homeView(result, history), recent });
    });
    for (const [model, body] of audits)
      writeInLayout(auditPath(model), `Audit report ${catalog.get(model)?.name ?? model}`, { html: body });
    const events = options.events;
    if (events !== undefined && events.length > 0) {
      // Made from the events and which of their entities there are now (their kinds and pages): taken over when those are as they were.
      const key =
        pageState === undefined || options.eventsKey === undefined
          ? undefined
          : contentHash(options.eventsKey, renderInputs, JSON.stringify(site), options.baseUrl ?? '', eventEntitiesPrint(catalog, events));
      writeGroup('changes', key, (files) => {
        const views = eventViews(catalog, events.all(), history.webUrl);
        writeChangesPages('changes', 'Changes', `${views.length} changes to the metadata, newest first.`, views, page);
        files.push(['changes.atom', output.place('changes.atom', atomFeed(views, { title: site.title, baseUrl: options.baseUrl }))]);
      });
    }
    // The lists of entities by kind, tag and owner, made from the listings and the owners' names.
    writeGroup('lists', groupKey(JSON.stringify(foreignOwnerLabels(catalog))), () => {
      const allRows = rows.all();
      for (const kind of KINDS) {
        const members = catalog.entities.filter((e) => e.kind === kind).map((e) => allRows.get(e.identity) as Row);
        writeListPages(
          { basePath: kindListPath(kind), heading: PLURAL[kind], intro: `${members.length} ${PLURAL[kind].toLowerCase()}.`, rows: members },
          page,
        );
      }
      writeTagPages(catalog, allRows, page);
      writeOwnerPages(catalog, allRows, page);
    });
    page('problems.html', 'Problems', 'problems', problemsView(catalog, diagnostics));
    writeSearchIndex(catalog, output, pageState === undefined ? undefined : { writeGroup, state: pageState });
    if (options.catalogJson !== undefined) {
      const chunks = catalogJsonChunks<Uint8Array>(catalog, diagnostics, { ...options.catalogJson, ...pageState?.catalogReuse() });
      output.writeChunks('catalog.json', pageState === undefined ? chunks : pageState.catalogJson(chunks));
    }
    output.copyFolder(path.join(TEMPLATES_DIR, 'site', 'assets'), 'assets');
    if (options.templatesDir && existsSync(path.join(options.templatesDir, 'assets')))
      output.copyFolder(path.join(options.templatesDir, 'assets'), 'assets', options.templatesDir);
    await pool?.close();
    output.commit();
    if (options.catalogJson !== undefined) pageState?.catalogPlaced();
    return {
      pages: output.count,
      outDir: output.outDir,
      unchangedEntities: pageState?.unchanged ?? 0,
      ...(pageState === undefined ? {} : { pageState: pageState.state() }),
    };
  } catch (error) {
    const cause = pool === undefined ? error : await pool.discard(error);
    output.discard();
    throw cause;
  }
}

/** How entity pages are written: rendered (`page`), or taken over whole from the previous build when their inputs stand. */
interface EntityPageWriter {
  page: WritePage;
  state: PageState | undefined;
  /** Takes these pages over from the previous build; false when one of them cannot be (then all are built). */
  takeOver: (pages: readonly [string, string][]) => boolean;
  /** Where the pages written next are listed (undefined: nowhere). */
  collect: (pages: [string, string][] | undefined) => void;
}

function writeEntityPages(
  result: CompileResult,
  rows: EntityRows,
  history: History,
  events: EventLog | undefined,
  links: { audits: ReadonlyMap<string, string>; filesUrls: ReadonlyMap<string, string> },
  onProgress: BuildOptions['onProgress'],
  writer: EntityPageWriter,
): void {
  const { catalog } = result;
  const { page, state } = writer;
  const problemsByEntity = groupBy(
    result.diagnostics.filter((d) => d.entity !== undefined),
    (d) => d.entity as string,
  );
  // Other repositories' entities that this one refers to get a page too, so every link holds.
  const referenced = catalog.external.filter((entity) => catalog.incoming(entity.identity).length > 0);
  const entities = referenced.length === 0 ? catalog.entities : [...catalog.entities, ...referenced];
  const total = entities.length;
  // A row shown on a page is that entity and its owner: reading one is reading those.
  // What each entity's pages read of the catalog, recorded when the pages are kept for a rebuild.
  const recorder = state === undefined ? undefined : new RecordingReader(catalog);
  const reader = recorder ?? catalog;
  const rowOf = (identity: string) => {
    reader.get(identity);
    reader.outgoing(identity);
    return rows.get(identity, reader);
  };
  entities.forEach((entity, index) => {
    const problems = problemsByEntity.get(entity.identity) ?? [];
    const audit = links.audits.has(entity.identity) ? { path: auditPath(entity.identity) } : undefined;
    const commits = history.byFile.get(entity.source.file) ?? [];
    // Its events by their fingerprint, with what they show of the entity: the rest of their views is the site's (its web address).
    const eventsPrint = events?.printOf(entity.identity) ?? '';
    const ownInputs =
      state === undefined
        ? ''
        : contentHash(
            JSON.stringify([
              problems,
              eventsPrint,
              eventsPrint === '' ? null : eventEntity(catalog, entity.identity),
              audit,
              commits.map((commit) => commit.sha),
            ]),
          );
    const unchanged = state?.unchangedPages(entity.identity, ownInputs);
    if (unchanged !== undefined && writer.takeOver(unchanged)) state?.keep(entity.identity);
    else {
      const build = () => {
        const own = eventsPrint === '' || events === undefined ? [] : eventViews(reader, events.ofEntity(entity.identity), history.webUrl);
        const overflow: OverflowList[] = [];
        const view = entityView(reader, entity, rowOf, problems, history, overflow, links.filesUrls);
        for (const list of overflow) writeListPages(list, page);
        writeTimeline(entity, own, page);
        const timeline =
          own.length === 0
            ? undefined
            : {
                events: own.slice(0, TIMELINE_PREVIEW),
                more: own.length > TIMELINE_PREVIEW ? { path: `${timelinePathOf(entity)}.html`, count: own.length } : undefined,
              };
        page(entityPath(entity), `${entity.kind} ${labelOf(entity)}`, 'entity', { ...view, timeline, audit });
      };
      if (state === undefined || recorder === undefined) build();
      else {
        const pages: [string, string][] = [];
        writer.collect(pages);
        let factsPrint = '';
        let listing = '';
        const { reads } = recorder.record(() => {
          build();
          factsPrint = searchFactsPrint(reader, entity);
          listing = EntityRows.listing(reader, entity);
        });
        writer.collect(undefined);
        // The entity itself and its relations, read from the entity object rather than looked up.
        // With the version group, that is also all the entity's text in catalog.json shows.
        reads
          .add(readKeys.entity(entity.identity))
          .add(readKeys.outgoing(entity.identity))
          .add(readKeys.incoming(entity.identity))
          .add(readKeys.group(entity.groupKey));
        state.record(entity.identity, ownInputs, reads, pages, { searchFacts: factsPrint, listing });
      }
    }
    if (index % 500 === 499) onProgress?.(index + 1, total);
  });
}

const timelinePathOf = (entity: Entity) => `timeline/${entity.kindSlug}/${entity.namespace}/${pathSegment(labelOf(entity))}`;

/** An entity's changes beyond those its page shows, in pages of their own. */
function writeTimeline(entity: Entity, own: readonly EventView[], page: WritePage): void {
  if (own.length <= TIMELINE_PREVIEW) return;
  writeChangesPages(
    timelinePathOf(entity),
    `Timeline: ${labelOf(entity)}`,
    `${own.length} changes to ${entity.identity}, newest first.`,
    own,
    page,
  );
}

/** What the changes pages show of the events' entities: each one's kind and page, event by event. */
function eventEntitiesPrint(catalog: CatalogReader, events: EventLog): string {
  const shown = new Map<string, string>();
  const lines: string[] = [];
  for (let row = 0; row < events.length; row++) {
    const identity = events.entityAt(row);
    let line = shown.get(identity);
    if (line === undefined) {
      const { kind, path } = eventEntity(catalog, identity);
      shown.set(identity, (line = `${kind}\0${path ?? ''}`));
    }
    lines.push(line);
  }
  return contentHash(lines.join('\n'));
}

function writeChangesPages(basePath: string, heading: string, intro: string, events: readonly EventView[], page: WritePage): void {
  for (const changesPage of paginate(basePath, heading, events, PAGE_SIZE)) {
    page(changesPage.path, changesPage.title, 'changes', {
      heading: changesPage.heading,
      intro,
      events: changesPage.items,
      filters: changeFilters(changesPage.items),
      pages: changesPage.pages,
    });
  }
}

function writeListPages(list: OverflowList, page: WritePage): void {
  for (const listPage of paginate(list.basePath, list.heading, list.rows, PAGE_SIZE)) {
    page(listPage.path, listPage.title, 'list', {
      heading: listPage.heading,
      intro: list.intro,
      rows: listPage.items,
      filters: filtersFor(listPage.items),
      pages: listPage.pages,
    });
  }
}

/** `tags.html`, `owners.html` ...: index lists in pages small enough to load at 100k entities. */
function writeIndexPages(
  basePath: string,
  heading: string,
  column: string,
  items: readonly { label: string; path: string; count: number }[],
  page: WritePage,
): void {
  for (const indexPage of paginate(basePath, heading, items, INDEX_PAGE_SIZE)) {
    page(indexPage.path, indexPage.title, 'index-list', {
      heading: indexPage.heading,
      column,
      items: indexPage.items,
      pages: indexPage.pages,
    });
  }
}

function writeTagPages(catalog: CatalogReader, rows: ReadonlyMap<string, Row>, page: WritePage): void {
  const byTag = groupBy(
    catalog.entities.flatMap((e) => tagsOf(e).map((tag) => ({ tag, row: rows.get(e.identity) as Row }))),
    (x) => x.tag,
  );
  const tags = [...byTag.keys()].sort(compareStrings);
  for (const tag of tags) {
    const rowsOfTag = (byTag.get(tag) ?? []).map((x) => x.row);
    writeListPages({ basePath: `tags/${pathSegment(tag)}`, heading: `#${tag}`, intro: `Entities tagged ${tag}.`, rows: rowsOfTag }, page);
  }
  writeIndexPages(
    'tags',
    'Tags',
    'Tag',
    tags.map((tag) => ({ label: `#${tag}`, path: `tags/${pathSegment(tag)}.html`, count: byTag.get(tag)?.length ?? 0 })),
    page,
  );
}

/** An owner as its list names it: the team's name, or the reference when there is no such team. */
function ownerLabel(catalog: CatalogReader, owner: string): string {
  const team = catalog.get(owner);
  return team ? displayName(team) : owner;
}

/**
 * The names of owners from other repositories, as the lists of what they own are headed: a local
 * team's name is in its own listing (the entity `catalog.get` answers with, as rows are made).
 */
function foreignOwnerLabels(catalog: CatalogReader): [string, string][] {
  const owners = new Set(catalog.entities.map((e) => ownerOf(catalog, e)));
  return [...owners].flatMap((owner) =>
    owner === undefined || catalog.get(owner)?.origin === undefined ? [] : [[owner, ownerLabel(catalog, owner)]],
  );
}

function writeOwnerPages(catalog: CatalogReader, rows: ReadonlyMap<string, Row>, page: WritePage): void {
  const byOwner = groupBy(
    [...rows.values()].filter((r) => r.owner !== ''),
    (r) => r.owner,
  );
  const owners = [...byOwner.keys()].sort(compareStrings);
  const items = owners.map((owner) => {
    const label = ownerLabel(catalog, owner);
    const basePath = `owners/${pathSegment(owner.replace(':', '-').replace('/', '-'))}`;
    const owned = byOwner.get(owner) ?? [];
    writeListPages({ basePath, heading: `Owned by ${label}`, intro: `${owned.length} entities owned by ${owner}.`, rows: owned }, page);
    return { label, path: `${basePath}.html`, count: owned.length };
  });
  writeIndexPages('owners', 'Owners', 'Owner', items, page);
}

/**
 * The search index. A rebuild (`writeGroup`) takes the previous one over when every entity's search
 * facts are as they were: as the page state has their fingerprints (an entity's facts come from what
 * its pages read), those of entities whose pages were kept are not made again.
 */
function writeSearchIndex(
  catalog: CatalogReader,
  output: SiteOutput,
  rebuild: { writeGroup: WriteGroup; state: PageState } | undefined,
): void {
  const write = (files: [string, string][]) => {
    const index = buildSearchIndex(catalog.entities.map((entity) => searchFacts(catalog, entity)));
    files.push(['search/manifest.json', output.place('search/manifest.json', stableStringify(index.manifest, 0))]);
    for (const [shardKey, shard] of index.shards) {
      const file = `search/${shardKey}.json`;
      files.push([file, output.place(file, JSON.stringify(shard))]);
    }
  };
  if (rebuild === undefined) {
    write([]);
    return;
  }
  const key = entitiesPrint(
    catalog,
    (identity) => rebuild.state.searchFactsOf(identity),
    (entity) => searchFactsPrint(catalog, entity),
  );
  rebuild.writeGroup('search', key, write);
}

/** The fingerprint of one fingerprint an entity over every entity: the one its page state kept, or one made now (`make`). */
function entitiesPrint(catalog: CatalogReader, kept: (identity: string) => string | undefined, make: (entity: Entity) => string): string {
  return contentHash(catalog.entities.map((entity) => `${entity.identity}\0${kept(entity.identity) ?? make(entity)}`).join('\n'));
}

const searchFactsPrint = (catalog: CatalogReader, entity: Entity) => contentHash(JSON.stringify(searchFacts(catalog, entity)));
