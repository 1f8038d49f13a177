// `dossier compliance`: the technical documentation of a model under a profile, from a git
// repository holding the credit-scoring system of test/fixtures/compliance.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { ComplianceReport } from '../../src/compliance/compliance-report.js';
import { createAjv, loadSchema } from '../../src/validate/ajv-instance.js';
import { exampleHistory, gitAsAna, runCli, tempRepo } from '../helpers.js';

const SYSTEM = readFileSync('test/fixtures/compliance/system.yaml', 'utf8');
const MODEL = readFileSync('test/fixtures/compliance/model.yaml', 'utf8');
const INSTRUCTIONS = '# Instructions for use\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What no report may say of itself, in any format. */
const FORBIDDEN = /\bcompliant\b|\bconformant\b|CE-ready/i;

/** The system committed once, its Model with the instructions for use linked by hash (and one wrong hash). */
function repository(model = MODEL): string {
  const documented = model
    .replace(
      '{url: docs/ifu.md, title: Instructions for use, type: instructions-for-use}',
      `{url: docs/ifu.md, title: Instructions for use, type: instructions-for-use, sha256: ${sha256(INSTRUCTIONS)}}`,
    )
    .replace(
      '{url: docs/ui.md, title: User interface, type: ui-description}',
      `{url: docs/ui.md, title: User interface, type: ui-description, sha256: ${sha256('other')}}`,
    );
  const dir = tempRepo({
    'dossier.yaml': 'extends: strict\n',
    'system.yaml': SYSTEM,
    'model.yaml': documented,
    'docs/ifu.md': INSTRUCTIONS,
    'docs/ui.md': 'UI\n',
  });
  gitAsAna(dir, 'init', '-q', '-b', 'main');
  gitAsAna(dir, 'add', '.');
  gitAsAna(dir, 'commit', '-q', '-m', 'The lender');
  return dir;
}

async function reports(dir: string, args: string[] = []): Promise<{ code: number; reports: ComplianceReport[] }> {
  const run = await runCli(['compliance', 'eu-ai-act', '--format', 'json', ...args], { cwd: dir });
  expect(run.stderr).toBe('');
  const parsed = JSON.parse(run.stdout) as ComplianceReport[];
  const validate = createAjv().compile(loadSchema('compliance.schema.json'));
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  return { code: run.code, reports: parsed };
}

