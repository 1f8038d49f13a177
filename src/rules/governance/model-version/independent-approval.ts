// model-version/independent-approval: separation of duties (SR 11-7) — owners do not approve their own models.

import type { Catalog } from '../../../catalog/catalog.js';
import type { Entity } from '../../../model/entity.js';
import { createRule } from '../../catalog-rule.js';
import { approvalsOf, ownerOf, resolvedTarget, targetsOf } from '../../../catalog/queries.js';

/** The owning team of the model behind a version or deployment, and that team's members. */
function owningParties(catalog: Catalog, entity: Entity): Set<string> {
  const parties = new Set<string>();
  let version: Entity | undefined = entity;
  if (entity.kind === 'Deployment') version = targetsOf(catalog, entity, 'deploys')[0];
  const model = version === undefined ? undefined : targetsOf(catalog, version, 'versionOf')[0];
  for (const owned of [model, version]) {
    const owner = owned === undefined ? undefined : ownerOf(catalog, owned);
    if (owner === undefined) continue;
    parties.add(owner);
    const team = catalog.get(owner);
    if (team !== undefined) for (const member of targetsOf(catalog, team, 'hasMember')) parties.add(member.identity);
  }
  return parties;
}

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
  check({ catalog, report }) {
    for (const entity of catalog.entities) {
      if (entity.kind !== 'ModelVersion' && entity.kind !== 'Deployment') continue;
      const approvals = approvalsOf(entity);
      if (approvals.length === 0) continue;
      const parties = owningParties(catalog, entity);
      for (const { index } of approvals) {
        const pointer = ['spec', 'approvals', String(index), 'by'];
        const approver = resolvedTarget(catalog, entity, pointer);
        if (approver !== undefined && parties.has(approver))
          report(entity, pointer, 'selfApproved', { approver, identity: entity.identity });
      }
    }
  },
});
