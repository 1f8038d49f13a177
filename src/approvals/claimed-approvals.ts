// The approvals a pull request claims: every approval in the head catalog that the base catalog does
// not hold as it is (added, or changed in its team, date or note). Only those are checked against
// the pull request's reviews; approvals merged before were checked when they were added.

import type { CatalogReader } from '../catalog/catalog.js';
import { approvalsOf, resolvedTarget } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';

export interface ClaimedApproval {
  entity: Entity;
  /** Position in `spec.approvals`. */
  index: number;
  /** The `by` reference as written. */
  by: string;
  /** The Team identity `by` resolved to; undefined when it resolves to none (lint reports that). */
  team: string | undefined;
  date: string;
}

const APPROVALS = ['spec', 'approvals'];

/** Each approval of `entity` with a key that is equal for the same team, date and note. */
function approvalsIn(catalog: CatalogReader, entity: Entity): { claim: ClaimedApproval; key: string }[] {
  return approvalsOf(entity).map(({ by, index, date: written, note }) => {
    const team = resolvedTarget(catalog, entity, [...APPROVALS, String(index), 'by']);
    // Values are parsed with the YAML core schema: a date stays the string it was written as.
    const date = typeof written === 'string' ? written : JSON.stringify(written ?? null);
    const key = JSON.stringify([team ?? by, date, note ?? null]);
    return { claim: { entity, index, by, team, date }, key };
  });
}

/** Approvals of `head` that `base` does not hold with the same team, date and note, in catalog order. */
export function claimedApprovals(base: CatalogReader, head: CatalogReader): ClaimedApproval[] {
  const claimed: ClaimedApproval[] = [];
  for (const entity of head.entities) {
    const approvals = approvalsIn(head, entity);
    if (approvals.length === 0) continue;
    const before = base.get(entity.identity);
    const kept = new Set(before === undefined ? [] : approvalsIn(base, before).map(({ key }) => key));
    for (const { claim, key } of approvals) if (!kept.has(key)) claimed.push(claim);
  }
  return claimed;
}
