// A Dataset's page: where the data lives, its license and classification, schema with PII marks,
// splits, versions and what reads it.

import type { CatalogReader } from '../../catalog/catalog.js';
import { licenseName, sourcesOf } from '../../catalog/queries.js';
import type { Entity } from '../../model/entity.js';
import { inVersionOrder } from '../../model/version-order.js';
import { formatBytes, formatCount } from '../numbers.js';
import { entitiesTable, facts, fields, list, prose, records, tableSection, text, yesNo, type Section } from './sections.js';

type DatasetSpec =
  | 'location'
  | 'classification'
  | 'containsPII'
  | 'retention'
  | 'digest'
  | 'collection'
  | 'preprocessing'
  | 'knownBiases'
  | 'intendedUse'
  | 'schema'
  | 'splits';
type SchemaField = 'name' | 'type' | 'pii' | 'description' | 'terms';
type Split = 'name' | 'rows' | 'bytes';

export function datasetView(catalog: CatalogReader, dataset: Entity): Section[] {
  const spec = fields<DatasetSpec>(dataset.spec);
  const location = fields<'uri' | 'format'>(spec.location);
  const sections: Section[] = [
    {
      heading: 'Data',
      facts: facts([
        ['Location', location.uri, { code: true }],
        ['Format', location.format],
        ['License', licenseName(dataset)],
        ['Classification', spec.classification],
        ['Contains PII', yesNo(spec.containsPII)],
        ['Retention', spec.retention],
        ['Digest', spec.digest, { code: true }],
      ]),
    },
    ...prose('Collection', spec.collection),
    ...prose('Preprocessing', spec.preprocessing),
    ...prose('Known biases', spec.knownBiases),
    ...prose('Intended use', spec.intendedUse),
  ];
  const schemaFields = records<SchemaField>(fields<'fields'>(spec.schema).fields);
  sections.push(
    ...tableSection(
      'Schema',
      ['Field', 'Type', 'PII', 'Description', 'Terms'],
      schemaFields.map((f) => [
        { text: text(f.name), code: true },
        { text: text(f.type) },
        f.pii === true ? { text: 'PII', pill: 'severity-error' } : { text: '' },
        { text: text(f.description) },
        { text: list(f.terms).map(text).join(', ') },
      ]),
      'fields',
    ),
  );
  const splits = records<Split>(spec.splits);
  sections.push(
    ...tableSection(
      'Splits',
      ['Split', 'Rows', 'Bytes'],
      splits.map((s) => [
        { text: text(s.name) },
        { text: formatCount(s.rows), numeric: true },
        { text: s.bytes === undefined ? '' : formatBytes(s.bytes), numeric: true },
      ]),
    ),
  );
  const versions = catalog.versionsOf(dataset.groupKey);
  if (versions.length > 1)
    sections.push({
      heading: 'Versions',
      // Newest first: of a thousand daily snapshots, the recent ones are shown.
      table: entitiesTable([...inVersionOrder(versions)].reverse(), (v) => [{ text: catalog.latest(v.groupKey) === v ? 'latest' : '' }], [
        '',
      ]),
    });
  const consumers = [
    ...sourcesOf(catalog, dataset, 'trainedOn'),
    ...sourcesOf(catalog, dataset, 'sourcedFrom'),
    ...sourcesOf(catalog, dataset, 'evaluatedOn'),
    ...sourcesOf(catalog, dataset, 'derivedFrom'),
  ];
  // What uses it is in its lineage and relations; that nothing does is said here.
  if (consumers.length === 0) sections.push({ heading: 'Consumers', empty: 'Nothing uses this dataset.' });
  return sections;
}
