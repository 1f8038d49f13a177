// Patterns from configuration: RE2 semantics, and answers that stay right while they are remembered.

import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/rules/patterns.js';

describe('compilePattern', () => {
  it('finds a match anywhere, and ignores case when asked', () => {
    const pattern = compilePattern('non-?commercial', { ignoreCase: true });
    expect(pattern.test('CC-BY-NC (Non-Commercial)')).toBe(true);
    expect(pattern.test('Apache-2.0')).toBe(false);
    expect(compilePattern('^nc').test('NC-1')).toBe(false);
  });

  it('gives each text its own answer, asked again or after thousands of other texts', () => {
    const pattern = compilePattern('[02468]$');
    const texts = Array.from({ length: 10_000 }, (_, index) => `dataset-${index}`);
    for (let round = 0; round < 2; round++)
      for (const [index, text] of texts.entries()) expect(pattern.test(text), text).toBe(index % 2 === 0);
  });

  it('refuses what RE2 cannot run in linear time', () => {
    expect(() => compilePattern('(?=a)b')).toThrow();
  });
});
