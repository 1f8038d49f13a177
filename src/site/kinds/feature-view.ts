// A FeatureView's page: its source, entities, features with PII marks and who reads each.

import type { CatalogReader } from '../../catalog/catalog.js';
import type { Entity } from '../../model/entity.js';
import { facts, fields, list, prose, records, relatedFact, table, tableSection, text, yesNo, type Section } from './sections.js';

type FeatureViewSpec = 'ttl' | 'online' | 'transformation' | 'entities' | 'features';
type JoinEntity = 'name' | 'joinKeys';
type Feature = 'name' | 'type' | 'pii' | 'lifecycle' | 'description';

export function featureViewView(catalog: CatalogReader, view: Entity): Section[] {
  const spec = fields<FeatureViewSpec>(view.spec);
  const readers = catalog.incoming(view.identity).filter((r) => r.type === 'usesFeatures');
  const usedBy = (feature: string) => readers.filter((r) => r.member === undefined || r.member === feature).length;
  const sections: Section[] = [
    {
      heading: 'Feature view',
      facts: facts([relatedFact(catalog, view, 'sourcedFrom', 'Source'), ['TTL', spec.ttl], ['Online', yesNo(spec.online)]]),
    },
    ...prose('Transformation', spec.transformation),
  ];
  const entities = records<JoinEntity>(spec.entities);
  sections.push(
    ...tableSection(
      'Entities',
      ['Entity', 'Join keys'],
      entities.map((e) => [{ text: text(e.name) }, { text: list(e.joinKeys).map(text).join(', '), code: true }]),
    ),
  );
  const features = records<Feature>(spec.features);
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
  // What reads it is in its lineage and relations; that nothing does is said here.
  if (!readers.some((r) => catalog.get(r.source) !== undefined))
    sections.push({ heading: 'Consumers', empty: 'No model version reads these features.' });
  return sections;
}
