// Feature views: features removed or retyped while a model version reads them, and features no
// longer marked PII (breaking, as for a Dataset's schema field).

import type { CatalogReader } from '../../catalog/catalog.js';
import { code, fieldsUnder, type Detector, type DetectedChange } from '../detector.js';

/** Model versions in head that read `feature` of the view, by name or by reading the whole view. */
function readers(catalog: CatalogReader, view: string, feature: string): string[] {
  return [
    ...new Set(
      catalog
        .incoming(view)
        .filter((r) => r.type === 'usesFeatures' && (r.member === undefined || r.member === feature))
        .map((r) => r.source),
    ),
  ];
}

export const detectFeatureChanges: Detector = (pair, { base, head }) => {
  if (pair.base === undefined || pair.head?.kind !== 'FeatureView') return [];
  const changes: DetectedChange[] = [];
  for (const field of fieldsUnder(pair, 'spec.features')) {
    const name = field.pointer[2] as string;
    const subfield = field.pointer[3];
    const removed = field.after === undefined && subfield === undefined;
    const retyped = subfield === 'type' && field.before !== undefined && field.after !== undefined;
    if (subfield === 'pii' && field.before === true && field.after !== true) {
      changes.push({
        id: 'pii-loosened',
        level: 'breaking',
        title: `Feature \`${name}\` of \`${pair.identity}\` is no longer marked PII.`,
        field: field.path,
        before: field.before,
        after: field.after,
        withImpact: true,
      });
      continue;
    }
    if (!removed && !retyped) continue;
    // A removed feature's readers are the versions that read it before the change.
    const users = readers(removed ? base : head, pair.identity, name).filter((id) => head.get(id) !== undefined);
    const level = users.length > 0 ? 'breaking' : 'info';
    const details = users.map((id) => `read by \`${id}\``);
    changes.push(
      removed
        ? {
            id: 'feature-removed',
            level,
            title: `Feature \`${name}\` removed from \`${pair.identity}\`.`,
            details,
            field: field.path,
            before: field.before,
            withImpact: true,
            breaksReaders: { member: name },
            supersedes: users.map((user) => ({
              rules: ['reference/missing-member'],
              entity: user,
              data: { target: pair.identity, member: name },
            })),
          }
        : {
            id: 'feature-type-changed',
            level,
            title: `Feature \`${name}\` of \`${pair.identity}\` changed type ${code(field.before)} → ${code(field.after)}.`,
            details,
            field: field.path,
            before: field.before,
            after: field.after,
            withImpact: true,
            breaksReaders: { member: name },
          },
    );
  }
  return changes;
};
