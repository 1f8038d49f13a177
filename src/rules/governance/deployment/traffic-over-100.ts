// deployment/traffic-over-100: traffic splits of one model in one environment add up to at most 100%.

import type { Entity } from '../../../model/entity.js';
import { createRule } from '../../catalog-rule.js';
import { sourcesOf, targetsOf } from '../../../catalog/queries.js';
import { compareStrings } from '../../../ground/diagnostics.js';

export default createRule<'overCommitted'>({
  meta: {
    id: 'deployment/traffic-over-100',
    defaultSeverity: 'error',
    description: 'Disallow active deployments of one model in one environment whose traffic adds up to more than 100%.',
    family: 'lifecycle',
    preset: 'recommended',
    messages: {
      overCommitted: {
        message: 'Deployments of `{{model}}` in {{environment}} take {{total}}% of traffic together: {{deployments}}.',
        hint: 'Lower `trafficPercent` so the split adds up to 100 or less.',
      },
    },
  },
  defaultOptions: {},
  create({ catalog, report }) {
    /** The model a deployment's traffic counts against, when the deployment counts at all. */
    const modelOf = (deployment: Entity): Entity | undefined =>
      deployment.kind !== 'Deployment' || deployment.lifecycle === 'retired' || typeof deployment.spec.trafficPercent !== 'number'
        ? undefined
        : targetsOf(catalog, deployment, 'deploys').flatMap((version) => targetsOf(catalog, version, 'versionOf'))[0];
    return (deployment) => {
      const model = modelOf(deployment);
      if (model === undefined) return;
      const environment = String(deployment.spec.environment);
      // The deployments that share its model and environment: reached from the model, as its versions' deployments.
      const sharing = new Map<string, Entity>();
      for (const version of sourcesOf(catalog, model, 'versionOf')) {
        for (const other of sourcesOf(catalog, version, 'deploys')) {
          if (String(other.spec.environment) === environment && modelOf(other) === model) sharing.set(other.identity, other);
        }
      }
      const deployments = [...sharing.values()].sort((a, b) => compareStrings(a.identity, b.identity));
      const total = deployments.reduce((sum, d) => sum + (d.spec.trafficPercent as number), 0);
      if (total <= 100) return;
      const names = deployments.map((d) => `\`${d.name}\` ${String(d.spec.trafficPercent)}%`).join(', ');
      report(['spec', 'trafficPercent'], 'overCommitted', { model: model.identity, environment, total, deployments: names });
    };
  },
});
