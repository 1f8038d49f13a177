// An entity's pages: its page, the lists of relations too long for it, and its timeline beyond the
// changes its page shows. Their inputs are made here, once for each entity, as one `EntityPage`;
// the pages are made from nothing else.

import type { CatalogReader } from '../catalog/catalog.js';
import type { History } from '../git/history.js';
import { groupBy } from '../ground/collections.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import type { Entity } from '../model/entity.js';
import { eventEntity, eventViews, type EventView } from './changes.js';
import type { EntityRows } from './entity-rows.js';
import type { EventLog } from './event-log.js';
import { lineageJson, lineageJsonPath } from './lineage.js';
import { writeChangesPages, writeListPages } from './list-pages.js';
import { EntityPage, LazyInput, type CompliancePage, type SiteInputs } from './page-inputs.js';
import type { PageWriter } from './page-writer.js';
import { auditPath, entityPath, entityPlace } from './urls.js';
import { entityView, labelOf, type OverflowList } from './view-models.js';

/** What entity pages are made from, besides the catalog and the site's inputs. */
export interface EntitySources {
  diagnostics: readonly Diagnostic[];
  history: History;
  events: EventLog | undefined;
  audits: ReadonlyMap<string, string>;
  compliance: readonly CompliancePage[];
  rows: EntityRows;
}

/** The entities that get a page: the catalog's, and other repositories' that it refers to, so that every link holds. */
export function entitiesWithPages(catalog: CatalogReader): readonly Entity[] {
  const referenced = catalog.external.filter((entity) => catalog.incoming(entity.identity).length > 0);
  return referenced.length === 0 ? catalog.entities : [...catalog.entities, ...referenced];
}

/** Makes each entity's `EntityPage`, reading the catalog through `catalog` (the reader the pages record with). */
export function entityPages(catalog: CatalogReader, site: SiteInputs, sources: EntitySources): (entity: Entity) => EntityPage {
  const { history, events, audits, rows } = sources;
  const complianceOf = groupBy(sources.compliance, (page) => page.model);
  const problemsByEntity = groupBy(
    sources.diagnostics.filter((d) => d.entity !== undefined),
    (d) => d.entity as string,
  );
  return (entity) => {
    const { identity } = entity;
    const commits = history.byFile.get(entity.source.file) ?? [];
    // Its events by their fingerprint, with what they show of the entity: the rest of their views is the site's (its web address).
    const eventsPrint = events?.printOf(identity) ?? '';
    return new EntityPage(
      entity,
      catalog,
      site,
      {
        problems: problemsByEntity.get(identity) ?? [],
        commits: new LazyInput(
          () => commits.map((commit) => commit.sha).join(' '),
          () => commits,
        ),
        events: new LazyInput(
          () => (eventsPrint === '' ? '' : `${eventsPrint} ${JSON.stringify(eventEntity(catalog, identity))}`),
          () => (eventsPrint === '' || events === undefined ? [] : eventViews(catalog, events.ofEntity(identity), site.webUrl)),
        ),
        audit: audits.has(identity) ? { path: auditPath(identity) } : undefined,
        compliance: (complianceOf.get(identity) ?? []).map(({ title, path }) => ({ title, path })),
      },
      rows,
    );
  };
}

const timelinePathOf = (entity: Entity) => `timeline/${entityPlace(entity)}`;

/** Writes an entity's pages, made from `page` alone. */
export function writeEntityPages(page: EntityPage, out: PageWriter): void {
  const { entity, site } = page;
  const own = page.own.events.value;
  const overflow: OverflowList[] = [];
  const view = entityView(page, overflow);
  for (const list of overflow) writeListPages(list, site.pageSize, out);
  writeTimeline(entity, own, site, out);
  const timeline =
    own.length === 0
      ? undefined
      : {
          events: own.slice(0, site.timelinePreview),
          more: own.length > site.timelinePreview ? { path: `${timelinePathOf(entity)}.html`, count: own.length } : undefined,
        };
  out.page(entityPath(entity), `${entity.kind} ${labelOf(entity)}`, 'entity', {
    ...view,
    timeline,
    audit: page.own.audit,
    compliance: page.own.compliance,
  });
  // Its neighbours, for the lineage explorers of other pages to expand it: read through the page's reader, like the page.
  const neighbours = lineageJson(page.catalog, entity);
  if (neighbours !== undefined) out.place(lineageJsonPath(entity.identity), neighbours);
}

/** An entity's changes beyond those its page shows, in pages of their own. */
function writeTimeline(entity: Entity, own: readonly EventView[], site: SiteInputs, out: PageWriter): void {
  if (own.length <= site.timelinePreview) return;
  writeChangesPages(
    {
      basePath: timelinePathOf(entity),
      heading: `Timeline: ${labelOf(entity)}`,
      intro: `${own.length} changes to ${entity.identity}, newest first.`,
      events: own,
    },
    site.pageSize,
    out,
  );
}
