// Text columns, as the lint and site caches keep many short texts: read back whole, read in place,
// and made of runs of other columns and new texts; kept as UTF-8 bytes, and given back as they were
// even when a text is not well formed.

import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { fromTextColumn, TextColumnBuilder, TextColumnReader, toTextColumn } from '../../src/engine/text-column.js';

/** A column as a cache file gives it back. */
const stored = (column: unknown): unknown => deserialize(serialize(column));

describe('a text column', () => {
  it('gives back the texts it was made of, whatever they contain', () => {
    const texts = ['', 'o\0dataset:default/x', 'é数据', '', '\n\u0001'];
    expect(fromTextColumn(toTextColumn(texts))).toEqual(texts);
    expect(fromTextColumn(toTextColumn([]))).toEqual([]);
  });

  it('keeps its texts as UTF-8 bytes and their lengths in bytes', () => {
    const texts = ['model', '', 'é', '漢字', '🙂', 'a\uFFFDb'];
    const column = toTextColumn(texts);
    expect(column.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(column.bytes).toString('utf8')).toBe(texts.join(''));
    expect(Array.from(column.lengths)).toEqual([5, 0, 2, 6, 4, 5]);
  });

  it('gives back ASCII, accented, CJK and emoji texts and empty ones after a cache round trip', () => {
    const texts = ['models/model-0/model.yaml', '', 'Café', '漢字のモデル', '🙂🚀', '', 'e\u0301', '\uFFFD', 'x'.repeat(5000)];
    expect(fromTextColumn(stored(toTextColumn(texts)))).toEqual(texts);
    expect(fromTextColumn(stored(toTextColumn(['', '', ''])))).toEqual(['', '', '']);
  });

  it('is no column when its lengths do not add up to its bytes', () => {
    const column = toTextColumn(['ab', 'c']);
    expect(fromTextColumn({ ...column, bytes: Buffer.from('abcd') })).toBeUndefined();
    expect(fromTextColumn({ ...column, lengths: Int32Array.from([2, 5]) })).toBeUndefined();
    expect(fromTextColumn({ ...column, lengths: Int32Array.from([-1, 4]) })).toBeUndefined();
    expect(fromTextColumn({ bytes: column.bytes, lengths: [2, 1] })).toBeUndefined();
    expect(fromTextColumn(undefined)).toBeUndefined();
  });

  it('is no column in the former form, with one string for its texts', () => {
    expect(fromTextColumn({ text: 'abc', lengths: Int32Array.from([2, 1]) })).toBeUndefined();
    expect(fromTextColumn(stored({ text: 'abc', lengths: Int32Array.from([2, 1]) }))).toBeUndefined();
    expect(fromTextColumn({ bytes: 'abc', lengths: Int32Array.from([2, 1]) })).toBeUndefined();
    expect(fromTextColumn({ bytes: [97, 98, 99], lengths: Int32Array.from([2, 1]) })).toBeUndefined();
    expect(fromTextColumn({ bytes: Buffer.from('abc'), lengths: Float64Array.from([2, 1]) })).toBeUndefined();
    expect(fromTextColumn('abc')).toBeUndefined();
    expect(fromTextColumn(null)).toBeUndefined();
  });
});

describe('a text that is not well formed', () => {
  // Lone surrogates: UTF-8 has no form for them, and encoding one gives U+FFFD.
  const broken = ['\uD800', 'a\uDC00b', 'end\uD83D', '\uDE00start'];

  it('is given back as it was, not as U+FFFD', () => {
    const texts = ['ok', ...broken, 'é', '🙂', ''];
    const column = toTextColumn(texts);
    expect(fromTextColumn(column)).toEqual(texts);
    expect(fromTextColumn(stored(column))).toEqual(texts);
  });

  it('is given back apart from its neighbours when two halves of a pair are next to each other', () => {
    // Joined, the last two make one well-formed emoji; each alone is not well formed.
    const texts = ['end\uD83D', '\uDE00start'];
    expect(fromTextColumn(toTextColumn(texts))).toEqual(texts);
    expect(fromTextColumn(toTextColumn(['\uD83D', '\uDE00']))).toEqual(['\uD83D', '\uDE00']);
  });

  it('is kept in UTF-16 with its length negated, the others in UTF-8', () => {
    const column = toTextColumn(['é', '\uD800', 'x']);
    expect(Array.from(column.lengths)).toEqual([2, -2, 1]);
    expect(column.bytes.length).toBe(5);
  });

  it('makes no column of an odd number of UTF-16 bytes', () => {
    expect(fromTextColumn({ bytes: Buffer.from([0, 0xd8, 0x61]), lengths: Int32Array.from([-3]) })).toBeUndefined();
  });

  it('is copied in runs and pushed like any other text', () => {
    const first = TextColumnReader.of(stored(toTextColumn(['a', '\uD800', 'é']))) as TextColumnReader;
    const builder = new TextColumnBuilder();
    builder.push('\uDFFF');
    builder.push('n');
    builder.copy(first, 1, 3);
    builder.push('🙂');
    const expected = ['\uDFFF', 'n', '\uD800', 'é', '🙂'];
    expect(fromTextColumn(stored(builder.done()))).toEqual(expected);
  });
});

const many = ['', 'a', 'Café — 数据 🙂', '', 'x'.repeat(40), '|', 'b\nc', ''];

