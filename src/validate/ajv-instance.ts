// The one ajv instance: JSON Schema 2020-12, formats, and Dossier's annotation keywords.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SCHEMAS_DIR } from '../schemas-dir.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A reference site declared in a schema with `x-dossier-reference`. */
export interface ReferenceAnnotation {
  /** Kind slug the field takes, or `*` for "the referring entity's kind unless the reference says". */
  kind: string;
  relation: string;
  inverse: string;
  member?: boolean;
  acyclic?: boolean;
}

export interface CollectedReference {
  /** JSON pointer segments of the reference string inside the document. */
  pointer: string[];
  text: string;
  annotation: ReferenceAnnotation;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

function isRealDate(value: string): boolean {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value.slice(0, 10));
}

let collector: CollectedReference[] | undefined;

/** Runs `validate` and returns the references the schemas marked on the way. */
export function collectingReferences<T>(validate: () => T): { result: T; references: CollectedReference[] } {
  const references: CollectedReference[] = [];
  collector = references;
  try {
    return { result: validate(), references };
  } finally {
    collector = undefined;
  }
}

export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addFormat('iso-date-or-date-time', {
    type: 'string',
    validate: (value: string) => (ISO_DATE.test(value) || ISO_DATE_TIME.test(value)) && isRealDate(value),
  });
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  ajv.addKeyword({
    keyword: 'x-dossier-reference',
    schemaType: 'object',
    errors: false,
    validate: (annotation: ReferenceAnnotation, data: unknown, _parentSchema?: unknown, context?: { instancePath: string }) => {
      if (collector !== undefined && typeof data === 'string' && context !== undefined) {
        collector.push({ pointer: pointerSegments(context.instancePath), text: data, annotation });
      }
      return true;
    },
  });
  return ajv;
}

export function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;
}
