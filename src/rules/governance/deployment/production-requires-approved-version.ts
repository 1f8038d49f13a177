// deployment/production-requires-approved-version: production runs only approved production versions.

import { createRule } from '../../catalog-rule.js';
import { approvalsOf, stageOf, targetsOf } from '../../../catalog/queries.js';

export default createRule<'notProduction' | 'unapproved'>({
  meta: {
    id: 'deployment/production-requires-approved-version',
    defaultSeverity: 'error',
    description: 'Require production deployments to run a model version in stage production with at least one approval.',
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      notProduction: {
        message: 'Production deployment `{{name}}` runs `{{version}}`, which is in stage `{{stage}}`.',
        hint: 'Promote the version to `stage: production` (with its approval) before deploying it to production.',
      },
      unapproved: {
        message: 'Production deployment `{{name}}` runs `{{version}}`, which has no approval.',
        hint: 'Record the approval on the ModelVersion (`spec.approvals`).',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    return (deployment) => {
      if (deployment.kind !== 'Deployment' || deployment.spec.environment !== 'production' || deployment.lifecycle === 'retired') return;
      for (const version of targetsOf(catalog, deployment, 'deploys')) {
        const data = { name: deployment.name, version: version.identity, stage: stageOf(version) };
        if (stageOf(version) !== 'production') report(['spec', 'modelVersion'], 'notProduction', data);
        else if (approvalsOf(version).length === 0) report(['spec', 'modelVersion'], 'unapproved', data);
      }
    };
  },
});
