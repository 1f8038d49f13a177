// Which entities read which Catalog lookups (`readKeys`), kept in step with what each entity last
// read: after a change, an incremental link checks again the readers of the lookups that changed.

/** The entities that read one key, and that key as the one string every reader's list holds. */
export interface ReaderEntry {
  key: string;
  readers: Set<string>;
}

/** Which entities read a key, kept in step with what each entity last read. */
export class Readers {
  readonly byKey: Map<string, ReaderEntry>;

  constructor(byKey = new Map<string, ReaderEntry>()) {
    this.byKey = byKey;
  }

  /**
   * Replaces what `reader` read; returns the keys it reads now as the instances this index holds,
   * so that thousands of entities reading one team's key keep one string, not thousands.
   */
  replace(reader: string, before: readonly string[], after: Iterable<string>): string[] {
    // Every entry changed is set again: a map loaded from a cache writes back what was set.
    for (const key of before) {
      const entry = this.byKey.get(key);
      if (entry?.readers.delete(reader) === true) this.byKey.set(key, entry);
    }
    const kept: string[] = [];
    for (const key of after) {
      const entry = this.byKey.get(key) ?? { key, readers: new Set<string>() };
      if (!entry.readers.has(reader)) {
        entry.readers.add(reader);
        this.byKey.set(key, entry);
      }
      kept.push(entry.key);
    }
    return kept;
  }

  of(keys: Iterable<string>, into: Set<string>): void {
    for (const key of keys) for (const reader of this.byKey.get(key)?.readers ?? []) into.add(reader);
  }
}
