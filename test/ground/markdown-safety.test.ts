import { describe, expect, it } from 'vitest';
import { codeSpan, safeMarkdown } from '../../src/ground/markdown-safety.js';

describe('Markdown from metadata', () => {
  it('shows control characters escaped, in text and in code spans: the Markdown is printed on terminals too', () => {
    const hostile = 'Card\u009b31m\u001b]0;PWNED\u0007\u001bc\b';
    for (const rendered of [safeMarkdown(hostile), codeSpan(hostile), safeMarkdown(`\`${hostile}\``)]) {
      // eslint-disable-next-line no-control-regex -- the point is that none is left
      expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(rendered).toContain('x1b');
    }
    expect(codeSpan('a\tb')).toBe('`a b`');
  });
});
