// A ModelVersion's page: artifact, training run and data, features, signature, evaluations,
// approvals and deployments.

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf, stageOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import {
  facts,
  fields,
  joined,
  link,
  list,
  records,
  relatedFact,
  resolvedEntity,
  table,
  tableSection,
  text,
  type Section,
} from './sections.js';
import { formatBytes } from '../numbers.js';
import { approvalsTable, deploymentsTable, evaluationsTable } from './shared-tables.js';

type VersionSpec = 'artifact' | 'training' | 'aliases' | 'signature';
type Artifact = 'uri' | 'format' | 'sha256' | 'sizeBytes';
type Training = 'code' | 'run' | 'startedAt' | 'finishedAt' | 'datasets' | 'hyperparameters';
type Code = 'repo' | 'path' | 'commit';
type Run = 'tracker' | 'id';
type TrainingDataset = 'ref' | 'role';
type Tensor = 'name' | 'type' | 'shape';

export function modelVersionView(catalog: CatalogReader, version: Entity): Section[] {
  const spec = fields<VersionSpec>(version.spec);
  const artifact = fields<Artifact>(spec.artifact);
  const training = fields<Training>(spec.training);
  const code = fields<Code>(training.code);
  const run = fields<Run>(training.run);
  const sections: Section[] = [
    {
      heading: 'Version',
      facts: facts([
        relatedFact(catalog, version, 'versionOf', 'Model'),
        ['Stage', stageOf(version)],
        ['Aliases', list(spec.aliases).map(text).join(', ')],
        ['Artifact', artifact.uri, { code: true }],
        ['Format', artifact.format],
        ['SHA-256', artifact.sha256, { code: true }],
        ['Size', artifact.sizeBytes === undefined ? undefined : formatBytes(artifact.sizeBytes)],
        ['Code', joined([code.repo, code.path, code.commit], ' · ')],
        ['Run', joined([run.tracker, run.id], ' ')],
        ['Trained', joined([training.startedAt, training.finishedAt], ' → ')],
      ]),
    },
  ];
  const datasets = records<TrainingDataset>(training.datasets);
  sections.push({
    heading: 'Training data',
    ...(datasets.length === 0
      ? { empty: 'No training data recorded.' }
      : {
          table: table(
            ['Dataset', 'Role'],
            datasets.map((item, index) => {
              const dataset = resolvedEntity(catalog, version, ['spec', 'training', 'datasets', String(index), 'ref']);
              return [dataset ? link(dataset) : { text: text(item.ref), code: true }, { text: text(item.role) }];
            }),
          ),
        }),
  });
  const features = catalog.outgoing(version.identity).filter((r) => r.type === 'usesFeatures');
  sections.push(
    ...tableSection(
      'Features',
      ['Feature view', 'Feature'],
      features.map((r) => {
        const view = catalog.get(r.target);
        return [view ? link(view) : { text: r.target }, { text: r.member ?? 'all features' }];
      }),
    ),
  );
  const hyperparameters = Object.entries(fields<string>(training.hyperparameters));
  sections.push(
    ...tableSection(
      'Hyperparameters',
      ['Name', 'Value'],
      hyperparameters.map(([k, v]) => [{ text: k, code: true }, { text: text(v) }]),
    ),
  );
  const signature = fields<'inputs' | 'outputs'>(spec.signature);
  for (const [key, heading] of [
    ['inputs', 'Signature inputs'],
    ['outputs', 'Signature outputs'],
  ] as const) {
    const tensors = records<Tensor>(signature[key]);
    sections.push(
      ...tableSection(
        heading,
        ['Name', 'Type', 'Shape'],
        tensors.map((t) => [
          { text: text(t.name), code: true },
          { text: text(t.type) },
          { text: t.shape === undefined ? '' : JSON.stringify(t.shape) },
        ]),
      ),
    );
  }
  sections.push(
    ...evaluationsTable(catalog, version),
    ...approvalsTable(catalog, version),
    ...deploymentsTable(sourcesOf(catalog, version, 'deploys'), catalog),
  );
  return sections;
}
