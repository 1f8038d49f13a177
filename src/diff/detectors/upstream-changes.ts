// What runs downstream is built from these: a FeatureView's source data, a RuntimeConfig's image.
// A change to either reaches every model version and deployment below it, so it says which.

import { code, fieldsUnder, type Detector, type DetectedChange } from '../detector.js';

/** The field of each kind whose change reaches what depends on the entity, and what it is called. */
const UPSTREAM: Readonly<Record<string, { field: string; noun: string }>> = {
  FeatureView: { field: 'spec.source', noun: 'Source data' },
  RuntimeConfig: { field: 'spec.image', noun: 'Image' },
};

export const detectUpstreamChanges: Detector = (pair) => {
  const upstream = pair.head === undefined ? undefined : UPSTREAM[pair.head.kind];
  if (pair.base === undefined || upstream === undefined) return [];
  const [changed] = fieldsUnder(pair, upstream.field);
  if (changed === undefined) return [];
  const change: DetectedChange = {
    id: 'upstream-changed',
    level: 'info',
    title: `${upstream.noun} of \`${pair.identity}\` changed: ${code(changed.before)} → ${code(changed.after)}.`,
    field: upstream.field,
    before: changed.before,
    after: changed.after,
    withImpact: true,
  };
  return [change];
};
