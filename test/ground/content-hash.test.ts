// Fingerprints of several texts: the parts fed one by one hash as the parts joined.

import { createHash } from 'node:crypto';
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

  it('is SHA-256, whose collisions nobody can make (a cached analysis must not stand for another text)', () => {
    expect(contentHash('a', 'b')).toBe(createHash('sha256').update('a\0b\0').digest('hex'));
    expect(contentHashOfEach(['a', 'b'])).toHaveLength(64);
  });
});
