// entity/deprecated-in-use: a deprecation is a migration; list what has not moved yet.

import { createRule } from '../../catalog-rule.js';
import { isActive } from '../../../catalog/queries.js';

const SHOWN = 5;

export default createRule<'inUse'>({
  meta: {
    id: 'entity/deprecated-in-use',
    defaultSeverity: 'warning',
    description: 'Report deprecated or retired entities that active entities still use.',
    family: 'ownership',
    preset: 'recommended',
    messages: {
      inUse: {
        message: '`{{identity}}` is {{lifecycle}} but still used by {{count}} active entit{{plural}}: {{users}}.',
        hint: 'Move the users to its replacement, or keep it active.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (entity) => {
      if (entity.lifecycle !== 'deprecated' && entity.lifecycle !== 'retired') return;
      const users = new Set<string>();
      for (const relation of catalog.incoming(entity.identity)) {
        const user = catalog.get(relation.source);
        if (relation.type !== 'replacedBy' && user !== undefined && isActive(user)) users.add(user.identity);
      }
      if (users.size === 0) return;
      const listed =
        [...users]
          .slice(0, SHOWN)
          .map((u) => `\`${u}\``)
          .join(', ') + (users.size > SHOWN ? ` and ${users.size - SHOWN} more` : '');
      report(['metadata', 'lifecycle'], 'inUse', {
        identity: entity.identity,
        lifecycle: entity.lifecycle,
        count: users.size,
        plural: users.size === 1 ? 'y' : 'ies',
        users: listed,
      });
    };
  },
});
