// What the lookups that pages read answered, kept between builds: each key (`readKeys`) once, with a
// fingerprint of its answer. A rebuild asks whether a key's answer stands; it looks the answer up only
// when the link cannot tell it unchanged, and only once.

import type { CatalogReader, Relation } from '../../catalog/catalog.js';
import { parseReadKey } from '../../engine/read-keys.js';
import { contentHash } from '../../ground/content-hash.js';
import { TextColumnBuilder } from '../../engine/text-column.js';
import type { Entity } from '../../model/entity.js';
import type { PreviousPageState, StoredPageState } from './page-state-format.js';

/** What identifies an entity's content: the cheapest stable stand-in (its file's content key and place). */
export type EntityKey = (entity: Entity) => string;

const STANDS = 1;
const CHANGED = 2;
/** While marking: read by a page, and changed; its answer is looked at when asked. */
const UNKNOWN = 3;

const relationsPrint = (relations: readonly Relation[], other: (relation: Relation) => string) =>
  relations.map((r) => `${r.type}>${other(r)}#${r.member ?? ''}@${r.pointer.join('/')}`).join('|');

export class RecordedAnswers {
  readonly #catalog: CatalogReader;
  readonly #entityKey: EntityKey;
  readonly #previous: PreviousPageState | undefined;
  /** Whether each previous key's answer stands, by its index: STANDS, CHANGED or 0 (not looked at yet). */
  #stands: Uint8Array;
  /** The previous build's keys, in their places (so that a kept entity's reads stay as they were). */
  readonly #previousKeys: number;
  /** Keys read first now, after the previous ones, with their answers. */
  readonly #newKeys: string[] = [];
  readonly #newAnswers: string[] = [];
  /** Previous keys whose answer changed, by index. */
  readonly #changedAnswers = new Map<number, string>();
  /** Each key's index; made when a page is first recorded. */
  #keyIndex: Map<string, number> | undefined;

  /**
   * The answers of `previous` (none for a first rebuild), compared with `catalog`'s. With the lookups
   * whose answers changed since then (`changedKeys`, from a link gone on from the last one), every
   * other key is taken to stand without its answer looked at.
   */
  constructor(catalog: CatalogReader, entityKey: EntityKey, previous: PreviousPageState | undefined, changedKeys?: ReadonlySet<string>) {
    this.#catalog = catalog;
    this.#entityKey = entityKey;
    this.#previous = previous;
    this.#previousKeys = previous?.keys.length ?? 0;
    this.#stands = new Uint8Array(this.#previousKeys);
    if (changedKeys !== undefined && previous !== undefined) this.#markUnchanged(previous, changedKeys);
  }