describe('TextColumnReader', () => {
  it('reads each text and the bytes of any run of them as the column holds them', () => {
    const reader = TextColumnReader.of(toTextColumn(many)) as TextColumnReader;
    expect(reader.length).toBe(many.length);
    expect(many.map((_, index) => reader.at(index))).toEqual(many);
    expect(Buffer.from(reader.bytesOf(2, 5)).toString('utf8')).toBe(many.slice(2, 5).join(''));
    expect(reader.bytesOf(3, 3).length).toBe(0);
  });

  it('reads the bytes in place, whether a cache gives back a Buffer or a plain Uint8Array', () => {
    const column = toTextColumn(many);
    const backing = new Uint8Array(column.bytes.length + 7);
    backing.set(column.bytes, 3);
    const plain = backing.subarray(3, 3 + column.bytes.length);
    const reader = TextColumnReader.of({ bytes: plain, lengths: column.lengths }) as TextColumnReader;
    expect(many.map((_, index) => reader.at(index))).toEqual(many);
    expect(reader.bytesOf(0, many.length).buffer).toBe(backing.buffer);
    const fromCache = TextColumnReader.of(stored(column)) as TextColumnReader;
    expect(many.map((_, index) => fromCache.at(index))).toEqual(many);
  });

  it('reads an ASCII column whole and each text after, as it does any other column', () => {
    const ascii = ['models/a.yaml', '', 'b', 'model:default/c', ''];
    const backing = Buffer.from(`é${ascii.join('')}漢`);
    const column = { bytes: backing.subarray(2, backing.length - 3), lengths: toTextColumn(ascii).lengths };
    const reader = TextColumnReader.of(column) as TextColumnReader;
    expect(reader.texts()).toEqual(ascii);
    expect(reader.rows().get('model:default/c')).toBe(3);
    expect(ascii.map((_, index) => reader.at(index))).toEqual(ascii);
    const mixed = TextColumnReader.of(toTextColumn(['a', 'é', '\uD800', 'b'])) as TextColumnReader;
    expect(mixed.texts()).toEqual(['a', 'é', '\uD800', 'b']);
    expect(mixed.at(2)).toBe('\uD800');
  });

  it('gives each text its last row', () => {
    const reader = TextColumnReader.of(toTextColumn(['a', 'é', 'a'])) as TextColumnReader;
    expect(reader.rows()).toEqual(
      new Map([
        ['a', 2],
        ['é', 1],
      ]),
    );
  });

  it('tells whether two rows hold the same text by their bytes, in either encoding', () => {
    const reader = TextColumnReader.of(
      stored(toTextColumn(['ab', 'é', 'ab', 'ac', '\uD800', '\uD800', '', '', 'abc'])),
    ) as TextColumnReader;
    const same = (row: number, other: number) => reader.sameAt(row, other);
    expect([same(0, 2), same(4, 5), same(6, 7), same(1, 1)]).toEqual([true, true, true, true]);
    expect([same(0, 3), same(0, 8), same(0, 1), same(4, 1), same(6, 0)]).toEqual([false, false, false, false, false]);
  });

  it('is no reader of a column whose lengths do not add up, or of something else', () => {
    const column = toTextColumn(many);
    expect(TextColumnReader.of({ ...column, bytes: Buffer.concat([column.bytes, Buffer.from('!')]) })).toBeUndefined();
    expect(TextColumnReader.of({ ...column, lengths: Int32Array.from([...column.lengths, 1]) })).toBeUndefined();
    const negative = Int32Array.from(column.lengths);
    negative[0] = -1;
    negative[1] = (negative[1] as number) + 1;
    expect(TextColumnReader.of({ ...column, lengths: negative })).toBeUndefined();
    expect(TextColumnReader.of({ bytes: column.bytes, lengths: Array.from(column.lengths) })).toBeUndefined();
    expect(TextColumnReader.of({ text: many.join(''), lengths: Int32Array.from(many, (text) => text.length) })).toBeUndefined();
    expect(TextColumnReader.of(undefined)).toBeUndefined();
    expect(TextColumnReader.of(toTextColumn([]))?.length).toBe(0);
  });
});

describe('TextColumnBuilder', () => {
  it('makes the column of the texts it was given, whether copied in runs or one by one', () => {
    const first = TextColumnReader.of(toTextColumn(many)) as TextColumnReader;
    const second = TextColumnReader.of(stored(toTextColumn(['p', '漢字', 'rrr']))) as TextColumnReader;
    const builder = new TextColumnBuilder();
    builder.copy(first, 1, 4);
    builder.push('new');
    builder.push('');
    builder.push('ü');
    builder.copy(second, 0, 3);
    builder.copy(first, 5, 5);
    builder.copy(first, 6, 8);
    builder.push('end 🙂');
    const expected = [...many.slice(1, 4), 'new', '', 'ü', 'p', '漢字', 'rrr', ...many.slice(6, 8), 'end 🙂'];
    const built = builder.done();
    expect(fromTextColumn(built)).toEqual(expected);
    expect(fromTextColumn(stored(built))).toEqual(expected);
    expect(built).toEqual(toTextColumn(expected));
  });

  it('makes an empty column of nothing', () => {
    expect(new TextColumnBuilder().done()).toEqual(toTextColumn([]));
  });
});
