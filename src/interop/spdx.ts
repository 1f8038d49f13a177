// Model versions and their datasets as an SPDX 3.0.1 JSON-LD document with the AI and Dataset
// profiles (https://spdx.github.io/spdx-spec/v3.0.1/): an ai_AIPackage per model version, a
// dataset_DatasetPackage per dataset it was trained or tested on, trainedOn / testedOn relationships,
// declared licenses as SPDX license expressions, artifact hashes. Deterministic for a given
// creation time, so the same catalog and time give the same bytes.

import { createHash } from 'node:crypto';
import type { CatalogReader } from '../catalog/catalog.js';
import { licenseName, sourcesOf, targetsOf, trainingDataOf } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { strings, text, type Json } from './mapping.js';
import { LicenseNotes } from './license-notes.js';
import { spdxLicense } from './spdx-license.js';

export interface SpdxOptions {
  toolVersion: string;
  /** CreationInfo.created: ISO 8601 in UTC, seconds precision. */
  created: string;
  warn: (message: string) => void;
}

const NO_ASSERTION_LICENSE = 'https://spdx.org/rdf/3.0.1/terms/SimpleLicensing/NoAssertionLicense';
const CREATION_INFO = '_:creationinfo';
const CONFIDENTIALITY: ReadonlyMap<string, string> = new Map([
  ['public', 'clear'],
  ['internal', 'green'],
  ['confidential', 'amber'],
  ['restricted', 'red'],
]);

