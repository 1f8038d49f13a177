// What an entity page shows for each kind: a model card for a Model, lineage and approvals for a
// ModelVersion, the schema with PII marks for a Dataset, and so on. Plain data for the templates.

import type { Catalog } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { licenseName, resolvedTarget, sourcesOf, stageOf, targetsOf } from '../catalog/queries.js';
import { renderMarkdown } from './markdown.js';
import { compareVersions } from './trend-chart.js';
import { entityPath } from './urls.js';

export interface Cell {
  text: string;
  path?: string;
  code?: boolean;
  pill?: string;
  numeric?: boolean;
  svg?: string;
}

export interface Section {
  heading: string;
  html?: string;
  facts?: { label: string; value: string; path?: string; code?: boolean }[];
  table?: { columns: string[]; rows: Cell[][]; more?: string };
  empty?: string;
}

const MAX_ROWS = 100;

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
const link = (entity: Entity): Cell => ({
  text: entity.version === undefined ? entity.name : `${entity.name}@${entity.version}`,
  path: entityPath(entity),
});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function facts(entries: [string, unknown, { path?: string; code?: boolean }?][]): Section['facts'] {
  return entries
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([label, value, options]) => ({ label, value: text(value), ...options }));
}

function table(columns: string[], rows: Cell[][], noun = 'rows'): Section['table'] {
  return rows.length > MAX_ROWS
    ? { columns, rows: rows.slice(0, MAX_ROWS), more: `${rows.length - MAX_ROWS} more ${noun} not shown.` }
    : { columns, rows };
}

function prose(heading: string, value: unknown): Section[] {
  const html = renderMarkdown(value);
  return html === '' ? [] : [{ heading, html }];
}

function relatedFact(
  catalog: Catalog,
  entity: Entity,
  type: string,
  label: string,
): [string, unknown, { path?: string }] | [string, undefined] {
  const [target] = targetsOf(catalog, entity, type);
  return target === undefined ? [label, undefined] : [label, link(target).text, { path: entityPath(target) }];
}

function entitiesTable(
  entities: readonly Entity[],
  extra: (e: Entity) => Cell[] = () => [],
  extraColumns: string[] = [],
): Section['table'] {
  return table(
    ['Name', 'Kind', 'Lifecycle', ...extraColumns],
    entities.map((e) => [link(e), { text: e.kind }, { text: e.lifecycle, pill: `lifecycle-${e.lifecycle}` }, ...extra(e)]),
    'entities',
  );
}

function approvalsTable(catalog: Catalog, entity: Entity): Section[] {
  const approvals = list(entity.spec.approvals).filter(isRecord);
  if (approvals.length === 0) return [];
  return [
    {
      heading: 'Approvals',
      table: table(
        ['By', 'Date', 'Note'],
        approvals.map((approval, index) => {
          const target = resolvedTarget(catalog, entity, ['spec', 'approvals', String(index), 'by']);
          const team = target === undefined ? undefined : catalog.get(target);
          return [team ? link(team) : { text: text(approval.by) }, { text: text(approval.date) }, { text: text(approval.note) }];
        }),
      ),
    },
  ];
}

function evaluationsTable(catalog: Catalog, version: Entity): Section[] {
  const rows: Cell[][] = [];
  for (const evaluation of sourcesOf(catalog, version, 'evaluates')) {
    const [dataset] = targetsOf(catalog, evaluation, 'evaluatedOn');
    for (const metric of list(evaluation.spec.metrics).filter(isRecord)) {
      const higher = metric.higherIsBetter !== false;
      const threshold = typeof metric.threshold === 'number' ? metric.threshold : undefined;
      const value = typeof metric.value === 'number' ? metric.value : undefined;
      const passes =
        threshold === undefined || value === undefined ? '' : (higher ? value >= threshold : value <= threshold) ? 'pass' : 'fail';
      rows.push([
        link(evaluation),
        dataset ? link(dataset) : { text: '' },
        { text: `${text(metric.name)}${metric.slice ? ` (${text(metric.slice)})` : ''}` },
        { text: text(value), numeric: true },
        { text: threshold === undefined ? '' : `${higher ? '≥' : '≤'} ${threshold}`, numeric: true },
        { text: passes, ...(passes ? { pill: passes === 'pass' ? 'stage-production' : 'severity-error' } : {}) },
      ]);
    }
  }
  return rows.length === 0
    ? [{ heading: 'Evaluations', empty: 'No evaluations recorded.' }]
    : [{ heading: 'Evaluations', table: table(['Evaluation', 'Dataset', 'Metric', 'Value', 'Threshold', 'Result'], rows) }];
}

