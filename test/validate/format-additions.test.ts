// FORMAT.md § Additions (2026-12-06): every new field is accepted where the format puts it, its
// references resolve into relations both ways, and its closed lists stay closed.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../../src/compile/compile-sources.js';

const ALL = readFileSync('test/fixtures/format-additions/all.yaml', 'utf8');
const compile = (text: string) => compileSources({ sources: [{ file: 'all.yaml', text }] });

describe('the additions of 2026-12-06', () => {
  it('are valid in every kind they name', () => {
    expect(compile(ALL).diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });

  it('make relations of their references, both ways', () => {
    const { catalog } = compile(ALL);
    const outgoing = (identity: string) => catalog.outgoing(identity).map((r) => `${r.type} ${r.target}`);
    expect(outgoing('model:default/lender')).toEqual(
      expect.arrayContaining([
        'providedBy team:default/acme',
        'overseenBy team:default/model-risk',
        'ownsRiskOf team:default/model-risk',
        'conformityCovers modelversion:default/lender@1',
      ]),
    );
    expect(outgoing('evaluation:default/lender-1-fairness')).toContain('approvedBy team:default/model-risk');
    expect(outgoing('team:default/acme')).toContain('representedInEuBy team:default/acme');
    expect(catalog.incoming('team:default/model-risk').map((r) => r.inverse)).toEqual(
      expect.arrayContaining(['oversees', 'riskOwner', 'approved']),
    );
  });

  it('keep their closed lists closed: Annex III point 2 has no sub-points', () => {
    const problems = compile(ALL.replace('annexIII: ["5(b)", "2"]', 'annexIII: ["5(b)", "2(a)"]')).diagnostics;
    expect(problems.map((d) => `${d.ruleId} ${String(d.range.start.line + 1)}`)).toEqual(['schema/invalid-value 30']);
  });

  it('refuse a DocRef without a title, and a GitHub identity that is both a user and a team', () => {
    const problems = compile(
      ALL.replace('title: Instructions for use, ', '').replace('github: {user: ana-acme}', 'github: {user: ana-acme, team: acme/ml}'),
    ).diagnostics;
    expect(problems.map((d) => `${d.ruleId} ${String(d.range.start.line + 1)}`)).toEqual([
      'schema/invalid-value 18',
      'schema/required-field 51',
    ]);
    expect(problems[0]?.message).toContain('`{user: login}` for a person or `{team: org/slug}` for a team');
  });
});
