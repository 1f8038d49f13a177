// model-version/independent-approval: separation of duties (SR 11-7) — owners do not approve their own models.

import { createRule } from '../../catalog-rule.js';
import { approvalsOf, owningParties, resolvedTarget } from '../../../catalog/queries.js';

export default createRule<'selfApproved'>({
  meta: {
    id: 'model-version/independent-approval',
    defaultSeverity: 'error',
    description: "Disallow approvals by the model's owning team or its members (separation of duties).",
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      selfApproved: {
        message: '`{{approver}}` approved `{{identity}}`, but it owns the model (or is a member of the owning team).',
        hint: 'Approval must come from an independent team, such as model risk management (SR 11-7).',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (entity) => {
      if (entity.kind !== 'ModelVersion' && entity.kind !== 'Deployment') return;
      const approvals = approvalsOf(entity);
      if (approvals.length === 0) return;
      const parties = owningParties(catalog, entity);
      for (const { index } of approvals) {
        const pointer = ['spec', 'approvals', String(index), 'by'];
        const approver = resolvedTarget(catalog, entity, pointer);
        if (approver !== undefined && parties.has(approver)) report(pointer, 'selfApproved', { approver, identity: entity.identity });
      }
    };
  },
});
