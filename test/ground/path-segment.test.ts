import { describe, expect, it } from 'vitest';
import { pathSegment } from '../../src/ground/path-segment.js';

describe('pathSegment', () => {
  const cases: [string, string][] = [
    ['fraud-detector', 'fraud-detector'],
    ['a/b c', 'a-b-c'],
    ['.', '-'],
    ['..', '--'],
    ['...', '...'],
    ['con', 'con_'],
    ['CON', 'CON_'],
    ['nul.v2', 'nul_.v2'],
    ['com1', 'com1_'],
    ['lpt9', 'lpt9_'],
    ['console', 'console'],
    ['con-fusion', 'con-fusion'],
  ];
  for (const [value, segment] of cases) {
    it(`makes ${JSON.stringify(value)} ${JSON.stringify(segment)}`, () => {
      expect(pathSegment(value)).toBe(segment);
    });
  }
});
