// Compliance profiles as presets: `extends: [recommended, eu-ai-act]`, their application dates, and
// the severity those dates give the profile's rule.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { PROFILE_IDS } from '../../src/rules/profiles/index.js';
import { Ruleset } from '../../src/rules/ruleset.js';

const parse = (text: string) => parseConfig(text, '/repo/dossier.yaml', 'dossier.yaml');

describe('compliance profiles in dossier.yaml', () => {
  it('takes a list of a preset and profiles, each profile with its own application date', () => {
    const config = parse('extends: [recommended, eu-ai-act, nist-ai-rmf]\n');
    expect(config.extends).toBe('recommended');
    expect(config.profiles).toEqual([
      { id: 'eu-ai-act', applicationDate: '2027-12-02' },
      { id: 'nist-ai-rmf', applicationDate: undefined },
    ]);
  });

  it('lets dossier.yaml move a date', () => {
    const config = parse('extends: [strict, eu-ai-act]\nprofiles:\n  eu-ai-act: {applicationDate: 2028-08-02}\n');
    expect(config.profiles).toEqual([{ id: 'eu-ai-act', applicationDate: '2028-08-02' }]);
  });

  it('refuses an unknown profile, listing the valid ones', () => {
    expect(() => parse('extends: [recommended, eu-ai-acts]\n')).toThrow(/eu-ai-act, nist-ai-rmf, iso-42001/);
  });

  it('names in the schema exactly the profiles Dossier ships', () => {
    const schema = readFileSync('schemas/config.schema.json', 'utf8');
    const names = (JSON.parse(schema) as { properties: { profiles: { properties: Record<string, unknown> } } }).properties.profiles
      .properties;
    expect(Object.keys(names)).toEqual([...PROFILE_IDS]);
    for (const id of PROFILE_IDS) expect(schema).toContain(`"${id}"`);
  });
});

describe('the severity of a profile rule', () => {
  const ruleset = (text: string, today: string) => new Ruleset(parse(text), { today });

  it('is off unless the profile is extended', () => {
    expect(ruleset('extends: strict\n', '2026-12-06').baseSeverity('compliance/eu-ai-act')).toBe('off');
  });

  it('is a warning before the application date and an error from it', () => {
    const text = 'extends: [recommended, eu-ai-act]\nprofiles:\n  eu-ai-act: {applicationDate: 2027-12-02}\n';
    expect(ruleset(text, '2027-12-01').baseSeverity('compliance/eu-ai-act')).toBe('warning');
    expect(ruleset(text, '2027-12-02').baseSeverity('compliance/eu-ai-act')).toBe('error');
  });

  it('is a warning for a profile without a date, and `rules:` still wins', () => {
    expect(ruleset('extends: [recommended, nist-ai-rmf]\n', '2099-01-01').baseSeverity('compliance/nist-ai-rmf')).toBe('warning');
    expect(
      ruleset('extends: [recommended, eu-ai-act]\nrules: {compliance/eu-ai-act: "off"}\n', '2099-01-01').baseSeverity(
        'compliance/eu-ai-act',
      ),
    ).toBe('off');
  });
});
