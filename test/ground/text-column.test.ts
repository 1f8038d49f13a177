// Texts kept as one column: read back in place, and made of runs of other columns and new texts.

import { describe, expect, it } from 'vitest';
import { fromTextColumn, TextColumnBuilder, TextColumnReader, toTextColumn } from '../../src/ground/text-column.js';

const texts = ['', 'a', 'Café — 数据 🙂', '', 'x'.repeat(40), '|', 'b\nc', ''];

describe('TextColumnReader', () => {
  it('reads each text and any run of them as the column holds them', () => {
    const reader = TextColumnReader.of(toTextColumn(texts)) as TextColumnReader;
    expect(reader.length).toBe(texts.length);
    expect(texts.map((_, index) => reader.at(index))).toEqual(texts);
    expect(reader.joined(2, 5)).toBe(texts.slice(2, 5).join(''));
    expect(reader.joined(3, 3)).toBe('');
  });

  it('is no reader of a column whose lengths do not add up, or of something else', () => {
    const column = toTextColumn(texts);
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
    const first = TextColumnReader.of(toTextColumn(texts)) as TextColumnReader;
    const second = TextColumnReader.of(toTextColumn(['p', 'qq', 'rrr'])) as TextColumnReader;
    const builder = new TextColumnBuilder();
    builder.copy(first, 1, 4);
    builder.push('new');
    builder.push('');
    builder.copy(second, 0, 3);
    builder.copy(first, 5, 5);
    builder.copy(first, 6, 8);
    builder.push('end');
    const expected = [...texts.slice(1, 4), 'new', '', 'p', 'qq', 'rrr', ...texts.slice(6, 8), 'end'];
    const built = builder.done();
    expect(fromTextColumn(built)).toEqual(expected);
    expect(built).toEqual(toTextColumn(expected));
  });

  it('makes an empty column of nothing', () => {
    expect(new TextColumnBuilder().done()).toEqual(toTextColumn([]));
  });
});
