// A Dossier Dataset as a Croissant 1.0 document (https://docs.mlcommons.org/croissant/docs/croissant-spec.html):
// name, description, license, url, citation, version, the RAI fields, the data's file and a record set
// of the schema's fields and one of its splits.

import { licenseName } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { strings, text, WEB_URL, type Json } from './mapping.js';
import { CROISSANT_CONFORMS_TO, CROISSANT_CONTEXT, croissantType } from './croissant-vocabulary.js';

/** A Dataset as a Croissant 1.0 document; what Croissant requires and Dossier lacks is named in warnings. */
export function croissantOf(dataset: Entity, warn: (message: string) => void): Json {
  const spec = dataset.spec;
  const location = isRecord(spec.location) ? spec.location : {};
  const uri = text(location.uri) ?? '';
  const title = text(dataset.metadata.title) ?? dataset.name;
  const annotations = isRecord(dataset.metadata.annotations) ? dataset.metadata.annotations : {};
  const homepage = (Array.isArray(dataset.metadata.links) ? dataset.metadata.links : [])
    .filter(isRecord)
    .map((link) => text(link.url))
    // Web links only: a `javascript:` link that failed the schema is not carried into the export.
    .find((url) => url !== undefined && WEB_URL.test(url));
  const url = homepage ?? (WEB_URL.test(uri) ? uri : undefined);
  if (url === undefined) warn(`${dataset.identity}: Croissant requires a url; the dataset has no link and its location is not a web URL.`);
  const license = licenseName(dataset);
  if (license === undefined) warn(`${dataset.identity}: Croissant requires a license; the dataset has none.`);
  const digest = typeof spec.digest === 'string' ? spec.digest.replace(/^sha256:/, '') : undefined;
  const fields = (isRecord(spec.schema) && Array.isArray(spec.schema.fields) ? spec.schema.fields : []).filter(isRecord);
  const splits = (Array.isArray(spec.splits) ? spec.splits : []).filter(isRecord);
  const recordSets: Json[] = [];
  if (fields.length > 0)
    recordSets.push({
      '@type': 'cr:RecordSet',
      '@id': 'records',
      name: 'records',
      field: fields.map((field) => ({
        '@type': 'cr:Field',
        '@id': `records/${String(field.name)}`,
        name: String(field.name),
        ...(typeof field.description === 'string' ? { description: field.description } : {}),
        dataType: croissantType(String(field.type)),
        source: { fileObject: { '@id': 'data' }, extract: { column: String(field.name) } },
      })),
    });
  if (splits.length > 0)
    recordSets.push({
      '@type': 'cr:RecordSet',
      '@id': 'splits',
      name: 'splits',
      dataType: 'cr:Split',
      key: { '@id': 'splits/name' },
      field: [{ '@type': 'cr:Field', '@id': 'splits/name', name: 'splits/name', dataType: 'sc:Text' }],
      data: splits.map((split) => ({ 'splits/name': String(split.name) })),
    });
  const keywords = strings(dataset.metadata.tags);
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: CROISSANT_CONFORMS_TO,
    name: dataset.name,
    ...(title === dataset.name ? {} : { alternateName: title }),
    description: text(dataset.metadata.description) ?? title,
    ...(license === undefined ? {} : { license }),
    ...(url === undefined ? {} : { url }),
    ...(dataset.version === undefined ? {} : { version: dataset.version }),
    ...(text(annotations['mlcommons.org/croissant-cite-as']) === undefined
      ? {}
      : { citeAs: annotations['mlcommons.org/croissant-cite-as'] }),
    ...(text(annotations['mlcommons.org/croissant-date-published']) === undefined
      ? {}
      : { datePublished: annotations['mlcommons.org/croissant-date-published'] }),
    ...(keywords.length > 0 ? { keywords } : {}),
    ...(typeof spec.knownBiases === 'string' ? { 'rai:dataBiases': spec.knownBiases } : {}),
    ...(typeof spec.collection === 'string' ? { 'rai:dataCollection': spec.collection } : {}),
    ...(typeof spec.preprocessing === 'string' ? { 'rai:dataPreprocessingProtocol': spec.preprocessing } : {}),
    ...(typeof spec.intendedUse === 'string' ? { 'rai:dataUseCases': spec.intendedUse } : {}),
    distribution: [
      {
        '@type': 'cr:FileObject',
        '@id': 'data',
        name: 'data',
        contentUrl: uri,
        encodingFormat: text(location.format) ?? 'application/octet-stream',
        ...(digest === undefined ? {} : { sha256: digest }),
      },
    ],
    ...(recordSets.length > 0 ? { recordSet: recordSets } : {}),
  };
}
