#!/usr/bin/env node
// Site benchmark: build time and peak memory, largest page, largest search shard, and the time to
// the first search result in a real browser (Debian's chromium, when installed).
//
// Usage: node bench/site.mjs [sizes...]   (repositories from bench/generate.mjs, in bench/.work/)

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10000, 100000);

function largest(dir, filter) {
  let best = { file: '', size: 0 };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !filter(entry.name)) continue;
    const size = statSync(path.join(entry.parentPath, entry.name)).size;
    if (size > best.size) best = { file: path.relative(dir, path.join(entry.parentPath, entry.name)), size };
  }
  return best;
}

async function searchLatency(site, query) {
  if (!existsSync('/usr/bin/chromium')) return undefined;
  const { chromium } = await import('playwright-core');
  const server = createServer((request, response) => {
    const file = path.join(site, decodeURIComponent((request.url ?? '/').split('?')[0]));
    if (!file.startsWith(site) || !existsSync(file)) return response.writeHead(404).end();
    response
      .writeHead(200, {
        'content-type': file.endsWith('.html')
          ? 'text/html'
          : file.endsWith('.js')
            ? 'text/javascript'
            : file.endsWith('.css')
              ? 'text/css'
              : 'application/json',
      })
      .end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  let bytes = 0;
  page.on('response', async (response) => {
    if (response.url().includes('/search/')) bytes += (await response.body()).length;
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  const started = Date.now();
  await page.locator('#search-input').fill(query);
  await page.locator('#search-results li a').first().waitFor();
  const elapsed = Date.now() - started;
  await browser.close();
  server.close();
  return { elapsed, bytes };
}

for (const size of sizes) {
  const repo = path.join(root, 'bench', '.work', String(size));
  if (!existsSync(path.join(repo, 'dossier.yaml')))
    spawnSync(process.execPath, ['bench/generate.mjs', String(size), repo], { cwd: root, stdio: 'inherit' });
  const out = path.join(root, 'bench', '.work', `site-${size}`);
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, 'build/dossier.js', 'build', repo, '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  const [seconds, kilobytes] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  const page = largest(out, (name) => name.endsWith('.html'));
  const shard = largest(path.join(out, 'search'), (name) => name.endsWith('.json'));
  const search = await searchLatency(out, `features-${Math.floor(size / 26)}`);
  console.log(
    `${size} entities: build ${seconds}s, peak ${(kilobytes / 1024).toFixed(0)} MB; largest page ${(page.size / 1024).toFixed(0)} KB (${page.file}); largest search shard ${(shard.size / 1024).toFixed(0)} KB${search ? `; first search result after ${search.elapsed} ms, ${(search.bytes / 1024).toFixed(0)} KB of index fetched` : ''}`,
  );
}
