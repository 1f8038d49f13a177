// Croissant 1.0's vocabulary as Dossier reads and writes it: the JSON-LD context, the data types
// (schema.org and cr: terms) and Dossier's type names for them, and how JSON-LD values are read.

import { isRecord } from '../model/kinds.js';
import { strings, text } from './mapping.js';

export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.0';

/** Croissant's data types (schema.org and cr: terms, by local name) and the type names Dossier writes. */
// A Map, not an object: a data type named `constructor` must not find Object.prototype's.
const FROM_CROISSANT: ReadonlyMap<string, string> = new Map([
  ['Text', 'string'],
  ['Integer', 'integer'],
  ['Float', 'float'],
  ['Number', 'float'],
  ['Boolean', 'boolean'],
  ['Date', 'date'],
  ['DateTime', 'timestamp'],
  ['Time', 'time'],
  ['URL', 'url'],
  ['ImageObject', 'image'],
  ['AudioObject', 'audio'],
  ['VideoObject', 'video'],
  ['BoundingBox', 'bounding-box'],
]);

const TO_CROISSANT: readonly [RegExp, string][] = [
  [/^(str|string|text|varchar|char|category|categorical|class_label)$/i, 'sc:Text'],
  [/^(int|integer|long|short|u?int(8|16|32|64))$/i, 'sc:Integer'],
  [/^(float|double|decimal|number|numeric|real|float(16|32|64))$/i, 'sc:Float'],
  [/^(bool|boolean)$/i, 'sc:Boolean'],
  [/^date$/i, 'sc:Date'],
  [/^(timestamp|datetime|timestamptz)$/i, 'sc:DateTime'],
  [/^time$/i, 'sc:Time'],
  [/^(url|uri)$/i, 'sc:URL'],
  [/^image$/i, 'sc:ImageObject'],
  [/^audio$/i, 'sc:AudioObject'],
  [/^video$/i, 'sc:VideoObject'],
  [/^bounding-box$/i, 'cr:BoundingBox'],
];

export const localName = (term: string) => term.replace(/^.*[:/#]/, '');

export function dossierType(dataType: unknown, where: string, warnings: string[]): string {
  const terms = strings(dataType);
  for (const term of terms) {
    const mapped = FROM_CROISSANT.get(localName(term));
    if (mapped !== undefined) return mapped;
  }
  const first = terms[0];
  if (first === undefined) return 'unknown';
  warnings.push(`${where}: data type \`${first}\` has no Dossier type name; kept as \`${localName(first).toLowerCase()}\`.`);
  return localName(first).toLowerCase();
}

/** The text of a value that JSON-LD may give as a string, a list or `{"@id": …}`. */
export const jsonLdText = (value: unknown): string | undefined =>
  text(value) ?? (isRecord(value) ? text(value['@id']) : Array.isArray(value) ? jsonLdText(value[0]) : undefined);

/** The context Croissant 1.0 documents carry (as the spec's examples and mlcroissant write it). */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

export function croissantType(type: string): string {
  return TO_CROISSANT.find(([pattern]) => pattern.test(type))?.[1] ?? 'sc:Text';
}

/** File formats Dossier files name by their usual name, as the MIME types Croissant's `encodingFormat` takes. */
const MIME_TYPES: ReadonlyMap<string, string> = new Map([
  ['parquet', 'application/x-parquet'],
  ['csv', 'text/csv'],
  ['tsv', 'text/tab-separated-values'],
  ['json', 'application/json'],
  ['jsonl', 'application/jsonlines'],
  ['jsonlines', 'application/jsonlines'],
  ['ndjson', 'application/jsonlines'],
  ['avro', 'application/avro'],
  ['arrow', 'application/vnd.apache.arrow.file'],
  ['orc', 'application/x-orc'],
  ['tfrecord', 'application/x-tfrecord'],
  ['txt', 'text/plain'],
  ['text', 'text/plain'],
  ['xml', 'application/xml'],
  ['zip', 'application/zip'],
  ['tar', 'application/x-tar'],
  ['gzip', 'application/gzip'],
  ['gz', 'application/gzip'],
]);

/** A location's format as a MIME type: one already (`text/csv`) as it is, a known name (`parquet`) as its type, else undefined. */
export function mimeType(format: string): string | undefined {
  if (/^[a-z]+\/[\w.+-]+$/i.test(format)) return format;
  return MIME_TYPES.get(format.toLowerCase().replace(/^\./, ''));
}

/** How export says in `rai:personalSensitiveInformation` whether a dataset holds personal data, and import reads it back. */
export const PII_YES = 'Contains personal data (PII).';
export const PII_NO = 'Contains no personal data (PII).';
/** `Classification: confidential.` in the same text. */
export const CLASSIFICATION = /\bClassification: (public|internal|confidential|restricted)\./;
