// A map revised many times where each revision must stay readable on its own (the catalogs before
// and after a commit), without copying the whole map per revision: a revision is its changes over a
// shared base, flattened into a new base once the changes grow past a share of it. Lookups stay two
// maps deep, and the copying is amortised over many revisions.

import { LoadingMap } from './loading-map.js';

const FLATTEN_SHARE = 8;

export class LayeredMap<K, V> {
  readonly #base: ReadonlyMap<K, V>;
  /** Keys set or, with undefined, deleted since the base. */
  readonly #changes: ReadonlyMap<K, V | undefined>;

  constructor(base: ReadonlyMap<K, V> = new Map<K, V>(), changes: ReadonlyMap<K, V | undefined> = new Map<K, V | undefined>()) {
    this.#base = base;
    this.#changes = changes;
  }

  get(key: K): V | undefined {
    return this.#changes.has(key) ? this.#changes.get(key) : this.#base.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  *keys(): IterableIterator<K> {
    for (const key of this.#base.keys()) if (!this.#changes.has(key)) yield key;
    for (const [key, value] of this.#changes) if (value !== undefined) yield key;
  }

  /** The shared base and the changes over it: a store writes back only the changes of a base it loaded in part. */
  get layers(): { base: ReadonlyMap<K, V>; changes: ReadonlyMap<K, V | undefined> } {
    return { base: this.#base, changes: this.#changes };
  }

  /** A new map with some keys set, or deleted where the value is undefined; this one is left as it is. */
  revise(changes: Iterable<readonly [K, V | undefined]>): LayeredMap<K, V> {
    const merged = new Map(this.#changes);
    for (const [key, value] of changes) merged.set(key, value);
    // A base loaded only in part (a link resumed from a cache) is never copied whole.
    if (this.#base instanceof LoadingMap || merged.size * FLATTEN_SHARE < this.#base.size + 64) return new LayeredMap(this.#base, merged);
    const flat = new Map(this.#base);
    for (const [key, value] of merged) {
      if (value === undefined) flat.delete(key);
      else flat.set(key, value);
    }
    return new LayeredMap(flat);
  }
}