describe('dossier compliance', () => {
  it('writes the nine sections of Annex IV with evidence at file:line and the commit that last changed it', async () => {
    const dir = repository();
    const head = gitAsAna(dir, 'rev-parse', 'HEAD').trim();
    const {
      code,
      reports: [report],
    } = await reports(dir);
    expect(report?.model).toBe('model:default/lender');
    expect(report?.at).toEqual({ ref: 'HEAD', commit: head, date: '2024-07-01T10:00:00+00:00' });
    expect(report?.sections.map((section) => section.id)).toEqual([
      'general-description',
      'development',
      'monitoring-and-oversight',
      'performance-metrics',
      'risk-management',
      'lifecycle-changes',
      'standards',
      'declaration-of-conformity',
      'post-market-monitoring',
    ]);
    const item = (id: string) => report?.sections.flatMap((section) => section.items).find((candidate) => candidate.id === id);
    expect(item('1a-intended-purpose')?.evidence[0]).toMatchObject({
      entity: 'model:default/lender',
      field: 'spec.intendedUse',
      file: 'model.yaml',
      line: 7,
      commit: head,
    });
    expect(item('1h-instructions-for-use')?.evidence[0]?.document).toEqual({ url: 'docs/ifu.md', status: 'hash verified' });
    // A sha256 that does not match leaves the item incomplete, and says why.
    expect(item('1g-user-interface')).toMatchObject({ status: 'missing', hint: expect.stringContaining('ui-description') as unknown });
    expect(item('1g-user-interface')?.missing[0]).toContain('does not match');
    expect(item('6-lifecycle-history')?.status).toBe('complete');
    expect(report?.lifecycle).toEqual([
      {
        version: 'modelversion:default/lender@1',
        field: 'existence',
        from: null,
        to: 'production',
        date: '2024-07-01T10:00:00+00:00',
        commit: head,
        author: 'Ana',
      },
    ]);
    expect(report?.completeness).toBeGreaterThan(0.9);
    expect(report?.completeness).toBeLessThan(1);
    expect(code).toBe(1);
  });

  it('repeats what is declared and infers nothing: a model declared not high-risk is not under the profile', async () => {
    const dir = repository(MODEL.replace('classification: high-risk', 'classification: not-high-risk'));
    const { code, reports: found } = await reports(dir);
    expect(found).toEqual([]);
    expect(code).toBe(0);
    // Named explicitly, it is reported, with its declaration as written.
    const { reports: named } = await reports(dir, ['model:lender']);
    expect(named[0]?.declared).toMatchObject({ classification: 'not-high-risk', annexIII: ['5(b)'] });
    expect(named[0]?.underProfile).toBe(false);
    const markdown = await runCli(['compliance', 'eu-ai-act', 'model:lender'], { cwd: dir });
    expect(markdown.stdout).toContain('Not under this profile by what the metadata declares');
  });

  it('never claims conformity, in any format', async () => {
    const dir = repository();
    for (const format of ['markdown', 'json', 'html']) {
      const run = await runCli(['compliance', 'eu-ai-act', '--format', format], { cwd: dir });
      expect(run.stdout).not.toMatch(FORBIDDEN);
      expect(run.stdout).toContain('not a legal signature');
    }
    // The other profiles' reports do not speak of the EU AI Act.
    for (const profile of ['nist-ai-rmf', 'iso-42001']) {
      const run = await runCli(['compliance', profile, 'model:lender', '--format', 'json'], { cwd: dir });
      const [report] = JSON.parse(run.stdout) as { disclaimer: string }[];
      expect(report?.disclaimer).toContain('not an assessment of conformity');
      expect(report?.disclaimer).not.toMatch(/EU AI Act|Annex III|Art\. 43/);
    }
  });

  it('writes a standalone HTML page that validates', async () => {
    const run = await runCli(['compliance', 'eu-ai-act', '--format', 'html'], { cwd: repository() });
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'long-title': 'off' },
    }).validateString(run.stdout);
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.line}: ${message.message}`))).toEqual([]);
  });

  it('reads the metadata as it was on a date; before the first commit it is a usage error', async () => {
    const dir = repository();
    const { reports: atDate } = await reports(dir, ['--at', '2024-07-01']);
    expect(atDate).toHaveLength(1);
    const before = await runCli(['compliance', 'eu-ai-act', '--at', '2020-01-01'], { cwd: dir });
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('There is no commit at or before 2020-01-01');
  });

  it('says which profiles and models exist', async () => {
    const dir = repository();
    const unknown = await runCli(['compliance', 'eu-ai-acts'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('eu-ai-act');
    const far = await runCli(['compliance', 'bogus'], { cwd: dir });
    expect(far.stderr.trim()).toBe('dossier: There is no compliance profile `bogus`. Profiles: `eu-ai-act`, `nist-ai-rmf`, `iso-42001`.');
    const missing = await runCli(['compliance', 'eu-ai-act', 'model:nobody'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('model:nobody');
    const help = await runCli(['compliance', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dossier compliance <PROFILE>');
  });

  it('shows complete and missing items for the example credit scorer, and does not put the fraud detector under the EU profile', async () => {
    const dir = exampleHistory();
    const { reports: found } = await reports(dir);
    expect(found.map((report) => report.model)).toEqual(['model:default/credit-scorer']);
    const statuses = new Set(found[0]?.sections.flatMap((section) => section.items.map((item) => item.status)));
    expect([...statuses].sort()).toEqual(['complete', 'missing', 'partial']);
    const markdown = await runCli(['compliance', 'eu-ai-act'], { cwd: dir });
    expect(markdown.stdout).toMatch(/models\/credit-scorer\/credit-scorer\.yaml:\d+/);
    expect(markdown.stdout).not.toMatch(FORBIDDEN);
  });
});
