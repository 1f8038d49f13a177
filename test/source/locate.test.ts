import { describe, expect, it } from 'vitest';
import { SourceLocator } from '../../src/source/locate.js';

const TEXT = `# comment
a: 1
b:
  c: "quoted"
  list:
    - x
    - {d: 2, e: [3, 4]}
f: |
  block
---
second: doc
`;

function at(pointer: string[], part: 'key' | 'value' = 'value', document = 0): string {
  const range = new SourceLocator(TEXT).locate(document, pointer, part);
  return `${range.start.line + 1}:${range.start.column + 1}`;
}

describe('SourceLocator', () => {
  const cases: [string[], 'key' | 'value', string][] = [
    [[], 'value', '2:1'],
    [['a'], 'value', '2:4'],
    [['a'], 'key', '2:1'],
    [['b', 'c'], 'value', '4:6'],
    [['b', 'list', '0'], 'value', '6:7'],
    [['b', 'list', '1', 'e', '1'], 'value', '7:21'],
    [['b', 'list', '1', 'd'], 'key', '7:8'],
    [['f'], 'value', '8:4'],
    [['b', 'missing'], 'value', '4:3'],
  ];
  for (const [pointer, part, expected] of cases) {
    it(`finds /${pointer.join('/')} (${part}) at ${expected}`, () => {
      expect(at(pointer, part)).toBe(expected);
    });
  }

  it('finds nodes in later documents', () => {
    expect(at(['second'], 'value', 1)).toBe('11:9');
  });

  it('returns the source text of a node', () => {
    expect(new SourceLocator('version: 1.10\n').sourceText(0, ['version'])).toBe('1.10');
  });
});
