// The site's pages besides the entities', declared as data: each group names the one value it is
// made from (`inputs`, read from the build) and writes its files from that value alone (`write`). A
// rebuild takes a group's files over while the fingerprint of its inputs is the one it kept.

import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import type { History } from '../git/history.js';
import { contentHash } from '../ground/content-hash.js';
import { stableStringify } from '../ground/stable-json.js';
import type { Entity } from '../model/entity.js';
import { atomFeed, eventEntity, eventViews } from './changes.js';
import { EntityRows } from './entity-rows.js';
import type { EventLog } from './event-log.js';
import { entityLists, foreignOwnerLabels, writeChangesPages, writeEntityLists } from './list-pages.js';
import { eachBuild, fingerprint, LazyInput, type CompliancePage, type SiteInputs } from './page-inputs.js';
import type { PageReuse } from './reuse/page-reuse.js';
import type { PageWriter } from './page-writer.js';
import { recentChanges } from './recent-changes.js';
import { buildSearchIndex, searchFacts } from './search-index.js';
import { linkIdentityCodes } from './audit-links.js';
import { auditPath, entityPath, rootPrefix } from './urls.js';
import { homeInputs, homeView, problemsView } from './view-models.js';

/** What the groups' inputs are read from. */
export interface SiteSources {
  result: CompileResult;
  history: History;
  events: EventLog | undefined;
  /** What identifies `events` (the semantic history's cache key), when something does. */
  eventsKey: string | undefined;
  audits: ReadonlyMap<string, string>;
  compliance: readonly CompliancePage[];
  site: SiteInputs;
  rows: EntityRows;
  /** What the entity pages kept or made of each entity's listing and search facts. */
  reuse: Pick<PageReuse, 'listingOf' | 'searchFactsOf'>;
}

/** A group of files made from one value, as it is declared. */
interface PageGroupDeclaration<Inputs> {
  name: string;
  /** The value the group is made from, fingerprinted whole; undefined when the group has nothing to write. */
  inputs: (sources: SiteSources) => Inputs | undefined;
  /** Writes the group's files from its inputs alone. */
  write: (inputs: Inputs, out: PageWriter) => void;
}

/** A declared group, ready to write: its inputs are made, and the reuse writes it or takes the previous build's over. */
export interface PageGroup {
  name: string;
  write: (sources: SiteSources, reuse: PageReuse, out: PageWriter) => void;
}

function group<Inputs>(declared: PageGroupDeclaration<Inputs>): PageGroup {
  return {
    name: declared.name,
    write: (sources, reuse, out) => {
      const inputs = declared.inputs(sources);
      if (inputs === undefined) return;
      reuse.group(declared.name, inputs, () => {
        declared.write(inputs, out);
      });
    },
  };
}

/** The fingerprint of one fingerprint an entity over every entity: the one its pages kept or made, or one made now (`make`). */
function entitiesPrint(catalog: CatalogReader, kept: (identity: string) => string | undefined, make: (entity: Entity) => string): string {
  return contentHash(catalog.entities.map((entity) => `${entity.identity}\0${kept(entity.identity) ?? make(entity)}`).join('\n'));
}

/** What the home page and the lists show of the entities: each one's listing (`EntityRows.listing`). */
const listingsPrint = (sources: SiteSources) => {
  const { catalog } = sources.result;
  return entitiesPrint(
    catalog,
    (identity) => sources.reuse.listingOf(identity),
    (entity) => EntityRows.listing(catalog, entity),
  );
};

