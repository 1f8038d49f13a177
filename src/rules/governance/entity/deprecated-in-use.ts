// entity/deprecated-in-use: a deprecation is a migration; list what has not moved yet. An entity, or
// one feature of a FeatureView, that active entities still name.

import { createRule } from '../../catalog-rule.js';
import { isActive } from '../../../catalog/queries.js';
import { isRecord } from '../../../model/kinds.js';
import { groupBy } from '../../../ground/collections.js';
import type { Relation } from '../../../catalog/catalog.js';

const SHOWN = 5;

const isWithdrawn = (lifecycle: unknown): lifecycle is 'deprecated' | 'retired' => lifecycle === 'deprecated' || lifecycle === 'retired';

export default createRule<'inUse' | 'featureInUse'>({
  meta: {
    id: 'entity/deprecated-in-use',
    defaultSeverity: 'warning',
    description: 'Report deprecated or retired entities, and features of a FeatureView, that active entities still use.',
    family: 'ownership',
    preset: 'recommended',
    messages: {
      inUse: {
        message: '`{{identity}}` is {{lifecycle}} but still used by {{count}} active entit{{plural}}: {{users}}.',
        hint: 'Move the users to its replacement, or keep it active.',
      },
      featureInUse: {
        message: 'Feature `{{feature}}` of `{{identity}}` is {{lifecycle}} but still read by {{count}} active entit{{plural}}: {{users}}.',
        hint: 'Move the readers to another feature, or keep it active.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    /** The active entities among the sources of these references, listed for the message. */
    const activeUsers = (relations: readonly Relation[]) => {
      const users = new Set<string>();
      for (const relation of relations) {
        const user = catalog.get(relation.source);
        if (user !== undefined && isActive(user)) users.add(user.identity);
      }
      const listed =
        [...users]
          .slice(0, SHOWN)
          .map((u) => `\`${u}\``)
          .join(', ') + (users.size > SHOWN ? ` and ${users.size - SHOWN} more` : '');
      return { count: users.size, plural: users.size === 1 ? 'y' : 'ies', users: listed };
    };
    return (entity) => {
      if (isWithdrawn(entity.lifecycle)) {
        const users = activeUsers(catalog.incoming(entity.identity).filter((relation) => relation.type !== 'replacedBy'));
        if (users.count > 0)
          report(['metadata', 'lifecycle'], 'inUse', { identity: entity.identity, lifecycle: entity.lifecycle, ...users });
        return;
      }
      if (entity.kind !== 'FeatureView' || !Array.isArray(entity.spec.features)) return;
      const features: unknown[] = entity.spec.features;
      if (!features.some((feature) => isRecord(feature) && isWithdrawn(feature.lifecycle))) return;
      // The references by feature, gathered once: a view of many withdrawn features is not read once for each.
      const readers = groupBy(
        catalog.incoming(entity.identity).filter((relation) => relation.member !== undefined),
        (relation) => relation.member as string,
      );
      features.forEach((feature, index) => {
        if (!isRecord(feature) || typeof feature.name !== 'string' || !isWithdrawn(feature.lifecycle)) return;
        const users = activeUsers(readers.get(feature.name) ?? []);
        if (users.count > 0)
          report(['spec', 'features', String(index), 'lifecycle'], 'featureInUse', {
            feature: feature.name,
            identity: entity.identity,
            lifecycle: feature.lifecycle,
            ...users,
          });
      });
    };
  },
});
