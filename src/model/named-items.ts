// Lists whose items each have a name (features, schema fields, metrics): an item is told apart by
// its name, and by its slice where it has one (one metric measured on several slices).

import { isRecord } from './kinds.js';

export interface NamedItem {
  name: string;
  slice?: unknown;
}

/** How an item of a named list is told apart: its name, and its slice where it has one. */
export function namedItemKey(item: NamedItem): string {
  return typeof item.slice === 'string' ? `${item.name} (slice ${item.slice})` : item.name;
}

/** A list whose items each have a name, some maybe the same (an imported card's two `rouge-1`, on two splits). */
export function hasNamedItems(value: unknown): value is NamedItem[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isRecord(item) && typeof item.name === 'string');
}

/** Each item's key, the second of a repeated name and slice told apart as its second occurrence. */
export function occurrenceKeys(items: readonly NamedItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = namedItemKey(item);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return `${key}\0${occurrence}`;
  });
}

/** A list whose items each have a name (and slice) no other item has. */
export function isNamedList(value: unknown): value is NamedItem[] {
  return hasNamedItems(value) && new Set(value.map(namedItemKey)).size === value.length;
}
