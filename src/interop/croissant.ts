// Croissant (https://docs.mlcommons.org/croissant/docs/croissant-spec.html), MLCommons' JSON-LD
// description of ML datasets, as Dossier Datasets: name, description, license, url, citation,
// version, publication date, the distribution's main file (location and sha256 digest), and the
// record sets' fields: one record set is the Dataset's schema; several are a Dataset each, with its
// own schema and location, derived from the described one.

import { parseBoundedJson } from '../source/bounded-json.js';
import { InputError } from '../ground/errors.js';
import { isRecord } from '../model/kinds.js';
import { CLASSIFICATION, CROISSANT_CONFORMS_TO, jsonLdText, localName, PII_NO, PII_YES } from './croissant-vocabulary.js';
import { locationsOf, readRecordSets, type Location, type RecordSet } from './croissant-record-sets.js';
import {
  accountForKeys,
  compactObject,
  dossierDocument,
  dossierName,
  dossierVersion,
  strings,
  text,
  WEB_URL,
  type Json,
  type KeyAccount,
  type KeyPolicy,
  type Mapping,
} from './mapping.js';
import { spdxLicense } from './spdx-license.js';

export { CROISSANT_CONFORMS_TO } from './croissant-vocabulary.js';

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
  'datePublished',
  'distribution',
  'recordSet',
  'keywords',
  'rai:dataBiases',
  'rai:dataCollection',
  'rai:dataPreprocessingProtocol',
  'rai:dataUseCases',
]);
const TOP_LEVEL: KeyPolicy = {
  mapped: MAPPED_TOP,
  dropped: new Map([['sdVersion', 'the version of the schema.org vocabulary the document is written in']]),
};

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
  /** The Dataset's name when the file gives none (`--name`). */
  name?: string | undefined;
  owner?: string | undefined;
  namespace?: string | undefined;
}

const SHA256 = /^[a-fA-F0-9]{64}$/;

/** `containsPII` and `classification` from `rai:personalSensitiveInformation`, where it says them as export writes them. */
function personalSensitiveInformation(value: unknown): Json {
  const sentences = text(value) ?? '';
  const containsPII = sentences.includes(PII_YES) ? true : sentences.includes(PII_NO) ? false : undefined;
  return compactObject({ containsPII, classification: CLASSIFICATION.exec(sentences)?.[1] });
}

/** The location a Dataset is at: the first FileObject, else the first FileSet (`locationsOf` keeps the distribution's order). */
function mainLocation(locations: ReadonlyMap<string, Location>): Location | undefined {
  const all = [...locations.values()];
  return all.find((location) => location.kind === 'FileObject') ?? all[0];
}

export function importCroissant(source: string, options: CroissantOptions): Mapping {
  const { file } = options;
  let value: unknown;
  try {
    value = parseBoundedJson(source);
  } catch (error) {
    throw new InputError(`${file}: not JSON-LD: ${(error as Error).message}`);
  }
  checkCroissant(value, file);
  const unmapped: string[] = [];
  const warnings: string[] = [];
  const sensitive = personalSensitiveInformation(value['rai:personalSensitiveInformation']);
  const account: KeyAccount = { mapped: [], unmapped, dropped: [] };
  // Free text about personal information is read where it says what export writes; otherwise it is reported.
  const mapped = Object.keys(sensitive).length > 0 ? new Set([...MAPPED_TOP, 'rai:personalSensitiveInformation']) : MAPPED_TOP;
  accountForKeys(value, file, { ...TOP_LEVEL, mapped }, account);
  const conformsTo = strings(value.conformsTo ?? value['dct:conformsTo']);
  if (conformsTo.length > 0 && !conformsTo.includes(CROISSANT_CONFORMS_TO))
    warnings.push(`${file}: conformsTo \`${conformsTo.join(', ')}\`: read as Croissant 1.0.`);

  const title = text(value.name) ?? text(options.name);
  if (title === undefined) throw new InputError(`${file}: name: a Croissant dataset needs a name; give it one with --name.`);
  const locations = locationsOf(value.distribution);
  const primary = mainLocation(locations);
  const uri = primary?.uri ?? text(value.url);
  if (uri === undefined) throw new InputError(`${file}: distribution: no contentUrl, includes or url says where the data is.`);
  const sha256 = primary?.sha256;
  if (sha256 !== undefined && !SHA256.test(sha256)) unmapped.push(`${file}: distribution sha256 \`${sha256}\` (not a SHA-256 digest)`);
  const { data, splits } = readRecordSets(value.recordSet, locations, file, unmapped, warnings);
  const own = data.length > 1 ? data : [];
  const located = new Set([primary?.id, ...own.map((set) => set.location?.id)]);
  for (const location of locations.values())
    if (!located.has(location.id)) unmapped.push(`${file}: distribution \`${location.id}\` (a Dataset has one location)`);

  const name = dossierName(title);
  const version = dossierVersion(value.version);
  if (value.version !== undefined && version === undefined)
    unmapped.push(`${file}: version \`${JSON.stringify(value.version)}\` (not a version string Dossier takes)`);
  const license = jsonLdText(value.license);
  const url = text(value.url);
  const citation = text(value.citeAs) ?? text(value.citation);
  const datePublished = jsonLdText(value.datePublished);
  const common = { namespace: options.namespace, version, owner: options.owner };
  const spdx = license === undefined ? undefined : spdxLicense(license, `${file}: license`, warnings);
  const dataset = dossierDocument(
    'Dataset',
    {
      name,
      ...common,
      title: text(value.alternateName) ?? (name === title ? undefined : title),
      description: text(value.description),
      tags: [...new Set(strings(value.keywords).map(dossierName))],
      annotations: compactObject({
        'mlcommons.org/croissant-cite-as': citation,
        'mlcommons.org/croissant-date-published': datePublished,
        'mlcommons.org/croissant-record-sets': own.length > 0 ? own.map((set) => set.name).join(', ') : undefined,
      }),
      links: url !== undefined && WEB_URL.test(url) ? [{ url, title: 'Homepage' }] : undefined,
    },
    {
      location: compactObject({ uri, format: primary?.format }),
      license: spdx,
      digest: sha256 !== undefined && SHA256.test(sha256) ? `sha256:${sha256.toLowerCase()}` : undefined,
      schema: data.length === 1 && (data[0]?.fields.length ?? 0) > 0 ? { fields: data[0]?.fields } : undefined,
      splits,
      knownBiases: text(value['rai:dataBiases']),
      collection: text(value['rai:dataCollection']),
      preprocessing: text(value['rai:dataPreprocessingProtocol']),
      intendedUse: text(value['rai:dataUseCases']),
      ...sensitive,
    },
  );
  const parent = `dataset:${name}${version === undefined ? '' : `@${version}`}`;
  const recordSetDataset = (set: RecordSet) =>
    dossierDocument(
      'Dataset',
      {
        name: dossierName(`${name}.${set.name}`),
        ...common,
        title: `${text(value.alternateName) ?? title}: ${set.name}`,
        description: set.description,
        annotations: { 'mlcommons.org/croissant-record-set': set.id },
      },
      {
        location: compactObject({ uri: set.location?.uri ?? uri, format: set.location?.format ?? primary?.format }),
        license: spdx,
        schema: set.fields.length > 0 ? { fields: set.fields } : undefined,
        derivedFrom: [parent],
      },
    );
  return { documents: [dataset, ...own.map(recordSetDataset)], unmapped, warnings, mapped: account.mapped, dropped: account.dropped };
}
