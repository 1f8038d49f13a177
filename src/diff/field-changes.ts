// Field-by-field differences between two versions of an entity's document.

import { isRecord } from '../model/kinds.js';
import { displayPath } from '../validate/schema-errors.js';

export interface FieldChange {
  pointer: string[];
  path: string;
  before: unknown;
  after: unknown;
}

function isNamedList(value: unknown): value is { name: string }[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isRecord(item) && typeof item.name === 'string');
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Leaf changes between two values. Lists of named items (features, schema fields, metrics) are
 * compared by name, so inserting one item does not report every later item as changed.
 */
export function fieldChanges(before: unknown, after: unknown, pointer: string[] = []): FieldChange[] {
  if (same(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], [...pointer, key]));
  }
  if (isNamedList(before) && isNamedList(after)) {
    const names = [...new Set([...before.map((i) => i.name), ...after.map((i) => i.name)])];
    const byName = (list: { name: string }[], name: string) => list.find((item) => item.name === name);
    return names.flatMap((name) => fieldChanges(byName(before, name), byName(after, name), [...pointer, name]));
  }
  return [{ pointer, path: displayPath(pointer), before, after }];
}
