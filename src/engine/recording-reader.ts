// A CatalogReader that records what is read through it (as `readKeys`), over another reader: an
// incremental link knows by the reads which entities to check again after a change, a rebuild which
// pages to render again, an audit whether to look again.

import type { CatalogReader, Relation } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { readKeys } from './read-keys.js';

export class RecordingReader implements CatalogReader {
  readonly #inner: CatalogReader;
  #reads: Set<string> | undefined;

  constructor(inner: CatalogReader) {
    this.#inner = inner;
  }

  /** Runs `compute`, which reads through this reader, and says what it read. */
  record<T>(compute: () => T): { value: T; reads: Set<string> } {
    const outer = this.#reads;
    const reads = new Set<string>();
    this.#reads = reads;
    try {
      return { value: compute(), reads };
    } finally {
      this.#reads = outer;
    }
  }

  get entities(): readonly Entity[] {
    return this.#inner.entities;
  }

  get external(): readonly Entity[] {
    return this.#inner.external;
  }

  get(identity: string): Entity | undefined {
    this.#reads?.add(readKeys.entity(identity));
    return this.#inner.get(identity);
  }

  versionsOf(groupKey: string): readonly Entity[] {
    this.#reads?.add(readKeys.group(groupKey));
    return this.#inner.versionsOf(groupKey);
  }

  groupKeys(): Iterable<string> {
    this.#reads?.add(readKeys.names);
    return this.#inner.groupKeys();
  }

  latest(groupKey: string): Entity | undefined {
    this.#reads?.add(readKeys.group(groupKey));
    return this.#inner.latest(groupKey);
  }

  outgoing(identity: string): readonly Relation[] {
    this.#reads?.add(readKeys.outgoing(identity));
    return this.#inner.outgoing(identity);
  }

  incoming(identity: string): readonly Relation[] {
    this.#reads?.add(readKeys.incoming(identity));
    return this.#inner.incoming(identity);
  }

  /** Records the entity, its relations and its chain as three reads; what `compute` reads of the chain, not again. */
  closure<T>(identity: string, relation: string, compute: () => T): T {
    const reads = this.#reads;
    if (reads === undefined) return this.#inner.closure(identity, relation, compute);
    reads.add(readKeys.entity(identity));
    reads.add(readKeys.outgoing(identity));
    reads.add(readKeys.closure(relation, identity));
    this.#reads = undefined;
    try {
      return this.#inner.closure(identity, relation, compute);
    } finally {
      this.#reads = reads;
    }
  }
}

/** Runs `compute` over a reader that records, and says what it read of `catalog`. */
export function recordReads<T>(catalog: CatalogReader, compute: (reader: CatalogReader) => T): { value: T; reads: Set<string> } {
  const reader = new RecordingReader(catalog);
  return reader.record(() => compute(reader));
}
