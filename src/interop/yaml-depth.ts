// The yaml package, kept for its Document API, has no depth limit: a value nested 100,000 levels
// deep runs it out of stack, and the user would read "Maximum call stack size exceeded". js-yaml
// stops at the depth lint allows and says where, so imported files are measured with it first.

import yaml from 'js-yaml';
import { MAX_DEPTH } from '../source/yaml-limits.js';

/** The 1-based line and column where `text` first nests deeper than lint allows; undefined when it does not. */
export function tooDeepAt(text: string): { line: number; column: number } | undefined {
  try {
    // Plain strings (the failsafe schema) and later keys winning (`json`): only the depth is asked here.
    yaml.loadAll(text, undefined, { schema: yaml.FAILSAFE_SCHEMA, json: true, maxDepth: MAX_DEPTH } as yaml.LoadOptions);
  } catch (error) {
    if (error instanceof yaml.YAMLException && error.reason.startsWith('nesting exceeded maxDepth'))
      return { line: error.mark.line + 1, column: error.mark.column + 1 };
  }
  return undefined;
}

/** Why a file is refused for its depth, or undefined. `firstLine` is the file's line the text starts on. */
export function tooDeepProblem(text: string, file: string, firstLine = 1): string | undefined {
  const at = tooDeepAt(text);
  return at === undefined
    ? undefined
    : `${file}:${String(at.line + firstLine - 1)}:${String(at.column)}: nested deeper than ${String(MAX_DEPTH)} levels; metadata stays far below that, so this file is refused.`;
}
