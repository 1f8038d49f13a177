import { describe, expect, it } from 'vitest';
import { formatIdentity, parseReference } from '../../src/model/reference.js';

describe('parseReference', () => {
  const valid: [string, object][] = [
    ['fraud-detector', { name: 'fraud-detector' }],
    ['risk/fraud-detector', { namespace: 'risk', name: 'fraud-detector' }],
    ['dataset:transactions@2024-06', { kind: 'dataset', name: 'transactions', version: '2024-06' }],
    ['featureview:customer-stats#avg_amount_30d', { kind: 'featureview', name: 'customer-stats', member: 'avg_amount_30d' }],
    ['modelversion:risk/fraud-detector@3.1.0', { kind: 'modelversion', namespace: 'risk', name: 'fraud-detector', version: '3.1.0' }],
    ['ds@v1#col', { name: 'ds', version: 'v1', member: 'col' }],
  ];
  for (const [text, reference] of valid) {
    it(`parses ${text}`, () => {
      expect(parseReference(text)).toEqual({ ok: true, reference });
    });
  }

  const invalid: [string, string][] = [
    ['', 'empty'],
    [' x', 'spaces'],
    ['Model:x', 'is not a kind'],
    ['model:Upper', 'lowercase name'],
    ['Bad/x', 'namespace'],
    ['x@', 'not a valid version'],
    ['x#', 'member name'],
    ['a/b/c', 'lowercase name'],
  ];
  for (const [text, reason] of invalid) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      const result = parseReference(text);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toContain(reason);
    });
  }

  it('formats identities canonically', () => {
    expect(formatIdentity('dataset', 'default', 'events', '1')).toBe('dataset:default/events@1');
    expect(formatIdentity('team', 'risk', 'owners')).toBe('team:risk/owners');
  });
});
