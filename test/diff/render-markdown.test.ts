// The diff comment renders every field a diff JSON carries as inert text: a diff can come from a
// fork's workflow, and no field may make a heading, link, image, quote, list or mention.

import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { SemanticDiff } from '../../src/diff/change.js';
import { renderDiffMarkdown } from '../../src/diff/render-markdown.js';
import { codeSpan, safeMarkdown } from '../../src/ground/markdown-safety.js';

// GitHub-flavoured enough: tables, HTML off (GitHub strips it), bare URLs and e-mails linked.
const github = new MarkdownIt({ html: false, linkify: true });

const HOSTILE = [
  '# Heading',
  '### ![beacon](https://evil.example/pixel.png)',
  '[click](https://evil.example)',
  'see https://evil.example/x and www.evil.example and mail me@evil.example',
  '@acme/everyone please look',
  '> quoted',
  '- a list',
  '1. ordered',
  '`` ` ``![img](https://evil.example/a.png)`',
];

function rendered(markdown: string): string {
  return github.render(markdown);
}

/** A mention outside code (GitHub notifies no one for `@team` in a code span). */
const MENTION = /@[A-Za-z0-9]/;
const outsideCode = (html: string) => html.replace(/<code>.*?<\/code>/g, '');

/** What the text renders to: no element but the plain ones a template or a code span makes. */
function liveElements(html: string): string[] {
  return [...html.matchAll(/<(h[1-6]|a|img|blockquote|ol|ul)\b/g)].map((match) => match[1] as string);
}

describe('safeMarkdown and codeSpan', () => {
  it.each(HOSTILE)('%s renders as plain text, at the start of a list item too', (text) => {
    expect(liveElements(rendered(`Said: ${safeMarkdown(text)}`))).toEqual([]);
    expect(liveElements(rendered(`- ${safeMarkdown(text)}`))).toEqual(['ul']);
    expect(liveElements(rendered(`- ${codeSpan(text)}`))).toEqual(['ul']);
    expect(outsideCode(rendered(safeMarkdown(text)))).not.toMatch(MENTION);
  });

  it('pairs code spans as GitHub does: a run of backticks with the next of its length, a lone run shown as it is', () => {
    const html = rendered(safeMarkdown('Install with ```pip install x``` or `` a`b ``; a lone `` stays, as does ` here'));
    expect(html).toContain('<code>pip install x</code>');
    expect(html).toContain('<code>a`b</code>');
    expect(html).toContain('a lone `` stays, as does ` here');
    expect(safeMarkdown('`a` and `b`')).toBe('`a` and `b`');
  });

  it('keeps `|` inside a code span from ending a table cell', () => {
    const table = (cell: string) => rendered(`| a | b |\n| --- | --- |\n| ${cell} | end |\n`);
    expect(table(safeMarkdown('use `a|b` here', { table: true }))).toMatch(/<td>use <code>a\|b<\/code> here<\/td>\s*<td>end<\/td>/);
    expect(table(codeSpan('x.yaml:1 | y', { table: true }))).toMatch(/<td><code>x.yaml:1 \| y<\/code><\/td>\s*<td>end<\/td>/);
  });
});

describe('the diff comment', () => {
  const diff = (text: string): SemanticDiff => ({
    base: { ref: text, sha: 'a'.repeat(40) },
    head: { ref: text, sha: 'b'.repeat(40) },
    summary: { breaking: 1, warning: 0, info: 0, added: 0, removed: 0, changed: 1, newProblems: 0 },
    changes: [
      {
        id: 'fields-changed',
        level: 'breaking',
        entity: 'model:default/m',
        kind: 'Model',
        title: text,
        details: [text],
        file: text,
        line: 1,
        fingerprint: '0'.repeat(16),
        accepted: { reason: text, originalLevel: 'breaking' },
      },
    ],
  });

  it.each(HOSTILE)('renders %s in every field without a live element', (text) => {
    const html = rendered(renderDiffMarkdown(diff(text)));
    // The template's own: the verdict heading and the lists of changes and details.
    expect(liveElements(html)).toEqual(['h3', 'ul', 'ul']);
    expect(outsideCode(html)).not.toMatch(MENTION);
  });
});
