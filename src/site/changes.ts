// The metadata's semantic history on the site: a Timeline per entity, the repository-wide
// changes.html (paginated, filterable by kind and change id) and an Atom feed to subscribe to.

import type { CatalogReader } from '../catalog/catalog.js';
import { groupBy } from '../ground/collections.js';
import { entityPath } from './urls.js';
import { filterOptions } from './view-models.js';
import { commitLinker } from '../git/history.js';
import { escapeXml } from './svg.js';
import { messageParts, type MessageLinker, type MessagePart } from './markdown.js';

/** Events shown on an entity page; the rest are on a page of their own. */
export const TIMELINE_PREVIEW = 20;
const FEED_COMMITS = 50;

/** What the site needs of an event of the semantic history (`dossier log`'s events fit). */
export interface SiteEvent {
  commit: string;
  date: string;
  author: string;
  entity: string;
  change: string;
  level: 'breaking' | 'warning' | 'info';
  message: string;
}

export interface EventView extends SiteEvent {
  day: string;
  shortSha: string;
  commitUrl: string | undefined;
  kind: string;
  /** The entity's page, when it still exists. */
  path: string | undefined;
  label: string;
  /** The message as the page shows it: inline Markdown, the event's entity linked where it is named. */
  parts: MessagePart[];
  /** The first event of its commit (events are grouped by commit: date, commit and author shown once). */
  newCommit: boolean;
}

/** Links the code spans that name the event's own entity (its identity, or its name with the version) to its page. */
export function ownEntityLinker(identity: string, path: string | undefined): MessageLinker {
  const label = identity.slice(identity.indexOf('/') + 1);
  return (code) => (path !== undefined && (code === identity || code === label) ? path : undefined);
}

export function eventViews(catalog: CatalogReader, events: readonly SiteEvent[], webUrl: string | undefined): EventView[] {
  const commitUrl = commitLinker(webUrl);
  return events.map((event, index) => {
    const { kind, path } = eventEntity(catalog, event.entity);
    // Fields named rather than spread: ten thousand events a site, and a spread copies slowly.
    return {
      commit: event.commit,
      date: event.date,
      author: event.author,
      entity: event.entity,
      change: event.change,
      level: event.level,
      message: event.message,
      day: event.date.slice(0, 10),
      shortSha: event.commit.slice(0, 7),
      commitUrl: commitUrl?.(event.commit),
      kind,
      path,
      label: event.entity,
      parts: messageParts(event.message, ownEntityLinker(event.entity, path)),
      newCommit: index === 0 || events[index - 1]?.commit !== event.commit,
    };
  });
}

/** What an event shows of its entity: its kind, and its page while it exists. */
export function eventEntity(catalog: CatalogReader, identity: string): { kind: string; path: string | undefined } {
  const entity = catalog.get(identity);
  return {
    kind: entity?.kind ?? identity.slice(0, Math.max(0, identity.indexOf(':'))),
    path: entity === undefined ? undefined : entityPath(entity),
  };
}

/** Filters a changes page offers: kind and change id, among its events. */
export function changeFilters(events: readonly EventView[]) {
  return [
    { label: 'Kind', field: 'kind', options: filterOptions(events.map((e) => e.kind)) },
    { label: 'Change', field: 'change', options: filterOptions(events.map((e) => e.change)) },
  ].filter((f) => f.options.length > 1);
}

/** An Atom 1.0 feed: one entry per commit, newest first. */
export function atomFeed(events: readonly EventView[], options: { title: string; baseUrl: string | undefined }): string {
  const commits = [...groupBy(events, (event) => event.commit).values()].slice(0, FEED_COMMITS);
  const updated = events[0]?.date ?? '1970-01-01T00:00:00Z';
  const site = options.baseUrl?.replace(/\/?$/, '/');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(`${options.title}: metadata changes`)}</title>`,
    `  <id>${escapeXml(site === undefined ? 'urn:dossier:changes' : `${site}changes.atom`)}</id>`,
    `  <updated>${escapeXml(new Date(updated).toISOString())}</updated>`,
    ...(site === undefined
      ? []
      : [
          `  <link rel="self" href="${escapeXml(`${site}changes.atom`)}"/>`,
          `  <link rel="alternate" href="${escapeXml(`${site}changes.html`)}"/>`,
        ]),
    '  <generator>Dossier</generator>',
  ];
  for (const group of commits) {
    const first = group[0] as EventView;
    const summary = `${group.length} metadata change${group.length === 1 ? '' : 's'} in ${first.shortSha}`;
    lines.push(
      '  <entry>',
      `    <id>urn:dossier:commit:${escapeXml(first.commit)}</id>`,
      `    <title>${escapeXml(`${summary}: ${first.message}`)}</title>`,
      `    <updated>${escapeXml(new Date(first.date).toISOString())}</updated>`,
      `    <author><name>${escapeXml(first.author || 'unknown')}</name></author>`,
      ...(first.commitUrl === undefined ? [] : [`    <link rel="alternate" href="${escapeXml(first.commitUrl)}"/>`]),
      `    <content type="text">${escapeXml(group.map((event) => `${event.level}: ${event.message} (${event.change})`).join('\n'))}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
