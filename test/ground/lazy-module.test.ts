import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LAZY_PACKAGES, lazyModule } from '../../src/ground/lazy-module.js';
import { installedVersions } from '../../src/ground/package-root.js';

const require = createRequire(import.meta.url);

describe('lazyModule', () => {
  it('requires the package on the first call, not before, and returns the same module after', () => {
    // A name outside the list (the type allows only the listed packages): nothing is required until the call.
    const missing = lazyModule('dossier-no-such-package' as (typeof LAZY_PACKAGES)[number]);
    expect(() => missing()).toThrow(/dossier-no-such-package/);
    const yaml = lazyModule<typeof import('yaml')>('yaml');
    expect(yaml()).toBe(require('yaml'));
    expect(yaml()).toBe(yaml());
  });

  it('names packages whose installed versions key the caches', () => {
    const versions = installedVersions([...LAZY_PACKAGES, 'dossier-no-such-package']);
    expect(versions).toContain(`yaml@${(require('yaml/package.json') as { version: string }).version}`);
    expect(versions).toContain('dossier-no-such-package@?');
    expect(versions.filter((version) => version.endsWith('@?'))).toEqual(['dossier-no-such-package@?']);
  });
});
