// A RuntimeConfig's page: image, runtime, resources, environment and the deployments that use it.

import type { CatalogReader } from '../../catalog/catalog.js';
import { sourcesOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { isRecord } from '../../model/kinds.js';
import { facts, fields, joined, tableSection, text, type Section } from './sections.js';
import { deploymentsTable } from './shared-tables.js';
import { pushAll } from '../../ground/collections.js';

type RuntimeSpec = 'image' | 'runtime' | 'resources' | 'env' | 'dependencies';
type Resources = 'cpu' | 'memory' | 'gpu';

export function runtimeConfigView(catalog: CatalogReader, runtime: Entity): Section[] {
  const spec = fields<RuntimeSpec>(runtime.spec);
  const resources = fields<Resources>(spec.resources);
  const gpu = isRecord(resources.gpu) ? fields<'count' | 'type'>(resources.gpu) : undefined;
  const info = fields<'name' | 'version'>(spec.runtime);
  const env = Object.entries(fields<string>(spec.env));
  const sections: Section[] = [
    {
      heading: 'Runtime',
      facts: facts([
        ['Image', spec.image, { code: true }],
        ['Runtime', joined([info.name, info.version], ' ')],
        ['CPU', resources.cpu],
        ['Memory', resources.memory],
        ['GPU', gpu ? `${text(gpu.count ?? 1)} × ${text(gpu.type)}` : undefined],
        ['Dependencies', spec.dependencies, { code: true }],
      ]),
    },
  ];
  sections.push(
    ...tableSection(
      'Environment',
      ['Variable', 'Value'],
      env.map(([k, v]) => [
        { text: k, code: true },
        { text: text(v), code: true },
      ]),
    ),
  );
  pushAll(sections, deploymentsTable(sourcesOf(catalog, runtime, 'runsOn'), catalog));
  return sections;
}