function deploymentsTable(deployments: readonly Entity[], catalog: Catalog): Section[] {
  if (deployments.length === 0) return [];
  return [
    {
      heading: 'Deployments',
      table: table(
        ['Deployment', 'Environment', 'Version', 'Traffic', 'Lifecycle'],
        deployments.map((d) => {
          const [version] = targetsOf(catalog, d, 'deploys');
          return [
            link(d),
            { text: text(d.spec.environment), pill: `stage-${text(d.spec.environment)}` },
            version ? link(version) : { text: '' },
            { text: d.spec.trafficPercent === undefined ? '' : `${text(d.spec.trafficPercent)}%`, numeric: true },
            { text: d.lifecycle, pill: `lifecycle-${d.lifecycle}` },
          ];
        }),
      ),
    },
  ];
}

function modelView(catalog: Catalog, model: Entity): Section[] {
  const versions = sourcesOf(catalog, model, 'versionOf').sort(
    (a, b) =>
      (catalog.latest(a.groupKey) === a ? 1 : 0) - (catalog.latest(b.groupKey) === b ? 1 : 0) ||
      ((a.version ?? '') < (b.version ?? '') ? -1 : 1),
  );
  const comparison = compareVersions(catalog, versions);
  const sections: Section[] = [
    {
      heading: 'Model card',
      facts: facts([
        ['Task', model.spec.task],
        ['Framework', model.spec.framework],
        ['Architecture', model.spec.architecture],
        ['License', licenseName(model)],
        ['Risk tier', model.spec.riskTier],
      ]),
    },
    ...prose('Intended use', model.spec.intendedUse),
    ...prose('Out-of-scope use', model.spec.outOfScopeUse),
    ...prose('Limitations', model.spec.limitations),
  ];
  const ethics = list(model.spec.ethicalConsiderations).filter(isRecord);
  if (ethics.length > 0)
    sections.push({
      heading: 'Ethical considerations',
      table: table(
        ['Consideration', 'Mitigation'],
        ethics.map((e) => [{ text: text(e.name) }, { text: text(e.mitigation) }]),
      ),
    });
  const bases = list(model.spec.baseModels).filter(isRecord);
  if (bases.length > 0) {
    sections.push({
      heading: 'Base models',
      table: table(
        ['Base model', 'Relation'],
        bases.map((base, index) => {
          const target = resolvedTarget(catalog, model, ['spec', 'baseModels', String(index), 'ref']);
          const entity = target === undefined ? undefined : catalog.get(target);
          return [entity ? link(entity) : { text: text(base.hubId ?? base.ref), code: true }, { text: text(base.relation) }];
        }),
      ),
    });
  }
  sections.push({
    heading: 'Versions',
    ...(versions.length === 0
      ? { empty: 'No versions yet.' }
      : {
          table: table(
            ['Version', 'Stage', 'Aliases', 'Lifecycle'],
            versions.map((v) => [
              link(v),
              { text: stageOf(v), pill: `stage-${stageOf(v)}` },
              { text: list(v.spec.aliases).map(text).join(', ') },
              { text: v.lifecycle, pill: `lifecycle-${v.lifecycle}` },
            ]),
          ),
        }),
  });
  if (comparison.metrics.length > 0) {
    sections.push({
      heading: 'Metrics across versions',
      table: table(
        ['Metric', ...comparison.versions, 'Trend (up is better)'],
        comparison.metrics.map((m) => [
          { text: `${m.name}${m.threshold === undefined ? '' : ` (${m.higherIsBetter ? '≥' : '≤'} ${m.threshold})`}` },
          ...m.values.map((v) => ({ text: v === undefined ? '–' : String(v), numeric: true })),
          { text: '', svg: m.svg },
        ]),
      ),
    });
  }
  sections.push(
    ...deploymentsTable(
      versions.flatMap((v) => sourcesOf(catalog, v, 'deploys')),
      catalog,
    ),
  );
  return sections;
}

