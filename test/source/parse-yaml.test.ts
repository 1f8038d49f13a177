import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/source/parse-yaml.js';
import { SourceLocator } from '../../src/source/locate.js';
import { brief, briefs } from '../helpers.js';

function parse(text: string) {
  return parseYaml(text, 'f.yaml', new SourceLocator(text));
}

const TEAM = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: a}\nspec: {}\n';

describe('parseYaml', () => {
  it('reads every document of a multi-document file', () => {
    const result = parse(`${TEAM}---\n${TEAM.replace('name: a', 'name: b')}`);
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => d.index)).toEqual([0, 1]);
  });

  it('keeps unquoted dates as the strings the author wrote', () => {
    const [doc] = parse('d: 2024-07-15\nt: 2024-07-15T08:00:00Z\n').documents;
    expect(doc?.value).toEqual({ d: '2024-07-15', t: '2024-07-15T08:00:00Z' });
  });

  it('yields no value, and no error, for a stream of comments only', () => {
    const result = parse('# only a comment\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => d.value ?? null)).toEqual(result.documents.map(() => null));
  });

  const invalid: { name: string; text: string; expected: string[] }[] = [
    { name: 'malformed flow sequence', text: 'a: [1, 2\nb: 3\n', expected: ['yaml/syntax 2:1'] },
    { name: 'tab indentation', text: 'a:\n\tb: 1\n', expected: ['yaml/syntax 2:1'] },
    { name: 'duplicate keys', text: 'a: 1\nb: 2\na: 3\n', expected: ['yaml/duplicate-key 3:1'] },
    { name: 'a language-specific tag', text: 'a: !!js/function "function () {}"\n', expected: ['yaml/syntax 1:4'] },
    { name: 'a custom tag', text: 'a: !secret x\n', expected: ['yaml/syntax 1:4'] },
    { name: '__proto__ key', text: 'a:\n  __proto__: {polluted: true}\n', expected: ['yaml/unsafe-key 2:3'] },
    { name: 'constructor key', text: 'constructor: 1\n', expected: ['yaml/unsafe-key 1:1'] },
    { name: 'quoted __proto__ key', text: '"__proto__": 1\n', expected: ['yaml/unsafe-key 1:1'] },
    {
      name: 'an unsafe key in a file where another document has a syntax error, at its own line',
      text: 'a: 1\n---\nb:\n  __proto__: {x: 1}\n---\nc: [unclosed\n',
      expected: ['yaml/syntax 7:1', 'yaml/unsafe-key 4:3'],
    },
    { name: 'very deep nesting', text: `a: ${'['.repeat(200)}${']'.repeat(200)}\n`, expected: ['yaml/depth-limit 1:67'] },
  ];
  for (const { name, text, expected } of invalid) {
    it(`reports ${name}`, () => {
      expect(parse(text).diagnostics.map(brief)).toEqual(expected);
    });
  }

  it('refuses a billion-laughs alias bomb without expanding it', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(', ')}]`,
      );
    const started = Date.now();
    const result = parse(lines.join('\n'));
    expect(result.documents).toEqual([]);
    expect(result.diagnostics.map(brief)).toEqual(['yaml/alias-limit 1:1']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  const cycles: { name: string; text: string; expected: string }[] = [
    { name: 'a sequence holding its own alias', text: 'a: &a [*a]\n', expected: 'yaml/alias-limit 1:8' },
    { name: 'a mapping holding its own alias', text: 'a: &a\n  b: 1\n  self: *a\n', expected: 'yaml/alias-limit 3:9' },
    { name: 'a cycle through a nested node', text: 'x: 1\nb: &b {c: [1, {d: *b}]}\n', expected: 'yaml/alias-limit 2:19' },
  ];
  for (const { name, text, expected } of cycles) {
    it(`refuses ${name} at the alias, keeping the file's other documents`, () => {
      const result = parse(`${text}---\n${TEAM}`);
      expect(result.documents.map((d) => d.index)).toEqual([1]);
      expect(result.diagnostics.map(brief)).toEqual([expected]);
      expect(result.diagnostics[0]?.messageId).toBe('cycle');
    });
  }

  it('keeps linting the other files when one holds an alias cycle', () => {
    const otherProblem = 'apiVersion: dossier/v1\nkind: Team\nmetadata: {name: Bad Name}\nspec: {}\n';
    expect(briefs({ 'a.yaml': 'a: &a [*a]\n', 'b.yaml': otherProblem })).toEqual(
      expect.arrayContaining(['yaml/alias-limit 1:8', expect.stringMatching(/^\S+ 3:/)]),
    );
  });

  it('allows ordinary aliases', () => {
    const result = parse('base: &b {x: 1}\ncopy: *b\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]?.value).toEqual({ base: { x: 1 }, copy: { x: 1 } });
  });

  it('loses only the broken document of a multi-document file, reporting it at its own line', () => {
    const result = parse(`# header\n${TEAM}---\na: 1\na: 2\n---\n${TEAM}---\nb: [\n`);
    expect(result.documents.map((d) => d.index)).toEqual([0, 2]);
    expect(result.documents.map((d) => d.offset)).toEqual([9, 9 + TEAM.length + 4 + 10 + 4]);
    expect(result.diagnostics.map(brief)).toEqual(['yaml/duplicate-key 8:1', 'yaml/syntax 16:1']);
  });

  it('locates root offsets of every document', () => {
    const result = parse(`# header\n${TEAM}---\n\n${TEAM}`);
    expect(result.documents.map((d) => d.offset)).toEqual([9, 9 + TEAM.length + 5]);
  });
});

describe('positions in awkward text', () => {
  const schemaError = 'apiVersion: dossier/v1\nkind: ModelVersion\nmetadata: {name: m, version: "1"}\nspec:\n  model: m\n  stage: prod\n';

  it('are right with CRLF line endings', () => {
    expect(briefs({ 'a.yaml': schemaError.replace(/\n/g, '\r\n') })).toContain('schema/invalid-value 6:10');
  });

  it('are right after a byte order mark', () => {
    expect(briefs({ 'a.yaml': `\ufeff${schemaError}` })).toContain('schema/invalid-value 6:10');
  });
});
