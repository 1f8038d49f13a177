// Fingerprints of several texts: the parts fed one by one hash as the parts joined.

import { describe, expect, it } from 'vitest';
import { contentHash, contentHashOfEach } from '../../src/ground/content-hash.js';

describe('contentHash', () => {
  it('tells apart parts that join alike', () => {
    expect(contentHash('a', 'bc')).not.toBe(contentHash('ab', 'c'));
    expect(contentHash('a')).not.toBe(contentHash('a', ''));
  });

  it('is the same fed part by part, for any text', () => {
    const parts = ['model:default/fraud', '{"row":{"title":"Détection — 詐欺"}}', '', 'x'.repeat(100_000), '😀'];
    expect(contentHashOfEach(parts)).toBe(contentHash(...parts));
    expect(contentHashOfEach([])).toBe(contentHash());
    expect(contentHashOfEach(parts.values())).toBe(contentHash(...parts));
  });
});
