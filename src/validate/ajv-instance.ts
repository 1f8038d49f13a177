// The one way to configure ajv: JSON Schema 2020-12, formats, and Dossier's annotation keywords.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { SCHEMAS_DIR } from '../ground/package-root.js';

// ajv's compiler is loaded on demand: the built CLI runs precompiled validators and never needs it.
const require = createRequire(import.meta.url);

/** Every schema file a kind's schema may refer to, by `$id`. */
export const SHARED_SCHEMAS = ['common.schema.json'];

/**
 * @param options.source keep generated code, so validators can be written out as a standalone module.
 */
export function createAjv(options: { source?: boolean } = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new AjvClass({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { source: options.source ?? false },
  });
  addFormats(ajv);
  // Annotations only: read by Dossier (messages, reference sites), ignored by validation.
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-dossier-reference', schemaType: 'object' });
  return ajv;
}

/** A validator of one schema file that may refer to the shared definitions (names, versions). */
export function compileWithSharedSchemas<T = unknown>(file: string): ValidateFunction<T> {
  const ajv = createAjv();
  for (const shared of SHARED_SCHEMAS) ajv.addSchema(loadSchema(shared));
  return ajv.compile<T>(loadSchema(file));
}

export function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
}

export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}
