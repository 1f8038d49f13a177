// A Model's page: its model card, versions, metrics across versions and where it runs.

import type { CatalogReader } from '../../catalog/catalog.js';
import { licenseName, modelVersionsOf, sourcesOf, stageOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { formatCount } from '../numbers.js';
import { compareVersions } from '../trend-chart.js';
import { facts, fields, link, list, prose, records, resolvedEntity, table, tableSection, text, type Section } from './sections.js';
import { deploymentsTable } from './shared-tables.js';

type ModelSpec =
  | 'task'
  | 'framework'
  | 'architecture'
  | 'riskTier'
  | 'intendedUse'
  | 'outOfScopeUse'
  | 'limitations'
  | 'ethicalConsiderations'
  | 'baseModels';
type EthicalConsideration = 'name' | 'mitigation';
type BaseModel = 'ref' | 'hubId' | 'relation';

export function modelView(catalog: CatalogReader, model: Entity): Section[] {
  const spec = fields<ModelSpec>(model.spec);
  const versions = modelVersionsOf(catalog, model);
  const sections: Section[] = [
    {
      heading: 'Model card',
      facts: facts([
        ['Task', spec.task],
        ['Framework', spec.framework],
        ['Architecture', spec.architecture],
        ['License', licenseName(model)],
        ['Risk tier', spec.riskTier],
      ]),
    },
    ...prose('Intended use', spec.intendedUse),
    ...prose('Out-of-scope use', spec.outOfScopeUse),
    ...prose('Limitations', spec.limitations),
  ];
  const ethics = records<EthicalConsideration>(spec.ethicalConsiderations);
  sections.push(
    ...tableSection(
      'Ethical considerations',
      ['Consideration', 'Mitigation'],
      ethics.map((e) => [{ text: text(e.name) }, { text: text(e.mitigation) }]),
    ),
  );
  const bases = records<BaseModel>(spec.baseModels);
  sections.push(
    ...tableSection(
      'Base models',
      ['Base model', 'Relation'],
      bases.map((base, index) => {
        const entity = resolvedEntity(catalog, model, ['spec', 'baseModels', String(index), 'ref']);
        return [entity ? link(entity) : { text: text(base.hubId ?? base.ref), code: true }, { text: text(base.relation) }];
      }),
    ),
  );
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
  const comparison = compareVersions(catalog, versions);
  if (comparison.metrics.length > 0) {
    sections.push({
      heading: 'Metrics across versions',
      table: table(
        ['Metric', ...comparison.versions, 'Trend (up is better)', 'Since first'],
        comparison.metrics.map((m) => [
          {
            text: [
              `${m.name}${m.threshold === undefined ? '' : ` (${m.higherIsBetter ? '≥' : '≤'} ${m.threshold})`}`,
              ...(m.dataset === undefined ? [] : [`on ${m.dataset}`]),
              ...(m.slice === undefined ? [] : [`slice ${m.slice}`]),
            ].join(' · '),
          },
          ...m.values.map((v) => ({ text: v === undefined ? '–' : formatCount(v), numeric: true })),
          { text: '', svg: m.svg },
          m.verdict === '' ? { text: '' } : { text: m.verdict, pill: `trend-${m.verdict}` },
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
