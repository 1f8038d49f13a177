import { describe, expect, it } from 'vitest';
import { secretKind } from '../../../src/rules/governance/secret-values.js';

describe('secretKind', () => {
  const cases: [string, unknown, 'value' | 'name' | undefined][] = [
    ['DB_PASSWORD', 'hunter2', 'name'],
    ['password', 'pw', 'name'],
    ['API_KEY', 'abc123', 'name'],
    ['API_KEY', 'a-long-enough-literal', 'name'],
    ['API_KEY', '${API_KEY}', undefined],
    ['DB_PASSWORD', 'secretRef:db', undefined],
    ['AUTH_ENABLED', 'true', undefined],
    ['TOKEN_TTL', '3600', undefined],
    ['TOKEN_TTL', '15m', undefined],
    ['PASSWORD_FILE', '/run/pw', undefined],
    ['LOG_LEVEL', 'hunter2', undefined],
    ['ANYTHING', `AKIA${'A'.repeat(16)}`, 'value'],
  ];
  for (const [name, value, kind] of cases) {
    it(`${name}: ${String(value)} is ${kind ?? 'no secret'}`, () => {
      expect(secretKind(name, value)).toBe(kind);
    });
  }
});
