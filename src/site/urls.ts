// Where each page lives in the site. Every link is relative, so the site works under any base path.

import type { Entity } from '../model/entity.js';

export function entityPath(entity: Pick<Entity, 'kindSlug' | 'namespace' | 'name' | 'version'>): string {
  return `entity/${entity.kindSlug}/${entity.namespace}/${entity.name}${entity.version === undefined ? '' : `@${entity.version}`}.html`;
}

/** `entity/model/default/x.html` from `model:default/x`, as the search script computes it too. */
export function pathOfIdentity(identity: string): string {
  const colon = identity.indexOf(':');
  return `entity/${identity.slice(0, colon)}/${identity.slice(colon + 1)}.html`;
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
