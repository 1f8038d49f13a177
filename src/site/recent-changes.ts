// The home page's "Recent changes": the newest commits of the semantic history, each with what it
// changed (the events changes.html lists), a few of them and a link to the rest.

import type { CatalogReader } from '../catalog/catalog.js';
import { commitLinker, type Commit, type History } from '../git/history.js';
import { eventEntity, ownEntityLinker } from './changes.js';
import { messageParts, type MessagePart } from './markdown.js';
import type { EventLog } from './event-log.js';
import { pagePathOf } from './pagination.js';

/** Commits the home page lists. */
export const RECENT_COMMITS = 15;
/** Changes a commit shows on the home page; the rest are on changes.html. */
export const RECENT_PREVIEW = 8;

/** One change of a recent commit, as the home page shows it. */
export interface RecentChange {
  level: string;
  message: string;
  /** The message as the page shows it: inline Markdown, the entity linked where it is named. */
  parts: MessagePart[];
  change: string;
  /** The entity's page, when it still exists. */
  path: string | undefined;
  /** The entity's identity, when its page exists and the message does not name it. */
  unnamed: string | undefined;
}

/** A recent commit and what it changed; `more` when it changed more than the home page shows. */
export interface RecentCommit {
  sha: string;
  shortSha: string;
  subject: string;
  author: string;
  date: string;
  day: string;
  url: string | undefined;
  changes: RecentChange[];
  more: { count: number; path: string } | undefined;
}

/** Where the changes pages are: their base path and how many events a page holds. */
export interface ChangesPages {
  basePath: string;
  pageSize: number;
}

/**
 * The newest commits of the semantic history with their changes, newest first. Without one (no
 * history read, as for a catalog too large), the newest commits that touched metadata, without
 * changes: which entities a commit touched is what it changed, not what its files hold today.
 */
export function recentChanges(catalog: CatalogReader, events: EventLog | undefined, history: History, pages: ChangesPages): RecentCommit[] {
  const url = commitLinker(history.webUrl);
  if (events === undefined)
    return history.recent.slice(0, RECENT_COMMITS).map((commit) => ({ ...commitFields(commit, url), changes: [], more: undefined }));
  const subjects = new Map(history.recent.map((commit) => [commit.sha, commit.subject]));
  return events.newestCommits(RECENT_COMMITS).map(({ start, end }) => {
    const shown = events.between(start, Math.min(end, start + RECENT_PREVIEW));
    const first = shown[0];
    const commit = { sha: first?.commit ?? '', author: first?.author ?? '', date: first?.date ?? '' };
    return {
      // A merge's subject is not among the commits that touched files; its changes are.
      ...commitFields({ ...commit, subject: subjects.get(commit.sha) ?? '' }, url),
      changes: shown.map((event) => {
        const { path } = eventEntity(catalog, event.entity);
        const parts = messageParts(event.message, ownEntityLinker(event.entity, path));
        return {
          level: event.level,
          message: event.message,
          parts,
          change: event.change,
          path,
          // A message that does not name its entity is followed by a link to it.
          unnamed: path !== undefined && !parts.some((part) => part.path !== undefined) ? event.entity : undefined,
        };
      }),
      more:
        end - start > RECENT_PREVIEW
          ? { count: end - start - RECENT_PREVIEW, path: pagePathOf(pages.basePath, start + RECENT_PREVIEW, pages.pageSize) }
          : undefined,
    };
  });
}

function commitFields(
  commit: Pick<Commit, 'sha' | 'subject' | 'author' | 'date'>,
  url: ((sha: string) => string) | undefined,
): Omit<RecentCommit, 'changes' | 'more'> {
  return {
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    subject: commit.subject,
    author: commit.author,
    date: commit.date,
    day: commit.date.slice(0, 10),
    url: url?.(commit.sha),
  };
}
