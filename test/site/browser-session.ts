// What the browser tests share: a built site served by `dossier serve`'s own server on 127.0.0.1,
// Debian's chromium (driven by playwright-core), and axe's serious and critical violations of a page.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSiteServer } from '../../src/cli/serve-command.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { runCli } from '../helpers.js';

export interface BrowserSession {
  browser: Browser;
  base: string;
  close: () => Promise<void>;
}

/** Serves `site` and starts the browser; `close` stops both. */
export async function browseSite(site: string): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`The browser tests need Debian's chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does this).`);
  const server = createSiteServer(site);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  return {
    browser,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A repository of these files built with `dossier build` into `site`, served and browsed; `close` removes it all. */
export async function buildAndBrowse(files: Record<string, string>): Promise<BrowserSession & { site: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'dossier-browse-'));
  const repo = path.join(work, 'repo');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  const site = path.join(work, '_site');
  const run = await runCli(['build', repo, '--out', site], { cwd: work });
  if (run.code !== 0) throw new Error(`dossier build exited with ${String(run.code)}: ${run.stderr}`);
  const session = await browseSite(site);
  return {
    ...session,
    site,
    close: async () => {
      await session.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** axe's serious and critical violations of the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** Console errors and uncaught exceptions of a page, as they happen. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** How much the page's layout shifted since it loaded (the Cumulative Layout Shift): 0 when its scripts move nothing. */
export async function layoutShift(page: Page): Promise<number> {
  return await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const observer = new PerformanceObserver((entries) => {
          for (const entry of entries.getEntries() as unknown as { value: number }[]) total += entry.value;
        });
        // A browser's entry type, which Node's types do not list.
        const layoutShifts: Record<string, unknown> = { type: 'layout-shift', buffered: true };
        observer.observe(layoutShifts as unknown as Parameters<typeof observer.observe>[0]);
        setTimeout(() => {
          resolve(total);
        }, 500);
      }),
  );
}