function modelVersionView(catalog: Catalog, version: Entity): Section[] {
  const artifact = isRecord(version.spec.artifact) ? version.spec.artifact : {};
  const training = isRecord(version.spec.training) ? version.spec.training : {};
  const code = isRecord(training.code) ? training.code : {};
  const run = isRecord(training.run) ? training.run : {};
  const sections: Section[] = [
    {
      heading: 'Version',
      facts: facts([
        relatedFact(catalog, version, 'versionOf', 'Model'),
        ['Stage', stageOf(version)],
        ['Aliases', list(version.spec.aliases).map(text).join(', ')],
        ['Artifact', artifact.uri, { code: true }],
        ['Format', artifact.format],
        ['SHA-256', artifact.sha256, { code: true }],
        ['Size', artifact.sizeBytes === undefined ? undefined : `${text(artifact.sizeBytes)} bytes`],
        [
          'Code',
          [code.repo, code.path, code.commit]
            .filter((x) => x !== undefined)
            .map(text)
            .join(' · '),
        ],
        [
          'Run',
          [run.tracker, run.id]
            .filter((x) => x !== undefined)
            .map(text)
            .join(' '),
        ],
        [
          'Trained',
          [training.startedAt, training.finishedAt]
            .filter((x) => x !== undefined)
            .map(text)
            .join(' → '),
        ],
      ]),
    },
  ];
  const datasets = list(training.datasets).filter(isRecord);
  sections.push({
    heading: 'Training data',
    ...(datasets.length === 0
      ? { empty: 'No training data recorded.' }
      : {
          table: table(
            ['Dataset', 'Role'],
            datasets.map((item, index) => {
              const target = resolvedTarget(catalog, version, ['spec', 'training', 'datasets', String(index), 'ref']);
              const dataset = target === undefined ? undefined : catalog.get(target);
              return [dataset ? link(dataset) : { text: text(item.ref), code: true }, { text: text(item.role) }];
            }),
          ),
        }),
  });
  const features = catalog.outgoing(version.identity).filter((r) => r.type === 'usesFeatures');
  if (features.length > 0) {
    sections.push({
      heading: 'Features',
      table: table(
        ['Feature view', 'Feature'],
        features.map((r) => {
          const view = catalog.get(r.target);
          return [view ? link(view) : { text: r.target }, { text: r.member ?? 'all features' }];
        }),
      ),
    });
  }
  const hyper = isRecord(training.hyperparameters) ? Object.entries(training.hyperparameters) : [];
  if (hyper.length > 0)
    sections.push({
      heading: 'Hyperparameters',
      table: table(
        ['Name', 'Value'],
        hyper.map(([k, v]) => [{ text: k, code: true }, { text: text(v) }]),
      ),
    });
  const signature = isRecord(version.spec.signature) ? version.spec.signature : {};
  for (const [key, heading] of [
    ['inputs', 'Signature inputs'],
    ['outputs', 'Signature outputs'],
  ] as const) {
    const tensors = list(signature[key]).filter(isRecord);
    if (tensors.length > 0)
      sections.push({
        heading,
        table: table(
          ['Name', 'Type', 'Shape'],
          tensors.map((t) => [
            { text: text(t.name), code: true },
            { text: text(t.type) },
            { text: t.shape === undefined ? '' : JSON.stringify(t.shape) },
          ]),
        ),
      });
  }
  sections.push(
    ...evaluationsTable(catalog, version),
    ...approvalsTable(catalog, version),
    ...deploymentsTable(sourcesOf(catalog, version, 'deploys'), catalog),
  );
  return sections;
}

