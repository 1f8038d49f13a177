// Relations kept in columns come back as the link made them: every field, the optional ones only
// where they were, and damaged columns are refused; read in place, they answer as relations indexed
// at once do, revised or not.

import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/catalog/catalog.js';
import {
  fromRelationColumns,
  KeptRelations,
  RelationColumnsBuilder,
  RelationColumnsReader,
  toRelationColumns,
} from '../../src/cache/relation-columns.js';
import { relationIndexOf, revisedRelationIndex, type RelationIndex } from '../../src/catalog/relation-index.js';

const RELATIONS: Relation[] = [
  { type: 'ownedBy', inverse: 'ownerOf', source: 'model:default/a', target: 'team:default/t', pointer: ['metadata', 'owner'] },
  {
    type: 'readsFeature',
    inverse: 'readBy',
    source: 'modelversion:default/a@1.0.0',
    target: 'featureview:default/f',
    pointer: ['spec', 'features', '0'],
    member: 'amount_7d',
  },
  { type: 'derivedFrom', inverse: 'derivedInto', source: 'dataset:default/d@2', target: 'dataset:default/d@1', pointer: [], acyclic: true },
  { type: 'x', inverse: 'y', source: 'é', target: '数据', pointer: ['a/b', ''], member: '' },
];

describe('relation columns', () => {
  it('give back every relation as it was, key for key', () => {
    const back = fromRelationColumns(toRelationColumns(RELATIONS));
    expect(back).toStrictEqual(RELATIONS);
    expect(back?.map((relation) => Object.keys(relation))).toEqual(RELATIONS.map((relation) => Object.keys(relation)));
    expect(fromRelationColumns(toRelationColumns([]))).toEqual([]);
  });

  it('are made again from runs of kept columns and new relations, as from the relations themselves', () => {
    const kept = toRelationColumns(RELATIONS);
    const added: Relation = {
      type: 'usesData',
      inverse: 'usedBy',
      source: 'model:default/b',
      target: 'dataset:default/d@2',
      pointer: ['spec', 'data'],
    };
    const reader = RelationColumnsReader.of(kept);
    const builder = reader === undefined ? undefined : RelationColumnsBuilder.over(reader);
    builder?.copy(0, 1);
    builder?.push([added]);
    // Two runs next to each other are one copy.
    builder?.copy(2, 3);
    builder?.copy(3, 4);
    builder?.copy(1, 2);
    builder?.push([]);
    const made = builder?.done();
    const expected = [RELATIONS[0], added, RELATIONS[2], RELATIONS[3], RELATIONS[1]] as Relation[];
    expect(made).toEqual(toRelationColumns(expected));
    expect(fromRelationColumns(made)).toStrictEqual(expected);
    // A builder is made over kept columns checked whole: damaged ones are refused.
    expect(RelationColumnsReader.of({ ...kept, pointerLengths: Int32Array.from([3, 1, 0, 2]) })).toBeUndefined();
    // Lengths that add up, one of them negative.
    expect(RelationColumnsReader.of({ ...kept, pointerLengths: Int32Array.from([2, 4, -1, 2]) })).toBeUndefined();
    expect(RelationColumnsReader.of({ ...kept, flags: [0, 0, 0, 0] as unknown as Uint8Array })).toBeUndefined();
  });

  it('are refused when damaged', () => {
    const columns = toRelationColumns(RELATIONS);
    expect(fromRelationColumns({ ...columns, flags: columns.flags.subarray(1) })).toBeUndefined();
    expect(fromRelationColumns({ ...columns, pointerLengths: Int32Array.from([3, -1, 3, 2]) })).toBeUndefined();
    expect(fromRelationColumns({ ...columns, targets: { bytes: Buffer.from('x'), lengths: new Int32Array(4) } })).toBeUndefined();
    expect(fromRelationColumns(undefined)).toBeUndefined();
  });
});

describe('kept relations', () => {
  /** Relations as a link keeps them: by source identity, each source's in document order. */
  const relation = (source: string, target: string, field: string): Relation => ({
    type: 'uses',
    inverse: 'usedBy',
    source,
    target,
    pointer: ['spec', field],
  });
  const KEPT = [
    relation('a', 'd', 'x'),
    relation('a', 'c', 'y'),
    relation('a', 'd', 'z'),
    relation('b', 'd', 'x'),
    relation('c', 'a', 'x'),
  ];
  const identities = ['a', 'b', 'c', 'd', 'e'];
  /** What a reader answers for every identity, either way. */
  const answers = (index: RelationIndex) => identities.map((identity) => [index.outgoing(identity), index.incoming(identity)]);

  it('answer each source and target as the relations indexed at once do, decoding only what is asked', () => {
    const kept = KeptRelations.of(toRelationColumns(KEPT)) as KeptRelations;
    expect(answers(kept)).toStrictEqual(answers(relationIndexOf(KEPT)));
    expect(kept.sourceRange('a')).toEqual([0, 3]);
    expect(kept.sourceRange('c')).toEqual([4, 5]);
    expect(kept.sourceRange('d')).toBeUndefined();
    // Asked twice, the same list.
    expect(kept.incoming('d')).toBe(kept.incoming('d'));
    // Its builder copies its runs as the builder of checked columns does.
    const builder = kept.builder();
    builder.copy(3, 5);
    builder.copy(0, 3);
    expect(fromRelationColumns(builder.done())).toStrictEqual([...KEPT.slice(3), ...KEPT.slice(0, 3)]);
  });

  it('are refused when a source is not together, or sources are not in order', () => {
    expect(KeptRelations.of(toRelationColumns([KEPT[0], KEPT[3], KEPT[1]] as Relation[]))).toBeUndefined();
    expect(KeptRelations.of(toRelationColumns([KEPT[3], KEPT[0]] as Relation[]))).toBeUndefined();
    expect(KeptRelations.of(toRelationColumns([]))).toBeDefined();
    expect(KeptRelations.of({ ...toRelationColumns(KEPT), flags: new Uint8Array(2) })).toBeUndefined();
  });

  it('revised where some sources changed answer as the relations revised and indexed again', () => {
    const changes = new Map<string, readonly Relation[]>([
      ['a', [relation('a', 'e', 'x'), relation('a', 'a', 'w')]],
      ['b', []],
      ['e', [relation('e', 'd', 'x'), relation('e', 'a', 'y')]],
    ]);
    const revised = [...KEPT.filter((kept) => !changes.has(kept.source)), ...[...changes.values()].flat()].sort((x, y) =>
      x.source < y.source ? -1 : x.source > y.source ? 1 : 0,
    );
    const kept = KeptRelations.of(toRelationColumns(KEPT)) as KeptRelations;
    expect(answers(revisedRelationIndex(kept, changes))).toStrictEqual(answers(relationIndexOf(revised)));
    expect(revisedRelationIndex(kept, new Map())).toBe(kept);
  });
});
