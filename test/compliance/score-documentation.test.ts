// `dossier score` with a compliance profile in `extends`: the documentation completeness per owner.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScorecard, runCli, tempRepo } from '../helpers.js';

const SYSTEM = readFileSync('test/fixtures/compliance/system.yaml', 'utf8');
const MODEL = readFileSync('test/fixtures/compliance/model.yaml', 'utf8');
const UNDOCUMENTED = `apiVersion: dossier/v1
kind: Model
metadata: {name: pricer, owner: model-risk, description: Prices loans.}
spec:
  task: regression
  compliance:
    euAiAct: {classification: high-risk}
`;

describe('dossier score with a compliance profile', () => {
  it('adds how complete the documentation of the models under it is, per owner', async () => {
    const cwd = tempRepo({
      'dossier.yaml': 'extends: [recommended, eu-ai-act]\n',
      'system.yaml': SYSTEM,
      'model.yaml': MODEL,
      'pricer.yaml': UNDOCUMENTED,
    });
    const card = parseScorecard((await runCli(['score', '--format', 'json'], { cwd })).stdout);
    const documentation = card.documentation?.['eu-ai-act'];
    expect(documentation?.byOwner['team:default/lending-ml']).toEqual({ models: 1, completeness: 1 });
    expect(documentation?.byOwner['team:default/model-risk']?.completeness).toBeLessThan(0.2);
    expect(documentation?.overall.models).toBe(2);
    const table = await runCli(['score'], { cwd });
    expect(table.stdout).toMatch(/team:default\/lending-ml\s+1\s+100%/);
    expect(table.stdout).toContain('eu-ai-act documentation');
    expect(table.stdout).not.toMatch(/\bcompliant\b|conformant|CE-ready/i);
  });

  it('has no documentation column without a profile', async () => {
    const cwd = tempRepo({ 'dossier.yaml': 'extends: recommended\n', 'system.yaml': SYSTEM, 'model.yaml': MODEL });
    const card = parseScorecard((await runCli(['score', '--format', 'json'], { cwd })).stdout);
    expect(card.documentation).toBeUndefined();
    expect(card.families).not.toContain('compliance');
  });
});
