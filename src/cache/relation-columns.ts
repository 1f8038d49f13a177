// Relations as a cache keeps them: each field a column (texts joined, flags in a typed array) rather
// than tens of thousands of small objects with an array each, which V8 reads back several times
// slower (a site rebuild at 10k entities reads 30k relations).

import type { Relation } from '../catalog/catalog.js';
import { concatenated } from '../ground/collections.js';
import { fromTextColumn, TextColumnBuilder, TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';

const HAS_MEMBER = 1;
const ACYCLIC = 2;

export interface RelationColumns {
  types: TextColumn;
  inverses: TextColumn;
  sources: TextColumn;
  targets: TextColumn;
  /** '' where a relation names no member (HAS_MEMBER says which do). */
  members: TextColumn;
  /** Every relation's pointer segments, one after the other; `pointerLengths` says how many are each relation's. */
  pointers: TextColumn;
  pointerLengths: Int32Array;
  flags: Uint8Array;
}

export function toRelationColumns(relations: readonly Relation[]): RelationColumns {
  const flags = new Uint8Array(relations.length);
  const pointerLengths = new Int32Array(relations.length);
  relations.forEach((relation, index) => {
    flags[index] = (relation.member === undefined ? 0 : HAS_MEMBER) | (relation.acyclic === true ? ACYCLIC : 0);
    pointerLengths[index] = relation.pointer.length;
  });
  return {
    types: toTextColumn(relations.map((relation) => relation.type)),
    inverses: toTextColumn(relations.map((relation) => relation.inverse)),
    sources: toTextColumn(relations.map((relation) => relation.source)),
    targets: toTextColumn(relations.map((relation) => relation.target)),
    members: toTextColumn(relations.map((relation) => relation.member ?? '')),
    pointers: toTextColumn(relations.flatMap((relation) => relation.pointer)),
    pointerLengths,
    flags,
  };
}

/** The relations stored columns hold, as a link makes them; undefined when they are not whole. */
export function fromRelationColumns(value: unknown): Relation[] | undefined {
  const stored = value as Partial<RelationColumns> | null;
  const types = fromTextColumn(stored?.types);
  const inverses = fromTextColumn(stored?.inverses);
  const sources = fromTextColumn(stored?.sources);
  const targets = fromTextColumn(stored?.targets);
  const members = fromTextColumn(stored?.members);
  const pointers = fromTextColumn(stored?.pointers);
  const { pointerLengths, flags } = stored ?? {};
  const count = types?.length ?? -1;
  if (
    types === undefined ||
    inverses?.length !== count ||
    sources?.length !== count ||
    targets?.length !== count ||
    members?.length !== count ||
    pointers === undefined ||
    !(pointerLengths instanceof Int32Array) ||
    !(flags instanceof Uint8Array) ||
    pointerLengths.length !== count ||
    flags.length !== count ||
    pointerLengths.some((length) => length < 0) ||
    pointerLengths.reduce((sum, length) => sum + length, 0) !== pointers.length
  )
    return undefined;
  const relations: Relation[] = [];
  let segment = 0;
  for (let index = 0; index < count; index++) {
    const end = segment + (pointerLengths[index] as number);
    // The fields in the order a link sets them.
    const relation: Relation = {
      type: types[index] as string,
      inverse: inverses[index] as string,
      source: sources[index] as string,
      target: targets[index] as string,
      pointer: pointers.slice(segment, end),
    };
    segment = end;
    const flag = flags[index] as number;
    if ((flag & HAS_MEMBER) !== 0) relation.member = members[index];
    if ((flag & ACYCLIC) !== 0) relation.acyclic = true;
    relations.push(relation);
  }
  return relations;
}

/**
 * Relation columns made of runs of kept columns' relations and of new relations: a run is copied as
 * bytes at once, so that a rebuild whose link changed a few sources' relations does not encode the
 * other thirty thousand again.
 */
export class RelationColumnsBuilder {
  readonly #kept: RelationColumns;
  readonly #readers: Record<TextField, TextColumnReader>;
  readonly #pointers: TextColumnReader;
  /** Where each kept relation's pointer segments start in `pointers`, and where the last one's end. */
  readonly #pointerStarts: Int32Array;
  readonly #columns = {
    types: new TextColumnBuilder(),
    inverses: new TextColumnBuilder(),
    sources: new TextColumnBuilder(),
    targets: new TextColumnBuilder(),
    members: new TextColumnBuilder(),
    pointers: new TextColumnBuilder(),
  };
  readonly #pointerLengths: Int32Array[] = [];
  readonly #flags: Uint8Array[] = [];
  /** A run of kept relations not yet copied: [from, to). */
  #run: [number, number] | undefined;

  /** Undefined when the kept columns are not whole. */
  static of(kept: RelationColumns): RelationColumnsBuilder | undefined {
    const readers = Object.fromEntries(TEXT_FIELDS.map((field) => [field, TextColumnReader.of(kept[field])])) as Record<
      TextField,
      TextColumnReader | undefined
    >;
    const pointers = TextColumnReader.of(kept.pointers);
    const { flags, pointerLengths } = kept as Partial<RelationColumns>;
    const count = flags instanceof Uint8Array ? flags.length : -1;
    if (
      pointers === undefined ||
      TEXT_FIELDS.some((field) => readers[field]?.length !== count) ||
      !(pointerLengths instanceof Int32Array) ||
      pointerLengths.length !== count ||
      pointerLengths.some((length) => length < 0)
    )
      return undefined;
    const pointerStarts = new Int32Array(count + 1);
    for (let index = 0; index < count; index++)
      pointerStarts[index + 1] = (pointerStarts[index] as number) + (pointerLengths[index] as number);
    if (pointerStarts[count] !== pointers.length) return undefined;
    return new RelationColumnsBuilder(kept, readers as Record<TextField, TextColumnReader>, pointers, pointerStarts);
  }

  private constructor(
    kept: RelationColumns,
    readers: Record<TextField, TextColumnReader>,
    pointers: TextColumnReader,
    pointerStarts: Int32Array,
  ) {
    this.#kept = kept;
    this.#readers = readers;
    this.#pointers = pointers;
    this.#pointerStarts = pointerStarts;
  }

  /** Adds the kept relations `from` up to `to`. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    if (this.#run !== undefined && this.#run[1] === from) {
      this.#run[1] = to;
      return;
    }
    this.#flush();
    this.#run = [from, to];
  }

  push(relations: readonly Relation[]): void {
    if (relations.length === 0) return;
    this.#flush();
    const columns = toRelationColumns(relations);
    for (const field of [...TEXT_FIELDS, 'pointers'] as const) this.#columns[field].append(columns[field]);
    this.#pointerLengths.push(columns.pointerLengths);
    this.#flags.push(columns.flags);
  }

  done(): RelationColumns {
    this.#flush();
    return {
      types: this.#columns.types.done(),
      inverses: this.#columns.inverses.done(),
      sources: this.#columns.sources.done(),
      targets: this.#columns.targets.done(),
      members: this.#columns.members.done(),
      pointers: this.#columns.pointers.done(),
      pointerLengths: concatenated(Int32Array, this.#pointerLengths),
      flags: concatenated(Uint8Array, this.#flags),
    };
  }

  #flush(): void {
    if (this.#run === undefined) return;
    const [from, to] = this.#run;
    this.#run = undefined;
    for (const field of TEXT_FIELDS) this.#columns[field].copy(this.#readers[field], from, to);
    this.#columns.pointers.copy(this.#pointers, this.#pointerStarts[from] as number, this.#pointerStarts[to] as number);
    this.#pointerLengths.push(this.#kept.pointerLengths.subarray(from, to));
    this.#flags.push(this.#kept.flags.subarray(from, to));
  }
}

const TEXT_FIELDS = ['types', 'inverses', 'sources', 'targets', 'members'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
