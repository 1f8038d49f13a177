// ajv's errors, turned into diagnostics people can act on, each at the YAML node it is about.

import { displayValue } from '../ground/display-value.js';
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../ground/diagnostics.js';
import { invalidValue, requiredField, unknownField, unquotedVersion } from '../ground/core-rules/schema.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import type { NodePart } from '../source/locate.js';
import { closestMatches, didYouMean } from '../ground/suggest.js';
import { pointerSegments } from './ajv-instance.js';

/** Where a document sits, and how to turn a pointer inside it into a location. */
export interface DocumentContext {
  file: string;
  entity?: string;
  locate(pointer: readonly string[], part: NodePart): Diagnostic['range'];
  sourceText(pointer: readonly string[]): string;
}

/** `spec.training.datasets[0].ref` for people; pointers stay for machines. */
export function displayPath(pointer: readonly string[]): string {
  let out = '';
  for (const segment of pointer) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

const TYPE_NOUNS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `\`${truncate(value)}\``;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `the number ${displayValue(value)}`;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join(', ');
}

/**
 * Keeps the errors worth showing: inside an `anyOf`/`oneOf` that failed, the branch errors are
 * noise, so only the combined error stays (it carries the schema's `x-message`). But when one
 * branch took the value (`limitations: [ok, 3]` is a list, as the second branch asks) and failed
 * inside it, that branch's errors inside the value are the ones to show: `limitations[1]`.
 */
function significantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const hidden = new Set<ErrorObject>();
  for (const alternative of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${alternative.schemaPath}/`;
    const inside = errors.filter((e) => e.schemaPath.startsWith(prefix));
    const deeper = inside.filter((e) => e.instancePath.length > alternative.instancePath.length);
    const branches = new Set(deeper.map((e) => e.schemaPath.slice(prefix.length).split('/', 1)[0]));
    for (const error of branches.size === 1 ? [alternative, ...inside.filter((e) => !deeper.includes(e))] : inside) hidden.add(error);
  }
  return errors.filter((e) => !hidden.has(e) && e.keyword !== 'if');
}

/** For a misspelt word where alternatives list words (`extends: recomended`): the one meant, when one is close. */
function alternativesHint(error: ErrorObject): string {
  if ((error.keyword !== 'anyOf' && error.keyword !== 'oneOf') || typeof error.data !== 'string' || !Array.isArray(error.schema)) return '';
  const words = (error.schema as unknown[]).flatMap((branch) => {
    const allowed: unknown = typeof branch === 'object' && branch !== null ? (branch as { enum?: unknown }).enum : undefined;
    return Array.isArray(allowed) ? allowed.filter((word): word is string => typeof word === 'string') : [];
  });
  const [closest] = closestMatches(error.data, words, 1);
  return closest === undefined ? '' : `Did you mean \`${closest}\`?`;
}

function xMessage(error: ErrorObject): string | undefined {
  const message: unknown = error.parentSchema?.['x-message'];
  return typeof message === 'string' ? message : undefined;
}

export function schemaErrorsToDiagnostics(errors: readonly ErrorObject[], context: DocumentContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of significantErrors(errors)) {
    const diagnostic = toDiagnostic(error, context);
    const key = `${diagnostic.ruleId}|${diagnostic.range.start.line}|${diagnostic.range.start.column}|${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toDiagnostic(error: ErrorObject, context: DocumentContext): Diagnostic {
  const pointer = pointerSegments(error.instancePath);
  const path = displayPath(pointer);
  const at = (target: readonly string[], part: NodePart) => {
    const location: { file: string; range: Diagnostic['range']; entity?: string } = {
      file: context.file,
      range: context.locate(target, part),
    };
    if (context.entity !== undefined) location.entity = context.entity;
    return location;
  };
  const params = error.params as Record<string, unknown>;
  const got = describeValue(error.data);

  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      if (pointer.length === 0) return createDiagnostic(requiredField, 'missingAtRoot', { field }, at(pointer, 'value'));
      return createDiagnostic(requiredField, 'missing', { path, field }, at(pointer, 'key'));
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const properties = Object.keys((error.parentSchema as Record<string, unknown>).properties ?? {});
      const hint = didYouMean(field, properties, 'Allowed fields') || 'Remove it.';
      return createDiagnostic(unknownField, 'unknown', { field, path: path || 'the document', hint }, at([...pointer, field], 'key'));
    }
    case 'type': {
      if (pointer.join('/') === 'metadata/version' && typeof error.data === 'number') {
        const source = context.sourceText(pointer);
        return createDiagnostic(unquotedVersion, 'number', { path, source, got: String(error.data) }, at(pointer, 'value'));
      }
      const types = Array.isArray(params.type) ? (params.type as string[]) : [String(params.type)];
      const expected = types.map((type) => TYPE_NOUNS[type] ?? type).join(' or ');
      return invalid(path, expected, got, '', at(pointer, 'value'));
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed, 'Allowed values') : '';
      return invalid(path, `one of ${listOf(allowed)}`, got, hint, at(pointer, 'value'));
    }
    case 'const':
      return invalid(path, `\`${String(params.allowedValue)}\``, got, `Write \`${String(params.allowedValue)}\`.`, at(pointer, 'value'));
    case 'pattern':
    case 'format':
    case 'anyOf':
    case 'oneOf': {
      const expected =
        xMessage(error) ??
        (error.keyword === 'pattern' ? `a string matching /${String(params.pattern)}/` : `valid (${error.message ?? 'see the schema'})`);
      return invalid(path, expected, got, alternativesHint(error), at(pointer, 'value'));
    }
    case 'not':
    case 'false schema':
      return createDiagnostic(invalidValue, 'notAllowed', { path, expected: xMessage(error) ?? 'not allowed here' }, at(pointer, 'key'));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const comparison = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' }[error.keyword];
      return invalid(path, `a number ${comparison} ${String(params.limit)}`, got, '', at(pointer, 'value'));
    }
    case 'minItems':
      return invalid(
        path,
        `a list of at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
        'an empty list',
        '',
        at(pointer, 'value'),
      );
    case 'minLength':
      return invalid(
        path,
        params.limit === 1 ? 'a non-empty string' : `at least ${String(params.limit)} characters long`,
        got,
        '',
        at(pointer, 'value'),
      );
    case 'uniqueItems':
      return invalid(
        path,
        'a list without repeats',
        `item ${String(params.j)} repeated at ${String(params.i)}`,
        'Remove the repeated item.',
        at([...pointer, String(params.i)], 'value'),
      );
    default:
      return invalid(path, `valid (${error.message ?? error.keyword})`, got, '', at(pointer, 'value'));
  }
}

function invalid(
  path: string,
  expected: string,
  got: string,
  hint: string,
  location: { file: string; range: Diagnostic['range']; entity?: string },
): Diagnostic {
  return createDiagnostic(invalidValue, 'invalid', { path: path || 'the document', expected, got, hint }, location);
}
