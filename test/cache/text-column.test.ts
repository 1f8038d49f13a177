// Text columns, as the lint and site caches keep many short texts: read back whole, read in place,
// and made of runs of other columns and new texts.

import { describe, expect, it } from 'vitest';
import { fromTextColumn, TextColumnBuilder, TextColumnReader, toTextColumn } from '../../src/engine/text-column.js';

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

const many = ['', 'a', 'Café — 数据 🙂', '', 'x'.repeat(40), '|', 'b\nc', ''];

describe('TextColumnReader', () => {
  it('reads each text and any run of them as the column holds them', () => {
    const reader = TextColumnReader.of(toTextColumn(many)) as TextColumnReader;
    expect(reader.length).toBe(many.length);
    expect(many.map((_, index) => reader.at(index))).toEqual(many);
    expect(reader.joined(2, 5)).toBe(many.slice(2, 5).join(''));
    expect(reader.joined(3, 3)).toBe('');
  });

  it('is no reader of a column whose lengths do not add up, or of something else', () => {
    const column = toTextColumn(many);
    expect(TextColumnReader.of({ ...column, text: `${column.text}!` })).toBeUndefined();
    expect(TextColumnReader.of({ ...column, lengths: Int32Array.from([...column.lengths, 1]) })).toBeUndefined();
    const negative = Int32Array.from(column.lengths);
    negative[0] = -1;
    negative[1] = (negative[1] as number) + 1;
    expect(TextColumnReader.of({ ...column, lengths: negative })).toBeUndefined();
    expect(TextColumnReader.of({ text: column.text, lengths: Array.from(column.lengths) })).toBeUndefined();
    expect(TextColumnReader.of(undefined)).toBeUndefined();
    expect(TextColumnReader.of(toTextColumn([]))?.length).toBe(0);
  });
});

describe('TextColumnBuilder', () => {
  it('makes the column of the texts it was given, whether copied in runs or one by one', () => {
    const first = TextColumnReader.of(toTextColumn(many)) as TextColumnReader;
    const second = TextColumnReader.of(toTextColumn(['p', 'qq', 'rrr'])) as TextColumnReader;
    const builder = new TextColumnBuilder();
    builder.copy(first, 1, 4);
    builder.push('new');
    builder.push('');
    builder.copy(second, 0, 3);
    builder.copy(first, 5, 5);
    builder.copy(first, 6, 8);
    builder.push('end');
    const expected = [...many.slice(1, 4), 'new', '', 'p', 'qq', 'rrr', ...many.slice(6, 8), 'end'];
    const built = builder.done();
    expect(fromTextColumn(built)).toEqual(expected);
    expect(built).toEqual(toTextColumn(expected));
  });

  it('makes an empty column of nothing', () => {
    expect(new TextColumnBuilder().done()).toEqual(toTextColumn([]));
  });
});
