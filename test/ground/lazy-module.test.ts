import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lazyModule } from '../../src/ground/lazy-module.js';

describe('lazyModule', () => {
  it('requires the package on the first call, not before, and returns the same module after', () => {
    const missing = lazyModule('dossier-no-such-package');
    expect(() => missing()).toThrow(/dossier-no-such-package/);
    const yaml = lazyModule<typeof import('yaml')>('yaml');
    expect(yaml()).toBe(createRequire(import.meta.url)('yaml'));
    expect(yaml()).toBe(yaml());
  });
});
