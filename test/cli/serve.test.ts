import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSiteServer, isLocalHost, resolveInside } from '../../src/cli/serve-command.js';
import { tempRepo } from '../helpers.js';

/** GET a path from a server on 127.0.0.1 with the given Host header. */
function get(port: number, urlPath: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: urlPath, headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

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

  it('serves no file a link leads to outside the site, answers only loopback hosts, and survives unreadable files', async () => {
    const outside = tempRepo({ 'secret.txt': 'root:x:0:0' });
    const site = tempRepo({ 'index.html': '<h1>catalog</h1>', 'locked.html': 'no' });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(site, 'secret.txt'));
    mkdirSync(path.join(site, 'inner'));
    writeFileSync(path.join(site, 'inner/page.html'), 'inner page');
    symlinkSync('inner/page.html', path.join(site, 'alias.html'));
    chmodSync(path.join(site, 'locked.html'), 0o000);
    const server = createSiteServer(site);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await get(port, '/')).toEqual({ status: 200, body: '<h1>catalog</h1>' });
      expect((await get(port, '/secret.txt')).status).toBe(404);
      expect(await get(port, '/alias.html')).toEqual({ status: 200, body: 'inner page' });
      // DNS rebinding: evil.example resolved to 127.0.0.1 by its owner.
      expect((await get(port, '/', 'evil.example')).status).toBe(421);
      expect((await get(port, '/', `evil.example:${port}`)).status).toBe(421);
      expect((await get(port, '/', `localhost:${port}`)).status).toBe(200);
      // Root reads anything: only an unprivileged user sees the read fail.
      if (process.getuid?.() !== 0) expect((await get(port, '/locked.html')).status).toBe(404);
      expect((await get(port, '/')).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('recognises loopback Host headers only', () => {
    for (const host of ['127.0.0.1', '127.0.0.1:8080', 'localhost:1', '[::1]:8080']) expect(isLocalHost(host), host).toBe(true);
    for (const host of [undefined, '', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil:80', '[::2]:80'])
      expect(isLocalHost(host), String(host)).toBe(false);
  });
});
