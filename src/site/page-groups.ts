// The site's pages besides the entities', declared as data: each group names the one value it is
// made from (`inputs`, read from the build) and writes its files from that value alone (`write`). A
// rebuild takes a group's files over while the fingerprint of its inputs is the one it kept. The
// lists are the one group written out by hand: it is made of a group per list, each with inputs of
// its own.

import type { CatalogReader, CompileResult } from '../catalog/catalog.js';
import type { History } from '../git/history.js';
import { contentHash, contentHashOfEach } from '../ground/content-hash.js';
import { countDiagnostics } from '../ground/diagnostics.js';
import { displayName, type Entity } from '../model/entity.js';
import { atomFeed, eventEntity, eventViews } from './changes.js';
import type { EntityListings } from './entity-rows.js';
import type { EventLog } from './event-log.js';
import { entityLists, writeChangesPages, writeIndexPages, writeListPages } from './list-pages.js';
import { eachBuild, fingerprint, LazyInput, type CompliancePage, type SiteInputs } from './page-inputs.js';
import type { GroupKept, PageReuse } from './reuse/page-reuse.js';
import type { PageWriter } from './page-writer.js';
import { recentChanges } from './recent-changes.js';
import { keptSearchFacts, searchFacts } from './search-index.js';
import { writeSearchIndex, type SearchFactsTexts } from './reuse/kept-search-index.js';
import { linkIdentityCodes } from './audit-links.js';
import { auditPath, entityPath, rootPrefix } from './urls.js';
import { historyFlags, homeView, problemsView } from './view-models.js';

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
  /** Every entity's listing, in the catalog's order: what the home page and the lists show of it. */
  listings: EntityListings;
  /** What the entity pages kept or made of each entity's search facts. */
  reuse: Pick<PageReuse, 'searchFactsOf'>;
}

/** A group of files made from one value, as it is declared. */
interface PageGroupDeclaration<Inputs> {
  name: string;
  /** The value the group is made from, fingerprinted whole; undefined when the group has nothing to write. */
  inputs: (sources: SiteSources) => Inputs | undefined;
  /** Writes the group's files from its inputs alone (and what it kept the last time); returns what to keep for the next. */
  write: (inputs: Inputs, out: PageWriter, kept: GroupKept) => unknown;
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
      reuse.group(declared.name, inputs, (kept) => declared.write(inputs, out, kept));
    },
  };
}

/** The fingerprint of texts or prints of entities, each with its identity. */
const textsPrint = (texts: readonly (readonly [string, string])[]) => contentHashOfEach(texts.flat());

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
    const { result, history, site, listings } = sources;
    return {
      site,
      // Counted from the listings' facets, the files and problems, with whether there is history;
      // identified by the listings' fingerprint, so that a rebuild whose listings stand reads no facets.
      view: new LazyInput(
        () =>
          `${listings.print()} ${
            fingerprint([result.fileCount, result.diagnostics.length, countDiagnostics(result.diagnostics), historyFlags(history)]) ?? ''
          }`,
        () => homeView(listings.facets(), result, history),
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

/** The names of teams from other repositories: the lists of what they own are headed with them. */
const foreignTeamNames = (catalog: CatalogReader) =>
  catalog.external.flatMap((entity) => (entity.kind === 'Team' ? [[entity.identity, displayName(entity)]] : []));

/**
 * The lists of entities (by kind, tag and owner) and the indexes of tags and owners. They are taken
 * over together while every listing stands; otherwise each list is a group of its own (`lists/…`),
 * made again only when one of its rows changed.
 */
const lists: PageGroup = {
  name: 'lists',
  write: ({ result, site, listings }, reuse, out) => {
    const all = new LazyInput(
      () => `${listings.print()} ${fingerprint(foreignTeamNames(result.catalog)) ?? ''}`,
      () => listings.facets(),
    );
    reuse.group('lists', { site, all }, () => {
      // Placed by their facets; only the lists made again read their members' whole listings.
      const { lists: entityListsMade, indexes } = entityLists(result.catalog, all.value);
      for (const { members, ...shown } of entityListsMade) {
        const rows = new LazyInput(
          () => textsPrint(members.map((identity) => [identity, listings.printOf(identity)])),
          () => members.map((identity) => listings.listingOf(identity).row),
        );
        reuse.group(`lists/${shown.basePath}`, { site, list: { ...shown, rows } }, () => {
          writeListPages({ ...shown, rows: rows.value }, site.pageSize, out);
        });
      }
      for (const index of indexes)
        reuse.group(`lists/index ${index.basePath}`, { site, index }, () => {
          writeIndexPages(index, out);
        });
    });
  },
};

const problems = group({
  name: 'problems',
  inputs: ({ result }) => eachBuild(() => problemsView(result.catalog, result.diagnostics)),
  write: (view, out) => {
    out.page('problems.html', 'Problems', 'problems', view.value);
  },
});

/**
 * The search index: made from every entity's search facts, those of entities whose pages were kept
 * read from their text; a rebuild makes it from the one the last build kept, where a few entities changed.
 */
const search = group({
  name: 'search',
  inputs: ({ result, reuse }) => {
    const { catalog } = result;
    const { entities } = catalog;
    const keptText = (entity: Entity) => reuse.searchFactsOf(entity.identity);
    // The texts are made only for a rebuild, which compares and keeps them: a build that keeps
    // nothing makes each entity's facts once, and no text of them.
    let texts: string[] | undefined;
    const textsOfEntities = () => (texts ??= entities.map((entity) => keptText(entity) ?? JSON.stringify(searchFacts(catalog, entity))));
    return new LazyInput(
      () => textsPrint(entities.map((entity, index) => [entity.identity, textsOfEntities()[index] as string])),
      (): SearchFactsTexts => ({
        identities: entities.map((entity) => entity.identity),
        get texts() {
          return textsOfEntities();
        },
        facts: (index) => {
          const entity = entities[index] as Entity;
          const text = keptText(entity);
          return (text === undefined ? undefined : keptSearchFacts(text)) ?? searchFacts(catalog, entity);
        },
      }),
    );
  },
  write: (facts, out, { previous, keeping }) =>
    writeSearchIndex(facts.value, previous, keeping, {
      place: (path, content) => out.place(path, content),
      takeOver: (files) => out.takeOver(files),
    }),
});

/** The groups, in the order they are written. */
export const PAGE_GROUPS: readonly PageGroup[] = [home, auditReports, complianceReports, changes, lists, problems, search];
