import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/ground/diagnostics.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJson } from '../../src/report/json.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatStylish } from '../../src/report/stylish.js';
import { allRules } from '../../src/rules/registry.js';
import { compileFiles, parseJsonReport, parseSarifLog } from '../helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const range = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 4 } });
const DIAGNOSTICS: Diagnostic[] = [
  {
    ruleId: 'schema/invalid-value',
    messageId: 'enum',
    data: { field: 'spec.stage' },
    severity: 'error',
    message: '`spec.stage` must be one of development, staging; got `prod`.',
    hint: 'Did you mean `production`?',
    file: 'models/a, b.yaml',
    range: range(4, 9),
    entity: 'modelversion:default/a@1',
  },
  {
    ruleId: 'reference/deprecated-target',
    messageId: 'deprecated',
    data: {},
    severity: 'warning',
    message: 'Deprecated: 100% sure,\nreally: yes',
    file: 'models/a, b.yaml',
    range: range(9, 2),
  },
  {
    ruleId: 'file/empty',
    messageId: 'empty',
    data: {},
    severity: 'info',
    message: 'The file is empty.',
    file: 'z.yaml',
    range: range(0, 0),
  },
];
const context = (color = false) => ({ color, rules: allRules, toolVersion: '1.2.3', fileCount: 3 });

describe('stylish', () => {
  it('groups by file with 1-based positions, rule ids, hints and a summary', () => {
    expect(formatStylish(DIAGNOSTICS, context())).toBe(
      [
        'models/a, b.yaml',
        '  5:10    error   `spec.stage` must be one of development, staging; got `prod`.  schema/invalid-value',
        '                  hint: Did you mean `production`?',
        '  10:3    warning Deprecated: 100% sure,\\nreally: yes  reference/deprecated-target', // a line break in a value is shown, not obeyed
        '',
        'z.yaml',
        '  1:1     info    The file is empty.  file/empty',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('keeps two spaces between a wide position and its severity, and lines up the file', () => {
    const wide: Diagnostic[] = [
      { ...DIAGNOSTICS[0], range: range(4, 260007) } as Diagnostic,
      { ...DIAGNOSTICS[1], range: range(9, 2) } as Diagnostic,
    ];
    expect(formatStylish(wide, context()).split('\n').slice(1, 4)).toEqual([
      '  5:260008  error   `spec.stage` must be one of development, staging; got `prod`.  schema/invalid-value',
      '                    hint: Did you mean `production`?',
      '  10:3      warning Deprecated: 100% sure,\\nreally: yes  reference/deprecated-target',
    ]);
  });

  it('uses colour only when asked', () => {
    expect(formatStylish(DIAGNOSTICS, context(false))).not.toContain('\x1b[');
    expect(formatStylish(DIAGNOSTICS, context(true))).toContain('\x1b[31merror');
  });

  it('says when there is nothing to report', () => {
    expect(formatStylish([], context())).toBe('✔ No problems in 3 files.\n');
  });
});

describe('json', () => {
  it('prints every diagnostic with 1-based positions and a summary', () => {
    const owners = new Map([['modelversion:default/a@1', 'team:default/risk']]);
    const json = parseJsonReport(formatJson(DIAGNOSTICS, { ...context(), owners }));
    expect(json.summary).toMatchObject({ files: 3, errors: 1, warnings: 1, infos: 1 });
    expect(json.summary.byEntity['modelversion:default/a@1']).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(json.summary.byOwner).toEqual({
      'team:default/risk': { errors: 1, warnings: 0, infos: 0 },
      '(no owner)': { errors: 0, warnings: 1, infos: 1 },
    });
    expect(json.diagnostics[0]).toMatchObject({
      ruleId: 'schema/invalid-value',
      line: 5,
      column: 10,
      endLine: 5,
      endColumn: 14,
      entity: 'modelversion:default/a@1',
    });
  });
});

describe('sarif', () => {
  it('counts columns in UTF-16 code units, as it declares, so they hold after an emoji', () => {
    const line = 'metadata: {name: a, title: "😀 🚀", nmae: b}';
    const result = compileFiles({ 'a.yaml': `apiVersion: dossier/v1\nkind: Team\n${line}\n` });
    const unknown = result.diagnostics.find((d) => d.ruleId === 'schema/unknown-field');
    expect(unknown).toBeDefined();
    const log = parseSarifLog(formatSarif(unknown ? [unknown] : [], context()));
    expect(log.runs[0]?.columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region?.startColumn).toBe(line.indexOf('nmae') + 1);
  });

  const log = parseSarifLog(formatSarif(DIAGNOSTICS, context()));
  it('validates against the official SARIF 2.1.0 schema', () => {
    // The schema as published by OASIS, shipped in @microsoft/jest-sarif (draft-07).
    const schema = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as Record<string, unknown>;
    // Declared draft-04; its keywords mean the same under ajv's draft-07 here.
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });
  it('is SARIF 2.1.0 with every rule described once, by a stable id', () => {
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(allRules.map((r) => r.id));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });
  it('maps severities to levels and points at the region', () => {
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(results[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'models/a,%20b.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 10, endLine: 5, endColumn: 14 },
    });
    expect(log.runs[0]?.tool.driver.rules?.[results[0]?.ruleIndex ?? -1]?.id).toBe('schema/invalid-value');
  });
});

describe('github', () => {
  it('prints workflow commands, escaping properties and data', () => {
    const lines = formatGithub(DIAGNOSTICS, context()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=models/a%2C b.yaml,line=5,col=10,endLine=5,endColumn=14,title=Dossier schema/invalid-value::`spec.stage` must be one of development, staging; got `prod`.%0ADid you mean `production`?',
    );
    expect(lines[1]).toBe(
      '::warning file=models/a%2C b.yaml,line=10,col=3,endLine=10,endColumn=7,title=Dossier reference/deprecated-target::Deprecated: 100%25 sure,%0Areally: yes',
    );
    expect(lines[2]).toMatch(/^::notice file=z\.yaml,/);
    expect(lines).toHaveLength(3);
  });

  it('lets no control character of a message or file name reach the step log', () => {
    const [hostile] = DIAGNOSTICS;
    const output = formatGithub(
      [{ ...(hostile as Diagnostic), file: 'teams/evil\x1b]52;c;cHduZWQ=\x07.yaml', message: 'tag `t\x1b]0;TITLE\x07` ##[error]x' }],
      context(),
    );
    // eslint-disable-next-line no-control-regex -- control characters are what must not be there
    expect(output).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(output).toContain('tag `t\\x1b]0;TITLE\\x07` #\u200b#[error]x');
  });
});
