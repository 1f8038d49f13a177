// model-version/promotion-order: development, then staging, then production.

import { createRule } from '../../catalog-rule.js';
import { sourcesOf, stageOf } from '../../../catalog/queries.js';

export default createRule<'skippedStaging'>({
  meta: {
    id: 'model-version/promotion-order',
    defaultSeverity: 'warning',
    description: 'Warn when a model version is in production but never had a staging deployment.',
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      skippedStaging: {
        message: '`{{identity}}` is in production but no staging Deployment of it exists.',
        hint: 'Deploy it to staging first; keep the staging Deployment (lifecycle: retired) as the record that it happened.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (entity) => {
      if (entity.kind !== 'ModelVersion' || stageOf(entity) !== 'production') return;
      // Retired deployments count: they are the history of where the version has run.
      const staged = sourcesOf(catalog, entity, 'deploys').some((deployment) => deployment.spec.environment === 'staging');
      if (!staged) report(['spec', 'stage'], 'skippedStaging', { identity: entity.identity });
    };
  },
});
