// A Dossier Dataset as a Croissant 1.0 document (https://docs.mlcommons.org/croissant/docs/croissant-spec.html):
// name, description, license, url, citation, version, the RAI fields, the data's file and a record set
// of the schema's fields and one of its splits.

import { licenseName } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { strings, text, WEB_URL, type Json } from './mapping.js';
import { CROISSANT_CONFORMS_TO, CROISSANT_CONTEXT, croissantType, mimeType, PII_NO, PII_YES } from './croissant-vocabulary.js';

/** A location that is many files: a prefix (`s3://lake/transactions/2024-06/`) or a glob. */
const isFileSet = (uri: string) => uri.endsWith('/') || /[*?[]/.test(uri);

/**
 * The dataset's files: a FileObject (with the digest as its sha256) for one file, a FileSet whose
 * `includes` is the prefix's files for a prefix or glob (a set of files has no sha256 in Croissant);
 * `encodingFormat` a MIME type.
 */
function distributionOf(dataset: Entity, warn: (message: string) => void): Json {
  const location = isRecord(dataset.spec.location) ? dataset.spec.location : {};
  const uri = text(location.uri) ?? '';
  const format = text(location.format);
  const encodingFormat = format === undefined ? undefined : mimeType(format);
  if (format !== undefined && encodingFormat === undefined)
    warn(
      `${dataset.identity}: format \`${format}\` has no MIME type Croissant's encodingFormat takes; written as application/octet-stream.`,
    );
  const digest = typeof dataset.spec.digest === 'string' ? dataset.spec.digest.replace(/^sha256:/, '') : undefined;
  const common = { '@id': 'data', name: 'data', encodingFormat: encodingFormat ?? 'application/octet-stream' };
  if (!isFileSet(uri)) return { '@type': 'cr:FileObject', ...common, contentUrl: uri, ...(digest === undefined ? {} : { sha256: digest }) };
  if (digest !== undefined)
    warn(`${dataset.identity}: the digest is not exported: its location is a set of files, and a Croissant FileSet has no sha256.`);
  return { '@type': 'cr:FileSet', ...common, includes: uri.endsWith('/') ? `${uri}*` : uri };
}

/**
 * What Croissant's RAI vocabulary asks about personal and sensitive information, from `containsPII`,
 * the fields marked `pii` and `classification`, in sentences import reads back.
 */
function personalSensitiveInformation(dataset: Entity): Json {
  const spec = dataset.spec;
  const fields = (isRecord(spec.schema) && Array.isArray(spec.schema.fields) ? spec.schema.fields : []).filter(isRecord);
  const personal = fields.filter((field) => field.pii === true);
  const sentences = [
    ...(spec.containsPII === true ? [PII_YES] : spec.containsPII === false ? [PII_NO] : []),
    ...(personal.length > 0 ? [`Fields with personal data: ${personal.map((field) => String(field.name)).join(', ')}.`] : []),
    ...(typeof spec.classification === 'string' ? [`Classification: ${spec.classification}.`] : []),
  ];
  return sentences.length === 0 ? {} : { 'rai:personalSensitiveInformation': sentences.join(' ') };
}

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
  const file = distributionOf(dataset, warn);
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
        source: { [file['@type'] === 'cr:FileSet' ? 'fileSet' : 'fileObject']: { '@id': 'data' }, extract: { column: String(field.name) } },
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
    ...personalSensitiveInformation(dataset),
    distribution: [file],
    ...(recordSets.length > 0 ? { recordSet: recordSets } : {}),
  };
}
