// One parsed YAML document to an Entity: is it Dossier at all, which kind, does it fit its schema.

import type { ValidateFunction } from 'ajv';
import { isLifecycle, type Entity } from '../model/entity.js';
import { KINDS, KIND_INFO, isKind, isRecord, type Kind } from '../model/kinds.js';
import { DEFAULT_NAMESPACE, formatIdentity, isName, isVersion } from '../model/reference.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { deprecationWithoutLifecycle } from '../ground/core-rules/entity.js';
import { unknownKind, unsupportedApiVersion } from '../ground/core-rules/schema.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { ParsedDocument } from '../source/parse-yaml.js';
import { isDossierDocument } from '../source/dossier-files.js';
import type { SourceLocator } from '../source/locate.js';
import { didYouMean } from '../ground/suggest.js';
import { loadSchema } from './ajv-instance.js';
import { collectReferences, referenceTemplate, relationInverses, type ReferenceTemplate } from '../model/reference-sites.js';
import { loadKindValidators } from './validators.js';
import { schemaErrorsToDiagnostics, type DocumentContext } from './schema-errors.js';
import { displayValue } from '../ground/display-value.js';

export const API_VERSION = 'dossier/v1';

export interface DocumentInput {
  file: string;
  document: ParsedDocument;
  locator: SourceLocator;
}

export interface DocumentResult {
  entity: Entity | undefined;
  diagnostics: Diagnostic[];
}

/** Loads the kind validators and reference templates once; validates any number of documents. */
export class DocumentValidator {
  readonly #validators: ReadonlyMap<Kind, ValidateFunction> = loadKindValidators();
  readonly #referenceTemplates: ReadonlyMap<Kind, ReferenceTemplate | undefined> = new Map(
    KINDS.map((kind) => [kind, referenceTemplate(loadSchema(KIND_INFO[kind].schemaFile), KIND_INFO[kind].schemaFile, loadSchema)]),
  );

  /** Relation name -> inverse name, as the kind schemas declare them. */
  relationInverses(): Map<string, string> {
    return relationInverses(this.#referenceTemplates.values());
  }

  validate({ file, document, locator }: DocumentInput): DocumentResult {
    const value = document.value;
    if (!isRecord(value)) return { entity: undefined, diagnostics: [] };
    const apiVersion = value.apiVersion;
    const locate: DocumentContext['locate'] = (pointer, part) => locator.locate(document.index, pointer, part);
    if (apiVersion !== API_VERSION) {
      if (isDossierDocument(value)) {
        const diagnostic = createDiagnostic(
          unsupportedApiVersion,
          'unsupported',
          { got: value.apiVersion },
          { file, range: locate(['apiVersion'], 'value') },
        );
        return { entity: undefined, diagnostics: [diagnostic] };
      }
      return { entity: undefined, diagnostics: [] };
    }

    const kind = value.kind;
    if (!isKind(kind)) {
      const kinds = KINDS.join(', ');
      const diagnostic =
        kind === undefined
          ? createDiagnostic(unknownKind, 'missing', { kinds }, { file, range: locate([], 'value') })
          : createDiagnostic(
              unknownKind,
              'unknown',
              { kinds, got: displayValue(kind), hint: typeof kind === 'string' ? didYouMean(kind, KINDS, 'Kinds') : '' },
              { file, range: locate(['kind'], 'value') },
            );
      return { entity: undefined, diagnostics: [diagnostic] };
    }

    const validator = this.#validators.get(kind) as ValidateFunction;
    const valid = validator(value);
    const references = collectReferences(value, this.#referenceTemplates.get(kind));
    const entity = toEntity(kind, value, file, document, locator, references, valid);
    const context: DocumentContext = {
      file,
      locate,
      sourceText: (pointer) => locator.sourceText(document.index, pointer),
    };
    if (entity !== undefined) context.entity = entity.identity;
    const diagnostics = valid ? [] : schemaErrorsToDiagnostics(validator.errors ?? [], context);
    if (entity !== undefined && isRecord(value.metadata) && value.metadata.deprecation !== undefined) {
      if (entity.lifecycle !== 'deprecated' && entity.lifecycle !== 'retired') {
        diagnostics.push(
          createDiagnostic(
            deprecationWithoutLifecycle,
            'misplaced',
            { lifecycle: entity.lifecycle },
            { file, range: locate(['metadata', 'deprecation'], 'key'), entity: entity.identity },
          ),
        );
      }
    }
    return { entity, diagnostics };
  }
}

/**
 * The version as the author meant it: an unquoted `1.10` is reported by the schema, but the entity
 * keeps `1.10` as its version so references to it still resolve and its own references are checked.
 */
function versionText(version: unknown, sourceText: () => string): string | undefined {
  if (typeof version === 'string') return version;
  if (typeof version === 'number') return sourceText();
  return undefined;
}

/**
 * Builds the entity when its identity can be formed, even if other fields are invalid: dropping
 * it would turn every reference to it into a second, misleading error.
 */
function toEntity(
  kind: Kind,
  value: Record<string, unknown>,
  file: string,
  document: ParsedDocument,
  locator: SourceLocator,
  references: Entity['references'],
  valid: boolean,
): Entity | undefined {
  const metadata = value.metadata;
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || !isName(metadata.name)) return undefined;
  const namespace = metadata.namespace === undefined ? DEFAULT_NAMESPACE : metadata.namespace;
  if (typeof namespace !== 'string' || !isName(namespace)) return undefined;
  const info = KIND_INFO[kind];
  const version = info.versioned
    ? versionText(metadata.version, () => locator.sourceText(document.index, ['metadata', 'version']))
    : undefined;
  if (kind === 'ModelVersion' && version === undefined) return undefined;
  // A version that is none (`../x`, `1.0 beta`) makes no identity, as a name that is none does not.
  if (version !== undefined && !isVersion(version)) return undefined;
  const lifecycle = isLifecycle(metadata.lifecycle) ? metadata.lifecycle : 'active';
  const position = locator.positionAt(document.offset);
  return {
    kind,
    kindSlug: info.slug,
    namespace,
    name: metadata.name,
    version,
    identity: formatIdentity(info.slug, namespace, metadata.name, version),
    groupKey: formatIdentity(info.slug, namespace, metadata.name),
    lifecycle,
    metadata,
    spec: isRecord(value.spec) ? value.spec : {},
    source: { file, document: document.index, line: position.line, column: position.column },
    references,
    valid,
  };
}
