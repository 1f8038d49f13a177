// A Deployment's page: which version runs where, on which runtime, with what traffic and monitoring.

import type { CatalogReader } from '../../catalog/catalog.js';
import type { Entity } from '../../model/entity.js';
import { facts, fields, list, relatedFact, text, type Section } from './sections.js';
import { approvalsTable } from './shared-tables.js';

type DeploymentSpec = 'environment' | 'endpoint' | 'trafficPercent' | 'monitoring';
type Monitoring = 'metrics' | 'dashboard' | 'driftThresholds';

export function deploymentView(catalog: CatalogReader, deployment: Entity): Section[] {
  const spec = fields<DeploymentSpec>(deployment.spec);
  const monitoring = fields<Monitoring>(spec.monitoring);
  const sections: Section[] = [
    {
      heading: 'Deployment',
      facts: facts([
        relatedFact(catalog, deployment, 'deploys', 'Model version'),
        relatedFact(catalog, deployment, 'runsOn', 'Runtime'),
        ['Environment', spec.environment],
        ['Endpoint', spec.endpoint, { code: true }],
        ['Traffic', spec.trafficPercent === undefined ? undefined : `${text(spec.trafficPercent)}%`],
      ]),
    },
    ...approvalsTable(catalog, deployment),
  ];
  const drift = Object.entries(fields<string>(monitoring.driftThresholds));
  if (monitoring.metrics !== undefined || monitoring.dashboard !== undefined || drift.length > 0) {
    sections.push({
      heading: 'Monitoring',
      facts: facts([
        ['Metrics', list(monitoring.metrics).map(text).join(', ')],
        ['Dashboard', monitoring.dashboard, { code: true }],
        ['Drift thresholds', drift.map(([k, v]) => `${k} ${text(v)}`).join(', ')],
      ]),
    });
  }
  return sections;
}