function datasetView(catalog: Catalog, dataset: Entity): Section[] {
  const location = isRecord(dataset.spec.location) ? dataset.spec.location : {};
  const sections: Section[] = [
    {
      heading: 'Data',
      facts: facts([
        ['Location', location.uri, { code: true }],
        ['Format', location.format],
        ['License', licenseName(dataset)],
        ['Classification', dataset.spec.classification],
        ['Contains PII', dataset.spec.containsPII === undefined ? undefined : dataset.spec.containsPII ? 'yes' : 'no'],
        ['Retention', dataset.spec.retention],
        ['Digest', dataset.spec.digest, { code: true }],
      ]),
    },
    ...prose('Collection', dataset.spec.collection),
    ...prose('Preprocessing', dataset.spec.preprocessing),
    ...prose('Known biases', dataset.spec.knownBiases),
    ...prose('Intended use', dataset.spec.intendedUse),
  ];
  const fields = list(isRecord(dataset.spec.schema) ? dataset.spec.schema.fields : undefined).filter(isRecord);
  if (fields.length > 0)
    sections.push({
      heading: 'Schema',
      table: table(
        ['Field', 'Type', 'PII', 'Description', 'Terms'],
        fields.map((f) => [
          { text: text(f.name), code: true },
          { text: text(f.type) },
          f.pii === true ? { text: 'PII', pill: 'severity-error' } : { text: '' },
          { text: text(f.description) },
          { text: list(f.terms).map(text).join(', ') },
        ]),
        'fields',
      ),
    });
  const splits = list(dataset.spec.splits).filter(isRecord);
  if (splits.length > 0)
    sections.push({
      heading: 'Splits',
      table: table(
        ['Split', 'Rows', 'Bytes'],
        splits.map((s) => [{ text: text(s.name) }, { text: text(s.rows), numeric: true }, { text: text(s.bytes), numeric: true }]),
      ),
    });
  const versions = catalog.versionsOf(dataset.groupKey);
  if (versions.length > 1)
    sections.push({
      heading: 'Versions',
      table: entitiesTable(versions, (v) => [{ text: catalog.latest(v.groupKey) === v ? 'latest' : '' }], ['']),
    });
  const consumers = [
    ...sourcesOf(catalog, dataset, 'trainedOn'),
    ...sourcesOf(catalog, dataset, 'sourcedFrom'),
    ...sourcesOf(catalog, dataset, 'evaluatedOn'),
    ...sourcesOf(catalog, dataset, 'derivedFrom'),
  ];
  sections.push({
    heading: 'Consumers',
    ...(consumers.length === 0 ? { empty: 'Nothing uses this dataset.' } : { table: entitiesTable([...new Set(consumers)]) }),
  });
  return sections;
}

function featureViewView(catalog: Catalog, view: Entity): Section[] {
  const readers = catalog.incoming(view.identity).filter((r) => r.type === 'usesFeatures');
  const usedBy = (feature: string) => readers.filter((r) => r.member === undefined || r.member === feature).length;
  const sections: Section[] = [
    {
      heading: 'Feature view',
      facts: facts([
        relatedFact(catalog, view, 'sourcedFrom', 'Source'),
        ['TTL', view.spec.ttl],
        ['Online', view.spec.online === undefined ? undefined : view.spec.online ? 'yes' : 'no'],
      ]),
    },
    ...prose('Transformation', view.spec.transformation),
  ];
  const entities = list(view.spec.entities).filter(isRecord);
  if (entities.length > 0)
    sections.push({
      heading: 'Entities',
      table: table(
        ['Entity', 'Join keys'],
        entities.map((e) => [{ text: text(e.name) }, { text: list(e.joinKeys).map(text).join(', '), code: true }]),
      ),
    });
  const features = list(view.spec.features).filter(isRecord);
  sections.push({
    heading: 'Features',
    table: table(
      ['Feature', 'Type', 'PII', 'Lifecycle', 'Used by', 'Description'],
      features.map((f) => [
        { text: text(f.name), code: true },
        { text: text(f.type) },
        f.pii === true ? { text: 'PII', pill: 'severity-error' } : { text: '' },
        { text: text(f.lifecycle ?? 'active'), pill: `lifecycle-${text(f.lifecycle ?? 'active')}` },
        { text: String(usedBy(text(f.name))), numeric: true },
        { text: text(f.description) },
      ]),
      'features',
    ),
  });
  const consumers = [...new Set(readers.map((r) => r.source))].flatMap((id) => {
    const e = catalog.get(id);
    return e ? [e] : [];
  });
  sections.push({
    heading: 'Consumers',
    ...(consumers.length === 0 ? { empty: 'No model version reads these features.' } : { table: entitiesTable(consumers) }),
  });
  return sections;
}

