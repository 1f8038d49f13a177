// A diff saved by `dossier diff --format json`, read back and checked against schemas/diff.schema.json.

import { readFile } from 'node:fs/promises';
import type { SemanticDiff } from '../diff/change.js';
import { UsageError } from '../ground/errors.js';
import { createAjv, loadSchema } from '../validate/ajv-instance.js';

const MAX_PROBLEMS = 20;

/** The diff in a file, valid against its schema (ids and commits by pattern); else a usage error listing every problem. */
export async function readDiffFile(file: string): Promise<SemanticDiff> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read the diff from ${file}: ${error instanceof Error ? error.message : String(error)}. Write it with \`dossier diff --format json --out ${file}\`.`,
    );
  }
  // Every problem, not the first: a diff JSON may come from a fork's workflow, and says what was tampered with.
  const validate = createAjv().compile<SemanticDiff>(loadSchema('diff.schema.json'));
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(
      (error) => `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? ''}`,
    );
    const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => `\n  ${JSON.stringify(problem).slice(1, -1)}`);
    const more = problems.length > MAX_PROBLEMS ? `\n  ...and ${problems.length - MAX_PROBLEMS} more` : '';
    throw new UsageError(`${file} is not a Dossier diff (schemas/diff.schema.json); nothing was posted:${shown.join('')}${more}`);
  }
  return value;
}
