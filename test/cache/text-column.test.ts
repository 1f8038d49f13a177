// Text columns, as the lint and site caches keep many short texts.

import { describe, expect, it } from 'vitest';
import { fromTextColumn, toTextColumn } from '../../src/ground/text-column.js';

describe('a text column', () => {
  it('gives back the texts it was made of, whatever they contain', () => {
    const texts = ['', 'o\0dataset:default/x', 'é数据', '', '\n\u0001'];
    expect(fromTextColumn(toTextColumn(texts))).toEqual(texts);
    expect(fromTextColumn(toTextColumn([]))).toEqual([]);
  });

  it('is no column when its lengths do not add up to its text', () => {
    const column = toTextColumn(['ab', 'c']);
    expect(fromTextColumn({ ...column, text: 'abcd' })).toBeUndefined();
    expect(fromTextColumn({ ...column, lengths: Int32Array.from([2, 5]) })).toBeUndefined();
    expect(fromTextColumn({ ...column, lengths: Int32Array.from([-1, 4]) })).toBeUndefined();
    expect(fromTextColumn({ text: 'abc', lengths: [2, 1] })).toBeUndefined();
    expect(fromTextColumn(undefined)).toBeUndefined();
  });
});
