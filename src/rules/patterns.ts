// Regular expressions from configuration run against every name in a pull request. JavaScript's
// backtracking engine can take exponential time on a crafted name (`(a+)+` against `aaaa…!`), so
// Dossier runs them with RE2JS, a port of RE2 that matches in linear time. Every rule option
// declared `format: regex` is compiled with it when the configuration loads.

import { RE2JS } from 're2js';
import { isRecord } from '../model/kinds.js';
import { pushAll } from '../ground/collections.js';

/** A compiled pattern; `test` finds a match anywhere, as `RegExp.prototype.test` does. */
export interface Pattern {
  source: string;
  test(text: string): boolean;
}

/** How many answers a pattern remembers before it forgets them all: enough for a repository's licenses. */
const REMEMBERED_ANSWERS = 4096;

/**
 * Throws RE2JS's syntax error for what RE2 cannot run (lookarounds, backreferences) or parse. The
 * pattern remembers its answers: rules test the same few licenses once for every dataset of a lineage.
 */
export function compilePattern(source: string, flags: { ignoreCase?: boolean } = {}): Pattern {
  const compiled = RE2JS.compile(source, flags.ignoreCase === true ? RE2JS.CASE_INSENSITIVE : 0);
  const answers = new Map<string, boolean>();
  return {
    source,
    test: (text) => {
      let answer = answers.get(text);
      if (answer === undefined) {
        answer = compiled.matcher(text).find();
        if (answers.size >= REMEMBERED_ANSWERS) answers.clear();
        answers.set(text, answer);
      }
      return answer;
    },
  };
}

export interface PatternProblem {
  /** JSON pointer segments of the pattern inside the options. */
  pointer: string[];
  pattern: string;
  reason: string;
}

/** The patterns in `value` that `schema` declares as regular expressions and that RE2 cannot run. */
export function patternProblems(schema: unknown, value: unknown, pointer: string[] = []): PatternProblem[] {
  if (!isRecord(schema)) return [];
  if (schema.format === 'regex' && typeof value === 'string') {
    try {
      compilePattern(value);
      return [];
    } catch (error) {
      return [{ pointer, pattern: value, reason: error instanceof Error ? error.message : String(error) }];
    }
  }
  const found: PatternProblem[] = [];
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    for (const [key, child] of Object.entries(value)) {
      pushAll(found, patternProblems(key in properties ? properties[key] : schema.additionalProperties, child, [...pointer, key]));
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      pushAll(found, patternProblems(schema.items, item, [...pointer, String(index)]));
    });
  }
  return found;
}
