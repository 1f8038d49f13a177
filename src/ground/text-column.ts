// Many short texts as one string and their lengths: what caches keep instead of arrays of
// strings, which V8 serializes and reads back several times slower. Lengths, not a separator, so
// that no text can break the column whatever it contains.

export interface TextColumn {
  text: string;
  lengths: Int32Array;
}

export function toTextColumn(texts: readonly string[]): TextColumn {
  return { text: texts.join(''), lengths: Int32Array.from(texts, (text) => text.length) };
}

/** The texts a column holds; undefined when it is not one (its lengths do not add up). */
export function fromTextColumn(column: unknown): string[] | undefined {
  const { text, lengths } = (column ?? {}) as Partial<TextColumn>;
  if (typeof text !== 'string' || !(lengths instanceof Int32Array)) return undefined;
  const texts: string[] = [];
  let start = 0;
  for (const length of lengths) {
    if (length < 0 || start + length > text.length) return undefined;
    texts.push(text.slice(start, start + length));
    start += length;
  }
  return start === text.length ? texts : undefined;
}
