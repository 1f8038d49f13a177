import { describe, expect, it } from 'vitest';
import { closestMatches, Suggester } from '../../src/ground/suggest.js';

describe('Suggester', () => {
  it('finds what closestMatches finds in a small set', () => {
    const names = ['fraud-detector', 'churn-predictor', 'credit-scorer'];
    expect(new Suggester(names).closest('fraud-detectr')).toEqual(closestMatches('fraud-detectr', names));
  });

  it('finds a name within two edits, or one the input begins, among many names', () => {
    const suggester = new Suggester(Array.from({ length: 20_000 }, (_, i) => `term-number-${i}`));
    expect(suggester.closest('term-numbr-17345')[0]).toBe('term-number-17345');
    expect(suggester.closest('Term-Nmuber-42')[0]).toBe('term-number-42');
    expect(suggester.closest('term-number-1734')[0]).toBe('term-number-1734');
    expect(suggester.closest('completely-else')).toEqual([]);
  });
});
