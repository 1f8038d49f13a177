import { describe, expect, it } from 'vitest';
import { SourceLocator } from '../../src/source/locate.js';
import { compileFiles } from '../helpers.js';

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

  it('places an empty value at its key, and an empty item at its dash', () => {
    const text = 'a: 1\n---\ntags:\n  -\n  - ok\n  -\nfeatures:\n  - name: f\n    type:\n';
    const locate = (pointer: string[]) => {
      const range = new SourceLocator(text).locate(1, pointer);
      return `${range.start.line + 1}:${range.start.column + 1}`;
    };
    expect(
      [
        ['tags', '0'],
        ['tags', '2'],
        ['features', '0', 'type'],
      ].map(locate),
    ).toEqual(['4:3', '6:3', '9:5']);
  });

  it('finds nodes in later documents', () => {
    expect(at(['second'], 'value', 1)).toBe('11:9');
  });

  it('skips complex keys and locates the first of two duplicate keys', () => {
    const locator = new SourceLocator('? [k]\n: skipped\na: 1\na: 2\nb: x\n');
    expect(locator.locate(0, ['a']).start).toEqual({ line: 2, column: 3 });
    expect(locator.locate(0, ['b']).start).toEqual({ line: 4, column: 3 });
  });

  it('finds a block scalar in a file with no folded one', () => {
    const text = `${'x: 1\n'.repeat(1000)}f: |\n  block\n`;
    expect(new SourceLocator(text).locate(0, ['f']).start).toEqual({ line: 1000, column: 3 });
  });

  // Each problem used to walk the document's events from its start: 100,000 problems in one 300 KB
  // file took minutes. The bound is generous; the test is about every problem being located.
  it('locates 100,000 problems in one file in linear time', { timeout: 30_000 }, () => {
    const count = 100_000;
    const text = `metadata:\n  name: d\n  tags: [${Array(count).fill('{}').join(',')}]\n`;
    const started = Date.now();
    const locator = new SourceLocator(text);
    const columns = Array.from({ length: count }, (_, i) => locator.locate(0, ['metadata', 'tags', String(i)]).start.column);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(columns[0]).toBe(9);
    expect(columns[count - 1]).toBe(9 + 3 * (count - 1));
  });

  it('reports every schema problem of a file with 100,000 of them, each at its own node', { timeout: 30_000 }, () => {
    const count = 100_000;
    const text = `apiVersion: dossier/v1\nkind: Dataset\nmetadata:\n  name: d\n  tags: [${Array(count).fill('{}').join(',')}]\nspec: {location: {uri: x}}\n`;
    const started = Date.now();
    const tags = compileFiles({ 'd.yaml': text }).diagnostics.filter((d) => d.message.startsWith('`metadata.tags['));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(tags).toHaveLength(count);
    expect(tags[count - 1]?.range.start).toEqual({ line: 4, column: 9 + 3 * (count - 1) });
  });

  it('returns the source text of a node', () => {
    expect(new SourceLocator('version: 1.10\n').sourceText(0, ['version'])).toBe('1.10');
  });
});
