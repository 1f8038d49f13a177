// Whose GitHub review stands for a Team: its own `github` identity and those of its members, as the
// catalog lists them (`spec.members`, transitively), each a user login or an org team.

import type { CatalogReader } from '../catalog/catalog.js';
import { teamAndMembers } from '../catalog/queries.js';
import { isRecord } from '../model/kinds.js';

export interface GitHubIdentities {
  /** User logins, lower-cased (GitHub logins are case-insensitive). */
  users: Set<string>;
  /** Org teams as `org/slug`, lower-cased. */
  teams: Set<string>;
}

/** The GitHub identities of a Team and of its members, transitively (a cycle of members ends). */
export function gitHubIdentities(catalog: CatalogReader, teamIdentity: string): GitHubIdentities {
  const identities: GitHubIdentities = { users: new Set(), teams: new Set() };
  for (const team of teamAndMembers(catalog, teamIdentity)) {
    const github = team.spec.github;
    if (isRecord(github)) {
      if (typeof github.user === 'string') identities.users.add(github.user.toLowerCase());
      if (typeof github.team === 'string') identities.teams.add(github.team.toLowerCase());
    }
  }
  return identities;
}
