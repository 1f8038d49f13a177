// Croissant 1.0 (https://docs.mlcommons.org/croissant/docs/croissant-spec.html), MLCommons' JSON-LD
// description of ML datasets, to and from a Dossier Dataset: name, description, license, url,
// citation, version, the distribution's files (location and sha256 digest), each record set's
// fields (Croissant data types mapped to type names) and the splits a `cr:Split` record set lists.

import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { InputError } from '../ground/errors.js';
import { licenseName } from '../catalog/queries.js';
import {
  dossierDocument,
  dossierName,
  dossierVersion,
  parseJsonInput,
  strings,
  text,
  WEB_URL,
  type Json,
  type Mapping,
} from './mapping.js';
import { spdxLicense } from './spdx-license.js';

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

const localName = (term: string) => term.replace(/^.*[:/#]/, '');

const MAPPED_TOP = new Set([
  '@context',
  '@type',
  'conformsTo',
  'dct:conformsTo',
  'name',
  'alternateName',
  'description',
  'license',
  'url',
  'citeAs',
  'citation',
  'version',
  'distribution',
  'recordSet',
  'keywords',
  'rai:dataBiases',
  'rai:dataCollection',
  'rai:dataPreprocessingProtocol',
  'rai:dataUseCases',
  'rai:personalSensitiveInformation',
]);

function dossierType(dataType: unknown, where: string, warnings: string[]): string {
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
const jsonLdText = (value: unknown): string | undefined =>
  text(value) ?? (isRecord(value) ? text(value['@id']) : Array.isArray(value) ? jsonLdText(value[0]) : undefined);

function checkCroissant(value: unknown, file: string): asserts value is Json {
  if (!isRecord(value)) throw new InputError(`${file}: not Croissant: the document is not a JSON-LD object.`);
  const type = strings(value['@type']).map(localName);
  if (!type.includes('Dataset'))
    throw new InputError(`${file}: @type: not Croissant: a Croissant document is a schema.org Dataset (@type sc:Dataset).`);
  const conformsTo = strings(value.conformsTo ?? value['dct:conformsTo']);
  const context = isRecord(value['@context']) ? value['@context'] : {};
  if (!conformsTo.some((uri) => uri.startsWith('http://mlcommons.org/croissant/')) && context.cr === undefined)
    throw new InputError(`${file}: conformsTo: not Croissant: it names no http://mlcommons.org/croissant/ version and no cr: context.`);
}

interface CroissantOptions {
  file: string;
  owner?: string | undefined;
  namespace?: string | undefined;
}

export function importCroissant(source: string, options: CroissantOptions): Mapping {
  const { file } = options;
  let value: unknown;
  try {
    value = parseJsonInput(source);
  } catch (error) {
    throw new InputError(`${file}: not JSON-LD: ${(error as Error).message}`);
  }
  checkCroissant(value, file);
  const unmapped: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(value)) if (!MAPPED_TOP.has(key)) unmapped.push(`${file}: ${key}`);
  const conformsTo = strings(value.conformsTo ?? value['dct:conformsTo']);
  if (conformsTo.length > 0 && !conformsTo.includes(CROISSANT_CONFORMS_TO))
    warnings.push(`${file}: conformsTo \`${conformsTo.join(', ')}\`: read as Croissant 1.0.`);

  const title = text(value.name);
  if (title === undefined) throw new InputError(`${file}: name: a Croissant dataset needs a name.`);
  const files = (Array.isArray(value.distribution) ? value.distribution : [value.distribution]).filter(isRecord);
  const fileObjects = files.filter((item) => strings(item['@type']).some((type) => localName(type) === 'FileObject'));
  const primary = fileObjects.find((item) => text(item.contentUrl) !== undefined);
  const fileSet = files.find((item) => strings(item['@type']).some((type) => localName(type) === 'FileSet'));
  for (const item of files)
    if (item !== primary) unmapped.push(`${file}: distribution \`${String(item['@id'] ?? item.name)}\` (a Dataset has one location)`);
  const sha256 = text(primary?.sha256);
  if (sha256 !== undefined && !/^[a-fA-F0-9]{64}$/.test(sha256))
    unmapped.push(`${file}: distribution sha256 \`${sha256}\` (not a SHA-256 digest)`);
  const uri = text(primary?.contentUrl) ?? text(fileSet?.includes) ?? text(value.url);
  if (uri === undefined) throw new InputError(`${file}: distribution: no contentUrl, includes or url says where the data is.`);

  const recordSets = (Array.isArray(value.recordSet) ? value.recordSet : [value.recordSet]).filter(isRecord);
  const splitSets = recordSets.filter((set) => strings(set.dataType).some((type) => localName(type) === 'Split'));
  const dataSets = recordSets.filter((set) => !splitSets.includes(set));
  const seen = new Set<string>();
  const fields = dataSets.flatMap((set) =>
    (Array.isArray(set.field) ? set.field : [set.field]).filter(isRecord).flatMap((field) => {
      const fieldName = text(field.name) ?? text(field['@id']);
      if (fieldName === undefined) return [];
      const setName = text(set.name) ?? text(set['@id']) ?? 'records';
      // One record set: its fields by their own names; several: each qualified by its set, as Croissant 1.0 names them.
      const name =
        dataSets.length === 1 ? fieldName.replace(`${setName}/`, '') : fieldName.includes('/') ? fieldName : `${setName}/${fieldName}`;
      if (seen.has(name)) {
        unmapped.push(`${file}: recordSet field \`${name}\` (named twice)`);
        return [];
      }
      seen.add(name);
      if (field.subField !== undefined) unmapped.push(`${file}: recordSet field \`${name}\`.subField`);
      const description = text(field.description);
      return [
        {
          name,
          type: dossierType(field.dataType, `${file}: field ${name}`, warnings),
          ...(description === undefined ? {} : { description }),
        },
      ];
    }),
  );
  const splits = splitSets.flatMap((set) =>
    (Array.isArray(set.data) ? set.data : []).filter(isRecord).flatMap((row) => {
      const splitName = Object.values(row).find((cell): cell is string => typeof cell === 'string');
      return splitName === undefined ? [] : [{ name: splitName }];
    }),
  );
  const license = jsonLdText(value.license);
  const url = text(value.url);
  const citation = text(value.citeAs) ?? text(value.citation);
  const version = dossierVersion(value.version);
  if (value.version !== undefined && version === undefined)
    unmapped.push(`${file}: version \`${JSON.stringify(value.version)}\` (not a version string Dossier takes)`);
  return {
    documents: [
      dossierDocument(
        'Dataset',
        {
          name: dossierName(title),
          namespace: options.namespace,
          version,
          title: text(value.alternateName) ?? (dossierName(title) === title ? undefined : title),
          description: text(value.description),
          owner: options.owner,
          tags: [...new Set(strings(value.keywords).map(dossierName))],
          annotations: citation === undefined ? undefined : { 'mlcommons.org/croissant-cite-as': citation },
          links: url !== undefined && WEB_URL.test(url) ? [{ url, title: 'Homepage' }] : undefined,
        },
        {
          location: { uri, format: text(primary?.encodingFormat) ?? text(fileSet?.encodingFormat) },
          license: license === undefined ? undefined : spdxLicense(license, `${file}: license`, warnings),
          digest: sha256 !== undefined && /^[a-fA-F0-9]{64}$/.test(sha256) ? `sha256:${sha256.toLowerCase()}` : undefined,
          schema: fields.length > 0 ? { fields } : undefined,
          splits,
          knownBiases: text(value['rai:dataBiases']),
          collection: text(value['rai:dataCollection']),
          preprocessing: text(value['rai:dataPreprocessingProtocol']),
          intendedUse: text(value['rai:dataUseCases']),
        },
      ),
    ],
    unmapped,
    warnings,
  };
}

// ----- export -----

/** The context Croissant 1.0 documents carry (as the spec's examples and mlcroissant write it). */
const CROISSANT_CONTEXT = {
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

function croissantType(type: string): string {
  return TO_CROISSANT.find(([pattern]) => pattern.test(type))?.[1] ?? 'sc:Text';
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
