// team/unused: a team that owns, approves and belongs to nothing.

import { createRule } from '../../catalog-rule.js';

export default createRule<'unused'>({
  meta: {
    id: 'team/unused',
    defaultSeverity: 'info',
    description: 'Point out teams that own nothing, approved nothing and are part of no other team.',
    family: 'hygiene',
    preset: 'strict',
    messages: {
      unused: {
        message: 'Team `{{identity}}` owns nothing, approved nothing and belongs to no team.',
        hint: 'Make it an owner or a member where it belongs, or remove it.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (team) => {
      if (team.kind !== 'Team') return;
      const used =
        catalog.incoming(team.identity).some((r) => r.type !== 'replacedBy') ||
        catalog.outgoing(team.identity).some((r) => r.type === 'childOf');
      if (!used) report(['metadata', 'name'], 'unused', { identity: team.identity });
    };
  },
});
