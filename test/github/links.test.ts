import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobLinker } from '../../src/github/links.js';

describe('blobLinker', () => {
  const top = path.resolve('/repo');
  const link = blobLinker('https://github.com/acme/meta', { base: 'b'.repeat(40), head: 'a'.repeat(40) }, top, top);

  it('links a file of the repository at head, or at the base where the change is only there', () => {
    expect(link?.('models/a b.yaml', 3)).toBe(`https://github.com/acme/meta/blob/${'a'.repeat(40)}/models/a%20b.yaml#L3`);
    expect(link?.('gone.yaml', 1, true)).toBe(`https://github.com/acme/meta/blob/${'b'.repeat(40)}/gone.yaml#L1`);
  });

  it('links nowhere for a path out of the repository, and keeps ? and # in the path: a diff JSON may come from a fork', () => {
    expect(link?.('../../../../evilorg/evilrepo/issues/new', 1)).toBeUndefined();
    expect(link?.('/etc/passwd', 1)).toBeUndefined();
    expect(link?.('a?b#c.yaml', 2)).toBe(`https://github.com/acme/meta/blob/${'a'.repeat(40)}/a%3Fb%23c.yaml#L2`);
  });
});
