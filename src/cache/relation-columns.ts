// Relations as a cache keeps them: each field a column (texts joined, flags in a typed array) rather
// than tens of thousands of small objects with an array each, which V8 reads back several times
// slower (a site rebuild at 10k entities reads 30k relations).

import type { Relation } from '../catalog/catalog.js';
import type { RelationIndex } from '../catalog/relation-index.js';
import { compareStrings } from '../ground/diagnostics.js';
import { concatenated } from '../ground/collections.js';
import { TextColumnBuilder, TextColumnReader, toTextColumn, type TextColumn } from '../engine/text-column.js';

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

/** Stored relation columns, checked whole and read in place: each relation decoded when asked for. */
export class RelationColumnsReader {
  readonly columns: RelationColumns;
  readonly count: number;
  readonly texts: Record<TextField, TextColumnReader>;
  readonly pointers: TextColumnReader;
  /** Where each relation's pointer segments start in `pointers`, and where the last one's end. */
  readonly pointerStarts: Int32Array;

  private constructor(fields: Pick<RelationColumnsReader, 'columns' | 'count' | 'texts' | 'pointers' | 'pointerStarts'>) {
    ({ columns: this.columns, count: this.count, texts: this.texts, pointers: this.pointers, pointerStarts: this.pointerStarts } = fields);
  }

  /** Undefined when the columns are not whole. */
  static of(value: unknown): RelationColumnsReader | undefined {
    const stored = value as Partial<RelationColumns> | null;
    const texts = Object.fromEntries(TEXT_FIELDS.map((field) => [field, TextColumnReader.of(stored?.[field])])) as Record<
      TextField,
      TextColumnReader | undefined
    >;
    const pointers = TextColumnReader.of(stored?.pointers);
    const { flags, pointerLengths } = stored ?? {};
    const count = flags instanceof Uint8Array ? flags.length : -1;
    if (
      pointers === undefined ||
      TEXT_FIELDS.some((field) => texts[field]?.length !== count) ||
      !(pointerLengths instanceof Int32Array) ||
      pointerLengths.length !== count ||
      pointerLengths.some((length) => length < 0)
    )
      return undefined;
    const pointerStarts = new Int32Array(count + 1);
    for (let index = 0; index < count; index++)
      pointerStarts[index + 1] = (pointerStarts[index] as number) + (pointerLengths[index] as number);
    if (pointerStarts[count] !== pointers.length) return undefined;
    return new RelationColumnsReader({
      columns: stored as RelationColumns,
      count,
      texts: texts as Record<TextField, TextColumnReader>,
      pointers,
      pointerStarts,
    });
  }

  /** The relation at `index`, as a link makes it. */
  relationAt(index: number): Relation {
    const { texts, pointers, pointerStarts } = this;
    const pointer: string[] = [];
    for (let segment = pointerStarts[index] as number; segment < (pointerStarts[index + 1] as number); segment++)
      pointer.push(pointers.at(segment));
    // The fields in the order a link sets them.
    const relation: Relation = {
      type: texts.types.at(index),
      inverse: texts.inverses.at(index),
      source: texts.sources.at(index),
      target: texts.targets.at(index),
      pointer,
    };
    const flag = this.columns.flags[index] as number;
    if ((flag & HAS_MEMBER) !== 0) relation.member = texts.members.at(index);
    if ((flag & ACYCLIC) !== 0) relation.acyclic = true;
    return relation;
  }
}

/** The relations stored columns hold, as a link makes them; undefined when they are not whole. */
export function fromRelationColumns(value: unknown): Relation[] | undefined {
  const reader = RelationColumnsReader.of(value);
  if (reader === undefined) return undefined;
  const relations: Relation[] = [];
  for (let index = 0; index < reader.count; index++) relations.push(reader.relationAt(index));
  return relations;
}

/**
 * The relations a link kept, in the order of their sources' identities, read in place: a source's or a
 * target's are decoded when first asked for, so that a rebuild which looks at a few entities does not
 * make thirty thousand relations.
 */
