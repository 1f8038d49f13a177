// Descriptions rendered for the site load nothing from other hosts, with or without HTML in them
// (a hostile review found images left live when a text had no `<`).

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/site/markdown.js';

const HOSTILE = [
  '![pix](https://evil.example/track.png) and ![p2](//evil.example/p.png) [a](//evil.example) [b](\\\\evil.example/x)',
  '',
  '![ref][r1]',
  '',
  '[r1]: https://evil.example/ref.png',
].join('\n');

describe('renderMarkdown', () => {
  it.each([
    ['without HTML', HOSTILE],
    ['with HTML', `${HOSTILE}\n\n<b>bold</b>`],
  ])('turns images into links and refuses protocol-relative URLs, %s', (_name, text) => {
    const html = renderMarkdown(text);
    expect(html).not.toMatch(/<img\b/);
    expect(html).not.toMatch(/(?:href|src)="(?:\/\/|\\\\)/);
    expect(html).toContain('<a href="https://evil.example/track.png" rel="noopener noreferrer nofollow">pix</a>');
    expect(html).toContain('<a href="https://evil.example/ref.png" rel="noopener noreferrer nofollow">ref</a>');
  });

  it('does the same in a list of texts, and keeps a relative image as its text', () => {
    const html = renderMarkdown(['![i](https://evil.example/lim.png)', 'see ![diagram](./d.png)']);
    expect(html).toContain('<a href="https://evil.example/lim.png" rel="noopener noreferrer nofollow">i</a>');
    expect(html).toContain('see <span>diagram</span>');
    expect(html).not.toMatch(/<img\b/);
  });
});
