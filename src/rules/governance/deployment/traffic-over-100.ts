// deployment/traffic-over-100: traffic splits of one model in one environment add up to at most 100%.

import type { Entity } from '../../../model/entity.js';
import { createRule } from '../../catalog-rule.js';
import { targetsOf } from '../../../catalog/queries.js';
import { appendTo } from '../../../ground/collections.js';

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
  check({ catalog, report }) {
    const groups = new Map<string, Entity[]>();
    for (const deployment of catalog.entities) {
      if (deployment.kind !== 'Deployment' || deployment.lifecycle === 'retired' || typeof deployment.spec.trafficPercent !== 'number')
        continue;
      const model = targetsOf(catalog, deployment, 'deploys').flatMap((version) => targetsOf(catalog, version, 'versionOf'))[0];
      if (model === undefined) continue;
      const key = `${model.identity}|${String(deployment.spec.environment)}`;
      appendTo(groups, key, deployment);
    }
    for (const [key, deployments] of groups) {
      const total = deployments.reduce((sum, d) => sum + (d.spec.trafficPercent as number), 0);
      if (total <= 100) continue;
      const [model, environment] = key.split('|') as [string, string];
      const names = deployments.map((d) => `\`${d.name}\` ${String(d.spec.trafficPercent)}%`).join(', ');
      for (const deployment of deployments)
        report(deployment, ['spec', 'trafficPercent'], 'overCommitted', { model, environment, total, deployments: names });
    }
  },
});