export function spdxDocument(catalog: CatalogReader, versions: readonly Entity[], options: SpdxOptions): Json {
  const content = createHash('sha256')
    .update(versions.map((version) => version.identity).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const base = `urn:dossier:spdx:${content}:`;
  const idOf = (identity: string) => `${base}${encodeURIComponent(identity)}`;
  const graph: Json[] = [];
  const elements: string[] = [];
  const add = (element: Json) => {
    graph.push({ ...element, creationInfo: CREATION_INFO });
    elements.push(element.spdxId as string);
  };
  let relationshipCount = 0;
  const relate = (from: string, type: string, to: string[]) => {
    if (to.length > 0)
      add({ type: 'Relationship', spdxId: `${base}relationship-${(relationshipCount += 1)}`, from, relationshipType: type, to });
  };
  const licenses = new Map<string, string>();
  const notes = new LicenseNotes();
  const declareLicense = (entity: Entity, elementId: string) => {
    const name = licenseName(entity);
    const warnings: string[] = [];
    const expression = name === undefined ? undefined : spdxLicense(name, undefined, warnings);
    for (const warning of warnings) notes.add(warning, entity.identity);
    let licenseId = expression === undefined ? NO_ASSERTION_LICENSE : licenses.get(expression);
    if (licenseId === undefined && expression !== undefined) {
      licenseId = `${base}license-${encodeURIComponent(expression)}`;
      licenses.set(expression, licenseId);
      add({ type: 'simplelicensing_LicenseExpression', spdxId: licenseId, simplelicensing_licenseExpression: expression });
    }
    relate(elementId, 'hasDeclaredLicense', [licenseId as string]);
    // What the license really is has not been analysed: the AI profile asks for the concluded license all the same.
    relate(elementId, 'hasConcludedLicense', [NO_ASSERTION_LICENSE]);
  };

  const datasets = new Map<string, Entity>();
  const datasetId = (dataset: Entity) => {
    if (!datasets.has(dataset.identity)) datasets.set(dataset.identity, dataset);
    return idOf(dataset.identity);
  };
  const packages: string[] = [];
  for (const version of versions) {
    const model = targetsOf(catalog, version, 'versionOf')[0];
    const spec = model?.spec ?? {};
    const artifact = isRecord(version.spec.artifact) ? version.spec.artifact : {};
    const sha256 = text(artifact.sha256)?.replace(/^sha256:/, '');
    const uri = text(artifact.uri);
    const metrics = sourcesOf(catalog, version, 'evaluates').flatMap((evaluation) =>
      (Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []).flatMap((metric: unknown) =>
        isRecord(metric) && typeof metric.name === 'string' && typeof metric.value === 'number'
          ? [
              {
                type: 'DictionaryEntry',
                key: `${metric.name}${text(evaluation.spec.split) === undefined ? '' : ` (${String(evaluation.spec.split)})`}`,
                value: String(metric.value),
              },
            ]
          : [],
      ),
    );
    const training = isRecord(version.spec.training) ? version.spec.training : {};
    const hyperparameters = isRecord(training.hyperparameters) ? Object.entries(training.hyperparameters) : [];
    const limitations = strings(spec.limitations);
    const risk = text(spec.riskTier);
    const id = idOf(version.identity);
    packages.push(id);
    add({
      type: 'ai_AIPackage',
      spdxId: id,
      name: model?.name ?? version.name,
      ...(version.version === undefined ? {} : { software_packageVersion: version.version }),
      ...(text(version.metadata.description ?? model?.metadata.description) === undefined
        ? {}
        : { description: String(version.metadata.description ?? model?.metadata.description) }),
      software_primaryPurpose: 'model',
      ...(uri === undefined ? {} : { software_downloadLocation: uri }),
      ...(sha256 === undefined ? {} : { verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: sha256.toLowerCase() }] }),
      ...(text(spec.task) === undefined ? {} : { ai_typeOfModel: [String(spec.task)] }),
      ...(text(spec.intendedUse) === undefined ? {} : { ai_informationAboutApplication: String(spec.intendedUse) }),
      ...(limitations.length === 0 ? {} : { ai_limitation: limitations.join('\n') }),
      ...(risk === undefined ? {} : { ai_safetyRiskAssessment: risk }),
      ...(metrics.length === 0 ? {} : { ai_metric: metrics }),
      ...(hyperparameters.length === 0
        ? {}
        : { ai_hyperparameter: hyperparameters.map(([key, value]) => ({ type: 'DictionaryEntry', key, value: String(value) })) }),
    });
    if (model !== undefined) declareLicense(model, id);
    relate(id, 'trainedOn', [
      ...new Set(
        trainingDataOf(catalog, version)
          .filter((d) => d.role !== 'test')
          .map((d) => datasetId(d.dataset)),
      ),
    ]);
    const tested = [
      ...trainingDataOf(catalog, version)
        .filter((d) => d.role === 'test')
        .map((d) => d.dataset),
      ...sourcesOf(catalog, version, 'evaluates').flatMap((evaluation) => targetsOf(catalog, evaluation, 'evaluatedOn')),
    ];
    relate(id, 'testedOn', [...new Set(tested.map(datasetId))]);
  }
  for (const dataset of [...datasets.values()].sort((a, b) => (a.identity < b.identity ? -1 : 1))) {
    const spec = dataset.spec;
    const location = isRecord(spec.location) ? text(spec.location.uri) : undefined;
    const digest = text(spec.digest)?.replace(/^sha256:/, '');
    const id = idOf(dataset.identity);
    add({
      type: 'dataset_DatasetPackage',
      spdxId: id,
      name: dataset.name,
      ...(dataset.version === undefined ? {} : { software_packageVersion: dataset.version }),
      ...(text(dataset.metadata.description) === undefined ? {} : { description: String(dataset.metadata.description) }),
      software_primaryPurpose: 'data',
      software_downloadLocation: location ?? 'NOASSERTION',
      ...(digest === undefined ? {} : { verifiedUsing: [{ type: 'Hash', algorithm: 'sha256', hashValue: digest.toLowerCase() }] }),
      dataset_datasetType: ['noAssertion'],
      dataset_hasSensitivePersonalInformation: spec.containsPII === true ? 'yes' : spec.containsPII === false ? 'no' : 'noAssertion',
      ...(CONFIDENTIALITY.get(String(spec.classification)) === undefined
        ? {}
        : { dataset_confidentialityLevel: CONFIDENTIALITY.get(String(spec.classification)) }),
      ...(text(spec.intendedUse) === undefined ? {} : { dataset_intendedUse: String(spec.intendedUse) }),
      ...(text(spec.knownBiases) === undefined ? {} : { dataset_knownBias: [String(spec.knownBiases)] }),
      ...(text(spec.collection) === undefined ? {} : { dataset_dataCollectionProcess: String(spec.collection) }),
      ...(text(spec.preprocessing) === undefined ? {} : { dataset_dataPreprocessing: [String(spec.preprocessing)] }),
    });
    declareLicense(dataset, id);
  }
  notes.lines().forEach(options.warn);
  const agent = `${base}agent-dossier`;
  const tool = `${base}tool-dossier`;
  return {
    '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
    '@graph': [
      {
        type: 'CreationInfo',
        '@id': CREATION_INFO,
        specVersion: '3.0.1',
        created: options.created,
        createdBy: [agent],
        createdUsing: [tool],
      },
      { type: 'SoftwareAgent', spdxId: agent, creationInfo: CREATION_INFO, name: 'Dossier' },
      { type: 'Tool', spdxId: tool, creationInfo: CREATION_INFO, name: `dossier ${options.toolVersion}` },
      {
        type: 'SpdxDocument',
        spdxId: `${base}document`,
        creationInfo: CREATION_INFO,
        name: 'Dossier model versions',
        profileConformance: ['core', 'software', 'simpleLicensing', 'ai', 'dataset'],
        rootElement: packages,
        element: elements,
      },
      ...graph,
    ],
  };
}
