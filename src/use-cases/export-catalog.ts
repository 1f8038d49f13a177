// `dossier export`: the compiled catalog's model versions in a standard other tools read.

import type { Catalog } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import { UsageError } from '../ground/errors.js';
import { stableStringify } from '../ground/stable-json.js';
import { cyclonedxBom } from '../interop/cyclonedx.js';
import type { Entity } from '../model/entity.js';
import { DEFAULT_NAMESPACE, parseReference } from '../model/reference.js';
import { compileProject, type CompileOptions } from './compile-project.js';

export const EXPORT_FORMATS = ['cyclonedx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  cwd: string;
  config: DossierConfig;
  format: ExportFormat;
  /** Model or model version references; none: every model and its versions. */
  entities: readonly string[];
  toolVersion: string;
  serialNumber?: string | undefined;
  fetch?: CompileOptions;
}

export interface Exported {
  text: string;
  /** What the mapping could not carry over exactly. */
  warnings: string[];
}

/** The model versions a list of references means: a Model's versions, or one version. */
function selectVersions(catalog: Catalog, references: readonly string[]): Entity[] {
  const versions = catalog.entities.filter((entity) => entity.kind === 'ModelVersion');
  if (references.length === 0) return versions;
  return references.flatMap((text) => {
    const parsed = parseReference(text);
    if (!parsed.ok) throw new UsageError(`\`${text}\` is not an entity reference: ${parsed.reason}.`);
    const { kind, namespace = DEFAULT_NAMESPACE, name, version } = parsed.reference;
    if (kind !== undefined && kind !== 'model' && kind !== 'modelversion')
      throw new UsageError(`\`${text}\` is a ${kind}; export takes models and model versions.`);
    const found = versions.filter(
      (entity) =>
        entity.namespace === namespace &&
        (entity.name === name || entity.spec.model === name) &&
        (version === undefined || entity.version === version),
    );
    if (found.length === 0) throw new UsageError(`No model version matches \`${text}\`. Check the name with \`dossier compile\`.`);
    return found;
  });
}

export async function exportCatalog(options: ExportOptions): Promise<Exported> {
  const compiled = await compileProject(options.config, options.cwd, options.fetch);
  const versions = [...new Map(selectVersions(compiled.catalog, options.entities).map((v) => [v.identity, v])).values()];
  const warnings: string[] = [];
  const bom = cyclonedxBom(compiled.catalog, versions, {
    toolVersion: options.toolVersion,
    serialNumber: options.serialNumber,
    warn: (message) => warnings.push(message),
  });
  return { text: `${stableStringify(bom)}\n`, warnings: [...new Set(warnings)] };
}
