// `dossier export`: the compiled catalog in a standard other tools read: CycloneDX and SPDX bills of
// materials of model versions, Hugging Face model cards of models, Croissant descriptions of datasets.

import type { CatalogReader } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { UsageError } from '../ground/errors.js';
import { pathSegment } from '../ground/path-segment.js';
import { stableStringify } from '../ground/stable-json.js';
import { croissantOf } from '../interop/croissant-export.js';
import { cyclonedxBom } from '../interop/cyclonedx.js';
import { modelCardOf } from '../interop/hf-model-card-export.js';
import { spdxDocument } from '../interop/spdx.js';
import type { Entity } from '../model/entity.js';
import { targetsOf } from '../catalog/queries.js';
import { DEFAULT_NAMESPACE, parseReference } from '../model/reference.js';
import { compileProject, type CompileOptions } from './compile-project.js';

export const EXPORT_FORMATS = ['cyclonedx', 'spdx', 'hf-model-card', 'croissant'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  cwd: string;
  config: DossierConfig;
  format: ExportFormat;
  /** Entity references; none: every model (or, for croissant, every dataset). */
  entities: readonly string[];
  toolVersion: string;
  serialNumber?: string | undefined;
  /** SPDX's creation time (ISO 8601, UTC); default now. */
  created?: string | undefined;
  /** hf-model-card: the version a card shows; default the one in production, else the latest. */
  version?: string | undefined;
  fetch?: CompileOptions;
}

export interface ExportedDocument {
  /** Where it goes under an output folder: `bom.cdx.json`, `[<namespace>/]<model>/README.md`, `[<namespace>/]<dataset>.json`. */
  path: string;
  text: string;
}

export interface Exported {
  documents: ExportedDocument[];
  /** Whether the format writes one document (a BOM) rather than one per entity. */
  single: boolean;
  /** What the mapping could not carry over exactly. */
  warnings: string[];
}

/** The entities of the given kinds a list of references means; a Model reference also means its versions. */
function selectFrom(catalog: CatalogReader, references: readonly string[], kinds: readonly string[]): Entity[] {
  const local = catalog.entities.filter((entity) => entity.origin === undefined);
  const wanted = local.filter((entity) => kinds.includes(entity.kind));
  if (references.length === 0) return wanted;
  const found = references.flatMap((text) => {
    const parsed = parseReference(text);
    if (!parsed.ok) throw new UsageError(`\`${text}\` is not an entity reference: ${parsed.reason}.`);
    const { kind, namespace = DEFAULT_NAMESPACE, name, version } = parsed.reference;
    const matches = wanted.filter(
      (entity) =>
        entity.namespace === namespace &&
        (kind === undefined || entity.kindSlug === kind || (kind === 'model' && entity.kind === 'ModelVersion')) &&
        (entity.name === name || (entity.kind === 'ModelVersion' && entity.spec.model === name)) &&
        (version === undefined || entity.version === version || entity.kind === 'Model'),
    );
    if (matches.length === 0)
      throw new UsageError(
        `Nothing to export matches \`${text}\` (this format takes: ${kinds.join(', ')}). Check the name with \`dossier compile\`.`,
      );
    return matches;
  });
  return [...new Map(found.map((entity) => [entity.identity, entity])).values()];
}

/** Models of the selected entities: a model version stands for its model. */
function modelsOf(catalog: CatalogReader, entities: readonly Entity[]): Entity[] {
  const models = entities.flatMap((entity) => (entity.kind === 'Model' ? [entity] : targetsOf(catalog, entity, 'versionOf')));
  return [...new Map(models.map((model) => [model.identity, model])).values()];
}

/**
 * The folder of an entity's document under --out: none for the default namespace, the namespace's
 * name for the others, so that `d` in two namespaces gives two files.
 */
function namespaceFolder(entity: Entity): string {
  return entity.namespace === DEFAULT_NAMESPACE ? '' : `${pathSegment(entity.namespace)}/`;
}

/**
 * Documents one per entity, refused when two would go to one path (compared as a case-insensitive
 * file system would): one would overwrite the other.
 */
function perEntity(entities: readonly Entity[], document: (entity: Entity) => ExportedDocument): ExportedDocument[] {
  const byPath = new Map<string, Entity>();
  const clashes: string[] = [];
  const documents = entities.map((entity) => {
    const exported = document(entity);
    const key = exported.path.normalize('NFC').toLowerCase();
    const other = byPath.get(key);
    if (other === undefined) byPath.set(key, entity);
    else clashes.push(`  ${exported.path}: ${other.identity} and ${entity.identity}`);
    return exported;
  });
  if (clashes.length > 0)
    throw new UsageError(
      `Two entities would be exported to one file, and one would overwrite the other:\n${clashes.join('\n')}\nExport them one at a time, naming each.`,
    );
  return documents;
}

export async function exportCatalog(options: ExportOptions): Promise<Exported> {
  const compiled = await compileProject(options.config, options.cwd, options.fetch);
  const { catalog } = compiled;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  // What its schema refuses is not exported: another tool would take what Dossier itself does not.
  const invalid = new Set(
    compiled.diagnostics.filter((d) => d.severity === 'error' && d.ruleId.startsWith('schema/')).map((d) => d.entity),
  );
  const valid = (entities: Entity[]) =>
    entities.filter((entity) => {
      if (!invalid.has(entity.identity)) return true;
      warn(`${entity.identity}: not exported: it does not pass its schema (run \`dossier lint\`).`);
      return false;
    });
  const select = (references: readonly string[], kinds: readonly string[]) => valid(selectFrom(catalog, references, kinds));
  const done = (documents: ExportedDocument[], single: boolean): Exported => ({ documents, single, warnings: [...new Set(warnings)] });
  if (options.version !== undefined && options.format !== 'hf-model-card')
    throw new UsageError(`--version is for hf-model-card (the version a card shows), not ${options.format}.`);
  switch (options.format) {
    case 'cyclonedx': {
      const versions = select(options.entities, ['ModelVersion']);
      const bom = cyclonedxBom(catalog, versions, { toolVersion: options.toolVersion, serialNumber: options.serialNumber, warn });
      return done([{ path: 'bom.cdx.json', text: `${stableStringify(bom)}\n` }], true);
    }
    case 'spdx': {
      const versions = select(options.entities, ['ModelVersion']);
      const created = options.created ?? `${new Date().toISOString().slice(0, 19)}Z`;
      const document = spdxDocument(catalog, versions, { toolVersion: options.toolVersion, created, warn });
      return done([{ path: 'bom.spdx.json', text: `${JSON.stringify(document, null, 2)}\n` }], true);
    }
    case 'hf-model-card': {
      const models = valid(modelsOf(catalog, selectFrom(catalog, options.entities, ['Model', 'ModelVersion'])));
      return done(
        perEntity(models, (model) => ({
          path: `${namespaceFolder(model)}${pathSegment(model.name)}/README.md`,
          text: modelCardOf(catalog, model, { version: options.version }).text,
        })),
        false,
      );
    }
    case 'croissant': {
      const datasets = select(options.entities, ['Dataset']);
      return done(
        perEntity(datasets, (dataset) => ({
          path: `${namespaceFolder(dataset)}${pathSegment(dataset.name)}${dataset.version === undefined ? '' : `-${pathSegment(dataset.version)}`}.json`,
          text: `${JSON.stringify(croissantOf(dataset, warn), null, 2)}\n`,
        })),
        false,
      );
    }
  }
}
