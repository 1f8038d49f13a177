import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src/cli/serve-command.js';

describe('dossier serve', () => {
  const root = path.resolve('/srv/site');
  it('maps URL paths to files inside the site, folders to their index.html', () => {
    expect(resolveInside(root, '/entity/model/default/m.html?x=1')).toBe(path.join(root, 'entity/model/default/m.html'));
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/kinds/')).toBe(path.join(root, 'kinds/index.html'));
    expect(resolveInside(root, '/entity/modelversion/default/m%402.html')).toBe(path.join(root, 'entity/modelversion/default/m@2.html'));
  });
  it('never serves anything outside the site', () => {
    for (const attempt of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/entity/../../secret', '/..%2fsecret', '/%E0%A4%A']) {
      expect(resolveInside(root, attempt), attempt).toBeUndefined();
    }
  });
});
