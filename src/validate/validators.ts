// Compiled validators for every kind and for dossier.yaml. The build writes them out as standalone
// code (ajv's recommended way to skip compiling schemas at start-up), the configuration's in a file
// of its own: every command reads dossier.yaml, and a warm lint loads no other validator (the
// kinds' file is slow to load). From sources, they compile here.

import { createRequire } from 'node:module';
import type { AnyValidateFunction, ValidateFunction } from 'ajv/dist/types/index.js';
import { KINDS, KIND_INFO, type Kind } from '../model/kinds.js';
import { STANDALONE_CONFIG_VALIDATOR, STANDALONE_VALIDATORS } from '../ground/package-root.js';
import { createAjv, loadSchema, SHARED_SCHEMAS } from './ajv-instance.js';

const require = createRequire(import.meta.url);

const CONFIG_EXPORT = 'config';
const CONFIG_SCHEMA = 'config.schema.json';

/** Export name -> schema `$id`, for every kind. */
function kindValidatorIds(): Record<string, string> {
  return Object.fromEntries(KINDS.map((kind) => [kind, KIND_INFO[kind].schemaFile]));
}

function ajvWithSchemas(source: boolean): ReturnType<typeof createAjv> {
  const ajv = createAjv({ source });
  for (const file of [...SHARED_SCHEMAS, CONFIG_SCHEMA, ...Object.values(kindValidatorIds())]) ajv.addSchema(loadSchema(file));
  return ajv;
}

/** The JavaScript sources of the validators, for the build to write next to this module: the kinds', and the configuration's. */
export function standaloneValidatorsSources(): { kinds: string; config: string } {
  const standaloneCode = require('ajv/dist/standalone/index.js') as (
    ajv: ReturnType<typeof createAjv>,
    refs: Record<string, string>,
  ) => string;
  const ajv = ajvWithSchemas(true);
  return { kinds: standaloneCode(ajv, kindValidatorIds()), config: standaloneCode(ajv, { [CONFIG_EXPORT]: CONFIG_SCHEMA }) };
}

/**
 * The exports of a standalone validators file, or, when the build has not written it, the same
 * validators compiled. Each file is required by name (the Action's bundle turns those requires into
 * bundled modules).
 */
function loadExports(requireFile: () => unknown, ids: Record<string, string>): Record<string, AnyValidateFunction> {
  try {
    return requireFile() as Record<string, AnyValidateFunction>;
  } catch {
    // One compile of every schema serves both files' validators.
    const ajv = (compiledAjv ??= ajvWithSchemas(false));
    return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, ajv.getSchema(id) as AnyValidateFunction]));
  }
}

let compiledAjv: ReturnType<typeof createAjv> | undefined;
let kindValidators: ReadonlyMap<Kind, ValidateFunction> | undefined;
let configValidator: ValidateFunction | undefined;

/** The validator of each kind's schema. */
export function loadKindValidators(): ReadonlyMap<Kind, ValidateFunction> {
  if (kindValidators !== undefined) return kindValidators;
  const exports = loadExports(() => require(STANDALONE_VALIDATORS), kindValidatorIds());
  kindValidators = new Map(KINDS.map((kind) => [kind, exports[kind] as ValidateFunction]));
  return kindValidators;
}

/** The validator of dossier.yaml. */
export function loadConfigValidator(): ValidateFunction {
  configValidator ??= loadExports(() => require(STANDALONE_CONFIG_VALIDATOR), { [CONFIG_EXPORT]: CONFIG_SCHEMA })[
    CONFIG_EXPORT
  ] as ValidateFunction;
  return configValidator;
}
