// Datasets: schema fields removed or retyped while consumed, PII or classification loosened.

import type { CatalogReader } from '../../catalog/catalog.js';
import { classificationRank } from '../../model/kinds.js';
import { code, fieldsUnder, type Detector, type DetectedChange } from '../detector.js';

const CONSUMERS = new Set(['trainedOn', 'sourcedFrom', 'evaluatedOn', 'derivedFrom']);

function consumers(catalog: CatalogReader, identity: string): string[] {
  return [
    ...new Set(
      catalog
        .incoming(identity)
        .filter((r) => CONSUMERS.has(r.type))
        .map((r) => r.source),
    ),
  ];
}

export const detectDataChanges: Detector = (pair, { head }) => {
  const { base: before, head: after } = pair;
  if (before === undefined || after?.kind !== 'Dataset') return [];
  const changes: DetectedChange[] = [];
  const consumedBy = consumers(head, pair.identity);
  const consumedLevel = consumedBy.length > 0 ? 'breaking' : 'info';
  const consumedNote = consumedBy.length > 0 ? [`consumed by ${consumedBy.map((c) => `\`${c}\``).join(', ')}`] : [];

  for (const field of fieldsUnder(pair, 'spec.schema.fields')) {
    const name = field.pointer[3];
    const subfield = field.pointer[4];
    if (field.after === undefined && subfield === undefined) {
      changes.push({
        id: 'schema-field-removed',
        level: consumedLevel,
        title: `Schema field \`${name}\` removed from \`${pair.identity}\`.`,
        details: consumedNote,
        field: field.path,
        before: field.before,
        withImpact: true,
        breaksReaders: { member: String(name) },
      });
    } else if (subfield === 'type' && field.before !== undefined) {
      changes.push({
        id: 'schema-field-retyped',
        level: consumedLevel,
        title: `Schema field \`${name}\` of \`${pair.identity}\` changed type ${code(field.before)} → ${code(field.after)}.`,
        details: consumedNote,
        field: field.path,
        before: field.before,
        after: field.after,
        withImpact: true,
        breaksReaders: { member: String(name) },
      });
    } else if (subfield === 'pii' && field.before === true && field.after !== true) {
      changes.push({
        id: 'pii-loosened',
        level: 'breaking',
        title: `Schema field \`${name}\` of \`${pair.identity}\` is no longer marked PII.`,
        field: field.path,
        before: field.before,
        after: field.after,
        withImpact: true,
      });
    }
  }
  if (before.spec.containsPII === true && after.spec.containsPII !== true) {
    changes.push({
      id: 'pii-loosened',
      level: 'breaking',
      title: `\`${pair.identity}\` is no longer marked \`containsPII\`.`,
      field: 'spec.containsPII',
      before: true,
      after: after.spec.containsPII,
      withImpact: true,
    });
  }
  const wasClass = classificationRank(before.spec.classification);
  const isClass = classificationRank(after.spec.classification) ?? -1;
  if (wasClass !== undefined && isClass < wasClass) {
    changes.push({
      id: 'classification-loosened',
      level: 'breaking',
      title: `\`${pair.identity}\` classification loosened: ${code(before.spec.classification)} → ${code(after.spec.classification)}.`,
      field: 'spec.classification',
      before: before.spec.classification,
      after: after.spec.classification,
      withImpact: true,
    });
  }
  return changes;
};
