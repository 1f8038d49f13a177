// A map that holds part of what it stands for and loads the rest one key at a time: the state an
// incremental link left behind, read back from a cache only as far as the next link reaches. What is
// set or deleted is what the cache writes back: a value changed in place must be set again.
// Asked for the whole (iteration without a list of keys), it throws WholeNeeded, and the caller does
// its work over everything instead.

/** A partly loaded state was asked for the whole of something: do the work from scratch. */
export class WholeNeeded extends Error {
  constructor(what: string) {
    super(`a partial state cannot answer: ${what}`);
    this.name = 'WholeNeeded';
  }
}

export interface LoadingMapOptions<K> {
  /** Every key the map stands for, when the store keeps that list; without it, iteration throws. */
  keys?: () => Iterable<K>;
  /** How many keys the map stands for, when known; without it, `size` throws. */
  count?: number;
}

export class LoadingMap<K, V> extends Map<K, V> {
  readonly #load: (key: K) => V | undefined;
  readonly #options: LoadingMapOptions<K>;
  /** Keys looked up and found nowhere. */
  readonly #absent = new Set<K>();
  /** Keys set or deleted here, whose values the store must take. */
  readonly #written = new Set<K>();
  #count: number | undefined;

  constructor(load: (key: K) => V | undefined, options: LoadingMapOptions<K> = {}) {
    super();
    this.#load = load;
    this.#options = options;
    this.#count = options.count;
  }

  override get(key: K): V | undefined {
    if (super.has(key)) return super.get(key);
    if (this.#absent.has(key)) return undefined;
    const value = this.#load(key);
    if (value === undefined) this.#absent.add(key);
    else super.set(key, value);
    return value;
  }

  override has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  override set(key: K, value: V): this {
    if (this.#count !== undefined && !this.has(key)) this.#count++;
    this.#absent.delete(key);
    this.#written.add(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    const had = this.has(key);
    if (had && this.#count !== undefined) this.#count--;
    this.#absent.add(key);
    this.#written.add(key);
    return super.delete(key) || had;
  }

  override get size(): number {
    if (this.#count === undefined) throw new WholeNeeded('the size of a partly loaded map');
    return this.#count;
  }

  override clear(): void {
    throw new WholeNeeded('clearing a partly loaded map');
  }

  override *keys(): MapIterator<K> {
    const all = this.#options.keys;
    if (all === undefined) throw new WholeNeeded('the keys of a partly loaded map');
    const seen = new Set<K>();
    for (const key of all()) {
      seen.add(key);
      if (!this.#written.has(key) || super.has(key)) yield key;
    }
    for (const key of this.#written) if (!seen.has(key) && super.has(key)) yield key;
  }

  override *entries(): MapIterator<[K, V]> {
    for (const key of this.keys()) yield [key, this.get(key) as V];
  }

  override *values(): MapIterator<V> {
    for (const key of this.keys()) yield this.get(key) as V;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  /** What the store must write back: keys set, or deleted (undefined). */
  *written(): Generator<[K, V | undefined]> {
    for (const key of this.#written) yield [key, super.get(key)];
  }

  /** The entries loaded or set so far, without loading any more. */
  loaded(): IterableIterator<[K, V]> {
    return super.entries();
  }
}

/** Whether a map is loaded in part (a state resumed from a cache), with its type kept. */
export function isLoadingMap<K, V>(map: ReadonlyMap<K, V>): map is LoadingMap<K, V> {
  return map instanceof LoadingMap;
}
