import { describe, expect, it } from 'vitest';
import { keepCommentSpacing } from '../../src/source/kept-spacing.js';

describe('keepCommentSpacing', () => {
  it("keeps the author's spacing of comments on lines the edit did not change", () => {
    const original = 'a: 1      # aligned\nlist:\n  - x\n#   at column 0\n  - y\nb: 2\n';
    const edited = 'a: 1 # aligned\nlist:\n  - x\n  #   at column 0\n  - y\nb: 3\n';
    expect(keepCommentSpacing(original, edited)).toBe('a: 1      # aligned\nlist:\n  - x\n#   at column 0\n  - y\nb: 3\n');
  });

  it('writes a changed line as edited, and keeps the line endings of the edit', () => {
    expect(keepCommentSpacing('a: 1   # one\r\nb: 2\r\n', 'a: 5 # one\r\nb: 2\r\n')).toBe('a: 5 # one\r\nb: 2\r\n');
  });

  it('keeps the edit when the old spacing would change a value: spaces before # inside a string', () => {
    const original = 'title: "a   #b"\n';
    const edited = 'title: "a #b"\n';
    expect(keepCommentSpacing(original, edited)).toBe(edited);
  });
});