export class KeptRelations implements RelationIndex {
  readonly #reader: RelationColumnsReader;
  /** Where each source's relations are: together, as a link keeps them. */
  readonly #sources: ReadonlyMap<string, readonly [number, number]>;
  /** Each target's first relation, and after each relation the next one with its target (-1: none); made when first asked. */
  #targets: { first: Map<string, number>; next: Int32Array } | undefined;
  readonly #outgoing = new Map<string, readonly Relation[]>();
  readonly #incoming = new Map<string, readonly Relation[]>();

  private constructor(reader: RelationColumnsReader, sources: ReadonlyMap<string, readonly [number, number]>) {
    this.#reader = reader;
    this.#sources = sources;
  }

  /** Undefined when the columns are not whole, or not in the order a link keeps (each source's together, sources sorted). */
  static of(value: unknown): KeptRelations | undefined {
    const reader = RelationColumnsReader.of(value);
    if (reader === undefined) return undefined;
    const sources = new Map<string, [number, number]>();
    const column = reader.texts.sources;
    let run: [number, number] | undefined;
    let previous: string | undefined;
    for (let index = 0; index < reader.count; index++) {
      if (run !== undefined && column.sameAt(run[0], index)) {
        run[1] = index + 1;
        continue;
      }
      const source = column.at(index);
      if (previous !== undefined && compareStrings(previous, source) >= 0) return undefined;
      sources.set((previous = source), (run = [index, index + 1]));
    }
    return new KeptRelations(reader, sources);
  }

  get columns(): RelationColumns {
    return this.#reader.columns;
  }

  /** A builder of columns made of runs of these relations and new ones: the columns are whole, as `of` checked. */
  builder(): RelationColumnsBuilder {
    return RelationColumnsBuilder.over(this.#reader);
  }

  /** Where a source's relations are in the columns: [from, to). */
  sourceRange(source: string): readonly [number, number] | undefined {
    return this.#sources.get(source);
  }

  outgoing(identity: string): readonly Relation[] | undefined {
    const range = this.#sources.get(identity);
    if (range === undefined) return undefined;
    let relations = this.#outgoing.get(identity);
    if (relations === undefined) {
      const made: Relation[] = [];
      for (let index = range[0]; index < range[1]; index++) made.push(this.#reader.relationAt(index));
      this.#outgoing.set(identity, (relations = made));
    }
    return relations;
  }

  incoming(identity: string): readonly Relation[] | undefined {
    const { first, next } = (this.#targets ??= this.#indexTargets());
    const head = first.get(identity);
    if (head === undefined) return undefined;
    let relations = this.#incoming.get(identity);
    if (relations === undefined) {
      const made: Relation[] = [];
      for (let index = head; index !== -1; index = next[index] as number) made.push(this.#reader.relationAt(index));
      this.#incoming.set(identity, (relations = made));
    }
    return relations;
  }

  /** Chains each target's relations in their order: walked from the last, so that each chain starts at its first. */
  #indexTargets(): { first: Map<string, number>; next: Int32Array } {
    const { count, texts } = this.#reader;
    const first = new Map<string, number>();
    const next = new Int32Array(count);
    for (let index = count - 1; index >= 0; index--) {
      const target = texts.targets.at(index);
      next[index] = first.get(target) ?? -1;
      first.set(target, index);
    }
    return { first, next };
  }
}

/**
 * Relation columns made of runs of kept columns' relations and of new relations: a run is copied as
 * bytes at once, so that a rebuild whose link changed a few sources' relations does not encode the
 * other thirty thousand again.
 */
export class RelationColumnsBuilder {
  readonly #kept: RelationColumnsReader;
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

  /** A builder over columns already checked whole (`RelationColumnsReader.of`). */
  static over(kept: RelationColumnsReader): RelationColumnsBuilder {
    return new RelationColumnsBuilder(kept);
  }

  private constructor(kept: RelationColumnsReader) {
    this.#kept = kept;
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
    const kept = this.#kept;
    for (const field of TEXT_FIELDS) this.#columns[field].copy(kept.texts[field], from, to);
    this.#columns.pointers.copy(kept.pointers, kept.pointerStarts[from] as number, kept.pointerStarts[to] as number);
    this.#pointerLengths.push(kept.columns.pointerLengths.subarray(from, to));
    this.#flags.push(kept.columns.flags.subarray(from, to));
  }
}

const TEXT_FIELDS = ['types', 'inverses', 'sources', 'targets', 'members'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
