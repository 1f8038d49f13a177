// Everything else: owner, description, tags, and the other fields that changed.

import { code, fieldsUnder, type Detector, type DetectedChange } from '../detector.js';

/** Fields other detectors already describe. */
const DESCRIBED = [
  'metadata.owner',
  'metadata.description',
  'metadata.tags',
  'metadata.lifecycle',
  'spec.stage',
  'spec.training.datasets',
  'spec.modelVersion',
  'spec.features',
  'spec.schema.fields',
  'spec.containsPII',
  'spec.classification',
  'spec.license',
  'spec.metrics',
];

export const detectMetadataChanges: Detector = (pair) => {
  if (pair.base === undefined || pair.head === undefined || pair.fields.length === 0) return [];
  const changes: DetectedChange[] = [];
  const owner = fieldsUnder(pair, 'metadata.owner')[0];
  if (owner !== undefined)
    changes.push({
      id: 'owner-changed',
      level: 'info',
      title: `Owner of \`${pair.identity}\` changed: ${code(owner.before)} → ${code(owner.after)}.`,
      field: 'metadata.owner',
      before: owner.before,
      after: owner.after,
    });
  if (fieldsUnder(pair, 'metadata.description').length > 0)
    changes.push({
      id: 'description-changed',
      level: 'info',
      title: `Description of \`${pair.identity}\` changed.`,
      field: 'metadata.description',
    });
  const tags = fieldsUnder(pair, 'metadata.tags')[0];
  if (tags !== undefined)
    changes.push({
      id: 'tags-changed',
      level: 'info',
      title: `Tags of \`${pair.identity}\` changed: ${code(pair.base.metadata.tags ?? [])} → ${code(pair.head.metadata.tags ?? [])}.`,
      field: 'metadata.tags',
    });
  const rest = pair.fields.filter(
    (f) => !DESCRIBED.some((prefix) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`)),
  );
  if (rest.length > 0) {
    changes.push({
      id: 'fields-changed',
      level: 'info',
      title: `\`${pair.identity}\`: ${rest.length} field${rest.length === 1 ? '' : 's'} changed.`,
      details: rest.map((f) => `\`${f.path}\`: ${code(f.before)} → ${code(f.after)}`),
    });
  }
  return changes;
};
