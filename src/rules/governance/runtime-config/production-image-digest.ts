// runtime-config/production-image-digest: production runs an image that cannot change under it.

import { createRule } from '../../catalog-rule.js';
import { sourcesOf } from '../../../catalog/queries.js';

const DIGEST = /@sha256:[a-f0-9]{64}$/;

export default createRule<'unpinned'>({
  meta: {
    id: 'runtime-config/production-image-digest',
    defaultSeverity: 'error',
    description: 'Require runtime configurations used by production deployments to pin their image by digest.',
    family: 'runtime',
    preset: 'recommended',
    messages: {
      unpinned: {
        message: '`{{image}}` is pinned by tag, but production deployment `{{deployment}}` runs on it.',
        hint: 'Pin the image by digest (`name@sha256:<digest>`): a tag can be moved to other code without any change here.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (runtime) => {
      if (runtime.kind !== 'RuntimeConfig' || typeof runtime.spec.image !== 'string' || DIGEST.test(runtime.spec.image)) return;
      const production = sourcesOf(catalog, runtime, 'runsOn').find(
        (d) => d.spec.environment === 'production' && d.lifecycle !== 'retired',
      );
      if (production !== undefined) report(['spec', 'image'], 'unpinned', { image: runtime.spec.image, deployment: production.name });
    };
  },
});
