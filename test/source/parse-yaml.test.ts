import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/source/parse-yaml.js';
import { SourceLocator } from '../../src/source/locate.js';
import { brief, briefs, compileFiles } from '../helpers.js';

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

  it('reports a tag on the line it is written, not on the next', () => {
    expect(
      parse(
        'site_name: docs\nmarkdown_extensions:\n  - emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
      ).diagnostics.map(brief),
    ).toEqual(['yaml/syntax 4:20']);
    expect(parse('a: 1\ntitle: !!python/name:os.system\n\nb: 2\n').diagnostics.map(brief)).toEqual(['yaml/syntax 2:8']);
  });

  describe('in the scope of entity files', () => {
    const parseEntities = (text: string) => parseYaml(text, 'f.yaml', new SourceLocator(text), 'dossier');

    // FORMAT.md: YAML files without `apiVersion: dossier/v1` are ignored, not errors. Snippets shaped
    // like other tools' files that js-yaml cannot read as plain data:
    const foreign: { name: string; text: string }[] = [
      { name: 'a compose file with a key given twice', text: 'services:\n  web: {image: nginx}\n  web: {image: httpd}\n' },
      {
        name: 'a CloudFormation template',
        text: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Sub "${AWS::StackName}-data"}\n',
      },
      {
        name: 'a Helm template',
        text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include "x" . | nindent 4 }}\n',
      },
      { name: 'a file indented with tabs', text: 'a:\n\tb: 1\n' },
      { name: 'a Kubernetes manifest with an alias cycle', text: 'apiVersion: v1\na: &a [*a]\n' },
      { name: 'a document with an unsafe key', text: 'apiVersion: v1\n__proto__: {x: 1}\n' },
    ];
    for (const { name, text } of foreign) {
      it(`ignores ${name}`, () => {
        expect(parseEntities(text)).toEqual({ documents: [], diagnostics: [] });
      });
    }

    it('reads a Dossier document however its apiVersion is written: tagged or quoted', () => {
      const team = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Team\nmetadata: {name: t}\n`;
      expect(briefs({ 'a.yaml': team('!!str dossier/v1'), 'b.yaml': team('"dossier/v1"').replace('name: t', 'name: u') })).toEqual([]);
      expect(compileFiles({ 'a.yaml': team('!!str dossier/v1') }).catalog.entities.map((entity) => entity.identity)).toEqual([
        'team:default/t',
      ]);
    });

    it("reports the same problems in a Dossier file, and in a Dossier document of another tool's file", () => {
      expect(parseEntities(TEAM.replace('spec: {}', 'spec: {chat: !Sub x}')).diagnostics.map(brief)).toEqual(['yaml/syntax 4:14']);
      expect(parseEntities('apiVersion: dossier/v2\nkind: Team\nkind: Term\n').diagnostics.map(brief)).toEqual(['yaml/duplicate-key 3:1']);
      expect(parseEntities(`services: {a: !Ref b}\n---\n${TEAM}---\napiVersion: dossier/v1\nb: [\n`).diagnostics.map(brief)).toEqual([
        'yaml/syntax 10:1',
      ]);
      expect(parseEntities('apiVersion: dossier/v1\na: &a [*a]\n').diagnostics.map(brief)).toEqual(['yaml/alias-limit 2:8']);
      expect(parseEntities('apiVersion:\n  dossier/v1\nkind: Team\nkind: Term\n').diagnostics.map(brief)).toEqual([
        'yaml/duplicate-key 4:1',
      ]);
    });
  });

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
    expect(briefs({ 'a.yaml': 'apiVersion: dossier/v1\na: &a [*a]\n', 'b.yaml': otherProblem })).toEqual(
      expect.arrayContaining(['yaml/alias-limit 2:8', expect.stringMatching(/^\S+ 3:/)]),
    );
  });

  it("merges keys from an alias (`<<`), as YAML 1.1 loaders do, the mapping's own keys winning", () => {
    const result = parse('base: &b {x: 1, y: 2}\ncopy: {<<: *b, y: 3}\nmany: {<<: [*b, {z: 4}]}\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents[0]?.value).toEqual({ base: { x: 1, y: 2 }, copy: { x: 1, y: 3 }, many: { x: 1, y: 2, z: 4 } });
    const dataset = `apiVersion: dossier/v1
kind: Dataset
metadata:
  name: a
  labels: &labels {team: risk, tier: gold}
  annotations: {<<: *labels, source: import}
spec: {location: {uri: "s3://b/a/"}}
`;
    const compiled = compileFiles({ 'a.yaml': dataset });
    expect(compiled.diagnostics.map(brief)).toEqual([]);
    expect(compiled.catalog.get('dataset:default/a')?.metadata.annotations).toEqual({ team: 'risk', tier: 'gold', source: 'import' });
    // A merged value that is wrong is reported at the alias that brought it in.
    const model =
      'apiVersion: dossier/v1\nkind: Model\nmetadata: {name: m}\nx-defaults: &d {riskTier: huge}\nspec:\n  task: ranking\n  <<: *d\n';
    expect(compileFiles({ 'm.yaml': model }).diagnostics.map(brief)).toContain('schema/invalid-value 7:7');
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
