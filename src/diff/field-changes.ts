// Field-by-field differences between two versions of an entity's document.

import { isRecord } from '../model/kinds.js';
import { isNamedList, namedItemKey } from '../model/named-items.js';
import { displayPath } from '../validate/schema-errors.js';
import { stableStringify } from '../ground/stable-json.js';

export interface FieldChange {
  pointer: string[];
  path: string;
  before: unknown;
  after: unknown;
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
    const keys = [...new Set([...before.map(namedItemKey), ...after.map(namedItemKey)])];
    const byKey = (list: { name: string }[], key: string) => list.find((item) => namedItemKey(item) === key);
    return keys.flatMap((key) => fieldChanges(byKey(before, key), byKey(after, key), [...pointer, key]));
  }
  if (sameItemsReordered(before, after)) return [];
  return [{ pointer, path: displayPath(pointer), before, after }];
}

/**
 * Lists of texts or mappings (tags, terms, training datasets) holding the same items in another
 * order: no change. Lists of numbers (a tensor's shape) keep their order.
 */
function sameItemsReordered(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return false;
  if (before.some((item) => typeof item === 'number') || after.some((item) => typeof item === 'number')) return false;
  const sorted = (list: unknown[]) => list.map((item) => stableStringify(item, 0)).sort();
  const [a, b] = [sorted(before), sorted(after)];
  return a.every((item, i) => item === b[i]);
}
