// A diff saved by `dossier diff --format json`, read back and checked against schemas/diff.schema.json.

import { readFile } from 'node:fs/promises';
import type { SemanticDiff } from '../diff/change.js';
import { UsageError } from '../ground/errors.js';
import { createAjv, loadSchema } from '../validate/ajv-instance.js';

export async function readDiffFile(file: string): Promise<SemanticDiff> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read the diff from ${file}: ${error instanceof Error ? error.message : String(error)}. Write it with \`dossier diff --format json --out ${file}\`.`,
    );
  }
  const validate = createAjv().compile<SemanticDiff>(loadSchema('diff.schema.json'));
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new UsageError(
      `${file} is not a Dossier diff: ${first === undefined || first.instancePath === '' ? '/' : first.instancePath} ${first?.message ?? ''}.`,
    );
  }
  return value;
}
