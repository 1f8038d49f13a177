// The example site in a real browser (Debian's chromium, driven by playwright-core): navigation,
// search, console errors, broken links and accessibility (axe-core).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from '../../src/cli/serve-command.js';
import { EXAMPLE_ENTITY_PAGES, runCli } from '../helpers.js';
import { layoutShift } from './browser-session.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
};

let site: string;
let server: Server;
let browser: Browser;
let base: string;

let cwd: string;

beforeAll(async () => {
  // Not tempRepo(): that folder is removed after each test, and this site serves the whole suite.
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does this).`);
  cwd = mkdtempSync(path.join(tmpdir(), 'dossier-site-'));
  site = path.join(cwd, '_site');
  const run = await runCli(['build', path.resolve('examples/ml-platform'), '--out', site], { cwd });
  expect(run.code, run.stderr).toBe(0);
  server = createServer((request, response) => {
    const file = resolveInside(site, request.url ?? '/');
    if (file === undefined || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}, 60_000);

afterAll(async () => {
  await browser.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(cwd, { recursive: true, force: true });
});

async function openPage(pagePath: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/${pagePath}`);
  return { page, errors };
}

describe('the catalog site in a browser', () => {
  it('leads from home to a model, its version and its training data', async () => {
    const { page, errors } = await openPage('index.html');
    await page.getByRole('link', { name: 'Models', exact: true }).first().click();
    await page.getByRole('link', { name: 'fraud-detector', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Card fraud detector');
    await page.getByRole('link', { name: 'fraud-detector@2.0.0' }).first().click();
    await page.locator('section[aria-label="Training data"]').getByRole('link', { name: 'transactions@2024-06' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Labelled card transactions (June 2024)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a feature by name from the search box (/ to focus) and opens its page', async () => {
    const { page, errors } = await openPage('index.html');
    await page.keyboard.press('/');
    await page.keyboard.type('avg_amount_30d');
    const first = page.locator('#search-results li a').first();
    await expect.poll(() => first.textContent()).toBe('customer-transaction-stats');
    // The hit says it matched a feature, the query's words marked.
    const matched = page.locator('#search-results li .matched').first();
    await expect.poll(() => matched.textContent()).toBe('feature avg_amount_30d');
    expect(await matched.locator('mark').allTextContents()).toEqual(['avg', 'amount', '30d']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/featureview\/default\/customer-transaction-stats\.html$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ranks an exact name match first', async () => {
    const { page } = await openPage('kinds/model.html');
    await page.locator('#search-input').fill('transactions');
    await expect.poll(() => page.locator('#search-results li a').first().textContent()).toBe('transactions@2024-06');
    await page.close();
  });

  it('filters list pages', async () => {
    const { page, errors } = await openPage('kinds/modelversion.html');
    await page.locator('select[data-filter="stage"]').selectOption('production');
    await expect.poll(() => page.locator('table.entities tbody tr:not([hidden])').count()).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  const PAGE_KINDS = [
    'index.html',
    'kinds/model.html',
    'problems.html',
    'owners.html',
    'changes.html',
    'audit/default/fraud-detector.html',
    'compliance/eu-ai-act/default/credit-scorer.html',
    ...EXAMPLE_ENTITY_PAGES,
  ];
  for (const pagePath of PAGE_KINDS) {
    it(`has no serious or critical accessibility violations and no console errors: ${pagePath}`, async () => {
      const { page, errors } = await openPage(pagePath);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
      expect(serious).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  for (const pagePath of ['index.html', 'entity/model/default/fraud-detector.html', 'entity/dataset/default/transactions@2024-06.html']) {
    it(`has no serious or critical accessibility violations in the dark scheme: ${pagePath}`, async () => {
      const page = await (await browser.newContext({ colorScheme: 'dark' })).newPage();
      await page.goto(`${base}/${pagePath}`);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious).toEqual([]);
      await page.close();
    });
  }

  it('keeps the header one row of name and search, and the entity page’s navigation in view while reading', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${base}/entity/model/default/fraud-detector.html`);
    const brand = await page.locator('header.top .brand').boundingBox();
    const search = await page.locator('#search-input').boundingBox();
    expect(Math.abs((brand?.y ?? 0) + (brand?.height ?? 0) / 2 - ((search?.y ?? 0) + (search?.height ?? 0) / 2))).toBeLessThan(8);
    // Keyboard: the copy button and the navigation's links are reachable, and a link leads to its section.
    await expect.poll(() => page.locator('button.copy').isVisible()).toBe(true);
    // (The lineage, full width below the navigation's column, is read without it.)
    await page.locator('nav.toc a[href="#s-versions"]').focus();
    await page.keyboard.press('Enter');
    await page.mouse.wheel(0, 400);
    const toc = await page.locator('nav.toc').boundingBox();
    expect(toc?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(toc?.y ?? 1000).toBeLessThan(800);
    await page.close();
  });

  it('never wraps a date, even 390 px wide', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
    for (const pagePath of ['changes.html', 'entity/modelversion/default/fraud-detector@2.0.0.html']) {
      await page.goto(`${base}/${pagePath}`);
      const times = await page.locator('main time').all();
      expect(times.length, pagePath).toBeGreaterThan(0);
      // One line is under 30 px high; a wrapped date ("2024-07-" / "16") is two.
      for (const time of times.slice(0, 20)) expect((await time.boundingBox())?.height ?? 0, pagePath).toBeLessThan(30);
    }
    await page.close();
  });

  it('prints an entity page without the header, navigation or buttons', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/entity/modelversion/default/fraud-detector@2.0.0.html`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.top', 'nav.toc', 'button.copy']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
    expect(await page.locator('.facts-panel').isVisible()).toBe(true);
    await page.close();
  });

  it('paints each kind of entity page from a local file within a second, and moves nothing after load', async () => {
    const page = await (await browser.newContext()).newPage();
    // The first page pays for the browser's own start-up (fonts, the style sheet cache).
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    for (const pagePath of EXAMPLE_ENTITY_PAGES) {
      await page.goto(pathToFileURL(path.join(site, pagePath)).href, { waitUntil: 'load' });
      const paint = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const observer = new PerformanceObserver((entries) => {
              const first = entries.getEntriesByName('first-contentful-paint')[0];
              if (first !== undefined) resolve(first.startTime);
            });
            // A browser's entry type, which Node's types do not list.
            observer.observe({ type: 'paint', buffered: true } as unknown as Parameters<typeof observer.observe>[0]);
            setTimeout(() => {
              resolve(Infinity);
            }, 3000);
          }),
      );
      expect(paint, pagePath).toBeLessThan(1000);
      expect(await layoutShift(page), pagePath).toBeLessThan(0.01);
    }
    await page.close();
  });

  it('has no broken internal links', () => {
    const pages = readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => path.join(e.parentPath, e.name));
    const broken: string[] = [];
    for (const file of pages) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)) {
        const target = match[1] as string;
        if (/^(https?:|mailto:|data:)/.test(target)) continue;
        if (!existsSync(path.resolve(path.dirname(file), decodeURI(target)))) broken.push(`${path.relative(site, file)} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
