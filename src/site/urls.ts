// Where each page lives in the site. Every link is relative, so the site works under any base path.

import { contentHash } from '../ground/content-hash.js';
import { pathSegment } from '../ground/path-segment.js';
import type { Entity } from '../model/entity.js';

/** Where an entity's own files go below a folder of the site: `model/default/x`, `modelversion/default/x@2`. */
export function entityPlace(entity: Pick<Entity, 'kindSlug' | 'namespace' | 'name' | 'version'>): string {
  return `${entity.kindSlug}/${entity.namespace}/${entity.name}${entity.version === undefined ? '' : `@${entity.version}`}`;
}

export function entityPath(entity: Pick<Entity, 'kindSlug' | 'namespace' | 'name' | 'version'>): string {
  return `entity/${entityPlace(entity)}.html`;
}

/** The entity's place (`entityPlace`) from its identity: `model/default/x` from `model:default/x`. */
function placeOfIdentity(identity: string): string {
  const colon = identity.indexOf(':');
  return `${identity.slice(0, colon)}/${identity.slice(colon + 1)}`;
}

/** `entity/model/default/x.html` from `model:default/x`, as the search script computes it too. */
export function pathOfIdentity(identity: string): string {
  return `entity/${placeOfIdentity(identity)}.html`;
}

/** Tags are slugs, but an entity that failed its schema may carry any text as a tag. */
const SLUG = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * The list of a tag: `tags/<tag>`. A tag that is not a slug gets a safe, lowercase segment and a
 * hash of the tag after a `~` (which no slug has), so that two tags never share a list, not even
 * on a file system that ignores case, and no segment is too long for one.
 */
export function tagListPath(tag: string): string {
  if (SLUG.test(tag) && pathSegment(tag) === tag) return `tags/${tag}`;
  return `tags/${pathSegment(tag).toLowerCase().slice(0, 60)}~${contentHash(tag).slice(0, 16)}`;
}

/** The list of what a team owns: `owners/team/<namespace>/<name>`, placed as the team's own page is. */
export function ownerListPath(owner: string): string {
  return `owners/${placeOfIdentity(owner)}`;
}

/** The prefix that leads from a page back to the site root: `../../` for `a/b/c.html`. */
export function rootPrefix(pagePath: string): string {
  const depth = pagePath.split('/').length - 1;
  return depth === 0 ? './' : '../'.repeat(depth);
}

/** The audit report of a model: `audit/<namespace>/<name>.html`, from `model:<namespace>/<name>`. */
export function auditPath(modelIdentity: string): string {
  return `audit/${modelIdentity.slice(modelIdentity.indexOf(':') + 1)}.html`;
}

/** A model's documentation under a compliance profile: `compliance/<profile>/<namespace>/<name>.html`. */
export function compliancePath(modelIdentity: string, profile: string): string {
  return `compliance/${profile}/${modelIdentity.slice(modelIdentity.indexOf(':') + 1)}.html`;
}

/** The web page of a file of another repository: `filesUrl` + the file's path, each segment encoded; undefined for a path that leaves its folder. */
export function fileUrlIn(filesUrl: string, file: string): string | undefined {
  const segments = file.split('/');
  if (segments.some((segment) => segment === '..' || segment === '') || file.startsWith('/')) return undefined;
  return `${filesUrl.endsWith('/') ? filesUrl : `${filesUrl}/`}${segments.map(encodeURIComponent).join('/')}`;
}
