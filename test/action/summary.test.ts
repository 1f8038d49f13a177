// The job summary's lint table keeps one row per problem whatever the message and file name hold.

import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { jobSummary } from '../../src/action/summary.js';
import type { Diagnostic } from '../../src/ground/diagnostics.js';

const diagnostic = (file: string, message: string): Diagnostic =>
  ({
    ruleId: 'schema/type',
    severity: 'error',
    message,
    file,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } },
  }) as Diagnostic;

describe('the job summary', () => {
  it('keeps `|` inside code spans, in messages and file names, from splitting a table cell', () => {
    const markdown = jobSummary([diagnostic('a|b.yaml', 'expected `string|number`, got `a|b`')], undefined);
    const cells = [...new MarkdownIt().render(markdown).matchAll(/<td>(.*?)<\/td>/g)].map((match) => match[1]);
    expect(cells).toEqual([
      'error',
      '<code>a|b.yaml:1:1</code>',
      'expected <code>string|number</code>, got <code>a|b</code>',
      '<code>schema/type</code>',
    ]);
  });
});