function deploymentView(catalog: Catalog, deployment: Entity): Section[] {
  const monitoring = isRecord(deployment.spec.monitoring) ? deployment.spec.monitoring : {};
  const sections: Section[] = [
    {
      heading: 'Deployment',
      facts: facts([
        relatedFact(catalog, deployment, 'deploys', 'Model version'),
        relatedFact(catalog, deployment, 'runsOn', 'Runtime'),
        ['Environment', deployment.spec.environment],
        ['Endpoint', deployment.spec.endpoint, { code: true }],
        ['Traffic', deployment.spec.trafficPercent === undefined ? undefined : `${text(deployment.spec.trafficPercent)}%`],
      ]),
    },
    ...approvalsTable(catalog, deployment),
  ];
  const drift = isRecord(monitoring.driftThresholds) ? Object.entries(monitoring.driftThresholds) : [];
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

function runtimeView(catalog: Catalog, runtime: Entity): Section[] {
  const resources = isRecord(runtime.spec.resources) ? runtime.spec.resources : {};
  const gpu = isRecord(resources.gpu) ? resources.gpu : undefined;
  const env = isRecord(runtime.spec.env) ? Object.entries(runtime.spec.env) : [];
  const info = isRecord(runtime.spec.runtime) ? runtime.spec.runtime : {};
  const sections: Section[] = [
    {
      heading: 'Runtime',
      facts: facts([
        ['Image', runtime.spec.image, { code: true }],
        [
          'Runtime',
          [info.name, info.version]
            .filter((x) => x !== undefined)
            .map(text)
            .join(' '),
        ],
        ['CPU', resources.cpu],
        ['Memory', resources.memory],
        ['GPU', gpu ? `${text(gpu.count ?? 1)} × ${text(gpu.type)}` : undefined],
        ['Dependencies', runtime.spec.dependencies, { code: true }],
      ]),
    },
  ];
  if (env.length > 0)
    sections.push({
      heading: 'Environment',
      table: table(
        ['Variable', 'Value'],
        env.map(([k, v]) => [
          { text: k, code: true },
          { text: text(v), code: true },
        ]),
      ),
    });
  sections.push(...deploymentsTable(sourcesOf(catalog, runtime, 'runsOn'), catalog));
  return sections;
}

function teamView(catalog: Catalog, team: Entity): Section[] {
  const owned = sourcesOf(catalog, team, 'ownedBy');
  return [
    {
      heading: 'Team',
      facts: facts([
        ['Type', team.spec.type ?? 'team'],
        ['E-mail', team.spec.email],
        ['Chat', team.spec.chat],
        relatedFact(catalog, team, 'childOf', 'Part of'),
      ]),
    },
    ...(targetsOf(catalog, team, 'hasMember').length > 0
      ? [{ heading: 'Members', table: entitiesTable(targetsOf(catalog, team, 'hasMember')) }]
      : []),
    { heading: `Owns (${owned.length})`, ...(owned.length === 0 ? { empty: 'Owns nothing.' } : { table: entitiesTable(owned) }) },
  ];
}

function termView(catalog: Catalog, term: Entity): Section[] {
  const classified = [...new Set(sourcesOf(catalog, term, 'classifiedAs'))];
  return [
    {
      heading: 'Definition',
      html: renderMarkdown(term.spec.definition),
      facts: facts([['Synonyms', list(term.spec.synonyms).map(text).join(', ')], relatedFact(catalog, term, 'childOf', 'Broader term')]),
    },
    {
      heading: `Classifies (${classified.length})`,
      ...(classified.length === 0 ? { empty: 'Nothing is classified with this term.' } : { table: entitiesTable(classified) }),
    },
  ];
}

function evaluationView(catalog: Catalog, evaluation: Entity): Section[] {
  const source = isRecord(evaluation.spec.source) ? evaluation.spec.source : {};
  const metrics = list(evaluation.spec.metrics).filter(isRecord);
  return [
    {
      heading: 'Evaluation',
      facts: facts([
        relatedFact(catalog, evaluation, 'evaluates', 'Model version'),
        relatedFact(catalog, evaluation, 'evaluatedOn', 'Dataset'),
        ['Split', evaluation.spec.split],
        ['Date', evaluation.spec.date],
        ['Source', source.name],
      ]),
    },
    {
      heading: 'Metrics',
      table: table(
        ['Metric', 'Slice', 'Value', 'Threshold', 'Better', 'Confidence interval'],
        metrics.map((m) => {
          const ci = isRecord(m.ci) ? m.ci : undefined;
          return [
            { text: text(m.name) },
            { text: text(m.slice) },
            { text: text(m.value), numeric: true },
            { text: text(m.threshold), numeric: true },
            { text: m.higherIsBetter === false ? 'lower' : 'higher' },
            { text: ci ? `${text(ci.lower)} – ${text(ci.upper)}` : '' },
          ];
        }),
      ),
    },
  ];
}

const VIEWS: Record<Entity['kind'], (catalog: Catalog, entity: Entity) => Section[]> = {
  Model: modelView,
  ModelVersion: modelVersionView,
  Dataset: datasetView,
  FeatureView: featureViewView,
  Evaluation: evaluationView,
  RuntimeConfig: runtimeView,
  Deployment: deploymentView,
  Team: teamView,
  Term: termView,
};

export function kindSections(catalog: Catalog, entity: Entity): Section[] {
  return VIEWS[entity.kind](catalog, entity);
}
