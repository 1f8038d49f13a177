import { describe, expect, it } from 'vitest';
import { closestMatches, didYouMean, Suggester } from '../../src/ground/suggest.js';

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

describe('suggestions for hostile names', () => {
  it('compare no name longer than the format allows by far, so thousands of long misspellings cost nothing', () => {
    const long = (seed: number) => Array.from({ length: 30_000 }, (_, i) => 'abcdefghij'[(i * seed) % 10]).join('');
    const members = Array.from({ length: 10 }, (_, i) => long(i + 1));
    for (let i = 0; i < 100; i++) expect(closestMatches(long(i + 11), members)).toEqual([]);
    expect(new Suggester([...members, ...Array.from({ length: 2_000 }, (_, i) => `f${i}`)]).closest(long(3))).toEqual([]);
    // (Compared, these 100 lookups took 300 s: the test would not end in its time.)
    // Listed as what is allowed, each is cut short: 20 of them in each of thousands of messages was gigabytes.
    expect(didYouMean(long(99), members, 'Features').length).toBeLessThan(20 * 140);
    // A name of ordinary length is still suggested next to them.
    expect(closestMatches('avg_amount_30', [...members, 'avg_amount_30d'])).toEqual(['avg_amount_30d']);
  });
});
