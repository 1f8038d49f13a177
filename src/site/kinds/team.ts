// A Team's page: how to reach it, where it sits, its members and what it owns.

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf, targetsOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { entitiesTable, facts, fields, relatedFact, type Section } from './sections.js';

type TeamSpec = 'type' | 'email' | 'chat';

export function teamView(catalog: CatalogReader, team: Entity): Section[] {
  const spec = fields<TeamSpec>(team.spec);
  const owned = sourcesOf(catalog, team, 'ownedBy');
  const members = targetsOf(catalog, team, 'hasMember');
  return [
    {
      heading: 'Team',
      facts: facts([
        ['Type', spec.type ?? 'team'],
        ['E-mail', spec.email],
        ['Chat', spec.chat],
        relatedFact(catalog, team, 'childOf', 'Part of'),
      ]),
    },
    ...(members.length > 0 ? [{ heading: 'Members', table: entitiesTable(members) }] : []),
    { heading: `Owns (${owned.length})`, ...(owned.length === 0 ? { empty: 'Owns nothing.' } : { table: entitiesTable(owned) }) },
  ];
}
