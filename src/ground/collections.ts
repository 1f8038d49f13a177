// Collection helpers: lists in a map, appended to in place (copying the list on every append is
// quadratic, and groups get large: one team can own ten thousand entities), a binary search, and
// typed arrays joined end to end.

export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) appendTo(groups, key(item), item);
  return groups;
}

/** The index of the item whose key is `key` in a list sorted by `compare` over those keys; -1 when none is. */
export function sortedIndexOf<T>(
  sorted: readonly T[],
  key: string,
  keyOf: (item: T) => string,
  compare: (a: string, b: string) => number,
): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compare(keyOf(sorted[middle] as T), key);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Parts of a number column, one after the other, in one typed array of `type`. */
export function concatenated<T extends Int32Array | Uint8Array>(type: new (length: number) => T, parts: readonly ArrayLike<number>[]): T {
  const whole = new type(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/**
 * Appends every item in place. `target.push(...items)` passes the items as arguments, which
 * overflows the stack above about 100,000 of them: one hostile file has that many problems.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** The smallest and the largest of some numbers, without spreading them as arguments (see `pushAll`). */
export function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}
