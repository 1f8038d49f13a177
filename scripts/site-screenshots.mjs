// The README's screenshots of the catalog site: the example's Model, ModelVersion and Dataset pages and its list of models,
// whole, at 1280 and 390 px wide, written to docs/screenshots/. Run after `npm run build`:
//   node scripts/site-screenshots.mjs
// so that a change of the site's look shows in review as a change of these images.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';

const PAGES = {
  model: 'entity/model/default/fraud-detector.html',
  'model-version': 'entity/modelversion/default/fraud-detector@2.0.0.html',
  dataset: 'entity/dataset/default/transactions@2024-06.html',
  'model-list': 'kinds/model.html',
};
const WIDTHS = [1280, 390];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };

const work = mkdtempSync(path.join(tmpdir(), 'dossier-screenshots-'));
const site = path.join(work, '_site');
const out = path.resolve('docs/screenshots');
try {
  execFileSync(process.execPath, [path.resolve('build/dossier.js'), 'build', path.resolve('examples/ml-platform'), '--out', site], {
    stdio: 'ignore',
  });
  const server = createServer((request, response) => {
    const file = path.join(site, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  mkdirSync(out, { recursive: true });
  for (const [name, page] of Object.entries(PAGES))
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: 'light' });
      const tab = await context.newPage();
      await tab.goto(`${base}/${page}`);
      await tab.screenshot({ path: path.join(out, `${name}-${width}.png`), fullPage: true });
      await context.close();
      console.log(`docs/screenshots/${name}-${width}.png`);
    }
  await browser.close();
  server.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
