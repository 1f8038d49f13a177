// Compiled validators for every kind and for dossier.yaml. The build writes them out as standalone
// code (ajv's recommended way to skip compiling schemas at start-up); from sources, they compile here.

import { createRequire } from 'node:module';
import type { AnyValidateFunction, ValidateFunction } from 'ajv/dist/types/index.js';
import { KINDS, KIND_INFO, type Kind } from '../model/kinds.js';
import { STANDALONE_VALIDATORS } from '../ground/package-root.js';
import { createAjv, loadSchema, SHARED_SCHEMAS } from './ajv-instance.js';

const require = createRequire(import.meta.url);

const CONFIG_EXPORT = 'config';

export interface Validators {
  byKind: ReadonlyMap<Kind, ValidateFunction>;
  config: ValidateFunction;
}

/** Export name -> schema `$id`, for every validator Dossier needs. */
function validatorIds(): Record<string, string> {
  const ids: Record<string, string> = { [CONFIG_EXPORT]: 'config.schema.json' };
  for (const kind of KINDS) ids[kind] = KIND_INFO[kind].schemaFile;
  return ids;
}

function ajvWithSchemas(source: boolean): ReturnType<typeof createAjv> {
  const ajv = createAjv({ source });
  for (const file of [...SHARED_SCHEMAS, ...Object.values(validatorIds())]) ajv.addSchema(loadSchema(file));
  return ajv;
}

/** The JavaScript source of all validators, for the build to write next to this module. */
export function standaloneValidatorsSource(): string {
  const standaloneCode = require('ajv/dist/standalone/index.js') as (
    ajv: ReturnType<typeof createAjv>,
    refs: Record<string, string>,
  ) => string;
  return standaloneCode(ajvWithSchemas(true), validatorIds());
}

function fromExports(exports: Record<string, AnyValidateFunction>): Validators {
  return {
    byKind: new Map(KINDS.map((kind) => [kind, exports[kind] as ValidateFunction])),
    config: exports[CONFIG_EXPORT] as ValidateFunction,
  };
}

let loaded: Validators | undefined;

export function loadValidators(): Validators {
  if (loaded !== undefined) return loaded;
  try {
    loaded = fromExports(require(STANDALONE_VALIDATORS) as Record<string, AnyValidateFunction>);
  } catch {
    const ajv = ajvWithSchemas(false);
    const compiled: Record<string, AnyValidateFunction> = {};
    for (const [name, id] of Object.entries(validatorIds())) compiled[name] = ajv.getSchema(id) as AnyValidateFunction;
    loaded = fromExports(compiled);
  }
  return loaded;
}
