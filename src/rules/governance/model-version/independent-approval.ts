// model-version/independent-approval: separation of duties (SR 11-7) — owners do not approve their own models.

import { createRule } from '../../catalog-rule.js';
import { approvalsOf, membership, owningParties, resolvedTarget, sharedWithOwners } from '../../../catalog/queries.js';

export default createRule<'selfApproved' | 'sharedMember'>({
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
      sharedMember: {
        message: "`{{approver}}` approved `{{identity}}`, but its member `{{member}}` is one of the model's owners.",
        hint: 'An approving team is independent only when none of its members owns the model: take `{{member}}` out of one of the teams, or have another team approve.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    // Walked once per team for the whole lint: an org of thousands approves thousands of versions.
    const teams = membership(catalog);
    return (entity) => {
      if (entity.kind !== 'ModelVersion' && entity.kind !== 'Deployment') return;
      const approvals = approvalsOf(entity);
      if (approvals.length === 0) return;
      const parties = owningParties(catalog, entity, teams);
      for (const { index } of approvals) {
        const pointer = ['spec', 'approvals', String(index), 'by'];
        const approver = resolvedTarget(catalog, entity, pointer);
        const shared = approver === undefined ? undefined : sharedWithOwners(parties, approver, teams);
        if (approver === undefined || shared === undefined) continue;
        if (shared === approver) report(pointer, 'selfApproved', { approver, identity: entity.identity });
        else report(pointer, 'sharedMember', { approver, identity: entity.identity, member: shared });
      }
    };
  },
});
