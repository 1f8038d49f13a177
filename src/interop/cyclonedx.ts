// Model versions as a CycloneDX 1.6 ML-BOM (https://cyclonedx.org/docs/1.6/json/): a
// `machine-learning-model` component per version with its model card (task, architecture, training
// data, performance metrics from evaluations, considerations), a `data` component per dataset it was
// trained or evaluated on, hashes, licenses as SPDX ids, and dependencies. Deterministic: the same
// catalog gives the same bytes, serial number included (derived from the content).

import { createHash } from 'node:crypto';
import type { CatalogReader } from '../catalog/catalog.js';
import { licenseName, sourcesOf, stageOf, targetsOf, trainingDataOf } from '../catalog/queries.js';
import type { Entity } from '../model/entity.js';
import { isRecord } from '../model/kinds.js';
import { spdxList, strings } from './mapping.js';

export interface BomOptions {
  toolVersion: string;
  /** `urn:uuid:…`; by default derived from the BOM's content, so the output is reproducible. */
  serialNumber?: string | undefined;
  /** Problems of the mapping that do not stop it (e.g. a license that is not an SPDX id). */
  warn: (message: string) => void;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function licensesOf(entity: Entity, warn: BomOptions['warn']): Json[] | undefined {
  const name = licenseName(entity);
  if (name === undefined) return undefined;
  const id = spdxList().fixupSpdxId(name);
  if (id !== undefined && spdxList().isSupportedSpdxId(id)) return [{ license: { id } }];
  warn(`license \`${name}\` is not an SPDX id; exported as a named license.`);
  const url = isRecord(entity.spec.license) ? text(entity.spec.license.url) : undefined;
  return [{ license: { name, ...(url === undefined ? {} : { url }) } }];
}

function dataComponent(dataset: Entity, warn: BomOptions['warn']): Json {
  const location = isRecord(dataset.spec.location) ? text(dataset.spec.location.uri) : undefined;
  const classification = text(dataset.spec.classification);
  const licenses = licensesOf(dataset, warn);
  const description = text(dataset.metadata.description);
  return {
    type: 'data',
    'bom-ref': dataset.identity,
    group: dataset.namespace,
    name: dataset.name,
    ...(dataset.version === undefined ? {} : { version: dataset.version }),
    ...(description === undefined ? {} : { description }),
    ...(licenses === undefined ? {} : { licenses }),
    data: [
      {
        type: 'dataset',
        name: dataset.name,
        ...(location === undefined ? {} : { contents: { url: location } }),
        ...(classification === undefined ? {} : { classification }),
        ...(dataset.spec.containsPII === true ? { sensitiveData: ['personally identifiable information'] } : {}),
        ...(description === undefined ? {} : { description }),
      },
    ],
  };
}

function performanceMetrics(catalog: CatalogReader, version: Entity): Json[] {
  return sourcesOf(catalog, version, 'evaluates').flatMap((evaluation) =>
    (Array.isArray(evaluation.spec.metrics) ? evaluation.spec.metrics : []).flatMap((metric: unknown) => {
      if (!isRecord(metric) || typeof metric.name !== 'string' || typeof metric.value !== 'number') return [];
      const ci = isRecord(metric.ci) ? metric.ci : undefined;
      const slice = [text(evaluation.spec.split), text(metric.slice)].filter((part) => part !== undefined).join(' / ');
      return [
        {
          type: metric.name,
          value: String(metric.value),
          ...(slice === '' ? {} : { slice }),
          ...(ci === undefined ? {} : { confidenceInterval: { lowerBound: String(ci.lower), upperBound: String(ci.upper) } }),
        },
      ];
    }),
  );
}

function modelCard(catalog: CatalogReader, version: Entity, model: Entity | undefined, datasets: readonly Entity[]): Json {
  const spec = model?.spec ?? {};
  const signature = isRecord(version.spec.signature) ? version.spec.signature : {};
  const formats = (side: unknown) =>
    (Array.isArray(side) ? side : []).flatMap((item: unknown) =>
      isRecord(item) && typeof item.type === 'string' ? [{ format: item.type }] : [],
    );
  const inputs = formats(signature.inputs);
  const outputs = formats(signature.outputs);
  // A consideration may have a name, a mitigation or both (FORMAT.md marks neither required), as a CycloneDX risk may.
  const ethical = (Array.isArray(spec.ethicalConsiderations) ? spec.ethicalConsiderations : []).flatMap((item: unknown) => {
    if (!isRecord(item)) return [];
    const risk = {
      ...(typeof item.name === 'string' ? { name: item.name } : {}),
      ...(typeof item.mitigation === 'string' ? { mitigationStrategy: item.mitigation } : {}),
    };
    return Object.keys(risk).length === 0 ? [] : [risk];
  });
  const considerations: Json = {
    ...(strings(spec.intendedUse).length > 0 ? { useCases: strings(spec.intendedUse) } : {}),
    ...(strings(spec.limitations).length > 0 || strings(spec.outOfScopeUse).length > 0
      ? { technicalLimitations: [...strings(spec.limitations), ...strings(spec.outOfScopeUse).map((use) => `Out of scope: ${use}`)] }
      : {}),
    ...(ethical.length > 0 ? { ethicalConsiderations: ethical } : {}),
  };
  const metrics = performanceMetrics(catalog, version);
  const task = text(spec.task);
  const architecture = text(spec.architecture);
  return {
    modelParameters: {
      ...(task === undefined ? {} : { task }),
      ...(architecture === undefined ? {} : { modelArchitecture: architecture }),
      ...(datasets.length > 0 ? { datasets: datasets.map((dataset) => ({ ref: dataset.identity })) } : {}),
      ...(inputs.length > 0 ? { inputs } : {}),
      ...(outputs.length > 0 ? { outputs } : {}),
    },
    ...(metrics.length > 0 ? { quantitativeAnalysis: { performanceMetrics: metrics } } : {}),
    ...(Object.keys(considerations).length > 0 ? { considerations } : {}),
  };
}

function modelComponent(catalog: CatalogReader, version: Entity, datasets: readonly Entity[], warn: BomOptions['warn']): Json {
  const model = targetsOf(catalog, version, 'versionOf')[0];
  const artifact = isRecord(version.spec.artifact) ? version.spec.artifact : {};
  const sha256 = text(artifact.sha256);
  const uri = text(artifact.uri);
  const licenses = model === undefined ? undefined : licensesOf(model, warn);
  const description = text(version.metadata.description) ?? text(model?.metadata.description);
  return {
    type: 'machine-learning-model',
    'bom-ref': version.identity,
    group: version.namespace,
    name: model?.name ?? version.name,
    ...(version.version === undefined ? {} : { version: version.version }),
    ...(description === undefined ? {} : { description }),
    ...(licenses === undefined ? {} : { licenses }),
    ...(sha256 === undefined ? {} : { hashes: [{ alg: 'SHA-256', content: sha256 }] }),
    ...(uri === undefined ? {} : { externalReferences: [{ type: 'distribution', url: uri }] }),
    modelCard: modelCard(catalog, version, model, datasets),
    properties: [
      { name: 'dossier:stage', value: stageOf(version) },
      { name: 'dossier:lifecycle', value: version.lifecycle },
      ...(model === undefined ? [] : [{ name: 'dossier:model', value: model.identity }]),
    ],
  };
}

/** A reproducible `urn:uuid:` (a name-based UUID, version 5 layout) from the BOM's content. */
function serialOf(content: string): string {
  const hex = createHash('sha1').update(content).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

export function cyclonedxBom(catalog: CatalogReader, versions: readonly Entity[], options: BomOptions): Json {
  const datasets = new Map<string, Entity>();
  const components: Json[] = [];
  const dependencies: Json[] = [];
  for (const version of versions) {
    const trained = [...new Map(trainingDataOf(catalog, version).map((data) => [data.dataset.identity, data.dataset])).values()];
    const evaluated = sourcesOf(catalog, version, 'evaluates').flatMap((evaluation) => targetsOf(catalog, evaluation, 'evaluatedOn'));
    const used = [...new Map([...trained, ...evaluated].map((dataset) => [dataset.identity, dataset])).values()];
    for (const dataset of used) datasets.set(dataset.identity, dataset);
    components.push(modelComponent(catalog, version, trained, options.warn));
    const bases = targetsOf(catalog, version, 'versionOf').flatMap((model) => targetsOf(catalog, model, 'basedOn'));
    const dependsOn = [...trained.map((d) => d.identity), ...bases.flatMap((base) => versionsIn(versions, base))];
    if (dependsOn.length > 0) dependencies.push({ ref: version.identity, dependsOn: [...new Set(dependsOn)].sort() });
  }
  for (const dataset of [...datasets.values()].sort((a, b) => (a.identity < b.identity ? -1 : 1)))
    components.push(dataComponent(dataset, options.warn));
  const body = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { tools: { components: [{ type: 'application', name: 'dossier', version: options.toolVersion }] } },
    components,
    ...(dependencies.length > 0 ? { dependencies } : {}),
  };
  return { ...body, serialNumber: options.serialNumber ?? serialOf(JSON.stringify(body)) };
}

/** The versions of a base model that are in the BOM: dependencies may only name components present. */
function versionsIn(versions: readonly Entity[], model: Entity): string[] {
  return versions
    .filter((version) => version.groupKey === `modelversion:${model.namespace}/${model.name}`)
    .map((version) => version.identity);
}
