// Numbers as the site shows them: grouped the same on every machine, sizes in units people read.

import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from '../../src/site/numbers.js';

describe('numbers on the site', () => {
  it.each([
    [8700000, '8,700,000'],
    [950000, '950,000'],
    [999, '999'],
    [-1234.5, '-1,234.5'],
    [0.71, '0.71'],
    ['n/a', 'n/a'],
  ])('groups thousands with commas whatever the locale: %s', (value, shown) => {
    expect(formatCount(value)).toBe(shown);
  });

  it.each([
    [512, '512 bytes'],
    [24100000, '24.1 MB'],
    [100000000, '100 MB'],
    [2500000000, '2.5 GB'],
    [1_234_567_890_123, '1.23 TB'],
  ])('gives sizes in SI units: %s bytes', (value, shown) => {
    expect(formatBytes(value)).toBe(shown);
  });
});