  /** A key no page read then may have an older answer than the link knows: it is looked at. */
  #markUnchanged(previous: PreviousPageState, changedKeys: ReadonlySet<string>): void {
    // Indexed loops over the reads here and below: run once, a for-of makes an object an element.
    const { reads } = previous.stored;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let at = 0; at < reads.length; at++) {
      const index = reads[at] as number;
      if (this.#stands[index] === 0) this.#stands[index] = changedKeys.has(previous.keys.at(index)) ? UNKNOWN : STANDS;
    }
    this.#stands.forEach((stands, index) => {
      if (stands === UNKNOWN) this.#stands[index] = 0;
    });
  }

  /** Whether the previous key at `index` answers as it did. */
  standing(index: number): boolean {
    let stands = this.#stands[index];
    // Undefined once released: worked out again, and kept with the changed answers as before.
    if (stands === 0 || stands === undefined) {
      const previous = this.#previous as PreviousPageState;
      const answer = this.#answer(previous.keys.at(index));
      stands = previous.answers.at(index) === answer ? STANDS : CHANGED;
      // Kept: a thousand pages may read a key whose answer (a long version group) changed.
      if (stands === CHANGED) this.#changedAnswers.set(index, answer);
      this.#stands[index] = stands;
    }
    return stands === STANDS;
  }

  /** A key's index, its answer now beside it. */
  index(key: string): number {
    this.#keyIndex ??= this.#previous?.keys.rows() ?? new Map<string, number>();
    let index = this.#keyIndex.get(key);
    if (index === undefined) {
      index = this.#previousKeys + this.#newKeys.length;
      this.#newKeys.push(key);
      this.#newAnswers.push(this.#answer(key));
      this.#keyIndex.set(key, index);
    } else if (index < this.#previousKeys) this.standing(index);
    return index;
  }

  /** Lets go of what only deciding about pages needed (at 100k entities, megabytes). */
  release(): void {
    this.#stands = new Uint8Array(0);
    this.#keyIndex = undefined;
  }

  #keyAt(index: number): string {
    return index < this.#previousKeys
      ? (this.#previous as PreviousPageState).keys.at(index)
      : (this.#newKeys[index - this.#previousKeys] as string);
  }

  #answerAt(index: number): string {
    if (index >= this.#previousKeys) return this.#newAnswers[index - this.#previousKeys] as string;
    return this.#changedAnswers.get(index) ?? (this.#previous as PreviousPageState).answers.at(index);
  }

  /**
   * The keys and answers to keep, given every entity's `reads` (renumbered here when keys are
   * dropped): keys no page reads any more are dropped once they are most of them, not at every build.
   * Otherwise the previous columns are kept, with the changed answers and the new keys.
   */
  stored(reads: Int32Array): Pick<StoredPageState, 'keys' | 'answers'> {
    const count = this.#previousKeys + this.#newKeys.length;
    const used = new Uint8Array(count);
    let usedCount = 0;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- indexed, as in #markUnchanged
    for (let at = 0; at < reads.length; at++) {
      const index = reads[at] as number;
      if (used[index] === 0) {
        used[index] = 1;
        usedCount++;
      }
    }
    const keys = new TextColumnBuilder();
    const answers = new TextColumnBuilder();
    if (usedCount * 2 < count) {
      const renumbered = new Int32Array(count);
      let kept = 0;
      used.forEach((isUsed, index) => {
        if (isUsed === 0) return;
        renumbered[index] = kept++;
        keys.push(this.#keyAt(index));
        answers.push(this.#answerAt(index));
      });
      reads.forEach((index, at) => (reads[at] = renumbered[index] as number));
      return { keys: keys.done(), answers: answers.done() };
    }
    const previous = this.#previous;
    if (previous !== undefined) {
      keys.copy(previous.keys, 0, this.#previousKeys);
      let from = 0;
      for (const index of [...this.#changedAnswers.keys()].sort((a, b) => a - b)) {
        answers.copy(previous.answers, from, index);
        answers.push(this.#changedAnswers.get(index) as string);
        from = index + 1;
      }
      answers.copy(previous.answers, from, this.#previousKeys);
    }
    for (const key of this.#newKeys) keys.push(key);
    for (const answer of this.#newAnswers) answers.push(answer);
    return { keys: keys.done(), answers: answers.done() };
  }

  /** A lookup's answer now, as a fingerprint: lists of relations or versions run long, and are kept as their hash. */
  #answer(key: string): string {
    const answer = this.#answerText(key);
    return answer.length > 64 ? contentHash(answer) : answer;
  }

  #answerText(key: string): string {
    const catalog = this.#catalog;
    const read = parseReadKey(key);
    switch (read?.kind) {
      case 'entity': {
        const entity = catalog.get(read.identity);
        return entity === undefined ? '' : this.#entityKey(entity);
      }
      case 'group':
        return catalog
          .versionsOf(read.groupKey)
          .map((entity) => `${entity.identity}=${this.#entityKey(entity)}`)
          .join('|');
      case 'outgoing':
        return relationsPrint(catalog.outgoing(read.identity), (relation) => relation.target);
      case 'incoming':
        return relationsPrint(catalog.incoming(read.identity), (relation) => relation.source);
      case 'names':
        return [...catalog.groupKeys()].join('|');
      case 'closure':
        return this.#chainText(read.identity, read.relation);
      case undefined:
        // A key no reader made (a damaged state): an answer no lookup gives, so the page is built again.
        return '\0unknown';
    }
  }

  /** The entities the chain of `identity` along `relation` reaches past itself, each with its relations. */
  #chainText(identity: string, relation: string): string {
    const catalog = this.#catalog;
    const parts: string[] = [];
    const seen = new Set([identity]);
    const queue = [identity];
    // The queue grows as the loop goes: an array's iterator reads its length at each step.
    for (const at of queue) {
      for (const next of catalog.outgoing(at)) {
        if (next.type !== relation || seen.has(next.target)) continue;
        seen.add(next.target);
        queue.push(next.target);
        const entity = catalog.get(next.target);
        const outgoing = relationsPrint(catalog.outgoing(next.target), (r) => r.target);
        parts.push(`${next.target}=${entity === undefined ? '' : this.#entityKey(entity)}:${outgoing}`);
      }
    }
    return parts.join('|');
  }
}