/** Each commit's subject the history knows, by sha: the changes pages head each commit's changes with it. */
function commitSubjects(history: History): Record<string, string> {
  const subjects: Record<string, string> = {};
  for (const commit of [...history.recent, ...[...history.byFile.values()].flat()]) subjects[commit.sha] = commit.subject;
  return subjects;
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

const home = group({
  name: 'home',
  inputs: (sources) => {
    const { result, history, site } = sources;
    return {
      site,
      view: new LazyInput(
        () => `${listingsPrint(sources)} ${fingerprint(homeInputs(result, history)) ?? ''}`,
        () => homeView(result, history),
      ),
      // What the commits changed, as the changes pages list them: a few changes a commit, the rest linked there.
      recent: recentChanges(result.catalog, sources.events, history, { basePath: 'changes', pageSize: site.pageSize }),
    };
  },
  write: ({ view, recent }, out) => {
    out.page('index.html', 'Home', 'home', { ...view.value, recent });
  },
});

const auditReports = group({
  name: 'audits',
  inputs: ({ audits, result }) =>
    eachBuild(() =>
      [...audits].map(([model, body]) => {
        const path = auditPath(model);
        const pathOf = (identity: string) => {
          const entity = result.catalog.get(identity);
          return entity === undefined ? undefined : entityPath(entity);
        };
        return {
          path,
          title: `Audit report ${result.catalog.get(model)?.name ?? model}`,
          body: linkIdentityCodes(body, rootPrefix(path), pathOf),
        };
      }),
    ),
  write: (reports, out) => {
    for (const { path, title, body } of reports.value) out.html(path, title, body);
  },
});

const complianceReports = group({
  name: 'compliance',
  inputs: ({ compliance }) => (compliance.length === 0 ? undefined : eachBuild(() => compliance)),
  write: (pages, out) => {
    for (const { path, title, body } of pages.value) out.html(path, title, body);
  },
});

const changes = group({
  name: 'changes',
  inputs: ({ events, eventsKey, result, site, history }) =>
    events === undefined || events.length === 0
      ? undefined
      : {
          site,
          subjects: commitSubjects(history),
          // Made from the events and which of their entities there are now (their kinds and pages).
          events: new LazyInput(
            () => (eventsKey === undefined ? undefined : `${eventsKey} ${eventEntitiesPrint(result.catalog, events)}`),
            () => eventViews(result.catalog, events.all(), site.webUrl),
          ),
        },
  write: ({ site, events, subjects }, out) => {
    const views = events.value;
    writeChangesPages(
      { basePath: 'changes', heading: 'Changes', intro: `${views.length} changes to the metadata, newest first.`, events: views, subjects },
      site.pageSize,
      out,
    );
    out.place('changes.atom', atomFeed(views, { title: site.layout.title, baseUrl: site.baseUrl }));
  },
});

const lists = group({
  name: 'lists',
  inputs: (sources) => ({
    site: sources.site,
    // Made from the listings and the names of owners from other repositories.
    lists: new LazyInput(
      () => `${listingsPrint(sources)} ${fingerprint(foreignOwnerLabels(sources.result.catalog)) ?? ''}`,
      () => entityLists(sources.result.catalog, sources.rows),
    ),
  }),
  write: ({ site, lists }, out) => {
    writeEntityLists(lists.value, site.pageSize, out);
  },
});

const problems = group({
  name: 'problems',
  inputs: ({ result }) => eachBuild(() => problemsView(result.catalog, result.diagnostics)),
  write: (view, out) => {
    out.page('problems.html', 'Problems', 'problems', view.value);
  },
});

/** The search index: made from every entity's search facts, those of entities whose pages were kept not made again. */
const search = group({
  name: 'search',
  inputs: ({ result, reuse }) => {
    const { catalog } = result;
    return new LazyInput(
      () =>
        entitiesPrint(
          catalog,
          (identity) => reuse.searchFactsOf(identity),
          (entity) => contentHash(JSON.stringify(searchFacts(catalog, entity))),
        ),
      () => catalog.entities.map((entity) => searchFacts(catalog, entity)),
    );
  },
  write: (facts, out) => {
    const index = buildSearchIndex(facts.value);
    out.place('search/manifest.json', stableStringify(index.manifest, 0));
    for (const [shardKey, shard] of index.shards) out.place(`search/${shardKey}.json`, JSON.stringify(shard));
  },
});

/** The groups, in the order they are written. */
export const PAGE_GROUPS: readonly PageGroup[] = [home, auditReports, complianceReports, changes, lists, problems, search];
