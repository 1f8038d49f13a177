// Licences: a Model's or a Dataset's licence changed, which changes what its users may do with it.

import { licenseName } from '../../catalog/queries.js';
import { code, type Detector } from '../detector.js';

export const detectLicenseChanges: Detector = (pair) => {
  const { base: before, head: after } = pair;
  if (before === undefined || after === undefined) return [];
  const wasLicense = licenseName(before);
  const isLicense = licenseName(after);
  if (wasLicense === isLicense) return [];
  return [
    {
      id: 'license-changed',
      level: 'warning',
      title: `License of \`${pair.identity}\` changed: ${code(wasLicense)} → ${code(isLicense)}.`,
      field: 'spec.license',
      before: wasLicense,
      after: isLicense,
      withImpact: true,
    },
  ];
};
