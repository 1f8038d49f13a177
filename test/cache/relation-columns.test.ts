// Relations kept in columns come back as the link made them: every field, the optional ones only
// where they were, and damaged columns are refused.

import { describe, expect, it } from 'vitest';
import type { Relation } from '../../src/catalog/catalog.js';
import { fromRelationColumns, RelationColumnsBuilder, toRelationColumns } from '../../src/cache/relation-columns.js';

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
    const builder = RelationColumnsBuilder.of(kept);
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
    expect(RelationColumnsBuilder.of({ ...kept, pointerLengths: Int32Array.from([3, 1, 0, 2]) })).toBeUndefined();
    // Lengths that add up, one of them negative.
    expect(RelationColumnsBuilder.of({ ...kept, pointerLengths: Int32Array.from([2, 4, -1, 2]) })).toBeUndefined();
    expect(RelationColumnsBuilder.of({ ...kept, flags: [0, 0, 0, 0] as unknown as Uint8Array })).toBeUndefined();
  });

  it('are refused when damaged', () => {
    const columns = toRelationColumns(RELATIONS);
    expect(fromRelationColumns({ ...columns, flags: columns.flags.subarray(1) })).toBeUndefined();
    expect(fromRelationColumns({ ...columns, pointerLengths: Int32Array.from([3, -1, 3, 2]) })).toBeUndefined();
    expect(fromRelationColumns({ ...columns, targets: { bytes: Buffer.from('x'), lengths: new Int32Array(4) } })).toBeUndefined();
    expect(fromRelationColumns(undefined)).toBeUndefined();
  });
});
